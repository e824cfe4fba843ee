"""Which sheet, header row and column hold the recipients, by evidence; typed cells never become numbers; formula
cells without a saved value are reported."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from smsdesk.core.plan import build_plan
from smsdesk.io.tables import read_table


def save(workbook, tmp_path, name="kunder.xlsx"):
    path = tmp_path / name
    workbook.save(path)
    return path


def test_a_cover_sheet_with_a_date_and_a_count_loses_to_the_recipients_sheet(tmp_path):
    workbook = openpyxl.Workbook()
    cover = workbook.active
    cover.title = "Forside"
    cover.append(["Kundeliste", "Forår 2025"])
    cover.append(["Udskrevet", dt.date(2024, 11, 30)])  # alone, 20241130 is a valid Danish number
    cover.append(["Kunder i alt", 2])
    customers = workbook.create_sheet("Kunder")
    customers.append(["Navn", "Mobil"])
    customers.append(["Ann Holm", "20 45 67 89"])
    customers.append(["Bo Lund", 31224455])
    table = read_table(save(workbook, tmp_path))
    assert (table.sheet, table.sheets) == ("Kunder", ["Forside", "Kunder"])
    plan = build_plan(table.header, table.rows, table.row_numbers)
    assert [r.phone for r in plan.recipients] == ["+4520456789", "+4531224455"]


def test_a_sheet_with_a_phone_named_column_beats_one_with_more_numbers_under_no_name(tmp_path):
    workbook = openpyxl.Workbook()
    ids = workbook.active
    ids.title = "Ordrer"
    ids.append(["Ordre", "Kunde"])
    for i in range(20):
        ids.append([20123400 + i, f"K{i}"])  # order numbers that happen to be valid numbers
    members = workbook.create_sheet("Medlemmer")
    members.append(["Navn", "Mobil"])
    members.append(["Ann", 31224455])
    assert read_table(save(workbook, tmp_path)).sheet == "Medlemmer"


def test_without_any_evidence_the_first_sheet_with_a_table_is_taken(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Noter"
    workbook.active["A1"] = "Læs mig"
    data = workbook.create_sheet("Data")
    data.append(["Navn", "By"])
    data.append(["Ann", "Køge"])
    data.append(["Bo", "Vejle"])
    assert read_table(save(workbook, tmp_path)).sheet == "Data"


def test_a_birthday_column_is_never_the_phone_column(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Navn", "Fødselsdag", "Beløb"])
    for i in range(20):
        sheet.append([f"Person {i}", dt.date(2010 + i, 1 + i % 12, 1 + i), 100 + i])
    table = read_table(save(workbook, tmp_path))
    plan = build_plan(table.header, table.rows, table.row_numbers)
    assert plan.phone_column is None and plan.recipients == []
    forced = build_plan(table.header, table.rows, table.row_numbers, phone_column="Fødselsdag")
    assert forced.recipients == []
    assert {item.reason for item in forced.excluded} == {"a date, not a phone number"}


def test_date_time_amount_and_boolean_cells_and_texts_in_a_phone_column_say_why(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Navn", "Mobil"])
    cells = [
        dt.date(2025, 3, 14),
        dt.datetime(2024, 11, 30, 10, 30),
        dt.time(10, 30),
        dt.timedelta(hours=20, minutes=12),
        True,
        -20123456,
        1234.5,
        "2025-03-14",
        "14.03.2025",
        "10:30",
        "1.234,50",
        "23.456.789",
        20123456,  # the one real number
    ]
    for index, cell in enumerate(cells):
        sheet.append([f"Person {index}", cell])
    table = read_table(save(workbook, tmp_path))
    plan = build_plan(table.header, table.rows, table.row_numbers, phone_column="Mobil")
    assert [(r.row, r.phone) for r in plan.recipients] == [(14, "+4520123456")]
    assert [item.reason for item in plan.excluded] == [
        "a date, not a phone number",
        "a date and time, not a phone number",
        "a time, not a phone number",
        "a duration, not a phone number",
        "a TRUE/FALSE value, not a phone number",
        "a negative number, not a phone number",
        "an amount, not a phone number",
        "a date, not a phone number",
        "a date, not a phone number",
        "a time, not a phone number",
        "an amount, not a phone number",
        "an amount, not a phone number",
    ]


def test_formula_cells_without_a_saved_value_are_reported_by_row(tmp_path):
    # openpyxl writes formulas without the value Excel would cache, as many programs do.
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Navn", "Mobil"])
    sheet.append(["Ann", 20123456])
    sheet.append(["=A2", "=B2+1"])  # row 3: both formulas, so the row reads as blank
    sheet.append(["Cy", "=20123400+58"])  # row 4
    table = read_table(save(workbook, tmp_path))
    assert table.row_numbers == [2, 4]
    assert [(n.row, n.what) for n in table.notices] == [
        (3, "2 formula cells with no saved value (the file was saved by a program that does not calculate)"),
        (4, "1 formula cell with no saved value (the file was saved by a program that does not calculate)"),
    ]
    assert table.notices[0].done.startswith("read as empty")


def test_formulas_with_their_saved_values_are_no_notice():
    from pathlib import Path

    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    assert read_table(fixtures / "customers_second_sheet.xlsx").notices == []


@pytest.mark.parametrize("typed", [dt.date(2024, 11, 30), True])
def test_typed_cells_read_as_their_text_for_everything_but_phones(tmp_path, typed):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Navn", "Mobil", "Dato"])
    workbook.active.append(["Ann", 20123456, typed])
    table = read_table(save(workbook, tmp_path))
    assert table.rows[0][2] == ("2024-11-30" if typed is not True else "TRUE")
    plan = build_plan(table.header, table.rows, table.row_numbers)
    assert plan.recipients[0].fields["Dato"] == table.rows[0][2]


def test_a_last_row_of_formulas_without_values_is_reported_too(tmp_path):
    # The parser ends the sheet at the last cell with a value, so this row is not even an empty row to it.
    workbook = openpyxl.Workbook()
    workbook.active.append(["Navn", "Mobil"])
    workbook.active.append(["Ann", 20123456])
    workbook.active.append(["=A2", "=B2+1"])
    table = read_table(save(workbook, tmp_path))
    assert table.row_numbers == [2]
    assert [(n.row, n.what.split(" (")[0]) for n in table.notices] == [
        (3, "2 formula cells with no saved value")
    ]
