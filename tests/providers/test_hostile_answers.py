"""Every adapter against a loopback server that answers badly on purpose (tests/providers/hostile.py).

No answer that confirms nothing becomes "sent"; no form of the key (nor a 12-character start of one) reaches a
reason; every call ends: a body is read up to 1 MB, a call is ended at its deadline, a Retry-After is clamped.
"""

from __future__ import annotations

import time

import pytest

from smsdesk.core.account import Account
from smsdesk.providers import provider_class
from smsdesk.providers.base import (
    MAX_WAIT,
    PREFIX,
    LookupQuery,
    OutcomeUnknown,
    OutgoingMessage,
    ProviderError,
    RateLimited,
    secret_forms,
)
from tests.providers.hostile import MODES, HostileServer

SECRET = "K3y-SECRET_9f/x+y=z&Q~long"
USERNAME = "shopuser"

ADAPTERS = {
    "sandbox": {},
    "cpsms": {"username": USERNAME},
    "txty": {"username": USERNAME, "sender": "Shop"},
    "customersms": {},
    "ugsms": {},
    "ugsms-v1": {"username": USERNAME, "options": {"api_version": "v1"}},
    "ip1": {"sender": "Shop"},
}


def leaked(text: str) -> list[str]:
    """The forms of the key (and their 12-character starts) found in `text`."""
    found = []
    for form in secret_forms(SECRET, USERNAME):
        for piece in {form, form[:PREFIX]}:
            if piece in text:
                found.append(piece)
    return found


def adapter(kind: str, base_url: str):
    settings = dict(ADAPTERS[kind])
    provider = kind.split("-")[0]
    account = Account(name=f"hostile-{kind}", provider=provider, base_url=base_url, **settings)
    made = provider_class(provider)(account, SECRET, timeout=1.0)
    made.call_deadline = 1.5
    return made


def message(key: str = "C1-1") -> OutgoingMessage:
    return OutgoingMessage(key, "+4512345678", "Hej fra SMSDesk", "GSM-7", 1)


def outcome_of(call) -> tuple[list, ProviderError | None]:
    try:
        answer = call()
        return (list(answer) if isinstance(answer, list) else []), None
    except ProviderError as exc:
        return [], exc


@pytest.mark.timeout(60)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", list(ADAPTERS))
def test_no_sent_without_confirmation_no_key_and_every_call_ends(kind, mode):
    with HostileServer(mode) as server, adapter(kind, server.url) as provider:
        results, error = outcome_of(lambda: provider.send([message()]))
        assert not any(result.accepted for result in results), results
        reasons = [error.reason, str(error), repr(error), str(error.code)] if error else []
        reasons += [r.error.reason + repr(r.error) for r in results if r.error]
        assert reasons, "an answer of some kind"
        if mode in ("endless", "slow_headers"):
            kinds = [error] if error else [r.error for r in results]
            assert all(isinstance(e, OutcomeUnknown) for e in kinds), kinds
        if mode in ("huge_retry_after", "nan_retry_after") and isinstance(error, RateLimited):
            assert error.retry_after is not None and 0 <= error.retry_after <= MAX_WAIT
        if mode == "huge_retry_after" and isinstance(error, RateLimited):
            assert error.retry_after == MAX_WAIT
        # The other calls an adapter makes read the same answers the same careful way.
        for call in (
            provider.balance,
            lambda: provider.lookup_accepted([LookupQuery("C1-1", "+4512345678", time.time() - 3600)]),
            provider.test_connection,
        ):
            _, other = outcome_of(call)
            if other is not None:
                reasons += [other.reason, repr(other)]
        assert leaked(" ".join(reasons)) == [], reasons
        assert server.requests, "the adapter did reach the server"


def test_the_echo_really_carries_the_key_so_the_test_above_can_fail():
    with HostileServer("echo400") as server, adapter("cpsms", server.url) as provider:
        outcome_of(lambda: provider.send([message()]))
        assert leaked(server.requests[0].decode()), "the request holds the key in some form"
