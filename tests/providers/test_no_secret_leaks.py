"""No provider ever puts its secret in a log record, an exception's text or traceback, a result's repr or its own repr.

Every adapter in the registry (those not built yet are skipped) is driven through success and every way of failing
the sandbox can inject, plus a gateway that quotes the request back, with all loggers at DEBUG. The sandbox is told
to accept a distinctive probe secret, so every one of these requests really carried it.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import socket
import traceback
from urllib.parse import quote, quote_plus, urlencode

import pytest

from smsdesk.core.account import Account
from smsdesk.providers import PROVIDERS, provider_class
from smsdesk.providers.base import OutgoingMessage, Provider, SendResult
from smsdesk.sandbox.server import DEFAULT_CREDENTIALS, Request, Response, SandboxState, route

PROBE = "Pr0be-S3cret-7f3a9c"
WRONG_PROBE = "Wr0ng-Pr0be-2b8e41"


def _echo(request: Request, state: SandboxState) -> Response:
    """A gateway that quotes the request back in its error (some do, with the credentials in it)."""
    assert request.match is not None
    status = int(request.match.group("status"))
    query = urlencode({k: v[0] for k, v in request.query.items()})
    quoted = f"{request.method} {request.path}?{query} {request.body.decode('utf-8', 'replace')}"
    if request.match.group("shape") == "json":
        return Response(status, {"error": f"bad request: {quoted}", "message": quoted, "errMsg": quoted})
    return Response(status, f"Bad request: {quoted}")


route("_test_leaks", "GET", r"/_test_leaks/(?P<shape>json|text)/(?P<status>\d+)/.*")(_echo)
route("_test_leaks", "POST", r"/_test_leaks/(?P<shape>json|text)/(?P<status>\d+)/.*")(_echo)


def _forms(secret: str, username: str | None) -> set[str]:
    forms = {secret, quote(secret, safe=""), quote_plus(secret)}
    if username is not None:
        forms.add(base64.b64encode(f"{username}:{secret}".encode()).decode())
    return forms


class Evidence:
    """Everything a user or a log file could ever see from the adapter."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def error(self, exc: BaseException) -> None:
        self.texts += [str(exc), repr(exc), "".join(traceback.format_exception(exc))]
        for attr in ("reason", "code"):
            self.texts.append(str(getattr(exc, attr, "")))
        # Error reporters walk the chain even where tracebacks hide it (`from None`): an httpx error in it
        # carries the request, URL and all.
        seen: set[int] = set()
        linked: BaseException | None = exc
        while linked is not None and id(linked) not in seen:
            seen.add(id(linked))
            self.texts += [str(linked), repr(linked)]
            with contextlib.suppress(AttributeError, RuntimeError):  # httpx raises if no request is attached
                self.texts.append(str(linked.request.url))  # type: ignore[attr-defined]
            linked = linked.__cause__ or linked.__context__

    def results(self, results: list[SendResult]) -> None:
        for result in results:
            self.texts += [repr(result), str(result.error) if result.error else ""]

    def run(self, action) -> None:
        try:
            outcome = action()
        except Exception as exc:  # any kind: a crash's message must not leak either
            self.error(exc)
            return
        if isinstance(outcome, list) and all(isinstance(r, SendResult) for r in outcome):
            self.results(outcome)
        else:
            self.texts.append(repr(outcome))


def _messages(n: int = 2) -> list[OutgoingMessage]:
    return [
        OutgoingMessage(key=f"leak{i}", to=f"+45{30000000 + i}", text="Hej", encoding="GSM-7", segments=1)
        for i in range(n)
    ]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("name", list(PROVIDERS))
def test_secret_never_leaks(name, sandbox, caplog, monkeypatch):
    cls: type[Provider] = provider_class(name)
    caplog.set_level(logging.DEBUG)
    username = DEFAULT_CREDENTIALS[name][0]
    sandbox.state.credentials[name] = (username, PROBE)
    faults = sandbox.state.faults
    faults.enforce_rate_limits = False
    faults.deliver_after = 0.0
    evidence = Evidence()

    def make(base_url: str, secret: str = PROBE, timeout: float = 3.0) -> Provider:
        account = Account(
            name=f"leak-{name}", provider=name, username=username, sender="SMSDesk", base_url=base_url
        )
        provider = cls(account, secret, timeout=timeout)
        evidence.texts += [repr(provider), str(provider), repr(account)]
        return provider

    with make(sandbox.url) as provider:
        sent: list[SendResult] = []

        def send_ok():
            sent.extend(provider.send(_messages()))
            return sent

        evidence.run(send_ok)
        evidence.run(provider.balance)
        evidence.run(lambda: provider.delivery_status([r.message_id for r in sent if r.message_id]))

        faults.reject_numbers = {"+4530000001"}
        evidence.run(lambda: provider.send(_messages()))
        faults.reject_numbers = set()

        for fault in ("fail_next", "html_error_next", "rate_limit_next"):
            setattr(faults, fault, 1)
            evidence.run(lambda: provider.send(_messages()))
            setattr(faults, fault, 1)
            evidence.run(provider.balance)
            setattr(faults, fault, 0)

        faults.wrong_credentials = True
        evidence.run(lambda: provider.send(_messages()))
        evidence.run(provider.balance)
        faults.wrong_credentials = False

        faults.credit_messages = 0
        evidence.run(lambda: provider.send(_messages()))
        faults.credit_messages = None

    with make(sandbox.url, secret=WRONG_PROBE) as provider:
        evidence.run(lambda: provider.send(_messages()))
        evidence.run(provider.balance)

    faults.hang_next, faults.hang_seconds = 1, 1.0
    with make(sandbox.url, timeout=0.3) as provider:
        evidence.run(lambda: provider.send(_messages()))

    with make(f"http://127.0.0.1:{_closed_port()}") as provider:
        evidence.run(lambda: provider.send(_messages()))
        evidence.run(provider.balance)

    for shape in ("json", "text"):
        for status in (200, 400, 401, 500):
            with make(f"{sandbox.url}/_test_leaks/{shape}/{status}") as provider:
                evidence.run(lambda provider=provider: provider.send(_messages()))
                evidence.run(provider.balance)

    assert sandbox.state.accepted, "the success scenario never reached the sandbox: the test proves nothing"
    logged = [caplog.text]
    for record in caplog.records:
        logged += [record.getMessage(), repr(record.args), record.exc_text or ""]
        if record.exc_info and record.exc_info[1] is not None:
            logged.append("".join(traceback.format_exception(record.exc_info[1])))
    everything = "\n".join(evidence.texts + logged)
    for secret in (PROBE, WRONG_PROBE):
        for form in _forms(secret, username):
            assert form not in everything, f"{name}: the secret appears as {form!r}"
