"""customersms's documented 5,000 requests an hour and 50,000 a day, kept by the pacer (fake clock)."""

from __future__ import annotations

import random

from smsdesk.engine.pacing import Pacer
from smsdesk.providers.customersms import CustomerSmsProvider
from tests.engine.test_pacing import FakeClock, drive, max_in_window


def test_customersms_hourly_and_daily_limits_are_declared_and_kept():
    limits = CustomerSmsProvider.limits
    assert (limits.requests_per_minute, limits.requests_per_hour, limits.requests_per_day) == (
        100,
        5_000,
        50_000,
    )
    clock = FakeClock()
    pacer = Pacer.for_account(limits, None, clock=clock, rng=random.Random(1))
    sent = drive(pacer, clock, 2 * 3600)
    assert max_in_window(sent, 3600) <= 5_000
    assert max_in_window(sent, 60) <= 100
    assert len(sent) >= 2 * 5_000 * 0.98  # and the hour's budget is used, not wasted


def test_a_daily_window_holds_the_next_request_until_the_oldest_leaves():
    clock = FakeClock()
    pacer = Pacer(requests_per_day=3, clock=clock, rng=random.Random(1))
    assert [pacer.acquire() for _ in range(3)] == [0.0, 0.0, 0.0]
    clock.advance(10)
    assert pacer.acquire() == 86400 - 10
    clock.advance(86400 - 10)
    assert pacer.acquire() == 0.0
