"""The send loop: journal first, then HTTP, then journal. No Qt: the GUI runs `CampaignRunner.run()` on a QThread.

One thread (the one calling run()) owns the database connection and decides everything; a few worker threads only
make HTTP requests, one provider instance each. For every request:

    1. the pacer says it may leave now;
    2. its rows are marked 'sending' and COMMITTED (several requests share one commit when several may leave);
    3. a worker sends it; the answer comes back on a queue;
    4. the rows get their result in one transaction (together with the next marks when there are any), and only then
       is each result reported through `on_update`.

Outcomes, by the provider's typed answer (providers/base.py):
    accepted                          -> sent (message id, cost)
    InvalidRecipient, MessageRejected -> failed with the reason; the campaign goes on. A whole multi-recipient
                                         request refused for an invalid number is split and sent one by one, so
                                         one bad number does not fail a hundred good ones.
    Transient                         -> back to pending and sent again after back-off with jitter (the pacer),
                                         at most RetryPolicy.max_attempts times; then failed ("gave up"). Several
                                         requests in a row giving up means the provider is down: the campaign stops.
    RateLimited                       -> back to pending, every request waits as told, then goes on.
    AccountError                      -> back to pending; the campaign stops ("stopped", with the reason).
    OutcomeUnknown                    -> unknown; never sent again unless the user asks.

pause() / resume() / cancel() work at any moment from any thread: no new request leaves, the ones in flight finish
and are recorded. Cancelled and paused campaigns keep their unsent rows pending, so they can be resumed.
"""

from __future__ import annotations

import collections
import json
import logging
import math
import queue
import ssl
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from smsdesk.core.template import Template
from smsdesk.engine.pacing import Pacer, RateHint, read_rate_hint, shared_pacer
from smsdesk.providers import provider_class
from smsdesk.providers.base import (
    AccountError,
    InvalidRecipient,
    MessageRejected,
    OutcomeUnknown,
    OutgoingMessage,
    Provider,
    ProviderError,
    RateLimited,
    SendResult,
    Transient,
)
from smsdesk.store.db import Database
from smsdesk.store.journal import (
    CANCELLED,
    DISCARDED,
    FAILED,
    FINISHED,
    INTERRUPTED_KIND,
    INTERRUPTED_REASON,
    PAUSED,
    PENDING,
    RUNNING,
    SENDING,
    SENT,
    STOPPED,
    UNKNOWN,
    Journal,
    Outcome,
    RowToSend,
)

log = logging.getLogger(__name__)

# RunOutcome.stopped_by: why a campaign stopped
STOPPED_BY_PROVIDER = "provider"  # AccountError: credentials, credit, sender refused
STOPPED_BY_UNREACHABLE = "unreachable"  # transient errors kept coming
STOPPED_BY_SETUP = "setup"  # our side: the account is gone, no key saved, settings the provider refuses

DEFAULT_CONCURRENCY = 4
# Providers with a documented rate limit are paced anyway; two in flight hide one request's latency.
RATE_LIMITED_CONCURRENCY = 2
# Requests carrying many messages go fewer at once: a crash can leave at most this many messages 'unknown' (one
# request always goes, however big), and a loaded provider answers a few big requests no slower one by one.
MAX_MESSAGES_IN_FLIGHT = 1000
# Answers are recorded together up to this many messages per commit: a commit's own cost (syncing its claims to
# disk) is about that of recording ~100 messages.
MESSAGES_PER_COMMIT = 100
WAITING = "waiting"  # on_state while holding for a Retry-After or back-off of more than a moment


@dataclass(frozen=True)
class MessageUpdate:
    id: int  # the journal row id
    row: int  # spreadsheet row
    phone: str
    status: str  # sending | sent | failed | unknown | pending (will be sent again)
    message_id: str | None
    error: str | None
    segments: int
    cost: float | None
    error_kind: str | None = None


@dataclass(frozen=True)
class RunOutcome:
    campaign_id: str
    state: str  # finished | paused | cancelled | stopped
    reason: str | None
    counts: dict[str, int]
    stopped_by: str | None = None  # STOPPED_BY_* when state is "stopped"


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 4  # requests carrying a message that met transient errors, before it is failed
    give_up_streak: int = 3  # requests in a row that gave up: the provider is down, stop the campaign
    max_rate_limited: int = 30  # 429s for one request before the campaign stops (the provider never lets us)
    backoff_base: float = 1.0  # seconds; doubles per error in a row, with jitter (see pacing.Pacer)
    backoff_cap: float = 60.0


def default_concurrency(provider_type: type[Provider]) -> int:
    limits = getattr(provider_type, "limits", None)
    return RATE_LIMITED_CONCURRENCY if getattr(limits, "requests_per_minute", None) else DEFAULT_CONCURRENCY


def secret_for_account(account: Any) -> str:
    """The account's key from the keyring (none needed for the built-in sandbox)."""
    from smsdesk.store import secrets

    return secrets.secret_for(account)


def outgoing_message(
    key: str,
    phone: str,
    text: str,
    encoding: str,
    segments: int,
    fields: Any,
    template: str | Template | None,
) -> OutgoingMessage:
    """The provider's view of one journaled message. Fields and template go along only when the template has
    placeholders (a provider that takes templated batches, iP.1, sends personalised texts in one request)."""
    if template is not None and not isinstance(template, Template):
        template = Template(template)
    values: dict[str, str] = {}
    if template is not None and template.placeholders:
        fields = fields or {}
        # Keyed by the placeholder as written; it may match its column ignoring case and spacing.
        columns = template.columns_used(fields)
        values = {name: str(fields.get(columns.get(name, name), "")) for name in template.placeholders}
    return OutgoingMessage(
        key=key,
        to=phone,
        text=text,
        encoding=encoding,
        segments=segments,
        fields=values,
        template=template.text if values else None,
    )


class _TemplateValues(Mapping[str, str]):
    """A templated message's placeholder values, read from the journal's JSON only if the adapter asks.

    Most adapters send the rendered text and never look; parsing every row's fields up front would cost more than
    the rest of the journal's work together.
    """

    __slots__ = ("_json", "_template", "_columns_for", "_values")

    def __init__(
        self, fields_json: str, template: Template, columns_for: dict[tuple[str, ...], dict[str, str]]
    ):
        self._json = fields_json
        self._template = template
        self._columns_for = columns_for
        self._values: dict[str, str] | None = None

    def _load(self) -> dict[str, str]:
        if self._values is None:
            try:
                fields = json.loads(self._json)
            except ValueError:
                fields = {}
            fields = fields if isinstance(fields, dict) else {}
            keys = tuple(fields)
            columns = self._columns_for.get(keys)
            if columns is None:  # every row of a file has the same columns: match placeholders once
                columns = self._columns_for[keys] = self._template.columns_used(fields)
            self._values = {
                name: str(fields.get(columns.get(name, name), "")) for name in self._template.placeholders
            }
        return self._values

    def __getitem__(self, key: str) -> str:
        return self._load()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._template.placeholders)

    def __repr__(self) -> str:
        return repr(self._load())


_ssl_context: ssl.SSLContext | None = None
_ssl_lock = threading.Lock()


def run_client(timeout: float = 30.0) -> httpx.Client:
    """The HTTP client of one run, shared by its workers (httpx.Client is thread-safe).

    As providers.base.make_client (TLS verification always on, no redirects), but with one verifying SSL context per
    process: building one loads the CA store, ~40 ms, which a test send or a small campaign should not pay each time.
    """
    global _ssl_context
    create = getattr(httpx, "create_ssl_context", None)  # public from httpx 0.28
    if create is None:
        from smsdesk.providers.base import make_client

        return make_client(timeout)
    with _ssl_lock:
        if _ssl_context is None:
            _ssl_context = create()
    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=10.0),
        verify=_ssl_context,
        follow_redirects=False,
        headers={"User-Agent": "SMSDesk"},
    )


@dataclass
class _Batch:
    rows: list[RowToSend]
    messages: list[OutgoingMessage]
    attempts: int = 0  # transient failures so far
    rate_limited: int = 0


@dataclass
class _Done:
    batch: _Batch
    results: list[SendResult] | None
    error: ProviderError | None
    hint: RateHint | None


@dataclass
class _Settled:
    outcomes: list[Outcome] = field(default_factory=list)
    requeue: list[_Batch] = field(default_factory=list)


class _Stop(Exception):
    def __init__(self, reason: str, stopped_by: str):
        super().__init__(reason)
        self.reason = reason
        self.stopped_by = stopped_by


_WAKE = object()


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
    ):
        """`max_batch` caps the messages per request below what the provider takes, and `max_messages_in_flight`
        the messages in requests not answered yet: fewer messages end up 'unknown' if the computer dies.

        `provider`: None builds one per worker from the campaign's account and its keyring secret; a factory is
        called once per worker; an instance is used as is, and then only one request is in flight (an adapter
        instance serves one call at a time)."""
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
            campaign = journal.get_campaign(self.campaign_id)
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
        except _Stop as stop:
            journal.set_state(self.campaign_id, STOPPED, stop.reason)
            self._emit_state(STOPPED, stop.reason)
            return RunOutcome(
                self.campaign_id, STOPPED, stop.reason, journal.counts(self.campaign_id), stop.stopped_by
            )
        session = _Session(self, journal, campaign, account, factory)
        return session.run(return_when_paused)

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
            raise _Stop(
                f"The account {campaign.account!r} no longer exists: add it again (same name) to resume",
                STOPPED_BY_SETUP,
            )
        try:
            probe_type = provider_class(account.provider)
        except ValueError as exc:
            raise _Stop(str(exc), STOPPED_BY_SETUP) from None
        problems = probe_type.validate_account(account)
        if problems:
            raise _Stop(" ".join(problems), STOPPED_BY_SETUP)
        try:
            secret = secret_for_account(account)
        except Exception as exc:  # SecretStoreError and keyring failures: a sentence for the user
            raise _Stop(str(exc) or type(exc).__name__, STOPPED_BY_SETUP) from None
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


class _Session:
    """One run of one campaign: the dispatcher's state. Lives on the run() thread only."""

    def __init__(
        self,
        runner: CampaignRunner,
        journal: Journal,
        campaign: Any,
        account: Any,
        factory: Callable[[httpx.Client], Provider],
    ):
        self.runner = runner
        self.journal = journal
        self.campaign = campaign
        self.account = account
        self.factory = factory
        self.concurrency = max(1, runner.concurrency)
        self.events = runner._events
        self.queue: collections.deque[_Batch] = collections.deque()
        self.in_flight = 0  # requests
        self.messages_in_flight = 0
        self.give_ups_in_a_row = 0
        self.stop: _Stop | None = None
        self.waiting = False
        self.jobs: queue.SimpleQueue[_Batch | None] = queue.SimpleQueue()
        self.client = run_client()
        self.providers: list[Provider] = []
        self.threads: list[threading.Thread] = []
        self.template = Template(campaign.template or "")
        self.label = "the provider"
        self.rows: dict[int, RowToSend] = {}
        self.page_size: int | None = None
        self.loaded_up_to = 0  # journal id of the last row loaded
        self.more_to_load = True
        self._columns_for: dict[tuple[str, ...], dict[str, str]] = {}
        self.pacer: Pacer = runner._pacer_arg or Pacer()

    # -- setup -----------------------------------------------------------------------------------------------------

    def _start_workers(self) -> None:
        for _ in range(self.concurrency):
            self.providers.append(self.factory(self.client))
        self.label = getattr(self.providers[0], "label", self.label)
        runner = self.runner
        if runner._pacer_arg is not None:
            self.pacer = runner._pacer_arg
        else:
            limits = getattr(self.providers[0], "limits", None)
            rpm = getattr(limits, "requests_per_minute", None)
            cap = getattr(self.account, "max_per_minute", None)
            policy = runner.retry
            self.pacer = shared_pacer(
                (self.campaign.account, rpm, cap, policy.backoff_base, policy.backoff_cap),
                lambda: Pacer(
                    requests_per_minute=rpm,
                    messages_per_minute=cap,
                    backoff_base=policy.backoff_base,
                    backoff_cap=policy.backoff_cap,
                ),
            )
        runner.pacer = self.pacer
        for index, provider in enumerate(self.providers):
            thread = threading.Thread(
                target=self._work, args=(provider,), name=f"sender-{self.campaign.id}-{index}", daemon=True
            )
            thread.start()
            self.threads.append(thread)

    def _stop_workers(self) -> None:
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
            self.events.put(_Done(batch, results, error, hint))

    # -- planning --------------------------------------------------------------------------------------------------

    def _load_page(self) -> None:
        """The next page of pending rows, planned into requests. Sending starts after the first page, and later
        pages load while requests are out (a page is a whole number of full requests, so paging never costs a
        request)."""
        most = max(1, self.providers[0].limits.max_recipients_per_request)
        if self.page_size is None:
            self.page_size = max(math.ceil(500 / most), self.concurrency) * most
        # The first page is one full request: it leaves while the next page loads, not after.
        limit = self.page_size if self.loaded_up_to else most
        rows = self.journal.rows_to_send(self.campaign.id, after_id=self.loaded_up_to, limit=limit)
        self.more_to_load = len(rows) == limit
        if not rows:
            return
        self.loaded_up_to = rows[-1].id
        prefix = f"{self.campaign.id}-"
        template = self.template
        if template.placeholders:
            messages = [self._templated(prefix, row) for row in rows]
        else:  # the same text for everybody, or already final: no fields to carry
            messages = [
                OutgoingMessage(prefix + str(row.id), row.phone, row.text, row.encoding, row.segments)
                for row in rows
            ]
        by_key = {m.key: r for m, r in zip(messages, rows, strict=True)}
        self.rows.update((row.id, row) for row in rows)
        groups = self.providers[0].plan_requests(messages)
        caps = [c for c in (self.pacer.max_messages_per_request, self.runner.max_batch) if c]
        cap = min(caps) if caps else None
        for group in groups:
            step = min(len(group), cap) if cap else len(group)
            for start in range(0, len(group), max(1, step)):
                part = group[start : start + step]
                self.queue.append(_Batch([by_key[m.key] for m in part], list(part)))

    def _templated(self, prefix: str, row: RowToSend) -> OutgoingMessage:
        return OutgoingMessage(
            prefix + str(row.id),
            row.phone,
            row.text,
            row.encoding,
            row.segments,
            _TemplateValues(row.fields, self.template, self._columns_for),
            self.template.text,
        )

    # -- the loop --------------------------------------------------------------------------------------------------

    def run(self, return_when_paused: bool) -> RunOutcome:
        runner = self.runner
        journal = self.journal
        campaign_id = self.campaign.id
        try:
            self._start_workers()
        except ValueError as exc:  # settings the adapter refuses, e.g. a plain-http base URL to another host
            self._stop_workers()
            return self._finish(STOPPED, str(exc), STOPPED_BY_SETUP)
        journal.set_state(campaign_id, RUNNING)
        runner._emit_state(RUNNING, None)
        # Answers received but not recorded: their rows are still 'sending' and their requests still count as in
        # flight, so a crash never leaves more rows 'sending' than the requests allowed out.
        answers: collections.deque[_Done] = collections.deque()
        try:
            self._load_page()
            while True:
                answers += self._collect(block=False)
                if runner.cancelled or runner.paused or self.stop is not None:
                    self._write(answers, send=False)
                    answers.clear()
                    if self.in_flight:
                        answers += self._collect(block=True)
                        continue
                    if self.stop is not None:
                        return self._finish(STOPPED, self.stop.reason, self.stop.stopped_by)
                    if runner.cancelled:
                        return self._finish(CANCELLED, None)
                    journal.set_state(campaign_id, PAUSED)
                    runner._emit_state(PAUSED, None)
                    if return_when_paused:
                        return RunOutcome(campaign_id, PAUSED, None, journal.counts(campaign_id))
                    while runner.paused and not runner.cancelled:
                        self.events.get()
                    if not runner.cancelled:
                        journal.set_state(campaign_id, RUNNING)
                        runner._emit_state(RUNNING, None)
                    continue
                if not self.queue:
                    if answers:
                        self._write(answers, send=False)  # may put requests back in the queue
                        answers.clear()
                    elif self.more_to_load:
                        self._load_page()
                    elif self.in_flight:
                        answers += self._collect(block=True)
                    else:
                        # All sent. Rows put back to pending by hand in the meantime? The journal is the truth.
                        self.loaded_up_to = 0
                        self._load_page()
                        if not self.queue:
                            return self._finish(FINISHED, None)
                    continue
                if answers:
                    self._write(_answers_for_one_commit(answers), send=True)
                    continue
                leaving, wait = self._take_leaving()
                if leaving:
                    self._write([], leaving=leaving)
                elif self.more_to_load and len(self.queue) < self.concurrency:
                    self._load_page()  # while the requests in flight are out, not after
                elif wait > 0:
                    self._set_waiting(wait)
                    answers += self._collect(block=True, timeout=wait)
                else:  # every slot busy: wait for an answer
                    answers += self._collect(block=True)
        except BaseException:
            # Whatever went wrong here (a callback raised, the disk filled), requests in flight still get recorded.
            with _suppress_all():
                runner.cancel()
                self._write(answers, send=False, emit=False)
                while self.in_flight:
                    self._write(self._collect(block=True), send=False, emit=False)
                journal.set_state(campaign_id, CANCELLED, "the sender stopped on an error")
            raise
        finally:
            self._stop_workers()

    def _finish(self, state: str, reason: str | None, stopped_by: str | None = None) -> RunOutcome:
        self.journal.set_state(self.campaign.id, state, reason)
        self.runner._emit_state(state, reason)
        return RunOutcome(self.campaign.id, state, reason, self.journal.counts(self.campaign.id), stopped_by)

    def _set_waiting(self, seconds: float) -> None:
        if seconds >= 1.5 and not self.waiting:
            self.waiting = True
            self.runner._emit_state(
                WAITING, f"Waiting {seconds:.0f} s before the next request to {self.label}"
            )

    def _take_leaving(self) -> tuple[list[_Batch], float]:
        """Requests that may leave now (free slots, pacer agrees), or the time to wait for the pacer."""
        leaving: list[_Batch] = []
        messages = self.messages_in_flight
        while self.queue and self.in_flight + len(leaving) < self.concurrency:
            size = len(self.queue[0].messages)
            if messages and messages + size > self.runner.max_messages_in_flight:
                break  # big requests: fewer at once (a crash leaves at most this many messages unknown)
            wait = self.pacer.acquire(size)
            if wait > 0:
                return leaving, (0.0 if leaving else wait)
            leaving.append(self.queue.popleft())
            messages += size
        return leaving, 0.0

    def _collect(self, *, block: bool, timeout: float | None = None) -> list[_Done]:
        """Answers that have arrived; with `block`, wait for at least one event (an answer or a control call)."""
        done: list[_Done] = []
        try:
            event = self.events.get(timeout=timeout) if block else self.events.get_nowait()
        except queue.Empty:
            return done
        while True:
            if isinstance(event, _Done):
                done.append(event)
            try:
                event = self.events.get_nowait()
            except queue.Empty:
                return done

    # -- recording -------------------------------------------------------------------------------------------------

    def _write(
        self,
        done: Iterable[_Done],
        *,
        send: bool = False,
        leaving: list[_Batch] | None = None,
        emit: bool = True,
    ) -> None:
        """Record answers and claim the next requests' rows in ONE commit, then send, then report.

        `leaving`: requests already paced; `send`: take what may leave once these answers are settled (their slots
        free, the pacer told of any slow-down they asked for)."""
        outcomes: list[Outcome] = []
        for item in done:
            self.in_flight -= 1  # recorded in this commit: no longer 'sending'
            self.messages_in_flight -= len(item.batch.messages)
            settled = self._settle(item)
            outcomes += settled.outcomes
            for batch in reversed(settled.requeue):
                self.queue.appendleft(batch)
        leaving = list(leaving or ())
        if send and self.queue and not (self.stop is not None or self.runner.cancelled or self.runner.paused):
            leaving += self._take_leaving()[0]
        if leaving and (self.stop is not None or self.runner.cancelled or self.runner.paused):
            # The user or the provider said stop after these were paced: back to the queue, unsent.
            for batch in reversed(leaving):
                self.queue.appendleft(batch)
            leaving = []
        sending_ids = [row.id for batch in leaving for row in batch.rows]
        # Answers and claims in one commit: a crash leaves 'sending' (then 'unknown') only rows of requests that
        # are out or whose answer is not recorded yet, never more than the requests allowed in flight.
        claimed = self.journal.commit(outcomes, sending_ids)
        if claimed != len(sending_ids):  # cannot happen while we hold the lock; never send an unclaimed row
            raise RuntimeError(f"the journal claimed {claimed} of {len(sending_ids)} rows for sending")
        for batch in leaving:
            self.in_flight += 1
            self.messages_in_flight += len(batch.messages)
            self.jobs.put(batch)
        if leaving and self.waiting:
            self.waiting = False
            self.runner._emit_state(RUNNING, None)
        if not emit or self.runner._on_update is None:
            return
        rows = self.rows
        updates = [
            MessageUpdate(
                o.id,
                rows[o.id].row,
                rows[o.id].phone,
                o.state,
                o.message_id,
                o.error,
                rows[o.id].segments,
                o.cost,
                o.error_kind,
            )
            for o in outcomes
        ]
        updates += [
            MessageUpdate(row.id, row.row, row.phone, SENDING, None, None, row.segments, None)
            for batch in leaving
            for row in batch.rows
        ]
        self.runner._emit_updates(updates)

    def _settle(self, item: _Done) -> _Settled:
        """Turn one answer into row outcomes and requests to send again."""
        batch = item.batch
        settled = _Settled()
        pacer = self.pacer
        error = item.error
        if error is None:
            pacer.on_success(item.hint)
            self._settle_results(batch, item.results or [], settled)
            return settled
        if isinstance(error, RateLimited):
            hold = pacer.on_rate_limited(error.retry_after, item.hint)
            batch.rate_limited += 1
            if batch.rate_limited > self.runner.retry.max_rate_limited:
                self._stop(
                    f"{self.label} keeps asking us to slow down; try again later", STOPPED_BY_UNREACHABLE
                )
            else:
                self._set_waiting(hold)
                settled.requeue.append(batch)
            self._back_to_pending(batch.rows, error, settled)
        elif isinstance(error, Transient):
            pacer.on_server_error()
            batch.attempts += 1
            if batch.attempts >= self.runner.retry.max_attempts:
                self._give_up(batch.rows, error, settled)
            else:
                self._back_to_pending(batch.rows, error, settled)
                settled.requeue.append(batch)
        elif isinstance(error, AccountError):
            self._back_to_pending(batch.rows, error, settled)
            self._stop(error.reason, STOPPED_BY_PROVIDER)
        elif isinstance(error, InvalidRecipient) and len(batch.rows) > 1:
            # One request for many numbers refused as a whole: send them one by one to find the bad one.
            self._back_to_pending(batch.rows, error, settled)
            settled.requeue += [
                _Batch([row], [message]) for row, message in zip(batch.rows, batch.messages, strict=True)
            ]
        elif isinstance(error, InvalidRecipient | MessageRejected):
            self.give_ups_in_a_row = 0
            settled.outcomes += [_outcome(row.id, FAILED, error) for row in batch.rows]
        else:  # OutcomeUnknown, or a ProviderError of no known kind: it may have been accepted
            settled.outcomes += [_outcome(row.id, UNKNOWN, error) for row in batch.rows]
        return settled

    def _settle_results(self, batch: _Batch, results: list[SendResult], settled: _Settled) -> None:
        self.give_ups_in_a_row = 0
        messages = batch.messages
        if len(results) == len(messages) and all(
            r.key == m.key for r, m in zip(results, messages, strict=True)
        ):
            if all(r.accepted for r in results):  # the usual case, without the per-message questions below
                settled.outcomes += [
                    Outcome(row.id, SENT, r.message_id, r.cost)
                    for row, r in zip(batch.rows, results, strict=True)
                ]
                return
            in_order: list[SendResult | None] = list(results)  # the interface's promise
        else:
            by_key = {result.key: result for result in results}
            if len(by_key) != len(results) and len(results) == len(messages):
                by_key = {
                    m.key: r for m, r in zip(messages, results, strict=True)
                }  # keys repeated: by position
            in_order = [by_key.get(m.key) for m in messages]
        retry_rows: list[tuple[RowToSend, OutgoingMessage]] = []
        outcomes = settled.outcomes
        for row, message, result in zip(batch.rows, messages, in_order, strict=True):
            if result is not None and result.accepted:
                outcomes.append(Outcome(row.id, SENT, result.message_id, result.cost))
            elif result is None:
                settled.outcomes.append(
                    Outcome(
                        row.id,
                        UNKNOWN,
                        error=f"{self.label}'s answer did not mention this message; it may have been accepted",
                        error_kind=OutcomeUnknown.kind,
                    )
                )
            else:
                error = result.error
                if isinstance(error, InvalidRecipient | MessageRejected):
                    settled.outcomes.append(_outcome(row.id, FAILED, error))
                elif isinstance(error, Transient | RateLimited):
                    if isinstance(error, RateLimited):
                        self.pacer.on_rate_limited(error.retry_after)
                    settled.outcomes.append(_outcome(row.id, PENDING, error))
                    retry_rows.append((row, message))
                elif isinstance(error, AccountError):
                    settled.outcomes.append(_outcome(row.id, PENDING, error))
                    self._stop(error.reason, STOPPED_BY_PROVIDER)
                elif error is None:
                    settled.outcomes.append(
                        Outcome(
                            row.id,
                            FAILED,
                            error=f"{self.label} did not accept this message",
                            error_kind="error",
                        )
                    )
                else:
                    settled.outcomes.append(_outcome(row.id, UNKNOWN, error))
        if retry_rows:
            again = _Batch([r for r, _ in retry_rows], [m for _, m in retry_rows], batch.attempts + 1)
            if again.attempts >= self.runner.retry.max_attempts:
                settled.outcomes = [o for o in settled.outcomes if o.state != PENDING]
                self._give_up(again.rows, Transient("the provider did not take these messages"), settled)
            else:
                settled.requeue.append(again)

    def _back_to_pending(self, rows: list[RowToSend], error: ProviderError, settled: _Settled) -> None:
        settled.outcomes += [_outcome(row.id, PENDING, error) for row in rows]

    def _give_up(self, rows: list[RowToSend], error: ProviderError, settled: _Settled) -> None:
        attempts = self.runner.retry.max_attempts
        settled.outcomes += [
            Outcome(
                row.id,
                FAILED,
                error=f"Gave up after {attempts} attempts: {error.reason}",
                error_kind=Transient.kind,
            )
            for row in rows
        ]
        self.give_ups_in_a_row += 1
        if self.give_ups_in_a_row >= self.runner.retry.give_up_streak:
            self._stop(f"{self.label} could not be reached: {error.reason}", STOPPED_BY_UNREACHABLE)

    def _stop(self, reason: str, stopped_by: str) -> None:
        if self.stop is None:
            self.stop = _Stop(reason, stopped_by)


def _answers_for_one_commit(answers: collections.deque[_Done]) -> list[_Done]:
    """Answers to record in the next commit, taken from the front.

    Small answers go together: one commit (and one sync of its claims) for several. Big ones go one per commit
    while requests wait: the request the first answer's slot frees leaves as soon as that answer is recorded, and
    the next answers are recorded while it is out. Recording them all first would leave the provider idle
    meanwhile, and answers that came together would keep their requests leaving (and arriving) together.
    """
    taken = [answers.popleft()]
    messages = len(taken[0].batch.messages)
    while answers and messages + len(answers[0].batch.messages) <= MESSAGES_PER_COMMIT:
        messages += len(answers[0].batch.messages)
        taken.append(answers.popleft())
    return taken


def _outcome(row_id: int, state: str, error: ProviderError) -> Outcome:
    return Outcome(row_id, state, error=error.reason, error_kind=error.kind)


class _suppress_all:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        if exc[0] is not None:
            log.exception("while recording the last answers after an error")
        return True
