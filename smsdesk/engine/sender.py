"""Sending a campaign: journal first, then HTTP, then journal. No Qt: the GUI runs `CampaignRunner.run()` on a
QThread (or in a child process), the CLI on its main thread.

CampaignRunner is the public face: it opens the campaign, holds its send lock, recovers rows a crash left 'sending'
(they become 'unknown', reported like any other result), builds the provider, and hands over to the send loop.
The pieces, each its own module:

    send_loop.py  what leaves when (requests in flight, pacing, pages of rows) and the commits that claim rows
                  BEFORE their request leaves and record answers after; the crash-safety rules live there
    workers.py    the threads that make the HTTP requests, one provider instance each
    requests.py   rows as the adapter's messages, planned into requests; the HTTP client of a run
    outcomes.py   a provider's answer as row outcomes: sent, failed, unknown, retry with back-off, stop
    results.py    what a run reports: MessageUpdate, RunOutcome, STOPPED_BY_*, WAITING
    pacing.py     per-account rate control

pause() / resume() / cancel() work at any moment from any thread: no new request leaves, the ones in flight finish
and are recorded. Cancelled and paused campaigns keep their unsent rows pending, so they can be resumed.
"""

from __future__ import annotations

import dataclasses
import logging
import queue
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from smsdesk.engine.outcomes import RetryPolicy, Stop
from smsdesk.engine.pacing import Pacer
from smsdesk.engine.requests import TemplateValues, outgoing_message, run_client
from smsdesk.engine.results import (
    STOPPED_BY_PROVIDER,
    STOPPED_BY_SETUP,
    STOPPED_BY_STORAGE,
    STOPPED_BY_UNREACHABLE,
    WAITING,
    MessageUpdate,
    RunOutcome,
)
from smsdesk.engine.schedule import SendGate, scheduling_factory
from smsdesk.engine.send_loop import (
    DEFAULT_CONCURRENCY,
    MAX_MESSAGES_IN_FLIGHT,
    MESSAGES_PER_COMMIT,
    RATE_LIMITED_CONCURRENCY,
    SendLoop,
    default_concurrency,
)
from smsdesk.engine.workers import tuned_for_a_run
from smsdesk.providers import provider_class
from smsdesk.providers.base import Provider
from smsdesk.store.db import Database
from smsdesk.store.journal import (
    DISCARDED,
    FINISHED,
    INTERRUPTED_KIND,
    INTERRUPTED_REASON,
    SENDING,
    STOPPED,
    UNKNOWN,
    Journal,
)

# What callers import from here (the CLI, the GUI, preflight, tests, benchmarks), wherever it now lives.
__all__ = [
    "DEFAULT_CONCURRENCY",
    "MAX_MESSAGES_IN_FLIGHT",
    "MESSAGES_PER_COMMIT",
    "RATE_LIMITED_CONCURRENCY",
    "STOPPED_BY_PROVIDER",
    "STOPPED_BY_SETUP",
    "STOPPED_BY_STORAGE",
    "STOPPED_BY_UNREACHABLE",
    "WAITING",
    "CampaignRunner",
    "MessageUpdate",
    "RetryPolicy",
    "RunOutcome",
    "TemplateValues",
    "default_concurrency",
    "outgoing_message",
    "run_client",
    "secret_for_account",
]


def secret_for_account(account: Any) -> str:
    """The account's key from the keyring (none needed for the built-in sandbox)."""
    from smsdesk.store import secrets

    return secrets.secret_for(account)


_WAKE = object()
log = logging.getLogger(__name__)


class CampaignRunner:
    def __init__(
        self,
        db_path: str | Path,
        campaign_id: str,
        *,
        provider: Provider | Callable[[], Provider] | None = None,
        on_update: Callable[[MessageUpdate], None] | None = None,
        on_state: Callable[[str, str | None], None] | None = None,
        concurrency: int | None = None,
        retry: RetryPolicy | None = None,
        pacer: Pacer | None = None,
        durable_marks: bool = True,
        max_batch: int | None = None,
        max_messages_in_flight: int = MAX_MESSAGES_IN_FLIGHT,
        settle_unknowns: bool = True,
        gate: SendGate | None = None,
        provider_schedule: tuple[datetime, datetime | None] | None = None,
    ):
        """`max_batch` caps the messages per request below what the provider takes, and `max_messages_in_flight`
        the messages in requests not answered yet: fewer messages end up 'unknown' if the computer dies.

        `provider`: None builds one per worker from the campaign's account and its keyring secret; a factory is
        called once per worker; an instance is used as is, and then only one request is in flight (an adapter
        instance serves one call at a time).

        `settle_unknowns`: a run that ends with unknown messages asks the provider's list about them, where it has
        one (engine/reconcile.py); False leaves them for the user (tests of the send policy itself)."""
        self.db_path = Path(db_path)
        self.campaign_id = campaign_id
        self._provider_arg = provider
        self._on_update = on_update
        self._on_state = on_state
        self._concurrency_arg = concurrency
        self.retry = retry or RetryPolicy()
        self._pacer_arg = pacer
        self._durable_marks = durable_marks
        self.max_batch = max_batch
        self.max_messages_in_flight = max_messages_in_flight
        self.settle_unknowns = settle_unknowns
        # engine/schedule.py: `gate` holds requests until their recipients may be texted; `provider_schedule`
        # (opens, closes) hands every message to a provider that schedules, with that time.
        self.gate = gate
        self.provider_schedule = provider_schedule
        self._control = threading.Lock()
        self._pause_requested = False
        self._cancel_requested = False
        self._events: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.concurrency = 1
        self.pacer: Pacer | None = None

    # -- control, from any thread ----------------------------------------------------------------------------------

    def pause(self) -> None:
        with self._control:
            self._pause_requested = True
        self._events.put(_WAKE)

    def resume(self) -> None:
        with self._control:
            self._pause_requested = False
        self._events.put(_WAKE)

    def cancel(self) -> None:
        with self._control:
            self._cancel_requested = True
        self._events.put(_WAKE)

    @property
    def paused(self) -> bool:
        with self._control:
            return self._pause_requested

    @property
    def cancelled(self) -> bool:
        with self._control:
            return self._cancel_requested

    # -- the run ---------------------------------------------------------------------------------------------------

    def run(self, *, return_when_paused: bool = False) -> RunOutcome:
        """Send every pending row. Blocks until finished, cancelled or stopped (paused: waits for resume() or
        cancel(), unless `return_when_paused`). Raises CampaignNotFound, CampaignBusy, store.StoreError."""
        db = Database(self.db_path)
        try:
            journal = Journal(db)
            journal.durable_marks = self._durable_marks
            campaign = journal.get_campaign(self.campaign_id, with_counts=False)
            with journal.lock(self.campaign_id):
                stuck = journal.messages(self.campaign_id, states=(SENDING,)) if self._on_update else []
                journal.recover(self.campaign_id)
                # Rows a crash left 'sending' are now recorded 'unknown': reported like any other result.
                self._emit_updates(
                    [
                        MessageUpdate(
                            r.id,
                            r.row,
                            r.phone,
                            UNKNOWN,
                            None,
                            INTERRUPTED_REASON,
                            r.segments,
                            None,
                            INTERRUPTED_KIND,
                        )
                        for r in stuck
                    ]
                )
                if campaign.state == DISCARDED:
                    return RunOutcome(
                        self.campaign_id, FINISHED, "discarded", journal.counts(self.campaign_id)
                    )
                return self._run_locked(db, journal, campaign, return_when_paused)
        finally:
            db.close()

    def _run_locked(
        self, db: Database, journal: Journal, campaign: Any, return_when_paused: bool
    ) -> RunOutcome:
        try:
            account, factory = self._provider_factory(db, campaign)
            if self.provider_schedule is not None:
                factory = scheduling_factory(factory, *self.provider_schedule)
        except Stop as stop:
            journal.set_state(self.campaign_id, STOPPED, stop.reason)
            self._emit_state(STOPPED, stop.reason)
            return RunOutcome(
                self.campaign_id, STOPPED, stop.reason, journal.counts(self.campaign_id), stop.stopped_by
            )
        with tuned_for_a_run():
            outcome = SendLoop(self, journal, campaign, account, factory).run(return_when_paused)
        if (
            self.settle_unknowns
            and outcome.counts.get(UNKNOWN)
            and not isinstance(self._provider_arg, Provider)
        ):
            outcome = self._settle_unknowns(journal, factory, outcome)
        return outcome

    def _settle_unknowns(
        self, journal: Journal, factory: Callable[[httpx.Client], Provider], outcome: RunOutcome
    ) -> RunOutcome:
        """A run that ends with unknown messages asks the provider's list at once, where it has one
        (engine/reconcile.py, which keeps the provider's limit on how often it may be asked)."""
        from smsdesk.engine.reconcile import reconcile

        client = run_client()
        try:
            provider = factory(client)
            if not provider.can_lookup:
                return outcome
            with provider:
                result = reconcile(journal, self.campaign_id, provider)
        except Exception:  # asking is a bonus: the run's outcome stands whatever happens here
            log.exception("looking up unknown messages after the run failed")
            return outcome
        finally:
            client.close()
        self._emit_updates(
            [
                MessageUpdate(
                    r.id, r.row, r.phone, r.state, r.message_id, r.error, r.segments, r.cost, r.error_kind
                )
                for r in result.changed
            ]
        )
        if not result.changed:
            return outcome
        return dataclasses.replace(outcome, counts=journal.counts(self.campaign_id))

    def _provider_factory(
        self, db: Database, campaign: Any
    ) -> tuple[Any, Callable[[httpx.Client], Provider]]:
        account = db.get_account(campaign.account)
        if self._provider_arg is not None:
            if isinstance(self._provider_arg, Provider):
                instance = self._provider_arg
                self.concurrency = 1
                return account or instance.account, lambda client: instance
            factory_fn = self._provider_arg
            self.concurrency = self._concurrency_arg or DEFAULT_CONCURRENCY
            return account, lambda client: factory_fn()
        if account is None:
            raise Stop(
                f"The account {campaign.account!r} no longer exists: add it again (same name) to resume",
                STOPPED_BY_SETUP,
            )
        try:
            probe_type = provider_class(account.provider)
        except ValueError as exc:
            raise Stop(str(exc), STOPPED_BY_SETUP) from None
        problems = probe_type.validate_account(account)
        if problems:
            raise Stop(" ".join(problems), STOPPED_BY_SETUP)
        try:
            secret = secret_for_account(account)
        except Exception as exc:  # SecretStoreError and keyring failures: a sentence for the user
            raise Stop(str(exc) or type(exc).__name__, STOPPED_BY_SETUP) from None
        self.concurrency = self._concurrency_arg or default_concurrency(probe_type)

        def build(client: httpx.Client) -> Provider:
            return probe_type(account, secret, client=client)

        return account, build

    # -- callbacks -------------------------------------------------------------------------------------------------

    def _emit_state(self, state: str, reason: str | None) -> None:
        if self._on_state is not None:
            self._on_state(state, reason)

    def _emit_updates(self, updates: Sequence[MessageUpdate]) -> None:
        if self._on_update is not None:
            for update in updates:
                self._on_update(update)
