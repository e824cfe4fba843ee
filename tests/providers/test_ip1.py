"""iP.1 v2 adapter over real HTTP against the loopback sandbox (and test-only routes for odd answers)."""

from __future__ import annotations

import contextlib
import json

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smsdesk.core.account import Account
from smsdesk.providers import ip1 as ip1_module
from smsdesk.providers.base import (
    DELIVERED,
    GSM7,
    PENDING,
    UCS2,
    UNDELIVERED,
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
from smsdesk.providers.ip1 import Ip1Provider, convert_template, delivery_state, latest_status
from smsdesk.sandbox.server import Request, Response, SandboxState, route
from tests.providers.fuzz import json_answers

KEY = "ip1-demo-key"

CANNED: dict[str, Response] = {}


@route("test-ip1", "POST", r"/t-ip1/(?P<scenario>[a-z0-9_]+)/v2/batches")
@route("test-ip1", "GET", r"/t-ip1/(?P<scenario>[a-z0-9_]+)/api/me")
def _canned(request: Request, state: SandboxState) -> Response:
    assert request.match is not None
    return CANNED[request.match.group("scenario")]


@route("test-ip1", "GET", r"/t-ip1/(?P<scenario>[a-z0-9_]+)/v2/batches/(?P<batch>[^/]+)/messages")
@route("test-ip1", "GET", r"/t-ip1/(?P<scenario>[a-z0-9_]+)/v2/batches/(?P<batch>[^/]+)/messages/[^/]+")
def _canned_listing(request: Request, state: SandboxState) -> Response:
    assert request.match is not None
    return CANNED.get(request.match.group("scenario") + "_listing", Response(404, {"message": "no"}))


@pytest.fixture(autouse=True)
def _clean_canned():
    CANNED.clear()
    yield
    CANNED.clear()


def messages(*numbers: str, text: str = "Hej fra SMSDesk", encoding: str = GSM7) -> list[OutgoingMessage]:
    return [
        OutgoingMessage(key=f"m{index}", to=number, text=text, encoding=encoding, segments=1)
        for index, number in enumerate(numbers)
    ]


TEMPLATE = "Hej {Navn}, din tid er {Tid kl.} i morgen"


def personalised(people: list[tuple[str, str, str]], template: str = TEMPLATE) -> list[OutgoingMessage]:
    out = []
    for index, (number, name, time) in enumerate(people):
        fields = {"Navn": name, "Tid kl.": time}
        text = (
            template.replace("{Navn}", name).replace("{Tid kl.}", time).replace("{{", "{").replace("}}", "}")
        )
        out.append(
            OutgoingMessage(
                key=f"p{index}",
                to=number,
                text=text,
                encoding=GSM7,
                segments=1,
                fields=fields,
                template=template,
            )
        )
    return out


PEOPLE = [
    ("+4512345678", "Anna", "10:00"),
    ("+4522334455", "Bo", "10:30"),
    ("+4533445566", "Cecilie", "11:00"),
    ("+4544556677", "Dan", "11:30"),
    ("+4555667788", "Eva", "12:00"),
]


def provider(
    base_url: str,
    secret: str = KEY,
    *,
    sender: str = "SMSDesk",
    timeout: float = 10.0,
    client: httpx.Client | None = None,
    **options,
) -> Ip1Provider:
    account = Account(name="ip1", provider="ip1", sender=sender, base_url=base_url, options=options)
    return Ip1Provider(account, secret, timeout=timeout, client=client)


def canned(sandbox, scenario: str, response: Response, **options) -> Ip1Provider:
    CANNED[scenario] = response
    return provider(f"{sandbox.url}/t-ip1/{scenario}", **options)


def recording_client() -> tuple[httpx.Client, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def keep(request: httpx.Request) -> None:
        request.read()
        seen.append(request)

    return httpx.Client(timeout=10.0, event_hooks={"request": [keep]}), seen


def posts(sandbox) -> int:
    return sum(1 for _, method, path in sandbox.state.requests if method == "POST" and path == "/v2/batches")


# -- identical texts -------------------------------------------------------------------------------------------


def test_identical_text_is_one_batch_with_per_recipient_ids(sandbox):
    client, seen = recording_client()
    with client, provider(sandbox.url, client=client) as adapter:
        results = adapter.send(messages("+4512345678", "+4522334455", "+4533445566"))
    assert all(r.accepted for r in results)
    batch_ids = {r.message_id.split("/")[0] for r in results}
    assert len(batch_ids) == 1 and len({r.message_id for r in results}) == 3
    assert all(r.cost == 0.35 for r in results)
    body = json.loads(seen[0].content)
    assert seen[0].headers["Authorization"] == f"Bearer {KEY}"
    assert body == {
        "sender": "SMSDesk",
        "recipients": ["4512345678", "4522334455", "4533445566"],
        "body": "Hej fra SMSDesk",
        "datacoding": "gsm",
        "reference": "m0",
    }
    assert [request.method for request in seen] == ["POST", "GET"]  # the batch, then its messages read back
    assert sandbox.state.accepted_numbers() == ["+4512345678", "+4522334455", "+4533445566"]


def test_unicode_text_goes_as_ucs_and_numeric_sender_without_plus(sandbox):
    client, seen = recording_client()
    with client, provider(sandbox.url, sender="+4570203040", client=client) as adapter:
        (result,) = adapter.send(messages("+4512345678", text="Hej 😀", encoding=UCS2))
    assert result.accepted
    body = json.loads(seen[0].content)
    assert body["datacoding"] == "ucs" and body["sender"] == "4570203040"


def test_read_back_can_be_turned_off(sandbox):
    with provider(sandbox.url, read_back=False) as adapter:
        results = adapter.send(messages("+4512345678", "+4522334455"))
    assert [r.message_id.split("/")[1] for r in results] == ["to:4512345678", "to:4522334455"]
    assert len(sandbox.state.requests) == 1


def test_read_back_follows_pagination(sandbox, monkeypatch):
    monkeypatch.setattr(ip1_module, "PAGE_LIMIT", 50)
    numbers = [f"+4520{100000 + i}" for i in range(120)]
    with provider(sandbox.url) as adapter:
        results = adapter.send(messages(*numbers))
    assert all(r.accepted and "/to:" not in r.message_id for r in results)
    assert len({r.message_id for r in results}) == 120
    gets = [path for _, method, path in sandbox.state.requests if method == "GET"]
    assert len(gets) == 3


# -- personalised texts: one templated batch ------------------------------------------------------------------


def test_personalised_texts_with_one_template_go_in_one_request(sandbox):
    batch = personalised(PEOPLE)
    client, seen = recording_client()
    with client, provider(sandbox.url, client=client) as adapter:
        groups = adapter.plan_requests(batch)
        assert len(groups) == 1
        results = adapter.send(groups[0])
    assert all(r.accepted for r in results)
    assert posts(sandbox) == 1
    assert [(a.to, a.text) for a in sandbox.state.accepted] == [(m.to, m.text) for m in batch]
    body = json.loads(seen[0].content)
    assert body["body"] == "Hej {Navn}, din tid er {p1} i morgen"
    assert body["recipients"]["4512345678"] == {"Navn": "Anna", "p1": "10:00"}
    assert body["recipients"]["default"] == {"Navn": "", "p1": ""}


def test_templates_ip1_cannot_express_fall_back_to_one_text_per_batch(sandbox):
    braces = personalised(PEOPLE[:3], template="{{Tilbud}} til {Navn} kl. {Tid kl.}")
    assert braces[0].text == "{Tilbud} til Anna kl. 10:00"
    brace_value = personalised(PEOPLE[:2])
    brace_value[1] = OutgoingMessage(
        key="x", to="+4599887766", text="Hej {B}, din tid er 9 i morgen", encoding=GSM7, segments=1,
        fields={"Navn": "{B}", "Tid kl.": "9"}, template=TEMPLATE,
    )  # fmt: skip
    mismatch = personalised(PEOPLE[2:4])
    mismatch[1] = OutgoingMessage(
        key="y", to="+4511112222", text="Something else", encoding=GSM7, segments=1,
        fields={"Navn": "Dan", "Tid kl.": "11:30"}, template=TEMPLATE,
    )  # fmt: skip
    with provider(sandbox.url) as adapter:
        assert [len(g) for g in adapter.plan_requests(braces)] == [1, 1, 1]
        assert [len(g) for g in adapter.plan_requests(brace_value)] == [1, 1]
        assert [len(g) for g in adapter.plan_requests(mismatch)] == [1, 1]
        for group in adapter.plan_requests(braces):
            assert adapter.send(group)[0].accepted
    assert [a.text for a in sandbox.state.accepted] == [m.text for m in braces]


def test_template_conversion():
    assert convert_template("Hi {name}!").body == "Hi {name}!"
    assert convert_template("Hi {Fornavn} {Efternavn}, {Beløb kr}").body == "Hi {Fornavn} {Efternavn}, {p1}"
    assert convert_template("{p1} and {x y}").names == {"p1": "p1", "x y": "p2"}
    assert convert_template("No placeholders") is None
    assert convert_template("Broken {name") is None
    assert convert_template("Literal {{x}} {name}") is None


def test_templated_batch_partial_failure(sandbox):
    sandbox.state.faults.reject_numbers = {"+4522334455"}
    with provider(sandbox.url) as adapter:
        (group,) = adapter.plan_requests(personalised(PEOPLE[:3]))
        results = adapter.send(group)
    assert [r.accepted for r in results] == [True, False, True]
    assert isinstance(results[1].error, InvalidRecipient) and results[1].error.code == "405"


# -- errors ----------------------------------------------------------------------------------------------------


def test_out_of_credit_shows_per_message_then_stops(sandbox):
    sandbox.state.faults.credit_messages = 2
    with provider(sandbox.url) as adapter:
        results = adapter.send(messages("+4512345678", "+4522334455", "+4533445566"))
    assert [r.accepted for r in results] == [True, True, False]
    assert isinstance(results[2].error, AccountError) and results[2].error.code == "402"


def test_bad_key_is_an_account_error(sandbox):
    secret = "ip1-wrong-key-77"
    with provider(sandbox.url, secret=secret) as adapter:
        with pytest.raises(AccountError) as caught:
            adapter.send(messages("+4512345678"))
        assert secret not in repr(adapter)
    assert caught.value.code == "401" and secret not in str(caught.value)


def test_refused_sender_is_an_account_error(sandbox):
    with provider(sandbox.url, sender="Bad sender!") as adapter, pytest.raises(AccountError) as caught:
        adapter.send(messages("+4512345678"))
    assert "sender" in caught.value.reason.lower()


def test_missing_sender_is_an_account_error_before_any_request(sandbox):
    with provider(sandbox.url, sender="") as adapter, pytest.raises(AccountError):
        adapter.send(messages("+4512345678"))
    assert sandbox.state.requests == []


def test_too_long_text_is_rejected_without_a_request(sandbox):
    with provider(sandbox.url) as adapter:
        (result,) = adapter.send(messages("+4512345678", text="x" * 2001))
    assert isinstance(result.error, MessageRejected)
    assert sandbox.state.requests == []


def test_server_error_is_transient_and_429_is_rate_limited(sandbox):
    sandbox.state.faults.fail_next = 1
    sandbox.state.faults.rate_limit_next = 1
    sandbox.state.faults.retry_after = 4
    with provider(sandbox.url) as adapter:
        with pytest.raises(Transient):
            adapter.send(messages("+4512345678"))
        with pytest.raises(RateLimited) as caught:
            adapter.send(messages("+4512345678"))
    assert caught.value.retry_after == 4
    assert sandbox.state.accepted == []


def test_unreadable_retry_after_gives_the_default_wait(sandbox):
    answer = Response(429, b"", headers={"Retry-After": "Someday, 99 Foo 9999"})
    with canned(sandbox, "later", answer) as adapter, pytest.raises(RateLimited) as caught:
        adapter.send(messages("+4512345678"))
    assert caught.value.retry_after == 60.0


def test_failed_read_back_keeps_the_batch_accepted(sandbox):
    CANNED["readback_listing"] = Response(503, {"message": "Service unavailable"})
    with canned(sandbox, "readback", Response(201, {"id": "B9", "status": 101})) as adapter:
        results = adapter.send(messages("+4512345678", "+4522334455"))
    assert all(r.accepted for r in results)
    assert [r.message_id for r in results] == ["B9/to:4512345678", "B9/to:4522334455"]


# -- malformed answers -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "response",
    [
        Response(200, "<!DOCTYPE html><html><body>Portal</body></html>", content_type="text/html"),
        Response(201, '{"id": "b1", ', content_type="application/json"),
    ],
    ids=["html", "broken-json"],
)
def test_unreadable_2xx_is_outcome_unknown(sandbox, response):
    with canned(sandbox, "odd", response) as adapter, pytest.raises(OutcomeUnknown):
        adapter.send(messages("+4512345678"))


def test_empty_2xx_counts_as_accepted_only_with_the_location_batch(sandbox):
    CANNED["empty_listing"] = Response(500, b"")
    with canned(sandbox, "empty", Response(201, b"", headers={"Location": "/v2/batches/B42"})) as adapter:
        results = adapter.send(messages("+4512345678", "+4522334455"))
    assert [r.message_id for r in results] == ["B42/to:4512345678", "B42/to:4522334455"]
    with canned(sandbox, "bare", Response(200, b"")) as adapter, pytest.raises(OutcomeUnknown):
        adapter.send(messages("+4512345678"))  # names no batch: confirms nothing


@pytest.mark.parametrize(
    ("response", "kind"),
    [
        (Response(200, {"success": False, "error": "Insufficient funds"}), AccountError),
        (Response(200, {"errors": {"recipients": ["Recipient is not a valid MSISDN"]}}), InvalidRecipient),
        (Response(200, {"error": "Body contains a blocked link"}), MessageRejected),
        (Response(400, b""), MessageRejected),
        (Response(404, b""), AccountError),
        (Response(302, b"", headers={"Location": "https://login.example/"}), AccountError),
        (Response(400, {"message": "The request is invalid."}), MessageRejected),
        (Response(403, "<html><body>IP not allowed</body></html>", content_type="text/html"), AccountError),
        (Response(502, "<html><body>Bad gateway</body></html>", content_type="text/html"), OutcomeUnknown),
    ],
    ids=[
        "200-funds",
        "200-recipient",
        "200-other",
        "400-empty",
        "404",
        "302",
        "400-json",
        "403-html",
        "502-html",
    ],
)
def test_error_answers_are_typed(sandbox, response, kind):
    with canned(sandbox, "err", response) as adapter:
        try:
            outcome = adapter.send(messages("+4512345678"))[0].error
        except (AccountError, Transient, OutcomeUnknown) as exc:
            outcome = exc
    assert isinstance(outcome, kind)


def test_batch_refused_over_an_unnamed_recipient_is_raised_for_the_whole_request(sandbox):
    answer = Response(400, {"message": "The request is invalid.", "modelState": {"r": ["Invalid recipient"]}})
    with canned(sandbox, "badrcpt", answer) as adapter, pytest.raises(InvalidRecipient):
        adapter.send(messages("+4512345678", "+4522334455"))


def test_post_answer_as_message_list_with_integer_enums(sandbox):
    listing = [
        {
            "id": "M1",
            "batchId": "B7",
            "recipient": "4512345678",
            "direction": 0,
            "type": 0,
            "datacoding": 2,
            "statuses": [{"code": "101", "created": "2026-01-01T10:00:00Z"}],
        },
        {"id": "M2", "batchId": "B7", "recipient": 4522334455, "statuses": [{"code": 405}]},
    ]
    with canned(sandbox, "list", Response(201, listing)) as adapter:
        first, second = adapter.send(messages("+4512345678", "+4522334455"))
    assert first.accepted and first.message_id == "B7/M1"
    assert isinstance(second.error, InvalidRecipient)


def test_an_answer_echoing_the_key_does_not_leak_it(sandbox):
    secret = "ip1-echo-secret-31337"
    answer = Response(400, {"message": f"Bad token Bearer {secret}"})
    with canned(sandbox, "echo", answer, secret=secret) as adapter:
        (result,) = adapter.send(messages("+4512345678"))
    assert secret not in result.error.reason and "***" in result.error.reason


# -- delivery status, balance ------------------------------------------------------------------------------------


def test_delivery_status_after_sending(sandbox):
    sandbox.state.faults.deliver_after = 0.0
    sandbox.state.faults.undeliverable_numbers = {"+4522334455"}
    with provider(sandbox.url) as adapter:
        results = adapter.send(messages("+4512345678", "+4522334455"))
        reports = adapter.delivery_status([r.message_id for r in results])
        (single,) = adapter.delivery_status([results[0].message_id])
    assert [r.state for r in reports] == [DELIVERED, UNDELIVERED]
    assert reports[0].detail == "201 DeliveredToHandset"
    assert single.state == DELIVERED
    assert single.message_id == results[0].message_id


def test_delivery_status_pending_and_by_recipient_fallback(sandbox):
    sandbox.state.faults.deliver_after = 3600.0
    with provider(sandbox.url, read_back=False) as adapter:
        (result,) = adapter.send(messages("+4512345678"))
        (report,) = adapter.delivery_status([result.message_id])
        odd = adapter.delivery_status(["not-an-id"])
    assert "/to:" in result.message_id
    assert report.state == PENDING and report.detail == "112 DeliveredToCarrier"
    assert odd[0].state == PENDING


def test_delivery_state_groups():
    assert [delivery_state(code) for code in (101, 114, 201, 202, 203, 402, 405, 501, None)] == [
        PENDING, PENDING, DELIVERED, UNDELIVERED, UNDELIVERED, UNDELIVERED, UNDELIVERED, UNDELIVERED, PENDING,
    ]  # fmt: skip
    history = {
        "statuses": [
            {"code": 201, "created": "2026-01-01T10:00:05Z"},
            {"code": 101, "created": "2026-01-01T10:00:00Z"},
        ]
    }
    assert latest_status(history) == 201
    assert latest_status({"status": "112"}) == 112


def test_balance_from_api_me(sandbox):
    sandbox.state.faults.credit_messages = 10
    with provider(sandbox.url) as adapter:
        assert adapter.balance() == Balance(3.5, "SEK")
    with canned(sandbox, "camel", Response(200, {"balance": -12.5, "currency": "eur"})) as adapter:
        # Below zero: post-paid, which preflight never refuses over.
        assert adapter.balance() == Balance(-12.5, "EUR", postpaid=True)
    html = Response(200, "<html></html>", content_type="text/html")
    with canned(sandbox, "nobal", html) as adapter, pytest.raises(Transient):
        adapter.balance()
    with provider(sandbox.url, secret="wrong") as adapter, pytest.raises(AccountError):
        adapter.balance()


# -- planning and account checks ---------------------------------------------------------------------------------


def test_5000_identical_texts_plan_into_5_batches(sandbox):
    batch = messages(*[f"+4520{100000 + i}" for i in range(5000)])
    groups = provider(sandbox.url).plan_requests(batch)
    assert [len(group) for group in groups] == [1000] * 5
    assert [m.key for group in groups for m in group] == [m.key for m in batch]


def test_planning_never_repeats_a_number_in_a_batch(sandbox):
    batch = messages("+4512345678", "+4522334455", "+4512345678")
    assert [len(g) for g in provider(sandbox.url).plan_requests(batch)] == [2, 1]


def test_account_checks():
    def problems(sender: str | None) -> list[str]:
        return Ip1Provider.validate_account(Account(name="ip1", provider="ip1", sender=sender), KEY)

    assert problems("SMSDesk") == [] and problems("4570203040") == [] and problems("+4570203040") == []
    assert problems(None) and problems("AB") and problems("Twelve chars") and problems("Bageriet Ø")
    assert problems("1234567890123456")


# -- whatever the gateway answers, the adapter answers with a typed outcome ------------------------------------

_JSON = json_answers(
    ["id", "batchId", "recipient", "statuses", "code", "created", "status", "messages", "error", "errors",
     "message", "modelState", "Balance", "balance", "Currency", "price", "success"],
    ["4512345678", "4522334455", "B 1/x", "201", "405", "2026-01-01T00:00:00Z", "Invalid sender"],
)  # fmt: skip
_STATUS = st.sampled_from([200, 201, 202, 204, 400, 401, 402, 403, 404, 422, 429, 500, 503])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(status=_STATUS, body=_JSON, listing_status=_STATUS, listing=_JSON, link=st.booleans())
def test_any_answer_gives_typed_outcomes_never_a_crash(sandbox, status, body, listing_status, listing, link):
    headers = {"Location": "/v2/batches/B%201"} if link else {}
    listing_headers = (
        {"Link": '<http://x/v2/batches/B/messages?start=abc&limit=zz>; rel="next"'} if link else {}
    )
    CANNED["fuzz_listing"] = Response(listing_status, listing, headers=listing_headers)
    batch = messages("+4512345678", "+4522334455")
    with canned(sandbox, "fuzz", Response(status, body, headers=headers)) as adapter:
        try:
            results = adapter.send(batch)
        except ProviderError:
            results = []
        assert not results or [r.key for r in results] == [m.key for m in batch]
        assert all(r.accepted or isinstance(r.error, ProviderError) for r in results)
        ids = [r.message_id for r in results if r.message_id] + ["B/to:4512345678", "B/M1", "x"]
        for action in (adapter.balance, lambda: adapter.delivery_status(ids)):
            with contextlib.suppress(ProviderError):
                action()
