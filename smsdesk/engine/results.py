"""What a campaign run reports to its caller: one MessageUpdate per row as its result is recorded, one RunOutcome
at the end, and the states passed to `on_state`. Plain data, no behaviour: the CLI and the GUI build on these shapes.
"""

from __future__ import annotations

from dataclasses import dataclass

# RunOutcome.stopped_by: why a campaign stopped
STOPPED_BY_PROVIDER = "provider"  # AccountError: credentials, credit, sender refused
STOPPED_BY_UNREACHABLE = "unreachable"  # transient errors kept coming
STOPPED_BY_SETUP = "setup"  # our side: the account is gone, no key saved, settings the provider refuses
STOPPED_BY_STORAGE = (
    "storage"  # the database: locked by another program beyond the wait, disk full, taken away
)

WAITING = "waiting"  # on_state while holding for a Retry-After or back-off of more than a moment


@dataclass(frozen=True)
class MessageUpdate:
    id: int  # the journal row id
    row: int  # spreadsheet row
    phone: str
    status: str  # sending | sent | failed | unknown | pending (will be sent again)
    message_id: str | None
    error: str | None
    segments: int
    cost: float | None
    error_kind: str | None = None


@dataclass(frozen=True)
class RunOutcome:
    campaign_id: str
    state: str  # finished | paused | cancelled | stopped
    reason: str | None
    counts: dict[str, int]
    stopped_by: str | None = None  # STOPPED_BY_* when state is "stopped"
