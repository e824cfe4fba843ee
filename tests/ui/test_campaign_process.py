"""The send's child process: how the window starts it, from source and frozen."""

from __future__ import annotations

import json
import subprocess
import sys

from smsdesk.ui import campaign_worker


def test_from_source_the_child_is_this_python_with_the_module():
    assert campaign_worker.child_command() == [sys.executable, "-m", "smsdesk.ui.campaign_process"]


def test_frozen_the_child_is_the_console_executable_beside_the_app(tmp_path, monkeypatch):
    app = tmp_path / "SMSDesk"
    app.write_text("")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(app))
    assert campaign_worker.child_command() is None  # no console executable: the window sends on a thread
    suffix = ".exe" if sys.platform == "win32" else ""
    cli = tmp_path / f"smsdesk-cli{suffix}"
    cli.write_text("")
    assert campaign_worker.child_command() == [str(cli), "--campaign-process"]


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
