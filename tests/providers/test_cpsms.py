"""CPSMS adapter over real HTTP against the loopback sandbox (and a few canned answers it never gives itself)."""

from __future__ import annotations

import base64
import json
import math
import time

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
from smsdesk.providers.cpsms import CpsmsProvider, dlr_state, parse_danish_number
from smsdesk.sandbox.server import Response
from tests.providers.canned import CannedAnswers

KEY = "cpsms-demo-key"

# Canned answers for shapes the sandbox's CPSMS never produces (see tests/providers/canned.py).
CANNED = CannedAnswers("_test_cpsms")


@pytest.fixture
def canned(sandbox):
    with CANNED.making(sandbox.url, provider_for) as make:
        yield make


def provider_for(base_url: str, secret: str = KEY, timeout: float = 5.0, sender: str | None = "SMSDesk"):
    account = Account(name="cp", provider="cpsms", username="demo", sender=sender, base_url=base_url)
    return CpsmsProvider(account, secret, timeout=timeout)


@pytest.fixture
def cpsms(sandbox):
    with provider_for(sandbox.url) as provider:
        yield provider


def message(n: int, text: str = "Hej fra SMSDesk", encoding: str = GSM7, key: str | None = None):
    return OutgoingMessage(
        key=key or f"m{n}", to=f"+45{20000000 + n}", text=text, encoding=encoding, segments=1
    )


def test_registry_finds_the_adapter(sandbox):
    account = Account(name="cp", provider="cpsms", username="demo", base_url=sandbox.url)
    with create_provider(account, KEY) as provider:
        assert isinstance(provider, CpsmsProvider)


# -- success --------------------------------------------------------------------------------------------------------


def test_identical_texts_go_in_one_request_and_all_are_accepted(sandbox, cpsms):
    batch = [message(n) for n in range(3)]
    results = cpsms.send(batch)
    assert [r.key for r in results] == ["m0", "m1", "m2"]
    assert all(r.accepted for r in results)
    assert [r.cost for r in results] == [1.0, 1.0, 1.0]
    assert sandbox.state.accepted_numbers() == [m.to for m in batch]
    assert [a.reference for a in sandbox.state.accepted] == ["m0"] * 3  # one reference per request
    assert len([r for r in sandbox.state.requests if r[2] == "/v2/send"]) == 1
    assert len({r.message_id for r in results}) == 3


def test_request_body_is_as_documented(canned):
    provider = canned(Response(200, {"success": [{"to": "4520000001", "cost": 1}]}))
    provider.send([message(1, text="Hej ☃", encoding=UCS2)])
    request = CANNED.seen[-1]
    assert request.path.endswith("/v2/send")
    body = json.loads(request.body)
    assert body == {
        "to": ["4520000001"],
        "message": "Hej ☃",
        "reference": "m1",
        "from": "SMSDesk",
        "format": "UNICODE",
    }
    assert request.headers["authorization"] == "Basic " + base64.b64encode(f"demo:{KEY}".encode()).decode()


def test_gsm_text_has_no_format_and_numeric_sender_loses_its_plus(sandbox, canned):
    CANNED.answers["answer"] = Response(200, {"success": [{"to": "4520000001", "cost": 1}]})
    account = Account(
        name="cp",
        provider="cpsms",
        username="demo",
        sender="+4570203040",
        base_url=CANNED.url(sandbox.url, "answer"),
    )
    with CpsmsProvider(account, KEY) as provider:
        assert provider.send([message(1)])[0].accepted
    body = json.loads(CANNED.seen[-1].body)
    assert "format" not in body
    assert body["from"] == "4570203040"


def test_no_sender_leaves_from_out_so_the_account_default_applies(sandbox, canned):
    CANNED.answers["answer"] = Response(200, {"success": [{"to": "4520000001", "cost": 1}]})
    with provider_for(CANNED.url(sandbox.url, "answer"), sender=None) as provider:
        provider.send([message(1)])
    assert "from" not in json.loads(CANNED.seen[-1].body)


def test_unicode_reaches_the_sandbox_as_unicode(sandbox, cpsms):
    long_ucs = "ø☃" * 40  # 80 UTF-16 units: 2 parts as UCS-2, 1 part if it were read as GSM
    results = cpsms.send([message(1, text=long_ucs, encoding=UCS2)])
    assert results[0].accepted and results[0].cost == 2.0
    assert sandbox.state.accepted[0].text == long_ucs


def test_a_long_key_becomes_a_32_character_reference(sandbox, cpsms):
    key = "campaign-000123/message-0000004567-retry"
    assert cpsms.send([message(1, key=key)])[0].accepted
    assert len(sandbox.state.accepted[0].reference) == 32


# -- per-recipient failures -----------------------------------------------------------------------------------------


def test_partial_failure_maps_each_number(sandbox, cpsms):
    batch = [message(n) for n in range(4)]
    sandbox.state.faults.reject_numbers = {batch[1].to, batch[3].to}
    results = cpsms.send(batch)
    assert [r.accepted for r in results] == [True, False, True, False]
    assert isinstance(results[1].error, InvalidRecipient)
    assert "country code" in results[1].error.reason
    assert sandbox.state.accepted_numbers() == [batch[0].to, batch[2].to]


def test_all_numbers_rejected(sandbox, cpsms):
    batch = [message(n) for n in range(2)]
    sandbox.state.faults.reject_numbers = {m.to for m in batch}
    results = cpsms.send(batch)
    assert [type(r.error) for r in results] == [InvalidRecipient, InvalidRecipient]
    assert sandbox.state.accepted == []


def test_newer_error_item_spelling_and_numbers_without_country_code(canned):
    provider = canned(
        Response(
            207,
            {
                "success": [{"to": "20000000", "cost": "1,6"}],  # no country code, Danish decimal
                "error": [
                    {"code": 400, "message": "Invalid phone number", "to": "4520000001"},
                    {"code": 406, "message": "Message not allowed", "to": "4520000002"},
                ],
            },
        )
    )
    results = provider.send([message(0), message(1), message(2)])
    assert results[0].accepted and results[0].cost == 1.6
    assert isinstance(results[1].error, InvalidRecipient)
    assert isinstance(results[2].error, MessageRejected)
    assert results[2].error.code == "406"


def test_a_recipient_missing_from_the_answer_is_unknown(canned):
    provider = canned(Response(200, {"success": [{"to": "4520000000", "cost": 1}]}))
    results = provider.send([message(0), message(1)])
    assert results[0].accepted
    assert isinstance(results[1].error, OutcomeUnknown)


def test_per_recipient_out_of_credit_is_an_account_error(canned):
    provider = canned(
        Response(
            207,
            {
                "success": [{"to": "4520000000", "cost": 1}],
                "error": [{"errorCode": 402, "errMsg": "Not enough points", "to": "4520000001"}],
            },
        )
    )
    results = provider.send([message(0), message(1)])
    assert isinstance(results[1].error, AccountError)


# -- whole-request errors -------------------------------------------------------------------------------------------


def test_bad_credentials(sandbox):
    with provider_for(sandbox.url, secret="not-the-key") as provider, pytest.raises(AccountError) as caught:
        provider.send([message(1)])
    assert caught.value.code == "401"
    assert sandbox.state.accepted == []


def test_wrong_credentials_fault(sandbox, cpsms):
    sandbox.state.faults.wrong_credentials = True
    with pytest.raises(AccountError):
        cpsms.send([message(1)])


def test_out_of_credit_after_two_messages(sandbox, cpsms):
    sandbox.state.faults.credit_messages = 2
    assert cpsms.send([message(1)])[0].accepted
    assert cpsms.send([message(2)])[0].accepted
    with pytest.raises(AccountError) as caught:
        cpsms.send([message(3)])
    assert caught.value.code == "402"
    assert "points" in caught.value.reason
    assert len(sandbox.state.accepted) == 2


def test_server_error_is_transient(sandbox, cpsms):
    sandbox.state.faults.fail_next = 1
    with pytest.raises(Transient):
        cpsms.send([message(1)])
    assert sandbox.state.accepted == []
    assert cpsms.send([message(1)])[0].accepted  # the next try goes through


def test_html_error_page_from_a_proxy_is_unknown(sandbox, cpsms):
    # A proxy's page says nothing about whether CPSMS took the request behind it.
    sandbox.state.faults.html_error_next = 1
    with pytest.raises(OutcomeUnknown) as caught:
        cpsms.send([message(1)])
    assert "HTML page" in caught.value.reason


def test_rate_limited_with_retry_after(sandbox, cpsms):
    sandbox.state.faults.rate_limit_next = 1
    sandbox.state.faults.retry_after = 7
    with pytest.raises(RateLimited) as caught:
        cpsms.send([message(1)])
    assert caught.value.retry_after == 7


def test_unreadable_retry_after_falls_back_to_a_default(canned):
    provider = canned(Response(429, "", headers={"Retry-After": "soon"}))
    with pytest.raises(RateLimited) as caught:
        provider.send([message(1)])
    assert caught.value.retry_after == 60.0


@pytest.mark.parametrize(
    ("status", "kind", "code"),
    [
        (401, AccountError, "401"),
        (402, AccountError, "402"),
        (403, AccountError, "403"),
        (404, AccountError, "404"),
    ],
)
def test_account_level_statuses(canned, status, kind, code):
    provider = canned(Response(status, {"error": {"code": status, "message": "no"}}))
    with pytest.raises(kind) as caught:
        provider.send([message(1)])
    assert caught.value.code == code


def test_ip_validation_says_what_to_do(canned):
    provider = canned(Response(403, ""))
    with pytest.raises(AccountError) as caught:
        provider.send([message(1)])
    assert "IP" in caught.value.reason


@pytest.mark.parametrize("status", [406, 409])
def test_not_acceptable_and_conflict_reject_the_messages(canned, status):
    provider = canned(Response(status, {"error": {"code": status, "message": "Nothing to return"}}))
    with pytest.raises(MessageRejected):
        provider.send([message(1), message(2)])


def test_whole_request_400_rejects_every_message_of_the_request(canned):
    provider = canned(Response(400, {"error": {"code": 400, "message": "The message is too long"}}))
    results = provider.send([message(1), message(2)])
    assert [type(r.error) for r in results] == [MessageRejected, MessageRejected]
    assert "too long" in results[0].error.reason


def test_whole_request_400_about_the_only_number_is_an_invalid_recipient(canned):
    provider = canned(Response(400, {"error": {"code": 400, "message": "Invalid phone number"}}))
    assert isinstance(provider.send([message(1)])[0].error, InvalidRecipient)


# -- malformed answers ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        Response(200, "<!DOCTYPE html><html><body>Maintenance</body></html>", content_type="text/html"),
        Response(200, ""),
        Response(200, '{"success": [{"to": "4520000001",', content_type="application/json"),
        Response(200, ["unexpected"]),
        Response(200, {"success": "yes"}),
        Response(207, {}),
    ],
    ids=["html", "empty", "broken-json", "list", "wrong-type", "no-arrays"],
)
def test_unreadable_2xx_is_outcome_unknown(canned, answer):
    provider = canned(answer)
    with pytest.raises(OutcomeUnknown) as caught:
        provider.send([message(1)])
    assert "may have been sent" in caught.value.reason


@pytest.mark.parametrize(
    ("status", "body"),
    [(400, "<html><body>Bad</body></html>"), (400, ""), (500, "{broken"), (503, "")],
)
def test_unreadable_errors_are_typed_by_status(canned, status, body):
    provider = canned(Response(status, body))
    if status >= 500:  # not CPSMS's own 500 body: it may have been sent first
        with pytest.raises(OutcomeUnknown):
            provider.send([message(1)])
    else:
        with pytest.raises(MessageRejected):
            provider.send([message(1)])


def test_200_with_an_error_inside(canned):
    provider = canned(Response(200, {"error": {"code": 402, "message": "Not enough credit"}}))
    with pytest.raises(AccountError):
        provider.send([message(1)])
    provider = canned(Response(200, {"error": "Something went wrong"}), name="plain")
    result = provider.send([message(1)])[0]
    assert isinstance(result.error, MessageRejected)
    assert "Something went wrong" in result.error.reason


def test_redirect_is_an_account_error(canned):
    provider = canned(Response(302, "", headers={"Location": "https://example.com/"}))
    with pytest.raises(AccountError):
        provider.send([message(1)])


# -- balance --------------------------------------------------------------------------------------------------------


def test_balance_from_the_sandbox(sandbox, cpsms):
    assert cpsms.balance().amount == 10_000.0
    assert cpsms.balance().currency == "points"
    sandbox.state.faults.credit_messages = 42
    assert cpsms.balance().amount == 42.0


@pytest.mark.parametrize(
    ("credit", "amount"), [("9.843,40", 9843.40), ("1.234.567,5", 1234567.5), (12.5, 12.5), ("-3,00", -3.0)]
)
def test_balance_shapes(canned, credit, amount):
    provider = canned(Response(200, {"credit": credit}))
    assert provider.balance().amount == pytest.approx(amount)
    assert CANNED.seen[-1].path.endswith("/v2/creditvalue")


@pytest.mark.parametrize(
    "answer",
    [
        Response(200, "<html></html>", content_type="text/html"),
        Response(200, {"credit": "lots"}),
        Response(200, ""),
    ],
)
def test_unreadable_balance_is_a_typed_error(canned, answer):
    with pytest.raises(Transient):
        canned(answer).balance()


def test_balance_with_bad_credentials(sandbox):
    with provider_for(sandbox.url, secret="wrong") as provider, pytest.raises(AccountError):
        provider.balance()


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("9.843,40", 9843.40),
        ("0,5", 0.5),
        ("9.843", 9843.0),
        ("12.5", 12.5),
        ("1 000,00", 1000.0),
        (7, 7.0),
        ("", None),
        ("abc", None),
        (None, None),
        (True, None),
        ("nan", None),
        (math.inf, None),
    ],
)
def test_parse_danish_number(text, number):
    assert parse_danish_number(text) == number


# -- delivery status ------------------------------------------------------------------------------------------------


def test_delivery_status_from_the_log(sandbox, cpsms):
    sandbox.state.faults.deliver_after = 0.0
    batch = [message(n) for n in range(3)]
    sandbox.state.faults.undeliverable_numbers = {batch[1].to}
    results = cpsms.send(batch)
    reports = cpsms.delivery_status([r.message_id for r in results])
    assert [r.message_id for r in reports] == [r.message_id for r in results]
    assert [r.state for r in reports] == [DELIVERED, UNDELIVERED, DELIVERED]
    log_calls = [r for r in sandbox.state.requests if r[2].startswith("/v2/getlog")]
    assert len(log_calls) == 1  # one call for all: the log allows one per two minutes
    assert CpsmsProvider.limits.delivery_status_min_interval == 120


def test_delivery_status_pending_and_not_in_log(sandbox, cpsms):
    sandbox.state.faults.deliver_after = 3600
    result = cpsms.send([message(1)])[0]
    stranger = f"other:4599999999@{int(time.time())}"
    reports = cpsms.delivery_status([result.message_id, stranger])
    assert [r.state for r in reports] == [PENDING, PENDING]
    assert "not in the CPSMS log" in reports[1].detail


def test_delivery_status_reads_the_documented_log_shape(canned):
    provider = canned(
        Response(
            200,
            [
                {
                    "to": "4520000001",
                    "userReference": "m1",
                    "dlrStatus": 4,
                    "dlrStatusText": "Buffered",
                    "timeSent": 1,
                },
                {
                    "to": "4520000002",
                    "userReference": "m1",
                    "dlrStatus": 0,
                    "dlrStatusText": "",
                    "timeSent": 1,
                },
                {
                    "to": "4520000003",
                    "userReference": "m1",
                    "dlrStatus": 1,
                    "dlrStatusText": "Received",
                    "timeSent": 1,
                },
                {"to": "4520000003", "userReference": None, "dlrStatus": 2, "timeSent": 2},
                "junk",
            ],
        )
    )
    ids = ["m1:4520000001@100", "m1:4520000002@100", "m1:4520000003@100"]
    reports = provider.delivery_status(ids)
    assert [r.state for r in reports] == [PENDING, PENDING, DELIVERED]
    assert "/v2/getlog/" in CANNED.seen[-1].path


def test_delivery_status_with_an_unreadable_answer(canned):
    with pytest.raises(Transient):
        canned(Response(200, "<html></html>")).delivery_status(["m1:4520000001@100"])


@pytest.mark.parametrize(
    ("code", "text", "state"),
    [
        (1, "Received", DELIVERED),
        (2, "", UNDELIVERED),
        (3, "Buffered", PENDING),
        (4, "Buffered", PENDING),  # 4 is "abandoned" in 2016, "buffered" in newer docs: not final
        (4, "Delivery abandoned", UNDELIVERED),
        (8, "", UNDELIVERED),
        (0, "", PENDING),
        ("x", None, PENDING),
    ],
)
def test_dlr_codes(code, text, state):
    assert dlr_state(code, text)[0] == state


# -- planning and account checks ------------------------------------------------------------------------------------


def test_5000_identical_texts_take_ceil_5000_over_max_recipients_requests(cpsms):
    messages = [message(n) for n in range(5000)]
    groups = cpsms.plan_requests(messages)
    limit = CpsmsProvider.limits.max_recipients_per_request
    assert len(groups) == math.ceil(5000 / limit) == 50
    assert [m for group in groups for m in group] == messages
    assert all(len(group) <= limit for group in groups)


def test_a_batch_with_different_texts_is_refused_before_sending(sandbox, cpsms):
    with pytest.raises(ValueError, match="plan_requests"):
        cpsms.send([message(1), message(2, text="other")])
    assert sandbox.state.requests == []


def test_personalised_texts_go_one_per_request(cpsms):
    messages = [message(n, text=f"Hej {n}") for n in range(10)]
    assert len(cpsms.plan_requests(messages)) == 10


@pytest.mark.parametrize(
    ("sender", "ok"),
    [
        ("SMSDesk", True),
        ("Bageren2000", True),  # 11
        ("BagerenNord1", False),  # 12 letters
        ("4512345678", True),
        ("+4512345678", True),
        ("123456789012345", True),  # 15 digits
        ("1234567890123456", False),  # 16 digits
        ("Bager Ø", False),
        (None, True),  # CPSMS uses the account's default sender
    ],
)
def test_sender_rules(sender, ok):
    account = Account(name="cp", provider="cpsms", username="demo", sender=sender)
    problems = CpsmsProvider.validate_account(account, KEY)
    assert (problems == []) == ok, problems


def test_username_is_required():
    problems = CpsmsProvider.validate_account(Account(name="cp", provider="cpsms", sender="X"), KEY)
    assert problems and "username" in problems[0]


def test_plain_http_to_another_host_is_refused():
    with pytest.raises(ValueError, match="Plain http"):
        provider_for("http://api.cpsms.dk")
