"""The crash test: kill the sending process with SIGKILL at random moments, resume, and never text anyone twice.

The sandbox runs in its own process (so the kill cannot touch what it accepted); the sender is the real CLI,
`python -m smsdesk campaigns resume ID --json`, started afresh after every kill.
"""

from __future__ import annotations

import collections
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from smsdesk.core.account import Account
from smsdesk.store.db import Database
from smsdesk.store.journal import FAILED, FINAL_STATES, PENDING, SENDING, SENT, UNKNOWN, Journal
from tests.engine.conftest import make_campaign

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX"),
]

RECIPIENTS = 500
BATCH = 2  # messages per request
CONCURRENCY = 4  # the sandbox provider's default requests in flight
MIN_KILLS = 12
DEADLINE = 100.0  # seconds for the whole kill loop; the test stays bounded on a slow machine


def start_sender(campaign_id: str, out: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "smsdesk", "campaigns", "resume", campaign_id, "--json"]
    command += ["--batch-size", str(BATCH)]
    with open(out, "w") as handle:
        return subprocess.Popen(command, stdout=handle, stderr=subprocess.DEVNULL)


def wait_for_first_result(process: subprocess.Popen, out: Path, limit: float = 30.0) -> bool:
    """True once the sender has printed a result (it is mid-campaign); False if it ended first."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if '"status"' in out.read_text():
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.01)
    raise AssertionError("the sender printed nothing for 30 s")


def test_sigkill_at_random_moments_never_sends_twice(tmp_path, external_sandbox):
    db = Database()
    journal = Journal(db)
    account = Account(name="Crash sandbox", provider="sandbox", base_url=external_sandbox)
    db.save_account(account)
    campaign_id = make_campaign(journal, account, RECIPIENTS)
    rng = random.Random(int(os.environ.get("SMSDESK_CRASH_SEED", "20261122")))
    out = tmp_path / "sender.jsonl"

    kills_mid_campaign = 0
    unknown_before = 0
    started = time.monotonic()
    trial = 0
    while kills_mid_campaign < MIN_KILLS and time.monotonic() - started < DEADLINE:
        trial += 1
        process = start_sender(campaign_id, out)
        if trial % 4 == 0:
            time.sleep(rng.uniform(0.0, 0.8))  # some kills land in start-up or recovery
        elif wait_for_first_result(process, out):
            time.sleep(rng.uniform(0.0, 0.25))
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        # What the app does on its next start, before anything else:
        journal.recover_interrupted()
        counts = journal.counts(campaign_id)
        assert counts[SENDING] == 0
        new_unknowns = counts[UNKNOWN] - unknown_before
        assert new_unknowns <= CONCURRENCY * BATCH, "more unknowns than messages in flight"
        unknown_before = counts[UNKNOWN]
        if counts[PENDING]:
            kills_mid_campaign += 1
        else:
            break

    # Last run: no kill; it must finish the campaign.
    process = start_sender(campaign_id, out)
    assert process.wait(120) in (0, 1)
    last = out.read_text().strip().splitlines()[-1]
    assert f'"campaign": "{campaign_id}"' in last

    assert kills_mid_campaign >= MIN_KILLS, f"only {kills_mid_campaign} kills landed mid-campaign"
    assert unknown_before > 0, "no kill landed while a request was out: the test proved nothing"
    answer = httpx.get(f"{external_sandbox}/_sandbox/accepted", timeout=10).json()
    accepted = collections.Counter(item["to"] for item in answer["accepted"])
    twice = {number: n for number, n in accepted.items() if n > 1}
    assert not twice, f"texted more than once: {twice}"

    rows = journal.messages(campaign_id)
    assert len(rows) == RECIPIENTS
    assert all(row.state in FINAL_STATES for row in rows)  # every recipient ends in exactly one final state
    sent = {row.phone for row in rows if row.state == SENT}
    unknown = {row.phone for row in rows if row.state == UNKNOWN}
    assert sent <= set(accepted)  # "sent" is only ever written for what the provider accepted
    assert set(accepted) <= sent | unknown  # anything accepted but not known to be sent is marked unknown
    assert (
        len(unknown)
        <= kills_mid_campaign * CONCURRENCY * BATCH + (trial - kills_mid_campaign) * CONCURRENCY * BATCH
    )
    # The last run ended by asking the sandbox's list about the unknown ones (engine/reconcile.py): none is left,
    # and each it never got is failed "not received", safe to retry.
    assert unknown == set()
    failed = {row.phone for row in rows if row.state == FAILED}
    assert not failed & set(accepted)
    db.close()
