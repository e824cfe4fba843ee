"""Read one sheet of a workbook (xlsx/xlsm/xls/ods) through python-calamine into rows of cell text.

Runs in the child process of io/workbook_process.py: the parser is native code fed with untrusted files, so
whatever it does (panic, hang, allocate without end) must happen where it cannot take the app with it.

- Cells become the text a person sees in Excel. Integral numbers are written without ".0"; a number that can only
  have come from scientific-notation text ("4.52E+09" typed or pasted, stored as 4520000000) is written back as
  that text so phones.normalise flags it as damaged. An xlsx/xlsm number formatted with decimals, a percent or a
  currency reads as the sheet shows it, in the reader's separators ("120,50", "1.200,00 kr."; core.numfmt, the
  formats from io.xlsx_styles). .xls and .ods numbers are General with the reader's decimal mark (120.5 is
  "120,5" in Danish): calamine gives no cell formats for them, and reading their styles ourselves (BIFF records,
  ODF automatic styles) is a parser of its own for a few amounts; the doubt is whether such files come with
  formatted amounts often enough to need it. Dates, times, durations and TRUE/FALSE keep their kind
  (core.cells), so they are never taken for phone numbers.
- Without a sheet named, the sheet is chosen by evidence among the visible ones: a column named like a phone
  column that holds numbers, or a column of valid numbers; a cover or notes sheet loses. With no evidence anywhere,
  the first visible sheet that holds a table.
- Formula cells without a saved value (written by programs that do not calculate) read as empty: each such row is
  reported, so no row vanishes without a word.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import python_calamine

from smsdesk.core.cells import BooleanText, DateText, DateTimeText, DurationText, TimeText
from smsdesk.core.numfmt import ENGLISH, NumberStyle, general, render
from smsdesk.io.tables import CELL_LIMIT, INVISIBLE, Notice, TableError, sheet_evidence
from smsdesk.io.xlsx_styles import COLUMN_BITS, cell_formats, styles_formats

_PROGRESS_EVERY = 5000
_EVIDENCE_ROWS = 250  # rows of each candidate sheet looked at to choose one
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")

Send = Callable[[tuple], None]


def read_grid(
    path: Path,
    sheet: str | None,
    country: str,
    send: Send,
    sheets_only: bool = False,
    style: NumberStyle = ENGLISH,
) -> None:
    """Send ("sheets", names, chosen), then the rows in chunks, ("first_col", n) and ("notices", [...]).

    style: the separators numbers are written with (the reader's locale)."""
    with path.open("rb") as handle:
        ole = handle.read(8).startswith(_OLE_MAGIC)
    with _open_workbook(path, path.stat().st_size if ole else None) as book:
        names = list(book.sheet_names)
        if sheets_only:
            send(("sheets", names, None))
            return
        if not names:
            raise TableError(f"{path.name}: has no sheets")
        chosen = _named_sheet(path, names, sheet) if sheet is not None else _choose_sheet(path, book, country)
        send(("sheets", names, chosen))
        formats = None if ole else _number_formats(path, chosen)
        first_row, first_col, has_empty, end = _stream_sheet(path, book, chosen, send, style, formats)
    send(("first", first_row, first_col))
    notices = formula_notices(path, chosen, None if has_empty else end)
    if notices:
        send(("notices", [(notice.row, notice.what, notice.done) for notice in notices]))


class _Workbook:
    def __init__(self, book) -> None:
        self.book = book

    def __enter__(self):
        return self.book

    def __exit__(self, *exc) -> None:
        with contextlib.suppress(Exception):  # closing a half-failed workbook must not hide the real error
            self.book.close()


def _open_workbook(path: Path, ole_size: int | None) -> _Workbook:
    name = path.name
    try:
        with path.open("rb") as handle:
            # From the content, not the name: an .xlsx renamed .csv, or an .xls renamed .xlsx, still opens.
            book = python_calamine.CalamineWorkbook.from_filelike(handle)
    except python_calamine.PasswordError:
        raise TableError(
            f"{name}: is password-protected; remove the password in Excel and save it again"
        ) from None
    except (python_calamine.CalamineError, ValueError, OSError) as exc:
        if ole_size is not None:
            if ole_size % 512:  # an Office container is made of 512-byte sectors: this one was cut short
                raise TableError(
                    f"{name}: is damaged (the file ends early); open it in Excel and save it again"
                ) from None
            raise TableError(
                f"{name}: is password-protected or damaged (an Office container that holds no readable "
                "workbook); remove the password in Excel and save it again"
            ) from None
        # A zip container: xlsx/xlsm/ods cut short by a download or a full disk, or some other zip.
        raise TableError(
            f"{name}: is damaged or not a spreadsheet (a zip file that holds no readable workbook: "
            f"{one_line(exc)})"
        ) from None
    return _Workbook(book)


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


def _named_sheet(path: Path, names: list[str], sheet: str) -> str:
    if sheet in names:
        return sheet
    matches = [s for s in names if s.casefold() == sheet.strip().casefold()]
    if len(matches) != 1:
        raise TableError(
            f"{path.name}: has no sheet named {sheet!r}; its sheets are: " + ", ".join(map(repr, names))
        )
    return matches[0]


def _visible_sheets(book, names: list[str]) -> list[str]:
    hidden = {
        meta.name
        for meta in book.sheets_metadata
        if str(meta.visible).rsplit(".", 1)[-1] != "Visible"
        or str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet"
    }
    return [s for s in names if s not in hidden] or names


def _choose_sheet(path: Path, book, country: str) -> str:
    """The visible sheet with the most phone evidence; without any, the first that holds a table (two rows of two
    or more cells), else the first with any data."""
    candidates = _visible_sheets(book, list(book.sheet_names))
    if len(candidates) == 1:
        return candidates[0]
    best, best_evidence = None, (0, 0)
    with_table = with_data = None
    for sheet in candidates:
        grid = _first_rows(path, book, sheet)
        evidence = sheet_evidence(grid, country)
        if evidence > best_evidence:
            best, best_evidence = sheet, evidence
        if with_table is None and sum(1 for row in grid if sum(1 for cell in row if cell) >= 2) >= 2:
            with_table = sheet
        if with_data is None and any(any(row) for row in grid):
            with_data = sheet
    chosen = best or with_table or with_data
    if chosen is None:
        raise TableError(f"{path.name}: is empty (no sheet has any data)")
    return chosen


def _first_rows(path: Path, book, sheet: str) -> list[list[str]]:
    try:
        rows = []
        for row in book.get_sheet_by_name(sheet).iter_rows():
            rows.append(row_text(row))
            if len(rows) >= _EVIDENCE_ROWS:
                break
        return rows
    except Exception as exc:  # calamine raises its own errors, and ValueError/OverflowError on odd cells
        raise TableError(f"{path.name}: sheet {sheet!r} cannot be read ({one_line(exc)})") from None


def _stream_sheet(
    path: Path,
    book,
    sheet: str,
    send: Send,
    style: NumberStyle = ENGLISH,
    formats: tuple[dict[int, int], list[str]] | None = None,
) -> tuple[int, int, bool, tuple[int, int] | None]:
    """Send the sheet's rows in chunks (cells cut to Excel's limit, and said); (first row index, first column
    index, whether any cell was empty, the last cell's (row, column) index).

    formats: the numeric cells' format codes by absolute position (_number_formats), or None."""
    try:
        data = book.get_sheet_by_name(sheet)
        height = max(data.height, 1)
        chunk: list[list[str]] = []
        count = 0
        has_empty = False
        cut: list[tuple[int, str, str]] = []
        start = data.start
        row_base = 0
        for row in data.iter_rows():
            count += 1
            if formats is None:
                cells = row_text(row, style)
            else:
                if count == 1 and start is not None and start[0] > 0 and any(v != "" for v in row):
                    # A calamine that starts at the first used row: that row has a value, where one that starts
                    # at row 1 gives empty rows first (as _stream_sheet's first_row below decides afterwards).
                    row_base = start[0]
                first_col = start[1] if start is not None else 0
                cells = _formatted_row_text(row, row_base + count - 1, first_col, formats, style)
            has_empty = has_empty or "" in cells
            if cells and max(map(len, cells)) > CELL_LIMIT:
                cut.extend(_cut_long_cells(count, cells))
            chunk.append(cells)
            if len(chunk) == _PROGRESS_EVERY:
                send(("rows", chunk))
                send(("progress", 0.9 * count / height))
                chunk = []
        send(("rows", chunk))
        start, end = data.start, data.end
    except TableError:
        raise
    except Exception as exc:  # calamine raises its own errors, and ValueError/OverflowError on odd cells
        raise TableError(f"{path.name}: sheet {sheet!r} cannot be read ({one_line(exc)})") from None
    first_row = first_col = 0
    if start is not None and end is not None:
        first_col = start[1]
        if count != end[0] + 1 and count == end[0] - start[0] + 1:
            first_row = start[0]  # a calamine that starts at the first used row instead of row 1
    if cut:
        send(("notices", [(row + first_row, what, done) for row, what, done in cut]))
    return first_row, first_col, has_empty, (tuple(end) if end is not None else None)


def _cut_long_cells(number: int, cells: list[str]) -> list[tuple[int, str, str]]:
    said = []
    for index, cell in enumerate(cells):
        if len(cell) > CELL_LIMIT:
            cells[index] = cell[:CELL_LIMIT]
            said.append(
                (number, f"a cell of {len(cell):,} characters", f"cut to Excel's limit of {CELL_LIMIT:,}")
            )
    return said


def row_text(row, style: NumberStyle = ENGLISH) -> list[str]:
    return [value.strip(INVISIBLE) if type(value) is str else cell_text(value, style) for value in row]


def _formatted_row_text(
    row, row_index: int, first_col: int, formats: tuple[dict[int, int], list[str]], style: NumberStyle
) -> list[str]:
    positions, codes = formats
    cells = row_text(row, style)
    base = row_index << COLUMN_BITS
    for index, value in enumerate(row):
        if type(value) is float or type(value) is int:
            code = positions.get(base | (first_col + index))
            if code is not None:
                cells[index] = render(value, codes[code], style)
    return cells


def _number_formats(path: Path, sheet: str) -> tuple[dict[int, int], list[str]] | None:
    """The format codes of the sheet's numeric cells that read otherwise than General, by absolute position;
    None when the workbook has no such format (the usual phone list: then the sheet is not looked through)."""
    try:
        with zipfile.ZipFile(path) as archive:
            formats = styles_formats(archive)
            if not formats:
                return None
            member = _sheet_member(archive, sheet)
            if member is None:
                return None
            positions, codes = cell_formats(archive, member, formats)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError, RuntimeError, NotImplementedError):
        return None  # what calamine made of a damaged zip stands: its numbers read as General
    return (positions, codes) if positions else None


def cell_text(value: object, style: NumberStyle = ENGLISH) -> str:
    """A spreadsheet cell as the text a person sees in Excel (phone numbers first: no ".0", no lost digits);
    a number as General shows it (core.numfmt.general), with style's decimal mark."""
    # Exact types, not isinstance: bool is an int and datetime a date, and each is written its own way.
    if type(value) is str:
        return value.strip(INVISIBLE)
    if type(value) is float or type(value) is int:
        return general(value, style)
    if type(value) is bool:
        return BooleanText("TRUE" if value else "FALSE")
    if type(value) is dt.datetime:
        if value.time() == dt.time(0):
            return DateText(value.date().isoformat())
        return DateTimeText(value.isoformat(sep=" ", timespec="seconds"))
    if type(value) is dt.date:
        return DateText(value.isoformat())
    if type(value) is dt.time:
        return TimeText(value.isoformat())
    if type(value) is dt.timedelta:
        return DurationText(str(value))
    if value is None:
        return ""
    return str(value).strip(INVISIBLE)


# ------------------------------------------------------------------------------ formulas without a saved value

_SHEET_ENTRY = re.compile(
    rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"|<sheet\b[^>]*?\br:id="([^"]*)"[^>]*?\bname="([^"]*)"'
)
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*>")
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_CELL_ROW = re.compile(rb'\br="[A-Z]+([0-9]+)"')
_HAS_VALUE = re.compile(rb"<v>[^<]|<is>")
_FORMULA = re.compile(rb"<f[ >/]")


def formula_notices(path: Path, sheet: str, read_up_to: tuple[int, int] | None = None) -> list[Notice]:
    """One notice per row of an xlsx/xlsm sheet that has formula cells with no saved value. Other formats always
    store the value (xls, ods), and a zip that is not an Office workbook has nothing to say here.

    Such a cell reads as empty, or lies past the last cell read when whole rows or columns of them end the sheet.
    read_up_to is that last cell when no cell read was empty: then only a sheet that declares more cells than were
    read is looked through (the look costs a pass over the sheet's XML).
    """
    try:
        with zipfile.ZipFile(path) as archive:
            member = _sheet_member(archive, sheet)
            if member is None:
                return []
            if read_up_to is not None:
                declared = _declared_end(archive, member)
                if declared is not None and declared[0] <= read_up_to[0] and declared[1] <= read_up_to[1]:
                    return []
            if not _has_formulas(archive, member):
                return []
            with archive.open(member) as stream:
                xml = stream.read()
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError, RuntimeError, NotImplementedError):
        return []  # what calamine made of a damaged zip stands; this look adds nothing to it
    rows: dict[int, int] = {}
    for match in _CELL.finditer(xml):
        body = match.group(2) or b""
        if not _FORMULA.search(body) or _HAS_VALUE.search(body):
            continue
        row = _CELL_ROW.search(match.group(1))
        number = int(row.group(1)) if row else 0
        rows[number] = rows.get(number, 0) + 1
    return [
        Notice(
            row,
            f"{count} formula cell{'s' if count > 1 else ''} with no saved value (the file was saved by a program "
            "that does not calculate)",
            "read as empty; open the file in Excel and save it again to get the values",
        )
        for row, count in sorted(rows.items())
    ]


_DIMENSION = re.compile(rb'<dimension\b[^>]*\bref="[A-Z]*[0-9]*:?([A-Z]+)([0-9]+)"')


def _declared_end(archive: zipfile.ZipFile, member: str) -> tuple[int, int] | None:
    """The (row, column) index of the last cell the sheet's <dimension> declares; None without one."""
    with archive.open(member) as stream:
        match = _DIMENSION.search(stream.read(1 << 16))
    if match is None:
        return None
    column = 0
    for letter in match.group(1).decode():
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)) - 1, column - 1


def _has_formulas(archive: zipfile.ZipFile, member: str) -> bool:
    """A pass over the sheet's XML in blocks, without keeping it: most sheets have no formula at all."""
    tail = b""
    with archive.open(member) as stream:
        while block := stream.read(1 << 20):
            if _FORMULA.search(tail + block):
                return True
            tail = block[-3:]
    return False


def _sheet_member(archive: zipfile.ZipFile, sheet: str) -> str | None:
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return None
    workbook = archive.read("xl/workbook.xml")
    wanted = None
    for match in _SHEET_ENTRY.finditer(workbook):
        name, rid = (
            (match.group(1), match.group(2))
            if match.group(1) is not None
            else (match.group(4), match.group(3))
        )
        if _xml_text(name) == sheet:
            wanted = rid
            break
    if wanted is None:
        return None
    for match in _RELATIONSHIP.finditer(archive.read("xl/_rels/workbook.xml.rels")):
        attributes = dict(re.findall(rb'(\w+)="([^"]*)"', match.group(0)))
        if attributes.get(b"Id") == wanted:
            target = attributes.get(b"Target", b"").decode("utf-8", "replace")
            member = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            return member if member in names else None
    return None


def _xml_text(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text
