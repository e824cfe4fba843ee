"""SMS encoding engine (GSM 03.38 / UCS-2): detection, counting, segment splitting, look-alike fixes. Pure Python.

The rules (see ../shared/providers.md, "segmenting"):
- GSM-7 when every character is in the GSM 03.38 basic set or its extension table, else UCS-2 for the whole message.
- Extension characters cost 2 septets (ESC + code) in GSM-7 and 1 unit in UCS-2.
- One SMS holds 160 septets / 70 UTF-16 units; a concatenated message 153 / 67 per segment (the 6-octet UDH).
- Segments are filled by placing whole user-perceived characters (grapheme clusters): an escape pair, a surrogate pair,
  a flag, a ZWJ sequence, a skin-toned emoji, a letter with its combining marks or a CR LF never straddle two parts.
  Only a single cluster longer than a whole segment (e.g. dozens of stacked combining marks) is cut, at a code point.

Speed matters: the compose page counts on every keystroke and costing counts once per recipient (benchmarks/
bench_count.py). The text is scanned by precompiled regular expressions (C speed); per-character steps are map() over
C callables, and Python loops run only per segment and per character that can glue to a neighbour (emoji parts,
combining marks), never per ordinary character.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from typing import NamedTuple

GSM7 = "GSM-7"
UCS2 = "UCS-2"

GSM7_SINGLE = 160
GSM7_MULTI = 153
UCS2_SINGLE = 70
UCS2_MULTI = 67

# GSM 03.38 default alphabet in code order (0x00-0x7F); 0x1B is the escape to the extension table, not a character.
GSM_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅå"
    "Δ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ"
    " !\"#¤%&'()*+,-./"
    "0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNO"
    "PQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmno"
    "pqrstuvwxyzäöñüà"
).replace("\x1b", "")
# Each costs ESC + code = 2 septets. Form feed is in the table too (3GPP TS 23.038; some counters forget it).
GSM_EXTENSION = "^{}\\[~]|€\f"

_GSM_CHARS = frozenset(GSM_BASIC + GSM_EXTENSION)
_NON_GSM_RE = re.compile("[^" + re.escape(GSM_BASIC + GSM_EXTENSION) + "]")
_EXTENSION_RE = re.compile("[" + re.escape(GSM_EXTENSION) + "]")
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
_has_no_extension = frozenset(GSM_EXTENSION).isdisjoint
_match_start = re.Match.start


class NonGsmChar(NamedTuple):  # a named tuple: a Cyrillic message makes one per letter, and these are cheap
    char: str  # the user-perceived character (grapheme) that forced UCS-2
    index: int  # type: ignore[assignment]  # position in the Python str (code points); shadows tuple.index
    utf16_index: int  # position in UTF-16 units (what Qt's QTextCursor uses)


@dataclass(frozen=True)
class Count:
    encoding: str  # GSM7 or UCS2
    characters: int  # user-perceived characters (grapheme clusters)
    units: int  # septets (GSM-7, extension chars count 2) or UTF-16 units (UCS-2)
    segments: int  # 0 for an empty message
    per_segment: int  # 160/153 or 70/67 depending on single/concatenated
    remaining: int  # room left in the last segment, in units
    non_gsm: tuple[NonGsmChar, ...]  # what forced UCS-2, in order (one entry per occurrence)


# --- grapheme clusters (UAX #29, extended clusters) -----------------------------------------------------------------
# A compact implementation of the rules that matter for messages: CR LF (GB3), controls (GB4/5), Hangul syllables
# (GB6-8), extend / ZWJ / spacing marks (GB9/9a), emoji ZWJ sequences (GB11) and regional-indicator pairs (GB12/13).
# Not implemented, on purpose: Prepend (GB9b: a handful of Arabic/Kaithi signs) and Indic conjuncts (GB9c, Unicode
# 15.1); spacing marks are treated as Extend (same result except inside GB11). Character properties come from the
# running Python's unicodedata, so they follow its Unicode version.
#
# The result is the list of "glued" code point indices: i is glued when there is no cluster break between i-1 and i.
# Only CR LF involves GSM characters; every other rule starts from a non-GSM character, and the non-GSM characters
# are found by one regex scan that count() needs anyway. So an ordinary message costs one C-level pass, and Python
# work grows with its emoji and accents, not with its length.

# Extended_Pictographic (emoji-data.txt, stable since Unicode 13; reserved blocks are included so newer emoji count).
_PICTOGRAPHIC_RANGES = (
    (0x00A9, 0x00A9), (0x00AE, 0x00AE), (0x203C, 0x203C), (0x2049, 0x2049), (0x2122, 0x2122), (0x2139, 0x2139),
    (0x2194, 0x2199), (0x21A9, 0x21AA), (0x231A, 0x231B), (0x2328, 0x2328), (0x2388, 0x2388), (0x23CF, 0x23CF),
    (0x23E9, 0x23F3), (0x23F8, 0x23FA), (0x24C2, 0x24C2), (0x25AA, 0x25AB), (0x25B6, 0x25B6), (0x25C0, 0x25C0),
    (0x25FB, 0x25FE), (0x2600, 0x2605), (0x2607, 0x2612), (0x2614, 0x2685), (0x2690, 0x2705), (0x2708, 0x2712),
    (0x2714, 0x2714), (0x2716, 0x2716), (0x271D, 0x271D), (0x2721, 0x2721), (0x2728, 0x2728), (0x2733, 0x2734),
    (0x2744, 0x2744), (0x2747, 0x2747), (0x274C, 0x274C), (0x274E, 0x274E), (0x2753, 0x2755), (0x2757, 0x2757),
    (0x2763, 0x2767), (0x2795, 0x2797), (0x27A1, 0x27A1), (0x27B0, 0x27B0), (0x27BF, 0x27BF), (0x2934, 0x2935),
    (0x2B05, 0x2B07), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55), (0x3030, 0x3030), (0x303D, 0x303D),
    (0x3297, 0x3297), (0x3299, 0x3299), (0x1F000, 0x1F0FF), (0x1F10D, 0x1F10F), (0x1F12F, 0x1F12F),
    (0x1F16C, 0x1F171), (0x1F17E, 0x1F17F), (0x1F18E, 0x1F18E), (0x1F191, 0x1F19A), (0x1F1AD, 0x1F1E5),
    (0x1F201, 0x1F20F), (0x1F21A, 0x1F21A), (0x1F22F, 0x1F22F), (0x1F232, 0x1F23A), (0x1F23C, 0x1F23F),
    (0x1F249, 0x1F3FA), (0x1F400, 0x1F53D), (0x1F546, 0x1F64F), (0x1F680, 0x1F6FF), (0x1F774, 0x1F77F),
    (0x1F7D5, 0x1F7FF), (0x1F80C, 0x1F80F), (0x1F848, 0x1F84F), (0x1F85A, 0x1F85F), (0x1F888, 0x1F88F),
    (0x1F8AE, 0x1F8FF), (0x1F90C, 0x1F93A), (0x1F93C, 0x1F945), (0x1F947, 0x1FAFF), (0x1FC00, 0x1FFFD),
)  # fmt: skip
_ZWJ = "\u200d"
_HANGUL_JAMO = ((0x1100, 0x11FF), (0xA960, 0xA97C), (0xD7B0, 0xD7FB))
_HANGUL_L, _HANGUL_V, _HANGUL_T, _HANGUL_LV, _HANGUL_LVT, _HANGUL_NONE = range(6)


# Which rule a character can trigger, worked out once per distinct character. Every character that can glue to its
# neighbour is outside the GSM alphabet, so only the message's non-GSM characters are ever looked at.
_GLUES_EXTEND, _GLUES_ZWJ, _GLUES_RI, _GLUES_JAMO = 1, 2, 4, 8
_GLUE_KIND: dict[str, int] = {}


def _glue_kind(char: str) -> int:
    kind = _GLUE_KIND.get(char)
    if kind is None:
        code = ord(char)
        if char == _ZWJ:
            kind = _GLUES_EXTEND | _GLUES_ZWJ
        elif (
            unicodedata.category(char)[0] == "M"  # combining marks, variation selectors, enclosing keycap
            or code == 0x200C  # ZWNJ
            or 0x1F3FB <= code <= 0x1F3FF  # emoji skin tones
            or 0xE0020 <= code <= 0xE007F  # tags (subdivision flags such as Scotland's)
            or 0xFF9E <= code <= 0xFF9F  # half-width kana voiced marks
        ):
            kind = _GLUES_EXTEND
        elif 0x1F1E6 <= code <= 0x1F1FF:
            kind = _GLUES_RI
        elif any(low <= code <= high for low, high in _HANGUL_JAMO):
            kind = _GLUES_JAMO
        else:
            kind = 0
        _GLUE_KIND[char] = kind
    return kind


@functools.cache
def _is_control(char: str) -> bool:
    """Grapheme_Cluster_Break Control, CR or LF: nothing glues to these (GB4)."""
    return (
        unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")
        and char not in "\u200c\u200d"
        and not "\U000e0020" <= char <= "\U000e007f"
    )


_PICTOGRAPHIC_STARTS = [low for low, _ in _PICTOGRAPHIC_RANGES]


@functools.cache
def _is_pictographic(char: str) -> bool:
    code = ord(char)
    slot = bisect_left(_PICTOGRAPHIC_STARTS, code + 1) - 1
    return slot >= 0 and code <= _PICTOGRAPHIC_RANGES[slot][1]


@functools.cache
def _is_extend(char: str) -> bool:
    """Extend (not SpacingMark), for walking back over a pictograph's modifiers (GB11)."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Me") or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F
    )


def _extend_glue(text: str, extenders: list[int]) -> list[int]:
    """GB9/9a: an extender glues to whatever precedes it, unless that is a control (GB4) or the start of the text."""
    if extenders and extenders[0] == 0:
        extenders = extenders[1:]
    before = map(text.__getitem__, map(operator.sub, extenders, itertools.repeat(1)))
    return list(itertools.compress(extenders, map(operator.not_, map(_is_control, before))))


def _emoji_zwj_glue(text: str, joiners: list[int]) -> list[int]:
    """GB11: ExtPict Extend* ZWJ x ExtPict - the pictographs a ZWJ joins to the one before it."""
    glued = []
    for at in joiners:
        after = at + 1
        if after < len(text) and _is_pictographic(text[after]):
            j = at - 1
            while j >= 0 and _is_extend(text[j]):
                j -= 1
            if j >= 0 and _is_pictographic(text[j]):
                glued.append(after)
    return glued


def _flag_glue(indicators: list[int]) -> list[int]:
    """GB12/13: regional indicators pair up from the start of each run; the second of a pair is glued."""
    glued = []
    previous, paired = -2, True
    for i in indicators:
        paired = previous == i - 1 and not paired
        if paired:
            glued.append(i)
        previous = i
    return glued


def _hangul_class(char: str) -> int:
    code = ord(char)
    if 0x1100 <= code <= 0x115F or 0xA960 <= code <= 0xA97C:
        return _HANGUL_L
    if 0x1160 <= code <= 0x11A7 or 0xD7B0 <= code <= 0xD7C6:
        return _HANGUL_V
    if 0x11A8 <= code <= 0x11FF or 0xD7CB <= code <= 0xD7FB:
        return _HANGUL_T
    if 0xAC00 <= code <= 0xD7A3:
        return _HANGUL_LV if (code - 0xAC00) % 28 == 0 else _HANGUL_LVT
    return _HANGUL_NONE


def _hangul_glue(text: str, jamo: list[int]) -> list[int]:
    """GB6-8 around conjoining jamo (precomposed syllables alone never glue to each other)."""
    glued: list[int] = []
    n = len(text)
    for i in jamo:
        kind = _hangul_class(text[i])
        before = _hangul_class(text[i - 1]) if i else _HANGUL_NONE
        if (
            (kind == _HANGUL_L and before == _HANGUL_L)
            or (kind == _HANGUL_V and before in (_HANGUL_L, _HANGUL_V, _HANGUL_LV))
            or (kind == _HANGUL_T and before in (_HANGUL_V, _HANGUL_T, _HANGUL_LV, _HANGUL_LVT))
        ):
            glued.append(i)
        if kind == _HANGUL_L and i + 1 < n and _hangul_class(text[i + 1]) in (_HANGUL_LV, _HANGUL_LVT):
            glued.append(i + 1)  # a syllable is not jamo, so nothing else looks at it
    return glued


def _crlf_glue(text: str) -> list[int]:
    glued = []
    at = text.find("\r\n")
    while at >= 0:
        glued.append(at + 1)
        at = text.find("\r\n", at + 2)
    return glued


_is_astral = "\uffff".__lt__


def _glued(text: str, non_gsm: list[int]) -> tuple[list[int], list[int]]:
    """(glued, astral) for a text whose non-GSM characters are at the indices `non_gsm`.

    glued: sorted indices i with no cluster break between i-1 and i; astral: indices of characters outside the BMP
    (2 UTF-16 units each). The per-character steps are map() over C callables; Python loops only over characters
    that can glue (emoji parts, accents), which are few in any real message.
    """
    glued = _crlf_glue(text) if "\r\n" in text else []
    chars = list(map(text.__getitem__, non_gsm))
    astral = list(itertools.compress(non_gsm, map(_is_astral, chars)))
    for char in set(chars).difference(_GLUE_KIND):
        _glue_kind(char)
    kinds = list(map(_GLUE_KIND.__getitem__, chars))
    if not any(kinds):
        return glued, astral
    by_kind: dict[int, list[int]] = {_GLUES_EXTEND: [], _GLUES_ZWJ: [], _GLUES_RI: [], _GLUES_JAMO: []}
    for i, kind in zip(itertools.compress(non_gsm, kinds), filter(None, kinds), strict=True):
        if kind & _GLUES_ZWJ:  # a ZWJ is an extender too, and may also join two pictographs
            by_kind[_GLUES_ZWJ].append(i)
            kind = _GLUES_EXTEND
        by_kind[kind].append(i)
    # Each rule glues a different kind of character (LF, extenders, pictographs, indicators, Hangul): no duplicates.
    glued.extend(_extend_glue(text, by_kind[_GLUES_EXTEND]))
    glued.extend(_emoji_zwj_glue(text, by_kind[_GLUES_ZWJ]))
    glued.extend(_flag_glue(by_kind[_GLUES_RI]))
    glued.extend(_hangul_glue(text, by_kind[_GLUES_JAMO]))
    glued.sort()
    return glued, astral


# --- layout ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    encoding: str
    glued: list[int]  # sorted code point indices that continue the cluster before them
    astral: list[int]  # sorted code point indices of characters outside the BMP
    non_gsm: list[int]  # sorted code point indices of the characters outside the GSM alphabet
    bounds: list[int]  # segment end indices (code points); the last one is len(text)
    units: int
    last_units: int  # units in the last segment


def _segment_bounds(
    n: int, double: list[int], glued: list[int], single: int, multi: int
) -> tuple[list[int], int]:
    """Greedy placement of whole clusters. `double` holds the indices that cost 2 units; others cost 1.

    Returns the segment end indices and the units in the last segment.
    """
    total = n + len(double)
    if total <= single:
        return [n], total
    if not double and not glued:
        return [*range(multi, n, multi), n], n % multi or multi
    glued_set = frozenset(glued)
    bounds: list[int] = []
    start, low = 0, 0  # low: index in `double` of the first double at or after `start`
    while True:
        high = len(double)
        if (n - start) + (high - low) <= multi:
            bounds.append(n)
            return bounds, (n - start) + (high - low)
        end = start + multi
        high = bisect_left(double, end, low)
        while (end - start) + (high - low) > multi:
            end -= 1
            if high > low and double[high - 1] == end:
                high -= 1
        fitting_end, fitting_high = end, high
        while end in glued_set and end > start:
            end -= 1
            if high > low and double[high - 1] == end:
                high -= 1
        if end == start:  # one cluster longer than a whole segment: cut it at a code point
            end, high = fitting_end, fitting_high
        bounds.append(end)
        start, low = end, high


# The compose page asks about the same text several times per keystroke (counter, segment preview, highlighter,
# look-alike button); a few recent layouts make the repeats free. Layouts are internal and never mutated.
@functools.lru_cache(maxsize=16)
def _layout(text: str) -> _Layout:
    n = len(text)
    first = _NON_GSM_RE.search(text)
    if first is None:
        # Nothing in the GSM alphabet combines with anything, so CR LF is the only cluster of two.
        double = [] if _has_no_extension(text) else list(map(_match_start, _EXTENSION_RE.finditer(text)))
        glued = _crlf_glue(text) if "\r\n" in text else []
        bounds, last = _segment_bounds(n, double, glued, GSM7_SINGLE, GSM7_MULTI)
        return _Layout(GSM7, glued, [], [], bounds, n + len(double), last)
    non_gsm = list(map(_match_start, _NON_GSM_RE.finditer(text, first.start())))
    glued, astral = _glued(text, non_gsm)
    bounds, last = _segment_bounds(n, astral, glued, UCS2_SINGLE, UCS2_MULTI)
    return _Layout(UCS2, glued, astral, non_gsm, bounds, n + len(astral), last)


def _cluster_spans(starts: list[int], glued: frozenset[int]) -> list[tuple[int, int]]:
    """(start, end) of the cluster around each index in `starts`, each cluster once."""
    spans: list[tuple[int, int]] = []
    covered = 0
    for i in starts:
        if i < covered:
            continue
        start = i
        while start in glued:
            start -= 1
        end = i + 1
        while end in glued:
            end += 1
        spans.append((start, end))
        covered = end
    return spans


def _non_gsm(text: str, layout: _Layout) -> tuple[NonGsmChar, ...]:
    # Built with map() over C callables, since a Cyrillic or Greek message has an entry for every letter.
    starts = layout.non_gsm
    chars: list[str] | None = None
    if layout.glued:
        glued = frozenset(layout.glued)
        in_clusters = glued.union(map(operator.sub, layout.glued, itertools.repeat(1)))
        if not in_clusters.isdisjoint(starts):
            singles = list(itertools.filterfalse(in_clusters.__contains__, starts))
            spans = sorted(
                itertools.chain(
                    zip(singles, map(operator.add, singles, itertools.repeat(1)), strict=True),
                    _cluster_spans(list(filter(in_clusters.__contains__, starts)), glued),
                )
            )
            starts = list(map(operator.itemgetter(0), spans))
            chars = list(map(text.__getitem__, itertools.starmap(slice, spans)))
    if chars is None:
        chars = list(map(text.__getitem__, starts))
    if layout.astral:
        utf16 = list(map(operator.add, starts, map(bisect_left, itertools.repeat(layout.astral), starts)))
    else:
        utf16 = starts
    return tuple(
        NonGsmChar(char=char, index=start, utf16_index=unit)
        for char, start, unit in zip(chars, starts, utf16, strict=True)
    )


_EMPTY = Count(GSM7, 0, 0, 0, GSM7_SINGLE, GSM7_SINGLE, ())


def count(text: str) -> Count:
    """Encoding, characters, units, segments and room left for `text` exactly as it will be sent."""
    if not text:
        return _EMPTY
    layout = _layout(text)
    segments = len(layout.bounds)
    if layout.encoding == GSM7:
        per_segment = GSM7_SINGLE if segments == 1 else GSM7_MULTI
        non_gsm: tuple[NonGsmChar, ...] = ()
    else:
        per_segment = UCS2_SINGLE if segments == 1 else UCS2_MULTI
        non_gsm = _non_gsm(text, layout)
    return Count(
        encoding=layout.encoding,
        characters=len(text) - len(layout.glued),
        units=layout.units,
        segments=segments,
        per_segment=per_segment,
        remaining=per_segment - layout.last_units,
        non_gsm=non_gsm,
    )


def split(text: str) -> list[str]:
    """The texts of the message's segments, in order; ''.join(split(t)) == t."""
    if not text:
        return []
    parts = []
    start = 0
    for end in _layout(text).bounds:
        parts.append(text[start:end])
        start = end
    return parts


def graphemes(text: str) -> list[str]:
    """`text` cut into user-perceived characters (extended grapheme clusters)."""
    glued = _layout(text).glued if text else []
    if not glued:
        return list(text)
    glued_set = frozenset(glued)
    clusters: list[str] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i not in glued_set:
            clusters.append(text[start:i])
            start = i
    return clusters


def is_gsm(text: str) -> bool:
    """True when `text` can be sent in GSM-7."""
    return _NON_GSM_RE.search(text) is None


def units_of(text: str, encoding: str) -> int:
    """Units `text` costs in `encoding`: septets (extension characters 2) or UTF-16 units."""
    if encoding == GSM7:
        return len(text) + len(_EXTENSION_RE.findall(text))
    return len(text) + len(_ASTRAL_RE.findall(text))


# --- look-alikes ---------------------------------------------------------------------------------------------------
# The one table of replacements that bring a message back to GSM-7. Accented letters are not listed: any letter whose
# compatibility decomposition minus its accents is GSM gets its base letter (á->a, ç->c, ő->o, ǿ->ø, ﬁ->fi), see
# _lookalike(). Lower-case ç becomes c rather than the basic set's capital Ç, which would read as shouting mid-word.
_LOOKALIKES: dict[str, str] = {
    # single quotes, apostrophes, primes and accents used as apostrophes
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2035\u2039\u203a\u00b4`\u02bc\u02b9\u02bb\uff07", "'"),
    # double quotes and guillemets
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\u02ba\uff02", '"'),
    # hyphens, dashes and the minus sign
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d", "-"),
    # bullets
    **dict.fromkeys("\u2022\u2023\u25e6\u2219\u25aa\u25cf", "-"),
    "\u2026": "...",
    # spaces that are not the plain space (no-break, thin, em, ideographic...) and the tab
    **dict.fromkeys("\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a", " "),
    **dict.fromkeys("\u202f\u205f\u3000", " "),
    "\u2028": "\n",
    "\u2029": "\n",
    # invisible characters: zero-width space/joiners, word joiner, byte-order mark, soft hyphen
    **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
    # letters without a decomposition
    "œ": "oe",
    "Œ": "OE",
    "ð": "d",
    "Ð": "D",
    "þ": "th",
    "Þ": "Th",
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    "ı": "i",
    # symbols
    "\u2044": "/",
    "\u00d7": "x",
    "\u02c6": "^",
    "\u02dc": "~",
    "\u2122": "TM",
    "\u00a9": "(c)",
    "\u00ae": "(R)",
}


def _mapped(text: str) -> str:
    return "".join(_LOOKALIKES.get(char, char) for char in text)


@functools.lru_cache(maxsize=4096)
def _lookalike(cluster: str) -> str | None:
    """The GSM replacement for one non-GSM cluster, or None when there is no obvious one."""
    if cluster in _LOOKALIKES:
        return _LOOKALIKES[cluster]
    composed = unicodedata.normalize("NFC", cluster)
    if _GSM_CHARS.issuperset(composed):  # e.g. e + combining acute -> é, which GSM has
        return composed
    stripped = _mapped(
        "".join(
            char for char in unicodedata.normalize("NFKD", cluster) if unicodedata.category(char)[0] != "M"
        )
    )
    if stripped and _GSM_CHARS.issuperset(stripped):
        return stripped
    return None


def _non_gsm_clusters(text: str) -> list[tuple[int, int]]:
    """(start, end) of every cluster holding a non-GSM character."""
    if _NON_GSM_RE.search(text) is None:
        return []
    layout = _layout(text)
    return _cluster_spans(layout.non_gsm, frozenset(layout.glued))


def lookalike_replacements(text: str) -> dict[str, str]:
    """Non-GSM characters in `text` that have a GSM look-alike: {char: replacement}, in order of appearance.

    Keys are user-perceived characters (usually one code point; a letter typed with a combining accent is two).
    """
    found: dict[str, str] = {}
    for start, end in _non_gsm_clusters(text):
        cluster = text[start:end]
        if cluster not in found:
            replacement = _lookalike(cluster)
            if replacement is not None:
                found[cluster] = replacement
    return found


def _replace(text: str, spans: list[tuple[int, int]], keep_length: bool) -> str:
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        cluster = text[start:end]
        replacement = _lookalike(cluster)
        if replacement is None or (keep_length and len(replacement) > end - start):
            continue
        pieces.append(text[last:start])
        pieces.append(replacement)
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def make_gsm(text: str) -> str:
    """`text` with every look-alike replaced (may still be UCS-2 if other characters remain).

    Never costs more SMS than `text`: when other characters keep the message in UCS-2, widening replacements such as
    … -> ... would only add units, so then only the replacements that do not lengthen the text are made; and if even
    that would cost more, `text` comes back unchanged.
    """
    spans = _non_gsm_clusters(text)
    if not spans:
        return text
    before = _segment_count(text)
    for keep_length in (False, True):
        fixed = _replace(text, spans, keep_length)
        if _segment_count(fixed) <= before:
            return fixed
    return text


def _segment_count(text: str) -> int:
    return len(_layout(text).bounds) if text else 0
