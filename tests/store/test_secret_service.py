"""The secrets module against a real Secret Service: gnome-keyring inside a private D-Bus session.

With CI=true this must run (missing tools fail the test); elsewhere it skips when they are not installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.keyring_session import missing_tools, throwaway_keyring_env

SECRET = "ci-real-keyring-7f3a"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


@pytest.mark.skipif(
    not sys.platform.startswith("linux"),
    reason="the Secret Service is Linux's store; Windows' and macOS' own are round-tripped by the frozen smoke test",
)
def test_save_read_delete_through_gnome_keyring(tmp_path):
    message = missing_tools()
    if message:
        if in_ci():
            pytest.fail(f"CI must run the real Secret Service test: {message}")
        pytest.skip(message)

    env = throwaway_keyring_env(tmp_path)
    env["SMSDESK_HOME"] = str(tmp_path / "smsdesk-home")
    script = Path(__file__).with_name("secret_service_check.py")
    command = (
        "echo -n test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null; "
        f'exec "{sys.executable}" "{script}" "{SECRET}"'
    )
    result = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", command],
        env=env,
        cwd=Path(__file__).parents[2],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.stdout.startswith("OK SecretService"), result.stdout
    assert SECRET not in result.stdout + result.stderr
