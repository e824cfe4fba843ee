"""The recipient plan: phone column choice, duplicates on the normalised number, opt-outs, empty and blank rows."""

from __future__ import annotations

import pytest

from smsdesk.core.plan import (
    DUPLICATE,
    EMPTY,
    INVALID,
    OPTED_OUT,
    Excluded,
    Recipient,
    build_plan,
    detect_phone_column,
    resolve_column,
)

HEADER = ["Navn", "Mobil", "By"]
ROWS = [
    ["Søren", "20 12 34 56", "Århus"],  # row 2
    ["Åse", "+45 31 23 45 67", "Odense"],  # row 3
    ["", "", ""],  # row 4: blank, skipped silently
    ["Jørgen", "", "Ålborg"],  # row 5: data but no number
    ["Mette", "1234", "Køge"],  # row 6: too short
    ["Søren igen", "+4520123456", "Århus"],  # row 7: same person as row 2
    ["Bjørn", "0045 40 12 34 56", "Vejle"],  # row 8: opted out
    ["Bjørn igen", "40123456", "Vejle"],  # row 9: opted out too, not a "duplicate"
]
NUMBERS = [2, 3, 4, 5, 6, 7, 8, 9]


def test_plan_counts_reasons_and_row_numbers():
    plan = build_plan(HEADER, ROWS, NUMBERS, opt_outs={"+4540123456"})
    assert plan.phone_column == "Mobil"
    assert plan.columns == HEADER
    assert plan.rows == 7  # the blank row is not counted
    assert plan.valid == 2
    assert plan.duplicates == 1
    assert plan.opted_out == 2
    assert plan.recipients == [
        Recipient(2, "+4520123456", "20 12 34 56", {"Navn": "Søren", "Mobil": "20 12 34 56", "By": "Århus"}),
        Recipient(
            3, "+4531234567", "+45 31 23 45 67", {"Navn": "Åse", "Mobil": "+45 31 23 45 67", "By": "Odense"}
        ),
    ]
    assert plan.excluded == [
        Excluded(5, "", "no phone number", EMPTY),
        Excluded(6, "1234", "too short", INVALID),
        Excluded(7, "+4520123456", "duplicate of row 2", DUPLICATE),
        Excluded(8, "0045 40 12 34 56", "opted out (on the opt-out list)", OPTED_OUT),
        Excluded(9, "40123456", "opted out (on the opt-out list)", OPTED_OUT),
    ]
    assert [e.row for e in plan.invalid] == [5, 6]


def test_short_rows_are_padded_and_opt_outs_may_be_any_collection():
    plan = build_plan(["Navn", "Mobil", "Note"], [["A", "20123456"]], [2], opt_outs=["+4599999999"])
    assert plan.recipients[0].fields == {"Navn": "A", "Mobil": "20123456", "Note": ""}


def test_explicit_phone_column_and_unknown_column():
    plan = build_plan(
        ["Tlf privat", "Tlf arbejde"], [["20123456", "30123456"]], [2], phone_column="Tlf arbejde"
    )
    assert plan.recipients[0].phone == "+4530123456"
    # Case and column letters are understood; a name that is not there is an error naming the columns.
    assert (
        build_plan(["Navn", "Mobil"], [["A", "20123456"]], [2], phone_column="mobil").phone_column == "Mobil"
    )
    assert build_plan(["Navn", "Mobil"], [["A", "20123456"]], [2], phone_column="B").phone_column == "Mobil"
    with pytest.raises(ValueError, match="no column named 'Telefon'; the columns are: Navn, Mobil"):
        build_plan(["Navn", "Mobil"], [["A", "20123456"]], [2], phone_column="Telefon")


def test_country_applies_to_local_numbers():
    plan = build_plan(["Phone"], [["07911 123456"]], [2], country="GB")
    assert plan.recipients[0].phone == "+447911123456"


def test_no_phone_column_gives_an_empty_plan():
    plan = build_plan(["Navn", "By"], [["Ann", "Køge"], ["", ""]], [2, 3])
    assert plan.phone_column is None
    assert plan.rows == 1
    assert plan.recipients == [] and plan.excluded == []


def test_row_numbers_must_match_rows():
    with pytest.raises(ValueError):
        build_plan(["Mobil"], [["20123456"]], [2, 3])


@pytest.mark.parametrize(
    "name",
    [
        "Mobil",
        "Mobilnummer",
        "Mobiltelefon",
        "Telefon",
        "Tlf",
        "Tlf.",
        "Tlf nr",
        "Phone",
        "Mobile",
        "Cell",
        "Telefonnummer",
        "GSM",
        "SMS-nummer",
        "Tel.",
    ],
)
def test_detects_phone_column_by_name(name):
    header = ["Kundenr", "Navn", name, "Note"]
    rows = [["1001", "Ann", "20123456", "x"], ["1002", "Bo", "", "y"]]
    assert detect_phone_column(header, rows) == name


def test_mobile_name_beats_landline_name():
    header = ["Telefon", "Mobil"]
    rows = [["33123456", "20123456"]]
    assert detect_phone_column(header, rows) == "Mobil"


def test_vague_name_loses_to_a_column_full_of_numbers():
    header = ["Nummer", "Navn", "Kontaktinfo"]
    rows = [["A-17", "Ann", "20 12 34 56"], ["A-18", "Bo", "+45 31 23 45 67"], ["A-19", "Cy", "40123456"]]
    assert detect_phone_column(header, rows) == "Kontaktinfo"


def test_detects_by_content_when_names_say_nothing():
    header = ["Column A", "Column B", "Column C"]
    rows = [["Ann", "12", "20123456"], ["Bo", "13", "31234567"], ["Cy", "14", "n/a"]]
    assert detect_phone_column(header, rows) == "Column C"


def test_named_column_kept_even_when_excel_damaged_every_cell():
    # A customer number column that happens to look like phone numbers must not be picked instead.
    header = ["Kundenr", "Navn", "Mobil"]
    rows = [["30000001", "Ann", "4.52E+09"], ["30000002", "Bo", "4.53E+09"]]
    assert detect_phone_column(header, rows) == "Mobil"


def test_no_phone_like_column():
    assert detect_phone_column(["Navn", "By"], [["Ann", "Køge"]]) is None
    assert detect_phone_column(["Hotel", "Telefax"], [["Plaza", "x"]]) is None


def test_resolve_column():
    header = ["Navn", "Mobil nr", "By"]
    assert resolve_column(header, "Mobil nr") == "Mobil nr"
    assert resolve_column(header, " mobil  NR ") == "Mobil nr"
    assert resolve_column(header, "c") == "By"
    assert resolve_column(header, "D") is None
    assert resolve_column(header, "Telefon") is None


def test_typed_numbers_split_on_lines_commas_and_semicolons_but_not_spaces():
    from smsdesk.core.plan import typed_numbers

    assert typed_numbers("20 12 34 56, 20123457;+45 20 12 34 56\n\n ring mig \r\n") == [
        "20 12 34 56",
        "20123457",
        "+45 20 12 34 56",
        "ring mig",
    ]
