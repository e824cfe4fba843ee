"""Exports read back with openpyxl and calamine: text stays text, nothing is a formula, CSV fits Danish Excel."""

from __future__ import annotations

import csv
import io
import os
import stat
import zipfile
from datetime import datetime

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from smsdesk.io.export import ExportError, csv_safe, export_table, looks_like_formula

HEADER = ["Telefon", "Navn", "Besked", "Pris"]
ROWS = [
    ["+4512345678", "Åse Ærø", "Hej {Navn} 😀", 0.16],
    ["004520123456", '=HYPERLINK("http://evil","klik")', "@SUM(A1:A9)", 2],
    ["4512345678901", "-2+3", "#N/A", None],
    ["12345678", "\tTab", "\rCR", 1.5],
]
DANGEROUS = ['=HYPERLINK("http://evil","klik")', "@SUM(A1:A9)", "-2+3", "\tTab", "\rCR"]


def read_xlsx_openpyxl(path):
    sheet = openpyxl.load_workbook(path).active
    return [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows()]


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 BOM"
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline=""), delimiter=";"))


def test_xlsx_keeps_phone_numbers_as_text_and_writes_no_formula(tmp_path):
    path = export_table(tmp_path / "result.xlsx", HEADER, ROWS)
    cells = read_xlsx_openpyxl(path)
    assert [value for value, _ in cells[0]] == HEADER
    assert cells[1][0] == ("+4512345678", "s")
    assert cells[2][0] == ("004520123456", "s")
    assert cells[3][0] == ("4512345678901", "s")
    assert cells[1][3] == (0.16, "n")  # real numbers stay numbers
    for row in cells:
        for value, data_type in row:
            assert data_type != "f", value
    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    # Excel's text format on text cells, so re-typing a number there keeps it text.
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A2"].number_format == "@"
    assert sheet["B3"].quotePrefix is True and sheet["A3"].quotePrefix is False


def test_xlsx_reads_back_identically_with_calamine(tmp_path):
    path = export_table(tmp_path / "result.xlsx", HEADER, ROWS)
    values = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert values[0] == HEADER
    assert values[1][:3] == ["+4512345678", "Åse Ærø", "Hej {Navn} 😀"]
    assert values[2][:3] == ROWS[1][:3]
    assert values[3][:3] == ROWS[2][:3]


def test_xlsx_drops_characters_xml_cannot_hold(tmp_path):
    path = export_table(tmp_path / "x.xlsx", ["a"], [["bell\x07 and nul\x00"]])
    assert read_xlsx_openpyxl(path)[1][0] == ("bell and nul", "s")


def test_csv_is_utf8_bom_semicolon_decimal_comma_with_apostrophe_guard(tmp_path):
    path = export_table(tmp_path / "result.csv", HEADER, ROWS)
    rows = read_csv(path)
    assert rows[0] == HEADER
    assert rows[1] == ["'+4512345678", "Åse Ærø", "Hej {Navn} 😀", "0,16"]
    assert rows[2][0] == "'004520123456"  # Excel would drop the zeros
    assert rows[3][0] == "'4512345678901"  # Excel would show 4.51235E+12
    assert rows[4][0] == "12345678"  # a plain local number is safe as it is
    for text in DANGEROUS:
        assert any(f"'{text}" in row for row in rows), text
    assert b"\r\n" in path.read_bytes()


def test_csv_other_delimiter_uses_decimal_point(tmp_path):
    path = export_table(tmp_path / "r.csv", ["a", "b"], [[1.5, "x,y"]], delimiter=",")
    assert path.read_bytes()[3:].decode() == 'a,b\r\n1.5,"x,y"\r\n'


@pytest.mark.parametrize(
    ("text", "guarded"),
    [
        ("=1+1", True),
        ("+45", True),
        ("-1", True),
        ("@x", True),
        ("  =1", True),
        ("\t1", True),
        ("＝1", True),
        ("Hej", False),
        ("a=b", False),
        ("", False),
        ("0", False),
        ("0123", True),
        ("123456789012", True),
        ("12345678901", False),
    ],
)
def test_csv_safe(text, guarded):
    assert (csv_safe(text) == "'" + text) is guarded
    if not guarded:
        assert csv_safe(text) == text


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(max_size=20), min_size=1, max_size=4))
def test_any_text_round_trips_through_xlsx_as_text(tmp_path_factory, cells):
    path = tmp_path_factory.mktemp("x") / "p.xlsx"
    export_table(path, ["h"] * len(cells), [cells])
    legal = ["".join(ch for ch in c if ch >= " " or ch in "\t\n\r") for c in cells]
    sheet = openpyxl.load_workbook(path).active
    row = [cell for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
    for cell, expected in zip(row, legal, strict=False):
        if expected == "":
            assert cell.value in (None, "")
            continue
        assert cell.data_type == "s"
        assert cell.value.replace("\r\n", "\n").replace("\r", "\n") == expected.replace("\r\n", "\n").replace(
            "\r", "\n"
        )
        assert looks_like_formula(expected) == bool(cell.quotePrefix)


def test_failed_export_leaves_the_earlier_file(tmp_path, monkeypatch):
    path = tmp_path / "result.xlsx"
    path.write_bytes(b"earlier export")
    import smsdesk.io.export as export

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "_write_xlsx", broken)
    with pytest.raises(ExportError, match="No space left"):
        export_table(path, ["a"], [["b"]])
    assert path.read_bytes() == b"earlier export"
    assert [p.name for p in tmp_path.iterdir()] == ["result.xlsx"]


def test_unknown_suffix_and_missing_folder(tmp_path):
    with pytest.raises(ExportError, match=r"\.xlsx or \.csv"):
        export_table(tmp_path / "r.pdf", ["a"], [])
    with pytest.raises(ExportError, match="does not exist"):
        export_table(tmp_path / "nope" / "r.csv", ["a"], [])


def test_dates_and_empty_table(tmp_path):
    when = datetime(2026, 11, 22, 9, 30)
    path = export_table(tmp_path / "d.xlsx", ["Sendt"], [[when]])
    assert openpyxl.load_workbook(path).active["A2"].value == when
    path = export_table(tmp_path / "e.xlsx", ["Telefon"], [])
    assert read_xlsx_openpyxl(path) == [[("Telefon", "s")]]
    assert read_csv(export_table(tmp_path / "e.csv", ["Telefon"], [])) == [["Telefon"]]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_an_export_gets_a_normal_files_permissions(tmp_path):
    umask = os.umask(0o022)
    os.umask(umask)
    path = export_table(tmp_path / "r.xlsx", ["a"], [["b"]])
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask  # not the 0600 of a temporary file
