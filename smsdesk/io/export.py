"""Write a table to CSV or XLSX so that it opens cleanly in Excel: text stays text, nothing runs as a formula.

CSV choices (Danish-first): UTF-8 with a BOM, `;` between fields and a decimal comma in numbers. Danish (and most
European) Excel uses `;` as its list separator, so such a file opens straight into columns with æøå intact; an
English-locale Excel shows it as one column, which is why XLSX is the export we offer first. We do not write a
`sep=;` line: Excel then ignores the BOM and garbles æøå.

Cells that Excel would run or damage get a leading apostrophe in CSV: anything starting with = + - @ (after any
leading spaces), a tab or a carriage return (formula injection, OWASP's list; "+4512345678" would otherwise become
the number 4512345678), and digit strings with a leading zero or 12+ digits (Excel drops the zero or shows 4.5E+11).
In XLSX every string is written as a typed text cell with the text format "@" (openpyxl would otherwise write a
string starting with "=" as a formula), and one that looks like a formula also carries Excel's own quote-prefix flag,
so it stays text even when someone edits the cell. Real numbers (int/float values) are written as numbers.
"""

from __future__ import annotations

import contextlib
import csv
import math
import os
import re
import secrets
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

CSV_DELIMITER = ";"
CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx",)
SUPPORTED_SUFFIXES = CSV_SUFFIXES + XLSX_SUFFIXES

_FORMULA_STARTS = (
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\n",
    "＝",
    "＋",
    "－",
    "＠",
)  # with their full-width forms
_FRAGILE_DIGITS = re.compile(r"^(0\d+|\d{12,})$")
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # XML 1.0 cannot hold these
_XLSX_MAX_CELL = 32767  # Excel's limit on characters in a cell
_MAX_WIDTH = 60


class ExportError(Exception):
    """The file could not be written; str() names the file and what to do."""


def looks_like_formula(text: str) -> bool:
    stripped = text.lstrip(" ")
    return bool(stripped) and (stripped.startswith(_FORMULA_STARTS) or text.startswith(("\t", "\r", "\n")))


def csv_safe(text: str) -> str:
    """The cell as written to CSV: prefixed with ' when Excel would run it or turn it into a damaged number."""
    if looks_like_formula(text) or _FRAGILE_DIGITS.match(text):
        return "'" + text
    return text


def export_table(
    path: str | Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    sheet_title: str = "SMSDesk",
    delimiter: str = CSV_DELIMITER,
) -> Path:
    """Write `header` and `rows` to `path`, CSV or XLSX by its suffix. Cells: str, int, float, None, date(time).

    Written to a temporary file next to it and renamed at the end, so a failed export never leaves half a file or
    damages an earlier export of the same name.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ExportError(f"Cannot export to {target.name}: choose a name ending in .xlsx or .csv")
    all_rows = [list(row) for row in rows]
    folder = target.parent if str(target.parent) else Path(".")
    temp_name = None
    try:
        temp_name = _new_temp_file(folder, target)
        if suffix in XLSX_SUFFIXES:
            _write_xlsx(Path(temp_name), list(header), all_rows, sheet_title)
        else:
            _write_csv(Path(temp_name), list(header), all_rows, delimiter)
        os.replace(temp_name, target)
        temp_name = None
    except PermissionError:
        raise ExportError(
            f"Cannot write {target}: it is open in another program (Excel?) or the folder is read-only. "
            "Close it or choose another place."
        ) from None
    except FileNotFoundError:
        raise ExportError(f"Cannot write {target}: the folder {folder} does not exist") from None
    except OSError as exc:
        raise ExportError(f"Cannot write {target}: {exc.strerror or exc}") from None
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
    return target


def _new_temp_file(folder: Path, target: Path) -> str:
    """A new empty file beside the target, with the permissions a normal new file gets (mkstemp's are 0600)."""
    for _ in range(100):
        name = folder / f".{target.stem}-{secrets.token_hex(4)}{target.suffix}"
        try:
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return str(name)
    raise FileExistsError(f"no free temporary name in {folder}")


# -- CSV -----------------------------------------------------------------------------------------------------------


def _csv_cell(value: Any, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return ""
        text = repr(value) if value != int(value) else str(int(value))
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, datetime | date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return csv_safe(str(value))


def _write_csv(path: Path, header: list[str], rows: list[list[Any]], delimiter: str) -> None:
    decimal_comma = delimiter == ";"  # the pair European Excel expects
    # utf-8-sig writes the BOM Excel needs to read the file as UTF-8; CRLF is what Excel writes itself.
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow([_csv_cell(cell, decimal_comma) for cell in header])
        for row in rows:
            writer.writerow([_csv_cell(cell, decimal_comma) for cell in row])


# -- XLSX ----------------------------------------------------------------------------------------------------------


def _xlsx_text(value: str) -> str:
    text = _XLSX_ILLEGAL.sub("", value)
    return text[:_XLSX_MAX_CELL]


def _display_width(value: Any) -> int:
    if value is None:
        return 0
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def _write_xlsx(path: Path, header: list[str], rows: list[list[Any]], sheet_title: str) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(sheet_title))
    columns = max([len(header), *(len(row) for row in rows)]) if (header or rows) else 0

    # Widths from the header and the first rows; write-only sheets take them before the first row.
    sample = rows[:1000]
    for index in range(columns):
        widest = max(
            [_display_width(header[index]) if index < len(header) else 0]
            + [_display_width(row[index]) for row in sample if index < len(row)]
        )
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(_MAX_WIDTH, max(8, widest + 2))
    if header:
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(max(1, columns))}{len(rows) + 1}"

    bold = Font(bold=True)

    def make_cell(value: Any, *, is_header: bool = False) -> WriteOnlyCell:
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            value = None
        if isinstance(value, datetime) and value.tzinfo is not None:
            value = value.isoformat(sep=" ")  # Excel has no time zones: keep the offset visible as text
        if isinstance(value, str | int | float | datetime | date) or value is None:
            cell = WriteOnlyCell(sheet, value=_xlsx_text(value) if isinstance(value, str) else value)
        else:
            cell = WriteOnlyCell(sheet, value=_xlsx_text(str(value)))
        if isinstance(cell.value, str):
            # openpyxl reads "=..." as a formula and "#N/A" as an error: force a plain text cell.
            cell.data_type = "s"
            cell.number_format = "@"
            if looks_like_formula(cell.value):
                cell.quotePrefix = True  # Excel's own "typed with a leading '" flag: stays text when edited
        elif isinstance(cell.value, datetime):
            cell.number_format = "yyyy-mm-dd hh:mm:ss"
        if is_header:
            cell.font = bold
        return cell

    if header:
        sheet.append([make_cell(value, is_header=True) for value in header])
    for row in rows:
        sheet.append([make_cell(value) for value in row])
    workbook.save(path)


def _sheet_title(title: str) -> str:
    # Excel's rules: at most 31 characters, none of []:*?/\
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", title).strip() or "Sheet1"
    return cleaned[:31]
