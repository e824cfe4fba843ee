"""The app's one SQLite database: WAL, schema version with ordered migrations, a copy before each migration.

CONTRACT STUB — replaced by the implementation; keep these names and shapes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from smsdesk.providers.base import Account


class StoreError(Exception):
    """An environment problem (disk full, database locked, folder not writable): str() is for the user."""


SANDBOX_ACCOUNT = "Sandbox"  # the built-in demo account, created on first start; provider "sandbox"


class Database:
    def __init__(self, path: Path | None = None): ...  # default smsdesk.paths.database_path(); migrates

    path: Path
    conn: sqlite3.Connection  # one per thread: use Database.open_another() in worker threads

    def open_another(self) -> Database: ...  # a new connection to the same file, for another thread
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]: ...
    def close(self) -> None: ...

    # settings ("default_country", "default_account", ...)
    def get_setting(self, key: str, default: str | None = None) -> str | None: ...
    def set_setting(self, key: str, value: str) -> None: ...

    # accounts (never a secret)
    def list_accounts(self) -> list[Account]: ...
    def get_account(self, name: str) -> Account | None: ...
    def save_account(self, account: Account) -> None: ...  # insert or update
    def remove_account(self, name: str) -> None: ...

    # opt-outs (E.164)
    def opt_outs(self) -> set[str]: ...
    def add_opt_outs(self, phones: list[str], source: str) -> int: ...  # returns how many were new
    def remove_opt_out(self, phone: str) -> None: ...
