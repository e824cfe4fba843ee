"""Sending a campaign: journal first, then HTTP, then journal. No Qt: the GUI runs `CampaignRunner.run()` in a
child process (engine/child.py) or on a thread, the CLI on its main thread.

One request's path, all in this module:

    1. the pacer says it may leave now, and fewer than the allowed requests (and messages) are in flight;
    2. its rows are claimed ('sending') and COMMITTED, synced to disk, in the same commit that records the answers
       that came in meanwhile (store/claims.py holds the rules of each change of state);
    3. a worker thread sends it (workers.py) and puts the answer on the run's event queue;
    4. the answer is settled (outcomes.py: sent, failed, unknown, or back to pending) and recorded with the next
       claims; only then is each result reported through `on_update`.

A crash can so leave 'sending' (then 'unknown') only the rows of requests that are out or whose answer is not
recorded yet: never more than the requests allowed in flight. Pieces used here, each its own module: requests.py
(rows into the adapter's requests), workers.py (the HTTP threads), outcomes.py (answers into row outcomes),
pacing.py (when the next request may leave), results.py (what a run reports).

pause() / resume() / cancel() work at any moment from any thread: no new request leaves, the ones in flight finish
and are recorded. Cancelled and paused campaigns keep their unsent rows pending, so they can be resumed.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import logging
import math
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from smsdesk.core.account import Account
from smsdesk.core.states import CampaignState, MessageState
from smsdesk.core.template import Template
from smsdesk.engine.outcomes import Answer, AnswerSettler, RetryPolicy, Stop
from smsdesk.engine.pacing import Pacer, shared_pacer
from smsdesk.engine.requests import Batch, RequestPlanner, run_client
from smsdesk.engine.results import STOPPED_BY_SETUP, STOPPED_BY_STORAGE, MessageUpdate, RunOutcome
from smsdesk.engine.schedule import SendGate, scheduling_factory
from smsdesk.engine.workers import RequestWorkers
from smsdesk.providers import provider_class
from smsdesk.providers.base import Provider
from smsdesk.store import secrets
from smsdesk.store.claims import Outcome
from smsdesk.store.db import Database
from smsdesk.store.errors import StoreError, StoreLost
from smsdesk.store.journal import INTERRUPTED_KIND, INTERRUPTED_REASON, Campaign, Journal, RowToSend

log = logging.getLogger(__name__)

DEFAULT_CONCURRENCY = 4
# Providers with a documented rate limit are paced anyway; two in flight hide one request's latency.
RATE_LIMITED_CONCURRENCY = 2
# Requests carrying many messages go fewer at once: a crash can leave at most this many messages 'unknown' (one
# request always goes, however big).
MAX_MESSAGES_IN_FLIGHT = 1000
# Pending rows are read from the journal this many at a time (rounded to whole requests), while requests are out.
PAGE_SIZE = 500
# After the database failed under a run (locked by another program past its busy timeout, disk full), this many more
# tries, each waiting the busy timeout, to record the answers of the requests that were out and to stop the campaign.
RECORD_TRIES_AFTER_STORE_ERROR = 3

OnUpdate = Callable[[MessageUpdate], None]
OnState = Callable[[CampaignState, str | None], None]

_WAKE = object()  # put on the event queue by pause(), resume() and cancel()


def default_concurrency(provider_type: type[Provider]) -> int:
    limits = getattr(provider_type, "limits", None)
    return RATE_LIMITED_CONCURRENCY if getattr(limits, "requests_per_minute", None) else DEFAULT_CONCURRENCY


def secret_for_account(account: Account) -> str:
    """The account's key from the keyring (none needed for the built-in sandbox)."""
    return secrets.secret_for(account)


@contextlib.contextmanager
def account_provider(db: Database, account_name: str) -> Iterator[Provider]:
    """The adapter of a saved account, with its key, closed afterwards: for asking the provider something outside
    a run (delivery reports, what it accepted). ValueError when the account no longer exists."""
    from smsdesk.providers import create_provider

    account = db.get_account(account_name)
    if account is None:
        raise ValueError(f"The account {account_name!r} no longer exists")
    with create_provider(account, secret_for_account(account)) as provider:
        yield provider


@dataclass(frozen=True)
class ProviderSetup:
    """What a run sends with: the account, how to build one adapter per worker, and how many workers."""

    account: Account | None
    factory: Callable[[httpx.Client], Provider]
    concurrency: int


def provider_setup(
    account: Account | None,
    campaign: Campaign,
    provider: Provider | Callable[[], Provider] | None,
    concurrency: int | None,
) -> ProviderSetup:
    """The campaign's provider: the one given (an instance: one request at a time, as an adapter instance serves
    one call at a time; a factory: one per worker), or built from the account and its keyring secret.
    Raises Stop when the campaign cannot be sent as set up."""
    if isinstance(provider, Provider):
        instance = provider
        return ProviderSetup(
            account=account or instance.account, factory=lambda client: instance, concurrency=1
        )
    if provider is not None:
        make = provider
        return ProviderSetup(
            account=account, factory=lambda client: make(), concurrency=concurrency or DEFAULT_CONCURRENCY
        )
    if account is None:
        raise Stop(
            f"The account {campaign.account!r} no longer exists: add it again (same name) to resume",
            STOPPED_BY_SETUP,
        )
    try:
        provider_type = provider_class(account.provider)
    except ValueError as exc:
        raise Stop(str(exc), STOPPED_BY_SETUP) from None
    problems = provider_type.validate_account(account)
    if problems:
        raise Stop(" ".join(problems), STOPPED_BY_SETUP)
    try:
        secret = secret_for_account(account)
    except Exception as exc:  # SecretStoreError and keyring failures: a sentence for the user
        raise Stop(str(exc) or type(exc).__name__, STOPPED_BY_SETUP) from None
    configured = account

    def build(client: httpx.Client) -> Provider:
        return provider_type(configured, secret, client=client)

    return ProviderSetup(
        account=account, factory=build, concurrency=concurrency or default_concurrency(provider_type)
    )


class CampaignRunner:
    def __init__(
        self,
        db_path: str | Path,
        campaign_id: str,
        *,
        provider: Provider | Callable[[], Provider] | None = None,
        on_update: OnUpdate | None = None,
        on_state: OnState | None = None,
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
        called once per worker; an instance is used as is, and then only one request is in flight.
        `pacer`: None uses the process's one pacer for the account (pacing.shared_pacer).
        `settle_unknowns`: a run that ends with unknown messages asks the provider's list about them, where it has
        one (engine/reconcile.py); False leaves them for the user (tests of the send policy itself).
        `gate` (engine/schedule.py) holds requests until their recipients may be texted (quiet hours, the campaign's
        time); `provider_schedule` (opens, closes) hands every message to a provider that schedules, with that time."""
        self.db_path = Path(db_path)
        self.campaign_id = campaign_id
        self.provider = provider
        self.on_update = on_update
        self.on_state = on_state
        self.concurrency = concurrency
        self.retry = retry or RetryPolicy()
        self.pacer = pacer
        self.durable_marks = durable_marks
        self.max_batch = max_batch
        self.max_messages_in_flight = max_messages_in_flight
        self.settle_unknowns = settle_unknowns
        self.gate = gate
        self.provider_schedule = provider_schedule
        self._control = threading.Lock()
        self._pause_requested = False
        self._cancel_requested = False
        self._ends_as: CampaignState | None = None  # what a stop asked for leaves the campaign in
        # What the run thread waits for: the workers' answers, and a wake-up from pause(), resume() and cancel().
        self.events: queue.SimpleQueue[Any] = queue.SimpleQueue()

    # -- control, from any thread ----------------------------------------------------------------------------------

    def pause(self) -> None:
        with self._control:
            self._pause_requested = True
        self.events.put(_WAKE)

    def resume(self) -> None:
        with self._control:
            self._pause_requested = False
        self.events.put(_WAKE)

    def cancel(self) -> None:
        with self._control:
            self._cancel_requested = True
            # the user's choice wins over a window that went away after it
            self._ends_as = CampaignState.CANCELLED
        self.events.put(_WAKE)

    def interrupt(self) -> None:
        """Stop as cancel() does, but leave the campaign 'interrupted', as a crash of its sender would: the window
        that sent it is gone and nobody chose to cancel, so the next start offers it for resuming."""
        with self._control:
            self._cancel_requested = True
            self._ends_as = self._ends_as or CampaignState.INTERRUPTED
        self.events.put(_WAKE)

    @property
    def paused(self) -> bool:
        with self._control:
            return self._pause_requested

    @property
    def cancelled(self) -> bool:
        with self._control:
            return self._cancel_requested

    @property
    def ends_as(self) -> CampaignState:
        with self._control:
            return self._ends_as or CampaignState.CANCELLED

    # -- the run ---------------------------------------------------------------------------------------------------

    def run(self, *, return_when_paused: bool = False) -> RunOutcome:
        """Send every pending row. Blocks until finished, cancelled or stopped (paused: waits for resume() or
        cancel(), unless `return_when_paused`). Raises CampaignNotFound, CampaignBusy, store.StoreError."""
        db = Database(self.db_path)
        try:
            journal = Journal(db)
            journal.durable_marks = self.durable_marks
            campaign = journal.get_campaign(self.campaign_id, with_counts=False)
            with journal.lock(self.campaign_id):
                # Rows a crash left 'sending' become 'unknown': reported like any other result.
                stuck = journal.messages(self.campaign_id, states=(MessageState.SENDING,))
                journal.recover(self.campaign_id)
                self.tell_updates(
                    [
                        MessageUpdate(
                            id=r.id,
                            row=r.row,
                            phone=r.phone,
                            state=MessageState.UNKNOWN,
                            segments=r.segments,
                            error=INTERRUPTED_REASON,
                            error_kind=INTERRUPTED_KIND,
                        )
                        for r in stuck
                    ]
                )
                if campaign.state == CampaignState.DISCARDED:
                    return RunOutcome(
                        campaign_id=self.campaign_id,
                        state=CampaignState.FINISHED,
                        reason="discarded",
                        counts=journal.counts(self.campaign_id),
                    )
                try:
                    setup = provider_setup(
                        db.get_account(campaign.account), campaign, self.provider, self.concurrency
                    )
                except Stop as stop:
                    return self.close(journal, CampaignState.STOPPED, stop.reason, stop.stopped_by)
                if self.provider_schedule is not None:
                    setup = dataclasses.replace(
                        setup, factory=scheduling_factory(setup.factory, *self.provider_schedule)
                    )
                outcome = _Run(self, journal, campaign, setup).run(return_when_paused)
                if self.settle_unknowns and outcome.counts.get(MessageState.UNKNOWN):
                    outcome = self._settle_unknowns(journal, setup, outcome)
                return outcome
        finally:
            db.close()

    def _settle_unknowns(self, journal: Journal, setup: ProviderSetup, outcome: RunOutcome) -> RunOutcome:
        """A run that ends with unknown messages asks the provider's list at once, where it has one
        (engine/reconcile.py, which keeps the provider's limit on how often it may be asked)."""
        from smsdesk.engine.reconcile import reconcile

        if isinstance(self.provider, Provider):
            return outcome  # an instance given for one request at a time: not ours to ask more
        client = run_client()
        try:
            provider = setup.factory(client)
            if not provider.can_lookup:
                return outcome
            with provider:
                result = reconcile(journal, self.campaign_id, provider)
        except Exception:  # asking is a bonus: the run's outcome stands whatever happens here
            log.exception("looking up unknown messages after the run failed")
            return outcome
        finally:
            client.close()
        self.tell_updates(
            [
                MessageUpdate(
                    id=r.id,
                    row=r.row,
                    phone=r.phone,
                    state=r.state,
                    segments=r.segments,
                    message_id=r.message_id,
                    error=r.error,
                    cost=r.cost,
                    error_kind=r.error_kind,
                )
                for r in result.changed
            ]
        )
        if not result.changed:
            return outcome
        return dataclasses.replace(outcome, counts=journal.counts(self.campaign_id))

    # -- what the run tells its caller (called on the run thread) ----------------------------------------------

    def tell_state(self, state: CampaignState, reason: str | None = None) -> None:
        if self.on_state is not None:
            self.on_state(state, reason)

    def tell_updates(self, updates: Sequence[MessageUpdate]) -> None:
        if self.on_update is not None:
            for update in updates:
                self.on_update(update)

    def close(
        self, journal: Journal, state: CampaignState, reason: str | None, stopped_by: str | None = None
    ) -> RunOutcome:
        """Store the state the run ends in, tell it, and say how the campaign stands."""
        counts = journal.set_state(self.campaign_id, state, reason)  # counted already if this closes it
        self.tell_state(state, reason)
        return RunOutcome(
            campaign_id=self.campaign_id,
            state=state,
            reason=reason,
            counts=counts if counts is not None else journal.counts(self.campaign_id),
            stopped_by=stopped_by,
        )


class _Run:
    """One run of one campaign: the requests queued and in flight, and the commits that record and claim.
    Lives on the thread that called CampaignRunner.run(), which alone touches the journal. It uses the runner's
    public face only: its settings, paused/cancelled, `events`, tell_state(), tell_updates() and close()."""

    def __init__(self, runner: CampaignRunner, journal: Journal, campaign: Campaign, setup: ProviderSetup):
        self.runner = runner
        self.journal = journal
        self.campaign = campaign
        self.setup = setup
        self.queue: collections.deque[Batch] = collections.deque()  # requests planned, not sent yet
        self.arrived: list[Answer] = []  # answers received, not recorded yet: their rows are still 'sending'
        self.in_flight = 0  # requests whose rows are 'sending' (out, or answered and not recorded yet)
        self.messages_in_flight = 0
        self.rows: dict[int, RowToSend] = {}  # loaded rows by id, for what each update reports
        self.loaded_up_to = 0  # journal id of the last row loaded
        self.more_to_load = True
        # The WAITING line last reported while no request has left since (None: running). Quiet hours and the
        # campaign's time (the gate) and a hold after an error (the settler) are both told through _tell_waiting.
        self.waiting_line: str | None = None
        self.reporting = True  # False once the run broke off: what is still recorded is not reported
        self.unrecorded: list[Outcome] = []  # settled answers of the commit under way
        self.concurrency = max(1, setup.concurrency)
        self.pacer = runner.pacer or Pacer()
        self.settler = AnswerSettler(runner.retry, self.pacer, self._hold)
        self.workers = RequestWorkers(setup.factory, self.concurrency, runner.events, f"sender-{campaign.id}")
        self.planner: RequestPlanner  # once the workers have started (_start)

    # -- setup -----------------------------------------------------------------------------------------------------

    def _start(self) -> RequestPlanner:
        """Start the workers; the planner for their adapter. Raises ValueError for settings the adapter refuses."""
        self.workers.start()
        first = self.workers.providers[0]
        self.settler.label = getattr(first, "label", self.settler.label)
        if self.runner.pacer is None:
            rpm = getattr(first.limits, "requests_per_minute", None)
            cap = getattr(self.setup.account, "max_per_minute", None)
            policy = self.runner.retry
            self.pacer = self.settler.pacer = shared_pacer(
                (self.campaign.account, rpm, cap, policy.backoff_base, policy.backoff_cap),
                lambda: Pacer(
                    requests_per_minute=rpm,
                    requests_per_hour=getattr(first.limits, "requests_per_hour", None),
                    requests_per_day=getattr(first.limits, "requests_per_day", None),
                    messages_per_minute=cap,
                    backoff_base=policy.backoff_base,
                    backoff_cap=policy.backoff_cap,
                ),
            )
        return RequestPlanner(self.campaign.id, Template(self.campaign.template or ""), first)

    # -- the loop --------------------------------------------------------------------------------------------------

    def run(self, return_when_paused: bool) -> RunOutcome:
        try:
            try:
                self.planner = self._start()
            except ValueError as exc:  # settings the adapter refuses, e.g. plain http to another host
                return self.runner.close(self.journal, CampaignState.STOPPED, str(exc), STOPPED_BY_SETUP)
            return self._loop(return_when_paused)
        except StoreError as exc:
            return self._stopped_by_store(exc)
        except BaseException:
            # Whatever went wrong here (a callback raised, the disk filled), requests in flight still get recorded.
            try:
                self.runner.cancel()
                self.reporting = False
                while self.in_flight:
                    self._step(send=False)
                    if self.in_flight:
                        self._wait(None)
                self.journal.set_state(
                    self.campaign.id, CampaignState.CANCELLED, "the sender stopped on an error"
                )
            except BaseException:
                log.exception("while recording the last answers after an error")
            raise
        finally:
            self.workers.stop()

    def _loop(self, return_when_paused: bool) -> RunOutcome:
        runner, journal, campaign_id = self.runner, self.journal, self.campaign.id
        journal.set_state(campaign_id, CampaignState.RUNNING)
        runner.tell_state(CampaignState.RUNNING)
        self._load_page()
        while True:
            wait = self._step(send=True)
            if runner.cancelled or runner.paused or self.settler.stop is not None:
                if self.in_flight:  # nothing more leaves; the answers of what is out get recorded
                    self._wait(None)
                    continue
                if self.settler.stop is not None:
                    stop = self.settler.stop
                    return runner.close(journal, CampaignState.STOPPED, stop.reason, stop.stopped_by)
                if runner.cancelled:
                    return runner.close(journal, runner.ends_as, None)
                journal.set_state(campaign_id, CampaignState.PAUSED)
                runner.tell_state(CampaignState.PAUSED)
                if return_when_paused:
                    return RunOutcome(
                        campaign_id=campaign_id,
                        state=CampaignState.PAUSED,
                        reason=None,
                        counts=journal.counts(campaign_id),
                    )
                while runner.paused and not runner.cancelled:
                    self._wait(None)
                if not runner.cancelled:
                    journal.set_state(campaign_id, CampaignState.RUNNING)
                    runner.tell_state(CampaignState.RUNNING)
                continue
            if self.more_to_load and len(self.queue) < self.concurrency:
                self._load_page()  # while the requests in flight are out, not after
                continue
            if not self.queue and not self.in_flight:
                # All sent, as far as this run knows: the journal is the truth. It closes the campaign only if no
                # row is left to send (and counts it while at it); else send what is left.
                counts = journal.finish(campaign_id)
                if counts is not None:
                    runner.tell_state(CampaignState.FINISHED)
                    return RunOutcome(
                        campaign_id=campaign_id, state=CampaignState.FINISHED, reason=None, counts=counts
                    )
                self.loaded_up_to, self.more_to_load = 0, True
                self._load_page()
                if not self.queue:
                    return runner.close(journal, CampaignState.FINISHED, None)
                continue
            self._wait(wait)

    def _stopped_by_store(self, exc: StoreError) -> RunOutcome:
        """The database failed under the run: nothing more leaves. The requests that are out are waited for; their
        answers are recorded and the campaign stopped (resumable) if the database takes writes again, and reported
        either way. Raises `exc` when it does not (or when the file or the lock is gone: StoreLost)."""
        self.runner.cancel()
        outcomes, self.unrecorded = self.unrecorded, []
        while True:
            for answer in self.arrived:
                self.in_flight -= 1
                self.messages_in_flight -= len(answer.batch.messages)
                outcomes += self.settler.settle(answer).outcomes
            self.arrived = []
            if not self.in_flight:
                break
            self._wait(None)
        if not isinstance(exc, StoreLost):
            reason = str(exc)
            for _attempt in range(RECORD_TRIES_AFTER_STORE_ERROR):
                try:
                    self.journal.commit(outcomes, ())
                    outcome = self.runner.close(
                        self.journal, CampaignState.STOPPED, reason, STOPPED_BY_STORAGE
                    )
                except StoreLost:
                    break
                except StoreError:
                    continue
                self._report(outcomes, [])
                return outcome
        self._report(outcomes, [])  # not recorded, but sent (or not) all the same: the caller says so
        raise exc

    def _wait(self, timeout: float | None) -> None:
        """Until an event arrives (an answer, or a control call) or `timeout` passes; answers go to `arrived`.
        A timeout of 0 only takes what has arrived."""
        events = self.runner.events
        try:
            event = events.get(timeout=timeout) if timeout != 0 else events.get_nowait()
        except queue.Empty:
            return
        while True:
            if isinstance(event, Answer):
                self.arrived.append(event)
            try:
                event = events.get_nowait()
            except queue.Empty:
                return

    def _load_page(self) -> None:
        """The next page of pending rows, planned into requests: a whole number of full requests, so paging never
        costs a request. The first page is one request, which leaves while the next page loads."""
        most = max(1, self.planner.provider.limits.max_recipients_per_request)
        limit = max(math.ceil(PAGE_SIZE / most), self.concurrency) * most if self.loaded_up_to else most
        rows = self.journal.rows_to_send(
            self.campaign.id,
            after_id=self.loaded_up_to,
            limit=limit,
            with_fields=bool(
                self.planner.template.placeholders and self.planner.provider.reads_template_fields
            ),
        )
        self.more_to_load = len(rows) == limit
        if not rows:
            return
        self.loaded_up_to = rows[-1].id
        self.rows.update((row.id, row) for row in rows)
        caps = [c for c in (self.pacer.max_messages_per_request, self.runner.max_batch) if c]
        self.queue.extend(self.planner.batches(rows, min(caps) if caps else None))

    # -- one step: record what arrived and claim what may leave, in ONE commit; then send; then report -------------

    def _step(self, *, send: bool) -> float | None:
        """Returns how long to wait for the pacer before the next request may leave (None: wait for an answer)."""
        self._wait(0)
        outcomes: list[Outcome] = []
        for answer in self.arrived:
            self.in_flight -= 1
            self.messages_in_flight -= len(answer.batch.messages)
            settled = self.settler.settle(answer)
            outcomes += settled.outcomes
            self.queue.extendleft(reversed(settled.requeue))
            self.queue.extend(settled.later)
        self.arrived = []
        leaving: list[Batch] = []
        wait: float | None = None
        if send and self.settler.stop is None and not (self.runner.cancelled or self.runner.paused):
            leaving, wait = self._take_leaving()
        self.unrecorded = outcomes
        claimed = self.journal.commit(outcomes, [[row.id for row in batch.rows] for batch in leaving])
        self.unrecorded = []
        if not all(claimed):
            # Rows no longer pending: another SMSDesk changed the campaign (the lock makes that all but
            # impossible). Never send an unclaimed row; stop, resumable.
            refused = sum(len(b.rows) for b, ok in zip(leaving, claimed, strict=True) if not ok)
            leaving = [b for b, ok in zip(leaving, claimed, strict=True) if ok]
            self.settler.stop_with(
                f"The journal refused to claim {refused} rows: another SMSDesk changed this campaign while it "
                "was being sent. Nothing was sent twice; see where it stands with: smsdesk campaigns list",
                STOPPED_BY_STORAGE,
            )
        for batch in leaving:
            self.in_flight += 1
            self.messages_in_flight += len(batch.messages)
            self.workers.send(batch)
        if leaving and self.waiting_line is not None:
            self.waiting_line = None
            self.runner.tell_state(CampaignState.RUNNING)
        if self.reporting:
            self._report(outcomes, leaving)
        return wait

    def _take_leaving(self) -> tuple[list[Batch], float | None]:
        """Requests that may leave now (free slots, the pacer agrees), and the time to wait for the pacer when it
        holds the next one back. While the last answers were errors, one request at a time probes the provider."""
        leaving: list[Batch] = []
        slots = 1 if self.settler.failing else self.concurrency
        messages = self.messages_in_flight
        gate = self.runner.gate
        while self.queue and self.in_flight + len(leaving) < slots:
            if gate is not None:
                index, held = gate.pick(self.queue)
                if index is None:  # everyone left is in quiet hours or before the campaign's time
                    if leaving:
                        return leaving, None
                    if gate.reason is not None:
                        self._tell_waiting(gate.reason, again=False)
                    return leaving, gate.sleep_for(held)
                if index:
                    self.queue.rotate(-index)  # the first request that may go now leads
            size = len(self.queue[0].messages)
            if messages and messages + size > self.runner.max_messages_in_flight:
                break  # big requests: fewer at once (a crash leaves at most this many messages unknown)
            wait = self.pacer.acquire(size)
            if wait > 0:
                return leaving, None if leaving else wait
            leaving.append(self.queue.popleft())
            messages += size
        return leaving, None

    def _tell_waiting(self, line: str, *, again: bool) -> None:
        """Say why nothing leaves now. The gate's line ("waiting for quiet hours to end at 08:00") is asked for on
        every turn and said once, until it changes (`again` False); each hold after an error is said (`again`)."""
        if again or line != self.waiting_line:
            self.waiting_line = line
            self.runner.tell_state(CampaignState.WAITING, line)

    def _hold(self, seconds: float, line: str) -> None:
        """Every request now waits `seconds` after an error: say why, and when the next try is."""
        self._tell_waiting(line, again=True)

    def _report(self, outcomes: list[Outcome], leaving: list[Batch]) -> None:
        if self.runner.on_update is None:
            return  # nobody listens: build no updates
        updates = [
            MessageUpdate(
                id=o.id,
                row=self.rows[o.id].row,
                phone=self.rows[o.id].phone,
                state=MessageState(o.state),
                segments=self.rows[o.id].segments,
                message_id=o.message_id,
                error=o.error,
                cost=o.cost,
                error_kind=o.error_kind,
            )
            for o in outcomes
        ]
        updates += [
            MessageUpdate(
                id=row.id, row=row.row, phone=row.phone, state=MessageState.SENDING, segments=row.segments
            )
            for batch in leaving
            for row in batch.rows
        ]
        self.runner.tell_updates(updates)
