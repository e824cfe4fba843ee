"""The built-in demo account's adapter, over real HTTP against the sandbox's own API."""

from __future__ import annotations

import json

import pytest

from smsdesk.core.account import Account
from smsdesk.providers import create_provider
from smsdesk.providers.base import (
    DELIVERED,
    GSM7,
    PENDING,
    UCS2,
    UNDELIVERED,
    AccountError,
    InvalidRecipient,
    MessageRejected,
    OutcomeUnknown,
    OutgoingMessage,
    RateLimited,
    Transient,
)
from smsdesk.providers.sandbox import SandboxProvider
from smsdesk.sandbox.server import Response, shared_sandbox
from tests.providers.canned import CannedAnswers

CANNED = CannedAnswers("_test_demo")


def provider_for(base_url: str | None, secret: str = "sandbox", timeout: float = 5.0) -> SandboxProvider:
    return SandboxProvider(
        Account(name="Sandbox", provider="sandbox", base_url=base_url), secret, timeout=timeout
    )


@pytest.fixture
def demo(sandbox):
    with provider_for(sandbox.url) as provider:
        yield provider


@pytest.fixture
def canned(sandbox):
    with CANNED.making(sandbox.url, provider_for) as make:
        yield make


def message(n: int, text: str = "Hej fra SMSDesk", encoding: str = GSM7) -> OutgoingMessage:
    return OutgoingMessage(key=f"m{n}", to=f"+45{20000000 + n}", text=text, encoding=encoding, segments=1)


def test_with_no_base_url_it_uses_the_in_process_sandbox():
    server = shared_sandbox()
    account = Account(name="Sandbox", provider="sandbox")
    with create_provider(account, "sandbox") as provider:
        assert provider.base_url == server.url
        [result] = provider.send([message(1)])
        assert result.accepted
    assert any(a.message_id == result.message_id for a in server.state.accepted)


def test_an_empty_secret_means_the_sandbox_key(sandbox):
    with provider_for(sandbox.url, secret="") as provider:
        assert provider.send([message(1)])[0].accepted


def test_label_says_no_real_sms():
    assert "no real SMS" in SandboxProvider.label


# -- sending --------------------------------------------------------------------------------------------------------


def test_different_texts_in_one_request(sandbox, demo):
    batch = [message(n, text=f"Hej {n}") for n in range(5)]
    assert len(demo.plan_requests(batch)) == 1
    results = demo.send(batch)
    assert all(r.accepted for r in results)
    assert [a.text for a in sandbox.state.accepted] == [f"Hej {n}" for n in range(5)]
    assert [a.reference for a in sandbox.state.accepted] == [m.key for m in batch]
    assert len([r for r in sandbox.state.requests if r[2] == "/sandbox/v1/messages"]) == 1


def test_requests_hold_at_most_500(demo):
    batch = [message(n, text=f"Hej {n}") for n in range(1201)]
    groups = demo.plan_requests(batch)
    assert [len(g) for g in groups] == [500, 500, 201]
    assert [m for g in groups for m in g] == batch


def test_unicode_counts_parts_as_unicode(sandbox, demo):
    [result] = demo.send([message(1, text="ø☃" * 40, encoding=UCS2)])
    assert result.cost == 2.0


def test_request_shape(canned):
    provider = canned(
        Response(200, {"results": [{"to": "+4520000001", "reference": "m1", "status": "accepted"}]})
    )
    provider.send([message(1)])
    request = CANNED.seen[-1]
    assert request.headers["authorization"] == "Bearer sandbox"
    assert json.loads(request.body)["messages"][0] == {
        "to": "+4520000001",
        "text": "Hej fra SMSDesk",
        "reference": "m1",
        "encoding": GSM7,
        "segments": 1,
    }


def test_partial_failure(sandbox, demo):
    batch = [message(n) for n in range(3)]
    sandbox.state.faults.reject_numbers = {batch[1].to}
    results = demo.send(batch)
    assert [r.accepted for r in results] == [True, False, True]
    assert isinstance(results[1].error, InvalidRecipient)
    assert sandbox.state.accepted_numbers() == [batch[0].to, batch[2].to]


def test_bad_numbers_and_texts_are_per_message(sandbox, demo):
    bad_number = OutgoingMessage(key="b", to="4520000001", text="x", encoding=GSM7, segments=1)
    empty = message(2, text=" ")
    too_long = message(3, text="x" * 1531)
    results = demo.send([bad_number, empty, too_long, message(4)])
    assert [type(r.error) for r in results[:3]] == [InvalidRecipient, MessageRejected, MessageRejected]
    assert results[3].accepted


def test_out_of_credit_mid_request_then_for_the_whole_request(sandbox, demo):
    sandbox.state.faults.credit_messages = 2
    results = demo.send([message(n) for n in range(3)])
    assert [r.accepted for r in results] == [True, True, False]
    assert isinstance(results[2].error, AccountError)
    with pytest.raises(AccountError) as caught:
        demo.send([message(9)])
    assert caught.value.code == "insufficient_credit"
    assert len(sandbox.state.accepted) == 2


def test_wrong_key(sandbox):
    with provider_for(sandbox.url, secret="not-sandbox") as provider, pytest.raises(AccountError):
        provider.send([message(1)])


def test_wrong_credentials_fault(sandbox, demo):
    sandbox.state.faults.wrong_credentials = True
    with pytest.raises(AccountError):
        demo.send([message(1)])
    with pytest.raises(AccountError):
        demo.balance()


def test_server_error_is_transient(sandbox, demo):
    sandbox.state.faults.fail_next = 1
    with pytest.raises(Transient):
        demo.send([message(1)])
    assert sandbox.state.accepted == []


def test_html_from_a_proxy_is_unknown(sandbox, demo):
    sandbox.state.faults.html_error_next = 1
    with pytest.raises(OutcomeUnknown):
        demo.send([message(1)])


def test_rate_limited(sandbox, demo):
    sandbox.state.faults.rate_limit_next = 1
    sandbox.state.faults.retry_after = 2.5
    with pytest.raises(RateLimited) as caught:
        demo.send([message(1)])
    assert caught.value.retry_after == 2.5


def test_latency_does_not_change_the_outcome(sandbox, demo):
    sandbox.state.faults.latency = 0.05
    assert demo.send([message(1)])[0].accepted


# -- malformed answers ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        Response(200, "<html><body>oops</body></html>", content_type="text/html"),
        Response(200, ""),
        Response(200, '{"results": [', content_type="application/json"),
        Response(200, {"results": "all fine"}),
    ],
    ids=["html", "empty", "broken-json", "wrong-type"],
)
def test_unreadable_200_is_outcome_unknown(canned, answer):
    with pytest.raises(OutcomeUnknown):
        canned(answer).send([message(1)])


def test_200_with_an_error_inside(canned):
    with pytest.raises(AccountError):
        canned(Response(200, {"error": {"code": "insufficient_credit", "message": "none"}})).send(
            [message(1)]
        )
    with pytest.raises(MessageRejected):
        canned(Response(200, {"error": {"code": "odd", "message": "?"}}), name="b").send([message(1)])


def test_a_message_missing_from_the_results_is_unknown(canned):
    provider = canned(Response(200, {"results": [{"reference": "m1", "status": "accepted", "id": "x"}]}))
    results = provider.send([message(1), message(2)])
    assert results[0].accepted and results[0].message_id == "x"
    assert isinstance(results[1].error, OutcomeUnknown)


@pytest.mark.parametrize(
    ("status", "kind"),
    [(400, MessageRejected), (404, AccountError), (500, OutcomeUnknown), (503, OutcomeUnknown)],
)
def test_unreadable_errors_are_typed_by_status(canned, status, kind):
    with pytest.raises(kind):
        canned(Response(status, "<html>x</html>", content_type="text/html")).send([message(1)])


# -- balance and delivery -------------------------------------------------------------------------------------------


def test_balance(sandbox, demo):
    assert demo.balance().amount == 10_000.0
    sandbox.state.faults.credit_messages = 3
    demo.send([message(1)])
    balance = demo.balance()
    assert (balance.amount, balance.currency) == (2.0, "credits")


@pytest.mark.parametrize("answer", [Response(200, "<html></html>"), Response(200, {"balance": "many"})])
def test_unreadable_balance(canned, answer):
    with pytest.raises(Transient):
        canned(answer).balance()


def test_delivery_status(sandbox, demo):
    sandbox.state.faults.deliver_after = 0.0
    batch = [message(n) for n in range(3)]
    sandbox.state.faults.undeliverable_numbers = {batch[2].to}
    ids = [r.message_id for r in demo.send(batch)]
    reports = demo.delivery_status([*ids, "never-issued"])
    assert [(r.message_id, r.state) for r in reports] == [
        (ids[0], DELIVERED),
        (ids[1], DELIVERED),
        (ids[2], UNDELIVERED),
    ]


def test_delivery_status_pending_and_many_ids(sandbox, demo):
    sandbox.state.faults.deliver_after = 3600
    ids = [r.message_id for r in demo.send([message(n, text=str(n)) for n in range(450)])]
    reports = demo.delivery_status(ids)
    assert len(reports) == 450 and {r.state for r in reports} == {PENDING}
    status_calls = [r for r in sandbox.state.requests if r[2] == "/sandbox/v1/status"]
    assert len(status_calls) == 3  # 200 ids per request


def test_unreadable_delivery_status(canned):
    with pytest.raises(Transient):
        canned(Response(200, "")).delivery_status(["a"])


# -- account checks -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sender", "ok"),
    [(None, True), ("SMSDesk", True), ("+4512345678", True), ("TooLongSender", False), ("Ø", False)],
)
def test_sender_rules(sender, ok):
    problems = SandboxProvider.validate_account(Account(name="Sandbox", provider="sandbox", sender=sender))
    assert (problems == []) == ok


def test_no_secret_is_needed_to_validate():
    assert SandboxProvider.validate_account(Account(name="Sandbox", provider="sandbox"), "") == []
