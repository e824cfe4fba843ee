"""The send's child process: how the window starts it, its pipe, and that it never outlives the window."""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from smsdesk.core.account import Account
from smsdesk.core.states import CampaignState, MessageState
from smsdesk.engine import child
from smsdesk.engine.results import MessageUpdate, StateUpdate
from smsdesk.engine.sender import CampaignRunner
from tests.engine.conftest import make_campaign


def test_from_source_the_child_is_this_python_with_the_module():
    assert child.child_command() == [sys.executable, "-m", "smsdesk.engine.child"]


def test_frozen_the_child_is_the_console_executable_beside_the_app(tmp_path, monkeypatch):
    app = tmp_path / "SMSDesk"
    app.write_text("")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(app))
    assert child.child_command() is None  # no console executable: the window sends on a thread
    suffix = ".exe" if sys.platform == "win32" else ""
    cli = tmp_path / f"smsdesk-cli{suffix}"
    cli.write_text("")
    assert child.child_command() == [str(cli), "--campaign-process"]


def test_the_hidden_flag_reaches_the_campaign_process(tmp_path, smsdesk_home):
    result = subprocess.run(
        [sys.executable, "-m", "smsdesk", "--campaign-process", str(tmp_path / "none.sqlite3"), "no-such-id"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 1
    assert "error" in json.loads(result.stdout.splitlines()[-1])


def test_every_event_crosses_the_pipe_field_for_field():
    events = [
        MessageUpdate(
            id=7, row=9, phone="+4520000001", state=MessageState.SENT, segments=2, message_id="m-1"
        ),
        MessageUpdate(
            id=8, row=10, phone="+4520000002", state=MessageState.UNKNOWN, segments=1, error="504 ø", cost=0.5
        ),
        StateUpdate(state=CampaignState.WAITING, reason="CPSMS.dk cannot be reached; next try in 8 s"),
        child.RunEnded(state=CampaignState.FINISHED),
        child.RunFailed(message="No campaign 'x'"),
    ]
    lines = [child.encode(event) for event in events]
    assert all("\n" not in line for line in lines)
    assert [child.decode(line) for line in lines] == events
    assert child.decode("not json") is None and child.decode('{"other": {}}') is None


# The window, as a process of its own: starts the child the way the window does, hands on what it reads.
_PARENT = """
import sys
from smsdesk.engine import child
process = child.spawn(sys.argv[1], sys.argv[2], {"max_batch": 1})
print(process.pid, flush=True)
for line in process.stdout:
    print(line, end="", flush=True)
"""


def _ended(pid: int) -> bool:
    """The process is gone, or a zombie nobody reaped yet (its parent died: it ran to its end)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (FileNotFoundError, ProcessLookupError):
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; SIGKILL is POSIX")
def test_the_child_ends_cleanly_when_its_window_is_killed(db, journal, external_sandbox):
    account = Account(name="Child sandbox", provider="sandbox", base_url=external_sandbox)
    db.save_account(account)
    campaign_id = make_campaign(journal, account, 400)
    window = subprocess.Popen(
        [sys.executable, "-c", _PARENT, str(db.path), campaign_id], stdout=subprocess.PIPE, text=True
    )
    assert window.stdout is not None
    pid = int(window.stdout.readline())
    for line in window.stdout:  # until the child is mid-campaign
        event = child.decode(line)
        if isinstance(event, MessageUpdate) and event.state == MessageState.SENT:
            break
    window.kill()  # SIGKILL: the window gets no chance to tell the child anything
    window.wait(10)
    window.stdout.close()
    limit = time.monotonic() + 60  # a bound against a hang, far above the second or so it takes
    while not _ended(pid) and time.monotonic() < limit:
        time.sleep(0.05)
    assert _ended(pid), "the child outlived its window"

    campaign = journal.get_campaign(campaign_id)
    counts = campaign.counts
    assert campaign.state == CampaignState.INTERRUPTED and campaign.resumable  # offered at the next start
    assert counts[MessageState.SENDING] == 0 and counts[MessageState.UNKNOWN] == 0  # in flight got recorded
    assert counts[MessageState.SENT] > 0 and counts[MessageState.PENDING] > 0
    assert not journal.is_busy(campaign_id)  # the lock went with the process
    outcome = CampaignRunner(db.path, campaign_id).run()
    assert outcome.state == CampaignState.FINISHED and outcome.counts[MessageState.SENT] == 400
    accepted = httpx.get(f"{external_sandbox}/_sandbox/accepted", timeout=10).json()["accepted"]
    assert max(collections.Counter(item["to"] for item in accepted).values()) == 1
    assert os.environ.get("SMSDESK_HOME")  # the child used the test's database, not the user's
