"""What differs between Windows, macOS and Linux, decided in one place so each branch can be tested on any of them.

Every function reads `sys.platform` when called (not at import), so a test can set it and see the other systems'
branch: the decisions are data (flags, names), and nothing here calls an API only one system has.
"""

from __future__ import annotations

import io
import os
import sys
from typing import Any, TextIO

# subprocess.CREATE_NO_WINDOW exists only on Windows; the value is the Win32 constant of that name.
CREATE_NO_WINDOW = 0x08000000


def child_process_options() -> dict[str, Any]:
    """Extra subprocess.Popen arguments for the child process that sends a campaign.

    The child is a console program (python, or the frozen smsdesk-cli) started by the windowed app: on Windows it
    would open a console window beside the app unless told not to; macOS and Linux open no window for a child
    without a terminal. Its pipes carry UTF-8 on every system (the parent reads them as UTF-8; Windows would
    otherwise write the ANSI code page), so a reason with "ø" or an emoji arrives as written.
    """
    options: dict[str, Any] = {"env": {**os.environ, "PYTHONIOENCODING": "utf-8"}}
    if sys.platform == "win32":
        options["creationflags"] = CREATE_NO_WINDOW
    return options


def executable_name(stem: str) -> str:
    """The file name of an executable called `stem`: Windows adds .exe, the others use the bare name."""
    return stem + ".exe" if sys.platform == "win32" else stem


def make_console_safe(*streams: TextIO | None) -> None:
    """Printing "Åse", "–" or an emoji never ends a command with UnicodeEncodeError, on any console.

    A pipe or a file gets UTF-8, whatever the system's code page: what scripts, `--json` readers and Python's own
    UTF-8 mode expect (Windows would otherwise write cp1252, which has no emoji and which a UTF-8 reader
    misreads). A terminal keeps its encoding, so what it shows stays readable there, and a character it cannot
    show becomes "?" (an old Windows code page, an ASCII-only POSIX locale). A missing stream (a windowed app's
    stdout on Windows) is left alone.
    """
    for stream in streams:
        if not isinstance(stream, io.TextIOWrapper):
            continue
        if stream.isatty():
            stream.reconfigure(errors="replace")
        else:
            stream.reconfigure(encoding="utf-8", errors="replace")
