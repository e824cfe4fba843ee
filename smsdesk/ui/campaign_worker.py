"""Runs the engine's CampaignRunner on a QThread and hands its results to the GUI in batches.

The runner calls back from its own thread for every recorded result. Those calls only append to a deque (cheap,
thread-safe); a QTimer on the GUI thread drains it a few times a second and emits one `updates` signal per batch, so
the table gets 5 repaints a second whether 10 or 10,000 results arrived meanwhile.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from smsdesk.ui.jobs import user_message

log = logging.getLogger(__name__)

DRAIN_INTERVAL_MS = 200


def update_as_dict(update: Any) -> dict[str, Any] | None:
    """The engine's MessageUpdate as the keys the results model takes (tolerant of its exact shape)."""
    if isinstance(update, dict):
        data = dict(update)
    else:
        data = {
            name: getattr(update, name)
            for name in ("id", "status", "state", "message_id", "cost", "error", "segments")
            if hasattr(update, name)
        }
    # engine.sender.MessageUpdate says "status"; the journal and the model say "state"
    if "status" in data:
        data["state"] = data.pop("status")
    return data if data.get("id") is not None else None


class _RunnerThread(QThread):
    def __init__(self, worker: CampaignWorker):
        super().__init__()
        self._worker = worker

    def run(self) -> None:
        self._worker._run()


class CampaignWorker(QObject):
    updates = Signal(list)  # list[dict]: rows that changed since the last batch
    state_changed = Signal(str, str)  # campaign state, reason ("" when none)
    finished = Signal(str)  # "" when the run ended normally, else a message for the user

    def __init__(self, db_path: Path, campaign_id: str, parent: QObject | None = None, **runner_options: Any):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.campaign_id = campaign_id
        self.runner_options = runner_options
        self._queue: deque[dict[str, Any]] = deque()
        self._states: deque[tuple[str, str]] = deque()
        self._runner = None
        self._lock = threading.Lock()
        self._pending_control: list[str] = []
        self._error: str | None = None
        self._thread: _RunnerThread | None = None
        self.paused = False
        self.timer = QTimer(self)
        self.timer.setInterval(DRAIN_INTERVAL_MS)
        self.timer.timeout.connect(self.drain)

    # -- worker thread -------------------------------------------------------------------------------------------

    def _on_update(self, update: Any) -> None:
        data = update_as_dict(update)
        if data is not None:
            self._queue.append(data)

    def _on_state(self, state: Any, reason: Any = None) -> None:
        state_name = getattr(state, "value", state)
        self._states.append((str(state_name), "" if reason is None else str(reason)))

    def _run(self) -> None:
        from smsdesk.engine.sender import CampaignRunner

        try:
            runner = CampaignRunner(
                self.db_path,
                self.campaign_id,
                on_update=self._on_update,
                on_state=self._on_state,
                **self.runner_options,
            )
            with self._lock:
                self._runner = runner
                for action in self._pending_control:
                    getattr(runner, action)()
                self._pending_control.clear()
            runner.run()
        except BaseException as exc:  # the send must end with a message, never a dead thread
            log.warning("campaign %s stopped with an error", self.campaign_id, exc_info=True)
            self._error = user_message(exc)

    def _control(self, action: str) -> None:
        with self._lock:
            if self._runner is None:
                self._pending_control.append(action)
            else:
                getattr(self._runner, action)()

    # -- GUI thread ------------------------------------------------------------------------------------------------

    def start(self) -> None:
        self._thread = _RunnerThread(self)
        self._thread.finished.connect(self._thread_finished)
        self.timer.start()
        self._thread.start()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def pause(self) -> None:
        self.paused = True
        self._control("pause")

    def resume(self) -> None:
        self.paused = False
        self._control("resume")

    def cancel(self) -> None:
        self._control("cancel")

    def wait(self, msecs: int = -1) -> bool:
        if self._thread is None:
            return True
        return self._thread.wait() if msecs < 0 else self._thread.wait(msecs)

    def drain(self) -> None:
        while self._states:
            state, reason = self._states.popleft()
            self.state_changed.emit(state, reason)
        if not self._queue:
            return
        batch: dict[Any, dict[str, Any]] = {}
        while self._queue:
            data = self._queue.popleft()
            merged = batch.get(data["id"])
            if merged is None:
                batch[data["id"]] = data
            else:
                merged.update(data)
        self.updates.emit(list(batch.values()))

    def _thread_finished(self) -> None:
        self.timer.stop()
        self.drain()
        self.finished.emit(self._error or "")
