"""A number as its Excel format shows it (core.numfmt), in English and Danish separators."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smsdesk.core.numfmt import BUILTIN_FORMATS, ENGLISH, NumberStyle, changes_numbers, format_code, render
from smsdesk.io.workbook import cell_text

DANISH = NumberStyle(decimal=",", group=".")
SWEDISH = NumberStyle(decimal=",", group="\u00a0")

ACCOUNTING_KR = '_-* #,##0.00\\ "kr."_-;\\-* #,##0.00\\ "kr."_-;_-* "-"??\\ "kr."_-;_-@_-'


@pytest.mark.parametrize(
    ("value", "code", "english", "danish"),
    [
        (120.5, "#,##0.00", "120.50", "120,50"),
        (1234567.891, "#,##0.00", "1,234,567.89", "1.234.567,89"),
        (1200.0, '0.00 "kr."', "1200.00 kr.", "1200,00 kr."),
        (1200.5, '#,##0.00\\ "kr."', "1,200.50 kr.", "1.200,50 kr."),
        (1200.5, "#,##0.00\\ kr", "1,200.50 kr", "1.200,50 kr"),
        (1200.5, "[$kr.-406] #,##0.00", "kr. 1,200.50", "kr. 1.200,50"),
        (1200.5, "[$DKK] #,##0.00", "DKK 1,200.50", "DKK 1.200,50"),
        (1200.5, "[$-406]#,##0.00", "1,200.50", "1.200,50"),
        (0.25, "0%", "25%", "25%"),
        (0.1234, "0.00%", "12.34%", "12,34%"),
        (2.5, "0.0", "2.5", "2,5"),
        (7.0, "0.0", "7.0", "7,0"),
        (1.5, "0.0#", "1.5", "1,5"),
        (1.256, "0.0#", "1.26", "1,26"),
        (5.0, ".00", "5.00", "5,00"),
        # Excel rounds the double's decimal, half away from zero: not binary floating point's 0.12 and 2.67
        (0.125, "0.00", "0.13", "0,13"),
        (2.675, "0.00", "2.68", "2,68"),
        (1.005, "0.00", "1.01", "1,01"),
        (-2.675, "0.00", "-2.68", "-2,68"),
        (120.00000000000001, "0.00", "120.00", "120,00"),
        # sections: the negative one's shape, without a minus of its own; a zero section
        (-5.5, "#,##0.00;(#,##0.00)", "(5.50)", "(5,50)"),
        (-5.5, "#,##0.00;[Red]-#,##0.00", "-5.50", "-5,50"),
        (-5.5, "#,##0.00", "-5.50", "-5,50"),
        (0.0, '#,##0.00;-#,##0.00;"nul"', "nul", "nul"),
        (1234.5, ACCOUNTING_KR, "1,234.50 kr.", "1.234,50 kr."),
        (-1234.5, ACCOUNTING_KR, "-1,234.50 kr.", "-1.234,50 kr."),
        (0.0, ACCOUNTING_KR, "- kr.", "- kr."),
        (-1234.5, BUILTIN_FORMATS[44], "(1,234.50)", "(1.234,50)"),
        (1234.5, BUILTIN_FORMATS[4], "1,234.50", "1.234,50"),
        (25.0, 'General" kr."', "25 kr.", "25 kr."),
        (25.5, "[Blue]0.00_);[Red]\\(0.00\\)", "25.50", "25,50"),
        (1234567.0, '#,##0.0,," mio."', "1.2 mio.", "1,2 mio."),
    ],
)
def test_a_number_reads_as_its_format_shows_it(value, code, english, danish):
    assert render(value, code, ENGLISH) == english
    assert render(value, code, DANISH) == danish


def test_letters_that_mean_nothing_in_a_code_are_shown_as_they_are():
    assert render(120.5, "kr 0.00", DANISH) == "kr 120,50"


def test_swedish_groups_with_the_locales_space():
    assert render(1200.5, "#,##0.00", SWEDISH) == "1\u00a0200,50"


@pytest.mark.parametrize(
    "code",
    [
        "General",
        "@",
        "0.00E+00",  # scientific
        "# ?/?",  # fractions
        "yyyy-mm-dd",  # dates are calamine's
        "[h]:mm:ss",
        "[<=99999999]##\\ ##\\ ##\\ ##;(+##)\\ ##\\ ##\\ ##\\ ##",  # Excel's "Special" phone format: a condition
        "[DBNum1]0.00",
        '0" - "0.00',  # text between digits
        "0.00 DKK",  # unquoted letters that mean something in a code (D is a day)
        '"unclosed',
        "",
    ],
)
def test_what_is_not_read_with_confidence_is_general(code):
    assert render(120.5, code, DANISH) == "120,5"
    assert render(120.5, code, ENGLISH) == "120.5"
    assert not changes_numbers(code)


@pytest.mark.parametrize(
    "code",
    ["0", "#", "#,##0", "00000000", "0000000000", "##\\ ##\\ ##\\ ##", "#,##0;(#,##0)", BUILTIN_FORMATS[37]],
)
@pytest.mark.parametrize("value", [20123456.0, 12345678, 4520123456.0, 4520000000.0, -5.0, 0.0, 123.0])
def test_a_whole_number_under_a_format_without_decimals_percent_or_text_reads_as_before(code, value):
    # Never a stranger: 12345678 padded to 0012345678 would read as an international number.
    assert render(value, code, DANISH) == cell_text(value)
    assert render(value, code, SWEDISH) == cell_text(value)
    assert not changes_numbers(code)


def test_a_fraction_under_a_digits_only_format_is_general_not_rounded_to_a_phone_number():
    # rounded it would be 20123456, a valid Danish number the sheet does not hold; grouped in Swedish "20 123 456"
    assert render(20123456.4, "0", DANISH) == "20123456,4"
    assert render(20123456.4, "#,##0", SWEDISH) == "20123456,4"


def test_a_number_damaged_by_scientific_notation_stays_damaged_whatever_the_format():
    assert render(4520000000.0, "0.00", DANISH) == "4.52E+09"


def test_built_in_ids_and_the_files_own_codes():
    assert format_code(4) == "#,##0.00"
    assert format_code(164, {164: '0.00 "kr."'}) == '0.00 "kr."'
    assert format_code(4, {4: "0.0"}) == "0.0"  # the file's own code wins
    assert format_code(999) == "General"
    assert (
        changes_numbers(format_code(2))
        and changes_numbers(format_code(9))
        and changes_numbers(format_code(44))
    )
    assert not changes_numbers(format_code(3)) and not changes_numbers(format_code(14))


def test_general_uses_the_locales_decimal_mark():
    assert cell_text(120.5, DANISH) == "120,5"
    assert cell_text(0.1 + 0.2, DANISH) == "0,3"
    assert cell_text(120.0, DANISH) == "120"
    assert cell_text(120.5) == "120.5"


CODES = st.sampled_from(
    [
        "General",
        "0",
        "0.00",
        "#,##0.00",
        '0.00 "kr."',
        "0%",
        "0.00%",
        "0.0#",
        ACCOUNTING_KR,
        BUILTIN_FORMATS[44],
        '#,##0.00;(#,##0.00);"nul"',
        '#,##0.0,," mio."',
        "[$kr.-406] #,##0.00",
        "0.00E+00",
    ]
)


@settings(max_examples=400, deadline=None)
@given(value=st.floats(allow_nan=True, allow_infinity=True), code=CODES | st.text(max_size=30))
def test_any_float_under_any_code_renders(value, code):
    for style in (ENGLISH, DANISH, SWEDISH):
        assert isinstance(render(value, code, style), str)


@settings(max_examples=300, deadline=None)
@given(
    value=st.integers(min_value=-(10**20), max_value=10**20).map(float) | st.integers(-(10**20), 10**20),
    code=st.sampled_from(["General", "0", "#,##0", "00000000", "0000000000", "#", "##\\ ##\\ ##\\ ##"]),
)
def test_any_whole_number_under_a_format_without_decimals_reads_as_before(value, code):
    assert render(value, code, DANISH) == cell_text(value)
    if abs(value) < 100_000_000:
        assert render(value, code, DANISH) == str(int(value))
