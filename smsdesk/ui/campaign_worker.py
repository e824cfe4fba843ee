"""Runs the engine's CampaignRunner on a QThread and hands its results to the GUI in batches.

The runner calls back from its own thread for every recorded result. Those calls only append to a deque (cheap,
thread-safe); a QTimer on the GUI thread drains it a few times a second and emits one `updates` signal per batch, so
the table gets 5 repaints a second whether 10 or 10,000 results arrived meanwhile.
"""

from __future__ import annotations

import logging
import subprocess
import threading
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from smsdesk.core.states import CampaignState
from smsdesk.engine import child
from smsdesk.engine.results import MessageUpdate, StateUpdate
from smsdesk.ui.jobs import user_message

if TYPE_CHECKING:
    from smsdesk.engine.sender import CampaignRunner

log = logging.getLogger(__name__)

DRAIN_INTERVAL_MS = 200
MAX_ROWS_PER_BATCH = (
    1000  # more than this waiting: hand them over in several event-loop turns, painting between
)


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
        self._runner: CampaignRunner | None = None
        self._lock = threading.Lock()
        self._pending_control: list[str] = []
        self._error: str | None = None
        self._thread: _RunnerThread | None = None
        self.paused = False
        self.timer = QTimer(self)
        self.timer.setInterval(DRAIN_INTERVAL_MS)
        self.timer.timeout.connect(self.drain)

    # -- worker thread -------------------------------------------------------------------------------------------

    def _on_update(self, update: MessageUpdate) -> None:
        self._queue.append(dict(vars(update)))  # the results model takes the fields it shows, by name

    def _on_state(self, state: CampaignState, reason: str | None = None) -> None:
        self._states.append((state.value, reason or ""))

    def _run(self) -> None:
        # Here, not at the top: the engine (httpx, the providers) loads when a send starts, not with the window.
        from smsdesk.engine.schedule import runner_arguments
        from smsdesk.engine.sender import CampaignRunner

        try:
            runner = CampaignRunner(
                self.db_path,
                self.campaign_id,
                on_update=self._on_update,
                on_state=self._on_state,
                **runner_arguments(self.runner_options),  # quiet hours and schedule, as plain data
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
        while self._queue and len(batch) < MAX_ROWS_PER_BATCH:
            data = self._queue.popleft()
            merged = batch.get(data["id"])
            if merged is None:
                batch[data["id"]] = data
            else:
                merged.update(data)
        self.updates.emit(list(batch.values()))
        if self._queue and self.timer.isActive():
            QTimer.singleShot(0, self.drain)

    def _thread_finished(self) -> None:
        self.timer.stop()
        self._finish_when_drained()

    def _finish_when_drained(self) -> None:
        """`finished` only once every result is in the table (drain hands them over a batch per loop turn)."""
        self.drain()
        if self._queue or self._states:
            QTimer.singleShot(0, self._finish_when_drained)
            return
        self.finished.emit(self._error or "")


class ProcessCampaignWorker(CampaignWorker):
    """The same worker, with the engine in a child process (smsdesk.engine.child).

    A reader thread turns the child's lines into the same queues the thread worker fills; the drain timer, batching
    and signals are shared. Used for every account that talks over the network; the built-in demo account's sandbox
    lives inside this process, so it keeps the thread worker.
    """

    def __init__(self, db_path: Path, campaign_id: str, parent: QObject | None = None, **runner_options: Any):
        super().__init__(db_path, campaign_id, parent, **runner_options)
        self._process: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None

    def start(self) -> None:
        self._process = child.spawn(self.db_path, self.campaign_id, self.runner_options)
        self._reader = threading.Thread(target=self._read, name=f"campaign-{self.campaign_id}", daemon=True)
        self._done = threading.Event()
        self.timer.timeout.connect(self._check_done)
        self.timer.start()
        self._reader.start()
        for action in self._pending_control:
            self._control(action)
        self._pending_control.clear()

    def _read(self) -> None:
        process = self._process
        assert process is not None and process.stdout is not None
        ended = False
        try:
            for line in process.stdout:
                event = child.decode(line)
                if isinstance(event, MessageUpdate):
                    self._on_update(event)
                elif isinstance(event, StateUpdate):
                    self._on_state(event.state, event.reason)
                elif isinstance(event, child.RunFailed):
                    self._error = event.message
                    ended = True
                elif isinstance(event, child.RunEnded):
                    ended = True
        finally:
            with process:  # closes its pipes once it has ended
                code = process.wait()
            if not ended and not self._error:
                self._error = (
                    f"The sending process stopped unexpectedly (exit code {code}); the rest stays pending."
                )
            self._done.set()

    def _control(self, action: str) -> None:
        process = self._process
        if process is None:
            self._pending_control.append(action)
            return
        if process.poll() is None and process.stdin is not None:
            try:
                process.stdin.write(action + "\n")
                process.stdin.flush()
            except (OSError, ValueError):  # ValueError: the reader closed the pipe just now
                pass  # the child is on its way out; the reader reports how it ended

    def is_running(self) -> bool:
        return self._reader is not None and not self._done.is_set()

    def wait(self, msecs: int = -1) -> bool:
        if self._reader is None:
            return True
        return self._done.wait(None if msecs < 0 else msecs / 1000)

    def _check_done(self) -> None:
        if self._done.is_set() and self.timer.isActive():
            self.timer.stop()
            self._finish_when_drained()
