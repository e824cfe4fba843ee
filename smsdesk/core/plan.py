"""From rows to a recipient plan: phone column, normalisation, duplicates, opt-outs, excluded rows with reasons.

Rules, as users asked for them (USERS.md B.1 #2, #10, B.2 Import):
- Blank rows are not invalid numbers: they are skipped silently and not counted.
- A row with other data but no phone number is excluded as EMPTY ("no phone number").
- Numbers are compared after normalisation, so "20 12 34 56" and "+4520123456" are one person: the first row is
  kept, later ones are excluded as "duplicate of row N".
- A number on the opt-out list is excluded as OPTED_OUT on every row it appears, before duplicates are counted.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from smsdesk.core.cells import TypedText
from smsdesk.core.phones import DEFAULT_COUNTRY, looks_like, normalise

# Excluded.kind values
INVALID = "invalid"
DUPLICATE = "duplicate"
OPTED_OUT = "opted_out"
EMPTY = "empty"

NO_PHONE_NUMBER = "no phone number"
ON_OPT_OUT_LIST = "opted out (on the opt-out list)"


class Recipient(NamedTuple):
    """Immutable. A tuple of an int, strings and a dict of strings, which the garbage collector stops walking once
    it has seen it: a plan of 100,000 recipients does not slow every later collection."""

    row: int  # spreadsheet row number as Excel shows it (header = 1 when it is the first row)
    phone: str  # E.164
    original: str  # the cell as the user wrote it
    fields: dict[str, str]  # every column of the row, by header name


@dataclass(frozen=True)
class Excluded:
    row: int
    value: str
    reason: str  # for people
    kind: str  # INVALID | DUPLICATE | OPTED_OUT | EMPTY


@dataclass
class Plan:
    columns: list[str]
    phone_column: str | None
    rows: int  # data rows read (blank rows not counted)
    recipients: list[Recipient] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)

    @property
    def valid(self) -> int:
        return len(self.recipients)

    @property
    def duplicates(self) -> int:
        return sum(1 for item in self.excluded if item.kind == DUPLICATE)

    @property
    def invalid(self) -> list[Excluded]:  # kind INVALID or EMPTY
        return [item for item in self.excluded if item.kind in (INVALID, EMPTY)]

    @property
    def opted_out(self) -> int:
        return sum(1 for item in self.excluded if item.kind == OPTED_OUT)


# ------------------------------------------------------------------------------------------ phone column

# Header names, squeezed to lowercase letters ("Tlf. nr" -> "tlfnr"). Mobile names beat general phone names,
# which beat the vague "Nummer"/"Number" (an order or customer number as often as a phone).
_MOBILE_WORDS = ("mobil", "mobile", "cell", "gsm", "sms", "handy", "natel")
_PHONE_WORDS = ("telefon", "telephone", "phone", "tlf", "puhelin", "telefono")
_TEL_NAMES = ("tel", "telnr", "telno", "telnum", "telnummer")
_VAGUE_WORDS = ("nummer", "number", "nr", "no", "num", "kontakt", "contact")
_NOT_PHONE_WORDS = (
    "fax",
    "mail",
    "kundenr",
    "ordrenr",
    "ordre",
    "order",
    "cvr",
    "cpr",
    "postnr",
    "zip",
    "id",
)
_SAMPLE_ROWS = 200


def _squeeze(name: str) -> str:
    return re.sub(r"[^a-zæøåäöü]", "", name.casefold())


def phone_name_rank(name: str) -> int:
    """3 mobile, 2 phone, 1 vague, 0 none."""
    squeezed = _squeeze(name)
    if (
        not squeezed
        or any(word in squeezed for word in _NOT_PHONE_WORDS if len(word) > 2)
        or squeezed == "id"
    ):
        return 0
    if any(squeezed.startswith(word) or squeezed.endswith(word) for word in _MOBILE_WORDS):
        return 3
    if squeezed in _TEL_NAMES or any(squeezed.startswith(w) or squeezed.endswith(w) for w in _PHONE_WORDS):
        return 2
    if squeezed in _VAGUE_WORDS or any(squeezed.startswith(word) for word in _VAGUE_WORDS[:3]):
        return 1
    return 0


def _content_score(values: list[str], country: str) -> tuple[float, bool]:
    """(fraction of the non-empty cells that are valid phone numbers, whether most of them are dates, times,
    amounts and the like)."""
    filled = [value for value in values if value.strip()]
    if not filled:
        return 0.0, False
    good = not_phones = 0
    for value in filled:
        if isinstance(value, TypedText) or looks_like(value.strip()):
            not_phones += 1
        elif sum(ch.isdigit() for ch in value) >= 6 and normalise(value, country).e164:
            good += 1
    return good / len(filled), not_phones * 2 > len(filled)


def detect_phone_column(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, country: str = DEFAULT_COUNTRY
) -> str | None:
    """The column to send to: a mobile/phone name that holds numbers wins, then whatever column holds numbers.

    Content is judged on the first rows. A named column is still chosen when its cells are all damaged (say by
    Excel's scientific notation), so the user sees why each row is excluded rather than a silent guess elsewhere.
    """
    sample = [row for row in rows[:_SAMPLE_ROWS] if any(cell for cell in row)]
    scores = []
    for index, name in enumerate(header):
        values = [row[index] if index < len(row) else "" for row in sample]
        fraction, not_phones = _content_score(values, country)
        if not not_phones:  # a column of dates (or amounts) is never the phone column, whatever its name
            scores.append((phone_name_rank(name), fraction, index))
    named = [s for s in scores if s[0] >= 2 and (s[1] > 0 or not sample)]
    if named:
        return header[max(named, key=lambda s: (s[1] >= 0.3, s[0], s[1], -s[2]))[2]]
    by_content = [s for s in scores if s[1] >= 0.5]
    if by_content:
        return header[max(by_content, key=lambda s: (s[1], s[0], -s[2]))[2]]
    named = [s for s in scores if s[0] >= 2] or [s for s in scores if s[0] == 1 and s[1] > 0]
    if named:
        return header[max(named, key=lambda s: (s[0], s[1], -s[2]))[2]]
    return None


def phone_evidence(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, country: str = DEFAULT_COUNTRY
) -> tuple[bool, int]:
    """How much a table looks like a list of recipients: (its phone column is named like one, valid numbers in that
    column among the first rows). (False, 0) when no column holds a valid number."""
    column = detect_phone_column(header, rows, country=country)
    if column is None:
        return False, 0
    index = list(header).index(column)
    valid = sum(
        1
        for row in rows[:_SAMPLE_ROWS]
        if index < len(row) and row[index] and normalise(row[index], country).e164 is not None
    )
    return (phone_name_rank(column) >= 2 and valid > 0, valid)


def resolve_column(header: Sequence[str], wanted: str) -> str | None:
    """The header name the user meant: exact, then ignoring case and spaces, then a column letter ("C")."""
    if wanted in header:
        return wanted
    folded = " ".join(wanted.split()).casefold()
    matches = [name for name in header if " ".join(name.split()).casefold() == folded]
    if len(matches) == 1:
        return matches[0]
    if re.fullmatch(r"[A-Za-z]{1,2}", wanted.strip()):
        letters = wanted.strip().upper()
        index = 0
        for letter in letters:
            index = index * 26 + ord(letter) - 64
        if 0 < index <= len(header):
            return header[index - 1]
    return None


# ------------------------------------------------------------------------------------------------ the plan


def build_plan(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    row_numbers: Sequence[int],
    *,
    phone_column: str | None = None,
    country: str = DEFAULT_COUNTRY,
    opt_outs: Collection[str] = frozenset(),
) -> Plan:
    """Normalise the phone column of every row into recipients and excluded rows (each with its reason).

    phone_column None means detect it; a name not in the header raises ValueError naming the columns.
    When no column can be found the plan has phone_column None and no recipients.
    """
    columns = list(header)
    if phone_column is None:
        phone_column = detect_phone_column(columns, rows, country=country)
    elif phone_column not in columns:
        resolved = resolve_column(columns, phone_column)
        if resolved is None:
            raise ValueError(f"no column named {phone_column!r}; the columns are: " + ", ".join(columns))
        phone_column = resolved
    if len(rows) != len(row_numbers):
        raise ValueError(f"{len(rows)} rows but {len(row_numbers)} row numbers")
    plan = Plan(columns=columns, phone_column=phone_column, rows=0)
    if phone_column is None:
        plan.rows = sum(1 for row in rows if any(row))
        return plan
    phone_index = columns.index(phone_column)
    width = len(columns)
    opted = opt_outs if isinstance(opt_outs, set | frozenset | dict) else frozenset(opt_outs)
    first_row_of: dict[str, int] = {}
    recipients, excluded = plan.recipients, plan.excluded
    counted = 0
    # Each distinct text is normalised once. The answers are kept as (e164, reason) tuples of strings, which the
    # garbage collector stops walking once it has seen them: 100,000 of them cost it nothing after that.
    answers: dict[str, tuple[str | None, str | None]] = {}
    for row, number in zip(rows, row_numbers, strict=True):
        if not any(row):
            continue
        counted += 1
        value = row[phone_index] if phone_index < len(row) else ""
        if type(value) is str:
            answer = answers.get(value)
            if answer is None:
                result = normalise(value, country)
                answer = answers[value] = (result.e164, result.reason)
        else:  # a date, time, ... (core.cells): equal to plain text, so never shares its cached answer
            result = normalise(value, country)
            answer = (result.e164, result.reason)
        phone, reason = answer
        if phone is None:
            if reason == "empty":
                excluded.append(Excluded(number, value, NO_PHONE_NUMBER, EMPTY))
            else:
                excluded.append(Excluded(number, value, reason or "not a phone number", INVALID))
        elif phone in opted:
            excluded.append(Excluded(number, value, ON_OPT_OUT_LIST, OPTED_OUT))
        elif phone in first_row_of:
            excluded.append(Excluded(number, value, f"duplicate of row {first_row_of[phone]}", DUPLICATE))
        else:
            first_row_of[phone] = number
            cells = row if len(row) == width else (list(row) + [""] * width)[:width]
            recipients.append(
                Recipient(
                    row=number, phone=phone, original=value, fields=dict(zip(columns, cells, strict=True))
                )
            )
    plan.rows = counted
    return plan


TYPED_SEPARATORS = re.compile(r"[\n\r;,\t]+")


def typed_numbers(text: str) -> list[str]:
    """Numbers a user typed or pasted instead of a file: one per line, or separated by commas, semicolons or tabs.

    Only splits; each piece then goes through build_plan like a file's cell (normalised, deduplicated, opt-outs
    scrubbed, anything not clearly a number reported). Spaces stay inside a piece: "20 12 34 56" is one number.
    """
    return [piece.strip() for piece in TYPED_SEPARATORS.split(text) if piece.strip()]
