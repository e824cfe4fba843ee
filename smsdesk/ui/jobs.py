"""Work that must not run on the GUI thread (file reading, planning, network calls), with progress and cancel.

A `Job` runs one plain function on its own QThread and reports back through queued signals, so slots always run on
the GUI thread. `JobPool` keeps every running job referenced until its thread has finished: a QThread destroyed while
running aborts the process, and the window's shutdown waits for (and cancels) whatever is still going.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

log = logging.getLogger(__name__)


def user_message(exc: BaseException) -> str:
    """One line for the user. Our own error types already carry one; anything else is named as unexpected."""
    from smsdesk.providers.base import ProviderError

    expected: tuple[type[BaseException], ...] = (ProviderError, ValueError, OSError, LookupError)
    for module_name, class_name in (
        ("smsdesk.io.tables", "TableError"),
        ("smsdesk.store.db", "StoreError"),
        ("smsdesk.store.secrets", "SecretStoreError"),
        ("smsdesk.store.optouts", "OptOutError"),
        ("smsdesk.io.export", "ExportError"),
        ("smsdesk.store.journal", "CampaignBusy"),
        ("smsdesk.store.journal", "CampaignNotFound"),
    ):
        try:
            module = __import__(module_name, fromlist=[class_name])
            expected += (getattr(module, class_name),)
        except (ImportError, AttributeError):
            continue
    from PySide6.QtCore import QCoreApplication

    from smsdesk.ui.reasons import error_text

    if isinstance(exc, expected):
        # the layers below write English (the CLI's words); the known shapes are said in the GUI's language
        return error_text(str(exc)) or type(exc).__name__
    return QCoreApplication.translate(
        "Jobs", "Unexpected error ({error}). Nothing was lost; please report this."
    ).format(error=f"{type(exc).__name__}: {exc}")


class JobCancelled(Exception):
    """Raised by a job's function when it notices `cancelled()`; the job then ends quietly."""


class _Thread(QThread):
    def __init__(self, job: Job):
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job._run_in_thread()


class Job(QObject):
    """Run `fn(job)` off the GUI thread. `fn` may call job.report(fraction) and poll job.cancelled()."""

    progress = Signal(float)
    succeeded = Signal(object)
    failed = Signal(str)
    was_cancelled = Signal()
    done = Signal()  # after any of the three above

    def __init__(self, name: str, fn: Callable[[Job], Any], parent: QObject | None = None):
        super().__init__(parent)
        self.name = name
        self._fn = fn
        self._cancel = threading.Event()
        self._thread: _Thread | None = None

    # -- called from the worker thread ---------------------------------------------------------------------------

    def report(self, fraction: float) -> None:
        self.progress.emit(max(0.0, min(1.0, float(fraction))))

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _run_in_thread(self) -> None:
        try:
            result = self._fn(self)
        except JobCancelled:
            self.was_cancelled.emit()
        except BaseException as exc:  # every failure must reach the user, not kill the thread
            if self._cancel.is_set():
                self.was_cancelled.emit()
            else:
                log.warning("job %s failed", self.name, exc_info=not _is_expected(exc))
                self.failed.emit(user_message(exc))
        else:
            if self._cancel.is_set():
                self.was_cancelled.emit()
            else:
                self.succeeded.emit(result)
        self.done.emit()

    # -- called from the GUI thread --------------------------------------------------------------------------------

    def start(self) -> Job:
        self._thread = _Thread(self)
        self._thread.start()
        return self

    def cancel(self) -> None:
        self._cancel.set()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def wait(self, msecs: int = -1) -> bool:
        if self._thread is None:
            return True
        return self._thread.wait() if msecs < 0 else self._thread.wait(msecs)


def _is_expected(exc: BaseException) -> bool:
    return not user_message(exc).startswith("Unexpected error")


class JobPool(QObject):
    """Starts jobs and keeps them alive until their thread is over."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._jobs: set[Job] = set()

    def start(
        self,
        name: str,
        fn: Callable[[Job], Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[str], None] | None = None,
        on_progress: Callable[[float], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        on_done: Callable[[], None] | None = None,
    ) -> Job:
        job = Job(name, fn, self)
        if on_success:
            job.succeeded.connect(on_success)
        if on_failure:
            job.failed.connect(on_failure)
        if on_progress:
            job.progress.connect(on_progress)
        if on_cancel:
            job.was_cancelled.connect(on_cancel)
        if on_done:
            job.done.connect(on_done)
        job.done.connect(lambda: self._reap(job))
        self._jobs.add(job)
        return job.start()

    def _reap(self, job: Job) -> None:
        # `done` is emitted as the last thing in run(); wait() returns as soon as the thread has really ended.
        job.wait()
        self._jobs.discard(job)
        job.deleteLater()

    def running(self) -> list[Job]:
        return [job for job in self._jobs if job.is_running()]

    def shutdown(self, msecs: int = 15000) -> None:
        for job in list(self._jobs):
            job.cancel()
        for job in list(self._jobs):
            job.wait(msecs)
        self._jobs.clear()
