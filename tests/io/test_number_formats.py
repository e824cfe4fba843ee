"""Numbers in real xlsx files read as the sheet shows them (number formats from xl/styles.xml), in the reader's
separators; phone columns, formatted or not, read as before; amounts shown as amounts are never phone numbers."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from smsdesk.core.numfmt import ENGLISH, NumberStyle
from smsdesk.core.phones import normalise
from smsdesk.core.plan import build_plan
from smsdesk.io import workbook, xlsx_styles
from smsdesk.io.tables import read_table

DANISH = NumberStyle(decimal=",", group=".")
SWEDISH = NumberStyle(decimal=",", group="\u00a0")

HEADER = ["Navn", "Mobil", "Beløb", "Pris", "Rabat", "Vægt", "Antal", "Tlf", "Fastnet"]
FORMATS = [None, "#,##0", "#,##0.00", '0.00 "kr."', "0%", "0.0", "General", "00000000", "#,##0"]
ROWS = [
    ["Anna", 20123456, 120.5, 1200, 0.25, 2.5, 3.25, 31234567, 4533221100],
    ["Bo", 31234567, 1234567.891, 0, 0.1, 7, 12, 22334455, 4533221101],
]


def write_book(path, *, top_left=(1, 1), rows=ROWS, formats=FORMATS):
    """A sheet with the table's header at top_left (row, column), each column's cells in its number format."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Kunder"
    first_row, first_col = top_left
    for offset, name in enumerate(HEADER):
        sheet.cell(first_row, first_col + offset, name)
    for index, values in enumerate(rows, start=first_row + 1):
        for offset, value in enumerate(values):
            cell = sheet.cell(index, first_col + offset, value)
            if formats[offset] is not None:
                cell.number_format = formats[offset]
    book.save(path)
    return path


@pytest.mark.parametrize("top_left", [(1, 1), (3, 3)])
def test_amounts_read_as_the_sheet_shows_them_in_danish_and_english(tmp_path, top_left):
    path = write_book(tmp_path / "kunder.xlsx", top_left=top_left)
    danish = read_table(path, number_style=DANISH)
    assert danish.header == HEADER
    assert danish.row_numbers == [top_left[0] + 1, top_left[0] + 2]
    assert danish.rows == [
        ["Anna", "20123456", "120,50", "1200,00 kr.", "25%", "2,5", "3,25", "31234567", "4533221100"],
        ["Bo", "31234567", "1.234.567,89", "0,00 kr.", "10%", "7,0", "12", "22334455", "4533221101"],
    ]
    english = read_table(path)
    assert english.rows == [
        ["Anna", "20123456", "120.50", "1200.00 kr.", "25%", "2.5", "3.25", "31234567", "4533221100"],
        ["Bo", "31234567", "1,234,567.89", "0.00 kr.", "10%", "7.0", "12", "22334455", "4533221101"],
    ]


def test_phone_columns_formatted_without_decimals_read_and_plan_exactly_as_before(tmp_path):
    path = write_book(tmp_path / "kunder.xlsx")
    plain = write_book(tmp_path / "plain.xlsx", formats=[None] * len(HEADER))
    formatted, before = read_table(path, number_style=DANISH), read_table(plain)
    phones = [HEADER.index("Mobil"), HEADER.index("Tlf"), HEADER.index("Fastnet")]
    assert [[row[i] for i in phones] for row in formatted.rows] == [
        [row[i] for i in phones] for row in before.rows
    ]
    plan = build_plan(formatted.header, formatted.rows, formatted.row_numbers)
    assert plan.phone_column == "Mobil"
    assert [r.phone for r in plan.recipients] == ["+4520123456", "+4531234567"]


@pytest.mark.parametrize("style", [ENGLISH, DANISH, SWEDISH])
def test_an_amount_shown_with_decimals_percent_or_currency_is_never_a_phone_number(tmp_path, style):
    # An "amount" column whose values would be valid Danish numbers as bare digits.
    rows = [["Anna", 20123456, 20123456, 20123456, 20123456, 20123456, 1, 1, 1]]
    formats = [None, "#,##0.00", "0.00 kr", '#,##0.00\\ "kr."', "0%", "[$DKK] #,##0.00", None, None, None]
    path = write_book(tmp_path / "kunder.xlsx", rows=rows, formats=formats)
    table = read_table(path, number_style=style)
    for column in range(1, 6):
        cell = table.rows[0][column]
        result = normalise(cell, "DK")
        assert result.e164 is None, (cell, result)
        plan = build_plan(table.header, table.rows, table.row_numbers, phone_column=HEADER[column])
        assert plan.valid == 0, cell


def test_a_phone_list_without_number_formats_is_not_looked_through_again(tmp_path, monkeypatch):
    path = write_book(
        tmp_path / "kunder.xlsx", formats=[None, "#,##0", None, None, None, None, None, "00000000", None]
    )
    with zipfile.ZipFile(path) as archive:
        assert xlsx_styles.styles_formats(archive) == {}  # #,##0 and 00000000 change no phone number

    def no_pass(*args):
        raise AssertionError("the sheet was looked through for formats it does not have")

    monkeypatch.setattr(workbook, "cell_formats", no_pass)
    grid = []
    workbook.read_grid(
        path, None, "DK", lambda message: grid.extend(message[1]) if message[0] == "rows" else None
    )
    assert grid[1][2] == "120.5"


def test_cells_without_references_and_prefixed_tags_are_placed(tmp_path):
    """Some programs leave out r= on cells (and on rows) or write the namespace prefix: each cell is the next."""
    path = tmp_path / "bare.xlsx"
    write_book(path)
    with zipfile.ZipFile(path) as source:
        sheet = source.read("xl/worksheets/sheet1.xml")
    bare = (
        b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
        b'<x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c s="2"><x:v>1.5</x:v></x:c></x:row>'
        b'<x:row r="4"><x:c r="C4" s="2"><x:v>2</x:v></x:c><x:c s="2" t="s"><x:v>0</x:v></x:c><x:c s="2"/></x:row>'
        b"</x:sheetData></x:worksheet>"
    )
    assert sheet  # the real file was written; the bare XML below stands in for another program's
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("bare.xml", bare)
    with zipfile.ZipFile(path) as archive:
        positions, codes = xlsx_styles.cell_formats(archive, "bare.xml", {2: "0.00"})
    bits = xlsx_styles.COLUMN_BITS
    assert positions == {0 << bits | 1: 0, 3 << bits | 2: 0, 3 << bits | 4: 0}
    assert codes == ["0.00"]


def test_cells_whose_attributes_come_in_another_order_are_placed(tmp_path):
    path = write_book(tmp_path / "kunder.xlsx")
    other = (
        b'<worksheet><sheetData><row r="2" spans="1:3"><c t="n" s="2" r="B2"><v>1.5</v></c>'
        b"<c s='2' r='C2' t='s'><v>0</v></c><c\ns=\"2\"\nr=\"AA2\"><v>3</v></c></row></sheetData></worksheet>"
    )
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("other.xml", other)
    with zipfile.ZipFile(path) as archive:
        positions, _codes = xlsx_styles.cell_formats(archive, "other.xml", {2: "0.00"})
    bits = xlsx_styles.COLUMN_BITS
    assert positions == {1 << bits | 1: 0, 1 << bits | 26: 0}


def test_styles_read_the_files_own_codes_and_skip_dates_and_general(tmp_path):
    path = write_book(tmp_path / "kunder.xlsx")
    with zipfile.ZipFile(path) as archive:
        formats = xlsx_styles.styles_formats(archive)
    assert sorted(formats.values()) == sorted(["#,##0.00", '0.00 "kr."', "0%", "0.0"])
