"""Phone numbers to E.164 with a default country, and why a number is rejected.

Accepted shapes (default country DK): "20 12 34 56", "20-12-34-56", "20.12.34.56", "(+45) 2012 3456", "+4520123456",
"004520123456", "4520123456" (the default country's code without "+"), "4520123456.0" (a float written out by a
program), and any of these in other scripts' digits ("２０１２３４５６", "٢٠١٢٣٤٥٦"), which are folded to ASCII first so
that duplicates and opt-outs see one number; every E.164 made here is ASCII. Rejected, with a reason for people:
empty, not a phone number, too short, too long, not valid for its country, unknown country code, numbers that
Excel turned into scientific notation ("4.52E+09") and so lost digits, and values that only look like digits:
a date, time, duration or TRUE/FALSE cell (core.cells), text that reads as a date ("2025-03-14", "14.03.2025",
"14/03/2025", "14-03-25"), a time ("10:30"), an amount ("1.234,50", "99.95", "23.456.789") or a negative number.
Never a stranger: every one of those would otherwise make a valid-looking Danish number.

Called once per row on files of 100,000 rows: a cheap pre-clean, then one phonenumbers.parse and is_valid_number.
The default country's own well-formed shapes ("20123456", "+4520123456", "004520123456") skip parse's general
machinery and are checked against the same metadata is_valid_number uses (its length and pattern rules, for a
calling code that belongs to that one country); anything else, and anything that fails there, takes the full
parse. Only per-country metadata facts are cached, never results.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, ValidationResult

from smsdesk.core.cells import TypedText

DEFAULT_COUNTRY = "DK"

EMPTY = "empty"
NOT_A_NUMBER = "not a phone number"
TOO_SHORT = "too short"
TOO_LONG = "too long"
UNKNOWN_COUNTRY_CODE = "unknown country code"

# Characters that surround or split numbers in real files: separators people type, and the invisible ones that
# come along from web pages and Word (BOM, zero-width spaces, NBSP; zetkin#2572).
_SEPARATORS = str.maketrans(
    "",
    "",
    " \t\r\n-./()[]\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u200b\u200c\u200d\u2060\ufeff\u2010\u2011\u2012\u2013\u2014\u2212",
)
_INVISIBLE_AND_SPACE = " \t\r\n\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u200b\u200c\u200d\u2060\ufeff"
_DIGITS_ONLY = re.compile(r"\+?[0-9]+")
# A float written out as text by some program: "4520123456.0".
_TRAILING_POINT_ZERO = re.compile(r"(\+?[0-9]{6,})[.,]0+")
# Scientific notation as Excel displays and exports it: "4.52E+09", "4,52E+09", "4.52e9".
_SCIENTIFIC = re.compile(r"\+?([0-9]+)(?:[.,]([0-9]*))?[eE]\+?([0-9]{1,2})")
# E.164 has at most 15 digits; with "00" or "+" and a stray digit this is generous, and it keeps a pasted column of
# thousands of digits away from int() (Python refuses to convert more than 4,300 digits).
_MAX_DIGITS = 20

# Text that reads as something other than a phone number, each with what it is for people. Day, month and year are
# in range, and a two-digit year needs the same separator twice, so "20.12.34.56" and "20-12-34-56" stay phone
# numbers while "24.12.2025", "2025-03-14", "2025/03-14" and "14-03-25" do not.
_D = r"(?:0?[1-9]|[12][0-9]|3[01])"
_M = r"(?:0?[1-9]|1[0-2])"
_Y4 = r"(?:19|20)[0-9]{2}"
_TIME = r"(?:[01]?[0-9]|2[0-3])[:.][0-5][0-9](?::[0-5][0-9](?:[.,][0-9]+)?)?(?:\s*[ap]\.?m\.?)?"
_DATE = (
    rf"{_Y4}[-/.]{_M}[-/.]{_D}"
    rf"|{_D}(?P<s2>[-/.]){_M}(?P=s2)(?:{_Y4}|[0-9]{{2}})"
    rf"|{_M}(?P<s3>[-/.]){_D}(?P=s3)(?:{_Y4}|[0-9]{{2}})"
    rf"|{_D}[-/.]{_M}[-/.]{_Y4}"
)
_MAYBE_NOT_A_PHONE = re.compile(
    r"[-.,:/\u2212\u2013]"
)  # what every shape below needs; most phone cells have none
_LOOKS_LIKE = (
    ("a date and time", re.compile(rf"(?:{_DATE})(?:[ T]|,\s*){_TIME}", re.IGNORECASE)),
    ("a date", re.compile(_DATE)),
    (
        "a time",
        re.compile(
            r"(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:[.,][0-9]+)?)?(?:\s*[ap]\.?m\.?)?", re.I
        ),
    ),
    # Decimals after a point or comma ("99.95", "1.234,50", "1,234.50"), or thousands in groups ("23.456.789").
    (
        "an amount",
        re.compile(
            r"[0-9]{1,3}(?:[., ][0-9]{3})*[.,][0-9]{1,2}|[0-9]+[.,][0-9]{1,2}|[0-9]{1,3}(?:[.,][0-9]{3})+"
        ),
    ),
    ("a negative number", re.compile(r"[-\u2212\u2013]\s*[0-9][0-9 .,]*")),
)


@dataclass(frozen=True)
class PhoneResult:
    original: str  # the user's text, untouched
    e164: str | None  # "+4512345678" when valid
    reason: str | None  # why not, for people: "empty", "not a phone number", "too short", ...

    @property
    def ok(self) -> bool:
        return self.e164 is not None


def not_valid_for(country: str) -> str:
    return f"not valid for its country ({country})"


def _expand_scientific(match: re.Match[str]) -> str | None:
    """The digits a scientific-notation text stands for, or None when it had too few digits to say them all."""
    whole, fraction, exponent = match.group(1), match.group(2) or "", int(match.group(3))
    significant = (whole + fraction).lstrip("0")
    digits_needed = len(whole.lstrip("0")) + exponent
    if not significant or len(fraction) > exponent or len(significant) < digits_needed:
        return None
    return whole + fraction + "0" * (exponent - len(fraction))


def _ascii_digits(text: str) -> str:
    """Full-width and other compatibility forms as their plain letters (NFKC: "＋４５" -> "+45"), then every other
    script's decimal digits (Arabic-Indic, Devanagari, ...) as 0-9."""
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in text)


def looks_like(text: str) -> str | None:
    """What a text that is not a phone number reads as ("a date", "an amount", ...), or None."""
    for what, pattern in _LOOKS_LIKE:
        if pattern.fullmatch(text):
            return what
    return None


def normalise(raw: str, country: str = DEFAULT_COUNTRY) -> PhoneResult:
    original = raw
    if not country.isupper():
        country = country.upper()  # phonenumbers' regions are upper case: "dk" from a settings file is DK
    text = _ascii_text(raw)
    if not text:
        return PhoneResult(original, None, EMPTY)
    if isinstance(raw, TypedText):
        return PhoneResult(original, None, f"{raw.kind}, not a phone number")
    if text.isdigit():  # the common case, ASCII by now
        return _parse(original, text, country)
    text = _without_marker(text)
    if not text:
        return PhoneResult(original, None, EMPTY)
    if "E" in text or "e" in text:
        scientific = _SCIENTIFIC.fullmatch(text.replace(" ", ""))
        if scientific:
            expanded = _expand_scientific(scientific)
            if expanded is None:
                return PhoneResult(
                    original, None, f"damaged by Excel (scientific notation {text} lost digits)"
                )
            return _parse(original, ("+" if text[0] == "+" else "") + expanded, country)
    elif "." in text or "," in text:
        trailing_zero = _TRAILING_POINT_ZERO.fullmatch(text)
        if trailing_zero:
            text = trailing_zero.group(1)
    what = _reads_as_other(text)
    if what is not None:
        return PhoneResult(original, None, f"{what}, not a phone number")
    if "(0)" in text and text[0] == "+":
        text = text.replace("(0)", "", 1)  # "+44 (0)7911 123456": the trunk zero written for local callers
    text = text.translate(_SEPARATORS)
    if not _DIGITS_ONLY.fullmatch(text):
        return PhoneResult(original, None, NOT_A_NUMBER)
    return _parse(original, text, country)


def _ascii_text(raw: str) -> str:
    """The cell's text trimmed, with digits of other scripts folded to ASCII (and spaces of other scripts, such as
    the ideographic space, trimmed too once folded)."""
    text = raw.strip(_INVISIBLE_AND_SPACE)
    if text and not text.isascii():
        text = _ascii_digits(text).strip(_INVISIBLE_AND_SPACE)
    return text


def _without_marker(text: str) -> str:
    """The text without Excel's text marker pasted along ("'20123456") or a link's "tel:" (web pages, vCards)."""
    if text[0] == "'" or text[:4].lower() == "tel:":
        text = text[1:] if text[0] == "'" else text[4:]
        text = text.strip(_INVISIBLE_AND_SPACE)
    return text


def _reads_as_other(text: str) -> str | None:
    """What a text with separators reads as instead of a phone number (looks_like), or None; bare digits skip it."""
    if text.isdigit() or not _MAYBE_NOT_A_PHONE.search(text):
        return None
    return looks_like(text)


@functools.lru_cache(maxsize=64)
def _country_facts(country: str) -> tuple[str, str | None, bool, str]:
    """(calling code, international dialling prefix if plain digits, whether local numbers may be taken as-is,
    the trunk prefix: "0" in Sweden and Britain, "1" in the US, "" in Denmark)."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(country.upper())
    if metadata is None:
        return "", None, False, ""
    prefix = metadata.international_prefix
    plain_prefix = prefix if prefix and prefix.isdigit() else None
    local_as_is = metadata.national_prefix_for_parsing is None
    return str(metadata.country_code), plain_prefix, local_as_is, metadata.national_prefix or ""


def _fast_national(text: str, country: str) -> tuple[str, str] | None:
    """(calling code, national number) for the default country's own well-formed shapes, else None.

    "+45…", "0045…" and, where the country has no trunk prefix (DK, NO), the bare local number: exactly what
    phonenumbers.parse would produce for these, without its general machinery. A national number with a leading
    zero (Italy) is left to parse.
    """
    calling_code, international, local_as_is, trunk = _country_facts(country)
    if not calling_code:
        return None
    if text[0] == "+":
        national = text[1 + len(calling_code) :] if text.startswith(calling_code, 1) else None
    elif international and text.startswith(international + calling_code):
        national = text[len(international) + len(calling_code) :]
    elif local_as_is and text[0] != "0":
        national = text
    else:
        return None
    if not national or national[0] == "0" or (trunk and national.startswith(trunk)):
        # a leading zero (Italy), or the trunk prefix written after the country code ("+1 1 500…", "+44 0 20…"),
        # which parse takes off as people mean it
        return None
    return calling_code, national


@functools.lru_cache(maxsize=64)
def _validity_rules(country: str) -> dict[int, tuple] | None:
    """What is_valid_number checks for the country's national numbers, by length: {length: (general pattern, any
    type's pattern)}, the patterns compiled for fullmatch. None where the calling code is shared (+1, +44, +7:
    which region a number belongs to then depends on its digits, so phonenumbers decides)."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(country)
    if (
        metadata is None
        or metadata.country_code is None
        or len(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(metadata.country_code, ())) != 1
    ):
        return None
    general = metadata.general_desc
    if general is None or not general.national_number_pattern or not general.possible_length:
        return None
    types = [
        desc
        for desc in (
            metadata.premium_rate,
            metadata.toll_free,
            metadata.shared_cost,
            metadata.voip,
            metadata.personal_number,
            metadata.pager,
            metadata.uan,
            metadata.voicemail,
            metadata.fixed_line,
            metadata.mobile,
        )
        if desc is not None and desc.national_number_pattern
    ]
    rules = {}
    for length in general.possible_length:
        patterns = [
            d.national_number_pattern for d in types if not d.possible_length or length in d.possible_length
        ]
        if patterns:
            any_type = "|".join(f"(?:{pattern})" for pattern in patterns)
            rules[length] = (
                re.compile(general.national_number_pattern).fullmatch,
                re.compile(any_type).fullmatch,
            )
    return rules


def _valid_national(national: str, country: str) -> bool:
    rules = _validity_rules(country)
    if rules is None:
        number = phonenumbers.PhoneNumber(
            country_code=int(_country_facts(country)[0]), national_number=int(national)
        )
        return phonenumbers.is_valid_number(number)
    rule = rules.get(len(national))
    return rule is not None and rule[0](national) is not None and rule[1](national) is not None


def _parse(original: str, text: str, country: str) -> PhoneResult:
    if len(text) > _MAX_DIGITS:
        return PhoneResult(original, None, TOO_LONG)
    fast = _fast_national(text, country)
    if fast is not None:
        calling_code, national = fast
        if national is text and text.startswith(calling_code):
            # "4520123456": the country code typed without "+" (a float cell, mostly). Tried first when the whole
            # is too long to be a national number; the other order otherwise.
            rest = text[len(calling_code) :]
            longest = max(_validity_rules(country) or _validity_lengths(country), default=0)
            tries: tuple[str, ...] = (rest, text) if len(text) > longest else (text, rest)
        else:
            tries = (national,)
        for national in tries:
            if national and national[0] != "0" and _valid_national(national, country):
                return PhoneResult(original, f"+{calling_code}{national}", None)
        if len(tries) == 1 and len(national) >= 4:
            # "+45…", "0045…" or a bare local number: parse() would make this same number of it, so say why now
            # (shorter ones it refuses as not a number at all).
            number = phonenumbers.PhoneNumber(country_code=int(calling_code), national_number=int(national))
            return PhoneResult(original, None, _invalid_reason(number, country))
        # Not valid this way: parse() below tries harder (a country code without "+") and says why.
    try:
        number = phonenumbers.parse(text, country)
    except NumberParseException as exc:
        return PhoneResult(original, None, _parse_error_reason(exc))
    if phonenumbers.is_valid_number(number):
        return PhoneResult(original, _e164(number), None)
    # "4520123456": the default country's code typed without "+". Only the default country's own code is tried,
    # so a foreign number without "+" or "00" is never guessed into some other country.
    if text[0] != "+":
        calling_code = str(phonenumbers.country_code_for_region(country))
        if text.startswith(calling_code) and len(text) > len(calling_code) + 4:
            try:
                with_plus = phonenumbers.parse("+" + text, country)
            except NumberParseException:
                with_plus = None
            if with_plus is not None and phonenumbers.is_valid_number(with_plus):
                return PhoneResult(original, _e164(with_plus), None)
    return PhoneResult(original, None, _invalid_reason(number, country))


@functools.lru_cache(maxsize=64)
def _validity_lengths(country: str) -> tuple[int, ...]:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(country)
    general = metadata.general_desc if metadata is not None else None
    return tuple(general.possible_length) if general is not None else ()


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _parse_error_reason(exc: NumberParseException) -> str:
    if exc.error_type == NumberParseException.INVALID_COUNTRY_CODE:
        return UNKNOWN_COUNTRY_CODE
    if exc.error_type in (NumberParseException.TOO_SHORT_NSN, NumberParseException.TOO_SHORT_AFTER_IDD):
        return TOO_SHORT
    if exc.error_type == NumberParseException.TOO_LONG:
        return TOO_LONG
    return NOT_A_NUMBER


def _invalid_reason(number: phonenumbers.PhoneNumber, country: str) -> str:
    region = phonenumbers.region_code_for_number(number) or country
    possible = phonenumbers.is_possible_number_with_reason(number)
    if possible == ValidationResult.TOO_SHORT:
        return TOO_SHORT
    if possible == ValidationResult.TOO_LONG:
        return TOO_LONG
    if possible == ValidationResult.INVALID_COUNTRY_CODE:
        return UNKNOWN_COUNTRY_CODE
    return not_valid_for(region if region != "ZZ" else country)


def is_supported_country(country: str) -> bool:
    return country.upper() in phonenumbers.SUPPORTED_REGIONS
