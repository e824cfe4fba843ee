"""What a campaign run reports to its caller: one MessageUpdate per row as its result is recorded, a state change
(CampaignState and a reason) whenever the run's state changes, and one RunOutcome at the end; and the one way a
campaign's rows are counted (Tally, tally()). Plain data: the CLI,
the GUI and the child-process pipe (engine/child.py) all use these shapes, field for field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from smsdesk.core.states import CampaignState, DeliveryState, MessageState

if TYPE_CHECKING:
    from smsdesk.store.journal import Journal

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


@dataclass(frozen=True)
class Tally:
    """A campaign's counters, the one way they are counted: the Results page's line and History's columns come to
    these numbers by tally(), and so do the export's rows counted by their Status and Delivery columns."""

    sent: int = 0
    delivered: int = 0  # sent, and the receipt says it reached the phone
    not_delivered: int = 0  # sent, and the receipt says it never will
    failed: int = 0
    unknown: int = 0
    waiting: int = 0  # still to send: pending, or its request out without an answer (sending)
    skipped: int = 0

    @property
    def to_send(self) -> int:
        """Every row but the skipped ones (what the progress bar measures)."""
        return self.sent + self.failed + self.unknown + self.waiting

    @property
    def done(self) -> int:
        return self.to_send - self.waiting


def tally(counts: Mapping[tuple[str, str | None], int] | Mapping[str, int]) -> Tally:
    """The counters of rows counted by (state, delivery), or by state alone (then nothing counts as delivered).

    A receipt only counts on a sent row: a row's delivery stays in the journal when it is sent again, and a sent
    row cancelled at the provider (skipped) was never delivered, whatever its last receipt said."""
    by_state: dict[str, int] = {}
    delivered = not_delivered = 0
    for key, number in counts.items():
        state, delivery = key if isinstance(key, tuple) else (key, None)
        by_state[state] = by_state.get(state, 0) + number
        if state == MessageState.SENT and delivery == DeliveryState.DELIVERED:
            delivered += number
        elif state == MessageState.SENT and delivery == DeliveryState.UNDELIVERED:
            not_delivered += number
    return Tally(
        sent=by_state.get(MessageState.SENT, 0),
        delivered=delivered,
        not_delivered=not_delivered,
        failed=by_state.get(MessageState.FAILED, 0),
        unknown=by_state.get(MessageState.UNKNOWN, 0),
        waiting=by_state.get(MessageState.PENDING, 0) + by_state.get(MessageState.SENDING, 0),
        skipped=by_state.get(MessageState.SKIPPED, 0),
    )


def campaign_tally(journal: Journal, campaign_id: str) -> Tally:
    """The campaign's counters as the journal has them now."""
    return tally(journal.state_and_delivery_counts(campaign_id))
