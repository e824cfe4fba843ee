"""The send loop's gate: a request leaves only when every recipient in it may be texted (not before the campaign's
time, not inside quiet hours in the recipient's own zone), and a provider that schedules gets the chosen moment.

The loop asks `SendGate.pick(queue)` before pacing a request. When nothing may leave it waits `SendGate.sleep_for`
real seconds (at most a minute, so a computer that slept or a clock that was changed is noticed) and asks again;
a test's gate jumps a fake clock instead of sleeping.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from smsdesk.core.schedule import (
    Clock,
    QuietHours,
    format_moment,
    next_send_moment,
    recipient_zone,
    system_clock,
)

RECHECK_SECONDS = 60.0


def real_sleep(seconds: float) -> float:
    return min(seconds, RECHECK_SECONDS)


class SendGate:
    def __init__(
        self,
        *,
        quiet: QuietHours,
        not_before: datetime | None = None,
        user_zone: tzinfo | None = None,
        clock: Clock = system_clock,
        sleep: Callable[[float], float] = real_sleep,
    ):
        """`sleep(seconds)` returns how many real seconds the loop may block before asking again."""
        self.quiet = quiet
        self.not_before = not_before
        self.user_zone = user_zone
        self.clock = clock
        self._sleep = sleep
        self._zones: dict[str, tzinfo | None] = {}
        self.reason: str | None = None  # why the last pick() held everything, for the user

    def zone_of(self, phone: str) -> tzinfo | None:
        zone = self._zones.get(phone, self)
        if zone is self:
            zone = self._zones[phone] = recipient_zone(phone, self.user_zone)
        return zone  # type: ignore[return-value]

    def held_until(self, phones: Sequence[str], now: datetime | None = None) -> datetime | None:
        """None when all of `phones` may be texted now, else the first moment all of them may."""
        now = now or self.clock()
        latest: datetime | None = None
        for phone in phones:
            moment = next_send_moment(
                now=now, scheduled_at=self.not_before, quiet=self.quiet, zone=self.zone_of(phone)
            )
            if moment > now and (latest is None or moment > latest):
                latest = moment
        return latest

    def pick(self, queue: Any) -> tuple[int | None, float]:
        """The index of the first request in `queue` (a deque of engine Batch objects) that may leave now, or None
        and the seconds until the first one may. A request mixing recipients who may be texted now with others who
        may not (another time zone) is split in place: the first part may leave, the rest waits as its own request.
        """
        now = self.clock()
        soonest: datetime | None = None
        soonest_phone = ""
        for index, batch in enumerate(queue):
            held = [self.held_until([row.phone], now) for row in batch.rows]
            if not any(held):
                self.reason = None
                return index, 0.0
            if not all(held):
                free = [i for i, until in enumerate(held) if until is None]
                waiting = [i for i, until in enumerate(held) if until is not None]
                queue[index] = _part(batch, free)
                queue.insert(index + 1, _part(batch, waiting))
                self.reason = None
                return index, 0.0
            until = min(when for when in held if when is not None)  # all are held here
            if soonest is None or until < soonest:
                soonest = until
                soonest_phone = batch.rows[held.index(until)].phone
        if soonest is None:
            return None, 0.0
        self.reason = self._describe(soonest, soonest_phone, now)
        return None, max((soonest - now).total_seconds(), 0.001)

    def sleep_for(self, seconds: float) -> float:
        return self._sleep(seconds)

    def _describe(self, until: datetime, phone: str, now: datetime) -> str:
        if self.not_before is not None and until <= self.not_before:
            return f"waiting until the scheduled time {format_moment(self.not_before)}"
        zone = self.zone_of(phone)
        local = until.astimezone(zone)
        text = f"waiting for quiet hours to end at {local:%H:%M}"
        if until.astimezone(self.user_zone).utcoffset() != local.utcoffset():
            text += f" {getattr(zone, 'key', '')} time".replace("  ", " ")
        return text


def _part(batch: Any, indexes: Sequence[int]) -> Any:
    return dataclasses.replace(
        batch, rows=[batch.rows[i] for i in indexes], messages=[batch.messages[i] for i in indexes]
    )


def delivery_window(opens: datetime, quiet: QuietHours, zone: tzinfo | None) -> tuple[datetime, datetime]:
    """The window handed to a provider that takes one (iP.1): from the chosen moment until quiet hours begin (in
    the user's zone), or a day when they are off, so a provider that is late does not text at night."""
    closes = quiet.next_start(opens, zone)
    if closes is None or closes <= opens:
        closes = opens + timedelta(days=1)
    return opens, closes


def scheduling_factory(
    factory: Callable[[Any], Any], opens: datetime, closes: datetime | None = None
) -> Callable[[Any], Any]:
    """Wrap the runner's provider factory so every adapter it builds hands the messages over with the time."""

    def build(client: Any) -> Any:
        provider = factory(client)
        provider.schedule(opens, closes)
        return provider

    return build


# -- a run's options as plain data (the GUI hands them to a child process as JSON) -----------------------------


def run_options(
    db: Any, campaign_id: str, *, now: datetime, ignore_quiet_hours: bool = False
) -> dict[str, Any]:
    """What a run of the campaign must respect, as JSON-able data: its quiet hours, the time SMSDesk keeps, or the
    window a provider that schedules is handed (only while that time is still ahead)."""
    from smsdesk.store import schedules

    entry = schedules.schedule_of(db, campaign_id)
    quiet = None if ignore_quiet_hours else schedules.quiet_hours_for(db, entry)
    options: dict[str, Any] = {"quiet_hours": quiet.describe() if quiet and quiet.enabled else "off"}
    if entry is None or entry.scheduled_at is None or entry.scheduled_at <= now:
        return options
    if entry.by_provider:
        opens, closes = delivery_window(entry.scheduled_at, quiet or QuietHours(enabled=False), None)
        options["provider_window"] = [opens.isoformat(), closes.isoformat()]
        options["quiet_hours"] = "off"  # handing over is not texting: the provider sends at the time
    else:
        options["not_before"] = entry.scheduled_at.isoformat()
    return options


def runner_arguments(
    options: dict[str, Any], *, clock: Clock = system_clock, user_zone: tzinfo | None = None
) -> dict[str, Any]:
    """CampaignRunner keyword arguments from run_options() (other keys pass through unchanged)."""
    from smsdesk.core.schedule import parse_quiet_hours

    arguments = dict(options)
    quiet = parse_quiet_hours(arguments.pop("quiet_hours", "off") or "off")
    not_before = arguments.pop("not_before", None)
    window = arguments.pop("provider_window", None)
    if window:
        arguments["provider_schedule"] = (
            datetime.fromisoformat(window[0]),
            datetime.fromisoformat(window[1]),
        )
    if quiet.enabled or not_before:
        arguments["gate"] = SendGate(
            quiet=quiet,
            not_before=datetime.fromisoformat(not_before) if not_before else None,
            user_zone=user_zone,
            clock=clock,
        )
    return arguments


# -- cancelling a scheduled campaign (the CLI's `campaigns cancel` and the Results page's button) ----------------

CANCELLED_ALL = "cancelled"
REFUSED = "refused"  # the provider refuses or cannot
NOT_CANCELLABLE = "not_cancellable"  # nothing to cancel: not scheduled, no longer waiting, time passed


@dataclass(frozen=True)
class CancelReport:
    result: str  # CANCELLED_ALL, REFUSED or NOT_CANCELLABLE
    message: str  # a sentence for the user
    count: int = 0  # messages that will not be sent
    # the reason on its own where the sentence wraps one (the provider's rule or answer), for the GUI to say in
    # its own words around it; None: the sentence is the reason
    detail: str | None = None


def cancel_campaign_on_worker(source: Any, campaign_id: str) -> CancelReport:
    """cancel_campaign() now, on a connection of its own: what the window's History and Results run off the GUI
    thread (`source` is the window's Database; a worker thread may not use its connection)."""
    db = source.open_another()
    try:
        return cancel_campaign(db, campaign_id, now=datetime.now(UTC))
    finally:
        db.close()


def cancel_campaign(db: Any, campaign_id: str, *, now: datetime) -> CancelReport:
    """Cancel a scheduled campaign: at the provider for the messages it holds, else by simply not sending it.
    Raises CampaignNotFound and CampaignBusy."""
    from smsdesk.engine.sender import secret_for_account
    from smsdesk.providers import create_provider, provider_class
    from smsdesk.providers.base import ProviderError
    from smsdesk.store import schedules
    from smsdesk.store.journal import SCHEDULED, SENT, Journal

    journal = Journal(db)
    campaign = journal.get_campaign(campaign_id, with_counts=False)
    entry = schedules.schedule_of(db, campaign_id)
    if entry is None or entry.scheduled_at is None:
        return CancelReport(NOT_CANCELLABLE, f"Campaign {campaign_id} is not scheduled.")
    if not entry.by_provider:
        if campaign.state != SCHEDULED:
            return CancelReport(
                NOT_CANCELLABLE,
                f"Campaign {campaign_id} is no longer waiting for its time ({campaign.state}).",
            )
        count = journal.cancel_scheduled(campaign_id)
        return CancelReport(
            CANCELLED_ALL, f"Campaign {campaign_id} cancelled; {count} messages will not be sent.", count
        )
    at = entry.scheduled_at
    if at <= now:
        return CancelReport(
            NOT_CANCELLABLE, f"Campaign {campaign_id} was due at {format_moment(at)}: it has been sent."
        )
    account = db.get_account(campaign.account)
    if account is None:
        return CancelReport(
            NOT_CANCELLABLE, f"The account {campaign.account!r} no longer exists: add it again to cancel."
        )
    limits = provider_class(account.provider).limits
    if not limits.cancels_scheduled or (at - now).total_seconds() <= limits.cancel_notice:
        return CancelReport(REFUSED, f"Not cancelled: {limits.cancel_rule}.", detail=limits.cancel_rule)
    handed = {r.message_id: r.id for r in journal.messages(campaign_id, states=(SENT,)) if r.message_id}
    try:
        secret = secret_for_account(account)
        with create_provider(account, secret) as provider:
            outcome = provider.cancel_scheduled(list(handed))
    except ProviderError as exc:
        return CancelReport(REFUSED, f"Not cancelled: {exc.reason}", detail=exc.reason)
    except Exception as exc:  # keyring failures, settings the adapter refuses: a sentence for the user
        return CancelReport(NOT_CANCELLABLE, str(exc) or type(exc).__name__)
    count = journal.cancel_scheduled(campaign_id, [handed[i] for i in outcome.cancelled if i in handed])
    if outcome.problem:
        return CancelReport(
            REFUSED,
            f"{outcome.problem}. {len(outcome.cancelled)} of {len(handed)} messages cancelled.",
            count,
            detail=outcome.problem,
        )
    return CancelReport(
        CANCELLED_ALL,
        f"Campaign {campaign_id} cancelled at {account.name}; {count} messages will not be sent.",
        count,
    )
