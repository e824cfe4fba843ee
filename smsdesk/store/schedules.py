"""A campaign's schedule and quiet hours: the columns schema version 4 adds to `campaigns`, read and written here.

Kept apart from journal.py (which owns messages, claims and states) so the send journal stays one idea. Moments
are stored as ISO 8601 with the offset the user gave, and compared in Python (strings with different offsets do
not sort by time).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from smsdesk.core.schedule import QuietHours, ScheduleError, parse_quiet_hours
from smsdesk.store.db import Database, now_iso

BY_PROVIDER = "provider"  # handed over at once with the time: the provider keeps it
BY_APP = "app"  # SMSDesk keeps it and sends when due

QUIET_HOURS_SETTING = "quiet_hours"  # the user's default, 'HH:MM-HH:MM' or 'off'
DEFAULT_QUIET_HOURS = "20:00-08:00"


@dataclass(frozen=True)
class CampaignSchedule:
    campaign_id: str
    scheduled_at: datetime | None
    scheduled_by: str | None  # BY_PROVIDER, BY_APP, or None when not scheduled
    quiet_hours: str | None  # the campaign's own setting; None: the user's
    started_at: datetime | None  # when its first request was claimed, None before

    @property
    def by_provider(self) -> bool:
        return self.scheduled_by == BY_PROVIDER


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.astimezone()


def set_schedule(
    db: Database,
    campaign_id: str,
    *,
    scheduled_at: datetime | None,
    scheduled_by: str | None,
    quiet_hours: str | None = None,
) -> None:
    if scheduled_by not in (None, BY_PROVIDER, BY_APP):
        raise ValueError(f"scheduled_by must be {BY_PROVIDER!r} or {BY_APP!r}, not {scheduled_by!r}")
    with db.transaction() as conn:
        conn.execute(
            "UPDATE campaigns SET scheduled_at = ?, scheduled_by = ?, quiet_hours = ?, updated_at = ? WHERE id = ?",
            (
                scheduled_at.isoformat() if scheduled_at is not None else None,
                scheduled_by if scheduled_at is not None else None,
                quiet_hours,
                now_iso(),
                campaign_id,
            ),
        )


def set_quiet_hours(db: Database, campaign_id: str, quiet_hours: str | None) -> None:
    with db.transaction() as conn:
        conn.execute("UPDATE campaigns SET quiet_hours = ? WHERE id = ?", (quiet_hours, campaign_id))


def schedule_of(db: Database, campaign_id: str) -> CampaignSchedule | None:
    rows = _read(db, "WHERE c.id = ?", (campaign_id,))
    return rows[0] if rows else None


def all_schedules(db: Database) -> dict[str, CampaignSchedule]:
    return {entry.campaign_id: entry for entry in _read(db, "", ())}


def due(db: Database, now: datetime, state: str) -> list[str]:
    """Ids of campaigns SMSDesk keeps (BY_APP) in `state` whose time has come, oldest schedule first."""
    rows = _read(db, "WHERE c.scheduled_by = ? AND c.state = ?", (BY_APP, state))
    ready = [entry for entry in rows if entry.scheduled_at is not None and entry.scheduled_at <= now]
    return [entry.campaign_id for entry in sorted(ready, key=lambda e: e.scheduled_at or now)]


def _read(db: Database, where: str, params: tuple) -> list[CampaignSchedule]:
    # started_at comes from the journal's status rows: the first request claimed for the campaign.
    sql = f"""SELECT c.id, c.scheduled_at, c.scheduled_by, c.quiet_hours,
                     (SELECT MIN(s.sending_at) FROM message_status AS s JOIN messages AS m ON m.id = s.id
                      WHERE m.campaign_id = c.id) AS started_at
              FROM campaigns AS c {where}"""
    return [
        CampaignSchedule(
            campaign_id=row[0],
            scheduled_at=_moment(row[1]),
            scheduled_by=row[2],
            quiet_hours=row[3],
            started_at=_moment(row[4]),
        )
        for row in db.conn.execute(sql, params)
    ]


def quiet_hours_for(db: Database, schedule: CampaignSchedule | None) -> QuietHours:
    """The campaign's quiet hours, else the user's setting, else 20:00-08:00. A damaged value means the default:
    quiet hours must not vanish because a setting was mistyped."""
    for text in (schedule.quiet_hours if schedule else None, db.get_setting(QUIET_HOURS_SETTING)):
        if text:
            try:
                return parse_quiet_hours(text)
            except ScheduleError:
                continue
    return parse_quiet_hours(DEFAULT_QUIET_HOURS)
