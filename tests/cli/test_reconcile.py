"""`smsdesk campaigns reconcile ID [--json]`: unknown messages settled with the provider's own list."""

from __future__ import annotations

import json

import pytest

from smsdesk.cli import run_cli
from smsdesk.core.account import Account
from smsdesk.engine.reconcile import NOT_RECEIVED
from smsdesk.providers import provider_class
from smsdesk.providers.base import OutgoingMessage
from smsdesk.sandbox.server import DEFAULT_CREDENTIALS
from smsdesk.store import secrets
from smsdesk.store.journal import Journal, Outcome
from tests.engine.conftest import make_campaign, phone
from tests.store.fixtures import fake_keyring


@pytest.fixture
def memory(monkeypatch):
    return fake_keyring.install(monkeypatch)


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = run_cli(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def unknown_campaign(db, sandbox, name: str, accepted: int, n: int = 3) -> tuple[str, Account]:
    """A campaign of `n` unknown messages of which the provider really took the first `accepted`."""
    username, secret = DEFAULT_CREDENTIALS[name]
    account = Account(
        name=f"acct-{name}",
        provider=name,
        username=username,
        sender="SMSDesk" if name in ("txty", "ip1") else None,
        base_url=sandbox.url,
    )
    db.save_account(account)
    if name != "sandbox":
        secrets.save_secret(account.name, secret)
    journal = Journal(db)
    campaign_id = make_campaign(journal, account, n, text="Same")
    rows = journal.messages(campaign_id)
    with provider_class(name)(account, secret) as provider:
        for row in rows[:accepted]:
            key = f"{campaign_id}-{row.id}"
            results = provider.send([OutgoingMessage(key, row.phone, row.text, row.encoding, row.segments)])
            assert results[0].accepted
    journal.mark_sending([r.id for r in rows])
    journal.record(
        [Outcome(r.id, "unknown", error="HTTP 504 from a gateway", error_kind="unknown") for r in rows]
    )
    return campaign_id, account


def test_the_sandbox_settles_every_unknown(capsys, db, sandbox):
    campaign_id, _ = unknown_campaign(db, sandbox, "sandbox", accepted=2)
    code, out, _ = cli(capsys, "campaigns", "reconcile", campaign_id, "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(line["phone"], line["status"]) for line in lines[:-1]] == [
        (phone(0), "sent"),
        (phone(1), "sent"),
        (phone(2), "failed"),
    ]
    assert all(line["message_id"] for line in lines[:2]) and lines[2]["error"] == NOT_RECEIVED
    assert set(lines[0]) >= {
        "row",
        "phone",
        "status",
        "message_id",
        "error",
        "segments",
    }  # the send line format
    summary = lines[-1]
    assert summary["campaign"] == campaign_id and summary["unknown"] == 0 and summary["settled"] == 3
    # Then "retry failed" sends the one not received, once.
    assert cli(capsys, "campaigns", "retry", campaign_id)[0] == 0
    assert cli(capsys, "campaigns", "resume", campaign_id)[0] == 0
    assert sorted(sandbox.state.accepted_numbers()) == [phone(0), phone(1), phone(2)]


@pytest.mark.parametrize("name", ["cpsms", "ip1"])
def test_cpsms_and_ip1_find_what_they_received(capsys, db, sandbox, memory, name):
    campaign_id, _ = unknown_campaign(db, sandbox, name, accepted=2)
    code, out, err = cli(capsys, "campaigns", "reconcile", campaign_id, "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [(line["phone"], line["status"]) for line in lines[:-1]] == [
        (phone(0), "sent"),
        (phone(1), "sent"),
    ]
    # The third was sent a moment ago: not in the list yet is not "not received" until the grace has passed.
    assert code == 1 and lines[-1]["unknown"] == 1
    assert "stay unknown" in err


def test_cpsms_log_is_asked_at_most_once_per_two_minutes(capsys, db, sandbox, memory):
    campaign_id, _ = unknown_campaign(db, sandbox, "cpsms", accepted=0)
    assert cli(capsys, "campaigns", "reconcile", campaign_id)[0] == 1
    before = len(sandbox.state.requests)
    code, _, err = cli(capsys, "campaigns", "reconcile", campaign_id)
    assert code == 1 and "try again in" in err
    assert len(sandbox.state.requests) == before  # the log was not asked again


@pytest.mark.parametrize("name", ["txty", "customersms", "ugsms"])
def test_providers_that_cannot_tell_leave_them_unknown_with_one_clear_line(capsys, db, sandbox, memory, name):
    campaign_id, _ = unknown_campaign(db, sandbox, name, accepted=1)
    code, out, err = cli(capsys, "campaigns", "reconcile", campaign_id, "--json")
    summary = json.loads(out.splitlines()[-1])
    assert code == 1 and summary["can_tell"] is False and summary["unknown"] == 3
    assert "cannot tell which messages it received" in err and "Traceback" not in err


def test_a_refused_key_exits_3(capsys, db, sandbox):
    campaign_id, _ = unknown_campaign(db, sandbox, "sandbox", accepted=0)
    sandbox.state.faults.wrong_credentials = True
    code, _, err = cli(capsys, "campaigns", "reconcile", campaign_id)
    assert code == 3 and "refused" in err


def test_bad_input_exits_2(capsys, db):
    code, _, err = cli(capsys, "campaigns", "reconcile", "1999-01-01-001")
    assert code == 2 and "No campaign" in err
