"""UGSMS adapter (v2 and v1) over real HTTP against the loopback sandbox (and test-only routes for odd answers)."""

from __future__ import annotations

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
from smsdesk.providers.ugsms import INVALID_NUMBER_IN_REQUEST, UgsmsProvider
from smsdesk.sandbox.server import Response
from tests.providers.canned import CannedAnswers
from tests.providers.fuzz import json_answers

KEY = "ugsms-demo-key"

CANNED = CannedAnswers("t-ug")


@pytest.fixture(autouse=True)
def _clean_canned():
    CANNED.clear()
    yield
    CANNED.clear()


def messages(*numbers: str, text: str = "Hello from SMSDesk") -> list[OutgoingMessage]:
    return [
        OutgoingMessage(key=f"m{index}", to=number, text=text, encoding=GSM7, segments=1)
        for index, number in enumerate(numbers)
    ]


def provider(
    base_url: str,
    secret: str = KEY,
    *,
    username: str | None = None,
    sender: str | None = None,
    timeout: float = 10.0,
    client: httpx.Client | None = None,
    **options,
) -> UgsmsProvider:
    account = Account(
        name="ug", provider="ugsms", username=username, sender=sender, base_url=base_url, options=options
    )
    return UgsmsProvider(account, secret, timeout=timeout, client=client)


def canned(sandbox, scenario: str, response: Response, **options) -> UgsmsProvider:
    CANNED.answers[scenario] = response
    return provider(CANNED.url(sandbox.url, scenario), **options)


def recording_client() -> tuple[httpx.Client, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def keep(request: httpx.Request) -> None:
        request.read()
        seen.append(request)

    return httpx.Client(timeout=10.0, event_hooks={"request": [keep]}), seen


# -- v2 --------------------------------------------------------------------------------------------------------


def test_v2_sends_many_numbers_in_one_request_with_one_id(sandbox):
    client, seen = recording_client()
    with client, provider(sandbox.url, sender="Shop", client=client) as adapter:
        results = adapter.send(messages("+256772123456", "+4512345678", "+256701234567"))
    assert all(r.accepted for r in results)
    assert len({r.message_id for r in results}) == 1 and results[0].message_id
    assert results[0].cost == 10.0
    assert sandbox.state.accepted_numbers() == ["+256772123456", "+4512345678", "+256701234567"]
    request = seen[0]
    assert request.url.path == "/api/v2/sms/send"
    assert request.headers["X-API-Key"] == KEY
    assert KEY not in str(request.url)
    body = httpx.Response(200, content=request.content).json()
    assert body == {
        "numbers": "0772123456,4512345678,0701234567",  # the documented local form for Uganda only
        "message_body": "Hello from SMSDesk",
        "sender_id": "Shop",
    }


def test_rate_hint_follows_the_headers(sandbox):
    with provider(sandbox.url) as adapter:
        assert adapter.rate_hint is None
        adapter.send(messages("+256772123456"))
        assert adapter.rate_hint.limit == 60 and adapter.rate_hint.remaining == 59
        adapter.send(messages("+256772123456"))
        assert adapter.rate_hint.remaining == 58 and adapter.rate_hint.reset_after is None


def test_local_number_format_option(sandbox):
    client, seen = recording_client()
    with client, provider(sandbox.url, number_format="local", client=client) as adapter:
        assert adapter.send(messages("+256772123456"))[0].accepted
    assert b"0772123456" in seen[0].content
    assert sandbox.state.accepted_numbers() == ["+256772123456"]
    assert provider(sandbox.url, number_format="e164").format_number("+256772123456") == "+256772123456"


def test_invalid_number_alone_is_an_invalid_recipient(sandbox):
    sandbox.state.faults.reject_numbers = {"+256772123456"}
    with provider(sandbox.url) as adapter:
        (result,) = adapter.send(messages("+256772123456"))
    assert isinstance(result.error, InvalidRecipient)


def test_invalid_number_among_several_refuses_the_request_for_all(sandbox):
    sandbox.state.faults.reject_numbers = {"+256701234567"}
    with provider(sandbox.url) as adapter, pytest.raises(InvalidRecipient) as caught:
        adapter.send(messages("+256772123456", "+256701234567"))
    # Raised for the whole request, so the engine re-sends each number alone to find the bad one.
    assert caught.value.code == INVALID_NUMBER_IN_REQUEST
    assert "does not say which" in caught.value.reason
    assert sandbox.state.accepted == []


def test_bad_key_is_an_account_error(sandbox):
    secret = "ugsms-wrong-key-42"
    with provider(sandbox.url, secret=secret) as adapter:
        with pytest.raises(AccountError) as caught:
            adapter.send(messages("+256772123456"))
        assert secret not in repr(adapter)
    assert caught.value.code == "401" and secret not in str(caught.value)


def test_out_of_credit_stops(sandbox):
    sandbox.state.faults.credit_messages = 2
    with provider(sandbox.url) as adapter:
        with pytest.raises(AccountError) as caught:
            adapter.send(messages("+256772123456", "+256701234567", "+256751234567"))
        assert "balance" in caught.value.reason.lower()
        assert all(r.accepted for r in adapter.send(messages("+256772123456", "+256701234567")))
        with pytest.raises(AccountError):
            adapter.send(messages("+256772123456"))


def test_sender_refused_is_an_account_error(sandbox):
    with provider(sandbox.url, sender="MuchTooLongSender") as adapter, pytest.raises(AccountError) as caught:
        adapter.send(messages("+256772123456"))
    assert "sender" in caught.value.reason.lower()


def test_server_error_is_transient(sandbox):
    sandbox.state.faults.fail_next = 1
    with provider(sandbox.url) as adapter, pytest.raises(Transient):
        adapter.send(messages("+256772123456"))


def test_documented_60_per_minute_limit_with_retry_after(sandbox):
    for _ in range(60):
        assert sandbox.state.rate_check("ugsms", 60)[0]
    with provider(sandbox.url) as adapter:
        with pytest.raises(RateLimited) as caught:
            adapter.send(messages("+256772123456"))
        assert 0 < caught.value.retry_after <= 60
        assert adapter.rate_hint.remaining == 0 and 0 < adapter.rate_hint.reset_after <= 60
    assert sandbox.state.accepted == []


def test_unreadable_rate_headers_fall_back_to_the_default_wait(sandbox):
    headers = {"Retry-After": "soon", "X-RateLimit-Remaining": "NaN", "X-RateLimit-Limit": "sixty"}
    with canned(
        sandbox, "oddrate", Response(429, {"message": "Too Many Attempts."}, headers=headers)
    ) as adapter:
        with pytest.raises(RateLimited) as caught:
            adapter.send(messages("+256772123456"))
        assert caught.value.retry_after == 60.0
        assert adapter.rate_hint.remaining is None and adapter.rate_hint.reset_after == 60.0


def test_injected_429_is_rate_limited(sandbox):
    sandbox.state.faults.rate_limit_next = 1
    sandbox.state.faults.retry_after = 3
    with provider(sandbox.url) as adapter, pytest.raises(RateLimited) as caught:
        adapter.send(messages("+256772123456"))
    assert caught.value.retry_after == 3


def test_v2_balance(sandbox):
    sandbox.state.faults.credit_messages = 7
    with provider(sandbox.url) as adapter:
        assert adapter.balance() == Balance(70.0, "UGX")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"balance": "1,234.50", "currency": "UGX"}, Balance(1234.5, "UGX")),
        ({"success": True, "data": {"credits": 7}}, Balance(7.0, None)),
        ({"data": {"balance": 12}, "currency": "UGX"}, Balance(12.0, "UGX")),
    ],
)
def test_balance_shapes_we_accept(sandbox, body, expected):
    with canned(sandbox, "bal", Response(200, body)) as adapter:
        assert adapter.balance() == expected


@pytest.mark.parametrize(
    ("response", "error"),
    [
        (Response(200, {"success": True, "data": {}}), Transient),
        (Response(200, "<html><body>Login</body></html>", content_type="text/html"), Transient),
        (Response(401, {"error": "Invalid API key"}), AccountError),
        (Response(503, b""), Transient),
    ],
    ids=["no-amount", "html", "401", "503-empty"],
)
def test_unreadable_balance_is_a_typed_error(sandbox, response, error):
    with canned(sandbox, "badbal", response) as adapter, pytest.raises(error):
        adapter.balance()


# -- v1 --------------------------------------------------------------------------------------------------------


def test_v1_sends_with_username_and_password_in_the_form(sandbox):
    sandbox.state.faults.credit_messages = 100
    client, seen = recording_client()
    with client, provider(sandbox.url, username="demo", api_version="v1", client=client) as adapter:
        assert adapter.balance() is None
        results = adapter.send(messages("+256772123456", "+256701234567"))
        assert all(r.accepted for r in results)
        assert adapter.balance() == Balance(980.0, None)
    request = seen[0]
    assert request.url.path == "/v1/sms/send"
    assert "password" not in str(request.url) and "X-API-Key" not in request.headers
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert b"username=demo" in request.content
    assert sandbox.state.accepted_numbers() == ["+256772123456", "+256701234567"]


def test_v1_wrong_username_is_an_account_error(sandbox):
    with (
        provider(sandbox.url, username="someone", api_version="v1") as adapter,
        pytest.raises(AccountError) as caught,
    ):
        adapter.send(messages("+256772123456"))
    assert "username or password" in caught.value.reason


# -- malformed answers -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "response",
    [
        Response(200, "<!doctype html><html><body>Whoops</body></html>", content_type="text/html"),
        Response(200, b""),
        Response(200, '{"success": true, "data": {', content_type="application/json"),
        Response(200, {"data": {"recipients": 1}}),
    ],
    ids=["html", "empty", "broken-json", "no-verdict"],
)
def test_unreadable_2xx_send_answer_is_outcome_unknown(sandbox, response):
    with canned(sandbox, "odd", response) as adapter, pytest.raises(OutcomeUnknown):
        adapter.send(messages("+256772123456"))


@pytest.mark.parametrize(
    ("response", "kind"),
    [
        (Response(200, {"success": False, "error": "Insufficient balance"}), AccountError),
        (Response(200, {"error": "Invalid phone number format."}), InvalidRecipient),
        (Response(200, {"success": False, "message": "Message body contains banned words"}), MessageRejected),
        (Response(422, {"message": "Invalid data", "errors": {"numbers": ["bad"]}}), InvalidRecipient),
        (Response(400, b""), MessageRejected),
        (Response(404, {"message": "Not Found"}), AccountError),
        (Response(502, "<html><body>Bad gateway</body></html>", content_type="text/html"), OutcomeUnknown),
    ],
    ids=["200-credit", "200-number", "200-other", "422-numbers", "400-empty", "404", "502-html"],
)
def test_error_answers_are_typed(sandbox, response, kind):
    with canned(sandbox, "err", response) as adapter:
        try:
            outcome = adapter.send(messages("+256772123456"))[0].error
        except (AccountError, Transient, OutcomeUnknown) as exc:
            outcome = exc
    assert isinstance(outcome, kind)


def test_an_answer_echoing_the_key_does_not_leak_it(sandbox):
    secret = "ugsms-echo-secret-555"
    with (
        canned(
            sandbox, "echo", Response(400, {"error": f"Invalid API key {secret}"}), secret=secret
        ) as adapter,
        pytest.raises(AccountError) as caught,
    ):
        adapter.send(messages("+256772123456"))
    assert secret not in str(caught.value)
    with canned(
        sandbox, "echo2", Response(400, {"error": f"Bad request {secret}"}), secret=secret
    ) as adapter:
        (result,) = adapter.send(messages("+256772123456"))
    assert isinstance(result.error, MessageRejected)
    assert secret not in result.error.reason and "***" in result.error.reason


# -- planning and account checks ---------------------------------------------------------------------------------


def test_5000_identical_texts_plan_into_50_requests(sandbox):
    batch = messages(*[f"+2567{10000000 + i}" for i in range(5000)])
    groups = provider(sandbox.url).plan_requests(batch)
    assert len(groups) == 50 and all(len(group) == 100 for group in groups)
    assert len(provider(sandbox.url, max_recipients_per_request=1000).plan_requests(batch)) == 5


def test_account_checks():
    def problems(**fields) -> list[str]:
        return UgsmsProvider.validate_account(Account(name="ug", provider="ugsms", **fields), KEY)

    assert problems() == []
    assert problems(sender="ABCDEFGHIJK") == []
    assert any("11" in p for p in problems(sender="ABCDEFGHIJKL"))
    assert any("username" in p for p in problems(options={"api_version": "v1"}))
    assert problems(username="demo", options={"api_version": "v1"}) == []
    assert problems(options={"api_version": "v3"})
    assert problems(options={"number_format": "weird"})


# -- whatever the gateway answers, the adapter answers with a typed outcome ------------------------------------

_JSON = json_answers(
    ["success", "error", "message", "data", "message_id", "recipients", "estimated_cost", "remaining_balance",
     "balance", "currency", "errors", "numbers", "sender_id"],
    ["Invalid phone number format.", "Unauthorized.", "Insufficient balance", "1,000.5"],
)  # fmt: skip
_HEADER = st.sampled_from(["", "5", "soon", "NaN", "inf", "-3", "1e999", "Wed, 21 Oct 2015 07:28:00 GMT"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    status=st.sampled_from([200, 201, 400, 401, 402, 403, 422, 429, 500, 503]),
    body=_JSON,
    retry_after=_HEADER,
    remaining=_HEADER,
    v1=st.booleans(),
)
def test_any_answer_gives_typed_outcomes_never_a_crash(sandbox, status, body, retry_after, remaining, v1):
    headers = {
        name: value for name, value in (("Retry-After", retry_after), ("X-RateLimit-Remaining", remaining))
    }
    headers = {name: value for name, value in headers.items() if value}
    batch = messages("+256772123456", "+256701234567")
    options = {"api_version": "v1"} if v1 else {}
    with canned(
        sandbox, "fuzz", Response(status, body, headers=headers), username="demo", **options
    ) as adapter:
        try:
            results = adapter.send(batch)
        except ProviderError:
            results = None
        if results is not None:
            assert [r.key for r in results] == [m.key for m in batch]
            assert all(r.accepted or isinstance(r.error, ProviderError) for r in results)
        try:
            balance = adapter.balance()
        except ProviderError:
            return
        assert balance is None or isinstance(balance, Balance)
