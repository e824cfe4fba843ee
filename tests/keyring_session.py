"""What the tests that use a real gnome-keyring share: the tools it needs, and an environment whose keyring lives in
a throw-away home, never the user's."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

TOOLS = ("dbus-run-session", "gnome-keyring-daemon")


def missing_tools() -> str | None:
    """None when the tools are there, else the line that says what to install."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    return f"{', '.join(missing)} not installed (apt-get install gnome-keyring dbus-bin)" if missing else None


def throwaway_keyring_env(folder: Path) -> dict[str, str]:
    """This process's environment without any D-Bus, keyring or XDG setting of the user's, and with HOME and the
    XDG folders under `folder`: gnome-keyring writes its keyring file there, and no keyringrc.cfg of the user's can
    pick another backend."""
    home = folder / "home"
    runtime = folder / "runtime"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DBUS_", "PYTHON_KEYRING", "GNOME_KEYRING", "XDG_", "KEYRING"))
    }
    env.update(
        HOME=str(home),
        XDG_RUNTIME_DIR=str(runtime),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
    )
    return env
