"""`send --at`, `campaigns list/cancel/run-due`, quiet hours and stale content on the command line: the exact
contract of issue 16, on a fake clock, over real HTTP against the sandbox."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from smsdesk.cli import run_cli
from smsdesk.cli import schedule as cli_schedule
from smsdesk.providers.base import Account
from smsdesk.store import schedules, secrets
from smsdesk.store.db import Database
from smsdesk.store.journal import CANCELLED, SCHEDULED, SKIPPED, Journal
from tests.store.fixtures import fake_keyring

CPH = ZoneInfo("Europe/Copenhagen")


class Clock:
    def __init__(self, moment: datetime):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def clock(monkeypatch):
    fake = Clock(datetime(2026, 12, 3, 18, 0, tzinfo=CPH))
    monkeypatch.setattr(cli_schedule, "CLOCK", fake)
    monkeypatch.setattr(cli_schedule, "USER_ZONE", CPH)
    return fake


@pytest.fixture
def accounts(sandbox, monkeypatch):
    memory = fake_keyring.install(monkeypatch)
    db = Database()
    db.save_account(Account(name="Demo", provider="sandbox", base_url=sandbox.url))
    for name, provider, username, key in (
        ("Cp", "cpsms", "demo", "cpsms-demo-key"),
        ("Tx", "txty", "demo", "txty-demo-token"),
        ("Ip", "ip1", None, "ip1-demo-key"),
    ):
        db.save_account(
            Account(name=name, provider=provider, username=username, sender="SMSDesk", base_url=sandbox.url)
        )
        memory.passwords[(secrets.SERVICE, name)] = key
    db.close()
    return sandbox


@pytest.fixture
def recipients(tmp_path):
    path = tmp_path / "kunder.csv"
    path.write_text("Navn;Mobil\nAnna;20123451\nBo;20123452\nCecilie;20123453\n", encoding="utf-8")
    return path


def cli(capsys, *args: str) -> tuple[int, list[dict], str]:
    code = run_cli(list(args))
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines() if line.strip().startswith(("{", "["))]
    return code, lines, captured.err


def send_at(capsys, account: str, recipients, when: str, *extra: str, message: str = "Hej {Navn}"):
    return cli(
        capsys, "send", "--account", account, "--file", str(recipients), "--message", message, "--at", when,
        "--json", "--yes", *extra,
    )  # fmt: skip


def listed(capsys) -> dict[str, dict]:
    code, (campaigns,), _ = cli(capsys, "campaigns", "list", "--json")
    assert code == 0
    return {c["id"]: c for c in campaigns}


def test_app_side_schedule_is_sent_by_run_due_when_due_and_not_before(capsys, clock, accounts, recipients):
    code, lines, err = send_at(capsys, "Demo", recipients, "2026-12-04 09:00")
    assert code == 0, err
    (summary,) = lines
    assert summary["state"] == SCHEDULED and summary["scheduled_at"] == "2026-12-04T09:00+01:00"
    assert summary["pending"] == 3 and summary["sent"] == 0
    assert "SMSDesk keeps the time" in err and "run-due" in err
    campaign_id = summary["campaign"]
    assert listed(capsys)[campaign_id]["scheduled_at"] == "2026-12-04T09:00+01:00"
    assert accounts.state.accepted == []

    clock.moment = datetime(2026, 12, 4, 8, 59, tzinfo=CPH)
    code, lines, _ = cli(capsys, "campaigns", "run-due", "--json")
    assert code == 0 and lines == [] and accounts.state.accepted == []

    clock.moment = datetime(2026, 12, 4, 9, 0, tzinfo=CPH)
    code, lines, _ = cli(capsys, "campaigns", "run-due", "--json")
    assert code == 0
    *results, last = lines
    assert [r["status"] for r in results] == ["sent"] * 3 and last["campaign"] == campaign_id
    assert sorted(accounts.state.accepted_numbers()) == ["+4520123451", "+4520123452", "+4520123453"]

    code, lines, _ = cli(capsys, "campaigns", "run-due", "--json")  # nothing twice
    assert code == 0 and lines == [] and len(accounts.state.accepted) == 3


def test_cpsms_holds_the_messages_with_the_time_and_cancel_takes_them_back(capsys, accounts, recipients):
    when = datetime.fromtimestamp(int(time.time()) + 7200, UTC).astimezone(CPH)
    code, lines, err = send_at(capsys, "Cp", recipients, when.isoformat())
    assert code == 0, err
    *results, last = lines
    assert [r["status"] for r in results] == ["sent"] * 3
    assert (
        {r["scheduled_at"] for r in results} == {last["scheduled_at"]} == {when.isoformat(timespec="minutes")}
    )
    assert {a.scheduled_as for a in accounts.state.accepted} == {str(int(when.timestamp()))}
    assert "CPSMS.dk keeps the time" in err

    campaign_id = last["campaign"]
    code, _, err = cli(capsys, "campaigns", "cancel", campaign_id)
    assert code == 0, err
    assert ("cpsms", "DELETE", "/v2/deletesms") in accounts.state.requests
    assert all(a.cancelled for a in accounts.state.accepted)
    db = Database()
    records = Journal(db).messages(campaign_id)
    assert {(r.state, r.error) for r in records} == {(SKIPPED, "cancelled")}
    assert Journal(db).get_campaign(campaign_id).state == CANCELLED
    db.close()


def test_cpsms_cancel_within_10_minutes_is_refused_with_the_rule(capsys, accounts, recipients):
    when = datetime.fromtimestamp(int(time.time()) + 300, UTC).astimezone(CPH)
    code, lines, _ = send_at(capsys, "Cp", recipients, when.isoformat())
    assert code == 0
    code, _, err = cli(capsys, "campaigns", "cancel", lines[-1]["campaign"])
    assert code == 3 and "more than 10 minutes" in err
    assert not [r for r in accounts.state.requests if r[1] == "DELETE"]


def test_txty_says_before_scheduling_that_it_cannot_cancel_and_cancel_exits_3(capsys, accounts, recipients):
    when = datetime.fromtimestamp(int(time.time()) + 7200, UTC).astimezone(CPH)
    code, lines, err = send_at(capsys, "Tx", recipients, when.isoformat())
    assert code == 0 and "Txty v6 has no way to cancel" in err
    assert {a.scheduled_as for a in accounts.state.accepted} == {when.isoformat(timespec="seconds")}
    code, _, err = cli(capsys, "campaigns", "cancel", lines[-1]["campaign"])
    assert code == 3 and "no way to cancel" in err


def test_ip1_gets_a_delivery_window_opening_at_the_time_and_cancel_deletes_the_batch(
    capsys, accounts, recipients
):
    when = datetime.fromtimestamp(int(time.time()) + 7200, UTC).astimezone(CPH)
    code, lines, err = send_at(capsys, "Ip", recipients, when.isoformat(), "--ignore-quiet-hours")
    assert code == 0, err
    (window,) = json.loads(accounts.state.accepted[0].scheduled_as)
    assert datetime.fromisoformat(window["opens"]) == when
    code, _, err = cli(capsys, "campaigns", "cancel", lines[-1]["campaign"])
    assert code == 0, err
    assert any(
        r[:2] == ("ip1", "DELETE") and r[2].startswith("/v2/batches/") for r in accounts.state.requests
    )


@pytest.mark.parametrize(
    ("when", "words"),
    [
        ("2026-12-03 17:00", "in the past"),
        ("2027-06-01 09:00", "more than 90 days ahead"),
        ("tomorrow 9", "expected YYYY-MM-DD HH:MM"),
        ("2026-12-04T09:00", "no offset"),
    ],
)
def test_an_unusable_when_is_exit_2_with_one_line(capsys, clock, accounts, recipients, when, words):
    code, lines, err = send_at(capsys, "Demo", recipients, when)
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1
    assert lines == [] and Journal(Database()).list_campaigns() == []


def test_scheduling_inside_quiet_hours_needs_the_flag(capsys, clock, accounts, recipients, monkeypatch):
    monkeypatch.setattr(schedules, "DEFAULT_QUIET_HOURS", "20:00-08:00")
    code, _, err = send_at(capsys, "Demo", recipients, "2026-12-03 22:30")
    assert code == 2 and "inside quiet hours (20:00-08:00) for 3 recipient(s)" in err
    assert "--ignore-quiet-hours" in err
    code, lines, _ = send_at(capsys, "Demo", recipients, "2026-12-03 22:30", "--ignore-quiet-hours")
    assert code == 0 and lines[-1]["state"] == SCHEDULED


def test_cancel_an_app_side_schedule_and_bad_ids(capsys, clock, accounts, recipients):
    code, lines, _ = send_at(capsys, "Demo", recipients, "2026-12-04 09:00")
    campaign_id = lines[-1]["campaign"]
    assert cli(capsys, "campaigns", "cancel", campaign_id)[0] == 0
    assert listed(capsys)[campaign_id]["state"] == CANCELLED
    clock.moment = datetime(2026, 12, 4, 10, 0, tzinfo=CPH)
    assert cli(capsys, "campaigns", "run-due")[0] == 0 and accounts.state.accepted == []
    assert cli(capsys, "campaigns", "cancel", "2026-01-01-999")[0] == 2
    assert cli(capsys, "campaigns", "cancel", campaign_id)[0] == 2  # no longer waiting


def test_stale_content_needs_yes_and_holds_back_only_itself(capsys, clock, accounts, recipients):
    code, lines, _ = send_at(capsys, "Demo", recipients, "2026-12-04 09:00", message="Kun i dag: 20% {Navn}")
    stale_id = lines[-1]["campaign"]
    code, lines, _ = send_at(capsys, "Demo", recipients, "2026-12-05 08:30", message="Hej {Navn}")
    fresh_id = lines[-1]["campaign"]
    clock.moment = datetime(2026, 12, 5, 9, 0, tzinfo=CPH)  # the computer was off on the 4th
    code, lines, err = cli(capsys, "campaigns", "run-due", "--json")
    assert code == 2 and "--yes" in err and 'says "i dag"' in err and "Kun i dag" in err
    # the campaign due this morning went out at its time all the same; the stale one waits for a yes
    assert [line["campaign"] for line in lines if "sent" in line and "phone" not in line] == [fresh_id]
    assert len(accounts.state.accepted) == 3 and listed(capsys)[stale_id]["state"] == SCHEDULED
    code, lines, _ = cli(capsys, "campaigns", "run-due", "--json", "--yes")
    assert code == 0 and lines[-1]["campaign"] == stale_id and lines[-1]["sent"] == 3
    assert len(accounts.state.accepted) == 6


def test_resume_and_run_due_name_their_flags_in_help(capsys):
    for command in (["send"], ["campaigns", "resume"], ["campaigns", "run-due"]):
        with pytest.raises(SystemExit):
            run_cli([*command, "--help"])
        out = capsys.readouterr().out
        assert "--ignore-quiet-hours" in out
    assert "--yes" in out


def test_resuming_a_provider_side_schedule_hands_the_rest_over_with_the_same_time(
    capsys, accounts, recipients
):
    from tests.engine.conftest import make_campaign

    when = datetime.fromtimestamp(int(time.time()) + 7200, UTC).astimezone(CPH)
    db = Database()
    campaign_id = make_campaign(Journal(db), db.get_account("Cp"), 3)  # as a send cut short leaves it
    schedules.set_schedule(db, campaign_id, scheduled_at=when, scheduled_by=schedules.BY_PROVIDER)
    db.close()
    code, lines, err = cli(capsys, "campaigns", "resume", campaign_id, "--json")
    assert code == 0, err
    *results, last = lines
    assert [r["status"] for r in results] == ["sent"] * 3
    assert (
        {r["scheduled_at"] for r in results} == {last["scheduled_at"]} == {when.isoformat(timespec="minutes")}
    )
    assert {a.scheduled_as for a in accounts.state.accepted} == {str(int(when.timestamp()))}
