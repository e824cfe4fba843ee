"""One run of one campaign: what leaves when, and the commits that record answers and claim rows.

The loop runs on the thread that called CampaignRunner.run() and alone touches the journal. For every request:

    1. the pacer says it may leave now, and fewer than the allowed requests (and messages) are in flight;
    2. its rows are claimed ('sending') and COMMITTED, in the same commit as the answers recorded just before (one
       commit, one sync, for several requests when several may leave);
    3. a worker sends it (workers.py); the answer comes back on the event queue;
    4. the answer is settled (outcomes.py) and recorded with the next claims, and only then is each result
       reported through `on_update`.

A crash can so leave 'sending' (then 'unknown') only the rows of requests that are out or whose answer is not
recorded yet: never more than the requests allowed in flight.
"""

from __future__ import annotations

import collections
import logging
import math
import operator
import queue
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import httpx

from smsdesk.core.template import Template
from smsdesk.engine.outcomes import Answer, AnswerSettler, Stop
from smsdesk.engine.pacing import Pacer, shared_pacer
from smsdesk.engine.requests import Batch, RequestPlanner
from smsdesk.engine.results import STOPPED_BY_SETUP, STOPPED_BY_STORAGE, WAITING, MessageUpdate, RunOutcome
from smsdesk.engine.workers import RequestWorkers
from smsdesk.providers.base import Provider
from smsdesk.store.errors import StoreError, StoreLost
from smsdesk.store.journal import (
    CANCELLED,
    FINISHED,
    PAUSED,
    RUNNING,
    SENDING,
    STOPPED,
    Journal,
    Outcome,
    RowToSend,
)

if TYPE_CHECKING:
    from smsdesk.engine.sender import CampaignRunner

log = logging.getLogger(__name__)

DEFAULT_CONCURRENCY = 4
# Providers with a documented rate limit are paced anyway; two in flight hide one request's latency.
RATE_LIMITED_CONCURRENCY = 2
# Requests carrying many messages go fewer at once: a crash can leave at most this many messages 'unknown' (one
# request always goes, however big), and a loaded provider answers a few big requests no slower one by one.
MAX_MESSAGES_IN_FLIGHT = 1000
# Answers are recorded together up to this many messages per commit: a commit's own cost (syncing its claims to
# disk) is about that of recording ~100 messages.
MESSAGES_PER_COMMIT = 100
# After the database failed under a run (locked by another program past its busy timeout, disk full), this many more
# tries, each waiting the busy timeout, to record the answers of the requests that were out and to stop the campaign.
RECORD_TRIES_AFTER_STORE_ERROR = 3


_row_id = operator.attrgetter("id")


def default_concurrency(provider_type: type[Provider]) -> int:
    limits = getattr(provider_type, "limits", None)
    return RATE_LIMITED_CONCURRENCY if getattr(limits, "requests_per_minute", None) else DEFAULT_CONCURRENCY


class SendLoop:
    """The dispatcher's state for one run. Lives on the run() thread only."""

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
        self.concurrency = max(1, runner.concurrency)
        self.events = runner._events
        self.workers = RequestWorkers(factory, self.concurrency, self.events, f"sender-{campaign.id}")
        self.queue: collections.deque[Batch] = collections.deque()  # requests planned, not sent yet
        self.in_flight = 0  # requests whose rows are 'sending': sent, answer not recorded yet
        self.messages_in_flight = 0
        self.waiting: bool | str = False  # a str: the gate's reason, shown once per change
        self.template = Template(campaign.template or "")
        self.planner: RequestPlanner | None = None
        self.rows: dict[int, RowToSend] = {}
        self.page_size: int | None = None
        self.loaded_up_to = 0  # journal id of the last row loaded
        self.more_to_load = True
        self.pacer: Pacer = runner._pacer_arg or Pacer()
        self.settler = AnswerSettler(runner.retry, self.pacer, self._set_waiting)
        self.unrecorded: list[Outcome] = []  # settled answers of the commit under way

    @property
    def stop(self) -> Stop | None:
        return self.settler.stop

    @property
    def label(self) -> str:
        return self.settler.label

    # -- setup -----------------------------------------------------------------------------------------------------

    def _start_workers(self) -> None:
        self.workers.start()
        first = self.workers.providers[0]
        self.settler.label = getattr(first, "label", self.settler.label)
        self.planner = RequestPlanner(self.campaign.id, self.template, first)
        runner = self.runner
        if runner._pacer_arg is not None:
            self.pacer = runner._pacer_arg
        else:
            limits = getattr(first, "limits", None)
            rpm = getattr(limits, "requests_per_minute", None)
            cap = getattr(self.account, "max_per_minute", None)
            policy = runner.retry
            self.pacer = shared_pacer(
                (self.campaign.account, rpm, cap, policy.backoff_base, policy.backoff_cap),
                lambda: Pacer(
                    requests_per_minute=rpm,
                    requests_per_hour=getattr(limits, "requests_per_hour", None),
                    requests_per_day=getattr(limits, "requests_per_day", None),
                    messages_per_minute=cap,
                    backoff_base=policy.backoff_base,
                    backoff_cap=policy.backoff_cap,
                ),
            )
        self.settler.pacer = self.pacer
        runner.pacer = self.pacer

    # -- planning --------------------------------------------------------------------------------------------------

    def _load_page(self) -> None:
        """The next page of pending rows, planned into requests. Sending starts after the first page, and later
        pages load while requests are out (a page is a whole number of full requests, so paging never costs a
        request)."""
        assert self.planner is not None
        most = max(1, self.planner.provider.limits.max_recipients_per_request)
        if self.page_size is None:
            self.page_size = max(math.ceil(500 / most), self.concurrency) * most
        # The first page is one full request: it leaves while the next page loads, not after.
        limit = self.page_size if self.loaded_up_to else most
        rows = self.journal.rows_to_send(
            self.campaign.id,
            after_id=self.loaded_up_to,
            limit=limit,
            with_fields=bool(self.template.placeholders and self.planner.provider.reads_template_fields),
        )
        self.more_to_load = len(rows) == limit
        if not rows:
            return
        self.loaded_up_to = rows[-1].id
        if self.runner._on_update is not None:  # what each update reports besides the answer
            self.rows.update(zip(map(_row_id, rows), rows, strict=True))
        caps = [c for c in (self.pacer.max_messages_per_request, self.runner.max_batch) if c]
        self.queue.extend(self.planner.batches(rows, min(caps) if caps else None))

    # -- the loop --------------------------------------------------------------------------------------------------

    def run(self, return_when_paused: bool) -> RunOutcome:
        runner = self.runner
        journal = self.journal
        campaign_id = self.campaign.id
        try:
            self._start_workers()
        except ValueError as exc:  # settings the adapter refuses, e.g. a plain-http base URL to another host
            self.workers.stop()
            return self._finish(STOPPED, str(exc), STOPPED_BY_SETUP)
        journal.set_state(campaign_id, RUNNING)
        runner._emit_state(RUNNING, None)
        # Answers received but not recorded: their rows are still 'sending' and their requests still count as in
        # flight, so a crash never leaves more rows 'sending' than the requests allowed out.
        answers: collections.deque[Answer] = collections.deque()
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
                        # All sent, as far as this run knows: the journal is the truth. It closes the campaign
                        # only if no row is left to send (and counts it while at it); else send what is left.
                        counts = journal.finish(campaign_id)
                        if counts is not None:
                            runner._emit_state(FINISHED, None)
                            return RunOutcome(campaign_id, FINISHED, None, counts)
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
                elif wait < 0:  # held by the gate: quiet hours or the campaign's time
                    self._set_waiting(-wait, runner.gate.reason)
                    answers += self._collect(block=True, timeout=runner.gate.sleep_for(-wait))
                elif wait > 0:
                    self._set_waiting(wait)
                    answers += self._collect(block=True, timeout=wait)
                else:  # every slot busy: wait for an answer
                    answers += self._collect(block=True)
        except StoreError as exc:
            return self._stopped_by_store(exc, answers)
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
            self.workers.stop()

    def _stopped_by_store(self, exc: StoreError, answers: Iterable[Answer]) -> RunOutcome:
        """The database failed under the run: nothing more leaves. The requests that are out are waited for; their
        answers are recorded and the campaign stopped (resumable) if the database takes writes again, and reported
        either way. Raises `exc` when it does not (or when the file or the lock is gone: StoreLost)."""
        self.runner.cancel()
        outcomes, self.unrecorded = self.unrecorded, []
        waiting = list(answers)
        while True:
            for item in waiting:
                self.in_flight -= 1
                self.messages_in_flight -= len(item.batch.messages)
                outcomes += self.settler.settle(item).outcomes
            if not self.in_flight:
                break
            waiting = self._collect(block=True)
        if not isinstance(exc, StoreLost):
            reason = str(exc)
            for _attempt in range(RECORD_TRIES_AFTER_STORE_ERROR):
                try:
                    self.journal.commit(outcomes, (), self.campaign.id)
                    counts = self.journal.set_state(self.campaign.id, STOPPED, reason)
                except StoreLost:
                    break
                except StoreError:
                    continue
                self.runner._emit_state(STOPPED, reason)
                self._emit(outcomes, [])
                if counts is None:
                    counts = self.journal.counts(self.campaign.id)
                return RunOutcome(self.campaign.id, STOPPED, reason, counts, STOPPED_BY_STORAGE)
        self._emit(outcomes, [])  # not recorded, but sent (or not) all the same: the caller says so
        raise exc

    def _finish(self, state: str, reason: str | None, stopped_by: str | None = None) -> RunOutcome:
        counts = self.journal.set_state(self.campaign.id, state, reason)  # counted already if this closes it
        self.runner._emit_state(state, reason)
        if counts is None:
            counts = self.journal.counts(self.campaign.id)
        return RunOutcome(self.campaign.id, state, reason, counts, stopped_by)

    def _set_waiting(self, seconds: float, reason: str | None = None) -> None:
        if reason is not None and self.waiting != reason:
            self.waiting = reason
            self.runner._emit_state(WAITING, reason)
        elif seconds >= 1.5 and not self.waiting:
            self.waiting = True
            self.runner._emit_state(
                WAITING, f"Waiting {seconds:.0f} s before the next request to {self.label}"
            )

    def _take_leaving(self) -> tuple[list[Batch], float]:
        """Requests that may leave now (free slots, pacer agrees), or the time to wait for the pacer."""
        leaving: list[Batch] = []
        messages = self.messages_in_flight
        while self.queue and self.in_flight + len(leaving) < self.concurrency:
            gate = self.runner.gate  # schedule and quiet hours (engine/schedule.py)
            if gate is not None:
                index, held = gate.pick(self.queue)
                if index is None:
                    return leaving, (0.0 if leaving else -held)  # negative: held by the gate
                if index:
                    self.queue.rotate(-index)  # the first request that may go now leads
            size = len(self.queue[0].messages)
            if messages and messages + size > self.runner.max_messages_in_flight:
                break  # big requests: fewer at once (a crash leaves at most this many messages unknown)
            wait = self.pacer.acquire(size)
            if wait > 0:
                return leaving, (0.0 if leaving else wait)
            leaving.append(self.queue.popleft())
            messages += size
        return leaving, 0.0

    def _collect(self, *, block: bool, timeout: float | None = None) -> list[Answer]:
        """Answers that have arrived; with `block`, wait for at least one event (an answer or a control call)."""
        done: list[Answer] = []
        try:
            event = self.events.get(timeout=timeout) if block else self.events.get_nowait()
        except queue.Empty:
            return done
        while True:
            if isinstance(event, Answer):
                done.append(event)
            try:
                event = self.events.get_nowait()
            except queue.Empty:
                return done

    # -- recording -------------------------------------------------------------------------------------------------

    def _write(
        self,
        done: Iterable[Answer],
        *,
        send: bool = False,
        leaving: list[Batch] | None = None,
        emit: bool = True,
    ) -> None:
        """Record answers and claim the next requests' rows in ONE commit, then send, then report.

        `leaving`: requests already paced; `send`: take what may leave once these answers are settled (their slots
        free, the pacer told of any slow-down they asked for)."""
        outcomes: list[Outcome] = []
        for item in done:
            self.in_flight -= 1  # recorded in this commit: no longer 'sending'
            self.messages_in_flight -= len(item.batch.messages)
            settled = self.settler.settle(item)
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
        # Answers and claims in one commit: a crash leaves 'sending' (then 'unknown') only rows of requests that
        # are out or whose answer is not recorded yet, never more than the requests allowed in flight.
        self.unrecorded = outcomes
        claims = self.journal.commit(
            outcomes, [[row.id for row in batch.rows] for batch in leaving], self.campaign.id
        )
        self.unrecorded = []
        if None in claims:
            # Rows no longer pending, or claimed by someone else: another SMSDesk changed the campaign (the lock
            # checks make that all but impossible). Never send an unclaimed row; stop, resumable.
            refused = sum(len(b.rows) for b, claim in zip(leaving, claims, strict=True) if claim is None)
            leaving = [b for b, claim in zip(leaving, claims, strict=True) if claim is not None]
            if self.settler.stop is None:
                self.settler.stop = Stop(
                    f"The journal refused to claim {refused} rows: another SMSDesk changed this campaign while it "
                    "was being sent. Nothing was sent twice; see where it stands with: smsdesk campaigns list",
                    STOPPED_BY_STORAGE,
                )
        for batch in leaving:
            self.in_flight += 1
            self.messages_in_flight += len(batch.messages)
            self.workers.send(batch)
        if leaving and self.waiting:
            self.waiting = False
            self.runner._emit_state(RUNNING, None)
        if emit:
            self._emit(outcomes, leaving)

    def _emit(self, outcomes: list[Outcome], leaving: list[Batch]) -> None:
        if self.runner._on_update is None:
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


def _answers_for_one_commit(answers: collections.deque[Answer]) -> list[Answer]:
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


class _suppress_all:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        if exc[0] is not None:
            log.exception("while recording the last answers after an error")
        return True
