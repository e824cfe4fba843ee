"""UGSMS (ugsms.com): v2 with an X-API-Key header by default, v1 with username/password as an account option.

Facts and doubts (see ../shared/providers.md section 4):
- v2: POST /api/v2/sms/send with `numbers` (comma-separated), `message_body`, optional `sender_id` (max 11);
  balance GET /api/v2/account/balance. v1 (options["api_version"] = "v1"): POST /v1/sms/send with `username` and
  `password` as form parameters (never in the URL, where proxies log them), same message fields; v1 has no balance
  call, so balance() returns the `remaining_balance` of this instance's last send (None before the first).
- Number format: every example is a Ugandan local number (07XXXXXXXX), so that is what Ugandan numbers are sent as
  by default ("local"). Whether other countries are taken, and how, is not documented: a number of another
  country goes in international digits (2547..., never a national number with its country dropped, which would
  text a stranger in Uganda). options["number_format"] switches: "local" (default), "international" (digits
  without "+" for every number) or "e164" (with "+").
- The v2 send answer's `data` is not shown; v1's (message_id, recipients, estimated_cost, remaining_balance) is
  assumed for both. Only `"success": true` in the documented envelope confirms a send; a 2xx that says anything
  else (`"status": "failed"`, `"success": "yes"`, no envelope) confirms nothing and is unknown. A 5xx is "not sent"
  only in the envelope (`"success": false` / `error`) or as a 503 with Retry-After; else it is unknown. There is ONE message_id for the whole request and no per-number outcome: every message of the
  request gets that id and is reported accepted.
- 400 "Invalid phone number format." does not say which number. For a one-number request that number is invalid
  (a failed result); for several numbers send() raises InvalidRecipient for the whole request with code
  INVALID_NUMBER_IN_REQUEST, and the engine re-sends them one by one to find the bad one.
- The v2 balance body is not shown: {"data": {"balance", "currency"}}, {"balance", "currency"} and similar spellings
  (credit, credits, amount) are accepted.
- 60 requests a minute per key. Laravel's throttle sends X-RateLimit-Limit/-Remaining on every answer and
  Retry-After/X-RateLimit-Reset with a 429. After each answer `self.rate_hint` holds the last RateHint, so the pacing
  engine can slow down before it hits the wall.
- Recipients per request: not documented. One bad number refuses the whole request and nothing says which one, so we
  keep requests at 100 numbers (options["max_recipients_per_request"] changes it): 5,000 numbers are 50 requests.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
import phonenumbers

from smsdesk.core.account import Account
from smsdesk.providers.base import (
    AccountError,
    Balance,
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
    as_int,
    as_number,
    parse_json,
    positive_int,
    retry_after_seconds,
    status_error,
)

V1 = "v1"
V2 = "v2"
SEND_PATHS = {V1: "/v1/sms/send", V2: "/api/v2/sms/send"}
BALANCE_PATH_V2 = "/api/v2/account/balance"
NUMBER_FORMATS = ("local", "international", "e164")
DEFAULT_NUMBER_FORMAT = "local"  # the documented form, 07XXXXXXXX, for Ugandan numbers
UGANDA = "256"
DEFAULT_RECIPIENTS_PER_REQUEST = 100
SENDER_MAX = 11
INVALID_NUMBER_IN_REQUEST = "INVALID_NUMBER_IN_REQUEST"

_CREDIT_WORDS = re.compile(r"insufficient|balance|credit|funds", re.IGNORECASE)
_NUMBER_WORDS = re.compile(r"phone|number", re.IGNORECASE)
_SENDER_WORDS = re.compile(r"sender", re.IGNORECASE)
_AUTH_WORDS = re.compile(r"unauthori[sz]ed|api key|credential|password|username", re.IGNORECASE)


@dataclass(frozen=True)
class RateHint:
    """What the provider's rate-limit headers said in its last answer.

    remaining: requests left in the current window (X-RateLimit-Remaining), None when not sent.
    limit: the window's size (X-RateLimit-Limit).
    reset_after: seconds from `observed_at` until the window frees a slot (Retry-After or X-RateLimit-Reset),
                 None when not sent.
    observed_at: time.monotonic() when the answer arrived.
    """

    remaining: int | None
    limit: int | None
    reset_after: float | None
    observed_at: float


class UgsmsProvider(Provider):
    name = "ugsms"
    label = "UGSMS"
    default_base_url = "https://ugsms.com"
    secret_label = "API key (v1: password)"
    can_test_connection = True  # v2's balance call; v1 has none (set per instance)
    limits = ProviderLimits(
        max_characters=None,  # "max 160 chars per segment"; no total is documented
        max_recipients_per_request=DEFAULT_RECIPIENTS_PER_REQUEST,
        different_texts_per_request=False,
        requests_per_minute=60,
        # No encoding switch is documented; the text goes as UTF-8 and the gateway picks the coding (doubt).
        supports_unicode=True,
        sender_rule="optional, up to 11 characters",
        has_balance=True,  # v2: GET /api/v2/account/balance; v1: from the last send's remaining_balance
        has_delivery_status=False,
        scheduling=None,
    )

    def __init__(
        self, account: Account, secret: str, *, client: httpx.Client | None = None, timeout: float = 30.0
    ):
        super().__init__(account, secret, client=client, timeout=timeout)
        options = account.options or {}
        self.api_version = V1 if str(options.get("api_version") or V2).lower() == V1 else V2
        number_format = str(options.get("number_format") or DEFAULT_NUMBER_FORMAT).lower()
        self.number_format = number_format if number_format in NUMBER_FORMATS else DEFAULT_NUMBER_FORMAT
        self._per_request = positive_int(
            options.get("max_recipients_per_request"), DEFAULT_RECIPIENTS_PER_REQUEST
        )
        # v1 has no call that sends nothing. Provider declares this a ClassVar, but here it depends on the
        # account's API version, so it is set per instance.
        self.can_test_connection = self.api_version == V2  # type: ignore[misc]
        self.rate_hint: RateHint | None = None
        self._last_balance: float | None = None

    # -- account checks ------------------------------------------------------------------------------------------

    @classmethod
    def validate_account(cls, account: Account, secret: str | None = None) -> list[str]:
        problems = super().validate_account(account, secret)
        options = account.options or {}
        version = str(options.get("api_version") or V2).lower()
        if version not in (V1, V2):
            problems.append(f'UGSMS API version must be "v1" or "v2", not {version!r}.')
        if version == V1 and not (account.username or "").strip():
            problems.append("UGSMS v1 needs a username (and the password as the secret).")
        number_format = str(options.get("number_format") or DEFAULT_NUMBER_FORMAT).lower()
        if number_format not in NUMBER_FORMATS:
            problems.append(
                f"UGSMS number format must be one of {', '.join(NUMBER_FORMATS)}, not {number_format!r}."
            )
        sender = account.sender or ""
        if len(sender) > SENDER_MAX:
            problems.append(
                f"UGSMS sender IDs are at most {SENDER_MAX} characters; {sender!r} has {len(sender)}."
            )
        if sender and not sender.isprintable():
            problems.append("The UGSMS sender ID contains invisible characters.")
        return problems

    # -- sending -------------------------------------------------------------------------------------------------

    def plan_requests(self, messages: Sequence[OutgoingMessage]) -> list[list[OutgoingMessage]]:
        groups: list[list[OutgoingMessage]] = []
        open_groups: dict[tuple[str, str], list[OutgoingMessage]] = {}
        for message in messages:
            key = (message.text, message.encoding)
            group = open_groups.get(key)
            if group is None or len(group) >= self._per_request:
                group = []
                open_groups[key] = group
                groups.append(group)
            group.append(message)
        return groups

    def format_number(self, e164: str) -> str:
        """The number as UGSMS takes it: local 07XXXXXXXX for Uganda (the documented form), international digits
        for every other country, so no number ever loses its country."""
        digits = re.sub(r"\D", "", e164)
        if self.number_format == "e164":
            return "+" + digits
        if self.number_format == "local" and digits.startswith(UGANDA):
            try:
                parsed = phonenumbers.parse("+" + digits)
            except phonenumbers.NumberParseException:
                return digits
            if parsed.country_code == int(UGANDA):
                return "0" + str(parsed.national_number)
        return digits

    def send(self, batch: Sequence[OutgoingMessage]) -> list[SendResult]:
        if not batch:
            return []
        if len({message.text for message in batch}) != 1:
            raise ValueError("UGSMS sends one text per request; plan_requests groups identical texts")
        fields: dict[str, str] = {
            "numbers": ",".join(self.format_number(message.to) for message in batch),
            "message_body": batch[0].text,
        }
        if self.account.sender:
            fields["sender_id"] = self.account.sender
        headers = {"Accept": "application/json"}
        if self.api_version == V1:
            fields["username"] = self.account.username or ""
            fields["password"] = self._secret
            response = self.request("POST", SEND_PATHS[V1], data=fields, headers=headers)
        else:
            headers["X-API-Key"] = self._secret
            response = self.request("POST", SEND_PATHS[V2], json=fields, headers=headers)
        self._note_rate_headers(response)
        return self._read_send_answer(response, batch)

    def _read_send_answer(
        self, response: httpx.Response, batch: Sequence[OutgoingMessage]
    ) -> list[SendResult]:
        data = parse_json(response)
        status = response.status_code
        if 200 <= status < 300:
            if not isinstance(data, dict):
                raise OutcomeUnknown(
                    f"{self.label} answered HTTP {status} with {self.sample(response)}; "
                    "the messages may have been sent"
                )
            if data.get("success") is False or ("error" in data and "data" not in data):
                return self._refused(self._error_of(data, response), batch)
            payload = data.get("data")
            if data.get("success") is not True or not (isinstance(payload, dict) or data.get("message_id")):
                # Only the documented envelope, {"success": true, "data": {...}}, confirms a send.
                raise OutcomeUnknown(
                    f"{self.label} answered without saying whether it sent: {self.sample(response)}",
                    code=str(status),
                )
            payload = data["data"] if isinstance(data.get("data"), dict) else data
            self._remember_balance(payload)
            message_id = payload.get("message_id") or payload.get("messageId") or payload.get("id")
            cost = _per_message_cost(payload, len(batch))
            # One id for the whole request (no per-number ids in the API): every message carries it.
            return [
                SendResult.ok(message.key, str(message_id) if message_id is not None else None, cost)
                for message in batch
            ]
        return self._refused(self._error_of(data, response), batch)

    def _error_of(self, data: Any, response: httpx.Response) -> ProviderError:
        status = response.status_code
        text = self.said(_error_text(data)) if isinstance(data, dict) else ""
        text = text or self.sample(response)
        field_errors = (
            data["errors"] if isinstance(data, dict) and isinstance(data.get("errors"), dict) else {}
        )
        code = str(status)
        if 300 <= status < 400 or status == 404:
            return AccountError(
                f"{self.label} answered HTTP {status}; check the account's base URL", code=code
            )
        if status == 429:
            return RateLimited(
                f"{self.label} asks us to slow down (60 requests a minute)",
                code=code,
                retry_after=retry_after_seconds(response),
            )
        if status in (401, 403) or (
            status < 500 and _AUTH_WORDS.search(text) and not _NUMBER_WORDS.search(text)
        ):
            what = "username or password" if self.api_version == V1 else "API key"
            return AccountError(self.redact(f"{self.label} refused the {what}: {text}"), code=code)
        if status == 402 or (status < 500 and _CREDIT_WORDS.search(text)):
            return AccountError(self.redact(f"{self.label}: not enough balance ({text})"), code=code)
        if status >= 500:
            enveloped = isinstance(data, dict) and (data.get("success") is False or "error" in data)
            if not enveloped:
                return status_error(response, self.label, self.redact)  # unknown, or a 503 with Retry-After
            return Transient(
                self.redact(f"{self.label} had a server error (HTTP {status}): {text}"),
                code=code,
                retry_after=retry_after_seconds(response) if response.headers.get("Retry-After") else None,
            )
        if "sender_id" in field_errors or _SENDER_WORDS.search(text):
            # Every message of the campaign carries the same sender: stop rather than fail them one by one.
            return AccountError(self.redact(f"{self.label} refused the sender ID: {text}"), code=code)
        if "numbers" in field_errors or _NUMBER_WORDS.search(text):
            return InvalidRecipient(self.redact(f"{self.label}: {text}"), code=code)
        return MessageRejected(
            self.redact(f"{self.label} refused the message (HTTP {status}): {text}"), code=code
        )

    def _refused(self, error: ProviderError, batch: Sequence[OutgoingMessage]) -> list[SendResult]:
        if isinstance(error, (AccountError, RateLimited, Transient, OutcomeUnknown)):
            raise error
        if isinstance(error, InvalidRecipient) and len(batch) > 1:
            # Raised for the whole request: the engine re-sends the numbers one by one to find the bad one.
            raise InvalidRecipient(
                f"{error.reason} One of the {len(batch)} numbers in this request was refused; "
                f"{self.label} does not say which, so none of them was sent.",
                code=INVALID_NUMBER_IN_REQUEST,
            )
        return [SendResult.failed(message.key, error) for message in batch]

    def _note_rate_headers(self, response: httpx.Response) -> None:
        headers = response.headers
        remaining = as_int(headers.get("X-RateLimit-Remaining"))
        limit = as_int(headers.get("X-RateLimit-Limit"))
        reset_after = None
        if headers.get("Retry-After") or headers.get("X-RateLimit-Reset"):
            reset_after = retry_after_seconds(response)
        if remaining is None and limit is None and reset_after is None:
            return
        self.rate_hint = RateHint(remaining, limit, reset_after, time.monotonic())

    def _remember_balance(self, payload: Mapping[str, Any]) -> None:
        amount = as_number(payload.get("remaining_balance"))
        if amount is not None:
            self._last_balance = amount

    # -- account information -------------------------------------------------------------------------------------

    def balance(self) -> Balance | None:
        if self.api_version == V1:
            return Balance(self._last_balance, None) if self._last_balance is not None else None
        response = self.request(
            "GET", BALANCE_PATH_V2, headers={"Accept": "application/json", "X-API-Key": self._secret}
        )
        self._note_rate_headers(response)
        data = parse_json(response)
        if not 200 <= response.status_code < 300:
            error = self._error_of(data, response)
            if isinstance(error, (InvalidRecipient, MessageRejected, OutcomeUnknown)):
                error = Transient(error.reason, code=error.code)  # a balance question loses nothing
            raise error
        if not isinstance(data, dict):
            raise Transient(f"{self.label} answered the balance query with {self.sample(response)}")
        if data.get("success") is False:
            raise self._error_of(data, response)
        # Doubt: the body is not documented; look in `data` first, then at the top level.
        for place in (data.get("data"), data):
            if not isinstance(place, dict):
                continue
            for name in ("balance", "credit", "credits", "amount", "remaining_balance", "account_balance"):
                amount = as_number(place.get(name))
                if amount is not None:
                    currency = place.get("currency") or data.get("currency")
                    return Balance(amount, str(currency) if currency else None)
        raise Transient(f"{self.label} sent a balance answer we cannot read: {self.sample(response)}")


def _error_text(data: Mapping[str, Any]) -> str:
    for name in ("error", "message", "errors"):
        value = data.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, dict):
            parts = [
                item
                for values in value.values()
                for item in (values if isinstance(values, list) else [values])
            ]
            text = " ".join(str(part) for part in parts if part)
            if text:
                return text
    return ""


def _per_message_cost(payload: Mapping[str, Any], count: int) -> float | None:
    total = as_number(payload.get("estimated_cost") or payload.get("cost"))
    recipients = as_int(payload.get("recipients")) or count
    if total is None or recipients <= 0:
        return None
    return total / recipients
