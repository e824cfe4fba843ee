"""The opt-out list's files: import one from CSV/XLSX (the column of numbers is found, or named), export it.

Numbers are stored in E.164. A file's numbers without a country code take the given country (default: the app's
default country). Rows that are not a number are reported with the row number Excel shows, never silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from smsdesk.core.phones import normalise
from smsdesk.core.plan import detect_phone_column, resolve_column
from smsdesk.io.export import ExportError, export_table
from smsdesk.io.tables import TableError, read_table
from smsdesk.store.db import Database

EXPORT_HEADER = ["Phone", "Added", "Source"]
MANUAL = "manual"


class OptOutError(Exception):
    """A file or number that cannot be used; str() is one clear line naming it and the problem."""


@dataclass(frozen=True)
class Rejected:
    row: int  # as Excel shows it
    value: str
    reason: str


@dataclass
class OptOutFile:
    """What an opt-out file holds, before anything is saved."""

    path: Path
    column: str
    sheet: str | None
    rows: int  # non-blank data rows
    phones: list[str] = field(default_factory=list)  # E.164, unique, in file order
    rejected: list[Rejected] = field(default_factory=list)  # not a usable number
    empty: int = 0  # rows with nothing in the number column


@dataclass
class OptOutImport(OptOutFile):
    added: int = 0  # new on the list
    already: int = 0  # were on it before


def phone_or_error(number: str, country: str) -> str:
    """One number typed by the user, as E.164; OptOutError naming why it is not a number."""
    result = normalise(_unquoted(number), country)
    if result.e164 is None:
        raise OptOutError(f"{number.strip() or '(empty)'} is not a usable phone number: {result.reason}")
    return result.e164


def _unquoted(cell: str) -> str:
    # A leading apostrophe is Excel's "keep as text" mark (our own CSV exports write it): not part of the number.
    stripped = cell.strip()
    return stripped[1:] if stripped.startswith("'") else cell


def read_opt_out_file(
    path: str | Path,
    *,
    country: str,
    sheet: str | None = None,
    column: str | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> OptOutFile:
    """Read the numbers of an opt-out file. The column is the one named, else the one that holds phone numbers."""
    try:
        table = read_table(path, sheet=sheet, country=country, progress=progress, cancelled=cancelled)
        if table.header_row > 1:
            # Rows above a detected header are dropped as a title. In an opt-out list they may be numbers (a
            # bare list with a stray word in it): then read it all as data, so every number counts.
            whole = read_table(path, sheet=table.sheet, header_row=0, country=country)
            above = [
                row
                for row, number in zip(whole.rows, whole.row_numbers, strict=True)
                if number < table.header_row
            ]
            if any(normalise(_unquoted(cell), country).e164 for row in above for cell in row if cell.strip()):
                table = whole
    except TableError as exc:
        raise OptOutError(str(exc)) from None
    if column is not None:
        chosen = resolve_column(table.header, column)
        if chosen is None:
            raise OptOutError(
                f"{table.path.name}: no column {column!r}; the columns are: {', '.join(table.header)}"
            )
    else:
        chosen = detect_phone_column(table.header, table.rows, country=country)
        if chosen is None and len(table.header) == 1:
            chosen = table.header[0]  # a one-column file is the list, whatever its heading says
        if chosen is None:
            raise OptOutError(
                f"{table.path.name}: no column of phone numbers found; name it with --column "
                f"(columns: {', '.join(table.header)})"
            )
    index = table.header.index(chosen)
    found = OptOutFile(path=table.path, column=chosen, sheet=table.sheet, rows=len(table.rows))
    seen: set[str] = set()
    for row, number in zip(table.rows, table.row_numbers, strict=True):
        cell = row[index] if index < len(row) else ""
        if not cell.strip():
            found.empty += 1
            continue
        result = normalise(_unquoted(cell), country)
        if result.e164 is None:
            found.rejected.append(Rejected(number, cell, result.reason or "not a phone number"))
        elif result.e164 not in seen:
            seen.add(result.e164)
            found.phones.append(result.e164)
    return found


def import_opt_outs(
    db: Database,
    path: str | Path,
    *,
    country: str | None = None,
    sheet: str | None = None,
    column: str | None = None,
) -> OptOutImport:
    """Add a file's numbers to the opt-out list (source: the file's name). Nothing is added if it cannot be read."""
    found = read_opt_out_file(path, country=country or db.default_country, sheet=sheet, column=column)
    added = db.add_opt_outs(found.phones, source=found.path.name)
    return OptOutImport(
        path=found.path,
        column=found.column,
        sheet=found.sheet,
        rows=found.rows,
        phones=found.phones,
        rejected=found.rejected,
        empty=found.empty,
        added=added,
        already=len(found.phones) - added,
    )


def export_opt_outs(db: Database, path: str | Path) -> int:
    """Write the list to .xlsx or .csv (Phone, Added, Source); returns how many numbers."""
    entries = db.list_opt_outs()
    try:
        export_table(
            path,
            EXPORT_HEADER,
            ([entry.phone, entry.added_at, entry.source or ""] for entry in entries),
            sheet_title="Opt-outs",
        )
    except ExportError as exc:
        raise OptOutError(str(exc)) from None
    return len(entries)
