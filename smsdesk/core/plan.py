"""From rows to a recipient plan: phone column, normalisation, duplicates, opt-outs, excluded rows with reasons.

CONTRACT STUB — replaced by the implementation; keep these names and shapes.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from smsdesk.core.phones import DEFAULT_COUNTRY

# Excluded.kind values
INVALID = "invalid"
DUPLICATE = "duplicate"
OPTED_OUT = "opted_out"
EMPTY = "empty"


@dataclass(frozen=True)
class Recipient:
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
    def valid(self) -> int: ...
    @property
    def duplicates(self) -> int: ...
    @property
    def invalid(self) -> list[Excluded]: ...  # kind INVALID or EMPTY
    @property
    def opted_out(self) -> int: ...


def detect_phone_column(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str | None: ...


def build_plan(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    row_numbers: Sequence[int],
    *,
    phone_column: str | None = None,
    country: str = DEFAULT_COUNTRY,
    opt_outs: Collection[str] = frozenset(),
) -> Plan: ...
