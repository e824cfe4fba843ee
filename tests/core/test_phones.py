"""Phone normalisation: the shapes people type, the damage Excel does, and a reason for every rejection."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smsdesk.core.phones import DEFAULT_COUNTRY, EMPTY, PhoneResult, is_supported_country, normalise


@pytest.mark.parametrize(
    "raw",
    [
        "20123456",
        "20 12 34 56",
        "2012 3456",
        "20-12-34-56",
        "20.12.34.56",
        "(20) 12 34 56",
        "+4520123456",
        "+45 20 12 34 56",
        "(+45) 2012 3456",
        "004520123456",
        "0045 20-12-34-56",
        "4520123456",
        "45 20 12 34 56",
        "4520123456.0",  # a float written out as text by some program
        "20123456.0",
        "\ufeff20123456",  # BOM glued to the first cell
        "\u200b20 12 34 56\u00a0",  # zero-width space and NBSP from a web page (zetkin#2572)
        " 20\u00a012\u00a034\u00a056 ",
        "4.520123456E+09",  # scientific notation that still holds every digit
        "20\u201312\u201334\u201356",  # en dashes from Word
        "'20123456",  # Excel's text marker pasted along
        "tel:+4520123456",  # a link copied from a web page
    ],
)
def test_danish_shapes_normalise_to_e164(raw):
    result = normalise(raw)
    assert result == PhoneResult(original=raw, e164="+4520123456", reason=None)
    assert result.ok


def test_default_country_is_denmark():
    assert DEFAULT_COUNTRY == "DK"
    assert normalise("20123456", "DK").e164 == "+4520123456"
    assert normalise("20123456", "dk").e164 == "+4520123456"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("\u200b\u00a0", "empty"),
        ("n/a", "not a phone number"),
        ("ring ikke", "not a phone number"),
        ("20123456 / 30123456", "too long"),
        ("+45 20 12 34 56 ext 3", "not a phone number"),
        ("1234", "too short"),
        ("2012345", "too short"),
        ("+45 2012", "too short"),
        ("201234567", "too long"),
        ("+45 201234567890", "too long"),
        ("12345678", "not valid for its country (DK)"),
        ("+999 123456", "unknown country code"),
        ("4.52E+09", "damaged by Excel (scientific notation 4.52E+09 lost digits)"),
        ("4,52E+09", "damaged by Excel (scientific notation 4,52E+09 lost digits)"),
        ("4.47911E+11", "damaged by Excel (scientific notation 4.47911E+11 lost digits)"),
        ("4.52e9", "damaged by Excel (scientific notation 4.52e9 lost digits)"),
        (" 4.52E+09 ", "damaged by Excel (scientific notation 4.52E+09 lost digits)"),
    ],
)
def test_rejections_say_why_and_keep_the_original(raw, reason):
    result = normalise(raw)
    assert result.e164 is None
    assert result.reason == reason
    assert result.original == raw


def test_country_code_without_plus_is_only_taken_for_the_default_country():
    # "4620123456" could be Swedish, but the user's country is DK: never guessed into another country.
    assert normalise("4620123456").e164 is None
    assert normalise("+4620123456").e164 == "+4620123456"
    assert normalise("004620123456").e164 == "+4620123456"
    assert normalise("4620123456", "SE").e164 is None or normalise("4620123456", "SE").e164.startswith("+46")


@pytest.mark.parametrize(
    ("raw", "country", "e164"),
    [
        ("07911 123456", "GB", "+447911123456"),
        ("+44 (0)7911 123456", "GB", "+447911123456"),
        ("7911 123456", "GB", "+447911123456"),  # leading zero lost in Excel
        ("070-123 45 67", "SE", "+46701234567"),
        ("412 34 567", "NO", "+4741234567"),
        ("+46 70 123 45 67", "DK", "+46701234567"),
        ("0171 1234567", "DE", "+491711234567"),
        ("06 1234 5678", "IT", "+390612345678"),  # Italian leading zero is part of the number
        ("+1 1 500 200 0000", "US", "+15002000000"),  # the US trunk 1 written after +1 (hypothesis found it)
        ("+44 0 7911 123456", "GB", "+447911123456"),  # the British trunk 0 after +44
    ],
)
def test_other_countries(raw, country, e164):
    assert normalise(raw, country).e164 == e164


def test_supported_country():
    assert is_supported_country("dk")
    assert not is_supported_country("XX")


def _reference(text: str, country: str) -> str | None:
    """phonenumbers alone: parse + is_valid_number, then the default country's code typed without "+"."""
    try:
        number = phonenumbers.parse(text, country)
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        pass
    code = str(phonenumbers.country_code_for_region(country))
    if not text.startswith("+") and text.startswith(code):
        try:
            number = phonenumbers.parse("+" + text, country)
        except phonenumbers.NumberParseException:
            return None
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


@settings(max_examples=400, deadline=None)
@given(
    country=st.sampled_from(["DK", "NO", "SE", "GB", "DE", "IT", "US"]),
    prefix=st.sampled_from(["", "+", "00", "0", "+45", "0045", "45", "+47", "+44", "+39", "+1", "0044"]),
    digits=st.text(alphabet="0123456789", min_size=0, max_size=12),
)
def test_fast_path_agrees_with_phonenumbers(country, prefix, digits):
    """The shortcut for well-formed digits must accept exactly what phonenumbers accepts, as the same number."""
    text = prefix + digits
    if not text or text == "+":
        return
    assert normalise(text, country).e164 == _reference(text, country)


@settings(max_examples=400, deadline=None)
@given(
    country=st.sampled_from(["DK", "NO", "SE", "UG", "GB", "DE", "US"]),
    prefix=st.sampled_from(["", "+", "00", "0", "+45", "0045", "45", "+46", "0046", "+256", "256", "+47"]),
    digits=st.text(alphabet="0123456789", min_size=0, max_size=12),
)
def test_fast_path_gives_the_same_number_and_reason_as_the_full_parse(country, prefix, digits):
    """The shortcut checks the metadata itself and says why without parse(): both must match the slow road."""
    from unittest import mock

    from smsdesk.core import phones

    text = prefix + digits
    if not text or text == "+":
        return
    fast = normalise(text, country)
    with mock.patch.object(phones, "_fast_national", lambda _text, _country: None):
        slow = normalise(text, country)
    assert (fast.e164, fast.reason) == (slow.e164, slow.reason)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("2025-03-14", "a date, not a phone number"),
        ("14.03.2025", "a date, not a phone number"),
        ("14/03/2025", "a date, not a phone number"),
        ("14-03-25", "a date, not a phone number"),
        ("24.12.2025", "a date, not a phone number"),
        ("2025/03/14", "a date, not a phone number"),
        ("2024-11-30 10:30:00", "a date and time, not a phone number"),
        ("10:30", "a time, not a phone number"),
        ("1.234,50", "an amount, not a phone number"),
        ("99.95", "an amount, not a phone number"),
        ("23.456.789", "an amount, not a phone number"),
        ("-20123456", "a negative number, not a phone number"),
        ("\u221220123456", "a negative number, not a phone number"),
    ],
)
def test_text_that_reads_as_something_else_is_never_a_number(raw, reason):
    # Each of these is a valid Danish mobile number once its punctuation goes.
    assert normalise(raw) == PhoneResult(original=raw, e164=None, reason=reason)


def test_every_date_from_2010_to_2030_is_refused_in_the_usual_shapes():
    import datetime as dt

    day = dt.date(2010, 1, 1)
    while day.year <= 2030:
        for text in (
            day.isoformat(),
            day.strftime("%d.%m.%Y"),
            day.strftime("%d/%m/%Y"),
            day.strftime("%d-%m-%y"),
        ):
            assert normalise(text).e164 is None, text
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("DateText", "a date, not a phone number"),
        ("DateTimeText", "a date and time, not a phone number"),
        ("TimeText", "a time, not a phone number"),
        ("DurationText", "a duration, not a phone number"),
        ("BooleanText", "a TRUE/FALSE value, not a phone number"),
    ],
)
def test_typed_cells_are_never_numbers_whatever_their_text(cell, reason):
    from smsdesk.core import cells

    value = getattr(cells, cell)("20123456")  # the text alone would be a valid number
    assert normalise(value).e164 is None
    assert normalise(value).reason == reason


@pytest.mark.parametrize(
    "raw",
    [
        "２０１２３４５６",  # full-width
        "٢٠١٢٣٤٥٦",  # Arabic-Indic
        "۲۰۱۲۳۴۵۶",  # Extended Arabic-Indic (Persian)
        "२०१२३४५६",  # Devanagari
        "＋４５ ２０ １２ ３４ ５６",
        "+45 ٢٠١٢٣٤٥٦",
    ],
)
def test_digits_of_other_scripts_fold_to_one_ascii_number(raw):
    result = normalise(raw)
    assert result.e164 == "+4520123456"
    assert result.e164.isascii()


def test_the_shapes_people_write_keep_working():
    for raw, e164 in [
        ("20 45 67 89", "+4520456789"),
        ("+45 31224455", "+4531224455"),
        ("0045 40118822", "+4540118822"),
        ("(+45) 61-72-83-94", "+4561728394"),
        ("20.12.34.56", "+4520123456"),
        ("20-12-34-56", "+4520123456"),
        ("4520123456.0", "+4520123456"),
    ]:
        assert normalise(raw).e164 == e164, raw
    assert (
        normalise("0612345678", "SE").e164 is None or normalise("070-123 45 67", "SE").e164 == "+46701234567"
    )


def test_a_cell_of_4301_digits_is_too_long_not_a_crash():
    # Python refuses int() of more than 4,300 digits; the length check comes first.
    assert normalise("1" * 4301).reason == "too long"
    assert normalise("+45" + "2" * 4301).reason == "too long"
    assert normalise("2" * 4301 + "E+05").e164 is None


def test_a_cell_of_only_full_width_spaces_is_empty_not_a_crash():
    result = normalise("\u3000\u3000")
    assert result.e164 is None and result.reason == EMPTY
