"""A campaign's schedule, quiet hours, and cancelling a scheduled campaign."""

from __future__ import annotations

import sqlite3
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from smsdesk.store import schedules
from smsdesk.store.db import Database
from smsdesk.store.journal import CANCELLED, CANCELLED_KIND, PENDING, SCHEDULED, SENT, SKIPPED, Outcome
from smsdesk.store.schema import MIGRATIONS
from tests.store.test_journal import create

CPH = ZoneInfo("Europe/Copenhagen")


def test_the_migration_only_adds_columns_to_campaigns(tmp_path):
    path = tmp_path / "old.sqlite3"
    raw = sqlite3.connect(path)
    for version, sql in MIGRATIONS[:-1]:
        raw.executescript(sql)
        raw.execute(f"PRAGMA user_version = {version}")
    raw.execute(
        "INSERT INTO campaigns (id, name, created_at, account, provider, template) "
        "VALUES ('2026-12-01-001', 'Old', '2026-12-01T10:00:00+00:00', 'Shop', 'sandbox', 'Hej')"
    )
    raw.commit()
    raw.close()
    with Database(path) as db:
        entry = schedules.schedule_of(db, "2026-12-01-001")
        assert entry is not None and entry.scheduled_at is None and entry.scheduled_by is None


def test_schedule_round_trip_keeps_the_offset(db, journal):
    campaign_id = create(journal)
    when = datetime(2026, 12, 4, 9, 0, tzinfo=CPH)
    schedules.set_schedule(
        db, campaign_id, scheduled_at=when, scheduled_by=schedules.BY_APP, quiet_hours="off"
    )
    entry = schedules.schedule_of(db, campaign_id)
    assert entry.scheduled_at == when and entry.scheduled_at.utcoffset() == timedelta(hours=1)
    assert entry.scheduled_by == schedules.BY_APP and not entry.by_provider
    assert not schedules.quiet_hours_for(db, entry).enabled
    assert schedules.all_schedules(db)[campaign_id] == entry


def test_due_lists_app_side_scheduled_campaigns_whose_time_has_come(db, journal):
    soon, later, provider_side = create(journal), create(journal), create(journal)
    at = datetime(2026, 12, 4, 9, 0, tzinfo=CPH)
    schedules.set_schedule(db, soon, scheduled_at=at, scheduled_by=schedules.BY_APP)
    schedules.set_schedule(db, later, scheduled_at=at + timedelta(hours=2), scheduled_by=schedules.BY_APP)
    schedules.set_schedule(db, provider_side, scheduled_at=at, scheduled_by=schedules.BY_PROVIDER)
    for campaign_id in (soon, later, provider_side):
        journal.set_state(campaign_id, SCHEDULED)
    assert schedules.due(db, at - timedelta(minutes=1), SCHEDULED) == []
    assert schedules.due(db, at, SCHEDULED) == [soon]
    assert schedules.due(db, at + timedelta(hours=3), SCHEDULED) == [soon, later]
    assert not journal.get_campaign(soon).resumable  # offered when due, not as an interrupted campaign


def test_quiet_hours_default_then_user_setting_then_campaign(db, journal, monkeypatch):
    monkeypatch.setattr(schedules, "DEFAULT_QUIET_HOURS", "20:00-08:00")  # undo the tests' own default
    campaign_id = create(journal)
    entry = schedules.schedule_of(db, campaign_id)
    assert schedules.quiet_hours_for(db, entry).start == time(20, 0)
    db.set_setting(schedules.QUIET_HOURS_SETTING, "21:00-07:00")
    assert schedules.quiet_hours_for(db, entry).start == time(21, 0)
    db.set_setting(schedules.QUIET_HOURS_SETTING, "nonsense")
    assert schedules.quiet_hours_for(db, entry).start == time(20, 0)


def test_cancel_skips_pending_and_handed_over_rows_as_cancelled(db, journal):
    campaign_id = create(journal, 3)
    rows = journal.rows_to_send(campaign_id)
    journal.commit([], [[rows[0].id]])
    journal.commit([Outcome(id=rows[0].id, state=SENT, message_id="m-1")], [])
    assert journal.cancel_scheduled(campaign_id, handed_over=[rows[0].id]) == 3
    records = journal.messages(campaign_id)
    assert {(r.state, r.error, r.error_kind) for r in records} == {(SKIPPED, "cancelled", CANCELLED_KIND)}
    campaign = journal.get_campaign(campaign_id)
    assert campaign.state == CANCELLED and campaign.counts[PENDING] == 0 and not campaign.resumable
