"""`smsdesk check`: the exact JSON contract, the human summary, and exit 2 with one line for what cannot be read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from smsdesk.cli import run_cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CONTRACT_KEYS = {"rows", "valid", "duplicates", "invalid", "columns", "phone_column", "recipients"}


def check(capsys, *args: str) -> tuple[int, str, str]:
    code = run_cli(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def check_json(capsys, *args: str) -> dict:
    code, out, err = check(capsys, *args, "--json")
    assert (code, err) == (0, "")
    assert out.isascii() and out.count("\n") == 1  # one line of JSON, safe on any console code page
    return json.loads(out)


def test_json_contract_on_the_danish_csv(capsys):
    result = check_json(capsys, str(FIXTURES / "danish_semicolon_cp1252.csv"))
    assert set(result) >= CONTRACT_KEYS
    assert (result["rows"], result["valid"], result["duplicates"]) == (10, 5, 1)
    assert result["columns"] == ["Navn", "Mobil", "By", "Bemærkning"]
    assert result["phone_column"] == "Mobil"
    # "invalid" holds unusable numbers and rows without one; duplicates are counted, and listed in "excluded".
    assert result["invalid"] == [
        {"row": 8, "value": "", "reason": "no phone number"},
        {"row": 9, "value": "1234", "reason": "too short"},
        {"row": 11, "value": "ikke oplyst", "reason": "not a phone number"},
        {"row": 12, "value": "12345678", "reason": "not valid for its country (DK)"},
    ]
    assert result["recipients"][0] == {
        "row": 2,
        "phone": "+4520123456",
        "fields": {"Navn": "Søren Ærø", "Mobil": "20 12 34 56", "By": "Århus", "Bemærkning": ""},
        "original": "20 12 34 56",
    }
    assert [r["phone"] for r in result["recipients"]] == [
        "+4520123456",
        "+4531234567",
        "+4540123456",
        "+4550123456",
        "+4561234567",
    ]
    assert {
        "row": 10,
        "value": "+45 20123456",
        "reason": "duplicate of row 2",
        "kind": "duplicate",
    } in result["excluded"]
    assert len(result["excluded"]) == 5
    assert (result["encoding"], result["delimiter"], result["header_row"], result["opted_out"]) == (
        "cp1252",
        ";",
        1,
        0,
    )
    # Types, exactly as the contract says.
    assert all(isinstance(result[key], int) for key in ("rows", "valid", "duplicates"))
    assert all(isinstance(col, str) for col in result["columns"])
    for recipient in result["recipients"]:
        assert isinstance(recipient["row"], int) and recipient["phone"].startswith("+")
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in recipient["fields"].items())


def test_json_on_xlsx_with_sheet_and_column_and_country(capsys):
    path = str(FIXTURES / "customers_second_sheet.xlsx")
    result = check_json(capsys, path)
    assert (result["sheet"], result["valid"], result["duplicates"]) == ("Kunder", 4, 1)
    assert result["invalid"] == [
        {
            "row": 6,
            "value": "4.52E+09",
            "reason": "damaged by Excel (scientific notation 4.52E+09 lost digits)",
        }
    ]
    result = check_json(capsys, path, "--sheet", "Kunder", "--phone-column", "Kundenr", "--country", "se")
    assert result["phone_column"] == "Kundenr"
    assert result["valid"] == 0
    assert result["invalid"][0] == {"row": 4, "value": "1001", "reason": "too short"}
    assert result["country"] == "SE"


def test_overrides_for_text_files(capsys):
    path = str(FIXTURES / "danish_semicolon_cp1252.csv")
    result = check_json(capsys, path, "--encoding", "cp1252", "--delimiter", ";", "--header-row", "1")
    assert result["valid"] == 5
    result = check_json(capsys, path, "--delimiter", ",", "--phone-column", "A")
    assert result["columns"][0] == "Navn;Mobil;By;Bemærkning"


def test_human_summary(capsys):
    code, out, err = check(capsys, str(FIXTURES / "customers_second_sheet.xlsx"))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        'customers_second_sheet.xlsx (sheet "Kunder", header on row 3)',
        "Recipients from sheet 'Kunder' (2 of 2)",
        "Phone column: Mobil   (columns: Kundenr, Navn, Mobil, Oprettet, Beløb)",
        "Rows: 6   Valid: 4   Invalid: 1   Duplicates: 1   Opted out: 0",
        "Left out:",
        '  row 6: "4.52E+09": damaged by Excel (scientific notation 4.52E+09 lost digits)',
        '  row 10: "22334466": duplicate of row 5',
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["broken_empty.csv"], "smsdesk check: broken_empty.csv: is empty"),
        (
            ["broken_password_protected.xlsx"],
            "smsdesk check: broken_password_protected.xlsx: is password-protected",
        ),
        (["broken_png_named.csv"], "smsdesk check: broken_png_named.csv: is a PNG image"),
        (["broken_garbage.xlsx"], "smsdesk check: broken_garbage.xlsx: is not a spreadsheet"),
        (["missing.csv"], "smsdesk check: missing.csv: file not found"),
        (
            ["customers_second_sheet.xlsx", "--sheet", "Nope"],
            "smsdesk check: customers_second_sheet.xlsx: has no sheet named 'Nope'; its sheets are: 'Noter', 'Kunder'",
        ),
        (
            ["customers_second_sheet.xlsx", "--phone-column", "Telefon"],
            "smsdesk check: customers_second_sheet.xlsx: no column 'Telefon'; the columns are: "
            "Kundenr, Navn, Mobil, Oprettet, Beløb",
        ),
        (["danish_semicolon_cp1252.csv", "--country", "XX"], "smsdesk check: unknown country code 'XX'"),
        (
            ["danish_semicolon_cp1252.csv", "--encoding", "utf-8"],
            "smsdesk check: danish_semicolon_cp1252.csv: cannot be read as utf-8 (line 1, byte 18 is not valid there)",
        ),
        (
            ["utf16_tab.txt", "--phone-column", "Fornavn", "--header-row", "0"],
            "smsdesk check: utf16_tab.txt: no column 'Fornavn'; the columns are: Column A, Column B, Column C",
        ),
    ],
)
def test_unreadable_input_exits_2_with_one_line(capsys, args, message):
    code, out, err = check(capsys, str(FIXTURES / args[0]), *args[1:], "--json")
    assert code == 2
    assert out == ""
    assert err.startswith(message)
    assert err.count("\n") == 1 and "Traceback" not in err


def test_no_phone_column_found_exits_2(capsys, tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("Navn;By\nAnn;Køge\n", encoding="utf-8")
    code, out, err = check(capsys, str(path))
    assert code == 2
    assert err == (
        "smsdesk check: names.csv: no column of phone numbers found; choose one with --phone-column "
        "(columns: Navn, By)\n"
    )


def test_real_command_line_never_shows_a_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "smsdesk", "check", str(FIXTURES / "broken_truncated.xlsx"), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("smsdesk check: broken_truncated.xlsx: is damaged or not a spreadsheet")
    assert result.stderr.count("\n") == 1


def test_check_leaves_out_numbers_on_the_stored_opt_out_list(capsys, tmp_path):
    from smsdesk.store.db import Database

    db = Database()
    db.add_opt_outs(["+4520123456"], "test")
    db.close()
    source = tmp_path / "list.csv"
    source.write_text("Navn;Mobil\nAnna;20123456\nBo;21234567\n", encoding="utf-8")
    result = check_json(capsys, str(source))
    assert result["valid"] == 1
    assert result["opted_out"] == 1
    assert [r["phone"] for r in result["recipients"]] == ["+4521234567"]


def test_check_does_not_create_a_database(capsys, tmp_path, smsdesk_home):
    source = tmp_path / "list.csv"
    source.write_text("Navn;Mobil\nAnna;20123456\n", encoding="utf-8")
    assert check_json(capsys, str(source))["valid"] == 1
    assert not (smsdesk_home / "smsdesk.sqlite3").exists()


@pytest.mark.parametrize("written", ["２０１２３４５６", "٢٠١٢٣٤٥٦", "+45 ２０ １２ ３４ ５６"])
def test_an_opted_out_number_in_other_digits_is_still_opted_out(capsys, tmp_path, written):
    from smsdesk.store.db import Database

    db = Database()
    db.add_opt_outs(["+4520123456"], "test")
    db.close()
    source = tmp_path / "list.csv"
    source.write_text(f"Navn;Mobil\nAnna;{written}\nAnna igen;20123456\nBo;21234567\n", encoding="utf-8")
    result = check_json(capsys, str(source))
    assert [r["phone"] for r in result["recipients"]] == ["+4521234567"]
    assert result["opted_out"] == 2
    assert all(r["phone"].isascii() for r in result["recipients"])


def test_a_workbook_of_birthdays_and_amounts_has_no_phone_column(capsys, tmp_path):
    import datetime as dt

    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["Navn", "Fødselsdag", "Beløb"])
    for i in range(20):
        workbook.active.append([f"Person {i}", dt.date(1990 + i, 1 + i % 12, 10 + i), 250.0 + i])
    path = tmp_path / "fødselsdage.xlsx"
    workbook.save(path)
    code, out, err = check(capsys, str(path), "--json")
    assert (code, out) == (2, "")
    assert err.startswith("smsdesk check: fødselsdage.xlsx: no column of phone numbers found")


def test_check_says_the_sheet_it_chose_and_what_reading_changed(capsys, tmp_path):
    import datetime as dt

    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.title = "Forside"
    workbook.active.append(["Udskrevet", dt.date(2024, 11, 30)])
    workbook.active.append(["Kunder i alt", 2])
    sheet = workbook.create_sheet("Kunder")
    sheet.append(["Navn", "Mobil"])
    sheet.append(["Ann", 20123456])
    sheet.append(["Bo", "=20123400+57"])  # no saved value
    path = tmp_path / "kunder.xlsx"
    workbook.save(path)
    result = check_json(capsys, str(path))
    assert (result["sheet"], result["sheets"], result["valid"]) == ("Kunder", ["Forside", "Kunder"], 1)
    assert result["notices"] == [
        {
            "row": 3,
            "what": "1 formula cell with no saved value (the file was saved by a program that does not calculate)",
            "done": "read as empty; open the file in Excel and save it again to get the values",
        }
    ]
    code, out, _err = check(capsys, str(path))
    assert code == 0
    lines = out.splitlines()
    assert lines[1] == "Recipients from sheet 'Kunder' (2 of 2)"
    assert "While reading:" in lines
    assert "  row 3: 1 formula cell with no saved value" in "\n".join(lines)


def test_a_4301_digit_cell_is_a_reason_not_a_traceback(capsys, tmp_path):
    source = tmp_path / "lang.csv"
    source.write_text("Navn;Mobil\nAnn;" + "2" * 4301 + "\nBo;20123456\n", encoding="utf-8")
    result = check_json(capsys, str(source))
    assert result["valid"] == 1
    assert result["invalid"][0]["reason"] == "too long"


@pytest.mark.timeout(60)
def test_a_truncated_xls_gives_exit_2_and_one_line_from_the_real_command_line(tmp_path):
    path = tmp_path / "kunder.xls"
    path.write_bytes((FIXTURES / "legacy.xls").read_bytes()[:4160])  # python-calamine panics on this one
    result = subprocess.run(
        [sys.executable, "-m", "smsdesk", "check", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "smsdesk check: kunder.xls: is damaged (the file ends early); open it in Excel and save it again\n"
    )


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.timeout(30)
def test_a_fifo_gives_one_line_without_blocking(capsys, tmp_path):
    import os

    fifo = tmp_path / "kunder.csv"
    os.mkfifo(fifo)
    code, out, err = check(capsys, str(fifo))
    assert (code, out) == (2, "")
    assert err.startswith("smsdesk check: kunder.csv: is not a regular file") and err.count("\n") == 1


def test_a_read_that_never_ends_gives_exit_2_and_one_line(capsys, monkeypatch):
    from smsdesk.io import workbook_process

    # The child takes the request and goes quiet, as a parser stuck in a loop does.
    monkeypatch.setattr(
        workbook_process, "child_command", lambda: [sys.executable, "-c", "import time; time.sleep(600)"]
    )
    monkeypatch.setattr(workbook_process, "TIME_LIMIT_BASE", 2.0)
    monkeypatch.setattr(workbook_process, "TIME_LIMIT_PER_MB", 0.0)
    code, out, err = check(capsys, str(FIXTURES / "legacy.xls"), "--json")
    assert (code, out) == (2, "")
    assert err == (
        "smsdesk check: legacy.xls: is damaged (reading it did not finish within 2 seconds); "
        "open it in Excel and save it again\n"
    )


def test_a_dimension_that_claims_the_whole_sheet_is_read_as_the_cells_it_has(capsys, tmp_path):
    import io
    import zipfile

    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["Navn", "Mobil"])
    workbook.active.append(["Ann", 20123456])
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = tmp_path / "dimension.xlsx"
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:B2"', b'<dimension ref="A1:XFD1048576"')
            target.writestr(name, data)
    result = check_json(capsys, str(path))
    assert [r["phone"] for r in result["recipients"]] == ["+4520123456"]
