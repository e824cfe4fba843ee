"""Pacing with a fake clock: documented limits, the user's cap, server hints, adaptive back-off."""

from __future__ import annotations

import random
import time
from collections import deque
from types import SimpleNamespace

import pytest

from smsdesk.engine.pacing import (
    SAFETY,
    Pacer,
    RateHint,
    forget_shared_pacers,
    read_rate_hint,
    shared_pacer,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make(clock: FakeClock, **kwargs) -> Pacer:
    return Pacer(clock=clock, rng=random.Random(7), **kwargs)


def drive(pacer: Pacer, clock: FakeClock, seconds: float, messages: int = 1) -> list[float]:
    """Send as fast as the pacer allows for `seconds` of fake time; returns the send times."""
    sent: list[float] = []
    end = clock.now + seconds
    while clock.now < end:
        wait = pacer.acquire(messages)
        if wait > 0:
            clock.advance(wait)
            continue
        sent.append(clock.now)
        pacer.on_success()
    return sent


def max_in_window(times: list[float], window: float = 60.0) -> int:
    best = 0
    recent: deque[float] = deque()
    for t in times:
        recent.append(t)
        while t - recent[0] >= window:
            recent.popleft()
        best = max(best, len(recent))
    return best


def test_no_limit_never_waits():
    clock = FakeClock()
    pacer = make(clock)
    assert all(pacer.acquire() == 0.0 for _ in range(1000))
    assert pacer.requests_per_second is None


@pytest.mark.parametrize("limit", [60, 100])
def test_documented_limit_is_never_exceeded_in_any_minute_and_nearly_reached(limit):
    clock = FakeClock()
    pacer = make(clock, requests_per_minute=limit)
    sent = drive(pacer, clock, 600)
    assert max_in_window(sent) <= limit
    # Aimed a little under the limit, on purpose; but no lower than the safety margin.
    assert len(sent) >= int(limit * 10 * SAFETY) - 1


def test_requests_are_spread_evenly_not_in_bursts():
    clock = FakeClock()
    pacer = make(clock, requests_per_minute=60)
    sent = drive(pacer, clock, 30)
    gaps = [b - a for a, b in zip(sent, sent[1:], strict=False)]
    assert min(gaps) == pytest.approx(60 / (60 * SAFETY))


def test_a_refused_acquire_counts_nothing():
    clock = FakeClock()
    pacer = make(clock, requests_per_minute=60)
    assert pacer.acquire() == 0.0
    first_wait = pacer.acquire()
    assert first_wait > 0
    assert pacer.acquire() == pytest.approx(first_wait)  # asking again does not push the slot further


def test_user_cap_in_messages_spaces_requests_by_their_size():
    clock = FakeClock()
    pacer = make(clock, messages_per_minute=30)
    assert pacer.max_messages_per_request == 30
    sent = drive(pacer, clock, 300, messages=10)
    assert [round(b - a, 6) for a, b in zip(sent, sent[1:], strict=False)] == [20.0] * (len(sent) - 1)


def test_the_stricter_of_limit_and_cap_wins():
    clock = FakeClock()
    pacer = make(clock, requests_per_minute=100, messages_per_minute=20)
    sent = drive(pacer, clock, 600)
    assert max_in_window(sent) <= 20
    assert pacer.requests_per_second == pytest.approx(20 / 60)


def test_retry_after_holds_every_request_for_at_least_that_long():
    clock = FakeClock()
    pacer = make(clock)
    pacer.acquire()
    hold = pacer.on_rate_limited(5.0)
    assert 5.0 <= hold <= 5.0 + 0.55 + 1e-9
    wait = pacer.acquire()
    assert wait == pytest.approx(hold)
    clock.advance(wait)
    assert pacer.acquire() == 0.0


def test_rate_limits_widen_the_spacing_and_successes_relax_it():
    clock = FakeClock()
    pacer = make(clock, requests_per_minute=60)
    base = 60 / (60 * SAFETY)
    pacer.acquire()
    pacer.on_rate_limited(0.0)
    clock.advance(pacer.wait_time())
    assert pacer.acquire() == 0.0
    widened = pacer.acquire()
    assert widened == pytest.approx(base * 1.5)
    for _ in range(20):
        pacer.on_success()
    clock.advance(widened)
    assert pacer.acquire() == 0.0
    assert pacer.acquire() == pytest.approx(base)


def test_server_errors_back_off_exponentially_with_jitter_and_a_cap():
    clock = FakeClock()
    pacer = make(clock, backoff_base=1.0, backoff_cap=8.0)
    holds = []
    for _ in range(6):
        holds.append(pacer.on_server_error())
        clock.advance(holds[-1])
    nominal = [1, 2, 4, 8, 8, 8]
    for hold, delay in zip(holds, nominal, strict=True):
        assert delay / 2 <= hold <= delay
    assert pacer.errors_in_a_row == 6
    pacer.on_success()
    assert pacer.errors_in_a_row == 0
    assert pacer.on_server_error() <= 1.0


def test_jitter_spreads_back_off():
    holds = set()
    for seed in range(20):
        pacer = Pacer(clock=FakeClock(), rng=random.Random(seed), backoff_base=4.0)
        holds.add(round(pacer.on_server_error(), 6))
    assert len(holds) > 10


def test_rate_limited_without_retry_after_backs_off():
    clock = FakeClock()
    pacer = make(clock, backoff_base=2.0)
    assert 1.0 <= pacer.on_rate_limited(None) <= 2.0


def test_hint_window_spent_waits_for_its_reset():
    clock = FakeClock()
    pacer = make(clock, requests_per_minute=60)
    pacer.acquire()
    pacer.on_success(RateHint(remaining=0, reset_after=12.0))
    assert pacer.acquire() == pytest.approx(12.0)


def test_hint_spreads_what_is_left_of_the_window():
    clock = FakeClock()
    pacer = make(clock)
    pacer.acquire()
    pacer.on_success(RateHint(remaining=5, reset_after=10.0))
    assert pacer.acquire() == 0.0
    assert pacer.acquire() == pytest.approx(2.0)


def test_hint_with_room_to_spare_changes_nothing_for_an_unlimited_provider_after_it_passes():
    clock = FakeClock()
    pacer = make(clock)
    pacer.on_success(RateHint(remaining=5, reset_after=10.0))
    pacer.on_success(RateHint(remaining=None, reset_after=None))
    assert pacer.acquire() == 0.0
    assert pacer.acquire() == 0.0


@pytest.mark.parametrize(
    "raw, expected",
    [
        (None, None),
        (RateHint(3, 4.0), RateHint(3, 4.0)),
        ((7, 30), RateHint(7, 30.0)),
        ({"X-RateLimit-Remaining": "12", "X-RateLimit-Reset": "40"}, RateHint(12, 40.0)),
        ({"remaining": 0, "reset_after": 2.5}, RateHint(0, 2.5)),
        (SimpleNamespace(remaining="9", reset=None), RateHint(9, None)),
        ({"remaining": "lots", "reset": "soon"}, None),
    ],
)
def test_rate_hint_shapes(raw, expected):
    assert read_rate_hint(raw) == expected


def test_rate_hint_epoch_reset_becomes_seconds_from_now():
    hint = read_rate_hint({"remaining": 0, "reset": time.time() + 30})
    assert hint is not None and 28 <= hint.reset_after <= 30.5


def test_for_account_reads_the_documented_limit():
    limits = SimpleNamespace(requests_per_minute=100)
    pacer = Pacer.for_account(limits, 40, clock=FakeClock())
    assert pacer.requests_per_minute == 100
    assert pacer.messages_per_minute == 40


def test_shared_pacer_is_one_per_account_and_limits():
    forget_shared_pacers()
    try:
        a = shared_pacer(("Shop", 60, None), lambda: Pacer(requests_per_minute=60))
        b = shared_pacer(("Shop", 60, None), lambda: Pacer(requests_per_minute=60))
        c = shared_pacer(("Shop", 60, 30), lambda: Pacer(requests_per_minute=60, messages_per_minute=30))
        assert a is b
        assert c is not a
    finally:
        forget_shared_pacers()


@pytest.mark.parametrize("asked", [1e20, float("inf"), 601.0])
def test_a_retry_after_beyond_the_maximum_is_clamped(asked):
    from smsdesk.engine.pacing import MAX_RETRY_AFTER

    pacer = Pacer(clock=lambda: 0.0, rng=random.Random(1))
    hold = pacer.on_rate_limited(asked)
    assert MAX_RETRY_AFTER <= hold <= MAX_RETRY_AFTER + 1.0


def test_a_retry_after_that_is_not_a_number_backs_off_instead():
    pacer = Pacer(clock=lambda: 0.0, rng=random.Random(1), backoff_base=2.0)
    assert 1.0 <= pacer.on_rate_limited(float("nan")) <= 2.0
