"""Segmenting rules of core.encoding at every boundary (see ../shared/providers.md, "segmenting")."""

from __future__ import annotations

import pytest

from smsdesk.core.encoding import (
    GSM7,
    GSM_BASIC,
    GSM_EXTENSION,
    UCS2,
    Count,
    NonGsmChar,
    count,
    graphemes,
    is_gsm,
    lookalike_replacements,
    make_gsm,
    split,
    units_of,
)

FLAG_DK = "\U0001f1e9\U0001f1f0"  # 🇩🇰: two regional indicators, 4 UTF-16 units
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # 👨‍👩‍👧: 8 units
THUMB_TONE = "\U0001f44d\U0001f3fd"  # 👍🏽: 4 units
WINK = "\U0001f61c"  # 😜: 2 units
E_ACUTE_DECOMPOSED = "e\u0301"


def assert_count(text, encoding, segments, per_segment, remaining, units=None):
    counted = count(text)
    assert (counted.encoding, counted.segments, counted.per_segment, counted.remaining) == (
        encoding,
        segments,
        per_segment,
        remaining,
    ), counted
    if units is not None:
        assert counted.units == units
    parts = split(text)
    assert len(parts) == segments
    assert "".join(parts) == text
    return parts


# --- the alphabet ----------------------------------------------------------------------------------------------


def test_gsm_basic_set_has_the_128_positions_minus_escape():
    assert len(GSM_BASIC) == 127
    assert len(set(GSM_BASIC)) == 127
    assert "\x1b" not in GSM_BASIC


@pytest.mark.parametrize("letter", list("ÆØÅæøå"))
def test_danish_letters_are_gsm7_and_cost_one_septet(letter):
    assert_count(letter * 160, GSM7, 1, 160, 0, units=160)


def test_a_danish_sentence_is_gsm7():
    counted = count("Kære Åse, din tid hos Frisør Østergade er bekræftet. Mvh. Æbletræet")
    assert counted.encoding == GSM7
    assert counted.non_gsm == ()


@pytest.mark.parametrize("char", ["“", "”", "‘", "’", "„"])
def test_curly_quotes_force_ucs2_and_are_named(char):
    text = f"Hej {char}Åse{char}"
    counted = count(text)
    assert counted.encoding == UCS2
    assert counted.per_segment == 70
    assert counted.non_gsm == (NonGsmChar(char, 4, 4), NonGsmChar(char, 8, 8))


def test_lower_case_c_cedilla_forces_ucs2_but_capital_does_not():
    assert count("Ça va").encoding == GSM7
    counted = count("garçon")
    assert counted.encoding == UCS2
    assert [item.char for item in counted.non_gsm] == ["ç"]


@pytest.mark.parametrize("char", ["á", "í", "ó", "ú", "`", "–", "—", "…", "•", "\u00a0", "\t", "😀"])
def test_common_non_gsm_characters_force_ucs2(char):
    assert count(f"a{char}b").encoding == UCS2
    assert not is_gsm(char)


def test_extension_characters_cost_two_septets_in_gsm7():
    for char in GSM_EXTENSION:
        assert count(char).units == 2, repr(char)
        assert count(char).encoding == GSM7
    assert count("€" * 80).segments == 1
    assert count("€" * 80).remaining == 0
    parts = assert_count("€" * 81, GSM7, 2, 153, 153 - 10, units=162)
    assert parts == ["€" * 76, "€" * 5]  # 76 pairs = 152 septets: the 77th pair does not fit in 153


def test_form_feed_is_an_extension_character():
    assert count("\f").units == 2


def test_extension_characters_cost_one_unit_in_ucs2():
    counted = count("€{}“")
    assert counted.encoding == UCS2
    assert counted.units == 4


def test_empty_message_is_zero_segments():
    assert count("") == Count(GSM7, 0, 0, 0, 160, 160, ())
    assert split("") == []


# --- GSM-7 boundaries --------------------------------------------------------------------------------------------


def test_gsm7_160_is_one_sms_161_is_two():
    assert_count("a" * 160, GSM7, 1, 160, 0, units=160)
    parts = assert_count("a" * 161, GSM7, 2, 153, 145, units=161)
    assert [len(part) for part in parts] == [153, 8]


@pytest.mark.parametrize("n", range(2, 11))
def test_gsm7_153_times_n(n):
    assert_count("a" * (153 * n), GSM7, n, 153, 0)
    assert_count("a" * (153 * n + 1), GSM7, n + 1, 153, 152)
    assert_count("a" * (153 * n - 1), GSM7, n, 153, 1)


def test_gsm7_1530_characters_is_ten_sms():
    assert_count("x" * 1530, GSM7, 10, 153, 0)


def test_escape_pair_is_never_split_it_moves_to_the_next_segment():
    # The pair would take septets 153 and 154: it moves whole, so part one holds only 152 septets.
    parts = assert_count("a" * 152 + "[" + "a" * 10, GSM7, 2, 153, 153 - 12, units=164)
    assert parts == ["a" * 152, "[" + "a" * 10]


def test_escape_pair_at_the_edge_costs_an_extra_segment():
    # 306 septets would be exactly two segments if counted naively (306 / 153); the moved pair makes it three.
    parts = assert_count("a" * 152 + "[" + "a" * 152, GSM7, 3, 153, 152, units=306)
    assert [units_of(part, GSM7) for part in parts] == [152, 153, 1]


def test_escape_pair_that_fits_exactly_stays():
    parts = assert_count("a" * 151 + "]" + "a" * 10, GSM7, 2, 153, 143)
    assert parts[0] == "a" * 151 + "]"


def test_single_segment_uses_all_160_septets_even_with_extension_characters():
    assert_count("a" * 158 + "€", GSM7, 1, 160, 0, units=160)
    assert_count("a" * 159 + "€", GSM7, 2, 153, 153 - 8)


def test_crlf_counts_two_septets_and_one_character():
    counted = count("a\r\nb")
    assert (counted.encoding, counted.units, counted.characters) == (GSM7, 4, 3)
    assert count("a\nb").units == 3


def test_crlf_is_not_split_across_segments():
    parts = assert_count("a" * 152 + "\r\n" + "a" * 10, GSM7, 2, 153, 153 - 12)
    assert parts == ["a" * 152, "\r\n" + "a" * 10]


def test_a_lone_cr_or_lf_at_the_edge_may_end_a_segment():
    parts = assert_count("a" * 152 + "\n" + "a" * 10, GSM7, 2, 153, 153 - 10)
    assert parts[0] == "a" * 152 + "\n"


# --- UCS-2 boundaries --------------------------------------------------------------------------------------------

UCS_FILLER = "ж"  # one UTF-16 unit, not GSM


def test_ucs2_70_is_one_sms_71_is_two():
    assert_count(UCS_FILLER * 70, UCS2, 1, 70, 0, units=70)
    parts = assert_count(UCS_FILLER * 71, UCS2, 2, 67, 63, units=71)
    assert [len(part) for part in parts] == [67, 4]


@pytest.mark.parametrize("n", range(2, 11))
def test_ucs2_67_times_n(n):
    assert_count(UCS_FILLER * (67 * n), UCS2, n, 67, 0)
    assert_count(UCS_FILLER * (67 * n + 1), UCS2, n + 1, 67, 66)


def test_one_curly_quote_turns_160_characters_into_three_sms():
    assert_count("“" + "a" * 159, UCS2, 3, 67, 67 * 3 - 160)


def test_emoji_is_two_units_70_fits_71_does_not():
    # The G1 (Twilio) worked example: 😜 + 68 digits = 70 units = 1 segment; one more digit = 2 segments.
    assert_count(WINK + "1" * 68, UCS2, 1, 70, 0, units=70)
    assert_count(WINK + "1" * 69, UCS2, 2, 67, 63, units=71)


def test_surrogate_pair_at_the_edge_moves_whole():
    parts = assert_count("1" * 66 + WINK + "1" * 10, UCS2, 2, 67, 67 - 12, units=78)
    assert parts == ["1" * 66, WINK + "1" * 10]


def test_emoji_that_fits_exactly_stays():
    parts = assert_count("1" * 65 + WINK + "1" * 10, UCS2, 2, 67, 57)
    assert parts[0] == "1" * 65 + WINK


def test_flag_at_the_edge_moves_whole():
    parts = assert_count("1" * 65 + FLAG_DK + "1" * 10, UCS2, 2, 67, 67 - 14, units=79)
    assert parts == ["1" * 65, FLAG_DK + "1" * 10]


def test_zwj_family_at_the_edge_moves_whole():
    parts = assert_count("1" * 62 + FAMILY + "1" * 10, UCS2, 2, 67, 67 - 18, units=80)
    assert parts == ["1" * 62, FAMILY + "1" * 10]


def test_skin_tone_emoji_at_the_edge_moves_whole():
    parts = assert_count("1" * 64 + THUMB_TONE + "1" * 10, UCS2, 2, 67, 67 - 14)
    assert parts == ["1" * 64, THUMB_TONE + "1" * 10]


def test_combining_mark_stays_with_its_letter_at_the_edge():
    text = "“" + "1" * 65 + E_ACUTE_DECOMPOSED + "1" * 10
    parts = assert_count(text, UCS2, 2, 67, 67 - 12, units=78)
    assert parts == ["“" + "1" * 65, E_ACUTE_DECOMPOSED + "1" * 10]


def test_a_cluster_longer_than_a_segment_is_cut_at_code_points():
    text = "a" + "\u0301" * 100
    parts = assert_count(text, UCS2, 2, 67, 67 - 34, units=101)
    assert [len(part) for part in parts] == [67, 34]


def test_emoji_fill_ten_segments():
    # 33 emoji (66 units) per segment: a 34th would need units 67 and 68
    assert_count(WINK * 330, UCS2, 10, 67, 1, units=660)
    assert_count(WINK * 331, UCS2, 11, 67, 65)


# --- characters (grapheme clusters) -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "clusters"),
    [
        ("abc", ["a", "b", "c"]),
        (FLAG_DK + "x", [FLAG_DK, "x"]),
        (FLAG_DK * 2 + "\U0001f1f8", [FLAG_DK, FLAG_DK, "\U0001f1f8"]),  # an odd indicator stands alone
        (FAMILY + "!", [FAMILY, "!"]),
        (THUMB_TONE, [THUMB_TONE]),
        ("\u2764\ufe0f", ["\u2764\ufe0f"]),  # ❤️ with a variation selector
        ("\u2764\ufe0f\u200d\U0001f525", ["\u2764\ufe0f\u200d\U0001f525"]),  # ❤️‍🔥: BMP pictograph, VS, ZWJ
        ("1\ufe0f\u20e3", ["1\ufe0f\u20e3"]),  # keycap
        (E_ACUTE_DECOMPOSED + "x", [E_ACUTE_DECOMPOSED, "x"]),
        ("\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", None),  # Scotland's flag
        ("a\r\nb", ["a", "\r\n", "b"]),
        ("\r\r\n", ["\r", "\r\n"]),
        ("\n\u0301", ["\n", "\u0301"]),  # nothing glues to a control
        ("\u0301a", ["\u0301", "a"]),  # a mark opening the text is a character of its own
        ("a\u200db", ["a\u200d", "b"]),  # ZWJ glues to what precedes, joins only pictographs
        ("\U0001f468\u200d", ["\U0001f468\u200d"]),
        ("\u1100\u1161\u11a8", ["\u1100\u1161\u11a8"]),  # conjoining jamo make one syllable
        ("한국어", ["한", "국", "어"]),
        ("\u1100한", ["\u1100한"]),  # L + LV
        ("\U0001f1e9\u0301\U0001f1f0", ["\U0001f1e9\u0301", "\U0001f1f0"]),
        ("\U00011103\U00011127", ["\U00011103\U00011127"]),  # Chakma letter + astral vowel sign
    ],
)
def test_graphemes(text, clusters):
    expected = clusters if clusters is not None else [text]
    assert graphemes(text) == expected
    assert count(text).characters == len(expected)


def test_characters_of_a_gsm_message_with_crlf():
    assert count("Hej\r\nÅse").characters == 7


# --- non-GSM positions -------------------------------------------------------------------------------------------


def test_non_gsm_positions_in_python_and_utf16_indices():
    text = f"{WINK}a“{FLAG_DK}b”"
    counted = count(text)
    assert counted.non_gsm == (
        NonGsmChar(WINK, 0, 0),
        NonGsmChar("“", 2, 3),
        NonGsmChar(FLAG_DK, 3, 4),
        NonGsmChar("”", 6, 9),
    )
    as_utf16 = text.encode("utf-16-le")
    for item in counted.non_gsm:
        assert as_utf16[2 * item.utf16_index :].decode("utf-16-le").startswith(item.char)


def test_non_gsm_reports_the_whole_cluster_once():
    counted = count("x" + E_ACUTE_DECOMPOSED + FAMILY)
    assert [item.char for item in counted.non_gsm] == [E_ACUTE_DECOMPOSED, FAMILY]
    assert [item.index for item in counted.non_gsm] == [1, 3]


def test_non_gsm_lists_every_occurrence():
    assert len(count("“a” “b”").non_gsm) == 4


def test_cyrillic_message_names_every_letter():
    counted = count("Привет")
    assert counted.encoding == UCS2
    assert "".join(item.char for item in counted.non_gsm) == "Привет"


# --- look-alikes -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("char", "replacement"),
    [
        ("‘", "'"),
        ("’", "'"),
        ("‚", "'"),
        ("‛", "'"),
        ("“", '"'),
        ("”", '"'),
        ("„", '"'),
        ("‟", '"'),
        ("«", '"'),
        ("»", '"'),
        ("–", "-"),
        ("—", "-"),
        ("\u2212", "-"),
        ("…", "..."),
        ("\u00a0", " "),
        ("\u202f", " "),
        ("\u2009", " "),
        ("\t", " "),
        ("•", "-"),
        ("´", "'"),
        ("`", "'"),
        ("\u200b", ""),
        ("\ufeff", ""),
        ("\u00ad", ""),
        ("ç", "c"),
        ("á", "a"),
        ("Á", "A"),
        ("ó", "o"),
        ("ú", "u"),
        ("í", "i"),
        ("ê", "e"),
        ("ő", "o"),
        ("œ", "oe"),
        ("ł", "l"),
        ("ǿ", "ø"),  # the base letter is GSM, so it is kept
        (E_ACUTE_DECOMPOSED, "é"),  # composes to GSM's é rather than losing the accent
        ("ﬁ", "fi"),
    ],
)
def test_lookalike_table(char, replacement):
    assert lookalike_replacements(f"a{char}b") == {char: replacement}
    assert make_gsm(f"a{char}b") == f"a{replacement}b"


def test_lookalike_results_are_gsm():
    fixes = lookalike_replacements("“Hej” – ça va… á\u00a0b\u200b “igen”")
    assert all(is_gsm(value) for value in fixes.values())
    assert list(fixes) == ["“", "”", "–", "ç", "…", "á", "\u00a0", "\u200b"]


def test_characters_without_a_lookalike_are_not_offered():
    assert lookalike_replacements("😀 Привет ✓") == {}
    assert lookalike_replacements("plain GSM [text] €") == {}


def test_make_gsm_brings_a_typical_message_back_to_gsm7():
    text = "“Hej Åse” – vi ses i morgen… Mvh François"
    assert count(text).encoding == UCS2
    fixed = make_gsm(text)
    assert fixed == '"Hej Åse" - vi ses i morgen... Mvh Francois'
    assert count(fixed).encoding == GSM7
    assert count(fixed).segments <= count(text).segments


def test_make_gsm_keeps_emoji_and_zwj_sequences_intact():
    text = f"“Hej” {FAMILY} {FLAG_DK}"
    assert make_gsm(text) == f'"Hej" {FAMILY} {FLAG_DK}'


def test_make_gsm_does_not_widen_a_message_that_stays_ucs2():
    # Emoji keep it UCS-2: turning 60 ellipses (1 unit) into 180 dots would take 3 SMS instead of 1.
    text = WINK + "…" * 60 + "“"
    fixed = make_gsm(text)
    assert fixed == WINK + "…" * 60 + '"'
    assert count(fixed).segments == 1


def test_make_gsm_refuses_a_change_that_costs_more():
    text = "…" * 67  # 1 SMS in UCS-2, but 201 septets (2 SMS) as dots
    assert make_gsm(text) == text


def test_make_gsm_of_only_invisible_characters_is_empty():
    assert make_gsm("\u200b\ufeff") == ""


def test_units_of():
    assert units_of("a€", GSM7) == 3
    assert units_of("a€" + WINK, UCS2) == 4
