"""One sender per campaign: an OS lock on a small file per campaign, with a record of who holds it.

The lock is the operating system's (flock on POSIX, msvcrt byte locks on Windows), so it dies with its process:
after a crash, a kill or a power cut nothing is left that blocks a resume; a lock file left behind by a dead
process is just a file, taken by the next sender. The file holds a record (process id, computer, since when),
so "busy" can say which SMSDesk is sending.

A user can delete the file (POSIX lets a held file be deleted), and then another SMSDesk could lock a new file of
the same name and touch the campaign. So while a campaign is held, every commit of its database connection checks,
under SQLite's write lock, that the file at the lock's path is still the one locked. If not, the lock is taken again
and the run goes on only if nobody touched the campaign meanwhile (its state and updated_at as this holder last
committed them); otherwise LockLost stops the run: the journal keeps what was recorded, and nobody is texted twice.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import logging
import os
import re
import socket
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from smsdesk.store.errors import StoreLost

log = logging.getLogger(__name__)

LOCKS_FOLDER = "locks"  # beside the database
# Windows locks are mandatory: the locked byte lies far past the record, so others can still read who holds it.
_WINDOWS_LOCK_OFFSET = 1 << 20
_RECORD_LIMIT = 4096
WINDOWS = os.name == "nt"  # which OS lock: msvcrt byte locks, else flock
_ENDED_HOLDER_GRACE = 2.0  # seconds


@dataclass(frozen=True)
class LockHolder:
    """Who holds a campaign's lock, as its record says."""

    pid: int | None
    since: str | None  # ISO 8601 UTC
    host: str | None

    @property
    def here(self) -> bool:
        return self.host in (None, socket.gethostname())

    def ended(self) -> bool:
        """The recorded process is known to be gone (False when alive, or when it cannot be told)."""
        return self.pid is not None and self.here and process_alive(self.pid) is False

    def describe(self) -> str:
        parts = []
        if self.pid is not None:
            parts.append(f"process {self.pid}" + ("" if self.here else f" on {self.host}"))
        if self.since:
            parts.append(f"since {_local_time(self.since)}")
        if self.ended():
            parts.append("which has ended: another program keeps its lock file open")
        return ", ".join(parts)


class CampaignBusy(RuntimeError):
    """Another window or process is sending this campaign."""

    def __init__(self, campaign_id: str, holder: LockHolder | None = None):
        described = holder.describe() if holder is not None else ""
        super().__init__(
            f"Campaign {campaign_id} is being sent by another SMSDesk window or process"
            + (f" ({described})" if described else "")
        )
        self.campaign_id = campaign_id
        self.holder = holder


class LockLost(StoreLost):
    """The campaign's lock file was deleted or replaced while held, and another SMSDesk took or touched it."""


def lock_path(db_path: Path, campaign_id: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", campaign_id)
    return Path(db_path).parent / LOCKS_FOLDER / f"{safe}.lock"


class CampaignLock:
    """An OS lock on one campaign's lock file, released by the OS when the process dies."""

    def __init__(self, path: Path, campaign_id: str | None = None):
        self.path = Path(path)
        self.campaign_id = campaign_id or self.path.stem
        self.since: str | None = None
        self._fd: int | None = None
        self._identity: tuple[int, int] | None = None
        self._committed: tuple[Any, ...] | None = None  # the campaign's (state, updated_at) as last committed

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _lock(fd):
            os.close(fd)
            return False
        self._fd = fd
        self._identity = _identity_of_fd(fd)
        self.since = self.since or _now()
        self._write_record()
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def holder(self) -> LockHolder | None:
        """Who the record names (whoever locked the file last; check the lock first)."""
        try:
            with open(self.path, "rb") as handle:
                data = json.loads(handle.read(_RECORD_LIMIT).decode("utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            return None
        if not isinstance(data, dict):
            return None
        pid = data.get("pid")
        return LockHolder(
            pid=pid if isinstance(pid, int) else None,
            since=data.get("since") if isinstance(data.get("since"), str) else None,
            host=data.get("host") if isinstance(data.get("host"), str) else None,
        )

    def intact(self) -> bool:
        """Is the file at our path still the one we lock?"""
        try:
            return _identity_of_path(self.path) == self._identity
        except OSError:
            return False

    # -- the check before each commit -------------------------------------------------------------------------------

    def check_before_commit(self, conn: sqlite3.Connection) -> None:
        """Runs inside the database's write transaction: raise LockLost rather than commit without the lock."""
        if not self.held:
            return
        now = self._campaign_stamp(conn)
        if self.intact():
            self._committed = now
            return
        # Deleted or replaced. Take it again: if nobody holds it and the campaign is as we last committed it,
        # nobody touched the campaign meanwhile and this run may go on.
        old_fd, self._fd = self._fd, None
        try:
            taken = self.acquire()
        finally:
            if old_fd is not None:
                os.close(old_fd)  # its lock only guarded the file that is gone
        if not taken:
            other = CampaignLock(self.path, self.campaign_id).holder()
            raise LockLost(
                f"The lock file of campaign {self.campaign_id} ({self.path}) was deleted or replaced while it was "
                f"being sent, and another SMSDesk has taken it{_named(other)}: stopped here so that nobody is "
                "texted twice. What was recorded is kept."
            )
        if self._committed is not None and self._changed_by_others(conn):
            self.release()
            raise LockLost(
                f"The lock file of campaign {self.campaign_id} ({self.path}) was deleted or replaced while it was "
                "being sent, and another SMSDesk changed the campaign meanwhile: stopped here so that nobody is "
                f"texted twice. See where it stands: smsdesk campaigns list"
            )
        log.warning("the lock file %s was deleted or replaced; taken again", self.path)
        self._committed = now

    def remember_campaign(self, conn: sqlite3.Connection) -> None:
        self._committed = self._campaign_stamp(conn)

    def _changed_by_others(self, conn: sqlite3.Connection) -> bool:
        # Read what is committed, not this transaction's own writes: a second connection sees only committed rows.
        database = conn.execute("PRAGMA database_list").fetchone()[2]
        if not database:
            return False
        other = sqlite3.connect(database, timeout=1)
        try:
            other.execute("PRAGMA query_only = 1")
            return self._campaign_stamp(other) != self._committed
        finally:
            other.close()

    def _campaign_stamp(self, conn: sqlite3.Connection) -> tuple[Any, ...]:
        row = conn.execute(
            "SELECT state, updated_at FROM campaigns WHERE id = ?", (self.campaign_id,)
        ).fetchone()
        return tuple(row) if row is not None else ()

    def _write_record(self) -> None:
        assert self._fd is not None
        record = {"pid": os.getpid(), "since": self.since, "host": socket.gethostname(), "program": "smsdesk"}
        data = json.dumps(record).encode("utf-8")
        with contextlib.suppress(OSError):  # the record only helps say who: the lock itself is what counts
            os.lseek(self._fd, 0, os.SEEK_SET)
            os.ftruncate(self._fd, 0)
            os.write(self._fd, data)


@contextlib.contextmanager
def hold(db: Any, campaign_id: str) -> Iterator[CampaignLock]:
    """Hold the campaign's lock for the block, checked before every commit of `db`, or raise CampaignBusy."""
    lock = CampaignLock(lock_path(db.path, campaign_id), campaign_id)
    if not lock.acquire():
        holder = lock.holder()
        # A holder that has ended: Windows frees a dead process's locks a moment after it ends (and its successor
        # may not have written its record yet), so look again for a moment before calling the campaign busy.
        deadline = time.monotonic() + _ENDED_HOLDER_GRACE
        while holder is not None and holder.ended() and time.monotonic() < deadline:
            time.sleep(0.05)
            if lock.acquire():
                break
            holder = lock.holder()
        if not lock.held:
            raise CampaignBusy(campaign_id, holder)
    try:
        lock.remember_campaign(db.conn)
        db.commit_checks.append(lock.check_before_commit)
        try:
            yield lock
        finally:
            db.commit_checks.remove(lock.check_before_commit)
    finally:
        lock.release()


def busy_holder(db_path: Path, campaign_id: str) -> LockHolder | None:
    """Who is sending the campaign now (a holder with no record: an empty LockHolder), or None if nobody is."""
    lock = CampaignLock(lock_path(db_path, campaign_id), campaign_id)
    if lock.acquire():
        lock.release()
        return None
    return lock.holder() or LockHolder(pid=None, since=None, host=None)


def is_busy(db_path: Path, campaign_id: str) -> bool:
    return busy_holder(db_path, campaign_id) is not None


def held_campaigns(db_path: Path) -> list[str]:
    """Campaigns some process is sending now (from the lock files beside the database)."""
    folder = Path(db_path).parent / LOCKS_FOLDER
    try:
        names = sorted(p.stem for p in folder.glob("*.lock"))
    except OSError:
        return []
    return [name for name in names if is_busy(db_path, name)]


def process_alive(pid: int) -> bool | None:
    """Whether a process of this computer runs (None: cannot be told)."""
    if pid <= 0:
        return False
    if WINDOWS:
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except OSError:
        return None
    return True


def _windows_process_alive(pid: int) -> bool | None:
    import ctypes

    query_limited_information, still_active, invalid_parameter = 0x1000, 259, 87
    kernel32 = getattr(ctypes, "windll").kernel32  # noqa: B009 (ctypes.windll exists on Windows only)
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return False if kernel32.GetLastError() == invalid_parameter else None
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return None
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


# -- the OS locks ------------------------------------------------------------------------------------------------


def _msvcrt() -> Any:
    # msvcrt and fcntl are looked up at run time, not imported: WINDOWS is a variable (the tests switch it with a
    # stand-in msvcrt), so the type checker cannot tell which branch runs on which system.
    return importlib.import_module("msvcrt")


def _lock(fd: int) -> bool:
    try:
        if WINDOWS:
            msvcrt = _msvcrt()
            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl = importlib.import_module("fcntl")
            # flock, not fcntl locks: flock locks belong to the open file, so a second lock attempt from the same
            # process (two windows' runners) is refused as well.
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if WINDOWS:
        msvcrt = _msvcrt()
        with contextlib.suppress(OSError):
            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    # POSIX: closing the file releases the flock


def _identity_of_fd(fd: int) -> tuple[int, int]:
    stat_ = os.fstat(fd)
    return stat_.st_dev, stat_.st_ino


def _identity_of_path(path: Path) -> tuple[int, int]:
    stat_ = os.stat(path)
    return stat_.st_dev, stat_.st_ino


def _named(holder: LockHolder | None) -> str:
    described = holder.describe() if holder is not None else ""
    return f" ({described})" if described else ""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _local_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return iso
