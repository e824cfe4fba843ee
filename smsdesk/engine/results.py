"""What a campaign run reports to its caller: one MessageUpdate per row as its result is recorded, a state change
(CampaignState and a reason) whenever the run's state changes, and one RunOutcome at the end. Plain data: the CLI,
the GUI and the child-process pipe (engine/child.py) all use these shapes, field for field.
"""

from __future__ import annotations

from dataclasses import dataclass

from smsdesk.core.states import CampaignState, MessageState

# RunOutcome.stopped_by: why a campaign stopped
STOPPED_BY_PROVIDER = "provider"  # AccountError: credentials, credit, sender refused
STOPPED_BY_UNREACHABLE = "unreachable"  # the provider could not be reached, or kept asking us to slow down
STOPPED_BY_SETUP = "setup"  # our side: the account is gone, no key saved, settings the provider refuses
STOPPED_BY_STORAGE = (
    "storage"  # the database: locked by another program beyond the wait, disk full, taken away
)


@dataclass(frozen=True)
class MessageUpdate:
    id: int  # the journal row id
    row: int  # spreadsheet row
    phone: str
    state: MessageState  # sending | sent | failed | unknown | pending (will be sent again)
    segments: int
    message_id: str | None = None
    error: str | None = None
    cost: float | None = None
    error_kind: str | None = None


@dataclass(frozen=True)
class StateUpdate:
    """The run's state changed. WAITING carries the one line to show: why, and when the next try is."""

    state: CampaignState
    reason: str | None = None


@dataclass(frozen=True)
class RunOutcome:
    campaign_id: str
    state: CampaignState  # finished | paused | cancelled | stopped
    reason: str | None
    counts: dict[str, int]
    stopped_by: str | None = None  # STOPPED_BY_* when state is "stopped"
