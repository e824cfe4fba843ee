"""The database and the pipes broken under a running `smsdesk send` (issue 19), over the real CLI in a subprocess.

The sandbox runs in the test process (its answers delayed, so a send lasts long enough to break something under
it); the sender is `python -m smsdesk`, with the test's SMSDESK_HOME.
"""

from __future__ import annotations

import collections
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from smsdesk import paths
from smsdesk.core.account import Account
from smsdesk.store.db import BUSY_TIMEOUT_MS, Database
from smsdesk.store.journal import PENDING, RUNNING, SENT, Journal

pytestmark = pytest.mark.skipif(os.name != "posix", reason="deletes files a running process holds open")

LATENCY = 0.03  # seconds per sandbox answer


def smsdesk_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "smsdesk", *args]


@pytest.fixture
def slow_sandbox(sandbox):
    sandbox.state.faults.latency = LATENCY
    db = Database()
    db.save_account(Account(name="Demo", provider="sandbox", base_url=sandbox.url))
    db.close()
    return sandbox


def recipients_file(folder: Path, n: int) -> Path:
    path = folder / "kunder.csv"
    lines = ["Navn;Mobil"] + [f"K{i};{20120000 + i}" for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def start_send(recipients: Path, out: Path, err: Path, *extra: str) -> subprocess.Popen:
    command = smsdesk_command(
        "send", "--account", "Demo", "--file", str(recipients), "--message", "Hej {Navn}", "--yes", "--json"
    )
    command += ["--batch-size", "2", *extra]
    with open(out, "w") as stdout, open(err, "w") as stderr:
        return subprocess.Popen(command, stdout=stdout, stderr=stderr)


def wait_for_results(process: subprocess.Popen, out: Path, count: int, limit: float = 60.0) -> None:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if out.read_text().count('"status": "sent"') >= count:
            return
        assert process.poll() is None, f"the send ended early: {out.read_text()[-500:]}"
        time.sleep(0.01)
    raise AssertionError("no results within the limit")


def json_lines(out: Path) -> list[dict]:
    return [json.loads(line) for line in out.read_text().splitlines() if line.strip()]


def one_clear_line(err: Path, prefix: str = "smsdesk send: ") -> str:
    text = err.read_text()
    assert "Traceback" not in text, text
    lines = [line for line in text.splitlines() if line.startswith(prefix)]
    assert len(lines) == 1, text
    return lines[0]


def accepted_counts(sandbox) -> collections.Counter:
    return collections.Counter(sandbox.state.accepted_numbers())


# -- the database deleted or replaced mid-send ----------------------------------------------------------------------


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_database_taken_away_mid_send_stops_with_what_was_sent(tmp_path, slow_sandbox, how):
    database = paths.database_path()
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(database, copy)
    recipients = recipients_file(tmp_path, 400)
    out, err = tmp_path / "out.jsonl", tmp_path / "err.txt"
    process = start_send(recipients, out, err)
    wait_for_results(process, out, 10)
    if how == "deleted":
        for name in ("smsdesk.sqlite3", "smsdesk.sqlite3-wal", "smsdesk.sqlite3-shm"):
            (database.parent / name).unlink(missing_ok=True)
    else:
        os.replace(copy, database)
    assert process.wait(60) == 2
    line = one_clear_line(err)
    assert f"was {how}" in line and "sent" in line
    *results, last = json_lines(out)
    printed_sent = [r["phone"] for r in results if r["status"] == SENT]
    assert last["state"] == "stopped" and last["sent"] == len(printed_sent) and last["reason"]
    assert f"{len(printed_sent)} sent" in line
    # Every message the provider took was printed as sent (those in flight too), and none went twice.
    accepted = accepted_counts(slow_sandbox)
    assert sorted(accepted) == sorted(printed_sent) and max(accepted.values()) == 1
    assert len(printed_sent) < 400


# -- a database that cannot be trusted ------------------------------------------------------------------------------


def make_backup(database: Path) -> Path:
    backup = database.with_name(database.name + ".v2.bak")
    source = sqlite3.connect(database)
    target = sqlite3.connect(backup)
    source.backup(target)
    target.close()
    source.close()
    return backup


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(smsdesk_command(*args), capture_output=True, text=True, timeout=120, input=stdin)


def assert_one_line_exit_2(result: subprocess.CompletedProcess, command: str) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"smsdesk {command}: "), result.stderr
    return lines[0]


def test_an_empty_database_is_refused_naming_the_backup_and_db_restore_puts_it_back(slow_sandbox):
    database = paths.database_path()
    backup = make_backup(database)
    database.write_bytes(b"")
    for name in ("smsdesk.sqlite3-wal", "smsdesk.sqlite3-shm"):
        (database.parent / name).unlink(missing_ok=True)

    line = assert_one_line_exit_2(run("accounts", "list", "--json"), "accounts")
    assert "empty (0 bytes)" in line and str(backup) in line and "smsdesk db restore" in line
    assert database.read_bytes() == b""  # not made into a fresh database behind the user's back

    restored = run("db", "restore")
    assert restored.returncode == 0, restored.stderr
    assert str(backup) in restored.stdout
    (aside,) = database.parent.glob("smsdesk.sqlite3.damaged-*")
    assert aside.read_bytes() == b""  # the file it replaced is kept
    accounts = json.loads(run("accounts", "list", "--json").stdout)
    assert [a["name"] for a in accounts] == ["Demo", "Sandbox"]
    assert run("db", "check").returncode == 0


def test_an_empty_database_without_a_backup_says_so(smsdesk_home):
    smsdesk_home.mkdir()
    paths.database_path().write_bytes(b"")
    line = assert_one_line_exit_2(run("campaigns", "list"), "campaigns")
    assert "empty (0 bytes)" in line and "no backup" in line


def damage_a_page(database: Path) -> None:
    """Garbage over the cell pointers of the messages table's first page: SQLite opens the file (the schema on page 1
    is whole), and reads of that table or quick_check find the damage."""
    conn = sqlite3.connect(database)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'messages'").fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with open(database, "r+b") as handle:
        handle.seek((root - 1) * page_size + 12)
        handle.write(b"\xff" * 300)


def test_a_damaged_database_is_never_sent_into(tmp_path, slow_sandbox):
    db = Database()
    journal = Journal(db)
    from tests.engine.conftest import make_campaign

    make_campaign(journal, db.get_account("Demo"), 300)  # enough rows for the damage to land in a table
    db.close()
    database = paths.database_path()
    backup = make_backup(database)
    damage_a_page(database)
    recipients = recipients_file(tmp_path, 5)
    result = run("send", "--account", "Demo", "--file", str(recipients), "--message", "Hej", "--yes")
    line = assert_one_line_exit_2(result, "send")
    assert "damaged" in line and str(backup) in line
    assert slow_sandbox.state.accepted == []
    check = run("db", "check", "--json")
    assert check.returncode == 2 and json.loads(check.stdout)["ok"] is False


def test_a_missing_table_is_one_clear_line(tmp_path, slow_sandbox):
    conn = sqlite3.connect(paths.database_path())
    conn.execute("DROP TABLE opt_outs")
    conn.commit()
    conn.close()
    recipients = recipients_file(tmp_path, 5)
    result = run("send", "--account", "Demo", "--file", str(recipients), "--message", "Hej", "--yes")
    line = assert_one_line_exit_2(result, "send")
    assert "opt_outs missing" in line
    assert slow_sandbox.state.accepted == []


# -- locked by another program, disk full ---------------------------------------------------------------------------


def hold_write_lock() -> sqlite3.Connection:
    """Another program holding the database's write lock (SQLite's own locking, as a sync tool or a viewer would)."""
    conn = sqlite3.connect(paths.database_path(), isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE settings SET value = value WHERE key = 'default_country'")
    return conn


def campaign_states() -> list[tuple[str, str, int]]:
    db = Database()
    try:
        return [(c.id, c.state, c.counts[PENDING]) for c in Journal(db).list_campaigns()]
    finally:
        db.close()


def test_database_locked_when_the_campaign_is_made_exits_2_with_one_line(tmp_path, slow_sandbox):
    recipients = recipients_file(tmp_path, 5)
    other = hold_write_lock()
    try:
        result = run("send", "--account", "Demo", "--file", str(recipients), "--message", "Hej", "--yes")
    finally:
        other.rollback()
        other.close()
    line = assert_one_line_exit_2(result, "send")
    assert "busy" in line
    assert campaign_states() == [] and slow_sandbox.state.accepted == []


def _limit_file_size(limit: int):
    def apply() -> None:
        import resource

        resource.setrlimit(
            resource.RLIMIT_FSIZE, (limit, limit)
        )  # Python ignores SIGXFSZ: writes fail instead

    return apply


def test_disk_full_when_the_campaign_is_made_exits_2_with_one_line(tmp_path, slow_sandbox):
    recipients = recipients_file(tmp_path, 2000)
    database = paths.database_path()
    limit = max(p.stat().st_size for p in database.parent.glob("smsdesk.sqlite3*")) + 16384
    result = subprocess.run(
        smsdesk_command("send", "--account", "Demo", "--file", str(recipients), "--message", "Hej", "--yes"),
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_file_size(limit),
    )
    line = assert_one_line_exit_2(result, "send")
    assert "disk" in line.lower()
    assert campaign_states() == [] and slow_sandbox.state.accepted == []


@pytest.mark.slow
def test_database_locked_mid_run_stops_resumable_not_running(tmp_path, slow_sandbox):
    recipients = recipients_file(tmp_path, 400)
    out, err = tmp_path / "out.jsonl", tmp_path / "err.txt"
    process = start_send(recipients, out, err)
    wait_for_results(process, out, 10)
    other = hold_write_lock()
    try:
        time.sleep(BUSY_TIMEOUT_MS / 1000 + 1.5)  # longer than the sender waits for the lock
    finally:
        other.rollback()
        other.close()
    assert process.wait(60) == 2
    text = err.read_text()
    assert "Traceback" not in text and "Stopped: The SMSDesk database is busy" in text, text
    ((campaign_id, state, pending),) = campaign_states()
    assert state == "stopped" and state != RUNNING and pending > 0
    assert json_lines(out)[-1]["state"] == "stopped"

    resumed = run("campaigns", "resume", campaign_id, "--json")
    assert resumed.returncode == 0, resumed.stderr
    accepted = accepted_counts(slow_sandbox)
    assert len(accepted) == 400 and max(accepted.values()) == 1


# -- stdout closed by its reader ------------------------------------------------------------------------------------


def test_send_json_into_head_keeps_sending_to_the_journal_and_does_not_exit_0(tmp_path, slow_sandbox):
    recipients = recipients_file(tmp_path, 200)
    command = smsdesk_command(
        "send", "--account", "Demo", "--file", str(recipients), "--message", "Hej", "--yes", "--json"
    )
    err = tmp_path / "err.txt"
    with open(err, "w") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr)
    head = [process.stdout.readline() for _ in range(3)]  # what `| head -3` reads before it closes the pipe
    process.stdout.close()
    code = process.wait(120)
    assert all(json.loads(line)["status"] for line in head)
    assert code not in (0, 130), err.read_text()
    text = err.read_text()
    assert "Traceback" not in text and "Exception ignored" not in text, text
    assert "output was closed" in text and "campaigns export" in text
    ((campaign_id, state, pending),) = campaign_states()
    assert state == "finished" and pending == 0
    accepted = accepted_counts(slow_sandbox)
    assert len(accepted) == 200 and max(accepted.values()) == 1
    exported = run("campaigns", "export", campaign_id, "--out", str(tmp_path / "r.csv"))
    assert exported.returncode == 0 and "200 rows" in exported.stdout


def test_human_output_into_a_closed_pipe_never_exits_0(tmp_path, slow_sandbox):
    recipients = recipients_file(tmp_path, 20)
    command = smsdesk_command(
        "send", "--account", "Demo", "--file", str(recipients), "--message", "Hej", "--yes"
    )
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    process.stdout.close()  # the reader is gone before the first line
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1 and "Traceback" not in stderr, stderr
    ((_, state, _),) = campaign_states()
    assert state == "finished"
