"""Reading tables: delimiter and encoding detection with overrides, header detection, sheet choice, cell text."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from smsdesk.io.tables import (
    SUPPORTED_SUFFIXES,
    ReadCancelled,
    TableError,
    column_letter,
    detect_delimiter,
    find_header,
    list_sheets,
    read_table,
    unique_names,
)
from smsdesk.io.workbook import cell_text


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------------------------------- delimiters


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("Navn;Mobil\nAnn;20123456\nBo;31234567\n", ";"),
        ("Name,Phone\nAnn,20123456\nBo,31234567\n", ","),
        ("Name\tPhone\nAnn\t20123456\n", "\t"),
        ("Name|Phone\nAnn|20123456\n", "|"),
        # Commas inside names and amounts, semicolons between fields: consistency decides.
        ("Navn;Mobil;Beløb\nHansen, Ole;20123456;12,50\nBo;31234567;3,00\nCy, Dy;40123456;1\n", ";"),
        # A quoted field holding the other delimiter many times does not win.
        ('Name,Note\nAnn,"a;b;c;d;e"\nBo,"x"\nCy,"y;z"\n', ","),
        # A title line above the table has no delimiter at all.
        ("Kundeliste\n\nNavn;Mobil\nAnn;20123456\nBo;31234567\n", ";"),
    ],
)
def test_detect_delimiter(text, delimiter):
    assert detect_delimiter(text) == delimiter


def test_single_column_file_without_delimiters(tmp_path):
    path = write(tmp_path, "numbers.txt", b"Mobil\r\n20123456\r\n31234567\r\n")
    table = read_table(path)
    assert table.header == ["Mobil"]
    assert table.rows == [["20123456"], ["31234567"]]


def test_delimiter_override_words_and_excel_sep_line(tmp_path):
    path = write(tmp_path, "a.csv", b"Navn|Mobil;x\r\nAnn|20123456;y\r\n")
    assert read_table(path, delimiter="pipe").header == ["Navn", "Mobil;x"]
    assert read_table(path, delimiter=";").header == ["Navn|Mobil", "x"]
    with pytest.raises(TableError, match="a.csv: the delimiter must be one character or tab"):
        read_table(path, delimiter="::")
    # Excel's "sep=" line picks the delimiter and is not a row Excel shows.
    sep = write(tmp_path, "sep.csv", b"sep=,\r\nNavn,Mobil\r\nAnn,20123456\r\n")
    table = read_table(sep)
    assert (table.delimiter, table.header, table.header_row, table.row_numbers) == (
        ",",
        ["Navn", "Mobil"],
        1,
        [2],
    )


# ---------------------------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Navn;Mobil\nSøren Ærø;20123456\n".encode(), "utf-8"),
        ("Navn;Mobil\nSøren Ærø;20123456\n".encode("utf-8-sig"), "utf-8-sig"),
        ("Navn;Mobil\nSøren Ærø;20123456\n".encode("cp1252"), "cp1252"),
        ("Navn;Mobil\nSøren Ærø;20123456\n".encode("utf-16"), "utf-16"),
        ("Navn;Mobil\nSøren Ærø;20123456\n".encode("utf-16-le"), "utf-16-le"),  # no BOM
        ("Navn;Mobil\nSøren Ærø – €;20123456\n".encode("cp1252"), "cp1252"),
    ],
)
def test_encoding_detection(tmp_path, data, encoding):
    table = read_table(write(tmp_path, "a.csv", data))
    assert table.encoding == encoding
    assert table.header == ["Navn", "Mobil"]
    assert table.rows[0][0].startswith("Søren Ærø")


def test_encoding_override(tmp_path):
    path = write(tmp_path, "a.csv", "Navn;Mobil\nSøren;20123456\n".encode())
    assert read_table(path, encoding="latin-1").rows[0][0] == "SÃ¸ren"  # what the user asked for
    with pytest.raises(TableError, match=r"a.csv: unknown encoding 'klingon'"):
        read_table(path, encoding="klingon")
    cp = write(tmp_path, "b.csv", "Navn;Mobil\nSøren;20123456\n".encode("cp1252"))
    with pytest.raises(
        TableError, match=r"b.csv: cannot be read as utf-8 \(line 2, byte 13 is not valid there\)"
    ):
        read_table(cp, encoding="utf-8")


def test_text_file_with_binary_inside(tmp_path):
    with pytest.raises(TableError, match="data.csv: is not a text"):
        read_table(write(tmp_path, "data.csv", b"Navn;Mobil\n" + bytes(range(0, 32)) * 20))


def test_xlsx_renamed_to_csv_still_opens(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Navn", "Mobil"])
    workbook.active.append(["Ann", 20123456])
    path = tmp_path / "export.csv"
    workbook.save(path)
    table = read_table(path)
    assert table.rows == [["Ann", "20123456"]]
    assert list_sheets(path) == ["Sheet"]


def test_tab_separated_text_with_xls_name_is_read_as_text(tmp_path):
    table = read_table(write(tmp_path, "export.xls", b"Navn\tMobil\r\nAnn\t20123456\r\n"))
    assert (table.delimiter, table.rows) == ("\t", [["Ann", "20123456"]])


def test_text_file_has_no_sheets(tmp_path):
    path = write(tmp_path, "a.csv", b"Navn;Mobil\nAnn;20123456\n")
    assert list_sheets(path) == []
    with pytest.raises(TableError, match="a.csv: is a text file, it has no sheets"):
        read_table(path, sheet="Ark1")


def test_folder_and_suffixes(tmp_path):
    with pytest.raises(TableError, match="is a folder"):
        read_table(tmp_path)
    assert set(SUPPORTED_SUFFIXES) == {".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods"}


# -------------------------------------------------------------------------------------------- header rows


def test_header_after_title_and_blank_rows_in_csv(tmp_path):
    text = "Kundeliste marts;;\r\n;;\r\n\r\nNavn;Mobil;By\r\nAnn;20123456;Køge\r\n;;\r\nBo;31234567;Vejle\r\n"
    table = read_table(write(tmp_path, "a.csv", text.encode()))
    assert (table.header_row, table.header) == (4, ["Navn", "Mobil", "By"])
    assert table.row_numbers == [5, 7]


def test_headerless_list_of_numbers(tmp_path):
    table = read_table(write(tmp_path, "a.csv", b"20123456\r\n31234567\r\n"))
    assert (table.header_row, table.header, table.row_numbers) == (0, ["Column A"], [1, 2])


def test_headerless_rows_with_names_are_not_taken_for_a_header(tmp_path):
    table = read_table(write(tmp_path, "a.csv", "Ann Holm;20123456;Køge\nBo Lund;31234567;Vejle\n".encode()))
    assert table.header_row == 0
    assert table.header == ["Column A", "Column B", "Column C"]
    assert table.row_numbers == [1, 2]


def test_header_row_override(tmp_path):
    path = write(tmp_path, "a.csv", b"Navn;Mobil\nAnn;20123456\nBo;31234567\n")
    assert read_table(path, header_row=2).header == ["Ann", "20123456"]
    table = read_table(path, header_row=0)
    assert (table.header, table.row_numbers) == (["Column A", "Column B"], [1, 2, 3])
    with pytest.raises(TableError, match=r"a.csv: has no row 9 \(rows 1–3\) to use as the header"):
        read_table(path, header_row=9)


def test_find_header_examples():
    assert find_header([["Kundeliste"], ["Navn", "Mobil", "By"], ["Ann", "20123456", "Køge"]]) == 1
    assert find_header([["", ""], ["Navn", "Mobil"], ["Ann", "20123456"]]) == 1
    assert find_header([["20123456"], ["31234567"]]) is None
    assert find_header([["Navn", "Mobil"]]) == 0  # a header alone
    two_cell_title = [["Kundeliste", "marts 2025"], [], ["Navn", "Mobil", "By"], ["Ann", "20123456", "Køge"]]
    assert find_header(two_cell_title) == 2
    # An all-text data row below the header is not mistaken for a wider header.
    assert find_header([["Navn", "By"], ["Ann", "Køge"], ["Bo", "Vejle"]]) == 0


def test_blank_and_duplicate_header_names_and_extra_columns(tmp_path):
    text = "Navn;;Navn;navn\nAnn;x;Holm;y;extra\n"
    table = read_table(write(tmp_path, "a.csv", text.encode()))
    assert table.header == ["Navn", "Column B", "Navn (2)", "navn (3)", "Column E"]
    assert table.rows == [["Ann", "x", "Holm", "y", "extra"]]


def test_unique_names_and_column_letters():
    assert unique_names(["", "Mobil", "mobil", " "], first_col=2) == [
        "Column C",
        "Mobil",
        "mobil (2)",
        "Column F",
    ]
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_excel_text_formula_trick_in_csv(tmp_path):
    table = read_table(write(tmp_path, "a.csv", b'Navn;Mobil\nAnn;="004520123456"\nBo;="a""b"\n'))
    assert table.rows == [["Ann", "004520123456"], ["Bo", 'a"b']]


def test_cells_are_stripped_of_invisible_characters(tmp_path):
    text = "\ufeffNavn;Mobil\n\u200bAnn\u00a0; 20123456\u2060\n"
    table = read_table(write(tmp_path, "a.csv", text.encode()))
    assert table.header == ["Navn", "Mobil"]
    assert table.rows == [["Ann", "20123456"]]


# ---------------------------------------------------------------------------------------------- workbooks


def test_first_sheet_with_a_table_is_chosen(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Tom"  # empty
    notes = workbook.create_sheet("Noter")
    notes["A1"] = "Læs mig"
    hidden = workbook.create_sheet("Skjult")
    hidden.append(["Navn", "Mobil"])
    hidden.append(["Skjult", 20123456])
    hidden.sheet_state = "hidden"
    data = workbook.create_sheet("Data")
    data.append(["Navn", "Mobil"])
    data.append(["Ann", 31234567])
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert (table.sheet, table.rows) == ("Data", [["Ann", "31234567"]])
    assert read_table(path, sheet="Skjult").rows == [["Skjult", "20123456"]]
    with pytest.raises(TableError, match="book.xlsx: sheet 'Tom' is empty"):
        read_table(path, sheet="Tom")


def test_notes_only_workbook_falls_back_to_first_non_empty_sheet(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Tom"
    workbook.create_sheet("Noter")["B2"] = "Mobil"
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert (table.sheet, table.header, table.header_row, table.rows) == ("Noter", ["Mobil"], 2, [])


def test_empty_workbook(tmp_path):
    workbook = openpyxl.Workbook()
    path = tmp_path / "tom.xlsx"
    workbook.save(path)
    with pytest.raises(TableError, match=r"tom.xlsx: is empty \(no sheet has any data\)"):
        read_table(path)


def test_blank_header_cell_gets_its_excel_column_letter(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["C3"], sheet["E3"] = "Navn", "Mobil"
    sheet["C4"], sheet["D4"], sheet["E4"] = "Ann", "x", 20123456
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.header == ["Navn", "Column D", "Mobil"]
    assert (table.header_row, table.row_numbers) == (3, [4])


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (4520123456.0, "4520123456"),
        (20123456.0, "20123456"),
        (20123456, "20123456"),
        (4520000000.0, "4.52E+09"),  # typed or pasted as "4.52E+09": digits are gone
        (447911000000.0, "4.47911E+11"),
        (4000000000.0, "4E+09"),
        (4520100000.0, "4.5201E+09"),
        (4520120000.0, "4520120000"),  # four trailing zeros: a real number can look like this
        (70100000.0, "70100000"),  # eight digits: Excel shows these in full, never in E notation
        (12.5, "12.5"),
        (0.1 + 0.2, "0.3"),
        (0.0, "0"),
        (-3.0, "-3"),
        (True, "TRUE"),
        (dt.date(2024, 1, 2), "2024-01-02"),
        (dt.datetime(2024, 1, 2, 13, 5), "2024-01-02 13:05:00"),
        (dt.datetime(2024, 1, 2), "2024-01-02"),
        (dt.time(9, 30), "09:30:00"),
        (None, ""),
        ("  Ann\u200b ", "Ann"),
    ],
)
def test_cell_text(value, text):
    assert cell_text(value) == text


# ------------------------------------------------------------------------------------- progress and cancel


def test_progress_is_reported_now_and_then_and_cancel_is_checked_while_reading(tmp_path):
    lines = ["Navn;Mobil"] + [f"Person {i};{20000000 + i}" for i in range(12_000)]
    path = write(tmp_path, "big.csv", "\n".join(lines).encode())
    seen: list[float] = []
    table = read_table(path, progress=seen.append)
    assert len(table.rows) == 12_000
    assert 3 <= len(seen) <= 10  # not per row
    assert seen == sorted(seen) and seen[0] == 0.0 and seen[-1] == 1.0
    checks = []

    def cancel_on_third_check() -> bool:
        checks.append(1)
        return len(checks) >= 3

    with pytest.raises(ReadCancelled, match="big.csv: reading was cancelled"):
        read_table(path, cancelled=cancel_on_third_check)
    assert len(checks) == 3


def test_workbook_progress_and_cancel(tmp_path):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    sheet.append(["Navn", "Mobil"])
    for i in range(11_000):
        sheet.append([f"Person {i}", 20000000 + i])
    path = tmp_path / "big.xlsx"
    workbook.save(path)
    seen: list[float] = []
    assert len(read_table(path, progress=seen.append).rows) == 11_000
    assert 3 <= len(seen) <= 10 and seen[-1] == 1.0
    calls = []
    with pytest.raises(ReadCancelled):
        read_table(path, cancelled=lambda: calls.append(1) or len(calls) >= 2)
    assert len(calls) == 2


# -------------------------------------------------------------------------------- nothing dropped without a word


def test_an_unterminated_quote_does_not_swallow_the_rows_after_it(tmp_path):
    lines = ["Navn;Mobil", '"Ann Anna;20123401'] + [f"Person {i};{20200000 + i}" for i in range(1000)]
    table = read_table(write(tmp_path, "a.csv", ("\r\n".join(lines) + "\r\n").encode()))
    assert len(table.rows) == 1001
    assert table.rows[0] == ['"Ann Anna', "20123401"]
    assert table.rows[-1] == ["Person 999", "20200999"]
    assert [(n.row, n.what) for n in table.notices] == [(2, 'a quote (") is opened and never closed')]
    assert "read this row up to the end of its line" in table.notices[0].done


def test_a_quote_opened_at_the_start_of_a_field_and_never_closed(tmp_path):
    text = 'Navn;Mobil\r\nAnn;"20123401\r\nBo;20123402\r\nCy;"20123403"\r\n'
    table = read_table(write(tmp_path, "a.csv", text.encode()))
    assert table.rows == [["Ann", '"20123401'], ["Bo", "20123402"], ["Cy", "20123403"]]
    assert [n.row for n in table.notices] == [2]


def test_a_stray_quote_only_closed_rows_later_does_not_swallow_them(tmp_path):
    lines = ["Navn;Mobil;By", 'Ann;"20123401;Køge'] + [f"P{i};{20200000 + i};Vejle" for i in range(50)]
    lines.append('Bo;20123499";Odense')
    table = read_table(write(tmp_path, "a.csv", ("\r\n".join(lines) + "\r\n").encode()))
    assert len(table.rows) == 52
    assert table.rows[0] == ["Ann", '"20123401', "Køge"] and table.rows[1] == ["P0", "20200000", "Vejle"]
    assert [n.row for n in table.notices] == [2]


def test_quoted_fields_that_do_close_are_no_notice(tmp_path):
    text = 'Navn;Note\r\nAnn;"two\r\nlines"\r\nBo;"a ""quote"" inside"\r\n'
    table = read_table(write(tmp_path, "a.csv", text.encode()))
    assert table.rows == [["Ann", "two\r\nlines"], ["Bo", 'a "quote" inside']]
    assert table.notices == []


def test_mixed_utf8_and_cp1252_lines_are_each_read_right_and_reported(tmp_path):
    data = (
        b"Navn;Mobil\r\n"
        + "Søren;20123401\r\n".encode()
        + "Bjørn;20123402\r\n".encode("cp1252")
        + "Åse;20123403\r\n".encode()
    )
    table = read_table(write(tmp_path, "a.csv", data))
    assert [row[0] for row in table.rows] == ["Søren", "Bjørn", "Åse"]
    assert table.encoding == "utf-8+cp1252"
    assert [(n.row, n.what, n.done) for n in table.notices] == [
        (3, "a line that is not valid UTF-8 in a UTF-8 file", "read as Windows cp1252")
    ]


def test_a_plain_cp1252_file_is_no_notice(tmp_path):
    table = read_table(write(tmp_path, "a.csv", "Navn;Mobil\r\nSøren;20123401\r\n".encode("cp1252")))
    assert (table.encoding, table.notices) == ("cp1252", [])


def test_a_cell_longer_than_excel_allows_is_cut_and_reported(tmp_path):
    text = "Navn;Note\r\nAnn;" + "x" * 40_000 + "\r\n"
    table = read_table(write(tmp_path, "a.csv", text.encode()))
    assert len(table.rows[0][1]) == 32_767
    assert [(n.row, n.what) for n in table.notices] == [(2, "a cell of 40,000 characters")]


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.timeout(20)
def test_a_fifo_named_csv_is_refused_without_blocking(tmp_path):
    import os

    fifo = tmp_path / "kunder.csv"
    os.mkfifo(fifo)
    with pytest.raises(TableError, match=r"kunder.csv: is not a regular file \(a pipe, socket or device\)"):
        read_table(fifo)


@pytest.mark.timeout(20)
def test_header_naming_is_linear_in_the_number_of_columns():
    names = unique_names(["Navn"] * 20_000 + [""] * 20_000)
    assert names[:3] == ["Navn", "Navn (2)", "Navn (3)"] and names[19_999] == "Navn (20000)"
    assert len(set(map(str.casefold, names))) == 40_000
    assert unique_names(["Navn", "Navn (2)", "Navn"]) == ["Navn", "Navn (2)", "Navn (3)"]


def test_twenty_thousand_header_cells_read_in_time(tmp_path):
    header = ";".join(f"Kolonne {i % 7}" for i in range(20_000))
    table = read_table(
        write(tmp_path, "wide.csv", (header + "\r\n" + "x;" * 19_999 + "20123456\r\n").encode())
    )
    assert len(table.header) == 20_000 and table.header[7] == "Kolonne 0 (2)"


def test_the_header_with_a_phone_name_and_numbers_under_it_wins(tmp_path):
    # Two label rows; the second is the real header, as its Mobil column holds numbers.
    text = "Kundeliste;Forår;Kampagne\r\nNavn;Mobil;By\r\nAnn;20123456;Køge\r\nBo;31234567;Vejle\r\n"
    table = read_table(write(tmp_path, "a.csv", text.encode()))
    assert (table.header_row, table.header) == (2, ["Navn", "Mobil", "By"])
