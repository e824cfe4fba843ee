"""Is the database file the one we can trust, and if not, which backup to offer.

A zero-length file is never a first start here: SMSDesk builds a new database under a temporary name and moves it
into place complete (store/db.py), so an empty `smsdesk.sqlite3` means one that was emptied (a disk problem, a sync
tool, a hand). A file that fails SQLite's `PRAGMA quick_check` or lacks a table is never written into either. Each
case raises DatabaseDamaged naming the newest `*.bak` copy beside the file, which `restore()` puts back.
"""

from __future__ import annotations

import functools
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from smsdesk.store.errors import DatabaseDamaged, StoreError
from smsdesk.store.schema import MIGRATIONS

RESTORE_COMMAND = "smsdesk db restore"


def backups(path: Path) -> list[Path]:
    """The copies taken before upgrades (`smsdesk.sqlite3.v2.bak`, ...), newest first."""
    found = [p for p in path.parent.glob(f"{path.name}.*.bak") if p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def newest_backup(path: Path) -> Path | None:
    try:
        found = backups(path)
    except OSError:
        return None
    return found[0] if found else None


def backup_advice(path: Path, backup: Path | None) -> str:
    """What to do about a damaged database, as one sentence for the command line."""
    if backup is None:
        return (
            f"There is no backup beside it: move {path.name} aside (keep it: it may be recoverable) to start "
            "afresh with no accounts or history."
        )
    when = datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    return (
        f"The newest backup is {backup} ({when}): restore it with `{RESTORE_COMMAND}` (the damaged file is kept "
        f"beside it), or copy that file to {path}."
    )


def damaged(path: Path, problem: str, detail: str) -> DatabaseDamaged:
    backup = newest_backup(path)
    what = {
        DatabaseDamaged.EMPTY: f"The SMSDesk database {path} is empty (0 bytes): its accounts and history are gone",
        DatabaseDamaged.CORRUPT: f"The SMSDesk database {path} is damaged ({detail}); nothing will be sent into it",
        DatabaseDamaged.MISSING_TABLE: f"The SMSDesk database {path} is damaged: {detail}",
    }[problem]
    return DatabaseDamaged(
        f"{what}. {backup_advice(path, backup)}", path=path, problem=problem, detail=detail, backup=backup
    )


def check_not_empty(path: Path) -> None:
    """Before opening: an existing file of 0 bytes is a database that lost its contents."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    if size == 0:
        raise damaged(path, DatabaseDamaged.EMPTY, "0 bytes")


def check_pages(conn: sqlite3.Connection, path: Path) -> None:
    """SQLite's own check of every page (quick_check: the b-trees, not the index contents; ~25 ms for 40 MB)."""
    rows = conn.execute("PRAGMA quick_check(3)").fetchall()
    answers = [str(row[0]) for row in rows]
    if answers != ["ok"]:
        first = answers[0].replace("*** in database main ***", "").strip().splitlines()
        raise damaged(path, DatabaseDamaged.CORRUPT, first[0] if first else "quick_check failed")


@functools.cache
def expected_tables() -> frozenset[str]:
    """The tables the current schema has: the migrations applied to an empty in-memory database."""
    conn = sqlite3.connect(":memory:")
    try:
        for _number, sql in MIGRATIONS:
            conn.executescript(sql)
        return frozenset(
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not row[0].startswith("sqlite_")
        )
    finally:
        conn.close()


def check_tables(conn: sqlite3.Connection, path: Path) -> None:
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = sorted(expected_tables() - present)
    if missing:
        names = ", ".join(missing)
        raise damaged(
            path, DatabaseDamaged.MISSING_TABLE, f"the table{'s' if len(missing) > 1 else ''} {names} missing"
        )


def has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").fetchone() is not None


def restore(path: Path, backup: Path | None = None) -> tuple[Path, Path | None]:
    """Put `backup` (default: the newest) in place of the database; the file it replaces, with its -wal and -shm,
    is moved aside, never deleted. Returns (the backup used, where the old file went or None)."""
    backup = Path(backup) if backup is not None else newest_backup(path)
    if backup is None:
        raise StoreError(f"There is no backup of {path} to restore (no {path.name}.*.bak beside it).")
    if not backup.is_file():
        raise StoreError(f"{backup}: no such file")
    _check_backup(backup)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    temporary = path.with_name(f"{path.name}.restoring-{os.getpid()}")
    try:
        source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            os.close(os.open(temporary, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600))
            target = sqlite3.connect(temporary)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
        moved = None
        if path.exists():
            os.replace(path, aside)
            moved = aside
        for suffix in (
            "-wal",
            "-shm",
        ):  # they belong to the file moved aside; with the backup they would damage it
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                os.replace(companion, aside.with_name(aside.name + suffix))
        os.replace(temporary, path)
    except OSError as exc:
        raise StoreError(f"Could not restore {backup} to {path}: {exc.strerror or exc}") from exc
    except sqlite3.Error as exc:
        raise StoreError(f"Could not restore {backup} to {path}: {exc}") from exc
    finally:
        if temporary.exists():
            temporary.unlink()
    return backup, moved


def _check_backup(backup: Path) -> None:
    try:
        conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            answer = conn.execute("PRAGMA quick_check(1)").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError(f"The backup {backup} cannot be read either ({exc}): it was not restored.") from exc
    if not answer or answer[0] != "ok":
        raise StoreError(f"The backup {backup} is damaged too: it was not restored.")
