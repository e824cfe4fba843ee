"""The threads that make the HTTP requests of a run: one provider instance each, sharing one HTTP client.

Workers only send: they take a request from `jobs`, call the adapter, and put its Answer on the run's event queue.
Everything else (the journal, what leaves when) happens on the thread that runs the send loop.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

import httpx

from smsdesk.engine.outcomes import Answer
from smsdesk.engine.pacing import read_rate_hint
from smsdesk.engine.requests import Batch, run_client
from smsdesk.providers.base import OutcomeUnknown, Provider, ProviderError, SendResult

log = logging.getLogger(__name__)


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
            self.events.put(Answer(batch=batch, results=results, error=error, hint=hint))
