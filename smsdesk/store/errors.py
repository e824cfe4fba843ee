"""What the store raises when the machine, not the program, is at fault: each str() is a sentence for the user.

StoreError is the base every caller catches. The subclasses say what a caller may do next:
    StoreLost        the database file or a campaign's lock was taken away mid-run: stop writing, say what was sent
    DatabaseDamaged  the file cannot be trusted (empty, fails SQLite's check, a table missing): offer the backup
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """An environment problem (disk full, database locked, folder not writable): str() is for the user."""


class StoreLost(StoreError):
    """The file this run writes to is not the one it opened any more (deleted, replaced), or the campaign's lock
    was lost to another SMSDesk: nothing more may be written, and what was sent must be said."""


class DatabaseDamaged(StoreError):
    """The database cannot be trusted. `problem` is one of EMPTY, CORRUPT, MISSING_TABLE; `backup` the newest
    `*.bak` copy next to it (None: there is none)."""

    EMPTY = "empty"
    CORRUPT = "corrupt"
    MISSING_TABLE = "missing_table"

    def __init__(self, message: str, *, path: Path, problem: str, detail: str, backup: Path | None):
        super().__init__(message)
        self.path = path
        self.problem = problem
        self.detail = detail
        self.backup = backup
