"""Shared pieces for the engine tests: a database, a sandbox account, campaigns made straight in the journal."""

from __future__ import annotations

import subprocess
import sys

import pytest

from smsdesk.core.account import Account
from smsdesk.core.costing import PlannedMessage
from smsdesk.engine.outcomes import RetryPolicy
from smsdesk.engine.pacing import forget_shared_pacers
from smsdesk.store.journal import Journal

# Back-off in milliseconds, so fault-path tests stay fast; the shapes (doubling, jitter, bounds) are pacing's tests.
FAST_RETRY = RetryPolicy(max_attempts=3, unreachable_after=4, backoff_base=0.01, backoff_cap=0.05)


@pytest.fixture(autouse=True)
def _fresh_pacers():
    forget_shared_pacers()
    yield
    forget_shared_pacers()


LATENCY = 0.05  # seconds per request at the external sandbox


@pytest.fixture
def external_sandbox():
    """A sandbox in its own process (what it accepted survives any kill of ours), answering after LATENCY."""
    process = subprocess.Popen(
        [sys.executable, "-m", "smsdesk.sandbox", "--port", "0", "--latency", str(LATENCY)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), url
        yield url
    finally:
        process.kill()
        process.wait(10)
        process.stdout.close()


@pytest.fixture
def account(db, sandbox):
    account = Account(name="Demo", provider="sandbox", base_url=sandbox.url, price_per_segment=0.3)
    db.save_account(account)
    return account


def phone(i: int) -> str:
    return f"+4520{i:06d}"


def planned(n: int, *, text: str = "Hej {i}", skipped: int = 0, start: int = 0) -> list[PlannedMessage]:
    messages = [
        PlannedMessage(
            row=i + 2,
            phone=phone(start + i),
            fields={"Navn": f"N{i}"},
            text=text.format(i=i),
            encoding="GSM-7",
            segments=1,
        )
        for i in range(n)
    ]
    messages += [
        PlannedMessage(row=n + 2 + k, phone="123", skip_reason="too short", skip_kind="invalid")
        for k in range(skipped)
    ]
    return messages


def make_campaign(journal: Journal, account: Account, n: int, **kwargs) -> str:
    return journal.create_campaign(
        name="Test campaign",
        account=account,
        source_file="kunder.csv",
        sheet=None,
        template="Hej {Navn}",
        country="DK",
        phone_column="Mobil",
        columns=["Navn", "Mobil"],
        messages=planned(n, **kwargs),
    )
