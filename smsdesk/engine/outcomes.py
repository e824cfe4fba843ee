"""Provider answers into row outcomes: what is sent, failed, unknown, or goes back to pending to be sent again, and
when the campaign must stop. Pure decisions: the sender records them in the journal.

The rule. An answer means "not sent" only when the provider itself says so: its documented error envelope or a
documented status (a 4xx with its JSON error body, a 429, CPSMS's own 500 body "retry later", Txty's
INTERNAL_ERROR object, a 503 with Retry-After), or when the request provably never left (connect refused, DNS
failure, TLS failure before sending, a header the HTTP library refused to build). Everything else that may have
reached the provider is unknown and is never resent automatically: a 5xx without the provider's own envelope (HTML,
empty, another shape), 502/504, a read timeout, a connection reset after the request was written, a 2xx that
cannot be understood. Per-number answers are honoured whatever the top-level verdict of the same answer says.

The adapters read each answer by that rule into a typed outcome (providers/base.py); this module maps the types:
    accepted                          -> sent (message id, cost)
    InvalidRecipient, MessageRejected -> failed with the reason; the campaign goes on. A whole multi-recipient
                                         request refused for an invalid number is split and sent one by one, so
                                         one bad number does not fail a hundred good ones.
    Transient (provably not sent)     -> back to pending and sent again after back-off with jitter (the pacer).
                                         It goes behind the rest; while the provider fails, one request at a
                                         time probes it. RetryPolicy.unreachable_after failures in a row stop
                                         the campaign (the provider cannot be reached), the rest kept pending;
                                         a request that failed RetryPolicy.max_attempts times while others got
                                         through is failed ("gave up").
    RateLimited                       -> back to pending, every request waits as told (at most
                                         pacing.MAX_RETRY_AFTER), then goes on; RetryPolicy.max_rate_limited
                                         429s in a row stop the campaign.
    AccountError                      -> back to pending; the campaign stops ("stopped", with the reason).
    OutcomeUnknown, or anything else  -> unknown; never sent again unless the user asks.
Every wait after an error is told through `on_hold(seconds, line)`, so the user sees why and when the next try is.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from smsdesk.core.states import MessageState
from smsdesk.engine.pacing import MAX_RETRY_AFTER, Pacer, RateHint
from smsdesk.engine.requests import Batch
from smsdesk.engine.results import STOPPED_BY_PROVIDER, STOPPED_BY_UNREACHABLE
from smsdesk.providers.base import (
    AccountError,
    InvalidRecipient,
    MessageRejected,
    OutcomeUnknown,
    ProviderError,
    RateLimited,
    SendResult,
    Transient,
)
from smsdesk.store.claims import Outcome
from smsdesk.store.journal import RowToSend


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 4  # times one request may meet a transient error before its messages are failed
    unreachable_after: int = 6  # transient errors in a row (no answer between) before the campaign stops
    max_rate_limited: int = 10  # 429s in a row before the campaign stops (the provider never lets us)
    backoff_base: float = 1.0  # seconds; doubles per error in a row, with jitter (see pacing.Pacer)
    backoff_cap: float = 60.0


@dataclass(frozen=True)
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
    later: list[Batch] = field(default_factory=list)  # requests to send again after the rest queued (a retry)


class Stop(Exception):
    """Why the campaign stops (the provider refused the account, could not be reached, or our setup is wrong)."""

    def __init__(self, reason: str, stopped_by: str):
        super().__init__(reason)
        self.reason = reason
        self.stopped_by = stopped_by


class AnswerSettler:
    """Settles the answers of one run, in the order they are recorded; remembers what spans answers (errors in a
    row, the first reason to stop)."""

    def __init__(
        self,
        retry: RetryPolicy,
        pacer: Pacer,
        on_hold: Callable[[float, str], None],
        label: str = "the provider",
    ):
        self.retry = retry
        self.pacer = pacer
        self.on_hold = on_hold  # told how long every request now waits, and why, in one line
        self.label = label
        self.transient_in_a_row = 0
        self.rate_limited_in_a_row = 0
        self.stop: Stop | None = None

    @property
    def failing(self) -> bool:
        """The last answers were errors to retry: send one request at a time until one gets through."""
        return bool(self.transient_in_a_row or self.rate_limited_in_a_row)

    def settle(self, item: Answer) -> Settled:
        """Turn one answer into row outcomes and requests to send again."""
        batch, error, settled = item.batch, item.error, Settled()
        if error is None:
            self.transient_in_a_row = self.rate_limited_in_a_row = 0
            self.pacer.on_success(item.hint)
            self._settle_results(batch, item.results or [], settled)
        elif isinstance(error, RateLimited):
            self._rate_limited(batch, error, item.hint, settled)
        elif isinstance(error, Transient):
            self._transient(batch, error, settled)
        elif isinstance(error, AccountError):
            self._back_to_pending(batch.rows, error, settled)
            self.stop_with(error.reason, STOPPED_BY_PROVIDER)
        elif isinstance(error, InvalidRecipient) and len(batch.rows) > 1:
            # One request for many numbers refused as a whole: send them one by one to find the bad one.
            self._back_to_pending(batch.rows, error, settled)
            settled.requeue += [
                Batch(rows=[row], messages=[message])
                for row, message in zip(batch.rows, batch.messages, strict=True)
            ]
        elif isinstance(error, InvalidRecipient | MessageRejected):
            settled.outcomes += [_outcome(row.id, MessageState.FAILED, error) for row in batch.rows]
        else:  # OutcomeUnknown, or a ProviderError of no known kind: it may have been accepted
            settled.outcomes += [_outcome(row.id, MessageState.UNKNOWN, error) for row in batch.rows]
        return settled

    def _rate_limited(
        self, batch: Batch, error: RateLimited, hint: RateHint | None, settled: Settled
    ) -> None:
        self._back_to_pending(batch.rows, error, settled)
        self.rate_limited_in_a_row += 1
        if self.rate_limited_in_a_row >= self.retry.max_rate_limited:
            self.stop_with(
                f"{self.label} kept asking us to slow down ({self.rate_limited_in_a_row} times in a row); "
                "nothing more was sent: resume the campaign later",
                STOPPED_BY_UNREACHABLE,
            )
            return
        hold = self.pacer.on_rate_limited(error.retry_after, hint)
        asked = error.retry_after
        if asked is None or math.isnan(asked):
            told = "back-off"
        elif asked > MAX_RETRY_AFTER:
            told = f"it asked for {asked:.0f} s; SMSDesk waits at most {MAX_RETRY_AFTER:.0f} s"
        else:
            told = "as it asked"
        self.on_hold(hold, f"{self.label} asked us to slow down; next try {_in(hold)} ({told})")
        settled.requeue.append(batch)

    def _transient(self, batch: Batch, error: ProviderError, settled: Settled) -> None:
        self.transient_in_a_row += 1
        batch.attempts += 1
        if self.transient_in_a_row >= self.retry.unreachable_after:
            self._back_to_pending(batch.rows, error, settled)
            self.stop_with(
                f"{self.label} could not be reached ({self.transient_in_a_row} tries in a row; the last: "
                f"{error.reason}); nothing more was sent: resume the campaign later",
                STOPPED_BY_UNREACHABLE,
            )
            return
        if batch.attempts >= self.retry.max_attempts and self.transient_in_a_row < batch.attempts:
            # Other requests got through since this one first failed: it is this request, not the provider.
            self._give_up(batch.rows, error, settled)
            return
        hold = self.pacer.on_server_error()
        self.on_hold(hold, f"{error.reason}; next try {_in(hold)}")
        self._back_to_pending(batch.rows, error, settled)
        settled.later.append(
            batch
        )  # behind the rest: one request the provider keeps refusing blocks no other

    def _settle_results(self, batch: Batch, results: list[SendResult], settled: Settled) -> None:
        by_key = {result.key: result for result in results}
        if len(by_key) != len(results) and len(results) == len(batch.messages):  # keys repeated: by position
            in_order: list[SendResult | None] = list(results)
        else:
            in_order = [by_key.get(message.key) for message in batch.messages]
        again = Batch(rows=[], messages=[], attempts=batch.attempts + 1)
        for row, message, result in zip(batch.rows, batch.messages, in_order, strict=True):
            if result is None:
                settled.outcomes.append(
                    Outcome(
                        id=row.id,
                        state=MessageState.UNKNOWN,
                        error=f"{self.label}'s answer did not mention this message; it may have been accepted",
                        error_kind=OutcomeUnknown.kind,
                    )
                )
            elif result.accepted:
                settled.outcomes.append(
                    Outcome(
                        id=row.id, state=MessageState.SENT, message_id=result.message_id, cost=result.cost
                    )
                )
            elif isinstance(result.error, Transient | RateLimited):
                if isinstance(result.error, RateLimited):
                    self.pacer.on_rate_limited(result.error.retry_after)
                again.rows.append(row)
                again.messages.append(message)
            elif isinstance(result.error, AccountError):
                settled.outcomes.append(_outcome(row.id, MessageState.PENDING, result.error))
                self.stop_with(result.error.reason, STOPPED_BY_PROVIDER)
            elif isinstance(result.error, InvalidRecipient | MessageRejected):
                settled.outcomes.append(_outcome(row.id, MessageState.FAILED, result.error))
            elif result.error is None:
                settled.outcomes.append(
                    Outcome(
                        id=row.id,
                        state=MessageState.FAILED,
                        error=f"{self.label} did not accept this message",
                        error_kind="error",
                    )
                )
            else:
                settled.outcomes.append(_outcome(row.id, MessageState.UNKNOWN, result.error))
        if again.rows:
            not_taken = Transient("the provider did not take these messages")
            if again.attempts >= self.retry.max_attempts:
                self._give_up(again.rows, not_taken, settled)
            else:
                self._back_to_pending(again.rows, not_taken, settled)
                settled.later.append(again)

    def _back_to_pending(self, rows: list[RowToSend], error: ProviderError, settled: Settled) -> None:
        settled.outcomes += [_outcome(row.id, MessageState.PENDING, error) for row in rows]

    def _give_up(self, rows: list[RowToSend], error: ProviderError, settled: Settled) -> None:
        settled.outcomes += [
            Outcome(
                id=row.id,
                state=MessageState.FAILED,
                error=f"Gave up after {self.retry.max_attempts} attempts: {error.reason}",
                error_kind=Transient.kind,
            )
            for row in rows
        ]

    def stop_with(self, reason: str, stopped_by: str) -> None:
        if self.stop is None:  # the first reason is the one the user is told
            self.stop = Stop(reason, stopped_by)


def _in(seconds: float) -> str:
    return f"in {seconds:.0f} s" if seconds >= 1 else "in under a second"


def _outcome(row_id: int, state: MessageState, error: ProviderError) -> Outcome:
    return Outcome(id=row_id, state=state, error=error.reason, error_kind=error.kind)
