"""Opt-out files: the column of numbers is found, every row is accounted for, exports import back unchanged."""

from __future__ import annotations

import openpyxl
import pytest

from smsdesk.core.plan import OPTED_OUT, build_plan
from smsdesk.store.db import Database
from smsdesk.store.optouts import (
    OptOutError,
    Rejected,
    export_opt_outs,
    import_opt_outs,
    phone_or_error,
    read_opt_out_file,
)


def write_xlsx(path, rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_a_bare_list_of_numbers_in_any_format(tmp_path):
    path = tmp_path / "afmeldte.csv"
    path.write_text(
        "20 12 34 56\n+46 70 123 45 67\n004520123457\n\n4520123458\nhello\n+45 20123456\n",
        encoding="utf-8",
    )
    found = read_opt_out_file(path, country="DK")
    assert found.phones == ["+4520123456", "+46701234567", "+4520123457", "+4520123458"]
    assert found.rejected == [Rejected(row=6, value="hello", reason="not a phone number")]
    assert found.rows == 6  # the blank line is not a row


def test_the_phone_column_of_a_wider_sheet_is_found(tmp_path):
    path = write_xlsx(
        tmp_path / "stop.xlsx",
        [
            ["Navn", "Mobil", "Dato"],
            ["Åse", 4520123456, "2026-01-01"],  # a number cell, as Excel stores it
            ["Bo", "20 12 34 57", "2026-01-02"],
            ["Carl", None, "2026-01-03"],
            ["Dorte", "12", "2026-01-04"],
        ],
    )
    found = read_opt_out_file(path, country="DK")
    assert found.column == "Mobil"
    assert found.phones == ["+4520123456", "+4520123457"]
    assert found.empty == 1
    assert [(r.row, r.value) for r in found.rejected] == [(5, "12")]


def test_the_column_can_be_named_by_header_or_letter(tmp_path):
    path = write_xlsx(tmp_path / "two.xlsx", [["Fastnet", "Mobil"], ["+4533123456", "+4520123456"]])
    assert read_opt_out_file(path, country="DK", column="Fastnet").phones == ["+4533123456"]
    assert read_opt_out_file(path, country="DK", column="b").phones == ["+4520123456"]
    with pytest.raises(OptOutError, match="no column 'Email'; the columns are: Fastnet, Mobil"):
        read_opt_out_file(path, country="DK", column="Email")


def test_no_number_column_and_unreadable_files(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("Navn;By\nÅse;Aarhus\nBo;Odense\n", encoding="utf-8")
    with pytest.raises(OptOutError, match="no column of phone numbers found"):
        read_opt_out_file(path, country="DK")
    picture = tmp_path / "list.csv"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    with pytest.raises(OptOutError, match="list.csv"):
        read_opt_out_file(picture, country="DK")
    with pytest.raises(OptOutError, match="missing.xlsx"):
        read_opt_out_file(tmp_path / "missing.xlsx", country="DK")


def test_import_counts_new_and_known_numbers_and_records_the_file(db, tmp_path):
    db.add_opt_outs(["+4520123456"], "manual")
    path = tmp_path / "stop.csv"
    path.write_text("Telefon\n20123456\n20123457\n20123457\n", encoding="utf-8")
    result = import_opt_outs(db, path)
    assert (result.added, result.already, result.rows) == (1, 1, 3)
    sources = {entry.phone: entry.source for entry in db.list_opt_outs()}
    assert sources == {"+4520123456": "manual", "+4520123457": "stop.csv"}


def test_the_default_country_applies_to_national_numbers(db, tmp_path):
    db.set_setting("default_country", "SE")
    path = tmp_path / "se.csv"
    path.write_text("070-123 45 67\n", encoding="utf-8")
    assert import_opt_outs(db, path).phones == ["+46701234567"]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_imports_back_unchanged(db, tmp_path, suffix):
    numbers = ["+4520123456", "+46701234567", "+4520123457"]
    db.add_opt_outs(numbers, "manual")
    path = tmp_path / f"optouts{suffix}"
    assert export_opt_outs(db, path) == 3
    other = Database(tmp_path / "other" / "smsdesk.sqlite3")
    try:
        result = import_opt_outs(other, path, country="DK")
        assert result.rejected == [] and result.column == "Phone"
        assert other.opt_outs() == set(numbers)
    finally:
        other.close()


def test_export_to_a_bad_place_is_an_opt_out_error(db, tmp_path):
    with pytest.raises(OptOutError, match=r"\.xlsx or \.csv"):
        export_opt_outs(db, tmp_path / "list.docx")


def test_phone_or_error():
    assert phone_or_error(" 20 12 34 56 ", "DK") == "+4520123456"
    assert phone_or_error("'+4520123456", "DK") == "+4520123456"
    with pytest.raises(OptOutError, match="hello is not a usable phone number"):
        phone_or_error("hello", "DK")


def test_the_plan_leaves_out_opted_out_numbers_with_that_reason(db):
    db.add_opt_outs(["+4520123457"], "manual")
    plan = build_plan(
        ["Navn", "Mobil"],
        [["Åse", "20123456"], ["Bo", "+45 20 12 34 57"]],
        [2, 3],
        country="DK",
        opt_outs=db.opt_outs(),
    )
    assert [r.phone for r in plan.recipients] == ["+4520123456"]
    assert [(e.row, e.kind) for e in plan.excluded] == [(3, OPTED_OUT)]
    assert "opt" in plan.excluded[0].reason


def test_a_title_above_the_header_is_not_reported_as_a_bad_number(tmp_path):
    path = write_xlsx(
        tmp_path / "titled.xlsx",
        [["Afmeldinger marts"], [], ["Navn", "Mobil"], ["Åse", "20123456"], ["Bo", "20123457"]],
    )
    found = read_opt_out_file(path, country="DK")
    assert found.column == "Mobil"
    assert found.phones == ["+4520123456", "+4520123457"]
    assert found.rejected == []
