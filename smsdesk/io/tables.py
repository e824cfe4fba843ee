"""Read CSV/TXT and spreadsheets (xlsx/xlsm/xls/ods) into a header and rows of strings.

What real files bring and how it is met:
- Only regular files are opened (checked with os.stat first, so a FIFO or a device named .csv cannot block).
- Text files: the encoding is UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text") or cp1252
  (Danish Windows Excel): a BOM decides, else strict UTF-8 is tried, then line by line (UTF-8 where valid, cp1252
  otherwise, each such line reported). The delimiter is one of ; , tab | (Excel's "sep=;" first line is honoured),
  chosen as the one whose count outside quotes is the most consistent across the first records. Quoted fields may
  span lines; row numbers are records, as Excel shows them. A quote that is never closed would swallow the rest of
  the file into one field: that row is read up to the end of its line instead, and reported.
  Text is read here, in this process: it is our own Python over the stdlib's csv module, linear in the file's size,
  with nothing that can panic, loop or allocate beyond a few times the file.
- Spreadsheets are read by python-calamine in a child process with a time and a memory limit
  (io/workbook_process.py, io/workbook.py): native code fed with untrusted files must not be able to crash, hang or
  exhaust the app.
- Title and blank rows above the header are skipped; blank and duplicate header names get unique names (linear in
  the number of columns). The header row, like the sheet, is chosen by phone evidence where there is some.
- Cells longer than Excel's own limit (32,767 characters) are cut to it, and reported.
- What is changed or left out while reading is a Notice (row, what, what was done); what cannot be read raises
  TableError with one line naming the file and the problem.
"""

from __future__ import annotations

import bisect
import codecs
import csv
import io
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from smsdesk.core.numfmt import ENGLISH, NumberStyle
from smsdesk.core.phones import DEFAULT_COUNTRY

csv.field_size_limit(1 << 24)  # a pasted essay in a note column must not stop the import


class TableError(Exception):
    """A file that cannot be read; str() is one clear line naming the file and the problem."""


class ReadCancelled(TableError):
    """The caller's `cancelled()` returned True while reading."""


@dataclass(frozen=True)
class Notice:
    """Something reading changed or could not keep, for the user: row as Excel shows it (0 = the whole file)."""

    row: int
    what: str
    done: str


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
    notices: list[Notice] = field(default_factory=list)


TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SUPPORTED_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods")
DELIMITERS = (";", ",", "\t", "|")  # in order of preference when the counts tie: Danish Excel writes ";"
DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ",", "pipe": "|"}
MIXED_ENCODING = "utf-8+cp1252"
CELL_LIMIT = 32_767  # Excel's own limit for the characters of one cell

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
_EVIDENCE_ROWS = 200  # rows under a candidate header looked at for phone numbers


# ---------------------------------------------------------------------------------------------------------- entry


def list_sheets(path: str | Path) -> list[str]:
    """Sheet names in workbook order; [] for a text file."""
    path = Path(path)
    kind, _data = _sniff(path)
    if kind == "text":
        return []
    from smsdesk.io.workbook_process import read_workbook

    return read_workbook(
        path, sheet=None, country=DEFAULT_COUNTRY, watcher=_Watcher(path, None, None), sheets_only=True
    ).sheets


def read_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    header_row: int | None = None,
    country: str = DEFAULT_COUNTRY,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    number_style: NumberStyle = ENGLISH,
) -> Table:
    """Read a file into a Table. header_row overrides detection (1-based as Excel shows; 0 = no header row).

    country is the one numbers without a country code belong to: the evidence for sheet and header is valid numbers.
    number_style: the separators a workbook's numbers are written with (the GUI's locale; English for the CLI).
    Text files are text already and keep theirs.
    """
    path = Path(path)
    watcher = _Watcher(path, progress, cancelled)
    watcher.report(0.0)
    kind, data = _sniff(path)
    if kind == "text":
        if sheet:
            raise TableError(f"{path.name}: is a text file, it has no sheets (asked for sheet {sheet!r})")
        assert data is not None  # _sniff hands over the bytes of every text file
        grid, numbers, used_encoding, used_delimiter, notices = _read_text(
            path, data, encoding, delimiter, watcher
        )
        header, rows, row_numbers, found_header_row = _shape(path, grid, numbers, header_row, 0, country)
        table = Table(
            path,
            header,
            rows,
            row_numbers,
            found_header_row,
            encoding=used_encoding,
            delimiter=used_delimiter,
            notices=notices,
        )
    else:
        from smsdesk.io.workbook_process import read_workbook

        book = read_workbook(path, sheet=sheet, country=country, watcher=watcher, number_style=number_style)
        if not any(any(row) for row in book.rows):
            if sheet is not None:
                raise TableError(f"{path.name}: sheet {book.sheet!r} is empty")
            raise TableError(f"{path.name}: is empty (no sheet has any data)")
        header, rows, row_numbers, found_header_row = _shape(
            path, book.rows, book.numbers, header_row, book.first_col, country
        )
        table = Table(
            path,
            header,
            rows,
            row_numbers,
            found_header_row,
            sheet=book.sheet,
            sheets=book.sheets,
            notices=book.notices,
        )
    watcher.report(1.0)
    return table


class _Watcher:
    """Calls progress and cancelled now and then, never per row."""

    def __init__(self, path: Path, progress, cancelled) -> None:
        self.path, self.progress, self.cancelled = path, progress, cancelled

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ReadCancelled(f"{self.path.name}: reading was cancelled")

    def report(self, fraction: float) -> None:
        self.check()
        if self.progress is not None:
            self.progress(min(max(fraction, 0.0), 1.0))


# ------------------------------------------------------------------------------------------------ what is it?


def _sniff(path: Path) -> tuple[str, bytes | None]:
    """("text", bytes) or ("workbook", bytes-or-None); raises TableError for what is neither."""
    name = path.name
    try:
        # Before open(): opening a FIFO blocks until someone writes to it, and a device may never end.
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise TableError(f"{name}: is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise TableError(
                f"{name}: is not a regular file (a pipe, socket or device); save the list as a file and open that"
            )
        with path.open("rb") as handle:
            head = handle.read(8)
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
    _check_text(name, path.suffix.lower(), data)
    return "text", data


def _check_text(name: str, suffix: str, data: bytes) -> None:
    """Raises TableError for bytes that are not a text table: empty, a known binary kind, a web page or binary
    data under a spreadsheet's name, or binary data at all."""
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


def _decode(path: Path, data: bytes, encoding: str | None) -> tuple[str, str, list[int]]:
    """(text, encoding used, 1-based numbers of the lines read as cp1252 in an otherwise UTF-8 file)."""
    name = path.name
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise TableError(f"{name}: unknown encoding {encoding!r}") from None
        if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        try:
            return data.decode(codec), encoding, []
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
        try:
            return data.decode("utf-8"), "utf-8", []
        except UnicodeDecodeError:
            return _decode_by_line(data)
    for codec in candidates:
        try:
            return data.decode(codec), codec, []
        except UnicodeDecodeError:
            continue
    raise TableError(f"{name}: cannot be decoded as text ({candidates[0]})")


def _decode_by_line(data: bytes) -> tuple[str, str, list[int]]:
    """UTF-8 where a line is valid UTF-8, cp1252 (Danish Windows) where it is not: a file appended to from two
    programs has both. Strict UTF-8 almost never accepts cp1252 text with letters like æøå, so a line that passes
    is UTF-8. A file with no UTF-8 letters at all is simply cp1252."""
    parts: list[str] = []
    fallback_lines: list[int] = []
    utf8_letters = False
    for number, line in enumerate(data.splitlines(keepends=True), 1):
        try:
            parts.append(line.decode("utf-8"))
            utf8_letters = utf8_letters or not line.isascii()
        except UnicodeDecodeError:
            try:
                parts.append(line.decode("cp1252"))
            except UnicodeDecodeError:  # one of the five bytes cp1252 leaves undefined
                parts.append(line.decode("latin-1"))
            fallback_lines.append(number)
    text = "".join(parts)
    if not utf8_letters:
        return text, "cp1252", []
    return text, MIXED_ENCODING, fallback_lines


def _read_text(
    path: Path, data: bytes, encoding: str | None, delimiter: str | None, watcher: _Watcher
) -> tuple[list[list[str]], list[int], str, str, list[Notice]]:
    text, used_encoding, fallback_lines = _decode(path, data, encoding)
    del data
    if "\x00" in text:
        raise TableError(f"{path.name}: is not a text (CSV) file; it contains binary data")
    line_offset = 0
    sep_line = re.match(r"\ufeff?sep=(.)\r?\n", text[:10])  # Excel's own hint, not shown by Excel as a row
    if sep_line:
        delimiter = delimiter or sep_line.group(1)
        text = text[sep_line.end() :]
        line_offset = 1
    if delimiter:
        delimiter = DELIMITER_NAMES.get(delimiter.lower(), delimiter)
        if len(delimiter) != 1:
            raise TableError(f"{path.name}: the delimiter must be one character or tab (got {delimiter!r})")
    else:
        delimiter = detect_delimiter(text)
    lines = io.StringIO(text, newline="").readlines()
    del text
    grid, starts, notices = _records(path, lines, delimiter, watcher)
    for line in fallback_lines:
        if line > line_offset:
            row = bisect.bisect_right(starts, line - line_offset - 1)
            notices.append(
                Notice(row, "a line that is not valid UTF-8 in a UTF-8 file", "read as Windows cp1252")
            )
    notices.sort(key=lambda notice: notice.row)
    # Excel shows one row per record, however many lines a quoted field spans.
    numbers = list(range(1, 1 + len(grid)))
    return grid, numbers, used_encoding, delimiter, notices


def _records(
    path: Path, lines: list[str], delimiter: str, watcher: _Watcher
) -> tuple[list[list[str]], list[int], list[Notice]]:
    """The records of the lines, each record's first line (0-based), and what was done about broken quotes and
    over-long cells.

    A quote that opens a field and is never closed (or closed only by a stray quote rows later) makes csv take the
    lines after it into that one field. Such a record is read again as its own line, the quote kept as text, and
    reading goes on from the next line. It is told from a real multi-line field (an address, a note) by what it
    swallowed: lines that each hold a whole row's delimiters, or the rest of the file.
    """
    grid: list[list[str]] = []
    starts: list[int] = []
    notices: list[Notice] = []
    total = max(len(lines), 1)
    expected = next((line.count(delimiter) for line in lines if line.strip()), 0)
    position = 0
    while position < len(lines):
        reader = csv.reader(iter(lines[position:]), delimiter=delimiter, quotechar='"', strict=False)
        first = position
        broken = None
        try:
            for record in reader:
                end = position + reader.line_num
                if (
                    end - first > 1
                    and expected
                    and all(line.count(delimiter) >= expected for line in lines[first + 1 : end])
                ):
                    broken = first
                    break
                grid.append([_csv_cell(cell) for cell in record])
                starts.append(first)
                first = end
                if len(grid) % _PROGRESS_EVERY == 0:
                    watcher.report(0.9 * first / total)
        except csv.Error as exc:
            raise TableError(
                f"{path.name}: cannot be read as CSV near record {len(grid) + 1} ({exc})"
            ) from None
        reached_end = broken is None and starts and starts[-1] >= position
        if reached_end and _ends_inside_quotes("".join(lines[starts[-1] :]), delimiter):
            broken = starts.pop()
            grid.pop()
        if broken is None:
            break
        grid.append(
            [
                _csv_cell(cell)
                for cell in next(csv.reader([lines[broken]], delimiter=delimiter, quoting=csv.QUOTE_NONE))
            ]
        )
        starts.append(broken)
        notices.append(
            Notice(
                len(grid),
                'a quote (") is opened and never closed',
                "read this row up to the end of its line, the quote as text; the rows after it as usual",
            )
        )
        position = broken + 1
    for number, record in enumerate(grid, 1):
        if sum(map(len, record)) <= CELL_LIMIT:
            continue
        for index, cell in enumerate(record):
            if len(cell) > CELL_LIMIT:
                record[index] = cell[:CELL_LIMIT]
                notices.append(
                    Notice(
                        number,
                        f"a cell of {len(cell):,} characters",
                        f"cut to Excel's limit of {CELL_LIMIT:,}",
                    )
                )
    return grid, starts, notices


def _ends_inside_quotes(text: str, delimiter: str) -> bool:
    """Whether csv (quotechar '"', doublequote, strict=False) is still inside a quoted field at the end of text."""
    start, field_, quoted, quote_in_quoted = 0, 1, 2, 3
    state = start
    for char in text:
        if state == quoted:
            if char == '"':
                state = quote_in_quoted
        elif state == quote_in_quoted:
            state = quoted if char == '"' else start if char == delimiter or char in "\r\n" else field_
        elif char == delimiter or char in "\r\n":
            state = start
        elif char == '"' and state == start:
            state = quoted
        else:
            state = field_
    return state == quoted


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


# ------------------------------------------------------------------------------------------- header and rows


def _shape(
    path: Path,
    grid: list[list[str]],
    numbers: list[int],
    header_row: int | None,
    first_col: int,
    country: str = DEFAULT_COUNTRY,
) -> tuple[list[str], list[list[str]], list[int], int]:
    """Header, non-blank data rows padded to the header's width, their row numbers, the header's row number."""
    if not any(any(row) for row in grid):
        raise TableError(f"{path.name}: is empty")
    if header_row is None:
        header_index = find_header(grid, country)
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


def _filled(row: Sequence[str]) -> int:
    return sum(1 for cell in row if cell)


def _is_header_like(row: Sequence[str]) -> bool:
    """Mostly short text labels, and nothing that is plainly data."""
    filled = [cell for cell in row if cell]
    labels = sum(1 for cell in filled if _is_label(cell))
    return labels > 0 and labels * 2 > len(filled) and not any(_looks_like_data(cell) for cell in filled)


def find_header(grid: Sequence[Sequence[str]], country: str = DEFAULT_COUNTRY) -> int | None:
    """Index of the header row. Evidence first: the first header-like row with a cell named like a phone column
    that has valid numbers under it. Else the first row of mostly short text labels followed by a row of similar
    width.

    None when the first rows are data (a bare list of numbers has no header).
    """
    from smsdesk.core.plan import phone_name_rank  # the workbook child needs none of it for a one-sheet book

    candidates = [i for i, row in enumerate(grid) if any(row)][:_HEADER_SCAN]
    if not candidates:
        return None
    for index in candidates:
        row = grid[index]
        named = [column for column, cell in enumerate(row) if cell and phone_name_rank(cell) >= 2]
        if named and _is_header_like(row) and _numbers_under(grid, index, named, country):
            return index
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


def _numbers_under(grid: Sequence[Sequence[str]], index: int, columns: list[int], country: str) -> bool:
    from smsdesk.core.phones import normalise

    for row in grid[index + 1 : index + 1 + _EVIDENCE_ROWS]:
        for column in columns:
            if column < len(row) and row[column] and normalise(row[column], country).e164 is not None:
                return True
    return False


def sheet_evidence(grid: list[list[str]], country: str) -> tuple[bool, int]:
    """core.plan.phone_evidence of the table a sheet's first rows make (see read_table)."""
    from smsdesk.core.plan import phone_evidence

    if not any(any(row) for row in grid):
        return False, 0
    header_index = find_header(grid, country)
    start = 0 if header_index is None else header_index + 1
    rows = [list(row) for row in grid[start:] if any(row)]
    width = max([len(row) for row in rows] + [len(grid[header_index]) if header_index is not None else 0])
    raw = list(grid[header_index]) if header_index is not None else []
    header = unique_names(raw + [""] * (width - len(raw)))
    return phone_evidence(header, [row + [""] * (width - len(row)) for row in rows], country=country)


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
    last_count: dict[str, int] = {}  # per name, the last "(n)" given: the next repeat starts above it
    for index, name in enumerate(raw):
        name = " ".join(name.split()) or f"Column {column_letter(first_col + index)}"
        candidate, key = name, name.casefold()
        if key in seen:
            count = last_count.get(key, 1)
            while candidate.casefold() in seen:
                count += 1
                candidate = f"{name} ({count})"
            last_count[key] = count
        seen.add(candidate.casefold())
        names.append(candidate)
    return names
