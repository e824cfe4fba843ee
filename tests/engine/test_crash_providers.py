"""The crash test with real provider accounts: CPSMS and iP.1 against the sandbox, keys in a real keyring.

The sender is the real CLI (`smsdesk campaigns resume ID --json`), killed with SIGKILL mid-campaign a few times and
resumed. Its account's key lives in gnome-keyring inside a private D-Bus session (see tests/store/
test_secret_service.py: with CI=true missing tools fail, elsewhere they skip). After the last resume,
`smsdesk campaigns reconcile ID` asks the provider's own list (CPSMS's log, iP.1's batches): nobody was accepted
twice, and nothing is left unknown.

The clock is played forward, never the product's rules bent: CPSMS allows one log call per two minutes (kept in the
database's settings) and a message counts as "not received" only a grace period after it was sent. The test moves
those recorded times back by the interval and the grace, as if the user asked again later.
"""

from __future__ import annotations

import collections
import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from smsdesk.providers import provider_class
from smsdesk.store.db import Database
from smsdesk.store.journal import FINAL_STATES, PENDING, SENDING, SENT, UNKNOWN, Journal
from tests.engine.conftest import make_campaign
from tests.keyring_session import missing_tools, throwaway_keyring_env

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="gnome-keyring is Linux's Secret Service"
    ),
]

# iP.1 sends slower (a read-back after each batch, and a look at batches still in progress before the next):
# fewer recipients keep its run as short as CPSMS's, with as many kills landing mid-campaign.
RECIPIENTS = {"cpsms": 240, "ip1": 120}
BATCH = 2  # messages per request
CONCURRENCY = 4  # DEFAULT_CONCURRENCY for providers without a documented rate limit (CPSMS, iP.1)
KILLS = 4
LATENCY = 0.1  # seconds per request at the sandbox: requests are in flight when the kill lands
ROOT = Path(__file__).parents[2]

ACCOUNTS = {
    "cpsms": (["--username", "demo"], "cpsms-demo-key"),
    "ip1": (["--sender", "SMSDesk"], "ip1-demo-key"),
}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


@pytest.fixture
def keyring_env(tmp_path, smsdesk_home):
    """The environment for SMSDesk processes that keep keys in gnome-keyring, in a private D-Bus session that lives
    until the test ends (its shell waits on stdin)."""
    message = missing_tools()
    if message:
        if in_ci():
            pytest.fail(f"CI must run the real-keyring crash test: {message}")
        pytest.skip(message)
    env = throwaway_keyring_env(tmp_path)
    env["SMSDESK_HOME"] = str(smsdesk_home)
    session = subprocess.Popen(
        [
            "dbus-run-session",
            "--",
            "sh",
            "-c",
            "echo -n test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null; "
            'echo "$DBUS_SESSION_BUS_ADDRESS"; exec cat >/dev/null',
        ],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert session.stdout is not None and session.stdin is not None
        address = session.stdout.readline().strip()
        assert address, "dbus-run-session printed no bus address"
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        yield env
    finally:
        if session.stdin:
            session.stdin.close()  # `cat` ends, and with it the session and its keyring daemon
        try:
            session.wait(20)
        except subprocess.TimeoutExpired:
            session.kill()
            session.wait(10)
        if session.stdout:
            session.stdout.close()


def smsdesk(env: dict[str, str], *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "smsdesk", *args], env=env, cwd=ROOT, text=True, timeout=120, **kwargs
    )


def start_sender(env: dict[str, str], campaign_id: str, out: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "smsdesk", "campaigns", "resume", campaign_id, "--json"]
    command += ["--batch-size", str(BATCH), "--ignore-quiet-hours"]
    with open(out, "w") as handle:
        return subprocess.Popen(command, env=env, cwd=ROOT, stdout=handle, stderr=subprocess.DEVNULL)


def wait_for_first_result(process: subprocess.Popen, out: Path, limit: float = 30.0) -> bool:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if '"status"' in out.read_text():
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.01)
    raise AssertionError("the sender printed nothing for 30 s")


def play_clock_forward(db: Database, campaign_id: str, account_name: str, seconds: float) -> None:
    """As if `seconds` had passed: the account's last lookup and the unknown messages' sending times move back."""
    last = db.get_float(f"lookup_at:{account_name}")
    if last is not None:
        db.set_setting(f"lookup_at:{account_name}", repr(last - seconds))
    with db.transaction() as conn:
        rows = conn.execute(
            "SELECT s.id, s.sending_at, s.done_at FROM message_status AS s JOIN messages ON messages.id = s.id"
            " WHERE messages.campaign_id = ? AND s.state = ?",
            (campaign_id, UNKNOWN),
        ).fetchall()
        for row_id, sending_at, done_at in rows:
            earlier = [
                (datetime.fromisoformat(stamp) - timedelta(seconds=seconds)).isoformat() if stamp else stamp
                for stamp in (sending_at, done_at)
            ]
            conn.execute(
                "UPDATE message_status SET sending_at = ?, done_at = ? WHERE id = ?", (*earlier, row_id)
            )


@pytest.mark.parametrize("provider", sorted(ACCOUNTS))
def test_sigkill_with_a_provider_account_then_reconcile_leaves_nobody_twice_and_nothing_unknown(
    provider, tmp_path, sandbox, keyring_env
):
    sandbox.state.faults.latency = LATENCY
    options, key = ACCOUNTS[provider]
    name = f"Crash {provider}"
    added = smsdesk(
        keyring_env,
        *("accounts", "add", name, "--provider", provider, "--base-url", sandbox.url, *options),
        input=key,
        capture_output=True,
    )
    assert added.returncode == 0, added.stderr
    keyring = smsdesk(keyring_env, "accounts", "keyring", "--json", capture_output=True)
    assert "SecretService" in keyring.stdout, keyring.stdout  # the key is in gnome-keyring, not a file

    db = Database()
    journal = Journal(db)
    account = db.get_account(name)
    assert account is not None
    campaign_id = make_campaign(journal, account, RECIPIENTS[provider])
    rng = random.Random(int(os.environ.get("SMSDESK_CRASH_SEED", "20261202")))
    out = tmp_path / "sender.jsonl"

    kills_mid_campaign = 0
    unknown_before = 0
    for _ in range(KILLS):
        process = start_sender(keyring_env, campaign_id, out)
        if not wait_for_first_result(process, out):
            break
        time.sleep(rng.uniform(0.0, 0.3))
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        journal.recover_interrupted()  # what the app does on its next start
        counts = journal.counts(campaign_id)
        assert counts[SENDING] == 0
        assert counts[UNKNOWN] - unknown_before <= CONCURRENCY * BATCH, (
            "more unknowns than messages in flight"
        )
        unknown_before = counts[UNKNOWN]
        if not counts[PENDING]:
            break
        kills_mid_campaign += 1

    process = start_sender(keyring_env, campaign_id, out)
    assert process.wait(120) in (0, 1)
    assert kills_mid_campaign == KILLS, f"only {kills_mid_campaign} kills landed mid-campaign"
    assert unknown_before > 0, "no kill landed while a request was out: the test proved nothing"

    # Ask the provider's list, later (CPSMS: one log call per two minutes), and again after the grace period for
    # any message the provider never got. Each ask is the CLI the user runs.
    grace = provider_class(provider).lookup_grace
    interval = provider_class(provider).limits.delivery_status_min_interval
    reconciled = None
    for seconds in (interval + 1, grace + interval + 1):
        play_clock_forward(db, campaign_id, name, seconds)
        reconciled = smsdesk(
            keyring_env, "campaigns", "reconcile", campaign_id, "--json", capture_output=True
        )
        if reconciled.returncode == 0:
            break
    assert reconciled is not None
    assert reconciled.returncode == 0, reconciled.stdout + reconciled.stderr
    summary = json.loads(reconciled.stdout.strip().splitlines()[-1])
    assert summary["unknown"] == 0, summary

    accepted = collections.Counter(sandbox.state.accepted_numbers())
    twice = {number: n for number, n in accepted.items() if n > 1}
    assert not twice, f"texted more than once: {twice}"
    rows = journal.messages(campaign_id)
    assert len(rows) == RECIPIENTS[provider]
    assert all(row.state in FINAL_STATES for row in rows)
    assert not [row for row in rows if row.state == UNKNOWN]
    sent = {row.phone for row in rows if row.state == SENT}
    assert sent == set(accepted), "sent is exactly what the provider accepted"
    db.close()
