"""Issue 18's crash test, as a user lives it: a CPSMS campaign started from the GUI (against the sandbox, with
latency), the app SIGKILLed mid-send, the app started again and the campaign resumed from its start-up offer.
The sending child ends by itself, no SMSDesk process from before the kill is left, the campaign completes, and
nobody is texted twice.

Both apps are the real entry point in their own process (tests/ui/crash_window.py), each with a scripted user
inside that clicks and types on the real widgets and dialogs and prints what the test waits for. The account's key
is in gnome-keyring in a private D-Bus session, which both apps share with the CLI calls.
"""

from __future__ import annotations

import collections
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from smsdesk.engine.child import CHILD_FLAG
from smsdesk.engine.sender import DEFAULT_CONCURRENCY
from smsdesk.providers import provider_class
from smsdesk.store.db import Database
from smsdesk.store.journal import FINAL_STATES, INTERRUPTED, PENDING, SENDING, SENT, SKIPPED, UNKNOWN, Journal
from tests.engine.conftest import make_campaign
from tests.engine.test_crash_providers import (
    keyring_env,  # noqa: F401 (a fixture, used by name)
    play_clock_forward,
    smsdesk,
)
from tests.ui.conftest import write_customers

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="gnome-keyring and /proc are Linux's"),
]

RECIPIENTS = 300
LATENCY = 0.1  # seconds per request at the sandbox: requests are in flight when the kill lands
# CPSMS gets one request per personalised text, DEFAULT_CONCURRENCY at once: after the kill only those may still be
# accepted (twice as many, for the ones that land between counting and the kill).
SENT_BEFORE_KILL = 10
ACCOUNT = "Butik CPSMS"
CAMPAIGN = "Julefrokost"
OTHER = "Test campaign"  # tests.engine.conftest.make_campaign's name: interrupted too, and offered first
ROOT = Path(__file__).parents[2]
TICKS = os.sysconf("SC_CLK_TCK")


def stat_fields(pid: int) -> list[str] | None:
    """/proc/PID/stat after the command name (which may hold spaces): state is [0], parent [1], start time [19]."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None


def running(pid: int) -> bool:
    """True while the process exists and is not a zombie (a zombie has ended; only its exit status is left)."""
    fields = stat_fields(pid)
    return fields is not None and fields[0] != "Z"


def children_of(pid: int) -> list[int]:
    return [
        int(entry.name)
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and (fields := stat_fields(int(entry.name))) and int(fields[1]) == pid
    ]


def is_sender(pid: int) -> bool:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return b"smsdesk.engine.child" in command or CHILD_FLAG.encode() in command


def now_in_ticks() -> int:
    """This moment in /proc's clock for start times: clock ticks since boot."""
    return int(float(Path("/proc/uptime").read_text().split()[0]) * TICKS)


def smsdesk_processes(home: Path) -> dict[int, int]:
    """This test's running SMSDesk processes, whoever their parent is now (a grandchild of a killed window belongs
    to init): the command line names smsdesk or the window script, and the environment has this test's
    SMSDESK_HOME, so another test run's SMSDesk on this machine is never counted. Process id -> start time."""
    found = {}
    marker = f"SMSDESK_HOME={home}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
            environment = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        fields = stat_fields(int(entry.name))
        if fields is None or fields[0] == "Z" or marker not in environment:
            continue
        if b"smsdesk" in command.lower() or b"crash_window" in command:
            found[int(entry.name)] = int(fields[19])
    return found


def wait_until(condition, limit: float, what) -> None:
    end = time.monotonic() + limit
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"{what() if callable(what) else what} after {limit:g} s")
        time.sleep(0.05)


class Apps:
    """The app processes of one test, each with its output in a file; whatever is left is killed at the end."""

    def __init__(self, env: dict[str, str], folder: Path):
        self.env = {**env, "QT_QPA_PLATFORM": "offscreen"}
        self.folder = folder
        self.started: list[subprocess.Popen] = []

    def start(self, *args: str) -> tuple[subprocess.Popen, Path]:
        log = self.folder / f"app{len(self.started) + 1}.log"
        with open(log, "w") as handle:
            process = subprocess.Popen(
                [sys.executable, "-m", "tests.ui.crash_window", *args],
                env=self.env,
                cwd=ROOT,
                stdout=handle,
                stderr=subprocess.STDOUT,
            )
        self.started.append(process)
        return process, log

    def kill_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.kill()
                process.wait(10)
        for pid in smsdesk_processes(Path(self.env["SMSDESK_HOME"])):
            with contextlib.suppress(OSError):  # it ended meanwhile
                os.kill(pid, signal.SIGKILL)


@pytest.fixture
def apps(keyring_env, tmp_path):  # noqa: F811
    started = Apps(keyring_env, tmp_path)
    try:
        yield started
    finally:
        started.kill_all()  # before the keyring session ends (keyring_env's teardown comes after this one)


def line_starting(log: Path, prefix: str) -> str | None:
    return next((line for line in log.read_text().splitlines() if line.startswith(prefix)), None)


def wait_for_line(process: subprocess.Popen, log: Path, prefix: str, limit: float) -> str:
    def seen() -> bool:
        if line_starting(log, prefix) is not None:
            return True
        if process.poll() is not None:
            raise AssertionError(
                f"the app ended ({process.returncode}) before '{prefix}':\n{log.read_text()}"
            )
        return False

    wait_until(seen, limit, lambda: f"no '{prefix}' from the app:\n{log.read_text()}")
    line = line_starting(log, prefix)
    assert line is not None
    return line[len(prefix) :].strip()


def test_a_campaign_sent_from_the_gui_survives_a_sigkill_and_resumes_from_the_restart_offer_once(
    tmp_path,
    sandbox,
    keyring_env,  # noqa: F811
    apps,
):
    sandbox.state.faults.latency = LATENCY
    home = Path(keyring_env["SMSDESK_HOME"])
    added = smsdesk(
        keyring_env,
        *("accounts", "add", ACCOUNT, "--provider", "cpsms", "--username", "demo", "--base-url", sandbox.url),
        input="cpsms-demo-key",
        capture_output=True,
    )
    assert added.returncode == 0, added.stderr
    customers = write_customers(tmp_path / "kunder.csv", rows=RECIPIENTS)

    # Each wait is generous (two cores shared with other runs) yet all of them fit in pytest-timeout's 300 s, so a
    # hang fails with the app's log and what was awaited.
    window, log = apps.start("send", str(customers), ACCOUNT, CAMPAIGN)
    campaign_id = wait_for_line(window, log, "sending ", 120)
    wait_until(
        lambda: len(sandbox.state.accepted_numbers()) >= SENT_BEFORE_KILL, 60, "the sandbox got too few"
    )
    senders = [pid for pid in children_of(window.pid) if is_sender(pid)]
    assert senders, "the window started no sending process"
    before = smsdesk_processes(home)
    assert window.pid in before and set(senders) <= set(before)
    accepted_at_kill = len(sandbox.state.accepted_numbers())
    killed_at = now_in_ticks()
    window.send_signal(signal.SIGKILL)
    window.wait(10)

    wait_until(
        lambda: not any(running(pid) for pid in senders), 30, "the sending process outlived its window"
    )
    sent_after = len(sandbox.state.accepted_numbers()) - accepted_at_kill
    assert sent_after <= 2 * DEFAULT_CONCURRENCY, f"{sent_after} accepted after the kill: the sender sent on"
    wait_until(
        lambda: not [pid for pid, start in smsdesk_processes(home).items() if start <= killed_at],
        30,
        lambda: f"SMSDesk processes from before the kill still run: {smsdesk_processes(home)}",
    )

    db = Database()
    journal = Journal(db)
    campaign = journal.get_campaign(campaign_id)
    assert campaign.name == CAMPAIGN and campaign.account == ACCOUNT
    assert campaign.state == INTERRUPTED, "a killed window's campaign must be offered at the next start"
    counts = journal.counts(campaign_id)
    assert counts[PENDING] > 0, (
        "nothing left pending: the sender sent on after its window died (or the kill came late)"
    )
    # Another interrupted campaign, newer, so the offer lists it first: the resume must take the one picked.
    account = db.get_account(ACCOUNT)
    assert account is not None
    other = make_campaign(journal, account, 5)

    again, log = apps.start("resume", CAMPAIGN)
    finished = wait_for_line(again, log, "finished ", 120)
    assert again.wait(60) == 0, log.read_text()
    offered = [
        line[len("offered: ") :] for line in log.read_text().splitlines() if line.startswith("offered: ")
    ]
    assert len(offered) == 2 and offered[0].startswith(f"{OTHER} ("), offered
    assert finished == campaign_id, f"the app resumed {finished}, not the campaign picked ({campaign_id})"
    assert journal.counts(other)[PENDING] == 5, "the campaign not picked was sent"
    counts = journal.counts(campaign_id)
    assert counts[PENDING] == 0 and counts[SENDING] == 0, counts
    wait_until(lambda: not smsdesk_processes(home), 30, lambda: f"left running: {smsdesk_processes(home)}")

    # What the app's own lookup could not settle yet (CPSMS: one log call per two minutes, and "not received"
    # only after its grace period), the user's later `campaigns reconcile` does: the clock is played forward.
    interval = provider_class("cpsms").limits.delivery_status_min_interval
    grace = provider_class("cpsms").lookup_grace
    play_clock_forward(db, campaign_id, ACCOUNT, interval + grace + 1)
    reconciled = smsdesk(keyring_env, "campaigns", "reconcile", campaign_id, "--json", capture_output=True)
    assert reconciled.returncode == 0, reconciled.stdout + reconciled.stderr

    accepted = collections.Counter(sandbox.state.accepted_numbers())
    twice = {number: n for number, n in accepted.items() if n > 1}
    assert not twice, f"texted more than once: {twice}"
    rows = journal.messages(campaign_id)
    assert len([row for row in rows if row.state != SKIPPED]) == RECIPIENTS
    assert all(row.state in FINAL_STATES for row in rows)
    assert not [row for row in rows if row.state == UNKNOWN]
    assert {row.phone for row in rows if row.state == SENT} == set(accepted), (
        "sent is what the provider accepted"
    )
    db.close()
