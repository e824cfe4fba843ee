"""A spreadsheet number as the sheet shows it: Excel's number-format codes, in the reader's separators.

A Danish shop's amount column formatted `#,##0.00` or `0.00 "kr."` holds the double 120.5; the sheet shows
`120,50` and so must the SMS. What is read here: decimal places (`0.00`, `0.0#`), thousands grouping, scaling by
thousands (`#,##0,`), percent, literal and quoted text (`"kr."`, `\\ kr`, `[$kr.-406]`, `[$DKK]`), the sections
`positive;negative;zero` (a negative number takes the negative section's shape, without a minus of its own), and
`[Red]`-style colours, which are ignored. What is not read with confidence falls back to General: date and time
codes (calamine gives those cells as dates already), fractions (`# ?/?`), scientific (`0.00E+00`), conditions
(`[<=99999999]## ## ## ##`: Excel's "Special" phone formats choose a section by the value, and a phone number
reads best as its digits), locale numerals (`[DBNum1]`) and literal text between digits.

Never a stranger: a format that shows no decimals, no percent and no text (`0`, `#,##0`, `00000000`, `## ## ##`)
leaves the number as General shows it, digits only for a whole number. A phone column formatted `#,##0` or
`0000000000` reads exactly as before: padding 12345678 to 0012345678 would read as an international number, and
rounding 20123456.4 to 20123456 (or grouping it, "20 123 456" in Swedish) would make a phone number the sheet does
not hold. A number shown with decimals, a percent or a currency ("120,50", "1.200,00 kr.", "50%") is an amount,
which the phone check refuses.

Rounding is Excel's: the double's shortest decimal (repr) is cut to 15 significant digits, then rounded half away
from zero, so 0.125 with two places is 0.13 and 2.675 is 2.68, as Excel shows them (binary floating point would
say 0.12 and 2.67).
"""

from __future__ import annotations

import decimal
import functools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class NumberStyle:
    """The separators numbers are written with: the reader's locale (English by default, as the CLI speaks)."""

    decimal: str = "."
    group: str = ","


ENGLISH = NumberStyle(decimal=".", group=",")

GENERAL = "General"

# Excel's built-in formats, by numFmtId, that a file may use without writing their code. The currency ones
# (5-8, 42, 44) show the currency of the Excel that reads the file, which the file does not say: their number part
# is kept and the currency left out rather than guessed. 14-22 and 45-47 are dates and times (calamine's).
BUILTIN_FORMATS: dict[int, str] = {
    0: GENERAL,
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    5: "#,##0;-#,##0",
    6: "#,##0;[Red]-#,##0",
    7: "#,##0.00;-#,##0.00",
    8: "#,##0.00;[Red]-#,##0.00",
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    37: "#,##0 ;(#,##0)",
    38: "#,##0 ;[Red](#,##0)",
    39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)",
    41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
    42: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
    43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    44: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
}

_COLOURS = {"black", "blue", "cyan", "green", "magenta", "red", "white", "yellow"}
# Literal characters a phone number is written with: a format made of digits and these shows no amount.
_PHONE_MARKS = set(" \u00a0\u202f-\u2013\u2212+()./,:")
# Letters that mean something in a format code (dates, times, AM/PM, scientific, eras); others are shown as they
# are (`#,##0.00\\ kr`).
_CODE_LETTERS = set("yYmMdDhHsSeEgGbBaApPnN")
_CONTEXT = decimal.Context(prec=400, rounding=decimal.ROUND_HALF_UP, Emin=-999999, Emax=999999)
_FORMAT_LIMIT = 1000  # characters of one format code read; Excel's own limit is 255


class _Unreadable(Exception):
    pass


@dataclass(frozen=True)
class _Section:
    prefix: str  # literal text before the number
    suffix: str  # and after it
    integer_zeros: int  # digits always shown before the point ("0" placeholders)
    decimals: int  # places after the point ("0", "#" and "?" placeholders)
    decimal_zeros: int  # of them, always shown ("0")
    point: bool  # the code has a decimal point
    grouping: bool
    scale: int  # 1000 ** scale divides the number (commas after the last digit)
    percent: int  # 100 ** percent multiplies it
    digits: bool  # the section shows the number at all
    general: bool  # the number part is "General" ("General\\ kr")

    @functools.cached_property  # asked once per cell; a frozen dataclass keeps it in the instance's __dict__
    def shows_amount(self) -> bool:
        """Decimals always shown, a percent, or text that is not a phone number's marks: this is an amount."""
        literal = self.prefix + self.suffix
        return (
            self.decimal_zeros > 0
            or self.percent > 0
            or any(not char.isdigit() and char not in _PHONE_MARKS for char in literal)
        )


def format_code(number_format_id: int, codes: dict[int, str] | None = None) -> str:
    """The code of a numFmtId: the file's own (codes) first, then Excel's built-in, else General."""
    if codes and number_format_id in codes:
        return codes[number_format_id]
    return BUILTIN_FORMATS.get(number_format_id, GENERAL)


def changes_numbers(code: str) -> bool:
    """Whether a format could show a number otherwise than General does: False for General, `@`, dates and
    whatever is not read with confidence. The reader looks for such cells only when a workbook has one."""
    sections = _parse(code)
    return sections is not None and any(section.shows_amount for section in sections)


def render(value: float | int, code: str, style: NumberStyle = ENGLISH) -> str:
    """value as a cell formatted with `code` shows it, with style's separators."""
    if type(value) is float and not math.isfinite(value):
        return str(value)
    sections = _parse(code)
    if sections is None:
        return general(value, style)
    if value < 0 and len(sections) >= 2:
        section, magnitude, sign = sections[1], -value, ""
    elif value == 0 and len(sections) >= 3:
        section, magnitude, sign = sections[2], value, ""
    else:
        section, magnitude, sign = sections[0], abs(value), "-" if value < 0 else ""
    if not section.shows_amount:
        return general(value, style)  # see the module's docstring: never a stranger
    if isinstance(value, int) or value.is_integer():
        text = general(value, style)
        if "E" in text:
            return text  # "4.52E+09" typed, whatever the format: its lost digits are said, never made up
    if section.general or not section.digits:
        number = general(magnitude, style) if section.general else ""
        return (section.prefix + sign + number + section.suffix).strip()
    return (section.prefix + sign + _number(magnitude, section, style) + section.suffix).strip()


def general(value: float | int, style: NumberStyle = ENGLISH) -> str:
    """Excel's General: whole numbers in digits (a long one that can only have come from scientific-notation
    text written back as that text, so the phone check calls it damaged); others in 15 significant digits."""
    if type(value) is float:
        if value.is_integer():
            value = int(value)
        elif not math.isfinite(value):
            return str(value)
        else:
            text = f"{value:.15g}"  # Excel shows 15 significant digits: 0.1 + 0.2 is "0.3"
            return text.replace(".", style.decimal) if style.decimal != "." else text
    number = int(value)
    return scientific_if_damaged(number) if abs(number) >= 100_000_000 else str(number)


def scientific_if_damaged(number: int) -> str:
    """4520000000 -> "4.52E+09": a long number whose last digits are all zeros came from scientific-notation text.

    Excel's General format shows up to 11 digits in full, so only text typed or pasted as "4.52E+09" (or a CSV
    that Excel itself saved that way) stores such a number. Nine or more digits with at least five trailing zeros
    and at most six significant digits is that shape; a real mobile number almost never is.
    """
    if abs(number) >= 10**30:
        return f"{number:.6E}"  # far beyond any phone number; and str() of a huge int is refused by Python
    digits = str(abs(number))
    significant = digits.rstrip("0")
    if len(digits) - len(significant) < 5 or len(significant) > 6:
        return str(number)
    mantissa = significant[0] + ("." + significant[1:] if len(significant) > 1 else "")
    return f"{'-' if number < 0 else ''}{mantissa}E+{len(digits) - 1:02d}"


def _number(magnitude: float | int, section: _Section, style: NumberStyle) -> str:
    exact = Decimal(repr(magnitude)) if type(magnitude) is float else Decimal(int(magnitude))
    if exact:  # Excel keeps 15 significant digits of a double before anything else
        exact = exact.quantize(_quantum(exact.adjusted() - 14), context=_CONTEXT)
    if section.percent or section.scale:
        exact = exact.scaleb(2 * section.percent - 3 * section.scale, _CONTEXT)
    rounded = exact.quantize(_quantum(-section.decimals), context=_CONTEXT)
    whole, _, fraction = f"{rounded:f}".partition(".")
    fraction = fraction.ljust(section.decimals, "0")[: section.decimals]
    fraction = fraction.rstrip("0").ljust(section.decimal_zeros, "0")
    whole = whole.lstrip("0").rjust(section.integer_zeros, "0")
    if section.grouping and len(whole) > 3:
        head = len(whole) % 3 or 3
        whole = whole[:head] + "".join(style.group + whole[i : i + 3] for i in range(head, len(whole), 3))
    return whole + (style.decimal + fraction if section.point else "")


@functools.lru_cache(maxsize=1024)
def _quantum(exponent: int) -> Decimal:
    return Decimal(1).scaleb(exponent, _CONTEXT)


@functools.lru_cache(maxsize=256)  # a workbook has a few formats and 100,000 cells in them
def _parse(code: str) -> tuple[_Section, ...] | None:
    """The number sections of a format code (at most three; the fourth is for text), or None to show General."""
    if not code or len(code) > _FORMAT_LIMIT or code.strip().lower() in ("general", "@"):
        return None
    try:
        parts = _split_sections(code)
        if len(parts) > 4:
            return None
        return tuple(_section(part) for part in parts[:3])
    except (_Unreadable, ValueError):  # ValueError: a quote or bracket left open
        return None


def _split_sections(code: str) -> list[str]:
    parts, current, index = [], [], 0
    while index < len(code):
        char = code[index]
        if char == '"':
            end = code.find('"', index + 1)
            if end < 0:
                raise _Unreadable
            current.append(code[index : end + 1])
            index = end + 1
            continue
        if char in "\\_*":
            current.append(code[index : index + 2])
            index += 2
            continue
        if char == "[":
            end = code.find("]", index)
            if end < 0:
                raise _Unreadable
            current.append(code[index : end + 1])
            index = end + 1
            continue
        if char == ";":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def _tokens(part: str) -> Iterator[tuple[str, str]]:
    """(kind, text) of a section: "literal", "placeholder" (0 # ?), "." , ",", "%" or "general"."""
    index = 0
    while index < len(part):
        char = part[index]
        if char == '"':
            end = part.index('"', index + 1)
            yield "literal", part[index + 1 : end]
            index = end + 1
        elif char == "\\":
            yield "literal", part[index + 1 : index + 2]
            index += 2
        elif char in "_*":  # padding to a character's width, and fill: layout in a cell, nothing in a text
            index += 2
        elif char == "[":
            end = part.index("]", index)
            text = _bracket(part[index + 1 : end])
            if text:
                yield "literal", text
            index = end + 1
        elif part[index : index + 7].lower() == "general":
            yield "general", ""
            index += 7
        elif char == "/" or char in _CODE_LETTERS or char == "@":
            raise _Unreadable  # fractions, dates and times, scientific, eras, text
        else:
            yield ("placeholder" if char in "0#?" else char if char in ".,%" else "literal"), char
            index += 1


def _bracket(inside: str) -> str:
    """The text a [...] shows: a colour nothing, [$kr.-406] its currency; anything else is not read."""
    lowered = inside.lower()
    if lowered in _COLOURS or (lowered.startswith("color") and lowered[5:].isdigit()):
        return ""
    if inside.startswith("$"):
        return inside[1:].split("-", 1)[0]
    raise _Unreadable  # a condition, elapsed time, a numeral system: not read with confidence


def _section(part: str) -> _Section:
    prefix: list[str] = []
    suffix: list[str] = []
    integer: list[str] = []  # the integer part's placeholders and commas, in order
    fraction: list[str] = []
    point = general = False
    percent = 0
    started = ended = False  # the number began; literal text came after it (a digit now is between texts)
    for kind, text in _tokens(part):
        in_number = not ended and not general
        if kind == "placeholder" or (kind == "." and in_number):
            if not in_number or (kind == "." and point):
                raise _Unreadable  # digits after text, a second point
            started = True
            if kind == ".":
                point = True
            else:
                (fraction if point else integer).append(text)
        elif kind == "," and started and in_number:
            (fraction if point else integer).append(",")
        elif kind == "general":
            if started:
                raise _Unreadable
            general = started = True
        else:
            percent += kind == "%"
            (suffix if started else prefix).append(text)
            ended = ended or started
    if (started and not general and not (integer or fraction)) or percent > 2:
        raise _Unreadable
    trailing = 0
    placeholders = fraction if point else integer
    while placeholders and placeholders[-1] == ",":
        placeholders.pop()
        trailing += 1
    if "," in fraction or trailing > 4:
        raise _Unreadable  # a comma between decimal places; scaled beyond reason
    return _Section(
        prefix="".join(prefix),
        suffix="".join(suffix),
        integer_zeros=integer.count("0"),
        decimals=len(fraction),
        decimal_zeros=_leading_zeros(fraction),
        point=point,
        grouping="," in integer,
        scale=trailing,
        percent=percent,
        digits=bool(integer or fraction),
        general=general,
    )


def _leading_zeros(fraction: list[str]) -> int:
    """The places always shown: the "0"s up to the last of them (`0.0#` shows one or two)."""
    last = max((i for i, char in enumerate(fraction) if char == "0"), default=-1)
    return last + 1
