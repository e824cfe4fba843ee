"""Phone numbers to E.164 with a default country, and why a number is rejected.

CONTRACT STUB — replaced by the implementation; keep these names and shapes.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_COUNTRY = "DK"


@dataclass(frozen=True)
class PhoneResult:
    original: str  # the user's text, untouched
    e164: str | None  # "+4512345678" when valid
    reason: str | None  # why not, for people: "empty", "not a phone number", "too short", ...


def normalise(raw: str, country: str = DEFAULT_COUNTRY) -> PhoneResult: ...
