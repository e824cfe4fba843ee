"""Answers that confirm nothing, for every adapter: a message is sent only when the answer confirms it in the
provider's documented shape; a documented failure fails (or stops); anything else is unknown. One table, every
adapter, over real HTTP (the answers are served by the sandbox)."""

from __future__ import annotations

import pytest

from smsdesk.core.account import Account
from smsdesk.providers import provider_class
from smsdesk.providers.base import OutcomeUnknown, OutgoingMessage, ProviderError
from smsdesk.sandbox.server import Response
from tests.providers.canned import CannedAnswers

ANSWERS = CannedAnswers("t-unconfirmed")

BODIES = {
    "empty": Response(200, b""),
    "empty-object": Response(200, {}),
    "empty-list": Response(200, []),
    "junk-list": Response(200, [1, "2", None]),
    "status-error": Response(200, {"status": "error"}),
    "status-failed-with-id": Response(200, {"status": "failed", "id": "abc"}),
    "success-false": Response(200, {"success": False}),
    "success-false-invalid-token": Response(200, {"success": False, "message": "Invalid token"}),
    "success-yes": Response(200, {"success": "yes"}),
    "success-yes-with-id": Response(200, {"success": "yes", "data": {"message_id": "x"}}),
    "null": Response(200, b"null", content_type="application/json"),
    "true": Response(200, b"true", content_type="application/json"),
    "string": Response(200, b'"ok"', content_type="application/json"),
    "html": Response(200, "<html><body>Welcome</body></html>", content_type="text/html"),
    "broken-json": Response(200, b'{"success": tr', content_type="application/json"),
    "results-not-a-list": Response(200, {"success": True, "results": "all good"}),
    "results-without-verdict": Response(
        200, {"results": [{"phone": "+4512345678"}, {"phone": "+4522334455"}]}
    ),
}

ADAPTERS = {
    "sandbox": {},
    "cpsms": {"username": "demo"},
    "txty": {"username": "demo", "sender": "Shop"},
    "customersms": {},
    "ugsms": {},
    "ip1": {"sender": "Shop"},
}


def messages() -> list[OutgoingMessage]:
    return [
        OutgoingMessage("C1-1", "+4512345678", "Hej", "GSM-7", 1),
        OutgoingMessage("C1-2", "+4522334455", "Hej", "GSM-7", 1),
    ]


@pytest.mark.parametrize("body", list(BODIES))
@pytest.mark.parametrize("name", list(ADAPTERS))
def test_an_answer_that_confirms_nothing_is_never_sent(sandbox, name, body):
    with ANSWERS.making(sandbox.url, lambda url: _adapter(name, url)) as make:
        adapter = make(BODIES[body], name=f"{name}-{body}")
        batch = messages()[:1] if name == "txty" else messages()
        try:
            results = adapter.send(batch)
        except ProviderError as exc:
            results, error = [], exc
        else:
            error = None
    assert not any(result.accepted for result in results), (name, body, results)
    if error is None:
        assert len(results) == len(batch) and all(result.error for result in results)
    if body in (
        "empty",
        "empty-object",
        "empty-list",
        "junk-list",
        "html",
        "broken-json",
        "null",
        "success-yes",
    ):
        # Nothing the provider documents: it may have been sent, it must not be sent again.
        errors = [error] if error else [result.error for result in results]
        assert all(isinstance(e, OutcomeUnknown) for e in errors), (name, body, errors)


def _adapter(name: str, url: str):
    account = Account(name=name, provider=name, base_url=url, **ADAPTERS[name])
    return provider_class(name)(account, "key")
