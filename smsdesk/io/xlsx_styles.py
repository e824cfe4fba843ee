"""The number formats of an xlsx/xlsm sheet's cells, which python-calamine does not give.

Two looks, the second only when the first finds something: xl/styles.xml (bounded) says which cell styles carry a
format that shows a number otherwise than General (core.numfmt.changes_numbers: decimals, percent, currency); a
usual phone list has none and costs nothing more. Otherwise one pass over the sheet's XML in blocks, never kept
whole, maps each numeric cell with such a style to its format, keyed by absolute (row, column) index. Untrusted
input: plain regular expressions over bytes, no XML parser, no entities beyond the five XML ones and numeric
references; sizes and counts are capped.
"""

from __future__ import annotations

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
    wanted = {str(index).encode(): code for index, code in formats.items()}
    codes: list[str] = []
    code_index: dict[str, int] = {}
    positions: dict[int, int] = {}
    row, column = -1, -1
    tail = b""
    with archive.open(member) as stream:
        while True:
            block = stream.read(_BLOCK)
            data = tail + block
            end = data.rfind(b">") + 1 if block else len(data)
            for match in _TAG.finditer(data, 0, end):
                attributes = _attributes(match.group(2))
                reference = attributes.get(b"r")
                if match.group(1) == b"row":
                    row = int(reference) - 1 if reference and reference.isdigit() else row + 1
                    column = -1
                    continue
                place = _REFERENCE.match(reference) if reference else None
                if place is not None:
                    column = _column_index(place.group(1))
                    row = int(place.group(2)) - 1
                else:
                    column += 1  # a cell without its reference is the one after the last
                style = attributes.get(b"s")
                if style is None or style not in wanted or attributes.get(b"t", b"n") in _NOT_NUMBERS:
                    continue
                if row < 0 or not 0 <= column < 1 << COLUMN_BITS:
                    continue
                code = wanted[style]
                if code not in code_index:
                    code_index[code] = len(codes)
                    codes.append(code)
                positions[row << COLUMN_BITS | column] = code_index[code]
            if not block:
                break
            tail = data[end:]
            if len(tail) > _TAG_LIMIT:
                tail = b""
    return positions, codes


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
