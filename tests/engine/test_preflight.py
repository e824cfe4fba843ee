"""Totals before sending (with the balance over real HTTP), the refusal rule, and the test send."""

from __future__ import annotations

import math

import pytest

from smsdesk.core.account import Account
from smsdesk.engine import preflight
from smsdesk.providers.base import Balance
from smsdesk.store.journal import KIND_TEST, SENT, Journal
from tests.engine.conftest import make_campaign, planned


def test_totals_for_the_confirmation(account, sandbox):
    messages = planned(1200, skipped=3)
    result = preflight.totals(account, messages, template="Hej {Navn}")
    assert (result.recipients, result.messages, result.segments, result.skipped) == (1200, 1200, 1200, 3)
    assert result.requests == 3  # the sandbox takes 500 personalised messages per request
    assert result.estimated_cost == pytest.approx(1200 * 0.3)
    assert result.balance == Balance(10_000.0, "credits")
    assert result.ok and result.refusal is None and result.balance_error is None
    assert result.estimated_seconds > 0
    assert sandbox.state.accepted == []  # nothing sent


def test_a_balance_clearly_too_low_is_refused(account, sandbox):
    sandbox.state.faults.credit_messages = 5
    result = preflight.totals(account, planned(6))
    assert not result.ok
    assert "5 credits" in result.refusal and "6" in result.refusal
    assert preflight.totals(account, planned(5)).ok


def test_a_refused_key_is_a_refusal(account, sandbox):
    sandbox.state.faults.wrong_credentials = True
    result = preflight.totals(account, planned(2))
    assert not result.ok and "key" in result.refusal


def test_a_balance_that_cannot_be_read_does_not_block(account, sandbox):
    sandbox.state.faults.fail_next = 1
    result = preflight.totals(account, planned(2))
    assert result.ok and result.balance is None and "server error" in result.balance_error


def test_without_balance_check_nothing_is_asked(account, sandbox):
    result = preflight.totals(account, planned(2), check_balance=False)
    assert result.balance is None and sandbox.state.requests == []


@pytest.mark.parametrize(
    "balance, messages, cost, refused",
    [
        (Balance(10, "points"), 11, None, True),
        (Balance(10, "SMS"), 10, None, False),
        (Balance(100.0, "DKK"), 1000, None, False),  # money, no price: cannot tell
        (Balance(100.0, "DKK"), 1000, 250.0, True),
        (Balance(300.0, "DKK"), 1000, 250.0, False),
        (Balance(None, "DKK"), 1000, 250.0, False),
        (Balance(math.nan, "DKK"), 1000, 250.0, False),
        (Balance(0, "credits"), 0, None, False),
    ],
)
def test_balance_refusal_rule(balance, messages, cost, refused):
    assert (preflight.balance_refusal(balance, messages, cost) is not None) is refused


def test_duration_of_a_rate_limited_provider_follows_its_limit():
    from smsdesk.providers.ugsms import UgsmsProvider

    account = Account(name="UG", provider="ugsms")
    seconds = preflight.estimate_seconds(UgsmsProvider, account, requests=120, messages=12_000)
    assert 120 <= seconds <= 125  # 60 requests a minute, aimed a little under


def test_duration_follows_the_users_cap():
    from smsdesk.providers.sandbox import SandboxProvider

    account = Account(name="Capped", provider="sandbox", max_per_minute=30)
    assert preflight.estimate_seconds(SandboxProvider, account, requests=1, messages=60) == pytest.approx(120)


def test_campaign_totals_count_what_is_left(db, journal, account, sandbox):
    from smsdesk.engine.sender import CampaignRunner

    campaign_id = make_campaign(journal, account, 4)
    assert preflight.campaign_totals(db, campaign_id).messages == 4
    CampaignRunner(db.path, campaign_id).run()
    left = preflight.campaign_totals(db, campaign_id)
    assert left.messages == 0 and left.requests == 0


def test_test_send_goes_to_one_number_and_is_journaled_apart(db, account, sandbox):
    result = preflight.test_send(account, "20 12 34 56", "Prøve {ikke en pladsholder}", db=db)
    assert result.status == SENT and result.phone == "+4520123456" and result.message_id
    assert [(a.to, a.text) for a in sandbox.state.accepted] == [
        ("+4520123456", "Prøve {ikke en pladsholder}")
    ]
    journal = Journal(db)
    assert journal.list_campaigns() == []  # not among the user's campaigns
    test = journal.get_campaign(result.campaign_id)
    assert test.kind == KIND_TEST and test.counts[SENT] == 1


def test_test_send_refuses_a_number_that_is_not_one(db, account, sandbox):
    with pytest.raises(ValueError, match="not a phone number"):
        preflight.test_send(account, "12", "Hej", db=db)
    with pytest.raises(ValueError, match="empty"):
        preflight.test_send(account, "20123456", "  ", db=db)
    assert sandbox.state.accepted == []


def test_test_send_reports_an_account_problem(db, account, sandbox):
    sandbox.state.faults.wrong_credentials = True
    result = preflight.test_send(account, "+4520123456", "Hej", db=db)
    assert result.status == "pending" and "key" in result.reason


def test_requests_follow_a_smaller_batch_size(account, sandbox):
    assert preflight.totals(account, planned(10), max_batch=3, check_balance=False).requests == 4


def test_an_account_without_a_saved_key_is_a_setup_refusal():
    account = Account(name="No key here", provider="cpsms", username="demo")
    result = preflight.totals(account, planned(2))
    assert not result.ok and result.refused_by == preflight.REFUSED_BY_SETUP
    assert result.requests == 2


def test_refusals_say_who_refused(account, sandbox):
    sandbox.state.faults.credit_messages = 1
    assert preflight.totals(account, planned(2)).refused_by == preflight.REFUSED_BY_BALANCE
    sandbox.state.faults.wrong_credentials = True
    assert preflight.totals(account, planned(2)).refused_by == preflight.REFUSED_BY_PROVIDER
