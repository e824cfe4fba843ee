"""When a message may be sent: a scheduled moment, quiet hours in the recipient's own time zone, stale content.

Pure: every function takes the current moment (or a clock) from its caller, so tests run on a fake clock and nothing
here reads the system time by itself. Moments are timezone-aware datetimes; a zone of None means "this computer's
own zone" (datetime.astimezone(None) follows the system's rules, summer time included).

zoneinfo needs the IANA database: Linux and macOS have it, Windows gets it from the `tzdata` package.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from phonenumbers import timezone as phone_zones

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


class ScheduleError(ValueError):
    """A WHEN the user gave that cannot be used; the message is one line fit for the user."""


# ---------------------------------------------------------------------------------------------------------------
# WHEN

WHEN_FORMATS = "YYYY-MM-DD HH:MM (local time) or ISO 8601 with an offset, e.g. 2026-12-04T09:00+01:00"
_LOCAL_WHEN = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")
# Providers that document no limit still get one: a campaign set a year ahead by a typo is a worse surprise than
# being asked to pick a nearer day.
DEFAULT_MAX_AHEAD = timedelta(days=90)


def parse_when(text: str, *, zone: tzinfo | None = None) -> datetime:
    """A WHEN as an aware datetime. `YYYY-MM-DD HH:MM` is read in `zone` (None: this computer's zone)."""
    value = (text or "").strip()
    if _LOCAL_WHEN.match(value):
        try:
            naive = datetime.fromisoformat(value.replace(" ", "T"))
        except ValueError:
            raise ScheduleError(f"Not a date and time: {text!r} (expected {WHEN_FORMATS})") from None
        return naive.replace(tzinfo=zone) if zone is not None else naive.astimezone()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ScheduleError(f"Not a date and time: {text!r} (expected {WHEN_FORMATS})") from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ScheduleError(f"{text!r} has no offset: write it as {WHEN_FORMATS}")
    return moment


def check_when(when: datetime, *, now: datetime, max_ahead: timedelta | None = DEFAULT_MAX_AHEAD) -> None:
    """Raise ScheduleError when `when` is in the past or further ahead than the provider (or SMSDesk) allows."""
    if when <= now:
        raise ScheduleError(f"{format_moment(when)} is in the past; pick a later time")
    limit = max_ahead or DEFAULT_MAX_AHEAD
    if when - now > limit:
        raise ScheduleError(
            f"{format_moment(when)} is more than {_days(limit)} ahead, the furthest this account can schedule"
        )


def format_moment(moment: datetime) -> str:
    """ISO 8601 to the minute with its offset, e.g. 2026-12-04T09:00+01:00 (what the CLI and JSON show)."""
    return moment.isoformat(timespec="minutes")


def _days(span: timedelta) -> str:
    days = span.days
    return f"{days} days" if days != 1 else "1 day"


# ---------------------------------------------------------------------------------------------------------------
# Time zones and quiet hours


@lru_cache(maxsize=512)
def _zone_named(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


@lru_cache(maxsize=512)
def _country_zone(region: str) -> str | None:
    example = phonenumbers.example_number(region)
    if example is None:
        return None
    zones = phone_zones.time_zones_for_number(example)
    return zones[0] if zones and zones[0] != phone_zones.UNKNOWN_TIMEZONE else None


def recipient_zone(phone: str, fallback: tzinfo | None = None) -> tzinfo | None:
    """The zone a number's owner lives in: the first zone phonenumbers gives for the number, else the first of its
    country's, else `fallback` (the user's zone; None = this computer's)."""
    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return fallback
    zones = phone_zones.time_zones_for_number(number)
    name = zones[0] if zones and zones[0] != phone_zones.UNKNOWN_TIMEZONE else None
    if name is None and number.country_code is not None:
        region = phonenumbers.region_code_for_country_code(number.country_code)
        name = _country_zone(region) if region and region != "ZZ" else None
    zone = _zone_named(name) if name else None
    return zone if zone is not None else fallback


@dataclass(frozen=True)
class QuietHours:
    """No message leaves between `start` and `end` in the recipient's local time (the window may span midnight)."""

    start: time = time(20, 0)
    end: time = time(8, 0)
    enabled: bool = True

    def contains(self, local: time) -> bool:
        if not self.enabled or self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def next_allowed(self, moment: datetime, zone: tzinfo | None = None) -> datetime:
        """`moment` itself when a message may leave then, else the end of the window it is in (in `zone`)."""
        local = moment.astimezone(zone)
        if not self.contains(local.time().replace(tzinfo=None)):
            return moment
        day = local.date()
        if self.start > self.end and local.time().replace(tzinfo=None) >= self.start:
            day += timedelta(days=1)  # the evening part: the window ends tomorrow morning
        end = datetime.combine(day, self.end)
        return (end.replace(tzinfo=zone) if zone is not None else end.astimezone()).astimezone(moment.tzinfo)

    def next_start(self, moment: datetime, zone: tzinfo | None = None) -> datetime | None:
        """The next moment the window opens at or after `moment` (None when quiet hours are off)."""
        if not self.enabled or self.start == self.end:
            return None
        local = moment.astimezone(zone)
        day = local.date()
        if local.time().replace(tzinfo=None) >= self.start:
            day += timedelta(days=1)
        start = datetime.combine(day, self.start)
        return (start.replace(tzinfo=zone) if zone is not None else start.astimezone()).astimezone(
            moment.tzinfo
        )

    def describe(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


NO_QUIET_HOURS = QuietHours(enabled=False)


def parse_quiet_hours(text: str) -> QuietHours:
    """`20:00-08:00` as QuietHours; `off` turns them off. Raises ScheduleError for anything else."""
    value = (text or "").strip().lower()
    if value in {"off", "none", "no", ""}:
        return NO_QUIET_HOURS
    match = re.fullmatch(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})", value)
    if not match:
        raise ScheduleError(f"Quiet hours {text!r}: expected HH:MM-HH:MM, e.g. 20:00-08:00, or off")
    h1, m1, h2, m2 = (int(part) for part in match.groups())
    try:
        return QuietHours(start=time(h1, m1), end=time(h2, m2))
    except ValueError:
        raise ScheduleError(f"Quiet hours {text!r}: not a time of day") from None


def next_send_moment(
    *, now: datetime, scheduled_at: datetime | None, quiet: QuietHours, zone: tzinfo | None
) -> datetime:
    """The first moment a message for someone in `zone` may leave: not before its schedule, not in quiet hours."""
    moment = max(now, scheduled_at) if scheduled_at is not None else now
    return quiet.next_allowed(moment, zone)


# ---------------------------------------------------------------------------------------------------------------
# Stale content

STALE_AFTER = timedelta(hours=12)

# Danish, Swedish and English words a text uses to mean a day relative to when it was meant to go out. Whole words
# only, case-insensitive. The check is deliberately simple: it asks the user to look again, it never edits the text.
_WEEKDAYS: dict[int, tuple[str, ...]] = {
    0: ("mandag", "måndag", "monday"),
    1: ("tirsdag", "tisdag", "tuesday"),
    2: ("onsdag", "wednesday"),
    3: ("torsdag", "thursday"),
    4: ("fredag", "friday"),
    5: ("lørdag", "lördag", "saturday"),
    6: ("søndag", "söndag", "sunday"),
}
_TODAY = ("i dag", "idag", "today", "i aften", "ikväll", "tonight")
_TOMORROW = ("i morgen", "imorgon", "i morgon", "tomorrow")


def _mentions(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}", text, flags=re.IGNORECASE) is not None


def stale_reasons(
    text: str,
    *,
    now: datetime,
    meant_for: datetime,
    started_at: datetime | None = None,
    zone: tzinfo | None = None,
) -> list[str]:
    """Why `text`, meant to go out at `meant_for` (the schedule, or when the campaign was made), may no longer be
    true at `now`. Empty when it looks fine.

    - resuming more than 12 hours after the campaign started sending;
    - "i dag"/"today" (and "tonight") or "i morgen"/"tomorrow" when `now` is another day than `meant_for`;
    - a weekday whose next occurrence, counted from `meant_for`'s day, is already over at `now`
      ("fredag" written for Thursday is fine on Friday, stale on Saturday).
    Days are calendar days in `zone` (the user's).
    """
    reasons: list[str] = []
    if started_at is not None and now - started_at > STALE_AFTER:
        hours = int((now - started_at).total_seconds() // 3600)
        reasons.append(f"it started sending {hours} hours ago")
    today = now.astimezone(zone).date()
    meant_day = meant_for.astimezone(zone).date()
    if today != meant_day:
        for word in (*_TODAY, *_TOMORROW):
            if _mentions(text, word):
                reasons.append(f'the text says "{word}" but it was meant for {meant_day.isoformat()}')
                break
    for weekday, words in _WEEKDAYS.items():
        said = next((w for w in words if _mentions(text, w)), None)
        if said is not None and _next_weekday(meant_day, weekday) < today:
            reasons.append(f'the text says "{said}", which has passed')
    return reasons


def _next_weekday(start: date, weekday: int) -> date:
    return start + timedelta(days=(weekday - start.weekday()) % 7)
