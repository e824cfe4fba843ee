"""What `send --at`, `campaigns resume`, `campaigns run-due` and `campaigns cancel` share: reading WHEN, quiet
hours, the stale-content question, and who keeps a campaign's time (the provider, or SMSDesk).

`CLOCK` and `USER_ZONE` are module attributes so tests can run the command line on a fake clock and a fixed zone.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from smsdesk.cli import UsageError
from smsdesk.core.schedule import (
    NO_QUIET_HOURS,
    Clock,
    QuietHours,
    ScheduleError,
    check_when,
    format_moment,
    parse_when,
    recipient_zone,
    stale_reasons,
    system_clock,
)
from smsdesk.engine.schedule import delivery_window, run_options, runner_arguments
from smsdesk.providers import provider_class
from smsdesk.store import schedules
from smsdesk.store.db import Database

CLOCK: Clock = system_clock
USER_ZONE: tzinfo | None = None  # None: this computer's zone

QUIET_HELP = (
    "send even inside quiet hours (default 20:00-08:00 in each recipient's own time zone, where a run otherwise "
    "waits for them to end)"
)


def now() -> datetime:
    return CLOCK()


def add_ignore_quiet_hours(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ignore-quiet-hours", action="store_true", help=QUIET_HELP)


@dataclass(frozen=True)
class Plan:
    """How a campaign given `--at` is scheduled."""

    at: datetime
    by: str  # schedules.BY_PROVIDER or schedules.BY_APP
    quiet: QuietHours
    window: tuple[datetime, datetime | None] | None  # what the provider is handed (by provider only)

    def sentence(self, label: str) -> str:
        when = format_moment(self.at)
        if self.by == schedules.BY_PROVIDER:
            return f"{label} keeps the time: the messages are handed over now and sent at {when}; this computer may be off then."
        return (
            f"SMSDesk keeps the time ({label} cannot schedule): the campaign is sent at {when} if SMSDesk is open "
            f"then, or by `smsdesk campaigns run-due` run from the system's scheduler (Task Scheduler, launchd, cron)."
        )


def plan(db: Database, account: Any, when_text: str, *, ignore_quiet_hours: bool) -> Plan:
    try:
        at = parse_when(when_text, zone=USER_ZONE)
        kind = provider_class(account.provider)
        ahead = kind.limits.max_schedule_ahead
        check_when(at, now=now(), max_ahead=timedelta(seconds=ahead) if ahead else None)
    except ScheduleError as exc:
        raise UsageError(f"--at: {exc}") from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    quiet = NO_QUIET_HOURS if ignore_quiet_hours else schedules.quiet_hours_for(db, None)
    if kind.limits.schedules:
        return Plan(at, schedules.BY_PROVIDER, quiet, delivery_window(at, quiet, USER_ZONE))
    return Plan(at, schedules.BY_APP, quiet, None)


def check_quiet_moment(plan_: Plan, phones: list[str], *, interactive: bool) -> None:
    """Scheduling inside quiet hours asks first (a terminal), or needs --ignore-quiet-hours."""
    inside = sum(1 for phone in phones if plan_.quiet.contains(_local_time(plan_.at, phone)))
    if not inside:
        return
    what = f"{format_moment(plan_.at)} is inside quiet hours ({plan_.quiet.describe()}) for {inside} recipient(s)"
    if interactive:
        answer = input(f"{what}. Schedule it anyway? [y/N] ")
        if answer.strip().lower() in ("y", "yes", "j", "ja"):
            return
        raise UsageError("not scheduled: pick a time outside quiet hours")
    raise UsageError(f"{what}; pick another time or add --ignore-quiet-hours")


def _local_time(at: datetime, phone: str) -> Any:
    return at.astimezone(recipient_zone(phone, USER_ZONE)).time().replace(tzinfo=None)


def run_arguments(db: Database, campaign_id: str, *, ignore_quiet_hours: bool) -> dict[str, Any]:
    """run_campaign()'s keywords for this campaign: the gate (quiet hours, the time SMSDesk keeps), or the time a
    provider that schedules is handed while it is still ahead (then every line carries scheduled_at)."""
    options = run_options(db, campaign_id, now=now(), ignore_quiet_hours=ignore_quiet_hours)
    arguments = runner_arguments(options, clock=CLOCK, user_zone=USER_ZONE)
    if "provider_schedule" in arguments:
        arguments["scheduled_at"] = format_moment(arguments["provider_schedule"][0])
    return arguments


def confirm_fresh(db: Database, campaign: Any, *, yes: bool) -> None:
    """Stale content (core.schedule.stale_reasons) shows the text again and needs a yes before anything is sent."""
    entry = schedules.schedule_of(db, campaign.id)
    created = datetime.fromisoformat(campaign.created_at)
    meant_for = entry.scheduled_at if entry and entry.scheduled_at else created
    reasons = stale_reasons(
        campaign.template,
        now=now(),
        meant_for=meant_for,
        started_at=entry.started_at if entry else None,
        zone=USER_ZONE,
    )
    if not reasons:
        return
    print(
        f"Campaign {campaign.id} may be out of date: {'; '.join(reasons)}. The text:\n  {campaign.template}",
        file=sys.stderr,
    )
    if yes:
        return
    if sys.stdin.isatty():
        answer = input("Send it as it is? [y/N] ")
        if answer.strip().lower() in ("y", "yes", "j", "ja"):
            return
        raise UsageError("nothing sent")
    raise UsageError(f"campaign {campaign.id} may be out of date; add --yes to send it as it is")
