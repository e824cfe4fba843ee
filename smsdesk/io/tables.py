"""Read CSV/TXT and spreadsheets (xlsx/xlsm/xls/ods) into a header and rows of strings.

What real files bring and how it is met:
- Text files: the encoding is UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text") or cp1252
  (Danish Windows Excel): a BOM decides, else strict UTF-8 is tried, then cp1252. The delimiter is one of ; , tab |
  (Excel's "sep=;" first line is honoured), chosen as the one whose count outside quotes is the most consistent
  across the first records. Quoted fields may span lines; row numbers are records, as Excel shows them.
- Spreadsheets through python-calamine (formulas give their cached values). Integral numbers are written without
  ".0"; a number that can only have come from scientific-notation text ("4.52E+09" typed or pasted, stored as
  4520000000) is written back as that text so phones.normalise flags it as damaged instead of sending to a number
  that was never the user's. Dates become ISO text.
- Title and blank rows above the header are skipped; blank and duplicate header names get unique names.
- What cannot be read raises TableError with one line naming the file and the problem.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine

csv.field_size_limit(1 << 24)  # a pasted essay in a note column must not stop the import


class TableError(Exception):
    """A file that cannot be read; str() is one clear line naming the file and the problem."""


class ReadCancelled(TableError):
    """The caller's `cancelled()` returned True while reading."""


@dataclass
class Table:
    path: Path
    header: list[str]
    rows: list[
        list[str]
    ]  # every cell a string; numbers as Excel shows them ("4520123456", not "4520123456.0")
    row_numbers: list[int]  # spreadsheet row number of each row (1-based, as Excel shows)
    header_row: int  # spreadsheet row number of the header (0 when the file has no header row)
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None  # CSV only
    delimiter: str | None = None  # CSV only


TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SUPPORTED_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods")
DELIMITERS = (";", ",", "\t", "|")  # in order of preference when the counts tie: Danish Excel writes ";"
DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ",", "pipe": "|"}

# Stripped around every cell: whitespace plus the invisible characters that ride along from web pages and Word.
INVISIBLE = " \t\r\n\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u200b\u200c\u200d\u2060\ufeff"

_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_BINARY_KINDS = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"{\\rtf", "an RTF (WordPad) document"),
)
_PROGRESS_EVERY = 5000  # rows between progress/cancel checks
_HEADER_SCAN = 30  # non-blank rows looked at to find the header


# ---------------------------------------------------------------------------------------------------------- entry


def list_sheets(path: str | Path) -> list[str]:
    """Sheet names in workbook order; [] for a text file."""
    path = Path(path)
    kind, data = _sniff(path)
    if kind == "text":
        return []
    with _open_workbook(path, data) as workbook:
        return list(workbook.sheet_names)


def read_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    header_row: int | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Table:
    """Read a file into a Table. header_row overrides detection (1-based as Excel shows; 0 = no header row)."""
    path = Path(path)
    watcher = _Watcher(path, progress, cancelled)
    watcher.report(0.0)
    kind, data = _sniff(path)
    if kind == "text":
        if sheet:
            raise TableError(f"{path.name}: is a text file, it has no sheets (asked for sheet {sheet!r})")
        assert data is not None  # _sniff hands over the bytes of every text file
        grid, numbers, used_encoding, used_delimiter = _read_text(path, data, encoding, delimiter, watcher)
        header, rows, row_numbers, found_header_row = _shape(path, grid, numbers, header_row, 0)
        table = Table(
            path,
            header,
            rows,
            row_numbers,
            found_header_row,
            encoding=used_encoding,
            delimiter=used_delimiter,
        )
    else:
        with _open_workbook(path, data) as workbook:
            table = _read_workbook(path, workbook, sheet, header_row, watcher)
    watcher.report(1.0)
    return table


class _Watcher:
    """Calls progress and cancelled now and then, never per row."""

    def __init__(self, path: Path, progress, cancelled) -> None:
        self.path, self.progress, self.cancelled = path, progress, cancelled

    def report(self, fraction: float) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ReadCancelled(f"{self.path.name}: reading was cancelled")
        if self.progress is not None:
            self.progress(min(max(fraction, 0.0), 1.0))


# ------------------------------------------------------------------------------------------------ what is it?


def _sniff(path: Path) -> tuple[str, bytes | None]:
    """("text", bytes) or ("workbook", bytes-or-None); raises TableError for what is neither."""
    name = path.name
    try:
        if path.is_dir():
            raise TableError(f"{name}: is a folder, not a file")
        with path.open("rb") as handle:
            head = handle.read(8)
            suffix = path.suffix.lower()
            if head.startswith(_ZIP_MAGIC):
                return "workbook", None
            if head.startswith(_OLE_MAGIC):
                handle.seek(0)
                data = handle.read()
                if _ENCRYPTED_PACKAGE in data:
                    raise TableError(
                        f"{name}: is password-protected; open it in Excel, remove the password "
                        "(File > Info > Protect Workbook) and save it again"
                    )
                return "workbook", data
            handle.seek(0)
            data = handle.read()
    except FileNotFoundError:
        raise TableError(f"{name}: file not found ({path})") from None
    except PermissionError:
        raise TableError(f"{name}: permission denied; is it open in another program?") from None
    except IsADirectoryError:
        raise TableError(f"{name}: is a folder, not a file") from None
    except OSError as exc:
        raise TableError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    _refuse_what_is_not_text(name, suffix, data)
    return "text", data


def _refuse_what_is_not_text(name: str, suffix: str, data: bytes) -> None:
    """Raise TableError for the bytes of a file that is neither a workbook nor readable as text."""
    if not data.strip(b" \t\r\n\x00") or data in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise TableError(f"{name}: is empty")
    for magic, what in _BINARY_KINDS:
        if data.startswith(magic):
            raise TableError(f"{name}: is {what}, not a spreadsheet or CSV file")
    if suffix in SPREADSHEET_SUFFIXES:
        start = data.lstrip()[:200].lower()
        if start.startswith((b"<!doctype html", b"<html", b"<table")):
            raise TableError(
                f"{name}: is a web page (HTML) saved with a {suffix} name; open it in Excel and save it as .xlsx"
            )
        if not _looks_like_text(data):
            raise TableError(f"{name}: is not a spreadsheet (not a {suffix} file, and not text either)")
        # Many "Excel exports" are tab- or semicolon-separated text with an .xls name; read them as what they are.
    elif not _looks_like_text(data):
        raise TableError(f"{name}: is not a text (CSV) file; it looks like binary data")


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(sample):
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 13, 12))
    return controls <= len(sample) // 100


def _utf16_without_bom(sample: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when every other byte is NUL, as in UTF-16 text of Latin letters."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.6 and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.6 and odd.count(0) == 0:
        return "utf-16-be"
    return None


# ------------------------------------------------------------------------------------------------ text files


def _decode(path: Path, data: bytes, encoding: str | None) -> tuple[str, str]:
    name = path.name
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise TableError(f"{name}: unknown encoding {encoding!r}") from None
        if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        try:
            return data.decode(codec), encoding
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise TableError(
                f"{name}: cannot be read as {encoding} (line {line}, byte {exc.start + 1} is not valid there)"
            ) from None
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif guessed := _utf16_without_bom(data[:4096]):
        candidates = [guessed]
    else:
        # Strict UTF-8 almost never accepts cp1252 text with letters like æøå, so trying it first is safe.
        candidates = ["utf-8", "cp1252", "latin-1"]
    for codec in candidates:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    raise TableError(f"{name}: cannot be decoded as text ({candidates[0]})")


def _read_text(
    path: Path, data: bytes, encoding: str | None, delimiter: str | None, watcher: _Watcher
) -> tuple[list[list[str]], list[int], str, str]:
    text, used_encoding = _decode(path, data, encoding)
    del data
    if "\x00" in text:
        raise TableError(f"{path.name}: is not a text (CSV) file; it contains binary data")
    sep_line = re.match(r"\ufeff?sep=(.)\r?\n", text[:10])  # Excel's own hint, not shown by Excel as a row
    if sep_line:
        delimiter = delimiter or sep_line.group(1)
        text = text[sep_line.end() :]
    if delimiter:
        delimiter = DELIMITER_NAMES.get(delimiter.lower(), delimiter)
        if len(delimiter) != 1:
            raise TableError(f"{path.name}: the delimiter must be one character or tab (got {delimiter!r})")
    else:
        delimiter = detect_delimiter(text)
    total = max(len(text), 1)
    consumed = 0

    def lines() -> Iterator[str]:
        nonlocal consumed
        for count, line in enumerate(io.StringIO(text, newline=""), 1):
            consumed += len(line)
            if count % _PROGRESS_EVERY == 0:
                watcher.report(0.9 * consumed / total)
            yield line

    grid: list[list[str]] = []
    try:
        for record in csv.reader(lines(), delimiter=delimiter, quotechar='"', strict=False):
            grid.append([_csv_cell(cell) for cell in record])
    except csv.Error as exc:
        raise TableError(f"{path.name}: cannot be read as CSV near record {len(grid) + 1} ({exc})") from None
    # Excel shows one row per record, however many lines a quoted field spans.
    numbers = list(range(1, 1 + len(grid)))
    return grid, numbers, used_encoding, delimiter


def _csv_cell(cell: str) -> str:
    cell = cell.strip(INVISIBLE)
    if cell.startswith('="') and cell.endswith('"') and len(cell) >= 3:
        # ="0045 20123456": the trick that keeps Excel from eating leading zeros; Excel shows the text inside.
        return cell[2:-1].replace('""', '"').strip(INVISIBLE)
    return cell


def detect_delimiter(text: str, sample_records: int = 50) -> str:
    """The candidate whose count outside quotes is the most consistent across the first records.

    csv.Sniffer guesses letters and spaces as delimiters on small Danish files; this only weighs ; , tab |.
    """
    counts: dict[str, list[int]] = {d: [] for d in DELIMITERS}
    current = dict.fromkeys(DELIMITERS, 0)
    in_quotes = False
    records = 0
    previous = ""
    for char in text[:200_000]:
        if char == '"':
            in_quotes = not in_quotes  # a doubled "" flips twice, so it nets out
        elif not in_quotes:
            if char in current:
                current[char] += 1
            elif char == "\n" or (char == "\r" and previous != "\n"):
                if any(current.values()) or records:
                    for d in DELIMITERS:
                        counts[d].append(current[d])
                    records += 1
                current = dict.fromkeys(DELIMITERS, 0)
                if records >= sample_records:
                    break
        previous = char
    if any(current.values()):
        for d in DELIMITERS:
            counts[d].append(current[d])
    best, best_score = DELIMITERS[0], (0, 0)
    for d in DELIMITERS:
        nonzero = [c for c in counts[d] if c]
        if not nonzero:
            continue
        mode, agreeing = Counter(nonzero).most_common(1)[0]
        score = (agreeing, mode)
        if score > best_score:
            best, best_score = d, score
    return best


# ---------------------------------------------------------------------------------------------- spreadsheets


class _Workbook:
    def __init__(self, path: Path, workbook) -> None:
        self.path, self.book = path, workbook

    def __enter__(self):
        return self.book

    def __exit__(self, *exc) -> None:
        with contextlib.suppress(Exception):  # closing a half-failed workbook must not hide the real error
            self.book.close()


def _open_workbook(path: Path, data: bytes | None) -> _Workbook:
    name = path.name
    try:
        if data is not None:
            book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        else:
            with path.open("rb") as handle:
                # From the content, not the name: an .xlsx renamed .csv, or an .xls renamed .xlsx, still opens.
                book = python_calamine.CalamineWorkbook.from_filelike(handle)
    except python_calamine.PasswordError:
        raise TableError(
            f"{name}: is password-protected; remove the password in Excel and save it again"
        ) from None
    except (python_calamine.CalamineError, ValueError, OSError) as exc:
        if data is not None and data.startswith(_OLE_MAGIC):
            raise TableError(
                f"{name}: is password-protected or damaged (an Office container that holds no readable "
                "workbook); remove the password in Excel and save it again"
            ) from None
        if (
            data is None
        ):  # a zip container: xlsx/xlsm/ods cut short by a download or a full disk, or some other zip
            raise TableError(
                f"{name}: is damaged or not a spreadsheet (a zip file that holds no readable workbook: "
                f"{_one_line(exc)})"
            ) from None
        raise TableError(f"{name}: is not a readable spreadsheet ({_one_line(exc)})") from None
    return _Workbook(path, book)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


def _read_workbook(path: Path, book, sheet: str | None, header_row: int | None, watcher: _Watcher) -> Table:
    name = path.name
    sheet_names = list(book.sheet_names)
    if not sheet_names:
        raise TableError(f"{name}: has no sheets")
    if sheet is not None:
        if sheet not in sheet_names:
            matches = [s for s in sheet_names if s.casefold() == sheet.strip().casefold()]
            if len(matches) != 1:
                raise TableError(
                    f"{name}: has no sheet named {sheet!r}; its sheets are: "
                    + ", ".join(map(repr, sheet_names))
                )
            sheet = matches[0]
        grid, numbers, first_col = _read_sheet(path, book, sheet, watcher)
        if not any(any(row) for row in grid):
            raise TableError(f"{name}: sheet {sheet!r} is empty")
    else:
        sheet, grid, numbers, first_col = _first_sheet_with_data(path, book, sheet_names, watcher)
    header, rows, row_numbers, found_header_row = _shape(path, grid, numbers, header_row, first_col)
    return Table(path, header, rows, row_numbers, found_header_row, sheet=sheet, sheets=sheet_names)


def _first_sheet_with_data(path: Path, book, sheet_names: list[str], watcher: _Watcher):
    """The first visible worksheet that holds a table (a row of two or more cells followed by another one).

    A notes or cover sheet in front ("Opdateret 3. marts", a logo, one line of instructions) is passed over;
    a workbook with no such sheet falls back to its first non-empty visible sheet.
    """
    hidden = {
        meta.name
        for meta in book.sheets_metadata
        if str(meta.visible).rsplit(".", 1)[-1] != "Visible"
        or str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet"
    }
    fallback = None
    for sheet in [s for s in sheet_names if s not in hidden] or sheet_names:
        grid, numbers, first_col = _read_sheet(path, book, sheet, watcher)
        wide_rows = 0
        for row in grid:
            if sum(1 for cell in row if cell) >= 2:
                wide_rows += 1
                if wide_rows >= 2:
                    return sheet, grid, numbers, first_col
        if fallback is None and any(any(row) for row in grid):
            fallback = (sheet, grid, numbers, first_col)
    if fallback is None:
        raise TableError(f"{path.name}: is empty (no sheet has any data)")
    return fallback


def _read_sheet(path: Path, book, sheet: str, watcher: _Watcher) -> tuple[list[list[str]], list[int], int]:
    try:
        data = book.get_sheet_by_name(sheet)
        height = max(data.height, 1)
        grid: list[list[str]] = []
        for index, row in enumerate(data.iter_rows()):
            grid.append([cell_text(value) for value in row])
            if index % _PROGRESS_EVERY == _PROGRESS_EVERY - 1:
                watcher.report(0.9 * index / height)
        start, end = data.start, data.end
    except TableError:
        raise
    except Exception as exc:  # calamine raises its own errors, and ValueError/OverflowError on odd cells
        raise TableError(f"{path.name}: sheet {sheet!r} cannot be read ({_one_line(exc)})") from None
    first_row = 0
    first_col = 0
    if start is not None and end is not None:
        first_col = start[1]
        if len(grid) != end[0] + 1 and len(grid) == end[0] - start[0] + 1:
            first_row = start[0]  # a calamine that starts at the first used row instead of row 1
    return grid, list(range(first_row + 1, first_row + 1 + len(grid))), first_col


def cell_text(value: Any) -> str:  # Any: dispatches on the exact type, fastest first
    """A spreadsheet cell as the text a person sees in Excel (phone numbers first: no ".0", no lost digits)."""
    kind = type(value)
    if kind is str:
        return value.strip(INVISIBLE)
    if kind is float:
        if value.is_integer():
            whole = int(value)
            return _scientific_if_damaged(whole) if abs(whole) >= 100_000_000 else str(whole)
        return f"{value:.15g}"  # Excel shows 15 significant digits: 0.1 + 0.2 is "0.3"
    if kind is int:
        return _scientific_if_damaged(value) if abs(value) >= 100_000_000 else str(value)
    if kind is bool:
        return "TRUE" if value else "FALSE"
    if kind is dt.datetime:
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if kind is dt.date or kind is dt.time:
        return value.isoformat()
    if kind is dt.timedelta:
        return str(value)
    if value is None:
        return ""
    return str(value).strip(INVISIBLE)


def _scientific_if_damaged(number: int) -> str:
    """4520000000 -> "4.52E+09": a long number whose last digits are all zeros came from scientific-notation text.

    Excel's General format shows up to 11 digits in full, so only text typed or pasted as "4.52E+09" (or a CSV
    that Excel itself saved that way) stores such a number. Nine or more digits with at least five trailing zeros
    and at most six significant digits is that shape; a real mobile number almost never is.
    """
    digits = str(abs(number))
    significant = digits.rstrip("0")
    if len(digits) - len(significant) < 5 or len(significant) > 6:
        return str(number)
    mantissa = significant[0] + ("." + significant[1:] if len(significant) > 1 else "")
    return f"{'-' if number < 0 else ''}{mantissa}E+{len(digits) - 1:02d}"


# ------------------------------------------------------------------------------------------- header and rows


def _shape(
    path: Path, grid: list[list[str]], numbers: list[int], header_row: int | None, first_col: int
) -> tuple[list[str], list[list[str]], list[int], int]:
    """Header, non-blank data rows padded to the header's width, their row numbers, the header's row number."""
    if not any(any(row) for row in grid):
        raise TableError(f"{path.name}: is empty")
    if header_row is None:
        header_index = find_header(grid)
    elif header_row == 0:
        header_index = None
    else:
        if header_row not in numbers:
            raise TableError(
                f"{path.name}: has no row {header_row} (rows {numbers[0]}–{numbers[-1]}) to use as the header"
            )
        header_index = numbers.index(header_row)
    start = 0 if header_index is None else header_index + 1
    data_rows: list[list[str]] = []
    data_numbers: list[int] = []
    width = 0
    for row, number in zip(grid[start:], numbers[start:], strict=True):
        if any(row):
            while row and not row[-1]:
                row.pop()
            data_rows.append(row)
            data_numbers.append(number)
            width = max(width, len(row))
    raw_header = list(grid[header_index]) if header_index is not None else []
    while raw_header and not raw_header[-1]:
        raw_header.pop()
    width = max(width, len(raw_header))
    header = unique_names(raw_header + [""] * (width - len(raw_header)), first_col)
    for row in data_rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))
    return header, data_rows, data_numbers, (numbers[header_index] if header_index is not None else 0)


def _is_label(cell: str) -> bool:
    """Looks like a column name: has letters, is short, and is not a date or a number with a unit."""
    return 0 < len(cell) <= 60 and any(ch.isalpha() for ch in cell) and sum(ch.isdigit() for ch in cell) <= 4


def _looks_like_data(cell: str) -> bool:
    """Six or more digits: a phone number, an amount or an id, never a column name."""
    return sum(ch.isdigit() for ch in cell) >= 6


def _filled(row: list[str]) -> int:
    return sum(1 for cell in row if cell)


def _is_header_like(row: list[str]) -> bool:
    """Mostly short text labels, and nothing that is plainly data."""
    filled = [cell for cell in row if cell]
    labels = sum(1 for cell in filled if _is_label(cell))
    return labels > 0 and labels * 2 > len(filled) and not any(_looks_like_data(cell) for cell in filled)


def find_header(grid: list[list[str]]) -> int | None:
    """Index of the header row: the first row of mostly short text labels followed by a row of similar width.

    None when the first rows are data (a bare list of numbers has no header).
    """
    candidates = [i for i, row in enumerate(grid) if any(row)][:_HEADER_SCAN]
    if not candidates:
        return None
    for position, index in enumerate(candidates):
        row = grid[index]
        if not _is_header_like(row):
            continue
        filled = _filled(row)
        following = [grid[i] for i in candidates[position + 1 : position + 4]]
        if not following:
            if position == 0:
                return index
            break
        if filled <= 2 and _is_header_like(following[0]) and _filled(following[0]) > filled:
            continue  # a title of two cells ("Kundeliste", "marts 2025") above the real, wider header
        widths = [_filled(other) for other in following]
        # A one-cell title ("Kundeliste marts") sits above a wider table; the header is about as wide as the data.
        if max(widths) <= filled * 1.5 + 1 and (filled >= 2 or max(widths) <= 1):
            return index
    return candidates[0] if _is_header_like(grid[candidates[0]]) else None


def column_letter(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA" (as Excel names columns)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def unique_names(raw: Iterable[str], first_col: int = 0) -> list[str]:
    """Blank names become "Column C" (the column's letter), repeats become "Navn (2)"."""
    names: list[str] = []
    seen: set[str] = set()
    for index, name in enumerate(raw):
        name = " ".join(name.split()) or f"Column {column_letter(first_col + index)}"
        candidate, count = name, 1
        while candidate.casefold() in seen:
            count += 1
            candidate = f"{name} ({count})"
        seen.add(candidate.casefold())
        names.append(candidate)
    return names
