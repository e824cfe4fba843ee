"""What every adapter does when the network, not the provider, decides: the same typed outcome for all of them."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

import pytest

from smsdesk.core.account import Account
from smsdesk.providers import PROVIDERS, provider_class
from smsdesk.providers.base import OutcomeUnknown, OutgoingMessage, Provider, Transient, make_client
from smsdesk.sandbox.server import DEFAULT_CREDENTIALS

MESSAGE = OutgoingMessage("transport-1", "+4520123456", "Hej", "GSM-7", 1)


@contextlib.contextmanager
def adapter(name: str, base_url: str, timeout: float = 5.0) -> Iterator[Provider]:
    username, secret = DEFAULT_CREDENTIALS[name]
    account = Account(name="Transport", provider=name, username=username, sender="Butik", base_url=base_url)
    with make_client(timeout) as client, provider_class(name)(account, secret, client=client) as provider:
        yield provider


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


@pytest.mark.parametrize("name", list(PROVIDERS))
def test_a_request_that_hangs_after_sending_is_outcome_unknown(name, sandbox):
    sandbox.state.faults.hang_next = 1
    sandbox.state.faults.hang_seconds = 1.0
    with adapter(name, sandbox.url, timeout=0.3) as provider, pytest.raises(OutcomeUnknown):
        provider.send([MESSAGE])
    assert sandbox.state.accepted == []


@pytest.mark.parametrize("name", list(PROVIDERS))
def test_connection_refused_is_transient_and_hides_the_url(name):
    with adapter(name, closed_port_url()) as provider, pytest.raises(Transient) as caught:
        provider.send([MESSAGE])
    # The httpx error behind it quotes the URL (Txty's token is in it): it must not stay reachable.
    assert caught.value.__context__ is None and caught.value.__cause__ is None
