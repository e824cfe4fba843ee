"""Never send twice on an ambiguous answer: every provider over real HTTP against the sandbox, through the engine.

A gateway in front of a provider accepts the request, passes it on, and answers its own HTML 504: the messages are
`unknown` (or `sent` once the provider's list says so, where it has one), and nobody is texted twice, not by the
run, not by "retry failed", not by a resume.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smsdesk.core.account import Account
from smsdesk.engine.outcomes import RetryPolicy
from smsdesk.engine.reconcile import NOT_RECEIVED, reconcile
from smsdesk.engine.sender import CampaignRunner
from smsdesk.providers import provider_class
from smsdesk.sandbox.server import DEFAULT_CREDENTIALS
from smsdesk.store.journal import FAILED, SENT, UNKNOWN
from tests.engine.conftest import FAST_RETRY, make_campaign, phone

CAN_TELL = {"sandbox", "cpsms", "ip1"}
PROVIDERS = ["sandbox", "cpsms", "ip1", "txty", "customersms", "ugsms"]


def account_for(db, sandbox, name: str) -> Account:
    username, _ = DEFAULT_CREDENTIALS[name]
    account = Account(
        name=f"acct-{name}",
        provider=name,
        username=username,
        sender="SMSDesk" if name in ("txty", "ip1") else None,
        base_url=sandbox.url,
    )
    db.save_account(account)
    return account


def factory(account: Account, timeout: float = 30.0):
    secret = DEFAULT_CREDENTIALS[account.provider][1]
    return lambda: provider_class(account.provider)(account, secret, timeout=timeout)


def run(db, campaign_id, account, retry=FAST_RETRY, timeout=30.0):
    return CampaignRunner(
        db.path, campaign_id, provider=factory(account, timeout), concurrency=1, retry=retry
    ).run()


def states(journal, campaign_id):
    return [r.state for r in journal.messages(campaign_id)]


def accepted_twice(sandbox) -> list[str]:
    numbers = sandbox.state.accepted_numbers()
    return sorted({n for n in numbers if numbers.count(n) > 1})


@pytest.mark.parametrize("name", PROVIDERS)
@pytest.mark.parametrize("gateway_status", [504, 502])
def test_accepted_then_a_gateway_page_is_unknown_and_nobody_gets_it_twice(
    db, journal, sandbox, name, gateway_status
):
    account = account_for(db, sandbox, name)
    campaign_id = make_campaign(journal, account, 3, text="Same text for everybody")
    sandbox.state.faults.accept_then_gateway_error_next = 1
    sandbox.state.faults.gateway_status = gateway_status

    outcome = run(db, campaign_id, account)

    first = journal.messages(campaign_id)[0]
    if name in CAN_TELL:
        # The provider's list says it has them: sent, with its id, right after the run.
        assert outcome.counts[UNKNOWN] == 0, states(journal, campaign_id)
        assert first.state == SENT and first.message_id
    else:
        assert first.state == UNKNOWN
        assert f"HTTP {gateway_status}" in first.error
    # "Retry failed" and a resume: nobody twice.
    journal.retry(campaign_id, (FAILED,))
    run(db, campaign_id, account)
    assert accepted_twice(sandbox) == []
    assert sorted(set(sandbox.state.accepted_numbers())) == [phone(i) for i in range(3)]


@pytest.mark.parametrize("name", ["txty", "customersms", "ugsms"])
def test_a_provider_that_cannot_tell_leaves_unknowns_for_the_user(db, journal, sandbox, name):
    account = account_for(db, sandbox, name)
    campaign_id = make_campaign(journal, account, 2, text="Same")
    sandbox.state.faults.accept_then_gateway_error_next = 1
    run(db, campaign_id, account)
    with factory(account)() as provider, journal.lock(campaign_id):
        result = reconcile(journal, campaign_id, provider)
    assert not result.can_tell and result.changed == []
    assert "cannot tell" in result.note and "retry" in result.note


def test_a_message_the_sandbox_never_got_becomes_failed_and_retry_sends_it_once(db, journal, sandbox):
    account = account_for(db, sandbox, "sandbox")
    campaign_id = make_campaign(journal, account, 2, text="Same")
    # The request dies before the sandbox takes it, but the answer is ambiguous to us: a timeout after sending.
    sandbox.state.faults.hang_next, sandbox.state.faults.hang_seconds = 1, 1.0
    run(db, campaign_id, account, timeout=0.3)
    assert set(states(journal, campaign_id)) == {FAILED}  # looked up at the end of the run: not received
    assert all(r.error == NOT_RECEIVED for r in journal.messages(campaign_id))
    assert journal.retry(campaign_id, (FAILED,)) == 2
    run(db, campaign_id, account)
    assert sorted(sandbox.state.accepted_numbers()) == [phone(0), phone(1)]


STEPS = st.sampled_from(["ok", "fail", "gateway", "rate", "hang"])


@pytest.mark.parametrize("name", ["sandbox", "cpsms", "customersms"])
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(script=st.lists(STEPS, min_size=1, max_size=6))
def test_no_sequence_of_answers_gets_a_message_accepted_twice(db, journal, sandbox, name, script):
    sandbox.state.reset()
    sandbox.state.faults.retry_after = 0.01
    sandbox.state.faults.hang_seconds = 0.4
    sandbox.state.faults.script = list(script)
    account = account_for(db, sandbox, name)
    db.set_setting(f"lookup_at:{account.name}", "0")  # every example may look its list up again
    campaign_id = make_campaign(journal, account, 4, text="Hej")
    retry = RetryPolicy(max_attempts=3, unreachable_after=5, backoff_base=0.001, backoff_cap=0.005)
    run(db, campaign_id, account, retry=retry, timeout=0.2)
    journal.retry(campaign_id, (FAILED,))  # "Retry failed"
    run(db, campaign_id, account, retry=retry, timeout=0.2)  # and a resume
    assert accepted_twice(sandbox) == []
    for record in journal.messages(campaign_id):
        if record.state == SENT:
            assert record.phone in sandbox.state.accepted_numbers()
