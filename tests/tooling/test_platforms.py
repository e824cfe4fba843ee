"""smsdesk/platforms.py and paths.py: each system's branch, tested here by setting sys.platform where the code
only reads it, and for real (child processes, files, folders) on whichever system runs the tests."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from smsdesk import paths, platforms

SPECIAL = "Åse Ødegård – 20% på alt 😀"


@pytest.mark.parametrize("system", ["linux", "darwin", "win32"])
def test_the_sending_child_opens_no_console_window_on_windows_only(monkeypatch, system):
    monkeypatch.setattr(sys, "platform", system)
    options = platforms.child_process_options()
    if system == "win32":
        assert options["creationflags"] == platforms.CREATE_NO_WINDOW == 0x08000000
    else:
        assert "creationflags" not in options  # a non-zero value is an error on POSIX
    assert options["env"]["PYTHONIOENCODING"] == "utf-8"


def test_our_create_no_window_is_the_one_windows_defines():
    assert getattr(subprocess, "CREATE_NO_WINDOW", platforms.CREATE_NO_WINDOW) == platforms.CREATE_NO_WINDOW


def test_a_child_started_with_those_options_reports_any_character_intact():
    """What the results page relies on: the child's JSON lines arrive as UTF-8 on this system."""
    child = subprocess.Popen(
        [sys.executable, "-c", f"print({SPECIAL!r})"],
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        **platforms.child_process_options(),
    )
    with child:
        out = child.stdout.read()
    assert child.returncode == 0
    assert out.strip() == SPECIAL


@pytest.mark.parametrize(("system", "name"), [("win32", "smsdesk-cli.exe"), ("darwin", "smsdesk-cli")])
def test_executable_names(monkeypatch, system, name):
    monkeypatch.setattr(sys, "platform", system)
    assert platforms.executable_name("smsdesk-cli") == name


class _Terminal(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


def test_a_pipe_gets_utf8_whatever_the_code_page():
    raw = io.BytesIO()
    pipe = io.TextIOWrapper(raw, encoding="cp1252")  # a redirected stdout on Danish Windows
    platforms.make_console_safe(pipe)
    pipe.write(SPECIAL)
    pipe.flush()
    assert raw.getvalue().decode("utf-8") == SPECIAL


def test_a_terminal_keeps_its_encoding_and_shows_what_it_cannot_print_as_a_question_mark():
    raw = io.BytesIO()
    terminal = _Terminal(raw, encoding="cp1252")
    platforms.make_console_safe(terminal, None)  # None: a windowed app's missing stdout
    terminal.write(SPECIAL)
    terminal.flush()
    assert raw.getvalue().decode("cp1252") == "Åse Ødegård – 20% på alt ?"


@pytest.mark.parametrize("encoding", ["ascii", "cp1252", "cp850"])
def test_the_cli_never_crashes_on_a_console_that_cannot_print_a_character(encoding):
    """PYTHONIOENCODING gives the CLI the stdout a Windows or ASCII-only console would."""
    result = subprocess.run(
        [sys.executable, "-m", "smsdesk", "count", SPECIAL],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding},
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr
    assert "–" in result.stdout.decode("utf-8")  # a pipe: UTF-8, the characters intact


def test_the_database_works_under_a_non_ascii_user_name_and_a_long_path(monkeypatch, tmp_path):
    """C:\\Users\\Søren\\... and a folder deeper than Windows' old 260-character limit."""
    home = tmp_path / "Søren Åkesson" / "Ærø – kunder"
    while len(str(home)) < 300:
        home /= "en mappe med et langt navn"
    monkeypatch.setenv("SMSDESK_HOME", str(home))
    from smsdesk.store.db import Database
    from smsdesk.store.journal import CampaignLock

    database = Database()
    try:
        database.add_opt_outs(["+4520123451"], source="test")
        assert "+4520123451" in database.opt_outs()
    finally:
        database.close()
    assert paths.database_path().exists()
    assert len(str(paths.database_path())) > 300
    lock, second = (
        CampaignLock(home / "locks" / "2026-12-02-001.lock"),
        CampaignLock(home / "locks" / "2026-12-02-001.lock"),
    )
    assert lock.acquire()  # the journal's OS lock (msvcrt on Windows, flock elsewhere) in that folder
    try:
        assert not second.acquire()
    finally:
        lock.release()
    assert second.acquire()
    second.release()


def test_data_lives_where_this_system_keeps_application_data(monkeypatch, tmp_path):
    monkeypatch.delenv("SMSDESK_HOME", raising=False)
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "Søren" / ".local" / "share"))
        assert paths.data_dir() == tmp_path / "Søren" / ".local" / "share" / "SMSDesk"
        return
    folder = paths.data_dir()
    assert folder == Path(platformdirs.user_data_dir("SMSDesk", appauthor=False))
    if sys.platform == "win32":  # %LOCALAPPDATA%\SMSDesk, not roaming, no "SMSDesk\SMSDesk"
        assert folder.parts[-2:] == ("Local", "SMSDesk"), folder
    elif sys.platform == "darwin":
        assert folder.parts[-3:] == ("Library", "Application Support", "SMSDesk"), folder
