"""The only module that touches `keyring`. No usable OS store: refuse to save, never fall back to plain text.

CONTRACT STUB — replaced by the implementation; keep these names and shapes.
"""

from __future__ import annotations

from dataclasses import dataclass

SERVICE = "SMSDesk"


class SecretStoreError(Exception):
    """No secure store, or it refused; str() says what to install or do."""


@dataclass(frozen=True)
class BackendInfo:
    name: str  # e.g. "SecretService Keyring", "Windows WinVaultKeyring"
    secure: bool  # a real OS store
    advice: str | None  # what to install when not secure


def backend_info() -> BackendInfo: ...
def save_secret(account_name: str, secret: str) -> None: ...
def get_secret(account_name: str) -> str | None: ...
def delete_secret(account_name: str) -> None: ...
