"""The threads that make the HTTP requests of a run: one provider instance each, sharing one HTTP client.

Workers only send: they take a request from `jobs`, call the adapter, and put its Answer on the run's event queue.
Everything else (the journal, what leaves when) happens on the thread that runs the send loop.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import queue
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from smsdesk.engine.outcomes import Answer
from smsdesk.engine.pacing import read_rate_hint
from smsdesk.engine.requests import Batch, run_client
from smsdesk.providers.base import OutcomeUnknown, Provider, ProviderError, SendResult

log = logging.getLogger(__name__)

# While a run's threads hand requests and answers to each other, a thread waiting for Python's GIL gets it after
# 1 ms instead of the default 5: an answer that has arrived is taken up sooner while the loop thread is busy in
# Python, and the loop sooner gets back to a worker's finished request. Benchmark (a), sandbox, 500 per request,
# 1 ms against 5 ms in interleaved rounds: engine median +6 % on average over five sets (-7 % to +11 %: noisy).
RUN_SWITCH_INTERVAL = 0.001
_tuning_lock = threading.Lock()
_runs_tuned = 0  # runs in this process inside tuned_for_a_run(); the last one out puts things back
_switch_interval_before = 0.0
_unfreeze_after = False


@contextlib.contextmanager
def tuned_for_a_run() -> Iterator[None]:
    """The interpreter tuned for sending while any run of this process is in here, as it was once the last one
    leaves (both settings are process-wide, and runs may overlap):

    - the thread switch interval at most RUN_SWITCH_INTERVAL (above);
    - the objects that existed before the run frozen out of the garbage collector (gc.freeze): a run allocates a
      few objects per message, and every so often that sets off a full collection, which walks every object of
      the process (the whole app, its imports and, in the window, Qt's wrappers): 15-30 ms each, measured at 0 ms
      latency, several per 5,000 messages. Frozen objects are still freed by reference counting as always; only
      reference cycles among them wait for the run to end. A process that had frozen objects itself before the
      run (the window does, after loading a file: ui.widgets.settle_garbage_collector) keeps them frozen after it:
      a freeze cannot be undone in part, and that process chose to keep what it had frozen out of the collector.
    """
    global _runs_tuned, _switch_interval_before, _unfreeze_after
    with _tuning_lock:
        if _runs_tuned == 0:
            _switch_interval_before = sys.getswitchinterval()
            if _switch_interval_before > RUN_SWITCH_INTERVAL:
                sys.setswitchinterval(RUN_SWITCH_INTERVAL)
            _unfreeze_after = gc.get_freeze_count() == 0
            gc.freeze()
        _runs_tuned += 1
    try:
        yield
    finally:
        with _tuning_lock:
            _runs_tuned -= 1
            if _runs_tuned == 0:
                sys.setswitchinterval(_switch_interval_before)
                if _unfreeze_after:
                    gc.unfreeze()


class RequestWorkers:
    def __init__(
        self,
        factory: Callable[[httpx.Client], Provider],
        count: int,
        events: queue.SimpleQueue[Any],
        name: str,
    ):
        self.factory = factory
        self.count = count
        self.events = events  # answers go here, next to the runner's control wake-ups
        self.name = name
        self.jobs: queue.SimpleQueue[Batch | None] = queue.SimpleQueue()
        self.client = run_client()
        self.providers: list[Provider] = []
        self.threads: list[threading.Thread] = []

    def start(self) -> None:
        """One provider and one thread per worker. Raises what the adapter raises for settings it refuses
        (ValueError); call stop() then all the same."""
        for _ in range(self.count):
            self.providers.append(self.factory(self.client))
        for index, provider in enumerate(self.providers):
            thread = threading.Thread(
                target=self._work, args=(provider,), name=f"{self.name}-{index}", daemon=True
            )
            thread.start()
            self.threads.append(thread)

    def send(self, batch: Batch) -> None:
        self.jobs.put(batch)

    def stop(self) -> None:
        """Let the threads finish the requests they hold, then close the providers and the client."""
        for _ in self.threads:
            self.jobs.put(None)
        for thread in self.threads:
            thread.join(timeout=60)
        seen: set[int] = set()
        for provider in self.providers:
            if id(provider) not in seen:
                seen.add(id(provider))
                try:
                    provider.close()
                except Exception:  # closing must not hide the run's outcome
                    log.exception("closing a provider failed")
        self.client.close()

    def _work(self, provider: Provider) -> None:
        while True:
            batch = self.jobs.get()
            if batch is None:
                return
            results: list[SendResult] | None = None
            error: ProviderError | None = None
            try:
                results = list(provider.send(batch.messages))
            except ProviderError as exc:
                error = exc
            except Exception as exc:  # an adapter bug: the request may have left, so never send it again
                log.exception("provider %s crashed while sending", type(provider).__name__)
                error = OutcomeUnknown(
                    f"Internal error in the {getattr(provider, 'label', 'provider')} adapter "
                    f"({type(exc).__name__}); the message may have been accepted"
                )
            hint = read_rate_hint(getattr(provider, "rate_hint", None))
            self.events.put(Answer(batch, results, error, hint))
