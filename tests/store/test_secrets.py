"""secrets.py with a fake keyring: round trip, refusal without a real OS store, errors without the secret."""

from __future__ import annotations

import threading

import keyring.backends.chainer
import keyring.backends.fail
import keyring.backends.null
import keyring.core
import pytest

from smsdesk.core.account import Account
from smsdesk.store import secrets
from smsdesk.store.secrets import SERVICE, SecretStoreError
from tests.store.fixtures import fake_keyring

SECRET = "s3cr3t-ApiKey-6a1f"


@pytest.fixture
def memory(monkeypatch):
    return fake_keyring.install(monkeypatch)


def test_round_trip_under_our_service_name(memory):
    secrets.save_secret("Butik", SECRET)
    assert memory.passwords == {(SERVICE, "Butik"): SECRET}
    assert secrets.get_secret("Butik") == SECRET
    secrets.save_secret("Butik", SECRET + "2")
    assert secrets.get_secret("Butik") == SECRET + "2"
    secrets.delete_secret("Butik")
    assert secrets.get_secret("Butik") is None
    secrets.delete_secret("Butik")  # nothing saved is not an error


def test_backend_info_secure(memory):
    info = secrets.backend_info()
    assert info == secrets.BackendInfo(name="Memory Keyring (tests)", secure=True, advice=None)


def test_empty_secret_is_refused(memory):
    with pytest.raises(SecretStoreError, match="empty"):
        secrets.save_secret("Butik", "")
    assert memory.passwords == {}


@pytest.mark.parametrize(
    "backend",
    [keyring.backends.fail.Keyring(), keyring.backends.null.Keyring()],
    ids=["fail", "null"],
)
def test_no_secure_backend_refuses_and_says_what_to_install(monkeypatch, backend):
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)
    info = secrets.backend_info()
    assert info.secure is False
    assert info.advice and "gnome-keyring" in info.advice
    with pytest.raises(SecretStoreError) as caught:
        secrets.save_secret("Butik", SECRET)
    assert "no secure password store" in str(caught.value)
    assert "gnome-keyring" in str(caught.value)
    assert SECRET not in str(caught.value)
    with pytest.raises(SecretStoreError):
        secrets.get_secret("Butik")


def test_a_plain_text_store_is_never_used(monkeypatch):
    plaintext = fake_keyring.install(monkeypatch, trusted=False)
    assert secrets.backend_info().secure is False
    with pytest.raises(SecretStoreError):
        secrets.save_secret("Butik", SECRET)
    assert plaintext.passwords == {}


def test_chainer_uses_only_its_secure_member(monkeypatch):
    secure = fake_keyring.MemoryKeyring("secure one")
    plaintext = fake_keyring.MemoryKeyring("plain one")
    plaintext.passwords[(SERVICE, "Butik")] = "from-the-plain-file"
    original = secrets._is_secure
    monkeypatch.setattr(secrets, "_is_secure", lambda b: True if b is secure else original(b))
    # keyring's chainer asks every viable backend in priority order; the plain one comes first here.
    monkeypatch.setattr(keyring.backends.chainer.ChainerBackend, "backends", [plaintext, secure])
    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.backends.chainer.ChainerBackend())
    assert secrets.backend_info().name == "secure one"
    assert secrets.get_secret("Butik") is None  # the plain file's value is never read
    secrets.save_secret("Butik", SECRET)
    assert secure.passwords == {(SERVICE, "Butik"): SECRET}
    assert plaintext.passwords == {(SERVICE, "Butik"): "from-the-plain-file"}


def test_locked_keyring_gives_a_clear_message_without_the_secret(memory):
    memory.locked = True
    for call in (lambda: secrets.save_secret("Butik", SECRET), lambda: secrets.get_secret("Butik")):
        with pytest.raises(SecretStoreError) as caught:
            call()
        message = str(caught.value)
        assert "locked" in message and "Butik" in message
        assert SECRET not in message and SECRET not in repr(caught.value)
    with pytest.raises(SecretStoreError) as caught:
        secrets.save_secret("Butik", SECRET)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_backend_error_quoting_the_secret_is_redacted(memory, monkeypatch):
    import secretstorage.exceptions

    def refuse(service, username, password):
        raise secretstorage.exceptions.SecretServiceNotAvailableException(f"cannot store {password} now")

    monkeypatch.setattr(memory, "set_password", refuse)
    with pytest.raises(SecretStoreError) as caught:
        secrets.save_secret("Butik", SECRET)
    assert SECRET not in str(caught.value)
    assert "***" in str(caught.value)


def test_programming_errors_are_not_wrapped(memory, monkeypatch):
    def broken(service, username):
        raise TypeError("a bug")

    monkeypatch.setattr(memory, "get_password", broken)
    with pytest.raises(TypeError):
        secrets.get_secret("Butik")


def test_keyring_calls_are_serialised(memory, monkeypatch):
    inside = 0
    most = 0
    guard = threading.Lock()
    original = memory.set_password

    def slow_set(service, username, password):
        nonlocal inside, most
        with guard:
            inside += 1
            most = max(most, inside)
        threading.Event().wait(0.002)  # widen the window two unserialised calls would overlap in
        original(service, username, password)
        with guard:
            inside -= 1

    monkeypatch.setattr(memory, "set_password", slow_set)
    threads = [threading.Thread(target=secrets.save_secret, args=(f"A{i}", SECRET)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == 1
    assert len(memory.passwords) == 8


def test_sandbox_needs_no_keyring(monkeypatch):
    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.backends.fail.Keyring())
    assert secrets.secret_for(Account(name="Sandbox", provider="sandbox")) == "sandbox"
    secrets.forget_account_secret(Account(name="Sandbox", provider="sandbox"))


def test_secret_for_a_real_account(memory):
    account = Account(name="Butik", provider="cpsms", username="shop")
    with pytest.raises(SecretStoreError, match="No key saved for account 'Butik': add it in Manage accounts"):
        secrets.secret_for(account)
    secrets.save_secret("Butik", SECRET)
    assert secrets.secret_for(account) == SECRET
    secrets.forget_account_secret(account)
    assert secrets.get_secret("Butik") is None


def test_forget_without_a_secure_store_is_a_no_op(monkeypatch):
    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.backends.fail.Keyring())
    secrets.forget_account_secret(Account(name="Butik", provider="cpsms"))


def test_only_secrets_py_imports_keyring():
    from pathlib import Path

    import smsdesk

    root = Path(smsdesk.__file__).parent
    importers = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if any(
            line.strip().startswith(("import keyring", "from keyring"))
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    )
    assert importers == ["store/secrets.py"]
