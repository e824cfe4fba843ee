"""Per-account rate control: when may the next request leave?

One small unit with an injectable clock (MusicBrainz Picard's rate limiter is the model):

- The provider's documented limit (`provider.limits.requests_per_minute`: customersms 100/min, ugsms 60/min) spaces
  requests evenly, a little under the limit (`SAFETY`), because the provider counts arrivals in its own window and
  a burst or a little network jitter would otherwise cost a 429.
- Longer documented windows (`limits.requests_per_hour` / `requests_per_day`: customersms 5,000 an hour and 50,000 a
  day) are kept by counting this process's requests in each window: when one is full, the next request waits for
  its oldest request to leave the window.
- The user's own cap (`account.max_per_minute`, in messages) spaces requests by the messages they carry.
- Server hints: Retry-After on a 429 holds every request until then; X-RateLimit-Remaining / -Reset spread what is
  left of the window over the time until it resets.
- Adaptive back-off: each 429 or 5xx in a row doubles a hold (with jitter, so parallel senders do not stampede back);
  429s also widen the spacing, which relaxes again with each success.

Thread-safe: several campaigns on the same account in one process share one Pacer (`shared_pacer`).
"""

from __future__ import annotations

import bisect
import math
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# Fraction of a documented limit we aim for. 0.98 keeps ~1.2 s of slack per minute at 60/min: enough for jitter on
# loopback and real networks, while the achieved rate stays above 0.95 of the limit.
SAFETY = 0.98
MAX_SLOWDOWN = 8.0
# The longest Retry-After we wait: a provider asking for more (or sending nonsense such as 1e20) gets this, and the
# run tells the user it is waiting. Ten minutes: longer than any documented window (UGSMS: one minute).
MAX_RETRY_AFTER = 600.0


@dataclass(frozen=True)
class RateHint:
    """What a provider's headers said about its window. Either may be unknown."""

    remaining: int | None
    reset_after: float | None  # seconds until the window resets


def read_rate_hint(raw: Any) -> RateHint | None:
    """A provider's `rate_hint` attribute in whatever shape the adapter keeps it.

    Doubt: the rate-limit headers are only documented for UGSMS (Laravel throttle) and the adapter's attribute shape
    is its own; accept an object with remaining/reset(_after) attributes, a mapping with the same keys or the raw
    header names, or a (remaining, reset) pair.
    """
    if raw is None:
        return None
    if isinstance(raw, RateHint):
        return raw
    if isinstance(raw, tuple | list) and len(raw) == 2:
        remaining, reset = raw
    elif isinstance(raw, dict):
        lowered = {str(k).lower(): v for k, v in raw.items()}
        remaining = lowered.get("remaining", lowered.get("x-ratelimit-remaining"))
        reset = lowered.get(
            "reset_after", lowered.get("reset", lowered.get("x-ratelimit-reset", lowered.get("retry_after")))
        )
    else:
        remaining = getattr(raw, "remaining", None)
        reset = getattr(raw, "reset_after", getattr(raw, "reset", getattr(raw, "retry_after", None)))
    remaining_int = _number(remaining)
    reset_float = _number(reset)
    if reset_float is not None and reset_float > 1_000_000_000:  # an epoch timestamp, not a duration
        reset_float = max(0.0, reset_float - time.time())
    if remaining_int is None and reset_float is None:
        return None
    return RateHint(None if remaining_int is None else int(remaining_int), reset_float)


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


class Pacer:
    def __init__(
        self,
        *,
        requests_per_minute: float | None = None,
        messages_per_minute: float | None = None,
        requests_per_hour: int | None = None,
        requests_per_day: int | None = None,
        safety: float = SAFETY,
        backoff_base: float = 1.0,
        backoff_cap: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
    ):
        self.requests_per_minute = requests_per_minute or None
        self.messages_per_minute = messages_per_minute or None
        self._request_interval = 60.0 / (requests_per_minute * safety) if requests_per_minute else 0.0
        # The user's cap is their own number: honoured exactly, no safety margin.
        self._message_interval = 60.0 / messages_per_minute if messages_per_minute else 0.0
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self._clock = clock
        self._rng = rng or random.Random()
        self._lock = threading.Lock()
        self._next_request_at = -math.inf
        self._next_message_at = -math.inf
        self._hold_until = -math.inf
        self._hint_interval = 0.0
        # (seconds, requests allowed in that many seconds) for the documented windows longer than a minute.
        self._windows = [
            (span, int(n)) for span, n in ((3600.0, requests_per_hour), (86400.0, requests_per_day)) if n
        ]
        self._sent_at: list[
            float
        ] = []  # when counted requests left, oldest first, kept for the longest window
        self._errors = 0  # 429s and 5xx in a row
        self._slowdown = 1.0  # multiplies the spacing after 429s; relaxes on success

    @classmethod
    def for_account(cls, limits: Any, max_per_minute: int | None, **kwargs: Any) -> Pacer:
        return cls(
            requests_per_minute=getattr(limits, "requests_per_minute", None),
            requests_per_hour=getattr(limits, "requests_per_hour", None),
            requests_per_day=getattr(limits, "requests_per_day", None),
            messages_per_minute=max_per_minute,
            **kwargs,
        )

    # -- asking --------------------------------------------------------------------------------------------------

    @property
    def max_messages_per_request(self) -> int | None:
        """A request must not carry more messages than the user's cap allows in one minute."""
        return int(self.messages_per_minute) if self.messages_per_minute else None

    @property
    def requests_per_second(self) -> float | None:
        """The steady rate this pacer allows for one-message requests (None: unlimited), for duration estimates."""
        intervals = [i for i in (self._request_interval, self._message_interval) if i > 0]
        return 1.0 / max(intervals) if intervals else None

    @property
    def errors_in_a_row(self) -> int:
        return self._errors

    def acquire(self, messages: int = 1) -> float:
        """0.0: the request may leave now and is counted. Otherwise the seconds to wait; nothing is counted."""
        with self._lock:
            now = self._clock()
            ready = max(
                self._hold_until, self._next_request_at, self._next_message_at, self._window_free_at(now)
            )
            if ready > now:
                return ready - now
            if self._windows:
                self._sent_at.append(now)
            spacing = max(self._request_interval * self._slowdown, self._hint_interval)
            if spacing:
                self._next_request_at = now + spacing
            if self._message_interval:
                self._next_message_at = now + messages * self._message_interval
            return 0.0

    def wait_time(self) -> float:
        """Seconds until the next request may leave (0.0: now), without counting anything."""
        with self._lock:
            return max(
                0.0, max(self._hold_until, self._next_request_at, self._next_message_at) - self._clock()
            )

    # -- telling -------------------------------------------------------------------------------------------------

    def on_success(self, hint: RateHint | None = None) -> None:
        with self._lock:
            self._errors = 0
            # Additive recovery: one 429 costs ~10 requests of wider spacing, not the rest of the campaign.
            self._slowdown = max(1.0, self._slowdown - 0.05)
            self._apply_hint(hint)

    def on_rate_limited(self, retry_after: float | None, hint: RateHint | None = None) -> float:
        """A 429. Returns the hold in seconds."""
        with self._lock:
            self._errors += 1
            self._slowdown = min(MAX_SLOWDOWN, self._slowdown * 1.5)
            if retry_after is not None and retry_after >= 0 and not math.isnan(retry_after):
                # As told, plus a little so requests from parallel workers do not all arrive at the first instant.
                retry_after = min(retry_after, MAX_RETRY_AFTER)
                hold = retry_after + self._rng.uniform(0.0, min(1.0, 0.1 * retry_after + 0.05))
            else:
                hold = self._backoff()
            self._hold(hold)
            self._apply_hint(hint)
            return hold

    def on_server_error(self) -> float:
        """A 5xx, a refused connection or a timeout before sending. Returns the hold in seconds."""
        with self._lock:
            self._errors += 1
            hold = self._backoff()
            self._hold(hold)
            return hold

    def hold(self, seconds: float) -> None:
        with self._lock:
            self._hold(seconds)

    # -- internals (lock held) -------------------------------------------------------------------------------------

    def _window_free_at(self, now: float) -> float:
        """When every long window has room for one more request (-inf: now)."""
        if not self._windows:
            return -math.inf
        longest = max(span for span, _ in self._windows)
        del self._sent_at[: bisect.bisect_left(self._sent_at, now - longest)]
        free_at = -math.inf
        for span, limit in self._windows:
            start = bisect.bisect_left(self._sent_at, now - span)
            inside = len(self._sent_at) - start
            if inside >= limit:
                # The request that must leave the window first for one more to fit.
                free_at = max(free_at, self._sent_at[start + inside - limit] + span)
        return free_at

    def _backoff(self) -> float:
        delay = min(self.backoff_cap, self.backoff_base * 2 ** (self._errors - 1))
        # "Equal jitter": at least half the delay, so back-off still grows; the random half spreads retries.
        return delay / 2 + self._rng.uniform(0.0, delay / 2)

    def _hold(self, seconds: float) -> None:
        self._hold_until = max(self._hold_until, self._clock() + seconds)

    def _apply_hint(self, hint: RateHint | None) -> None:
        self._hint_interval = 0.0
        if hint is None or hint.remaining is None:
            return
        if hint.remaining <= 0:
            # Window spent: wait for its reset when told; otherwise our own spacing and any 429 take care of it.
            if hint.reset_after is not None:
                self._hold(hint.reset_after)
            return
        if hint.reset_after is not None and hint.reset_after > 0:
            # Spread what is left evenly over the time left, so the window is never spent early.
            self._hint_interval = hint.reset_after / hint.remaining


_shared: dict[tuple[Any, ...], Pacer] = {}
_shared_lock = threading.Lock()


def shared_pacer(key: tuple[Any, ...], factory: Callable[[], Pacer]) -> Pacer:
    """The process's one Pacer for an account, so two campaigns on one account share its limit.

    `key` holds the account's name and its limits, so an edited cap takes effect on the next run.
    """
    with _shared_lock:
        pacer = _shared.get(key)
        if pacer is None:
            pacer = _shared[key] = factory()
        return pacer


def forget_shared_pacers() -> None:
    """For tests and for account edits (a changed cap takes effect on the next run)."""
    with _shared_lock:
        _shared.clear()
