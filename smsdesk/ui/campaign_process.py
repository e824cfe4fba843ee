"""The child-process side of a send: runs one campaign with the engine and reports on stdout. No Qt here.

Why a process: the engine's threads (journal, HTTP, JSON) and the GUI thread would otherwise share one interpreter
lock, and every Python slot and table cell the GUI paints waits for it. In its own process the send cannot stall the
window, and the window cannot slow the send.

Protocol, one JSON object per line. Parent -> child on stdin: "pause", "resume", "cancel"; end of input (the window
went away) cancels. Child -> parent on stdout:
    {"u": [id, state, message_id, cost, error, segments]}   a result recorded in the journal
    {"s": [state, reason]}                                    the campaign's state changed
    {"end": state, "reason": str|null}                        the run returned
    {"error": message}                                        the run could not start or broke off
The journal stays the truth: the window reloads from it whenever it opens a campaign.

Run: python -m smsdesk.ui.campaign_process DB_PATH CAMPAIGN_ID [OPTIONS_JSON]
"""

from __future__ import annotations

import contextlib
import json
import sys
import threading
from typing import Any

_out_lock = threading.Lock()


def _write(payload: dict[str, Any]) -> None:
    line = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    with _out_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def _on_update(update: Any) -> None:
    _write(
        {
            "u": [
                update.id,
                getattr(update, "status", None) or getattr(update, "state", None),
                update.message_id,
                update.cost,
                update.error,
                update.segments,
            ]
        }
    )


def _on_state(state: Any, reason: Any = None) -> None:
    _write({"s": [str(getattr(state, "value", state)), None if reason is None else str(reason)]})


def _control(runner: Any) -> None:
    for line in sys.stdin:
        command = line.strip()
        if command in ("pause", "resume", "cancel"):
            getattr(runner, command)()
    runner.cancel()  # the window closed its end: stop after the requests in flight, the rest stays pending


def main(argv: list[str]) -> int:
    import os

    if hasattr(os, "nice"):
        # The window is what the user feels: give it the CPU first (the send mostly waits on the network anyway).
        with contextlib.suppress(OSError):
            os.nice(5)
    db_path, campaign_id = argv[0], argv[1]
    options = json.loads(argv[2]) if len(argv) > 2 else {}
    try:
        from smsdesk.engine.schedule import runner_arguments
        from smsdesk.engine.sender import CampaignRunner

        options = runner_arguments(options)  # quiet hours and schedule, sent as plain data
        runner = CampaignRunner(db_path, campaign_id, on_update=_on_update, on_state=_on_state, **options)
        threading.Thread(target=_control, args=(runner,), name="control", daemon=True).start()
        outcome = runner.run()
    except Exception as exc:  # every failure reaches the window as a sentence
        _write({"error": str(exc) or type(exc).__name__})
        return 1
    _write({"end": outcome.state, "reason": outcome.reason})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
