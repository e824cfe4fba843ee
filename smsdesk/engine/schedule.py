"""The send loop's gate: a request leaves only when every recipient in it may be texted (not before the campaign's
time, not inside quiet hours in the recipient's own zone), and a provider that schedules gets the chosen moment.

The loop asks `SendGate.pick(queue)` before pacing a request. When nothing may leave it waits `SendGate.sleep_for`
real seconds (at most a minute, so a computer that slept or a clock that was changed is noticed) and asks again;
a test's gate jumps a fake clock instead of sleeping.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, tzinfo
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
            until = min(held)  # type: ignore[type-var]
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
