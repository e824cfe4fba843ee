"""Provider answers into row outcomes: what is sent, failed, unknown, or goes back to pending to be sent again, and
when the campaign must stop. Pure decisions: the send loop records them in the journal.

By the provider's typed answer (providers/base.py):
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
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field

from smsdesk.engine.pacing import Pacer, RateHint
from smsdesk.engine.requests import Batch
from smsdesk.engine.results import STOPPED_BY_PROVIDER, STOPPED_BY_UNREACHABLE
from smsdesk.providers.base import (
    AccountError,
    InvalidRecipient,
    MessageRejected,
    OutcomeUnknown,
    OutgoingMessage,
    ProviderError,
    RateLimited,
    SendResult,
    Transient,
)
from smsdesk.store.journal import FAILED, PENDING, SENT, UNKNOWN, Outcome, RowToSend

_key = operator.attrgetter("key")
_accepted = operator.attrgetter("accepted")


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 4  # requests carrying a message that met transient errors, before it is failed
    give_up_streak: int = 3  # requests in a row that gave up: the provider is down, stop the campaign
    max_rate_limited: int = 30  # 429s for one request before the campaign stops (the provider never lets us)
    backoff_base: float = 1.0  # seconds; doubles per error in a row, with jitter (see pacing.Pacer)
    backoff_cap: float = 60.0


@dataclass
class Answer:
    """What a worker got for one request: results, or the error of the whole request; and the rate hint it saw."""

    batch: Batch
    results: list[SendResult] | None
    error: ProviderError | None
    hint: RateHint | None


@dataclass
class Settled:
    outcomes: list[Outcome] = field(default_factory=list)
    requeue: list[Batch] = field(default_factory=list)  # requests to send again, in order, before the rest


class Stop(Exception):
    """Why the campaign stops (the provider refused the account, kept failing, or our setup is wrong)."""

    def __init__(self, reason: str, stopped_by: str):
        super().__init__(reason)
        self.reason = reason
        self.stopped_by = stopped_by


class AnswerSettler:
    """Settles the answers of one run, in the order they are recorded; remembers what spans answers (requests in a
    row that gave up, the first reason to stop)."""

    def __init__(self, retry: RetryPolicy, pacer: Pacer, on_hold: Callable[[float], None]):
        self.retry = retry
        self.pacer = pacer
        self.on_hold = on_hold  # told how long every request now waits (a Retry-After)
        self.label = "the provider"
        self.give_ups_in_a_row = 0
        self.stop: Stop | None = None

    def settle(self, item: Answer) -> Settled:
        """Turn one answer into row outcomes and requests to send again."""
        batch = item.batch
        settled = Settled()
        pacer = self.pacer
        error = item.error
        if error is None:
            pacer.on_success(item.hint)
            self._settle_results(batch, item.results or [], settled)
            return settled
        if isinstance(error, RateLimited):
            hold = pacer.on_rate_limited(error.retry_after, item.hint)
            batch.rate_limited += 1
            if batch.rate_limited > self.retry.max_rate_limited:
                self.stop_with(
                    f"{self.label} keeps asking us to slow down; try again later", STOPPED_BY_UNREACHABLE
                )
            else:
                self.on_hold(hold)
                settled.requeue.append(batch)
            self._back_to_pending(batch.rows, error, settled)
        elif isinstance(error, Transient):
            pacer.on_server_error()
            batch.attempts += 1
            if batch.attempts >= self.retry.max_attempts:
                self._give_up(batch.rows, error, settled)
            else:
                self._back_to_pending(batch.rows, error, settled)
                settled.requeue.append(batch)
        elif isinstance(error, AccountError):
            self._back_to_pending(batch.rows, error, settled)
            self.stop_with(error.reason, STOPPED_BY_PROVIDER)
        elif isinstance(error, InvalidRecipient) and len(batch.rows) > 1:
            # One request for many numbers refused as a whole: send them one by one to find the bad one.
            self._back_to_pending(batch.rows, error, settled)
            settled.requeue += [
                Batch([row], [message]) for row, message in zip(batch.rows, batch.messages, strict=True)
            ]
        elif isinstance(error, InvalidRecipient | MessageRejected):
            self.give_ups_in_a_row = 0
            settled.outcomes += [_outcome(row.id, FAILED, error) for row in batch.rows]
        else:  # OutcomeUnknown, or a ProviderError of no known kind: it may have been accepted
            settled.outcomes += [_outcome(row.id, UNKNOWN, error) for row in batch.rows]
        return settled

    def _settle_results(self, batch: Batch, results: list[SendResult], settled: Settled) -> None:
        self.give_ups_in_a_row = 0
        messages = batch.messages
        # Up to 500 answers a request: the usual case (every message accepted, answered in order) is read through
        # C-level getters, and its outcomes are built straight as the tuples they are.
        if len(results) == len(messages) and list(map(_key, results)) == list(map(_key, messages)):
            if all(map(_accepted, results)):
                new = tuple.__new__
                settled.outcomes += [
                    new(Outcome, (row.id, SENT, r.message_id, r.cost, None, None))
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
                    self.stop_with(error.reason, STOPPED_BY_PROVIDER)
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
            again = Batch([r for r, _ in retry_rows], [m for _, m in retry_rows], batch.attempts + 1)
            if again.attempts >= self.retry.max_attempts:
                settled.outcomes = [o for o in settled.outcomes if o.state != PENDING]
                self._give_up(again.rows, Transient("the provider did not take these messages"), settled)
            else:
                settled.requeue.append(again)

    def _back_to_pending(self, rows: list[RowToSend], error: ProviderError, settled: Settled) -> None:
        settled.outcomes += [_outcome(row.id, PENDING, error) for row in rows]

    def _give_up(self, rows: list[RowToSend], error: ProviderError, settled: Settled) -> None:
        attempts = self.retry.max_attempts
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
        if self.give_ups_in_a_row >= self.retry.give_up_streak:
            self.stop_with(f"{self.label} could not be reached: {error.reason}", STOPPED_BY_UNREACHABLE)

    def stop_with(self, reason: str, stopped_by: str) -> None:
        if self.stop is None:  # the first reason is the one the user is told
            self.stop = Stop(reason, stopped_by)


def _outcome(row_id: int, state: str, error: ProviderError) -> Outcome:
    return Outcome(row_id, state, error=error.reason, error_kind=error.kind)
