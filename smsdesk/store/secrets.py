"""The only module that touches `keyring`. No usable OS store: refuse to save, never fall back to plain text.

Secrets are stored under the service name SERVICE with the account name as the key. We call the backend ourselves
rather than keyring's top-level functions: when keyring's chainer would consult several backends we pick the secure
one and never hand a secret to (or read one from) anything else, so keyrings.alt's plain-text or "encrypted file"
stores are never used even when installed or configured.

keyring and its D-Bus/Win32 plumbing are not thread-safe: every call goes through one module lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import keyring
import keyring.backend
import keyring.errors

if TYPE_CHECKING:
    from smsdesk.core.account import Account

SERVICE = "SMSDesk"
SANDBOX_SECRET = "sandbox"  # the built-in demo account's fixed key: not a secret, never stored

# Backends that keep secrets in the operating system's own store, by the module that defines them.
SECURE_BACKEND_MODULES: tuple[str, ...] = (
    "keyring.backends.SecretService",  # GNOME Keyring, KeePassXC... over D-Bus (Linux)
    "keyring.backends.libsecret",  # the same store through libsecret (Linux)
    "keyring.backends.kwallet",  # KDE Wallet (Linux)
    "keyring.backends.macOS",  # macOS Keychain
    "keyring.backends.Windows",  # Windows Credential Manager (WinVault)
)

_lock = threading.RLock()
_T = TypeVar("_T")


class SecretStoreError(Exception):
    """No secure store, or it refused; str() says what to install or do."""


@dataclass(frozen=True)
class BackendInfo:
    name: str  # e.g. "SecretService Keyring", "Windows WinVaultKeyring"
    secure: bool  # a real OS store
    advice: str | None  # what to install when not secure


def _advice() -> str:
    import sys

    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return (
            "Install and unlock gnome-keyring (or another Secret Service such as KeePassXC, or KDE Wallet), "
            "then start SMSDesk again from your desktop session."
        )
    if sys.platform == "darwin":
        return "SMSDesk could not reach the macOS Keychain; make sure you are logged in to a desktop session."
    if sys.platform == "win32":
        return "SMSDesk could not reach Windows Credential Manager; make sure you are logged in to Windows."
    return "Install an operating-system password store that Python's keyring library supports."


def _is_secure(backend: keyring.backend.KeyringBackend) -> bool:
    module = type(backend).__module__
    return any(module == secure or module.startswith(secure + ".") for secure in SECURE_BACKEND_MODULES)


def _backend_name(backend: keyring.backend.KeyringBackend) -> str:
    name = getattr(backend, "name", None)
    return str(name) if name else type(backend).__name__


def _candidates(backend: keyring.backend.KeyringBackend) -> list[keyring.backend.KeyringBackend]:
    """The backend itself, or, for keyring's chainer, the backends it would consult (best first)."""
    from keyring.backends.chainer import ChainerBackend

    if isinstance(backend, ChainerBackend):
        return list(backend.backends)
    return [backend]


def _secure_backend() -> tuple[keyring.backend.KeyringBackend | None, str]:
    """The secure backend we use (or None) and the name to show for what keyring offers."""
    with _lock:
        try:
            chosen = keyring.get_keyring()
        except Exception as exc:  # a broken keyring config file or backend import: report, never crash
            if not _is_environment_error(exc):
                raise
            return None, f"unavailable ({type(exc).__name__})"
        for candidate in _candidates(chosen):
            if _is_secure(candidate):
                return candidate, _backend_name(candidate)
        return None, _backend_name(chosen)


def backend_info() -> BackendInfo:
    backend, name = _secure_backend()
    if backend is not None:
        return BackendInfo(name=name, secure=True, advice=None)
    return BackendInfo(name=name, secure=False, advice=_advice())


def _is_environment_error(exc: BaseException) -> bool:
    """Errors of the keyring, D-Bus or the OS store (not bugs in our code)."""
    if isinstance(exc, keyring.errors.KeyringError | OSError | EOFError | TimeoutError):
        return True
    module = type(exc).__module__ or ""
    return module.split(".")[0] in {
        "secretstorage",
        "jeepney",
        "dbus",
        "dbus_next",
        "gi",
        "pywintypes",
        "win32ctypes",
        "keyring",
        "keyrings",
    }


def _clean(text: str, secret: str | None) -> str:
    if secret:
        text = text.replace(secret, "***")
    return " ".join(text.split())[:200]


@contextmanager
def _keyring_errors(action: str, account_name: str, secret: str | None = None) -> Iterator[None]:
    try:
        yield
    except SecretStoreError:
        raise
    except Exception as exc:
        if not _is_environment_error(exc):
            raise
        if isinstance(exc, keyring.errors.KeyringLocked):
            detail = "the keyring is locked; unlock it (log in again or open your password manager) and retry"
        else:
            detail = _clean(str(exc), secret) or type(exc).__name__
        error = SecretStoreError(
            f"Could not {action} the key of account {account_name!r} in the keyring: {detail}"
        )
        if secret:  # the original exception's args could quote what it was given: do not chain it
            raise error from None
        raise error from exc


def _with_backend(action: str, account_name: str, call: Callable[[keyring.backend.KeyringBackend], _T]) -> _T:
    backend, name = _secure_backend()
    if backend is None:
        raise SecretStoreError(
            f"Cannot {action} the key of account {account_name!r}: no secure password store is available "
            f"(keyring offers {name!r}). {_advice()}"
        )
    with _lock:
        return call(backend)


# Around a pasted key: spaces, tabs, line breaks, no-break and zero-width spaces, a byte-order mark.
_AROUND_A_KEY = " \t\r\n\v\f\u00a0\u200b\u2060\ufeff"


def entered_secret(text: str | None) -> str:
    """A key as the user typed or pasted it, without the stray whitespace around it (a copied line break would
    otherwise be sent, and refused, with every request). Inside the key nothing is touched."""
    return (text or "").strip(_AROUND_A_KEY)


def save_secret(account_name: str, secret: str) -> None:
    if not secret:
        raise SecretStoreError(f"The key of account {account_name!r} is empty; nothing to save")
    with _keyring_errors("save", account_name, secret):
        _with_backend(
            "save", account_name, lambda backend: backend.set_password(SERVICE, account_name, secret)
        )


def get_secret(account_name: str) -> str | None:
    with _keyring_errors("read", account_name):
        return _with_backend(
            "read", account_name, lambda backend: backend.get_password(SERVICE, account_name)
        )


def delete_secret(account_name: str) -> None:
    """Remove the account's key; no key saved is not an error."""

    def delete(backend: keyring.backend.KeyringBackend) -> None:
        if backend.get_password(SERVICE, account_name) is None:
            return
        try:
            backend.delete_password(SERVICE, account_name)
        except keyring.errors.PasswordDeleteError:
            if backend.get_password(SERVICE, account_name) is not None:
                raise

    with _keyring_errors("delete", account_name):
        _with_backend("delete", account_name, delete)


def needs_secret(account: Account) -> bool:
    """The built-in sandbox works without a key (first start must work with no keyring at all)."""
    return account.provider != "sandbox"


def secret_for(account: Account) -> str:
    """The key to give the account's provider, or SecretStoreError saying what to do."""
    if not needs_secret(account):
        return SANDBOX_SECRET
    secret = get_secret(account.name)
    if not secret:
        raise SecretStoreError(f"No key saved for account {account.name!r}: add it in Manage accounts")
    return secret


def forget_account_secret(account: Account) -> None:
    """Before removing an account: delete its key. Without a secure store we never saved one, so nothing to do."""
    if not needs_secret(account):
        return
    if not backend_info().secure:
        return
    delete_secret(account.name)
