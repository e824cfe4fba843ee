"""SMS encoding engine (GSM 03.38 / UCS-2): detection, counting, segment splitting, look-alike fixes. Pure Python.

CONTRACT STUB — replaced by the implementation; keep these names and shapes (others build on them).
"""

from __future__ import annotations

from dataclasses import dataclass

GSM7 = "GSM-7"
UCS2 = "UCS-2"


@dataclass(frozen=True)
class NonGsmChar:
    char: str  # the user-perceived character (grapheme) that forced UCS-2
    index: int  # position in the Python str (code points)
    utf16_index: int  # position in UTF-16 units (what Qt's QTextCursor uses)


@dataclass(frozen=True)
class Count:
    encoding: str  # GSM7 or UCS2
    characters: int  # user-perceived characters (grapheme clusters)
    units: int  # septets (GSM-7, extension chars count 2) or UTF-16 units (UCS-2)
    segments: int  # 0 for an empty message
    per_segment: int  # 160/153 or 70/67 depending on single/concatenated
    remaining: int  # room left in the last segment, in units
    non_gsm: tuple[NonGsmChar, ...]  # what forced UCS-2, in order


def count(text: str) -> Count: ...


def split(text: str) -> list[str]:
    """The texts of the message's segments, in order; ''.join(split(t)) == t."""
    ...


def lookalike_replacements(text: str) -> dict[str, str]:
    """Non-GSM characters in `text` that have a GSM look-alike: {char: replacement}."""
    ...


def make_gsm(text: str) -> str:
    """`text` with every look-alike replaced (may still be UCS-2 if other characters remain)."""
    ...
