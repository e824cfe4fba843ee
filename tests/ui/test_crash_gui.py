"""Issue 18's crash test: SIGKILL the window while it sends a CPSMS campaign (against the sandbox, with latency);
the sending child process ends by itself, and a resume completes it without texting anyone twice.

The window runs in its own process (tests/ui/crash_window.py builds it with create_app/create_window and starts
the campaign as Review's Send does); the account's key is in gnome-keyring in a private D-Bus session.
"""

from __future__ import annotations

import collections
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from smsdesk.engine.child import CHILD_FLAG
from smsdesk.providers import provider_class
from smsdesk.store.db import Database
from smsdesk.store.journal import FINAL_STATES, PENDING, SENDING, UNKNOWN, Journal
from tests.engine.conftest import make_campaign
from tests.engine.test_crash_providers import (
    keyring_env,  # noqa: F401 (a fixture, used by name)
    play_clock_forward,
    smsdesk,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="gnome-keyring and /proc are Linux's"),
]

RECIPIENTS = 300
LATENCY = 0.1
WINDOW = Path(__file__).with_name("crash_window.py")


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def is_sender(pid: int) -> bool:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return b"smsdesk.engine.child" in command or CHILD_FLAG.encode() in command


def running(pid: int) -> bool:
    """True while the process exists and is not a zombie (a zombie has ended; only its exit status is left)."""
    try:
        stat = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def wait_until(condition, limit: float, what: str) -> None:
    end = time.monotonic() + limit
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"{what} after {limit:g} s")
        time.sleep(0.02)


def test_sigkill_of_the_window_ends_its_sender_and_a_resume_completes_once(
    tmp_path,
    sandbox,
    keyring_env,  # noqa: F811
):
    sandbox.state.faults.latency = LATENCY
    name = "Butik CPSMS"
    added = smsdesk(
        keyring_env,
        *("accounts", "add", name, "--provider", "cpsms", "--username", "demo", "--base-url", sandbox.url),
        input="cpsms-demo-key",
        capture_output=True,
    )
    assert added.returncode == 0, added.stderr
    db = Database()
    journal = Journal(db)
    account = db.get_account(name)
    assert account is not None
    campaign_id = make_campaign(journal, account, RECIPIENTS)

    env = {**keyring_env, "QT_QPA_PLATFORM": "offscreen"}
    log = tmp_path / "window.log"
    with open(log, "w") as handle:
        window = subprocess.Popen(
            [sys.executable, str(WINDOW), campaign_id],
            env=env,
            cwd=Path(__file__).parents[2],
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until(
            lambda: len(sandbox.state.accepted_numbers()) >= 10, 60, f"nothing sent: {log.read_text()}"
        )
        senders = children_of(window.pid)
        senders = [pid for pid in senders if is_sender(pid)]
        assert senders, "the window started no sending process"
        window.send_signal(signal.SIGKILL)
        window.wait(10)
    finally:
        if window.poll() is None:
            window.kill()
            window.wait(10)
    wait_until(
        lambda: not any(running(pid) for pid in senders), 30, "the sending process outlived its window"
    )

    counts = journal.counts(campaign_id)
    assert counts[PENDING] > 0, (
        "nothing left pending: the sender sent on after its window died (or the kill came too late)"
    )
    resumed = smsdesk(
        keyring_env,
        *("campaigns", "resume", campaign_id, "--json", "--ignore-quiet-hours"),
        capture_output=True,
    )
    assert resumed.returncode in (0, 1), resumed.stdout + resumed.stderr
    assert "being sent by another" not in resumed.stderr
    counts = journal.counts(campaign_id)
    assert counts[PENDING] == 0 and counts[SENDING] == 0, counts

    interval = provider_class("cpsms").limits.delivery_status_min_interval
    grace = provider_class("cpsms").lookup_grace
    play_clock_forward(db, campaign_id, name, interval + grace + 1)
    reconciled = smsdesk(keyring_env, "campaigns", "reconcile", campaign_id, "--json", capture_output=True)
    assert reconciled.returncode == 0, reconciled.stdout + reconciled.stderr

    accepted = collections.Counter(sandbox.state.accepted_numbers())
    twice = {number: n for number, n in accepted.items() if n > 1}
    assert not twice, f"texted more than once: {twice}"
    rows = journal.messages(campaign_id)
    assert all(row.state in FINAL_STATES for row in rows)
    assert not [row for row in rows if row.state == UNKNOWN]
    db.close()
