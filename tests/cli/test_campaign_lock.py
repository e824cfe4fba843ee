"""The campaign lock over the real CLI: who holds it is named, a dead holder never blocks, and a deleted lock file
neither crashes a resume nor lets a second SMSDesk in (issues 18 item 1 and 19)."""

from __future__ import annotations

import collections
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from smsdesk.core.account import Account
from smsdesk.store.db import Database
from smsdesk.store.journal import Journal
from tests.cli.test_broken_storage import LATENCY, smsdesk_command, wait_for_results
from tests.engine.conftest import make_campaign

pytestmark = pytest.mark.skipif(os.name != "posix", reason="deletes a file a running process holds open")


@pytest.fixture
def campaign(sandbox):
    sandbox.state.faults.latency = LATENCY
    db = Database()
    account = Account(name="Demo", provider="sandbox", base_url=sandbox.url)
    db.save_account(account)
    campaign_id = make_campaign(Journal(db), account, 300)
    db.close()
    return campaign_id


def start_resume(campaign_id: str, out, err) -> subprocess.Popen:
    command = smsdesk_command("campaigns", "resume", campaign_id, "--json", "--batch-size", "2")
    with open(out, "w") as stdout, open(err, "w") as stderr:
        return subprocess.Popen(command, stdout=stdout, stderr=stderr)


def test_busy_names_the_process_and_since_when(campaign):
    db = Database()
    try:
        with Journal(db).lock(campaign):
            result = subprocess.run(
                smsdesk_command("campaigns", "resume", campaign), capture_output=True, text=True, timeout=60
            )
    finally:
        db.close()
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"process {os.getpid()}" in result.stderr
    assert re.search(r"since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d", result.stderr), result.stderr


def test_a_lock_left_by_a_killed_process_never_blocks_a_resume(campaign, sandbox):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from smsdesk.store.db import Database\n"
            "from smsdesk.store.journal import Journal\n"
            "journal = Journal(Database())\n"
            "with journal.lock(sys.argv[1]):\n"
            "    print('locked', flush=True)\n"
            "    time.sleep(60)\n",
            campaign,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(10)
    holder.stdout.close()
    db = Database()
    try:
        lock = Journal(db).lock_path(campaign)
        assert str(holder.pid) in lock.read_text()  # its record is still there: only the OS lock died with it
    finally:
        db.close()
    result = subprocess.run(smsdesk_command("campaigns", "resume", campaign), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert len(sandbox.state.accepted) == 300


def test_deleting_the_lock_file_mid_resume_crashes_nothing_and_lets_nobody_in(tmp_path, campaign, sandbox):
    out, err = tmp_path / "out.jsonl", tmp_path / "err.txt"
    resume = start_resume(campaign, out, err)
    wait_for_results(resume, out, 6)
    db = Database()
    lock_file = Journal(db).lock_path(campaign)
    db.close()
    lock_file.unlink()
    time.sleep(0.2)  # a few of the resume's commits
    discard = subprocess.run(
        smsdesk_command("campaigns", "discard", campaign), capture_output=True, text=True, timeout=60
    )
    code = resume.wait(120)
    resume_err = err.read_text()
    assert "Traceback" not in resume_err and "Traceback" not in discard.stderr, (resume_err, discard.stderr)
    # The resume took its lock again before the discard came: the discard is refused, naming the resume.
    assert discard.returncode == 2, discard.stdout
    assert f"process {resume.pid}" in discard.stderr
    assert code == 0, resume_err
    accepted = collections.Counter(sandbox.state.accepted_numbers())
    assert len(accepted) == 300 and max(accepted.values()) == 1
