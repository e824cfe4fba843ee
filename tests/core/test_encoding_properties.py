"""Property tests of core.encoding: split/join round trip, capacity, greedy packing, whole clusters, and a grapheme
segmenter checked against a slow, rule-by-rule reference written from UAX #29 independently of the fast one."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smsdesk.core.encoding import (
    _PICTOGRAPHIC_RANGES,
    GSM7,
    GSM_BASIC,
    GSM_EXTENSION,
    UCS2,
    count,
    graphemes,
    is_gsm,
    make_gsm,
    split,
    units_of,
)

PIECES = [
    # GSM, extension table, line breaks
    *"aZ0 .,!?@£$¥èéÆØÅæøåΔ_ÇÑü§¿",
    *GSM_EXTENSION,
    "\r",
    "\n",
    "\r\n",
    "a" * 150,
    # characters that force UCS-2, some with look-alikes
    *"“”‘’–—…•ç\u00a0\u200b\t`жЖ",
    "ж" * 60,
    "…" * 30,
    # emoji: astral, BMP pictograph, variation selector, skin tones, ZWJ, keycap
    "\U0001f600",
    "\U0001f61c",
    "\u2764",
    "\u2708",
    "\ufe0f",
    "\U0001f3fd",
    "\u200d",
    "\u20e3",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    # regional indicators alone, so odd runs happen, and as a flag
    "\U0001f1e9",
    "\U0001f1f0",
    "\U0001f1e9\U0001f1f0",
    # Scotland: black flag + tags
    "\U0001f3f4",
    "\U000e0067",
    "\U000e007f",
    # combining marks (Mn, Mc), an astral mark and its base
    "\u0301",
    "\u0308",
    "\u0903",
    "\U00011103",
    "\U00011127",
    # Hangul jamo and syllables (LV, LVT)
    "\u1100",
    "\u1161",
    "\u11a8",
    "가",
    "한",
    # controls
    "\x00",
    "\u2028",
]

messages = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(alphabet=GSM_BASIC, max_size=30)), max_size=60
).map("".join)

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- a slow reference segmenter, one rule at a time ----------------------------------------------------------------


def _pictographic(char: str) -> bool:
    return any(low <= ord(char) <= high for low, high in _PICTOGRAPHIC_RANGES)


def _property(char: str) -> str:
    code = ord(char)
    category = unicodedata.category(char)
    if char == "\r":
        return "CR"
    if char == "\n":
        return "LF"
    if char == "\u200d":
        return "ZWJ"
    if 0x1F1E6 <= code <= 0x1F1FF:
        return "RI"
    if (
        category in ("Mn", "Me")
        or code == 0x200C
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
        or 0xFF9E <= code <= 0xFF9F
    ):
        return "Extend"
    if category == "Mc":
        return "SpacingMark"
    if category in ("Cc", "Cf", "Zl", "Zp"):
        return "Control"
    if 0x1100 <= code <= 0x115F or 0xA960 <= code <= 0xA97C:
        return "L"
    if 0x1160 <= code <= 0x11A7 or 0xD7B0 <= code <= 0xD7C6:
        return "V"
    if 0x11A8 <= code <= 0x11FF or 0xD7CB <= code <= 0xD7FB:
        return "T"
    if 0xAC00 <= code <= 0xD7A3:
        return "LV" if (code - 0xAC00) % 28 == 0 else "LVT"
    if _pictographic(char):
        return "ExtPict"
    return "Other"


def _no_break(text: str, i: int) -> bool:
    """Is there no grapheme break between text[i-1] and text[i]? UAX #29 rules GB3-GB13, in order."""
    before, after = _property(text[i - 1]), _property(text[i])
    if before == "CR" and after == "LF":
        return True
    if before in ("Control", "CR", "LF") or after in ("Control", "CR", "LF"):
        return False
    if before == "L" and after in ("L", "V", "LV", "LVT"):
        return True
    if before in ("LV", "V") and after in ("V", "T"):
        return True
    if before in ("LVT", "T") and after == "T":
        return True
    if after in ("Extend", "ZWJ", "SpacingMark"):
        return True
    if before == "ZWJ" and after == "ExtPict":
        j = i - 2
        while j >= 0 and _property(text[j]) == "Extend":
            j -= 1
        return j >= 0 and _property(text[j]) == "ExtPict"
    if before == "RI" and after == "RI":
        run = 0
        j = i - 1
        while j >= 0 and _property(text[j]) == "RI":
            run += 1
            j -= 1
        return run % 2 == 1
    return False


def reference_graphemes(text: str) -> list[str]:
    clusters: list[str] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not _no_break(text, i):
            clusters.append(text[start:i])
            start = i
    return clusters


# --- properties ----------------------------------------------------------------------------------------------


@SETTINGS
@given(messages)
def test_graphemes_match_the_reference(text):
    expected = reference_graphemes(text)
    assert graphemes(text) == expected
    assert count(text).characters == len(expected)


@SETTINGS
@given(messages)
def test_split_joins_back_and_agrees_with_count(text):
    counted = count(text)
    parts = split(text)
    assert "".join(parts) == text
    assert len(parts) == counted.segments
    assert counted.units == units_of(text, counted.encoding)
    assert (counted.encoding == GSM7) == is_gsm(text)
    if parts:
        assert counted.remaining == counted.per_segment - units_of(parts[-1], counted.encoding)


@SETTINGS
@given(messages)
def test_every_segment_fits_its_capacity(text):
    counted = count(text)
    single, multi = (160, 153) if counted.encoding == GSM7 else (70, 67)
    parts = split(text)
    capacity = single if len(parts) == 1 else multi
    assert counted.per_segment == (capacity if parts else 160)
    for part in parts:
        assert 0 < units_of(part, counted.encoding) <= capacity


@SETTINGS
@given(messages)
def test_segments_hold_whole_clusters_and_are_packed_greedily(text):
    counted = count(text)
    capacity = 153 if counted.encoding == GSM7 else 67
    clusters = reference_graphemes(text)
    if any(units_of(cluster, counted.encoding) > capacity for cluster in clusters):
        return  # a cluster larger than a segment has to be cut; covered by an example test
    parts = split(text)
    assert [cluster for part in parts for cluster in reference_graphemes(part)] == clusters
    for part, following in zip(parts, parts[1:], strict=False):
        next_cluster = reference_graphemes(following)[0]
        assert units_of(part + next_cluster, counted.encoding) > capacity


@SETTINGS
@given(messages)
def test_non_gsm_positions_point_at_the_characters(text):
    counted = count(text)
    if counted.encoding == GSM7:
        assert counted.non_gsm == ()
        return
    assert counted.non_gsm
    as_utf16 = text.encode("utf-16-le")
    for item in counted.non_gsm:
        assert text[item.index : item.index + len(item.char)] == item.char
        assert len(as_utf16[: 2 * item.utf16_index].decode("utf-16-le")) == item.index
        assert not is_gsm(item.char)
    clusters = reference_graphemes(text)
    assert [item.char for item in counted.non_gsm] == [cluster for cluster in clusters if not is_gsm(cluster)]


@SETTINGS
@given(messages)
def test_make_gsm_never_costs_more_segments(text):
    fixed = make_gsm(text)
    assert count(fixed).segments <= count(text).segments
    if count(fixed).encoding == UCS2:
        assert not is_gsm(fixed)


CLUSTERS = [
    "\U0001f1e9\U0001f1f0",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\U0001f44d\U0001f3fd",
    "\u2764\ufe0f",
    "e\u0301\u0308",
    "\U0001f600",
    "\r\n",
    "\u1100\u1161\u11a8",
    "\U00011103\U00011127",
]


@SETTINGS
@given(
    st.sampled_from(["ж", "a", "€"]),
    st.integers(min_value=55, max_value=160),
    st.lists(st.sampled_from(CLUSTERS), min_size=1, max_size=4).map("".join),
    messages,
)
def test_clusters_at_a_segment_edge_move_whole(filler, length, clusters, rest):
    text = filler * length + clusters + rest
    counted = count(text)
    parts = split(text)
    assert [cluster for part in parts for cluster in reference_graphemes(part)] == reference_graphemes(text)
    assert len(parts) == counted.segments
