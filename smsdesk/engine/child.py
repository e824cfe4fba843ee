"""A campaign sent by a child process of the window: how it is started, the pipe's one encoding, and its main.

Why a process: the engine's threads (journal, HTTP, JSON) and the GUI thread would otherwise share one interpreter
lock, and every Python slot and table cell the GUI paints waits for it. In its own process the send cannot stall the
window, and the window cannot slow the send.

The pipe, one JSON object per line (encode() and decode() below are its only writer and reader):
    parent -> child, stdin:  "pause", "resume", "cancel"
    child -> parent, stdout: {"update": MessageUpdate}  {"state": StateUpdate}  {"end": RunEnded}  {"error": RunFailed}
with each record's fields by name. The journal stays the truth: the window reloads from it whenever it opens a
campaign.

The child never outlives its window: when the pipe from the parent closes (the window quit, crashed or was killed
with SIGKILL) it stops the run, so the requests in flight are recorded, the rest stays pending and the campaign lock
is released as the process ends. A parent that stops reading ends it the same way. The campaign is left
'interrupted', not 'cancelled': nobody cancelled it, and the next start offers it for resuming as after any crash.

Run: python -m smsdesk.engine.child DB_PATH CAMPAIGN_ID [OPTIONS_JSON]
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from smsdesk.core.states import CampaignState, MessageState
from smsdesk.engine.results import MessageUpdate, StateUpdate
from smsdesk.platforms import child_process_options

if TYPE_CHECKING:
    from smsdesk.engine.sender import CampaignRunner

CHILD_FLAG = "--campaign-process"  # smsdesk.__main__ hands this to main() below (frozen builds have no -m)
CONTROL_COMMANDS = ("pause", "resume", "cancel")


@dataclass(frozen=True)
class RunEnded:
    state: CampaignState
    reason: str | None = None


@dataclass(frozen=True)
class RunFailed:
    """The run could not start or broke off; `message` is a sentence for the user."""

    message: str


PipeEvent = MessageUpdate | StateUpdate | RunEnded | RunFailed
_TAGS: dict[type, str] = {MessageUpdate: "update", StateUpdate: "state", RunEnded: "end", RunFailed: "error"}


def encode(event: PipeEvent) -> str:
    """One line for the pipe (without its newline)."""
    # vars(), not dataclasses.asdict(): the fields are plain values, and asdict deep-copies each one (thousands of
    # updates a second go through here)
    payload = {_TAGS[type(event)]: vars(event)}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def decode(line: str) -> PipeEvent | None:
    """The event a line of the pipe carries; None for a line that is not one (it is skipped)."""
    try:
        payload = json.loads(line)
        ((tag, fields),) = payload.items()
        if tag == "update":
            return MessageUpdate(**{**fields, "state": MessageState(fields["state"])})
        if tag == "state":
            return StateUpdate(state=CampaignState(fields["state"]), reason=fields.get("reason"))
        if tag == "end":
            return RunEnded(state=CampaignState(fields["state"]), reason=fields.get("reason"))
        if tag == "error":
            return RunFailed(message=str(fields["message"]))
    except (ValueError, TypeError, KeyError, AttributeError):
        pass
    return None


# -- the parent's side -------------------------------------------------------------------------------------------


def child_command() -> list[str] | None:
    """How to start the child, or None where it cannot be started (then the window sends on a thread).

    From source: this Python with -m. Frozen: the console executable beside the app (a windowed executable has no
    usable stdout on Windows), which dispatches CHILD_FLAG before its CLI.
    """
    if not getattr(sys, "frozen", False):
        return [sys.executable, "-m", "smsdesk.engine.child"]
    suffix = ".exe" if sys.platform == "win32" else ""
    cli = Path(sys.executable).with_name(f"smsdesk-cli{suffix}")
    return [str(cli), CHILD_FLAG] if cli.exists() else None


def spawn(db_path: str | Path, campaign_id: str, options: dict[str, Any]) -> subprocess.Popen[str]:
    """Start the child for one campaign; read its stdout with decode(), write CONTROL_COMMANDS to its stdin."""
    command = child_command()
    if command is None:
        raise RuntimeError("no console executable beside the app to send from")
    return subprocess.Popen(
        [*command, str(db_path), campaign_id, json.dumps(options)],
        # No console window on Windows, UTF-8 pipes everywhere: smsdesk/platforms.py decides.
        **child_process_options(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        bufsize=1,
    )


# -- the child's side --------------------------------------------------------------------------------------------


class _Pipe:
    """The child's stdout. When the parent is gone, writing fails: the run is interrupted, and nothing more is
    written."""

    def __init__(self, out: IO[str]):
        self.out = out
        self.lock = threading.Lock()
        self.broken = False
        self.runner: CampaignRunner | None = None

    def write(self, event: PipeEvent) -> None:
        with self.lock:
            if self.broken:
                return
            try:
                self.out.write(encode(event) + "\n")
                self.out.flush()
            except (BrokenPipeError, OSError, ValueError):
                self.broken = True
                # What is left in the buffer would fail again at exit (Python's documented remedy for EPIPE).
                with contextlib.suppress(OSError, ValueError):
                    os.dup2(os.open(os.devnull, os.O_WRONLY), self.out.fileno())
                if self.runner is not None:
                    self.runner.interrupt()


def _listen(runner: CampaignRunner, commands: IO[str]) -> None:
    for line in commands:
        command = line.strip()
        if command == "pause":
            runner.pause()
        elif command == "resume":
            runner.resume()
        elif command == "cancel":
            runner.cancel()
    runner.interrupt()  # the parent's end closed: stop after the requests in flight, the rest stays pending


def main(argv: list[str]) -> int:
    if hasattr(os, "nice"):
        # The window is what the user feels: give it the CPU first (the send mostly waits on the network anyway).
        with contextlib.suppress(OSError):
            os.nice(5)
    # Here, not at the top: the window imports this module for the pipe, and the engine (httpx, the providers) is
    # the child's to load.
    from smsdesk.engine.schedule import runner_arguments
    from smsdesk.engine.sender import CampaignRunner

    pipe = _Pipe(sys.stdout)
    try:
        db_path, campaign_id = argv[0], argv[1]
        # Quiet hours and the campaign's time arrive as plain data (engine/schedule.py's run_options).
        options = runner_arguments(json.loads(argv[2]) if len(argv) > 2 else {})
        runner = CampaignRunner(
            db_path,
            campaign_id,
            on_update=pipe.write,
            on_state=lambda state, reason: pipe.write(StateUpdate(state=state, reason=reason)),
            **options,
        )
        pipe.runner = runner
        threading.Thread(target=_listen, args=(runner, sys.stdin), name="control", daemon=True).start()
        outcome = runner.run()
    except Exception as exc:  # every failure reaches the window as a sentence
        pipe.write(RunFailed(message=str(exc) or type(exc).__name__))
        return 1
    pipe.write(RunEnded(state=outcome.state, reason=outcome.reason))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
