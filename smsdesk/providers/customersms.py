"""customersms.pro: one JSON POST with the API key in the body, identical texts to many numbers, per-number results.

Facts and doubts (see ../shared/providers.md section 3 and the provider's page):
- Endpoint: the page's endpoint section and code samples say POST /sms_system/api.php, its quick-start curl says
  /api.php. We use /sms_system/api.php; when that answers 404 we try /api.php once (a 404 means nothing was sent)
  and keep using whichever worked. The account option "path" pins one explicitly.
- `phone` is "string or array": the JavaScript and Python samples send an array of +E.164 numbers, the PHP and curl
  samples a comma-separated string. We send an array (option "phone_format": "string" switches to the comma list).
- No sender, no unicode switch, no scheduling, no balance endpoint: `remaining_credits` comes back on every send, so
  balance() returns the last value seen by this instance, or None before the first send.
- The failure shape of one number in `results` is not shown: we read `error`, `message` or `reason` for the text.
- HTTP status codes are not documented: a PHP script may answer 200 with "success": false, or a 4xx/5xx. Both are
  read the same way; the body's `code` wins over the status.
- `results` is read per number whatever the top-level `success` says: a request with several numbers may answer
  `"success": false` while its results say most numbers were sent (the top level then only means "not all").
  A number counts as sent only with `"success": true` in its result; a result that says neither is unknown.
- A 5xx is "not sent" only in the page's own error envelope (`success: false` with `error`/`code`) or as a 503
  with Retry-After; an HTML page, an empty body or any other shape may come after the numbers were sent: unknown.
- A whole request refused over "a number" (no per-number results) is raised as InvalidRecipient when it held several
  numbers, so the engine re-sends them one by one; a one-number request gets a failed result.
- Rate limits on the page: 100 requests/minute (also 5,000/hour, 50,000/day) per API key.
- Recipients per request: not documented. The answer lists one result per number, so the server sends them one by one
  before answering; a large request risks a timeout with an unknown outcome for every number in it. We send up to
  100 per request (option "max_recipients_per_request" changes it): 5,000 numbers are 50 requests, inside the
  per-minute limit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

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

DEFAULT_PATH = "/sms_system/api.php"
QUICK_START_PATH = (
    "/api.php"  # the page's quick-start example; tried once when the documented path answers 404
)
DEFAULT_RECIPIENTS_PER_REQUEST = 100
# The page's limits per API key: 100 requests a minute, 5,000 an hour, 50,000 a day (engine/pacing.py keeps all
# three).
REQUESTS_PER_MINUTE = 100
REQUESTS_PER_HOUR = 5_000
REQUESTS_PER_DAY = 50_000

_CREDIT_WORDS = re.compile(r"credit|balance|insufficient|funds", re.IGNORECASE)
_RECIPIENT_WORDS = re.compile(r"phone|number|recipient|msisdn", re.IGNORECASE)
_RATE_WORDS = re.compile(r"rate.?limit|too many", re.IGNORECASE)
_KEY_WORDS = re.compile(r"api.?key|unauthori[sz]ed|inactive|forbidden", re.IGNORECASE)


class CustomerSmsProvider(Provider):
    name = "customersms"
    label = "customersms.pro"
    default_base_url = "https://customersms.pro"
    secret_label = "API key"
    limits = ProviderLimits(
        max_characters=None,  # not documented
        max_recipients_per_request=DEFAULT_RECIPIENTS_PER_REQUEST,
        different_texts_per_request=False,
        requests_per_minute=REQUESTS_PER_MINUTE,
        requests_per_hour=REQUESTS_PER_HOUR,
        requests_per_day=REQUESTS_PER_DAY,
        # No encoding switch is documented; the text goes as UTF-8 JSON and the gateway picks the coding (doubt).
        supports_unicode=True,
        sender_rule="customersms.pro does not let you choose a sender name",
        has_balance=True,  # from `remaining_credits` in the last send's answer
        has_delivery_status=False,
        scheduling=None,
    )

    def __init__(
        self, account: Account, secret: str, *, client: httpx.Client | None = None, timeout: float = 30.0
    ):
        super().__init__(account, secret, client=client, timeout=timeout)
        options = account.options or {}
        self._path: str = str(options.get("path") or DEFAULT_PATH)
        self._path_pinned = bool(options.get("path"))
        self._phone_as_string = str(options.get("phone_format") or "").lower() == "string"
        self._per_request = positive_int(
            options.get("max_recipients_per_request"), DEFAULT_RECIPIENTS_PER_REQUEST
        )
        self._last_credits: float | None = None

    # -- account checks ------------------------------------------------------------------------------------------

    @classmethod
    def validate_account(cls, account: Account, secret: str | None = None) -> list[str]:
        problems = super().validate_account(account, secret)
        if (account.sender or "").strip():
            problems.append(
                "customersms.pro does not let you choose a sender name; clear the sender field "
                "(messages go out with the sender your customersms.pro account has)."
            )
        return problems

    # -- sending -------------------------------------------------------------------------------------------------

    def plan_requests(self, messages: Sequence[OutgoingMessage]) -> list[list[OutgoingMessage]]:
        """Identical texts together, up to the per-request cap, never the same number twice in one request
        (results are matched back by phone)."""
        groups: list[list[OutgoingMessage]] = []
        open_groups: dict[tuple[str, str], tuple[list[OutgoingMessage], set[str]]] = {}
        for message in messages:
            key = (message.text, message.encoding)
            entry = open_groups.get(key)
            if entry is None or len(entry[0]) >= self._per_request or message.to in entry[1]:
                entry = ([], set())
                open_groups[key] = entry
                groups.append(entry[0])
            entry[0].append(message)
            entry[1].add(message.to)
        return groups

    def send(self, batch: Sequence[OutgoingMessage]) -> list[SendResult]:
        if not batch:
            return []
        texts = {message.text for message in batch}
        if len(texts) != 1:
            raise ValueError(
                "customersms.pro sends one text per request; plan_requests groups identical texts"
            )
        phones = [message.to for message in batch]
        payload = {
            "api_key": self._secret,
            "phone": ",".join(phones) if self._phone_as_string else phones,
            "message": batch[0].text,
        }
        response = self._post(payload)
        return self._read_send_answer(response, batch)

    def _post(self, payload: Mapping[str, Any]) -> httpx.Response:
        response = self.request("POST", self._path, json=payload, headers={"Accept": "application/json"})
        if response.status_code == 404 and not self._path_pinned and self._path == DEFAULT_PATH:
            # The page names two endpoints; a 404 means this one does not exist here and nothing was sent.
            retry = self.request(
                "POST", QUICK_START_PATH, json=payload, headers={"Accept": "application/json"}
            )
            if retry.status_code != 404:
                self._path = QUICK_START_PATH
                return retry
        return response

    def _read_send_answer(
        self, response: httpx.Response, batch: Sequence[OutgoingMessage]
    ) -> list[SendResult]:
        data = parse_json(response)
        status = response.status_code
        if isinstance(data, dict):
            self._remember_credits(data)
            if isinstance(data.get("results"), list) and data["results"]:
                # Per-number answers beat the top-level verdict of the same answer.
                return self._per_number_results(data, batch)
        if status == 429:
            raise RateLimited(
                f"{self.label} asks us to slow down (limit 100 requests a minute)",
                code=_code_of(data) or "429",
                retry_after=retry_after_seconds(response),
            )
        if 300 <= status < 400 or status == 404:
            # The address is wrong for every message: stop and let the user fix the account.
            raise AccountError(
                f"{self.label} answered HTTP {status} at {self._path}; check the account's base URL",
                code=str(status),
            )
        enveloped = isinstance(data, dict) and data.get("success") is False
        if enveloped or (isinstance(data, dict) and 400 <= status < 500 and _error_text(data)):
            return self._whole_request_failed(self._top_level_error(data, response), batch)
        if status >= 400:
            return self._whole_request_failed(status_error(response, self.label, self.redact), batch)
        if not isinstance(data, dict):
            raise OutcomeUnknown(
                f"{self.label} answered HTTP {status} with {self.sample(response)}; the messages may have been sent"
            )
        return self._per_number_results(data, batch)

    def _per_number_results(
        self, data: Mapping[str, Any], batch: Sequence[OutgoingMessage]
    ) -> list[SendResult]:
        results = data.get("results")
        if not isinstance(results, list):
            # A success without per-number results: only trust it when the counts say every number went out.
            if data.get("success") is True and as_int(data.get("successful_sends")) == len(batch):
                return [SendResult.ok(message.key) for message in batch]
            raise OutcomeUnknown(f"{self.label} said the send completed but listed no per-number results")
        by_phone: dict[str, list[Mapping[str, Any]]] = {}
        unnamed: list[Mapping[str, Any]] = []
        for item in results:
            if not isinstance(item, dict):
                continue
            phone = _digits(item.get("phone") or item.get("number") or "")
            (by_phone.setdefault(phone, []) if phone else unnamed).append(item)
        out: list[SendResult] = []
        for index, message in enumerate(batch):
            candidates = by_phone.get(_digits(message.to))
            item = candidates.pop(0) if candidates else None
            if item is None and unnamed and len(results) == len(batch):
                item = results[index] if isinstance(results[index], dict) else None
            if item is None:
                out.append(
                    SendResult.failed(
                        message.key,
                        OutcomeUnknown(
                            f"{self.label} gave no result for {message.to}; it may have been sent"
                        ),
                    )
                )
                continue
            out.append(self._one_result(message, item))
        return out

    def _one_result(self, message: OutgoingMessage, item: Mapping[str, Any]) -> SendResult:
        success = item.get("success")
        message_id = item.get("message_id") or item.get("messageId") or item.get("id")
        if success is True:
            return SendResult.ok(message.key, str(message_id) if message_id is not None else None)
        if success is not False:
            # Neither true nor false ("yes", null, missing): this result confirms nothing.
            return SendResult.failed(
                message.key,
                OutcomeUnknown(
                    f"{self.label}'s result for {message.to} does not say whether it was sent", code="unclear"
                ),
            )
        # Doubt: the failure shape of one number is not documented; take whichever text field is there.
        text = self.said(_error_text(item)) or "refused without a reason"
        code = _code_of(item)
        reason = f"{self.label} refused {message.to}: {text}"
        if _CREDIT_WORDS.search(text) or (code and _CREDIT_WORDS.search(code)):
            error: ProviderError = AccountError(f"{self.label}: out of credit ({text})", code=code)
        elif _RECIPIENT_WORDS.search(text) or (code and _RECIPIENT_WORDS.search(code)):
            error = InvalidRecipient(reason, code=code)
        else:
            error = MessageRejected(reason, code=code)
        return SendResult.failed(message.key, error)

    def _top_level_error(self, data: Mapping[str, Any], response: httpx.Response) -> ProviderError:
        status = response.status_code
        code = _code_of(data)
        text = self.said(_error_text(data)) or self.sample(response)
        words = f"{code or ''} {text}"
        if code == "INVALID_API_KEY" or status in (401, 403) or (code and _KEY_WORDS.search(code)):
            return AccountError(
                self.redact(f"{self.label} refused the API key: {text}"), code=code or str(status)
            )
        if status == 402 or _CREDIT_WORDS.search(words):
            return AccountError(
                self.redact(f"{self.label}: out of credit ({text})"), code=code or str(status)
            )
        if status == 429 or _RATE_WORDS.search(words):
            return RateLimited(
                self.redact(f"{self.label} asks us to slow down: {text}"),
                code=code or str(status),
                retry_after=retry_after_seconds(response),
            )
        if status >= 500:
            # In the page's own error envelope: it says the request failed.
            return Transient(
                self.redact(f"{self.label} had a server error (HTTP {status}): {text}"),
                code=code,
                retry_after=retry_after_seconds(response) if response.headers.get("Retry-After") else None,
            )
        if _RECIPIENT_WORDS.search(words):
            return InvalidRecipient(self.redact(f"{self.label} refused the number: {text}"), code=code)
        return MessageRejected(self.redact(f"{self.label} refused the message: {text}"), code=code)

    def _whole_request_failed(
        self, error: ProviderError, batch: Sequence[OutgoingMessage]
    ) -> list[SendResult]:
        if isinstance(error, (AccountError, RateLimited, Transient, OutcomeUnknown)):
            raise error
        if isinstance(error, InvalidRecipient) and len(batch) > 1:
            # The whole request was refused over "a number" without saying which: raised, the engine re-sends
            # the numbers one by one to find the bad one (nothing of this request was sent).
            raise InvalidRecipient(
                error.reason
                + f" (one of the {len(batch)} numbers of this request; the answer does not say which)",
                code=error.code,
            )
        return [SendResult.failed(message.key, error) for message in batch]

    def _redacted(self, error: ProviderError) -> ProviderError:
        error.reason = self.redact(error.reason)
        error.args = (error.reason,)
        return error

    def _remember_credits(self, data: Mapping[str, Any]) -> None:
        credits = as_number(data.get("remaining_credits"))
        if credits is not None:
            self._last_credits = credits

    # -- account information -------------------------------------------------------------------------------------

    def balance(self) -> Balance | None:
        """The `remaining_credits` of this instance's last send; None before the first send (the API has no
        balance call)."""
        if self._last_credits is None:
            return None
        return Balance(self._last_credits, "credits")


def _error_text(data: Mapping[str, Any]) -> str:
    for name in ("error", "message", "reason", "error_message", "msg"):
        value = data.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, dict):
            inner = _error_text(value)
            if inner:
                return inner
    return ""


def _code_of(data: Any) -> str | None:
    if not isinstance(data, dict):
        return None
    code = data.get("code") or data.get("error_code")
    return str(code) if code not in (None, "") else None


def _digits(value: Any) -> str:
    return re.sub(r"\D", "", str(value))
