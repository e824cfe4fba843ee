"""Scheduling and cancelling, over real HTTP against the sandbox: the parameter each provider documents carries
exactly the chosen moment, and cancel calls the documented endpoint."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from smsdesk.providers.base import GSM7, Account, OutgoingMessage
from smsdesk.providers.cpsms import CpsmsProvider
from smsdesk.providers.customersms import CustomerSmsProvider
from smsdesk.providers.ip1 import Ip1Provider
from smsdesk.providers.txty import TxtyProvider

CPH = ZoneInfo("Europe/Copenhagen")


def later(minutes: int) -> datetime:
    """A moment `minutes` ahead, to the second, in Copenhagen time (an offset that is not UTC's)."""
    return datetime.fromtimestamp(int(time.time()) + minutes * 60, UTC).astimezone(CPH)


def messages(n: int, text: str = "Fredagstilbud") -> list[OutgoingMessage]:
    return [
        OutgoingMessage(key=f"k{i}", to=f"+45{20000000 + i}", text=text, encoding=GSM7, segments=1)
        for i in range(n)
    ]


def make(cls, sandbox, username: str | None, secret: str):
    account = Account(name="x", provider=cls.name, username=username, sender="SMSDesk", base_url=sandbox.url)
    return cls(account, secret, timeout=5.0)


def test_cpsms_sends_the_moment_as_unix_seconds_and_cancels_by_reference(sandbox):
    when = later(60)
    with make(CpsmsProvider, sandbox, "demo", "cpsms-demo-key") as cpsms:
        cpsms.schedule(when)
        results = cpsms.send(messages(3))
        assert all(r.accepted for r in results)
        assert {a.scheduled_as for a in sandbox.state.accepted} == {str(int(when.timestamp()))}
        assert all(sandbox.state.delivery_of(a) == "pending" for a in sandbox.state.accepted)

        outcome = cpsms.cancel_scheduled([r.message_id for r in results])
    assert outcome.problem is None and set(outcome.cancelled) == {r.message_id for r in results}
    assert ("cpsms", "DELETE", "/v2/deletesms") in sandbox.state.requests
    assert all(a.cancelled for a in sandbox.state.accepted)


def test_cpsms_refuses_to_cancel_within_10_minutes(sandbox):
    with make(CpsmsProvider, sandbox, "demo", "cpsms-demo-key") as cpsms:
        assert cpsms.limits.cancel_notice == 600 and "10 minutes" in cpsms.limits.cancel_rule
        cpsms.schedule(later(5))
        results = cpsms.send(messages(1))
        outcome = cpsms.cancel_scheduled([results[0].message_id])
    assert outcome.cancelled == () and "10 minutes" in outcome.problem
    assert not sandbox.state.accepted[0].cancelled


def test_txty_sends_iso_8601_with_the_offset_and_says_it_cannot_cancel(sandbox):
    when = later(90)
    with make(TxtyProvider, sandbox, "demo", "txty-demo-token") as txty:
        txty.schedule(when)
        results = txty.send(messages(1))
        assert results[0].accepted
        assert sandbox.state.accepted[0].scheduled_as == when.isoformat(timespec="seconds")
        assert sandbox.state.accepted[0].scheduled_as.endswith(("+01:00", "+02:00"))
        assert not txty.limits.cancels_scheduled
        outcome = txty.cancel_scheduled([results[0].message_id])
    assert outcome.cancelled == () and "no way to cancel" in outcome.problem
    assert not [r for r in sandbox.state.requests if r[1] == "DELETE"]


def test_ip1_sends_a_delivery_window_opening_then_and_cancels_the_batch(sandbox):
    opens = later(120)
    closes = opens + timedelta(hours=3)
    with make(Ip1Provider, sandbox, None, "ip1-demo-key") as ip1:
        ip1.schedule(opens, closes)
        results = ip1.send(messages(2))
        assert all(r.accepted for r in results)
        windows = json.loads(sandbox.state.accepted[0].scheduled_as)
        assert windows == [
            {"opens": opens.isoformat(timespec="seconds"), "closes": closes.isoformat(timespec="seconds")}
        ]
        batch_id = results[0].message_id.partition("/")[0]
        outcome = ip1.cancel_scheduled([r.message_id for r in results])
    assert outcome.problem is None and len(outcome.cancelled) == 2
    assert ("ip1", "DELETE", f"/v2/batches/{batch_id}") in sandbox.state.requests
    assert all(a.cancelled for a in sandbox.state.accepted)


def test_a_provider_that_cannot_schedule_refuses_a_time(sandbox):
    account = Account(name="c", provider="customersms", base_url=sandbox.url)
    with (
        CustomerSmsProvider(account, "cspro_demo_key") as provider,
        pytest.raises(ValueError, match="cannot"),
    ):
        provider.schedule(later(60))
