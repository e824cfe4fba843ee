"""Cell text that remembers the kind of spreadsheet cell it was read from.

A workbook knows that a cell holds a date, a time, a duration or TRUE/FALSE; once written out as text
("2024-11-30") that knowledge would be gone, and "2024-11-30" reads as the Danish number 20 24 11 30. Each kind is a
`str` subclass, so every table cell is still a string everywhere (templates, previews, exports, JSON), and the phone
check can ask `type(cell)` and say "a date, not a phone number".
"""

from __future__ import annotations


class TypedText(str):
    """Text of a cell whose type is not text or number; `kind` names it for people."""

    __slots__ = ()
    kind = "a value"


class DateText(TypedText):
    __slots__ = ()
    kind = "a date"


class DateTimeText(TypedText):
    __slots__ = ()
    kind = "a date and time"


class TimeText(TypedText):
    __slots__ = ()
    kind = "a time"


class DurationText(TypedText):
    __slots__ = ()
    kind = "a duration"


class BooleanText(TypedText):
    __slots__ = ()
    kind = "a TRUE/FALSE value"
