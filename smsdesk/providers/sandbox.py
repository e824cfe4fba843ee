"""The built-in demo account: the sandbox's own API (smsdesk/sandbox/demo.py). It never sends a real SMS.

With no base URL the account talks to the in-process sandbox, started on first use, so a fresh install can run a
whole campaign with no setup. With a base URL (e.g. a sandbox run as `python -m smsdesk.sandbox --port 8765`) it
talks to that one. The key is always "sandbox".
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from smsdesk.core.account import Account
from smsdesk.providers.base import (
    DELIVERED,
    PENDING,
    UNDELIVERED,
    AccountError,
    Balance,
    DeliveryReport,
    InvalidRecipient,
    Lookup,
    LookupQuery,
    MessageRejected,
    OutcomeUnknown,
    OutgoingMessage,
    Provider,
    ProviderError,
    ProviderLimits,
    RateLimited,
    SendResult,
    Transient,
    parse_json,
    retry_after_seconds,
)

SANDBOX_KEY = "sandbox"
MAX_MESSAGES = 500  # per request, each with its own text
STATUS_IDS_PER_REQUEST = 200  # keeps the status URL well under any server's line limit
MAX_ALPHA_SENDER = 11
MAX_NUMERIC_SENDER = 15

_STATES = {"delivered": DELIVERED, "failed": UNDELIVERED, "pending": PENDING}


class SandboxProvider(Provider):
    name = "sandbox"
    label = "Sandbox (no real SMS)"
    # Placeholder only: with no base URL the adapter uses the in-process sandbox, whose port is known once it runs.
    default_base_url = "http://127.0.0.1"
    needs_username = False
    secret_label = "sandbox key"
    can_lookup = True  # GET /sandbox/v1/accepted
    lookup_grace = 0.0  # the sandbox records what it accepts before it answers: its list never lags
    can_test_connection = True
    limits = ProviderLimits(
        max_characters=1530,
        max_recipients_per_request=MAX_MESSAGES,
        different_texts_per_request=True,
        requests_per_minute=None,
        supports_unicode=True,
        sender_rule="up to 11 letters/digits, or up to 15 digits (optional; nothing is really sent)",
        has_balance=True,
        has_delivery_status=True,
        scheduling=None,
    )

    def __init__(
        self, account: Account, secret: str, *, client: httpx.Client | None = None, timeout: float = 30.0
    ):
        super().__init__(account, secret or SANDBOX_KEY, client=client, timeout=timeout)
        if not account.base_url:
            from smsdesk.sandbox.server import shared_sandbox  # started on first use, not at import

            self.base_url = shared_sandbox().url

    @classmethod
    def validate_account(cls, account: Account, secret: str | None = None) -> list[str]:
        # The secret is always "sandbox" and may be left out, so only the sender is checked, with the rule most
        # real providers share: trying the demo should teach what a real account will accept.
        sender = (account.sender or "").strip()
        digits = sender[1:] if sender.startswith("+") else sender
        if not sender:
            return []
        if digits.isdigit() and digits.isascii():
            if len(digits) > MAX_NUMERIC_SENDER:
                return [
                    f"The sender {sender!r} has {len(digits)} digits; at most {MAX_NUMERIC_SENDER} are allowed."
                ]
            return []
        if not re.fullmatch(r"[A-Za-z0-9]{1,11}", sender):
            return [
                f"The sender {sender!r} must be up to {MAX_ALPHA_SENDER} letters A-Z and digits "
                "(no spaces, Æ Ø Å or symbols), or a phone number of up to 15 digits."
            ]
        return []

    def plan_requests(self, messages: Sequence[OutgoingMessage]) -> list[list[OutgoingMessage]]:
        """The sandbox takes different texts in one request: plain chunks of 500, in order."""
        return [list(messages[i : i + MAX_MESSAGES]) for i in range(0, len(messages), MAX_MESSAGES)]

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._secret}"}

    # -- sending ---------------------------------------------------------------------------------------------------

    def send(self, batch: Sequence[OutgoingMessage]) -> list[SendResult]:
        if not batch:
            return []
        body: dict[str, object] = {
            "messages": [
                {
                    "to": m.to,
                    "text": m.text,
                    "reference": m.key,
                    "encoding": m.encoding,
                    "segments": m.segments,
                }
                for m in batch
            ]
        }
        if self.account.sender:
            body["sender"] = self.account.sender
        response = self.request("POST", "/sandbox/v1/messages", json=body, headers=self._headers())
        data = parse_json(response)
        status = response.status_code
        if 200 <= status < 300:
            results = data.get("results") if isinstance(data, Mapping) else None
            if isinstance(data, Mapping) and results is None and isinstance(data.get("error"), Mapping):
                raise self._request_error(status, data["error"], response)
            if not isinstance(results, list):
                raise OutcomeUnknown(
                    f"The sandbox answered HTTP {status} with {self.sample(response)}; "
                    "the messages may have been accepted",
                    code=str(status),
                )
            return self._match(batch, results)
        error = data.get("error") if isinstance(data, Mapping) else None
        raise self._request_error(status, error if isinstance(error, Mapping) else {}, response)

    def _match(self, batch: Sequence[OutgoingMessage], results: list[Any]) -> list[SendResult]:
        by_reference: dict[str, dict[str, Any]] = {}
        for item in results:
            if type(item) is dict:
                reference = item.get("reference")
                if reference is not None:
                    by_reference[reference if type(reference) is str else str(reference)] = item
        matched: list[SendResult] = []
        append = matched.append
        for index, message in enumerate(batch):
            key = message.key
            item = by_reference.get(key)
            if item is None and index < len(results):
                fallback = results[index]
                if type(fallback) is dict and fallback.get("to") == message.to:
                    item = fallback  # no reference echoed: the position, if the number agrees
            if item is None:
                append(
                    SendResult(
                        key,
                        False,
                        error=OutcomeUnknown(
                            "The sandbox did not say what happened to this message", code="missing"
                        ),
                    )
                )
            elif item.get("status") == "accepted":
                cost = item.get("cost")
                if not (type(cost) in (int, float) and math.isfinite(cost)):
                    cost = None
                message_id = item.get("id")
                append(SendResult.ok(key, message_id=str(message_id) if message_id else None, cost=cost))
            else:
                error = item.get("error")
                append(
                    SendResult(key, False, error=self._message_error(error if type(error) is dict else {}))
                )
        return matched

    @staticmethod
    def _message_error(error: Mapping[str, Any]) -> ProviderError:
        code = str(error.get("code") or "rejected")
        text = str(error.get("message") or code)
        if code == "invalid_recipient":
            return InvalidRecipient(f"Sandbox: {text}", code=code)
        if code == "insufficient_credit":
            return AccountError(f"The sandbox account ran out of credit: {text}", code=code)
        return MessageRejected(f"Sandbox rejected the message: {text}", code=code)

    def _request_error(
        self, status: int, error: Mapping[str, Any], response: httpx.Response
    ) -> ProviderError:
        code = str(error.get("code") or status)
        text = self.said(error.get("message")) if error.get("message") else self.sample(response)
        if status == 401 or code == "unauthorized":
            return AccountError(f"The sandbox refused the key ({text})", code=code)
        if status == 402 or code == "insufficient_credit":
            return AccountError(f"The sandbox account is out of credit ({text})", code=code)
        if status == 429:
            return RateLimited(
                "The sandbox asks us to slow down", code="429", retry_after=retry_after_seconds(response)
            )
        if status == 503 and response.headers.get("Retry-After"):
            return Transient(
                f"The sandbox is unavailable for now: {text}",
                code="503",
                retry_after=retry_after_seconds(response),
            )
        if status >= 500 and error:
            # In the sandbox's own error envelope: it says nothing was sent.
            return Transient(f"The sandbox had a server error (HTTP {status}): {text}", code=str(status))
        if status >= 500:
            return OutcomeUnknown(
                f"The sandbox answered HTTP {status} with {text}; the messages may have been accepted",
                code=str(status),
            )
        if status in (403, 404) or 300 <= status < 400:
            return AccountError(
                f"The sandbox does not know this request (HTTP {status}); check the account's base URL",
                code=str(status),
            )
        if 200 <= status < 300:
            return MessageRejected(f"The sandbox rejected the request: {text}", code=code)
        return MessageRejected(f"The sandbox rejected the request (HTTP {status}): {text}", code=code)

    # -- account information ---------------------------------------------------------------------------------------

    def balance(self) -> Balance:
        response = self.request("GET", "/sandbox/v1/balance", headers=self._headers())
        data = parse_json(response)
        if response.status_code != 200:
            error = data.get("error") if isinstance(data, Mapping) else None
            raise self._request_error(
                response.status_code, error if isinstance(error, Mapping) else {}, response
            )
        amount = data.get("balance") if isinstance(data, Mapping) else None
        if not isinstance(amount, int | float) or isinstance(amount, bool) or not math.isfinite(amount):
            raise Transient(
                f"The sandbox answered the balance question with {self.sample(response)}", code="balance"
            )
        currency = data.get("currency")
        return Balance(float(amount), str(currency) if currency else "credits")

    def lookup_accepted(self, queries: Sequence[LookupQuery], now: float | None = None) -> Lookup:
        """The sandbox lists every reference it accepted: found, or positively absent."""
        found: dict[str, str | None] = {}
        keys = [q.key for q in queries]
        for start in range(0, len(keys), STATUS_IDS_PER_REQUEST):
            chunk = keys[start : start + STATUS_IDS_PER_REQUEST]
            response = self.request(
                "GET", "/sandbox/v1/accepted", params={"references": ",".join(chunk)}, headers=self._headers()
            )
            data = parse_json(response)
            if response.status_code != 200:
                error = data.get("error") if isinstance(data, Mapping) else None
                raise self._request_error(
                    response.status_code, error if isinstance(error, Mapping) else {}, response
                )
            items = data.get("accepted") if isinstance(data, Mapping) else None
            if not isinstance(items, list):
                raise Transient(
                    f"The sandbox answered the lookup with {self.sample(response)}", code="lookup"
                )
            for item in items:
                if isinstance(item, Mapping) and item.get("reference") in chunk:
                    message_id = item.get("id")
                    found[str(item["reference"])] = str(message_id) if message_id else None
        return Lookup(found=found, absent=frozenset(k for k in keys if k not in found))

    def delivery_status(self, message_ids: Sequence[str]) -> list[DeliveryReport]:
        reports: list[DeliveryReport] = []
        ids = [i for i in message_ids if i]
        for start in range(0, len(ids), STATUS_IDS_PER_REQUEST):
            chunk = ids[start : start + STATUS_IDS_PER_REQUEST]
            response = self.request(
                "GET", "/sandbox/v1/status", params={"ids": ",".join(chunk)}, headers=self._headers()
            )
            data = parse_json(response)
            if response.status_code != 200:
                error = data.get("error") if isinstance(data, Mapping) else None
                raise self._request_error(
                    response.status_code, error if isinstance(error, Mapping) else {}, response
                )
            statuses = data.get("statuses") if isinstance(data, Mapping) else None
            if not isinstance(statuses, list):
                raise Transient(
                    f"The sandbox answered the status question with {self.sample(response)}", code="status"
                )
            for item in statuses:
                if isinstance(item, Mapping) and item.get("id") is not None:
                    state = _STATES.get(str(item.get("state")), PENDING)
                    detail = item.get("detail")
                    reports.append(DeliveryReport(str(item["id"]), state, str(detail) if detail else None))
        return reports
