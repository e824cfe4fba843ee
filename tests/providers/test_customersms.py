"""customersms.pro adapter over real HTTP against the loopback sandbox (and test-only routes for odd answers)."""

from __future__ import annotations

import json

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smsdesk.core.account import Account
from smsdesk.providers.base import (
    GSM7,
    AccountError,
    Balance,
    InvalidRecipient,
    MessageRejected,
    OutcomeUnknown,
    OutgoingMessage,
    ProviderError,
    RateLimited,
    Transient,
)
from smsdesk.providers.customersms import CustomerSmsProvider
from smsdesk.sandbox import customersms as sandbox_customersms
from smsdesk.sandbox.server import Request, Response, SandboxState, route
from tests.providers.fuzz import json_answers

KEY = "cspro_demo_key"

# Test-only routes: /t-cs/<scenario>/sms_system/api.php answers whatever CANNED[scenario] holds, recording bodies.
CANNED: dict[str, Response] = {}
SEEN: list[dict] = []


@route("test-customersms", "POST", r"/t-cs/(?P<scenario>[a-z0-9_]+)/sms_system/api\.php")
def _canned(request: Request, state: SandboxState) -> Response:
    assert request.match is not None
    SEEN.append(json.loads(request.body or b"null"))
    return CANNED[request.match.group("scenario")]


@route("test-customersms", "POST", r"/t-cs-quickstart/api\.php")
def _quick_start_only(request: Request, state: SandboxState) -> Response:
    return sandbox_customersms.send(request, state)


@pytest.fixture(autouse=True)
def _clean_canned():
    CANNED.clear()
    SEEN.clear()
    yield
    CANNED.clear()
    SEEN.clear()


def messages(*numbers: str, text: str = "Hej fra SMSDesk") -> list[OutgoingMessage]:
    return [
        OutgoingMessage(key=f"m{index}", to=number, text=text, encoding=GSM7, segments=1)
        for index, number in enumerate(numbers)
    ]


def provider(base_url: str, secret: str = KEY, timeout: float = 10.0, **options) -> CustomerSmsProvider:
    account = Account(name="cs", provider="customersms", base_url=base_url, options=options)
    return CustomerSmsProvider(account, secret, timeout=timeout)


def canned(sandbox, scenario: str, response: Response, **options) -> CustomerSmsProvider:
    CANNED[scenario] = response
    return provider(f"{sandbox.url}/t-cs/{scenario}", **options)


# -- success and per-number results -----------------------------------------------------------------------------


def test_identical_text_goes_to_many_numbers_in_one_request(sandbox):
    with provider(sandbox.url) as adapter:
        results = adapter.send(messages("+4512345678", "+4522334455", "+4533445566"))
    assert [r.accepted for r in results] == [True, True, True]
    assert all(r.message_id and r.message_id.startswith("msg_") for r in results)
    assert len({r.message_id for r in results}) == 3
    assert sandbox.state.accepted_numbers() == ["+4512345678", "+4522334455", "+4533445566"]
    assert [path for _, _, path in sandbox.state.requests] == ["/sms_system/api.php"]


def test_request_carries_key_in_body_and_phones_as_array(sandbox):
    ok = {"success": True, "remaining_credits": 5, "results": [{"phone": "+4512345678", "success": True}]}
    with canned(sandbox, "shape", Response(200, ok)) as adapter:
        adapter.send(messages("+4512345678"))
    assert SEEN == [{"api_key": KEY, "phone": ["+4512345678"], "message": "Hej fra SMSDesk"}]


def test_comma_separated_phone_option_is_understood_by_the_sandbox(sandbox):
    with provider(sandbox.url, phone_format="string") as adapter:
        results = adapter.send(messages("+4512345678", "+4522334455"))
    assert all(r.accepted for r in results)
    assert sandbox.state.accepted_numbers() == ["+4512345678", "+4522334455"]


def test_one_rejected_number_fails_alone(sandbox):
    sandbox.state.faults.reject_numbers = {"+4522334455"}
    with provider(sandbox.url) as adapter:
        results = adapter.send(messages("+4512345678", "+4522334455", "+4533445566"))
    assert [r.accepted for r in results] == [True, False, True]
    assert isinstance(results[1].error, InvalidRecipient)
    assert "+4522334455" in results[1].error.reason
    assert sandbox.state.accepted_numbers() == ["+4512345678", "+4533445566"]


def test_failure_text_under_message_or_reason_is_read(sandbox):
    answer = {
        "success": True,
        "results": [
            {"phone": "+4512345678", "success": False, "message": "Blocked content"},
            {"phone": "+4522334455", "success": False, "reason": "Number not reachable"},
        ],
    }
    with canned(sandbox, "reasons", Response(200, answer)) as adapter:
        first, second = adapter.send(messages("+4512345678", "+4522334455"))
    assert isinstance(first.error, MessageRejected) and "Blocked content" in first.error.reason
    assert isinstance(second.error, InvalidRecipient) and "not reachable" in second.error.reason


def test_number_missing_from_results_is_unknown_not_sent(sandbox):
    answer = {"success": True, "results": [{"phone": "+4512345678", "success": True, "message_id": "msg_1"}]}
    with canned(sandbox, "missing", Response(200, answer)) as adapter:
        first, second = adapter.send(messages("+4512345678", "+4522334455"))
    assert first.accepted and first.message_id == "msg_1"
    assert not second.accepted and isinstance(second.error, OutcomeUnknown)


# -- account and request-level errors ----------------------------------------------------------------------------


def test_bad_key_is_an_account_error_without_the_key(sandbox):
    secret = "cspro_wrong_secret_123"
    with provider(sandbox.url, secret=secret) as adapter:
        with pytest.raises(AccountError) as caught:
            adapter.send(messages("+4512345678"))
        assert secret not in repr(adapter)
    assert caught.value.code == "INVALID_API_KEY"
    assert secret not in str(caught.value) and secret not in repr(caught.value)
    assert sandbox.state.accepted == []


def test_a_200_with_invalid_key_inside_is_an_account_error(sandbox):
    body = {"success": False, "error": "Invalid or inactive API key", "code": "INVALID_API_KEY"}
    with canned(sandbox, "key200", Response(200, body)) as adapter, pytest.raises(AccountError):
        adapter.send(messages("+4512345678"))


def test_out_of_credit_part_way_then_for_the_whole_request(sandbox):
    sandbox.state.faults.credit_messages = 2
    with provider(sandbox.url) as adapter:
        results = adapter.send(messages("+4512345678", "+4522334455", "+4533445566"))
        assert [r.accepted for r in results] == [True, True, False]
        assert isinstance(results[2].error, AccountError)
        assert adapter.balance() == Balance(0.0, "credits")
        with pytest.raises(AccountError) as caught:
            adapter.send(messages("+4544556677"))
    assert "credit" in caught.value.reason.lower()


def test_insufficient_credits_in_a_200_stops_the_campaign(sandbox):
    body = {"success": False, "error": "Insufficient credits", "code": "INSUFFICIENT_CREDITS"}
    with canned(sandbox, "credit200", Response(200, body)) as adapter, pytest.raises(AccountError):
        adapter.send(messages("+4512345678"))


def test_other_refusal_rejects_the_messages_and_goes_on(sandbox):
    body = {"success": False, "error": "Message contains forbidden words", "code": "CONTENT_BLOCKED"}
    with canned(sandbox, "content", Response(400, body)) as adapter:
        results = adapter.send(messages("+4512345678", "+4522334455"))
    assert all(isinstance(r.error, MessageRejected) for r in results)
    assert results[0].error.code == "CONTENT_BLOCKED"


def test_request_refused_over_an_unnamed_number_is_raised_for_the_whole_request(sandbox):
    body = {"success": False, "error": "Invalid phone number in list", "code": "INVALID_PHONE"}
    with canned(sandbox, "badphone", Response(400, body)) as adapter:
        with pytest.raises(InvalidRecipient) as caught:
            adapter.send(messages("+4512345678", "+4522334455"))
        assert "does not say which" in caught.value.reason
        (alone,) = adapter.send(messages("+4512345678"))
    assert isinstance(alone.error, InvalidRecipient)


def test_server_error_is_transient(sandbox):
    sandbox.state.faults.fail_next = 1
    with provider(sandbox.url) as adapter:
        with pytest.raises(Transient):
            adapter.send(messages("+4512345678"))
        assert adapter.send(messages("+4512345678"))[0].accepted


def test_injected_429_is_rate_limited_with_the_wait(sandbox):
    sandbox.state.faults.rate_limit_next = 1
    sandbox.state.faults.retry_after = 7
    with provider(sandbox.url) as adapter, pytest.raises(RateLimited) as caught:
        adapter.send(messages("+4512345678"))
    assert caught.value.retry_after == 7


def test_unreadable_retry_after_gives_the_default_wait(sandbox):
    answer = Response(429, {"success": False, "error": "Slow down"}, headers={"Retry-After": "later"})
    with canned(sandbox, "later", answer) as adapter, pytest.raises(RateLimited) as caught:
        adapter.send(messages("+4512345678"))
    assert caught.value.retry_after == 60.0


def test_documented_100_per_minute_limit(sandbox):
    for _ in range(100):
        assert sandbox.state.rate_check("customersms", 100)[0]
    with provider(sandbox.url) as adapter, pytest.raises(RateLimited) as caught:
        adapter.send(messages("+4512345678"))
    assert 0 < caught.value.retry_after <= 60
    assert sandbox.state.accepted == []


# -- malformed answers -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "response",
    [
        Response(200, "<!DOCTYPE html><html><body>Maintenance</body></html>", content_type="text/html"),
        Response(200, b"", content_type="application/json"),
        Response(200, '{"success": true, "results": [', content_type="application/json"),
        Response(200, ["not", "an", "object"]),
        Response(200, {"success": True, "message": "SMS sending completed"}),
    ],
    ids=["html", "empty", "broken-json", "json-list", "no-results"],
)
def test_unreadable_2xx_is_outcome_unknown(sandbox, response):
    with canned(sandbox, "odd", response) as adapter, pytest.raises(OutcomeUnknown):
        adapter.send(messages("+4512345678", "+4522334455"))


def test_html_error_page_from_a_proxy_is_unknown(sandbox):
    sandbox.state.faults.html_error_next = 1
    with provider(sandbox.url) as adapter, pytest.raises(OutcomeUnknown) as caught:
        adapter.send(messages("+4512345678"))
    assert "HTML" in caught.value.reason


@pytest.mark.parametrize("status", [301, 404])
def test_wrong_address_stops_the_campaign(sandbox, status):
    moved = Response(status, b"", headers={"Location": "https://elsewhere/"})
    with canned(sandbox, "moved", moved) as adapter, pytest.raises(AccountError) as caught:
        adapter.send(messages("+4512345678"))
    assert "base URL" in caught.value.reason


def test_empty_400_rejects_without_crashing(sandbox):
    with canned(sandbox, "empty400", Response(400, b"")) as adapter:
        results = adapter.send(messages("+4512345678"))
    assert isinstance(results[0].error, MessageRejected)


def test_an_answer_echoing_the_key_does_not_leak_it(sandbox):
    secret = "cspro_echo_secret_987"
    echoed = {"success": False, "error": f"Bad request: api_key={secret}", "code": "BAD"}
    with canned(sandbox, "echo", Response(400, echoed), secret=secret) as adapter:
        results = adapter.send(messages("+4512345678"))
    assert secret not in results[0].error.reason and "***" in results[0].error.reason


# -- endpoint doubt, balance, planning, account checks -----------------------------------------------------------


def test_quick_start_path_is_tried_when_the_documented_one_is_missing(sandbox):
    with provider(f"{sandbox.url}/t-cs-quickstart") as adapter:
        assert adapter.send(messages("+4512345678"))[0].accepted
        assert adapter.send(messages("+4522334455"))[0].accepted
    paths = [path for _, _, path in sandbox.state.requests]
    assert paths == [
        "/t-cs-quickstart/sms_system/api.php",
        "/t-cs-quickstart/api.php",
        "/t-cs-quickstart/api.php",
    ]


def test_balance_is_the_last_remaining_credits(sandbox):
    sandbox.state.faults.credit_messages = 10
    with provider(sandbox.url) as adapter:
        assert adapter.balance() is None
        adapter.send(messages("+4512345678", "+4522334455"))
        assert adapter.balance() == Balance(8.0, "credits")


def test_5000_identical_texts_plan_into_50_requests(sandbox):
    adapter = provider(sandbox.url)
    batch = messages(*[f"+45{20000000 + i}" for i in range(5000)])
    groups = adapter.plan_requests(batch)
    assert len(groups) == 50 and all(len(group) == 100 for group in groups)
    assert [m.key for group in groups for m in group] == [m.key for m in batch]
    assert len(provider(sandbox.url, max_recipients_per_request=500).plan_requests(batch)) == 10


def test_planning_keeps_texts_and_repeated_numbers_apart(sandbox):
    adapter = provider(sandbox.url)
    batch = messages("+4512345678", "+4522334455") + messages("+4512345678", text="Other")
    batch += messages("+4512345678")
    groups = adapter.plan_requests(batch)
    assert [[m.to for m in group] for group in groups] == [
        ["+4512345678", "+4522334455"],
        ["+4512345678"],
        ["+4512345678"],
    ]


def test_sender_is_refused_in_account_checks():
    account = Account(name="cs", provider="customersms", sender="SMSDesk")
    problems = CustomerSmsProvider.validate_account(account, KEY)
    assert problems and "sender" in problems[0]
    assert CustomerSmsProvider.validate_account(Account(name="cs", provider="customersms"), KEY) == []


def test_works_with_a_caller_supplied_client(sandbox):
    seen: list[httpx.Request] = []
    client = httpx.Client(event_hooks={"request": [seen.append]})
    account = Account(name="cs", provider="customersms", base_url=sandbox.url)
    with client, CustomerSmsProvider(account, KEY, client=client) as adapter:
        assert adapter.send(messages("+4512345678"))[0].accepted
    assert seen[0].headers["content-type"] == "application/json"


# -- whatever the gateway answers, the adapter answers with a typed outcome ------------------------------------

_JSON = json_answers(
    ["success", "error", "code", "message", "results", "phone", "message_id", "remaining_credits", "reason"],
    ["+4512345678", "4522334455", "INVALID_API_KEY", "Insufficient credits"],
)  # fmt: skip


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(status=st.sampled_from([200, 201, 400, 401, 402, 403, 422, 429, 500, 503]), body=_JSON)
def test_any_answer_gives_typed_outcomes_never_a_crash(sandbox, status, body):
    batch = messages("+4512345678", "+4522334455")
    with canned(sandbox, "fuzz", Response(status, body)) as adapter:
        try:
            results = adapter.send(batch)
        except ProviderError:
            return
        assert [r.key for r in results] == [m.key for m in batch]
        assert all(r.accepted or isinstance(r.error, ProviderError) for r in results)
        assert adapter.balance() is None or isinstance(adapter.balance().amount, float)
