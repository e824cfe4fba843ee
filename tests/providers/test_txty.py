"""Txty v6 adapter over real HTTP against the loopback sandbox (and canned answers it never gives itself)."""

from __future__ import annotations

import logging
import math

import pytest

from smsdesk.core.account import Account
from smsdesk.providers import create_provider
from smsdesk.providers.base import (
    GSM7,
    UCS2,
    AccountError,
    InvalidRecipient,
    MessageRejected,
    OutcomeUnknown,
    OutgoingMessage,
    RateLimited,
    Transient,
)
from smsdesk.providers.txty import TxtyProvider
from smsdesk.sandbox.server import Response
from tests.providers.canned import CannedAnswers

TOKEN = "txty-demo-token"

CANNED = CannedAnswers("_test_txty")


def provider_for(base_url: str, secret: str = TOKEN, timeout: float = 5.0, sender: str | None = "SMSDesk"):
    account = Account(name="tx", provider="txty", username="demo", sender=sender, base_url=base_url)
    return TxtyProvider(account, secret, timeout=timeout)


@pytest.fixture
def canned(sandbox):
    with CANNED.making(sandbox.url, provider_for) as make:
        yield make


@pytest.fixture
def txty(sandbox):
    with provider_for(sandbox.url) as provider:
        yield provider


def message(n: int, text: str = "Hej fra SMSDesk", encoding: str = GSM7):
    return OutgoingMessage(key=f"m{n}", to=f"+45{20000000 + n}", text=text, encoding=encoding, segments=1)


def test_registry_finds_the_adapter(sandbox):
    account = Account(name="tx", provider="txty", username="demo", sender="X", base_url=sandbox.url)
    with create_provider(account, TOKEN) as provider:
        assert isinstance(provider, TxtyProvider)
        assert provider.balance() is None  # v6 has no balance endpoint


# -- success --------------------------------------------------------------------------------------------------------


def test_send_one(sandbox, txty):
    [result] = txty.send([message(1)])
    assert result.accepted
    assert result.cost == 0.25  # message[].price
    record = sandbox.state.accepted[0]
    assert result.message_id == record.message_id  # the guid
    assert (record.to, record.text, record.reference) == ("+4520000001", "Hej fra SMSDesk", "m1")


def test_query_is_as_documented(canned):
    provider = canned(Response(200, {"guid": "g-1", "recipient": None, "message": None, "settings": None}))
    [result] = provider.send([message(1, text="Hej & farvel ☃", encoding=UCS2)])
    assert result.accepted and result.message_id == "g-1" and result.cost is None  # arrays may be null
    request = CANNED.seen[-1]
    assert request.path.endswith("/v6/sms")
    assert {k: v[0] for k, v in request.query.items()} == {
        "username": "demo",
        "token": TOKEN,
        "msisdn": "4520000001",
        "sender": "SMSDesk",
        "text": "Hej & farvel ☃",
        "custom_reference": "m1",
    }


def test_one_request_per_recipient(sandbox, txty):
    batch = [message(n) for n in range(3)]
    groups = txty.plan_requests(batch)
    assert [len(g) for g in groups] == [1, 1, 1]
    for group in groups:
        assert txty.send(group)[0].accepted
    assert len([r for r in sandbox.state.requests if r[2] == "/v6/sms"]) == 3
    assert sandbox.state.accepted_numbers() == [m.to for m in batch]


def test_5000_identical_texts_take_5000_requests(txty):
    messages = [message(n) for n in range(5000)]
    assert len(txty.plan_requests(messages)) == 5000


def test_price_is_summed_over_message_parts(canned):
    provider = canned(
        Response(200, {"guid": "g", "message": [{"price": 0.25}, {"price": 0.5}, {"price": "x"}]})
    )
    assert provider.send([message(1)])[0].cost == 0.75


# -- errors ---------------------------------------------------------------------------------------------------------


def test_rejected_number(sandbox, txty):
    sandbox.state.faults.reject_numbers = {"+4520000002"}
    results = txty.send([message(2)])
    assert isinstance(results[0].error, InvalidRecipient)
    assert results[0].error.code == "MSISDN_INVALID"
    assert txty.send([message(3)])[0].accepted


def test_bad_credentials_401_without_body(sandbox):
    with provider_for(sandbox.url, secret="nope") as provider, pytest.raises(AccountError) as caught:
        provider.send([message(1)])
    assert caught.value.code == "401"


def test_missing_username(sandbox):
    account = Account(name="tx", provider="txty", username=None, sender="X", base_url=sandbox.url)
    with TxtyProvider(account, TOKEN) as provider, pytest.raises(AccountError):
        provider.send([message(1)])


def test_out_of_credit_after_two(sandbox, txty):
    sandbox.state.faults.credit_messages = 2
    assert txty.send([message(1)])[0].accepted
    assert txty.send([message(2)])[0].accepted
    with pytest.raises(AccountError) as caught:
        txty.send([message(3)])
    assert caught.value.code == "CANNOT_AFFORD"
    assert len(sandbox.state.accepted) == 2


def test_sender_refused_is_an_account_error(sandbox):
    with provider_for(sandbox.url, sender="Bager & Søn") as provider, pytest.raises(AccountError) as caught:
        provider.send([message(1)])
    assert caught.value.code == "SENDER_INVALID"


def test_empty_text_is_rejected(sandbox, txty):
    result = txty.send([message(1, text="   ")])[0]
    assert isinstance(result.error, MessageRejected)
    assert result.error.code == "TEXT_EMPTY"


@pytest.mark.parametrize(
    ("code", "status", "kind"),
    [
        ("CANNOT_AFFORD", 400, AccountError),
        ("SENDER_EMPTY", 400, AccountError),
        ("SENDER_LONG", 400, AccountError),
        ("METHOD_NOT_IMPLEMENTED", 501, AccountError),
        ("MSISDN_EMPTY", 400, InvalidRecipient),
        ("MSISDN_ALPHA", 400, InvalidRecipient),
        ("MSISDN_LONG", 400, InvalidRecipient),
        ("TEXT_LONG", 400, MessageRejected),
        ("REFERENCE_LONG", 400, MessageRejected),
        ("SCHEDULED_INVALID", 400, MessageRejected),
        ("BAD_REQUEST", 400, MessageRejected),
        ("SOMETHING_NEW", 400, MessageRejected),
        ("INTERNAL_ERROR", 500, Transient),
        ("INTERNAL_ERROR", 400, Transient),
    ],
)
def test_error_enum(canned, code, status, kind):
    provider = canned(Response(status, {"error": code, "message": "from the spec"}))
    if kind in (InvalidRecipient, MessageRejected):
        [result] = provider.send([message(1)])
        assert isinstance(result.error, kind)
        assert result.error.code == code
    else:
        with pytest.raises(kind) as caught:
            provider.send([message(1)])
        assert caught.value.code == code


def test_server_error_is_transient(sandbox, txty):
    sandbox.state.faults.fail_next = 1
    with pytest.raises(Transient):
        txty.send([message(1)])
    assert txty.send([message(1)])[0].accepted


def test_rate_limited(sandbox, txty):
    sandbox.state.faults.rate_limit_next = 1
    sandbox.state.faults.retry_after = 3
    with pytest.raises(RateLimited) as caught:
        txty.send([message(1)])
    assert caught.value.retry_after == 3


def test_an_error_after_some_were_sent_keeps_their_results(sandbox, txty):
    sandbox.state.faults.credit_messages = 1
    results = txty.send([message(1), message(2)])  # more than plan_requests would ever group
    assert results[0].accepted
    assert isinstance(results[1].error, AccountError)


# -- malformed answers ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        Response(200, "<html><body>Maintenance</body></html>", content_type="text/html"),
        Response(200, ""),
        Response(200, '{"guid": ', content_type="application/json"),
        Response(200, [1, 2]),
        Response(200, {}),
    ],
    ids=["html", "empty", "broken-json", "list", "empty-object"],
)
def test_unreadable_200_is_outcome_unknown(canned, answer):
    with pytest.raises(OutcomeUnknown):
        canned(answer).send([message(1)])


def test_200_with_an_error_inside(canned):
    with pytest.raises(AccountError):
        canned(Response(200, {"error": "CANNOT_AFFORD", "message": "no money"})).send([message(1)])
    result = canned(Response(200, {"error": "MSISDN_INVALID"}), name="b").send([message(1)])[0]
    assert isinstance(result.error, InvalidRecipient)


@pytest.mark.parametrize(
    ("status", "body", "kind"),
    [
        (400, "<html>bad</html>", MessageRejected),
        (400, "", MessageRejected),
        (500, "{oops", OutcomeUnknown),
        (502, "", OutcomeUnknown),
        (403, "", AccountError),
        (404, "", AccountError),
    ],
)
def test_unreadable_errors_are_typed_by_status(canned, status, body, kind):
    provider = canned(Response(status, body))
    if kind is MessageRejected:
        assert isinstance(provider.send([message(1)])[0].error, MessageRejected)
    else:
        with pytest.raises(kind):
            provider.send([message(1)])


def test_html_from_a_proxy(sandbox, txty):
    sandbox.state.faults.html_error_next = 1
    with pytest.raises(OutcomeUnknown):
        txty.send([message(1)])


# -- the token is in the URL: it must stay out of logs and errors --------------------------------------------------


def test_token_in_the_query_never_reaches_a_log_or_an_error(sandbox, caplog):
    caplog.set_level(logging.DEBUG)
    with provider_for(sandbox.url) as provider:
        provider.send([message(1)])
        sandbox.state.faults.fail_next = 1
        with pytest.raises(Transient) as caught:
            provider.send([message(2)])
    assert TOKEN not in str(caught.value) and TOKEN not in repr(caught.value)
    http_lines = [r.getMessage() for r in caplog.records if r.name == "httpx"]
    assert any("/v6/sms" in line for line in http_lines)  # httpx did log the request ...
    assert all(TOKEN not in line and "token=" not in line for line in http_lines)  # ... without its query
    assert TOKEN not in caplog.text


def test_a_secret_echoed_by_the_gateway_is_redacted(canned):
    provider = canned(Response(400, {"error": "BAD_REQUEST", "message": f"unknown token {TOKEN}"}))
    [result] = provider.send([message(1)])
    assert TOKEN not in result.error.reason and TOKEN not in repr(result)


def test_the_log_filter_keeps_other_records_intact(caplog):
    caplog.set_level(logging.INFO)
    logging.getLogger("httpx").info("plain %s", "text?with=query")
    assert "plain text?with=query" in caplog.text


# -- account checks -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sender", "ok"),
    [
        ("SMSDesk", True),
        ("Bageren2000", True),
        ("BagerenNord1", False),
        ("4512345678", True),
        ("+4512345678", True),
        ("1234567890123456", False),
        ("Bager Ø", False),
        (None, False),  # the sender is required by v6
        ("", False),
    ],
)
def test_sender_rules(sender, ok):
    problems = TxtyProvider.validate_account(
        Account(name="tx", provider="txty", username="demo", sender=sender)
    )
    assert (problems == []) == ok, problems


def test_username_and_token_are_asked_for():
    assert TxtyProvider.needs_username and TxtyProvider.secret_label == "API token"
    problems = TxtyProvider.validate_account(Account(name="tx", provider="txty", sender="X"), "")
    assert len(problems) == 2


def test_limits_as_documented():
    limits = TxtyProvider.limits
    assert limits.max_recipients_per_request == 1
    assert not limits.has_balance and not limits.has_delivery_status
    assert math.isclose(limits.delivery_status_min_interval, 0.0)
