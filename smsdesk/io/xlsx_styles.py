"""The number formats of an xlsx/xlsm sheet's cells, which python-calamine does not give.

Two looks, the second only when the first finds something: xl/styles.xml (bounded) says which cell styles carry a
format that shows a number otherwise than General (core.numfmt.changes_numbers: decimals, percent, currency); a
usual phone list has none and costs nothing more. Otherwise one pass over the sheet's XML in blocks, never kept
whole, maps each numeric cell with such a style to its format, keyed by absolute (row, column) index. Untrusted
input: plain regular expressions over bytes, no XML parser, no entities beyond the five XML ones and numeric
references; sizes and counts are capped.
"""

from __future__ import annotations

import functools
import html
import re
import zipfile

from smsdesk.core.numfmt import changes_numbers, format_code

STYLES_MEMBER = "xl/styles.xml"
_STYLES_LIMIT = 16 << 20  # bytes of styles.xml read; a real one is a few KB to a few MB
_XF_LIMIT = 65_536  # cell styles looked at (Excel's own limit is 64,000)
_BLOCK = 1 << 20
_TAG_LIMIT = 1 << 16  # a start tag longer than this is not a cell's
COLUMN_BITS = 14  # Excel has 16,384 columns: a position is row << 14 | column

_NUM_FMT = re.compile(rb"<(?:\w+:)?numFmt\b([^>]*)>")
_CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.DOTALL)
_XF = re.compile(rb"<(?:\w+:)?xf\b([^>]*)>")
_ATTRIBUTE = re.compile(rb'\b([A-Za-z]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_TAG = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*)>")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\b")
_CELL_REFERENCE = re.compile(rb"""\sr\s*=\s*["']([A-Z]{1,3})([0-9]{1,7})["']""")
_REFERENCED_CELL_TAG = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr\s*=[^>]*>")
_REFERENCE = re.compile(rb"([A-Z]{1,3})([0-9]{1,7})$")
# Cell types that are not numbers: shared and inline strings, formula strings, booleans, errors, ISO dates.
_NOT_NUMBERS = {b"s", b"str", b"inlineStr", b"b", b"e", b"d"}


def styles_formats(archive: zipfile.ZipFile) -> dict[int, str]:
    """{cell style index: format code} for the styles whose format changes how a number reads; {} for none."""
    try:
        info = archive.getinfo(STYLES_MEMBER)
    except KeyError:
        return {}
    if info.file_size > _STYLES_LIMIT:
        return {}  # not a recipient list's styles; General it is
    with archive.open(info) as stream:
        xml = stream.read(_STYLES_LIMIT)
    codes: dict[int, str] = {}
    for match in _NUM_FMT.finditer(xml):
        attributes = _attributes(match.group(1))
        number = attributes.get(b"numFmtId", b"")
        if number.isdigit() and b"formatCode" in attributes:
            codes[int(number)] = _text(attributes[b"formatCode"])
    cell_xfs = _CELL_XFS.search(xml)
    if cell_xfs is None:
        return {}
    formats: dict[int, str] = {}
    for index, match in enumerate(_XF.finditer(cell_xfs.group(1))):
        if index >= _XF_LIMIT:
            break
        number = _attributes(match.group(1)).get(b"numFmtId", b"0")
        code = format_code(int(number) if number.isdigit() else 0, codes)
        if changes_numbers(code):
            formats[index] = code
    return formats


def cell_formats(
    archive: zipfile.ZipFile, member: str, formats: dict[int, str]
) -> tuple[dict[int, int], list[str]]:
    """({row << COLUMN_BITS | column: index into codes}, codes) for the sheet's numeric cells with one of formats'
    styles; rows and columns counted from 0, as in the sheet."""
    sheet = _SheetScan(formats)
    tail = b""
    with archive.open(member) as stream:
        while True:
            block = stream.read(_BLOCK)
            data = tail + block
            end = data.rfind(b">") + 1 if block else len(data)
            sheet.scan(data, end)
            if not block:
                break
            tail = data[end:]
            if len(tail) > _TAG_LIMIT:
                tail = b""
    return sheet.positions, sheet.codes


class _SheetScan:
    """Cells looked at block by block. Where every cell in a block names its reference (Excel, LibreOffice and
    openpyxl write them all) only the cells with a wanted style are looked at, by one regular expression: a sheet
    of 500,000 cells in a fraction of a second. A block with a cell that leaves out its reference (allowed: it is
    the one after the last) is walked tag by tag."""

    def __init__(self, formats: dict[int, str]) -> None:
        self.wanted = {str(index).encode(): code for index, code in formats.items()}
        styles = b"|".join(re.escape(style) for style in sorted(self.wanted, key=len, reverse=True))
        self.candidate = re.compile(rb'\ss\s*=\s*["\'](' + styles + rb')["\']')
        self.codes: list[str] = []
        self.code_index: dict[str, int] = {}
        self.positions: dict[int, int] = {}
        # where the walk is: the row, the last cell reference in it (b"": none yet) and the cells after that one
        self.row, self.reference, self.after = -1, b"", 0

    def scan(self, data: bytes, end: int) -> None:
        if not _all_referenced(data, end):
            self.walk(data, end)
            return
        for match in self.candidate.finditer(data, 0, end):
            start = data.rfind(b"<", 0, match.start())
            tag = data[start : data.find(b">", match.end()) + 1]
            if _CELL_TAG.match(tag) is None or _attribute(tag, b"t") in _NOT_NUMBERS:
                continue
            place = _CELL_REFERENCE.search(tag)
            if place is not None:
                self.put(_columns(place.group(1)), int(place.group(2)) - 1, self.wanted[match.group(1)])
        last_row = max(data.rfind(b"<row", 0, end), data.rfind(b":row", 0, end))
        last_cell = _last(_REFERENCED_CELL_TAG, data, max(last_row, 0), end)
        if last_row >= 0:
            number = _attribute(data[last_row : data.find(b">", last_row) + 1], b"r")
            self.row = int(number) - 1 if number and number.isdigit() else self.row + 1
        if last_cell is not None:
            self.reference, self.after = last_cell, 0
        elif last_row >= 0:
            self.reference, self.after = b"", 0

    def walk(self, data: bytes, end: int) -> None:
        for match in _TAG.finditer(data, 0, end):
            attributes = match.group(2)
            if match.group(1) == b"row":
                number = _attribute(attributes, b"r")
                self.row = int(number) - 1 if number and number.isdigit() else self.row + 1
                self.reference, self.after = b"", 0
                continue
            cell = _attribute(attributes, b"r")
            if cell is not None:
                self.reference, self.after = cell, 0
            else:
                self.after += 1  # a cell without its reference is the one after the last
            self.keep(attributes, self.reference, self.after)

    def keep(self, attributes: bytes, reference: bytes, after: int) -> None:
        style = _attribute(attributes, b"s")
        if style is None or style not in self.wanted or _attribute(attributes, b"t") in _NOT_NUMBERS:
            return
        position = _position(reference, after, self.row)
        if position is not None:
            self.put(position & ((1 << COLUMN_BITS) - 1), position >> COLUMN_BITS, self.wanted[style])

    def put(self, column: int, row: int, code: str) -> None:
        if row < 0 or not 0 <= column < 1 << COLUMN_BITS:
            return
        index = self.code_index.get(code)
        if index is None:
            index = self.code_index[code] = len(self.codes)
            self.codes.append(code)
        self.positions[row << COLUMN_BITS | column] = index


def _all_referenced(data: bytes, end: int) -> bool:
    """Whether every cell tag in data[:end] names its reference; counted by hand where tags are written plainly."""
    plain = data.count(b"<c ", 0, end)
    if (
        plain == data.count(b'<c r="', 0, end)
        and b":c " not in data
        and b"<c>" not in data
        and b"<c/>" not in data
        and b"<c\t" not in data
        and b"<c\n" not in data
        and b"<c\r" not in data
    ):
        return True
    return len(_CELL_TAG.findall(data, 0, end)) == len(_REFERENCED_CELL_TAG.findall(data, 0, end))


@functools.lru_cache(maxsize=4096)
def _columns(letters: bytes) -> int:
    return _column_index(letters)


def _last(pattern: re.Pattern[bytes], data: bytes, start: int, end: int) -> bytes | None:
    """The reference of the last cell tag in data[start:end]."""
    last = None
    for match in pattern.finditer(data, start, end):
        last = match
    return _attribute(last.group(0), b"r") if last is not None else None


def _position(reference: bytes, after: int, row: int) -> int | None:
    """row << COLUMN_BITS | column of a cell `after` cells past `reference` (b"": the row's start) in `row`."""
    if reference:
        place = _REFERENCE.match(reference)
        if place is None:
            return None
        column, row = _column_index(place.group(1)) + after, int(place.group(2)) - 1
    else:
        column = after - 1
    if row < 0 or not 0 <= column < 1 << COLUMN_BITS:
        return None
    return row << COLUMN_BITS | column


def _attribute(raw: bytes, name: bytes) -> bytes | None:
    """One attribute's value: the usual ` s="3"` found by hand, any other spelling by the regular expression."""
    key = b" " + name + b'="'
    start = raw.find(key)
    if start >= 0:
        start += len(key)
        return raw[start : raw.find(b'"', start)]
    if name + b"=" not in raw:
        return None
    return _attributes(raw).get(name)


def _column_index(letters: bytes) -> int:
    column = 0
    for letter in letters:
        column = column * 26 + letter - 64
    return column - 1


def _attributes(raw: bytes) -> dict[bytes, bytes]:
    return {name: double or single for name, double, single in _ATTRIBUTE.findall(raw)}


def _text(raw: bytes) -> str:
    # html.unescape knows the five XML entities and numeric references; the rest of its names never occur in a
    # format code written by a spreadsheet program.
    return html.unescape(raw.decode("utf-8", "replace"))
