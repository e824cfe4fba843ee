"""Every fixture in tests/fixtures read end to end: exact header, row numbers, valid counts and reasons.

Regenerate the files with tests/fixtures/make_fixtures.py; the outcomes below are what a user must see.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from smsdesk.core.plan import DUPLICATE, EMPTY, INVALID, build_plan
from smsdesk.io.tables import ReadCancelled, TableError, list_sheets, read_table

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def plan_of(name: str, **read):
    table = read_table(FIXTURES / name, **read)
    return table, build_plan(table.header, table.rows, table.row_numbers)


def reasons(plan) -> list[tuple[int, str, str, str]]:
    return [(e.row, e.value, e.reason, e.kind) for e in plan.excluded]


def test_danish_semicolon_cp1252_csv():
    table, plan = plan_of("danish_semicolon_cp1252.csv")
    assert (table.encoding, table.delimiter, table.header_row) == ("cp1252", ";", 1)
    assert table.header == ["Navn", "Mobil", "By", "Bemærkning"]
    assert table.row_numbers == [2, 3, 4, 5, 6, 8, 9, 10, 11, 12]  # row 7 is blank
    assert table.rows[1] == ["Åse Øster", "+45 31 23 45 67", "Odense", "Ring efter kl. 16; tak"]
    assert plan.phone_column == "Mobil"
    assert (plan.rows, plan.valid, plan.duplicates, len(plan.invalid)) == (10, 5, 1, 4)
    # Five formats, one number each.
    assert [(r.row, r.phone, r.fields["Navn"]) for r in plan.recipients] == [
        (2, "+4520123456", "Søren Ærø"),
        (3, "+4531234567", "Åse Øster"),
        (4, "+4540123456", "Jørgen Bæk"),
        (5, "+4550123456", "Mette Lærke"),
        (6, "+4561234567", "Bjørn Hansen"),
    ]
    assert reasons(plan) == [
        (8, "", "no phone number", EMPTY),
        (9, "1234", "too short", INVALID),
        (10, "+45 20123456", "duplicate of row 2", DUPLICATE),
        (11, "ikke oplyst", "not a phone number", INVALID),
        (12, "12345678", "not valid for its country (DK)", INVALID),
    ]


def test_utf8_bom_csv_with_quoted_multiline_fields_keeps_excel_row_numbers():
    table, plan = plan_of("utf8_bom_multiline.csv")
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ",")
    assert table.header == ["Name", "Phone", "Address", "Note"]  # no BOM glued to "Name"
    # Records span 2 and 3 physical lines, but Excel shows one row per record.
    assert table.row_numbers == [2, 3, 4, 5, 6]
    assert table.rows[0][2] == "Nørregade 1\r\n1165 København K"
    assert table.rows[1][:2] == ['Bo "Bosse" Dahl', "22334456"]
    assert table.rows[1][3] == "Line one\nLine two\nLine three"
    assert table.rows[2][1] == "22334457"  # zero-width space and NBSP stripped
    assert [(r.row, r.phone) for r in plan.recipients] == [
        (2, "+4522334455"),
        (3, "+4522334456"),
        (4, "+4522334457"),
    ]
    assert reasons(plan) == [
        (5, "22 33 44 55", "duplicate of row 2", DUPLICATE),
        (6, "4.52E+09", "damaged by Excel (scientific notation 4.52E+09 lost digits)", INVALID),
    ]


def test_utf16_tab_text_as_excel_unicode_text():
    table, plan = plan_of("utf16_tab.txt")
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert table.header == ["Fornavn", "Efternavn", "Telefon"]
    assert table.rows[3] == ["Ole", "Ågård", "26 11 22 34"]
    assert [(r.row, r.phone) for r in plan.recipients] == [
        (2, "+4526112233"),
        (3, "+46701234567"),
        (5, "+4526112234"),
    ]
    assert reasons(plan) == [(4, "+45 2012", "too short", INVALID)]


def test_xlsx_second_sheet_title_row_numbers_stored_as_numbers():
    assert list_sheets(FIXTURES / "customers_second_sheet.xlsx") == ["Noter", "Kunder"]
    table, plan = plan_of("customers_second_sheet.xlsx")
    # The notes sheet in front is passed over; the title row and blank row above the header are skipped.
    assert (table.sheet, table.sheets, table.header_row) == ("Kunder", ["Noter", "Kunder"], 3)
    assert table.header == ["Kundenr", "Navn", "Mobil", "Oprettet", "Beløb"]
    assert table.row_numbers == [4, 5, 6, 7, 9, 10]
    assert table.rows[0] == ["1001", "Anne Holm", "4522334455", "2024-01-15", "249.5"]
    assert table.rows[1] == ["1002", "Bent Lund", "22334466", "2024-02-01 14:30:00", "0"]
    assert table.rows[4][2] == "4522334488"  # the formula's cached value
    assert plan.phone_column == "Mobil"
    assert (plan.rows, plan.valid, plan.duplicates, len(plan.invalid)) == (6, 4, 1, 1)
    assert [(r.row, r.phone) for r in plan.recipients] == [
        (4, "+4522334455"),
        (5, "+4522334466"),
        (7, "+4522334477"),
        (9, "+4522334488"),
    ]
    assert reasons(plan) == [
        (6, "4.52E+09", "damaged by Excel (scientific notation 4.52E+09 lost digits)", INVALID),
        (10, "22334466", "duplicate of row 5", DUPLICATE),
    ]


def test_xlsx_notes_sheet_can_still_be_chosen():
    table = read_table(FIXTURES / "customers_second_sheet.xlsx", sheet="Noter")
    assert table.sheet == "Noter"
    assert table.header == ["Kundeliste til forårskampagnen"]
    assert table.rows == [["Opdateret af Hanne, 1. marts"], ["Kunderne står på næste ark."]]
    assert table.row_numbers == [2, 4]


def test_legacy_xls():
    table, plan = plan_of("legacy.xls")
    assert (table.sheet, table.header, table.header_row) == ("Ark1", ["Navn", "Telefon", "Postnr"], 1)
    assert table.rows[0] == ["Hans Jørgensen", "22446688", "8000"]
    assert [(r.row, r.phone) for r in plan.recipients] == [
        (2, "+4522446688"),
        (3, "+4522446689"),
        (4, "+4522446690"),
    ]
    assert reasons(plan) == [(5, "", "no phone number", EMPTY), (6, "abc", "not a phone number", INVALID)]


def test_libreoffice_ods_with_blank_rows_above_the_header():
    table, plan = plan_of("libreoffice.ods")
    assert (table.sheet, table.header_row) == ("Medlemmer", 3)
    assert table.header == ["Medlem", "Mobiltelefon", "Hold"]
    assert table.rows[1] == ["Nanna Friis", "26554434", "Tirsdag"]  # formula: cached value
    assert [(r.row, r.phone) for r in plan.recipients] == [(4, "+4526554433"), (5, "+4526554434")]
    assert reasons(plan) == [
        (6, "+45 26 55 44 33", "duplicate of row 4", DUPLICATE),
        (7, "2655443", "too short", INVALID),
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("broken_empty.csv", "broken_empty.csv: is empty"),
        ("broken_only_bom.csv", "broken_only_bom.csv: is empty"),
        (
            "broken_garbage.xlsx",
            "broken_garbage.xlsx: is not a spreadsheet (not a .xlsx file, and not text either)",
        ),
        ("broken_png_named.csv", "broken_png_named.csv: is a PNG image, not a spreadsheet or CSV file"),
        (
            "broken_password_protected.xlsx",
            "broken_password_protected.xlsx: is password-protected; open it in Excel, remove the password "
            "(File > Info > Protect Workbook) and save it again",
        ),
        (
            "broken_ole_header_only.xlsx",
            "broken_ole_header_only.xlsx: is password-protected or damaged (an Office container that holds no "
            "readable workbook); remove the password in Excel and save it again",
        ),
        (
            "broken_truncated.xlsx",
            "broken_truncated.xlsx: is damaged or not a spreadsheet (a zip file that holds",
        ),
        (
            "broken_html_export.xls",
            "broken_html_export.xls: is a web page (HTML) saved with a .xls name; open it in Excel and save it as .xlsx",
        ),
        ("does_not_exist.xlsx", "does_not_exist.xlsx: file not found"),
    ],
)
def test_broken_files_give_one_clear_line(name, message):
    with pytest.raises(TableError) as caught:
        read_table(FIXTURES / name)
    text = str(caught.value)
    assert text.startswith(message)
    assert "\n" not in text


def test_unknown_sheet_names_the_sheets():
    with pytest.raises(TableError, match=r"has no sheet named 'Kunde'; its sheets are: 'Noter', 'Kunder'"):
        read_table(FIXTURES / "customers_second_sheet.xlsx", sheet="Kunde")
    assert read_table(FIXTURES / "customers_second_sheet.xlsx", sheet="kunder").sheet == "Kunder"


@pytest.mark.parametrize("name", ["customers_second_sheet.xlsx", "danish_semicolon_cp1252.csv"])
def test_progress_ends_at_one_and_cancel_stops(name):
    seen: list[float] = []
    read_table(FIXTURES / name, progress=seen.append)
    assert seen and seen[-1] == 1.0 and all(0.0 <= f <= 1.0 for f in seen)
    with pytest.raises(ReadCancelled, match="reading was cancelled"):
        read_table(FIXTURES / name, cancelled=lambda: True)
