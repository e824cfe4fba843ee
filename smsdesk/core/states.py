"""The names of a message's, a campaign's and a delivery receipt's states: one enum each, used by the store, the engine, the CLI and
the GUI. The values are the strings stored in the database and printed by the CLI, so they never change."""

from __future__ import annotations

from enum import StrEnum


class MessageState(StrEnum):
    """pending -> sending -> sent | failed | unknown; skipped: never sent (left out by the plan, or discarded)."""

    PENDING = "pending"
    SENDING = "sending"  # its request is out (claimed, committed) and its answer not recorded yet
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"
    UNKNOWN = "unknown"  # the provider may or may not have taken it: never sent again unless the user asks


class CampaignState(StrEnum):
    """ready -> running -> finished | paused | cancelled | stopped | interrupted | discarded."""

    READY = "ready"  # made, never started
    RUNNING = "running"
    WAITING = "waiting"  # running, holding for a back-off or a Retry-After (reported, never stored)
    PAUSED = "paused"
    CANCELLED = "cancelled"
    STOPPED = "stopped"  # the provider refused the account, could not be reached, or our setup is wrong
    FINISHED = "finished"
    INTERRUPTED = "interrupted"  # found running without its sender (a crash)
    DISCARDED = "discarded"  # the user gave up the rest
    SCHEDULED = "scheduled"  # waiting for its time (store/schedules.py says when and who keeps it)


class DeliveryState(StrEnum):
    """What a provider's receipt says of a sent message; each provider maps its own codes onto these."""

    DELIVERED = "delivered"
    UNDELIVERED = "failed"  # failed on the handset / network side, after acceptance
    PENDING = "pending"  # accepted, no final receipt yet


FINAL_MESSAGE_STATES = (MessageState.SENT, MessageState.FAILED, MessageState.SKIPPED, MessageState.UNKNOWN)
CLOSED_CAMPAIGN_STATES = (CampaignState.FINISHED, CampaignState.DISCARDED)
