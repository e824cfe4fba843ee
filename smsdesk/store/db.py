"""The app's one SQLite database: WAL, schema version with ordered migrations, a copy before each migration.

The folder is private to the user (0700) and the file 0600 on POSIX; SQLite gives its -wal and -shm files the same
mode as the database. Environment problems (disk full, database locked, folder not writable, not a database) become
StoreError with a sentence for the user; programming errors (bad SQL, constraint violations) pass through untouched so
they show up as bugs.

Opening checks the file can be trusted (store/integrity.py: not empty, SQLite's quick_check, every table), and every
commit first checks that the file at the path is still the one this connection opened (StoreLost otherwise), then
runs `commit_checks` (the campaign lock's, store/locks.py) under the write lock.

A connection belongs to the thread that made it: worker threads call `open_another()`.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from smsdesk import paths
from smsdesk.core.account import Account
from smsdesk.store import integrity
from smsdesk.store.errors import StoreError, StoreLost
from smsdesk.store.schema import MIGRATIONS, SCHEMA_VERSION, sqlite_too_old

__all__ = [
    "BUSY_TIMEOUT_MS",
    "Database",
    "OptOut",
    "StoreError",
    "StoreLost",
    "environment_errors",
    "now_iso",
]

SANDBOX_ACCOUNT = "Sandbox"  # the built-in demo account, created on first start; provider "sandbox"
SANDBOX_PROVIDER = "sandbox"
DEFAULT_COUNTRY = "DK"

BUSY_TIMEOUT_MS = 5000  # how long a write waits for another connection's write before "database is locked"

# SQLite primary result codes that mean "the machine, not the program" (https://sqlite.org/rescode.html).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_NOMEM = 7
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_PROTOCOL = 15
_SQLITE_NOTADB = 26


_savepoint_numbers = itertools.count(1)
_pages_checked: set[tuple[str, int, int, int, int]] = (
    set()
)  # files this process found whole: no need to check again
_WATCHED_SUFFIXES = ("", "-wal")  # -shm is only an index of the -wal: SQLite rebuilds it


def _identity(path: Path | str) -> tuple[int, int]:
    """Which file is at `path` (on Windows too: os.stat fills st_dev/st_ino from the volume and file index)."""
    stat_ = os.stat(path)
    return stat_.st_dev, stat_.st_ino


def now_iso() -> str:
    """The timestamp format of every *_at column: UTC, ISO 8601, seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _describe_sqlite_error(exc: sqlite3.Error, path: Path) -> str | None:
    """A sentence for the user when `exc` is an environment problem; None when it looks like a bug."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    where = str(path)
    if primary == _SQLITE_FULL or "database or disk is full" in text:
        return f"The disk is full: SMSDesk cannot save to {where}. Free some space and try again."
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_PROTOCOL) or "database is locked" in text:
        return (
            f"The SMSDesk database is busy ({where}): another copy of SMSDesk or another program is using it. "
            "Close it and try again."
        )
    if primary in (_SQLITE_READONLY, _SQLITE_PERM) or "readonly database" in text:
        return f"SMSDesk cannot write to {where}: the file or its folder is read-only. Check its permissions."
    if primary == _SQLITE_CANTOPEN or "unable to open database" in text:
        return f"SMSDesk cannot open {where}: the folder is missing or not writable. Check its permissions."
    if primary == _SQLITE_NOTADB or "file is not a database" in text:
        return (
            f"{where} is not an SMSDesk database (or it is encrypted or damaged). "
            + integrity.backup_advice(path, integrity.newest_backup(path))
        )
    if primary == _SQLITE_CORRUPT or "malformed" in text:
        return f"The SMSDesk database {where} is damaged. " + integrity.backup_advice(
            path, integrity.newest_backup(path)
        )
    missing = re.search(r"no such table: (?:main\.)?(\w+)", text)
    if missing and missing.group(1) in integrity.expected_tables():
        # Every table is checked at open: one of ours gone since was dropped by another program.
        return f"The SMSDesk database {where} is damaged ({exc}). " + integrity.backup_advice(
            path, integrity.newest_backup(path)
        )
    if primary == _SQLITE_IOERR or "disk i/o error" in text:
        return f"A disk error stopped SMSDesk while using {where}. Check the disk and try again."
    if primary == _SQLITE_NOMEM:
        return "The computer ran out of memory while SMSDesk was using its database."
    return None


def environment_problem(exc: sqlite3.Error, path: Path | None = None) -> str | None:
    """The user's sentence for an SQLite error of the machine (disk, lock, damage) on the database; None: a bug."""
    return _describe_sqlite_error(exc, path if path is not None else paths.database_path())


def _describe_os_error(exc: OSError, path: Path) -> str:
    import errno

    if exc.errno == errno.ENOSPC:
        return f"The disk is full: SMSDesk cannot save to {path}. Free some space and try again."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"SMSDesk cannot write to {path}: permission denied or read-only. Check the folder's permissions."
        )
    return f"SMSDesk cannot use {path}: {exc.strerror or exc}"


@contextmanager
def environment_errors(path: Path) -> Iterator[None]:
    """Turn environment failures of SQLite or the file system into StoreError; let bugs through unchanged."""
    try:
        yield
    except StoreError:
        raise
    except sqlite3.Error as exc:
        message = _describe_sqlite_error(exc, path)
        if message is None:
            raise
        raise StoreError(message) from exc
    except OSError as exc:
        raise StoreError(_describe_os_error(exc, path)) from exc


@dataclass(frozen=True)
class OptOut:
    phone: str  # E.164
    added_at: str  # ISO 8601 UTC
    source: str | None  # "manual", a file name, "reply STOP"...


class Database:
    """One connection to the app's database. Opening the first one creates the file and migrates it."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else paths.database_path()
        self._owner_thread = threading.get_ident()
        too_old = sqlite_too_old()
        if too_old:
            raise StoreError(too_old)
        self._files: dict[str, tuple[int, int]] = {}  # the files this connection opened: name -> identity
        self.commit_checks: list[Callable[[sqlite3.Connection], None]] = []
        with environment_errors(self.path):
            self._prepare_file()
            integrity.check_not_empty(self.path)
            self.conn = self._connect()
            try:
                self._check_contents()
                old_version = self._migrate()
                integrity.check_tables(self.conn, self.path)
                self._ensure_defaults(first_start=old_version == 0)
                self._remember_files()
            except BaseException:
                self.conn.close()
                raise

    @classmethod
    def _attach(cls, path: Path) -> Database:
        """Another connection to an already migrated file (no migration, no defaults)."""
        self = cls.__new__(cls)
        self.path = path
        self._owner_thread = threading.get_ident()
        self._files = {}
        self.commit_checks = []
        with environment_errors(path):
            self.conn = self._connect()
            self._remember_files()
        return self

    def open_another(self) -> Database:
        """A new connection to the same file, for another thread (SQLite connections must not cross threads)."""
        return Database._attach(self.path)

    def __repr__(self) -> str:
        return f"<Database {str(self.path)!r}>"

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            conn.close()

    # -- file, connection, migrations ------------------------------------------------------------------------------

    def _prepare_file(self) -> None:
        """Create the folder (0700) and, on a first start, the database (0600)."""
        folder = self.path.parent
        posix = os.name == "posix"
        if not folder.exists():
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if posix:
                folder.chmod(0o700)
        elif posix and folder.resolve() == paths.data_dir().resolve():
            _tighten(folder, 0o700)  # our own folder, maybe made by an older version or by hand
        if not self.path.exists():
            self._create()
        if posix:
            _tighten(self.path, 0o600)

    def _create(self) -> None:
        """A first start: the database is built complete under a temporary name and then moved into place, so a
        crash never leaves an empty `smsdesk.sqlite3` behind, and an empty one always means contents lost."""
        temporary = self.path.with_name(f"{self.path.name}.new-{os.getpid()}-{threading.get_ident()}")
        # Made here rather than by SQLite so it is never readable by others, not even for a moment.
        os.close(os.open(temporary, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600))
        try:
            self.conn = sqlite3.connect(temporary, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            try:
                self._migrate()
                self._ensure_defaults(first_start=True)
                self.conn.execute("PRAGMA journal_mode = WAL")  # stored in the file: no -wal left beside it
            finally:
                self.conn.close()
            try:
                os.link(temporary, self.path)  # never over a file another SMSDesk made the same moment
            except FileExistsError:
                pass  # that other SMSDesk's file is as good
            except OSError:  # no hard links here (FAT, some network folders)
                if not self.path.exists():
                    os.replace(temporary, self.path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()

    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves (transaction()), nothing implicit.
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                # WAL needs shared memory; some network folders refuse it. Plain rollback journal still works.
                conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(
                "PRAGMA synchronous = NORMAL"
            )  # safe with WAL: a power cut loses at most the last commit
        except BaseException:
            conn.close()
            raise
        return conn

    def _check_contents(self) -> None:
        """SQLite's page check, once per process for a file that has not changed since."""
        stat_ = os.stat(self.path)
        key = (str(self.path.resolve()), stat_.st_dev, stat_.st_ino, stat_.st_size, stat_.st_mtime_ns)
        if key in _pages_checked:
            return
        integrity.check_pages(self.conn, self.path)
        _pages_checked.add(key)

    def _watched_paths(self) -> list[tuple[str, str]]:
        watched = getattr(self, "_watched", None)
        if watched is None:
            watched = self._watched = [(suffix, f"{self.path}{suffix}") for suffix in _WATCHED_SUFFIXES]
        return watched

    def _remember_files(self) -> None:
        for suffix, path in self._watched_paths():
            with contextlib.suppress(FileNotFoundError):
                self._files.setdefault(suffix, _identity(path))

    def check_files(self) -> None:
        """Raise StoreLost if the database (or its -wal) was deleted or replaced since this connection opened it:
        SQLite would go on writing into a file nobody will ever open again. Run before every commit."""
        for suffix, path in self._watched_paths():
            known = self._files.get(suffix)
            try:
                now = _identity(path)
            except FileNotFoundError:
                if known is None:
                    continue
                raise StoreLost(
                    f"The SMSDesk database {path} was deleted while SMSDesk was using it: nothing more is written, "
                    "so that no result is saved where nobody will find it."
                ) from None
            if known is None:
                self._files[suffix] = now  # SQLite made the -wal after we opened
            elif now != known:
                raise StoreLost(
                    f"The SMSDesk database {path} was replaced by another file while SMSDesk was using it: nothing "
                    "more is written to either."
                )

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> int:
        """Bring the file to SCHEMA_VERSION; returns the version it had."""
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer SMSDesk (database version {version}; this SMSDesk knows up "
                f"to version {SCHEMA_VERSION}). Install the newer SMSDesk, or move the file aside to start afresh."
            )
        if version == SCHEMA_VERSION:
            return version
        if version == 0 and integrity.has_tables(self.conn):
            raise StoreError(
                f"{self.path} is not an SMSDesk database (it holds tables but no SMSDesk version). "
                + integrity.backup_advice(self.path, integrity.newest_backup(self.path))
            )
        if version > 0:
            self.backup(self._backup_path(version))
        for number, sql in MIGRATIONS:
            if number <= version:
                continue
            self._apply_migration(number, sql)
        return version

    def _apply_migration(self, number: int, sql: str) -> None:
        # executescript() would commit a transaction opened with execute(), so BEGIN/COMMIT go in the script:
        # the migration and its version number land together or not at all.
        try:
            self.conn.executescript(
                f"BEGIN IMMEDIATE;\n{sql}\n;PRAGMA user_version = {int(number)};\nCOMMIT;"
            )
        except BaseException:
            if self.conn.in_transaction:
                self.conn.rollback()
            raise

    def _backup_path(self, version: int) -> Path:
        candidate = self.path.with_name(f"{self.path.name}.v{version}.bak")
        counter = 2
        while candidate.exists():  # never overwrite an earlier copy: it may be the only good one
            candidate = self.path.with_name(f"{self.path.name}.v{version}.{counter}.bak")
            counter += 1
        return candidate

    def backup(self, target: Path) -> Path:
        """A consistent copy of the database (SQLite's backup API, safe while others use it), private like it."""
        target = Path(target)
        with environment_errors(target):
            fd = os.open(target, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
            os.close(fd)
            copy = sqlite3.connect(target)
            try:
                self.conn.backup(copy)
            finally:
                copy.close()
            if os.name == "posix":
                _tighten(target, 0o600)
        return target

    def _ensure_defaults(self, *, first_start: bool) -> None:
        if not first_start and self.get_setting("default_country") is not None:
            return  # nothing to write: opening must not wait for another process's write lock
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO settings (key, value) VALUES ('default_country', ?)",
                (DEFAULT_COUNTRY,),
            )
            if first_start:
                conn.execute(
                    "INSERT OR IGNORE INTO accounts (name, provider, options, created_at) VALUES (?, ?, '{}', ?)",
                    (SANDBOX_ACCOUNT, SANDBOX_PROVIDER, now_iso()),
                )
                conn.execute(
                    "INSERT OR IGNORE INTO settings (key, value) VALUES ('default_account', ?)",
                    (SANDBOX_ACCOUNT,),
                )

    # -- transactions ----------------------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception. Nested calls become savepoints."""
        conn = self.conn
        with environment_errors(self.path):
            if conn.in_transaction:
                name = f"sp_{next(_savepoint_numbers)}"
                conn.execute(f"SAVEPOINT {name}")
                try:
                    yield conn
                except BaseException:
                    conn.execute(f"ROLLBACK TO {name}")
                    conn.execute(f"RELEASE {name}")
                    raise
                conn.execute(f"RELEASE {name}")
                return
            # IMMEDIATE takes the write lock up front, so two writers wait (busy_timeout) instead of deadlocking.
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                # Under the write lock, so no other SMSDesk can slip in between these checks and the commit.
                self.check_files()
                for check in self.commit_checks:
                    check(conn)
            except BaseException:
                if conn.in_transaction:
                    conn.rollback()
                raise
            conn.execute("COMMIT")

    def _read(self, sql: str, params: Iterable[object] = ()) -> list[sqlite3.Row]:
        with environment_errors(self.path):
            return self.conn.execute(sql, tuple(params)).fetchall()

    # -- settings --------------------------------------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        rows = self._read("SELECT value FROM settings WHERE key = ?", (key,))
        return rows[0]["value"] if rows else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, str(value)),
            )

    def delete_setting(self, key: str) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM settings WHERE key = ?", (key,))

    def get_int(self, key: str, default: int | None = None) -> int | None:
        value = self.get_setting(key)
        try:
            return int(value) if value is not None else default
        except ValueError:
            return default  # a hand-edited or older value: the default is safer than a crash

    def get_float(self, key: str, default: float | None = None) -> float | None:
        value = self.get_setting(key)
        try:
            return float(value) if value is not None else default
        except ValueError:
            return default

    def get_bool(self, key: str, default: bool = False) -> bool:
        value = self.get_setting(key)
        if value is None:
            return default
        return value.strip().lower() in {"1", "true", "yes", "on"}

    def set_bool(self, key: str, value: bool) -> None:
        self.set_setting(key, "1" if value else "0")

    def get_json(self, key: str, default: object = None) -> object:
        value = self.get_setting(key)
        if value is None:
            return default
        try:
            return json.loads(value)
        except ValueError:
            return default

    def set_json(self, key: str, value: object) -> None:
        self.set_setting(key, json.dumps(value, ensure_ascii=False))

    @property
    def default_country(self) -> str:
        return self.get_setting("default_country") or DEFAULT_COUNTRY

    @property
    def default_account(self) -> str | None:
        return self.get_setting("default_account")

    # -- accounts (never a secret) ---------------------------------------------------------------------------------

    def list_accounts(self) -> list[Account]:
        return [
            _account_from_row(row)
            for row in self._read("SELECT * FROM accounts ORDER BY name COLLATE NOCASE")
        ]

    def get_account(self, name: str) -> Account | None:
        rows = self._read("SELECT * FROM accounts WHERE name = ?", (name,))
        return _account_from_row(rows[0]) if rows else None

    def save_account(self, account: Account) -> None:
        """Insert or update by name. The first account saved while there is no default becomes the default."""
        if not account.name or not account.name.strip():
            raise ValueError("An account needs a name")
        options = json.dumps(dict(account.options or {}), ensure_ascii=False, sort_keys=True)
        with self.transaction() as conn:
            conn.execute(
                """
                INSERT INTO accounts (name, provider, username, sender, base_url, options, price_per_segment,
                                      max_per_minute, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET
                    provider = excluded.provider, username = excluded.username, sender = excluded.sender,
                    base_url = excluded.base_url, options = excluded.options,
                    price_per_segment = excluded.price_per_segment, max_per_minute = excluded.max_per_minute
                """,
                (
                    account.name,
                    account.provider,
                    account.username,
                    account.sender,
                    account.base_url,
                    options,
                    account.price_per_segment,
                    account.max_per_minute,
                    now_iso(),
                ),
            )
            conn.execute(
                "INSERT OR IGNORE INTO settings (key, value) VALUES ('default_account', ?)", (account.name,)
            )

    def remove_account(self, name: str) -> bool:
        """Remove the row (the caller removes the keyring entry). A removed default passes to another account."""
        with self.transaction() as conn:
            removed = conn.execute("DELETE FROM accounts WHERE name = ?", (name,)).rowcount > 0
            if removed and self.get_setting("default_account") == name:
                row = conn.execute(
                    "SELECT name FROM accounts ORDER BY name COLLATE NOCASE LIMIT 1"
                ).fetchone()
                if row is None:
                    conn.execute("DELETE FROM settings WHERE key = 'default_account'")
                else:
                    conn.execute(
                        "UPDATE settings SET value = ? WHERE key = 'default_account'", (row["name"],)
                    )
        return removed

    # -- opt-outs (E.164) ------------------------------------------------------------------------------------------

    def opt_outs(self) -> set[str]:
        return {row["phone"] for row in self._read("SELECT phone FROM opt_outs")}

    def list_opt_outs(self) -> list[OptOut]:
        rows = self._read("SELECT phone, added_at, source FROM opt_outs ORDER BY added_at, phone")
        return [OptOut(row["phone"], row["added_at"], row["source"]) for row in rows]

    def is_opted_out(self, phone: str) -> bool:
        return bool(self._read("SELECT 1 FROM opt_outs WHERE phone = ?", (phone,)))

    def add_opt_outs(self, phones: Iterable[str], source: str) -> int:
        """Add numbers (E.164); ones already there keep their first date and source. Returns how many were new."""
        when = now_iso()
        unique = list(dict.fromkeys(p for p in phones if p))
        with self.transaction() as conn:
            before = conn.total_changes
            conn.executemany(
                "INSERT OR IGNORE INTO opt_outs (phone, added_at, source) VALUES (?, ?, ?)",
                [(phone, when, source) for phone in unique],
            )
            return conn.total_changes - before

    def remove_opt_out(self, phone: str) -> bool:
        with self.transaction() as conn:
            return conn.execute("DELETE FROM opt_outs WHERE phone = ?", (phone,)).rowcount > 0


def _account_from_row(row: sqlite3.Row) -> Account:
    try:
        options = json.loads(row["options"] or "{}")
    except ValueError:
        options = {}
    if not isinstance(options, dict):
        options = {}
    return Account(
        name=row["name"],
        provider=row["provider"],
        username=row["username"],
        sender=row["sender"],
        base_url=row["base_url"],
        options=options,
        price_per_segment=row["price_per_segment"],
        max_per_minute=row["max_per_minute"],
    )


def _tighten(path: Path, mode: int) -> None:
    """Remove group/other permissions where we may (a file on a FAT stick or someone else's folder: leave it)."""
    try:
        if stat.S_IMODE(path.stat().st_mode) != mode:
            path.chmod(mode)
    except PermissionError:
        pass
