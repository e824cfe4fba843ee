"""store/locks.py: the campaign lock's record, and what a commit does when the lock file was deleted under it."""

from __future__ import annotations

import os
import sys
import types

import pytest

from smsdesk.store import locks
from smsdesk.store.db import Database
from smsdesk.store.journal import PAUSED, RUNNING, STOPPED, Journal
from smsdesk.store.locks import CampaignBusy, CampaignLock, LockLost
from tests.engine.conftest import planned


@pytest.fixture
def campaign(journal):
    from smsdesk.core.account import Account

    account = Account(name="Demo", provider="sandbox")
    return journal.create_campaign(
        name="t",
        account=account,
        source_file=None,
        sheet=None,
        template="Hej",
        country="DK",
        phone_column="Mobil",
        columns=["Mobil"],
        messages=planned(3),
    )


def test_the_record_names_the_holder_and_busy_says_it(journal, campaign):
    with journal.lock(campaign):
        holder = locks.busy_holder(journal.db.path, campaign)
        assert holder is not None and holder.pid == os.getpid() and holder.since
        busy = rf"process {os.getpid()}, since \d{{4}}-"
        with pytest.raises(CampaignBusy, match=busy) as caught, journal.lock(campaign):
            pass
        assert caught.value.holder == holder
    assert locks.busy_holder(journal.db.path, campaign) is None


def test_a_deleted_lock_file_is_taken_again_when_nobody_touched_the_campaign(journal, campaign, caplog):
    with journal.lock(campaign):
        journal.set_state(campaign, RUNNING)
        journal.lock_path(campaign).unlink()
        journal.set_state(campaign, PAUSED)  # the next commit notices, takes the lock again, goes on
        assert journal.get_campaign(campaign).state == PAUSED
        assert journal.is_busy(campaign)  # a second SMSDesk is kept out again
        assert str(os.getpid()) in journal.lock_path(campaign).read_text()
    assert "was deleted or replaced; taken again" in caplog.text


def test_a_lock_file_another_smsdesk_took_stops_the_commit(journal, campaign):
    with journal.lock(campaign):
        journal.set_state(campaign, RUNNING)
        journal.lock_path(campaign).unlink()
        other = CampaignLock(journal.lock_path(campaign), campaign)
        assert other.acquire()  # flock belongs to the open file: this counts as another process
        try:
            with pytest.raises(LockLost, match="another SMSDesk has taken it"):
                journal.set_state(campaign, STOPPED, "x")
        finally:
            other.release()
    assert journal.get_campaign(campaign).state == RUNNING  # that commit was rolled back


def test_a_campaign_changed_while_the_lock_file_was_gone_stops_the_commit(journal, campaign):
    with journal.lock(campaign):
        journal.set_state(campaign, RUNNING)
        journal.lock_path(campaign).unlink()
        other_db = Database(journal.db.path)
        try:
            other = Journal(other_db)
            other.discard(campaign)  # another SMSDesk found no lock and closed the campaign
        finally:
            other_db.close()
        with pytest.raises(LockLost, match="changed the campaign"):
            journal.set_state(campaign, PAUSED)
    assert journal.get_campaign(campaign).state == "discarded"


def test_windows_locks_a_byte_past_the_record(tmp_path, monkeypatch):
    """The msvcrt branch, with a stand-in msvcrt that checks what Windows would: where the file position is."""
    calls = []

    def locking(fd, mode, nbytes):
        calls.append((mode, os.lseek(fd, 0, os.SEEK_CUR), nbytes))
        if (
            mode == fake.LK_NBLCK
            and any(c[0] == fake.LK_NBLCK for c in calls[:-1])
            and not any(c[0] == fake.LK_UNLCK for c in calls)
        ):
            raise OSError(13, "locked")  # Windows: the region is locked by another handle

    fake = types.SimpleNamespace(LK_NBLCK=2, LK_UNLCK=0, locking=locking)
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(locks, "WINDOWS", True)
    lock = CampaignLock(tmp_path / "c.lock", "c")
    assert lock.acquire()
    assert not CampaignLock(tmp_path / "c.lock", "c").acquire()
    lock.release()
    offset = 1 << 20
    assert calls[0] == (fake.LK_NBLCK, offset, 1) and calls[-1] == (fake.LK_UNLCK, offset, 1)
    assert (
        lock.holder() is not None and lock.holder().pid == os.getpid()
    )  # the record at byte 0 stays readable


def test_a_holder_whose_process_has_ended_is_said_so():
    import subprocess

    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()  # reaped: its process id names nobody now
    gone = locks.LockHolder(pid=ended.pid, since=None, host=None)
    assert locks.process_alive(os.getpid()) is True and locks.process_alive(ended.pid) is False
    assert "has ended" in gone.describe() and not locks.LockHolder(os.getpid(), None, None).ended()
