"""Txty SMS v6 (sms.cloudsms.dk): GET /v6/sms, one recipient per request, credentials in the query string.

Facts and their confidence: shared/providers.md section 2. v6 documents one endpoint only: no balance, no log, no
delivery status, no batch send.

The username and token travel in the query string, so the full URL of every request is a secret. base.request()
maps httpx errors to typed errors without quoting the URL, and this module hides query strings from httpx's own
request log line (httpx logs every URL at INFO). Nothing here ever formats a URL into a message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from smsdesk.core.account import Account
from smsdesk.providers.base import (
    AccountError,
    InvalidRecipient,
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

# The text travels in the query string. Apache refuses a request line over 8,190 bytes (LimitRequestLine) and nginx
# one over its 8 kB header buffer, and proxies in front of a gateway use the same defaults: a URL of up to 8,000
# characters (percent-encoded, credentials included) is what every one of them takes. A text that makes it longer
# is refused before sending, with a line that says so, instead of failing at the gateway one recipient at a time.
MAX_URL = 8000
MAX_REFERENCE = 64  # the limit behind REFERENCE_LONG is not documented; keys are far shorter anyway
# Sender rule from the older v4 docs (a-zA-Z0-9, at most 11 letters/digits or 15 digits): unverified for v6.
MAX_ALPHA_SENDER = 11
MAX_NUMERIC_SENDER = 15


def sender_problem(sender: str | None) -> str | None:
    value = (sender or "").strip()
    if not value:
        return (
            "Txty needs a sender (a name of up to 11 letters/digits, or a phone number of up to 15 digits)."
        )
    digits = value[1:] if value.startswith("+") else value
    if digits.isdigit() and digits.isascii():
        if len(digits) > MAX_NUMERIC_SENDER:
            return f"The sender {value!r} has {len(digits)} digits; Txty allows at most {MAX_NUMERIC_SENDER}."
        return None
    if not re.fullmatch(r"[A-Za-z0-9]+", value):
        return f"The sender {value!r} may only contain letters A-Z and digits (no spaces, Æ Ø Å or symbols)."
    if len(value) > MAX_ALPHA_SENDER:
        return (
            f"The sender {value!r} has {len(value)} characters; Txty allows at most {MAX_ALPHA_SENDER} letters "
            "and digits (or up to 15 digits for a phone number)."
        )
    return None


class TxtyProvider(Provider):
    name = "txty"
    label = "Txty"
    default_base_url = "https://sms.cloudsms.dk"
    needs_username = True
    secret_label = "API token"
    limits = ProviderLimits(
        max_characters=None,  # only TEXT_LONG is documented, not the length behind it
        max_recipients_per_request=1,
        different_texts_per_request=False,
        requests_per_minute=None,  # not documented
        # v6 has no encoding switch: we assume the gateway picks UCS-2 itself for texts that need it (unverified).
        supports_unicode=True,
        sender_rule="up to 11 letters/digits, or up to 15 digits (required)",
        has_balance=False,
        has_delivery_status=False,
        scheduling="`settings_scheduled` (ISO 8601) per message",
        schedules=True,
        cancels_scheduled=False,
        cancel_rule="Txty v6 has no way to cancel a scheduled message: once handed over, it will be sent",
    )

    @classmethod
    def validate_account(cls, account: Account, secret: str | None = None) -> list[str]:
        problems = super().validate_account(account, secret)
        problem = sender_problem(account.sender)
        if problem:
            problems.append(problem)
        return problems

    def send(self, batch: Sequence[OutgoingMessage]) -> list[SendResult]:
        # plan_requests gives one message per request. Should a caller pass more, a request-level outcome after
        # some were sent must not hide those: it becomes the result of the messages not yet tried.
        results: list[SendResult] = []
        for message in batch:
            try:
                results.append(self._send_one(message))
            except ProviderError as exc:
                if not results:
                    raise
                results.extend(SendResult.failed(rest.key, exc) for rest in batch[len(results) :])
                break
        return results

    def url_length(self, message: OutgoingMessage) -> int:
        """How long the request's web address would be for this message (the credentials counted as sent)."""
        url = httpx.URL(self.base_url.rstrip("/") + "/v6/sms", params=self._params(message))
        return len(str(url))

    def _params(self, message: OutgoingMessage) -> dict[str, str]:
        sender = (self.account.sender or "").strip()
        if sender.startswith("+") and sender[1:].isdigit():
            sender = sender[1:]
        params = {
            "username": self.account.username or "",
            "token": self._secret,
            "msisdn": re.sub(r"\D", "", message.to),
            "sender": sender,
            "text": message.text,
        }
        if len(message.key) <= MAX_REFERENCE:
            params["custom_reference"] = message.key
        if self.scheduled_at is not None:
            params["settings_scheduled"] = self.scheduled_at.isoformat(timespec="seconds")
        return params

    def _send_one(self, message: OutgoingMessage) -> SendResult:
        length = self.url_length(message)
        if length > MAX_URL:
            return SendResult.failed(
                message.key,
                MessageRejected(
                    f"{self.label} takes the text in the web address, and this one makes it {length} characters "
                    f"long; servers refuse more than {MAX_URL}. Shorten the message (texts with emoji or "
                    "non-Latin letters take up to 12 characters each there).",
                    code="url_too_long",
                ),
            )
        return self._send_checked(message)

    def _send_checked(self, message: OutgoingMessage) -> SendResult:
        params = self._params(message)
        # The docs' intro says "Basic authentication" while the API's security schemes are the two query
        # parameters. The query is what the spec defines; the same credentials also go as Basic auth in case the
        # gateway reads those instead (same host, same TLS connection, so no wider exposure).
        auth = httpx.BasicAuth(self.account.username or "", self._secret)
        # The token rides in the query: base.request() keeps the httpx error (and its URL) out of what it raises,
        # and base.py hides query strings from httpx's own request log.
        response = self.request(
            "GET", "/v6/sms", params=params, auth=auth, headers={"Accept": "application/json"}
        )
        return self._read_answer(response, message)

    def _read_answer(self, response: httpx.Response, message: OutgoingMessage) -> SendResult:
        status = response.status_code
        data = parse_json(response)
        if 200 <= status < 300:
            if not isinstance(data, Mapping):
                raise OutcomeUnknown(
                    f"{self.label} answered HTTP {status} with {self._sample(response)}; "
                    "the message may have been sent",
                    code=str(status),
                )
            guid = data.get("guid")
            if isinstance(data.get("error"), str) and not guid:
                return self._error(data, message, status)
            if data.get("success") is False and not guid:
                return self._refusal_in_other_words(data, message)
            if not isinstance(guid, str | int) or isinstance(guid, bool) or not str(guid).strip():
                # The documented answer is the SMS object with its guid; anything else confirms nothing.
                raise OutcomeUnknown(
                    f"{self.label} answered HTTP {status} without an SMS object; the message may have been sent",
                    code=str(status),
                )
            return SendResult.ok(message.key, str(guid), _price(data.get("message")))
        if status == 401:
            raise AccountError(
                f"{self.label} refused the username or API token (HTTP 401). Check the account settings.",
                code="401",
            )
        if status == 429:  # not documented; handled in case the gateway or a proxy answers it
            raise RateLimited(
                f"{self.label} asks us to slow down", code="429", retry_after=retry_after_seconds(response)
            )
        if isinstance(data, Mapping) and isinstance(data.get("error"), str):
            return self._error(data, message, status)  # the documented error object, 5xx included
        if status == 503 and response.headers.get("Retry-After"):
            raise Transient(
                f"{self.label} is unavailable for now (HTTP 503)",
                code="503",
                retry_after=retry_after_seconds(response),
            )
        if status >= 500:
            # Not the documented error object (a proxy's page, an empty body): it may have been sent first.
            raise OutcomeUnknown(
                f"{self.label} answered HTTP {status} with {self._sample(response)}; the message may have been sent",
                code=str(status),
            )
        if status in (403, 404) or 300 <= status < 400:
            raise AccountError(
                f"{self.label} refused the request (HTTP {status}); check the account's base URL and access",
                code=str(status),
            )
        return SendResult.failed(
            message.key,
            MessageRejected(
                f"{self.label} rejected the message (HTTP {status}): {self._sample(response)}",
                code=str(status),
            ),
        )

    def _error(self, data: Mapping[str, Any], message: OutgoingMessage, status: int) -> SendResult:
        """The documented error enum onto our kinds. Account-level kinds stop the campaign (raised); per-message
        kinds fail this message only (returned)."""
        code = self.said(str(data.get("error")).strip().upper(), 40)
        said = self.said(data.get("message") or "")
        detail = f"{code}: {said}" if said else code
        if code == "CANNOT_AFFORD":
            raise AccountError(
                f"{self.label} says the account cannot afford the message ({detail})", code=code
            )
        if code.startswith("SENDER_"):
            raise AccountError(
                f"{self.label} refused the sender {self.account.sender!r} ({detail}). Change the account's "
                "sender.",
                code=code,
            )
        if code == "METHOD_NOT_IMPLEMENTED":
            # Retrying cannot help and every message would get it: the account or base URL is wrong for v6.
            raise AccountError(
                f"{self.label} does not offer this request to the account ({detail}); check the base URL",
                code=code,
            )
        if code == "INTERNAL_ERROR" or status >= 500:
            raise Transient(f"{self.label} had an internal error ({detail})", code=code)
        error: ProviderError
        if code.startswith("MSISDN_"):
            error = InvalidRecipient(f"{self.label} refused the number {message.to} ({detail})", code=code)
        else:  # TEXT_*, REFERENCE_LONG, SCHEDULED_INVALID, BAD_REQUEST and codes added later
            error = MessageRejected(f"{self.label} rejected the message ({detail})", code=code)
        return SendResult.failed(message.key, error)

    def _refusal_in_other_words(self, data: Mapping[str, Any], message: OutgoingMessage) -> SendResult:
        """{"success": false, "message": ...}: not the documented error object, but a plain refusal."""
        said = self.said(data.get("message") or data.get("error_message") or "") or "no reason given"
        if re.search(r"token|auth|username|credential|login", said, re.IGNORECASE):
            raise AccountError(f"{self.label} refused the username or API token ({said})", code="refused")
        if re.search(r"afford|credit|balance|funds", said, re.IGNORECASE):
            raise AccountError(f"{self.label} says the account cannot afford it ({said})", code="refused")
        return SendResult.failed(
            message.key, MessageRejected(f"{self.label} refused the message ({said})", code="refused")
        )

    def _sample(self, response: httpx.Response) -> str:
        return self.sample(response)


def _price(messages: Any) -> float | None:
    """Sum of message[].price; the docs allow the array to be null."""
    if not isinstance(messages, list):
        return None
    prices = [
        float(m["price"])
        for m in messages
        if isinstance(m, Mapping)
        and isinstance(m.get("price"), int | float)
        and not isinstance(m["price"], bool)
    ]
    return sum(prices) if prices else None
