"""CPSMS.dk (Compaya) REST API v2: POST /v2/send, GET /v2/creditvalue, GET /v2/getlog.

Facts and their confidence: shared/providers.md section 1. The doubts this adapter settles by accepting both shapes
are named where they are handled.

Reconciling: /v2/getlog lists what CPSMS accepted, by number and time, with our `reference` echoed as
`userReference`. A request's reference is its first message's key ("<campaign>-<row id>"), and a campaign holds
each number once, so (campaign part of the reference, number) finds a message. One log call per lookup, inside a
window around the sending times: CPSMS allows one log call per two minutes (LOG_INTERVAL), which the caller keeps.

Message ids: CPSMS answers a send with `{"to","cost"}` per recipient and no id of its own. The only handle on a sent
message is the pair (recipient, our `reference`), which the log echoes back as (`to`, `userReference`). So the id
this adapter reports is `<reference>:<to digits>@<unix time of sending>`; delivery_status() reads the log for that
time window and matches on the pair.
"""

from __future__ import annotations

import hashlib
import math
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import httpx

from smsdesk.core.account import Account
from smsdesk.providers.base import (
    DELIVERED,
    PENDING,
    UCS2,
    UNDELIVERED,
    AccountError,
    Balance,
    CancelOutcome,
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

MAX_CHARACTERS = 1530  # 10 x 153, CPSMS docs (_sms.md)
MAX_REFERENCE = 32  # `reference` is string(32)
# Not documented anywhere we found (providers.md "Unknowns"). 100 keeps one request's body small and one failed
# request's damage bounded, and still turns 5,000 identical texts into 50 requests.
MAX_RECIPIENTS = 100
MAX_ALPHA_SENDER = 11
# The 2016 docs say numeric senders may have 20 characters, newer doc text says 15. A phone number has at most 15
# digits (E.164), so 15 is the honest limit; we strip a leading "+" the user may have typed, as CPSMS wants digits.
MAX_NUMERIC_SENDER = 15
LOG_WINDOW_MARGIN = (
    600  # seconds before the oldest send time asked about, for clock drift between us and CPSMS
)
LOG_INTERVAL = 120.0  # getlog: "restricted to 1 request every 2 minutes"

_PHONE_WORDS = ("phone", "number", "recipient", "receiver", "msisdn", "country code", "nummer", "modtager")


def parse_danish_number(value: Any) -> float | None:
    """CPSMS writes credit as a Danish-formatted string, "9.843,40" (dot thousands, comma decimals).

    The format is only documented by one 2016 example, so the English form "9,843.40" is read too: with both marks
    present, the last one is the decimal mark. A lone comma is Danish (decimal); a dot followed by exactly three
    digits is read as a thousands separator, as in the documented format ("9.843" is 9843). A plain JSON number is
    accepted as it is.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if not isinstance(value, str):
        return None
    text = value.strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if "," in text and "." in text and text.rindex(".") > text.rindex(","):
        text = text.replace(",", "")  # "9,843.40": the English form
    elif "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def sender_problem(sender: str | None) -> str | None:
    """Why CPSMS would refuse this sender, or None. An empty sender is fine: CPSMS then uses the account's default
    sender (INDSTILLINGER -> GENERELT -> Standard afsendernavn)."""
    value = (sender or "").strip()
    if not value:
        return None
    digits = value[1:] if value.startswith("+") else value
    if digits.isdigit() and digits.isascii():
        if len(digits) > MAX_NUMERIC_SENDER:
            return (
                f"The sender {value!r} has {len(digits)} digits; CPSMS allows at most {MAX_NUMERIC_SENDER} "
                "digits for a number."
            )
        return None
    if not re.fullmatch(r"[A-Za-z0-9]+", value):
        return (
            f"The sender {value!r} may only contain letters A-Z and digits (no spaces, Æ Ø Å or symbols) "
            f"on CPSMS."
        )
    if len(value) > MAX_ALPHA_SENDER:
        return (
            f"The sender {value!r} has {len(value)} characters; CPSMS allows at most {MAX_ALPHA_SENDER} "
            "letters and digits (or up to 15 digits for a phone number)."
        )
    return None


def _digits(value: Any) -> str:
    return re.sub(r"\D", "", str(value if value is not None else ""))


def _request_reference(batch: Sequence[OutgoingMessage]) -> str:
    """CPSMS takes one `reference` per request (max 32). We use the first message's key: it is unique and stable
    across retries, and (reference, recipient) then identifies every message of the request in the log. A key
    that does not fit is replaced by a 32-hex-digit digest of it."""
    key = batch[0].key
    if len(key) <= MAX_REFERENCE and re.fullmatch(r"[A-Za-z0-9_.:\-]+", key):
        return key
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()


def _error_fields(item: Mapping[str, Any]) -> tuple[str | None, str]:
    """(code, text) of an error item. The 2016 docs and the C# client write {"errorCode","errMsg","to"}; a recent
    Python client parses {"code","message","to"}. Which one CPSMS sends today is unknown, so both are read."""
    code = item.get("errorCode", item.get("code"))
    text = item.get("errMsg", item.get("message", item.get("error")))
    return (None if code is None else str(code)), (str(text).strip() if text else "")


class CpsmsProvider(Provider):
    name = "cpsms"
    label = "CPSMS.dk"
    default_base_url = "https://api.cpsms.dk"
    needs_username = True
    secret_label = "API key"
    can_lookup = True
    can_test_connection = True  # GET /v2/creditvalue sends nothing
    lookup_grace = 600.0
    limits = ProviderLimits(
        max_characters=MAX_CHARACTERS,
        max_recipients_per_request=MAX_RECIPIENTS,
        different_texts_per_request=False,
        requests_per_minute=None,  # no general limit documented
        supports_unicode=True,  # `format: "UNICODE"`
        sender_rule="up to 11 letters/digits, or up to 15 digits (empty: the account's default sender)",
        has_balance=True,
        has_delivery_status=True,
        delivery_status_min_interval=LOG_INTERVAL,
        scheduling="`timestamp` (unix time) per request",
        schedules=True,
        cancels_scheduled=True,
        cancel_notice=600.0,
        cancel_rule="CPSMS cancels a scheduled SMS only more than 10 minutes before its time",
    )

    @classmethod
    def validate_account(cls, account: Account, secret: str | None = None) -> list[str]:
        problems = super().validate_account(account, secret)
        problem = sender_problem(account.sender)
        if problem:
            problems.append(problem)
        return problems

    # -- sending ---------------------------------------------------------------------------------------------------

    def _auth(self) -> httpx.BasicAuth:
        return httpx.BasicAuth(self.account.username or "", self._secret)

    def send(self, batch: Sequence[OutgoingMessage]) -> list[SendResult]:
        too_long = [m for m in batch if len(m.text) > MAX_CHARACTERS]
        if too_long:
            # Refused here, before anything leaves: CPSMS would cut or refuse it, and every recipient would pay.
            error = MessageRejected(
                f"{self.label} takes at most {MAX_CHARACTERS} characters (10 SMS parts); this text has "
                f"{len(too_long[0].text)}. Shorten the message.",
                code="too_long",
            )
            rest = [m for m in batch if len(m.text) <= MAX_CHARACTERS]
            sent = {r.key: r for r in self.send(rest)} if rest else {}
            return [sent.get(m.key) or SendResult.failed(m.key, error) for m in batch]
        if not batch:
            return []
        if any((m.text, m.encoding) != (batch[0].text, batch[0].encoding) for m in batch):
            # A programming error, not a provider answer: the request carries one text for every recipient.
            raise ValueError("CPSMS sends one text per request; group messages with plan_requests()")
        reference = _request_reference(batch)
        body: dict[str, Any] = {
            "to": [_digits(message.to) for message in batch],
            "message": batch[0].text,
            "reference": reference,
        }
        sender = (self.account.sender or "").strip()
        if sender:
            body["from"] = sender[1:] if sender.startswith("+") and sender[1:].isdigit() else sender
        if batch[0].encoding == UCS2:
            body["format"] = "UNICODE"
        if self.scheduled_at is not None:
            body["timestamp"] = int(self.scheduled_at.timestamp())
        sent_at = int(time.time())
        response = self.request("POST", "/v2/send", json=body, auth=self._auth())
        return self._read_send_answer(response, batch, reference, sent_at)

    def _read_send_answer(
        self, response: httpx.Response, batch: Sequence[OutgoingMessage], reference: str, sent_at: int
    ) -> list[SendResult]:
        status = response.status_code
        data = parse_json(response)
        if 200 <= status < 300:
            if not isinstance(data, Mapping):
                raise OutcomeUnknown(
                    f"{self.label} answered HTTP {status} with {self._sample(response)}; "
                    "the messages may have been sent",
                    code=str(status),
                )
            success, errors = data.get("success"), data.get("error")
            if success is None and isinstance(errors, Mapping | str):
                # A 2xx that carries a whole-request error ({"error":{"code","message"}}): it says it failed.
                error = errors if isinstance(errors, Mapping) else {"message": errors}
                return self._whole_request_failure(error, batch, status)
            if not isinstance(success, list | type(None)) or not isinstance(errors, list | type(None)):
                raise OutcomeUnknown(
                    f"{self.label} answered HTTP {status} in a shape we do not know; "
                    "the messages may have been sent",
                    code=str(status),
                )
            if success is None and errors is None:
                raise OutcomeUnknown(
                    f"{self.label} answered HTTP {status} without a result per recipient; "
                    "the messages may have been sent",
                    code=str(status),
                )
            return self._per_recipient(batch, success or [], errors or [], reference, sent_at)
        if status == 400 and isinstance(data, Mapping) and isinstance(data.get("error"), list):
            # Every recipient failed: the error array alone, without the 207.
            return self._per_recipient(batch, data.get("success") or [], data["error"], reference, sent_at)
        if status == 400 and isinstance(data, Mapping) and isinstance(data.get("error"), Mapping):
            return self._whole_request_failure(data["error"], batch, status)
        raise self._status_error(response, data)

    def _per_recipient(
        self,
        batch: Sequence[OutgoingMessage],
        success: Iterable[Any],
        errors: Iterable[Any],
        reference: str,
        sent_at: int,
    ) -> list[SendResult]:
        # The answer names recipients, not positions: match each item to a message by its number. A number may
        # come back without its country code (the docs' own example), so a unique suffix match is accepted too.
        waiting: dict[str, list[int]] = {}
        for index, message in enumerate(batch):
            waiting.setdefault(_digits(message.to), []).append(index)
        results: list[SendResult | None] = [None] * len(batch)

        def claim(to: Any) -> int | None:
            digits = _digits(to)
            if not digits:
                return None
            if waiting.get(digits):
                return waiting[digits].pop(0)
            candidates = [number for number, left in waiting.items() if left and number.endswith(digits)]
            if len(candidates) == 1 and len(digits) >= 6:
                return waiting[candidates[0]].pop(0)
            return None

        for item in success:
            if not isinstance(item, Mapping):
                continue
            at = claim(item.get("to"))
            if at is None:
                continue
            to = _digits(batch[at].to)
            cost = parse_danish_number(item.get("cost"))
            results[at] = SendResult.ok(batch[at].key, f"{reference}:{to}@{sent_at}", cost)
        for item in errors:
            if not isinstance(item, Mapping):
                continue
            at = claim(item.get("to"))
            if at is None:
                continue
            code, text = _error_fields(item)
            results[at] = SendResult.failed(batch[at].key, self._recipient_error(code, text))
        return [
            result
            if result is not None
            else SendResult.failed(
                message.key,
                OutcomeUnknown(
                    f"{self.label} did not say what happened to this recipient; it may have been sent",
                    code="missing",
                ),
            )
            for message, result in zip(batch, results, strict=True)
        ]

    def _recipient_error(self, code: str | None, text: str) -> ProviderError:
        reason = self.said(text) or "no reason given"
        if code in {"401", "403"}:
            return AccountError(f"{self.label} refused the account: {reason}", code=code)
        if code == "402":
            return AccountError(f"{self.label} says the account is out of SMS points: {reason}", code=code)
        if any(word in text.lower() for word in _PHONE_WORDS):
            return InvalidRecipient(f"{self.label}: {reason}", code=code)
        return MessageRejected(f"{self.label} rejected the message: {reason}", code=code)

    def _whole_request_failure(
        self, error: Mapping[str, Any], batch: Sequence[OutgoingMessage], status: int
    ) -> list[SendResult]:
        code, text = _error_fields(error)
        code = code or str(status)
        reason = self.said(text) or "no reason given"
        if code in {"401", "402", "403", "404"}:
            raise self._account_error(int(code), reason)
        if code == "429":
            raise RateLimited(f"{self.label} asks us to slow down: {reason}", code=code, retry_after=60.0)
        if code.isdigit() and int(code) >= 500:
            raise Transient(f"{self.label} had a server error: {reason}", code=code)
        if len(batch) == 1:
            return [SendResult.failed(batch[0].key, self._recipient_error(code, text))]
        # Several recipients and one error for all: we cannot tell which number (if any) was at fault.
        rejected = MessageRejected(f"{self.label} rejected the request: {reason}", code=code)
        return [SendResult.failed(m.key, rejected) for m in batch]

    # -- errors by HTTP status -------------------------------------------------------------------------------------

    def _account_error(self, status: int, reason: str | None = None) -> AccountError:
        said = f" ({reason})" if reason else ""
        if status == 401:
            text = f"{self.label} refused the username or API key{said}. Check the account settings."
        elif status == 402:
            text = f"{self.label} says the account has too few SMS points{said}. Top up at cpsms.dk."
        elif status == 403:
            text = (
                f"{self.label} refused this computer's IP address{said}: IP validation is on for the account. "
                "Add this IP address under INDSTILLINGER -> API, or turn IP validation off."
            )
        elif status == 404:
            text = f"{self.label} does not know this address{said}. Check the account's base URL."
        else:
            text = f"{self.label} refused the request (HTTP {status}){said}."
        return AccountError(text, code=str(status))

    def _status_error(self, response: httpx.Response, data: Any) -> ProviderError:
        status = response.status_code
        reason = None
        if isinstance(data, Mapping):
            error = data.get("error")
            if isinstance(error, Mapping):
                reason = _error_fields(error)[1] or None
            elif isinstance(error, str):
                reason = error
            elif isinstance(data.get("message"), str):
                reason = data["message"]
        reason = self.said(reason) if reason else None
        if status in (401, 402, 403, 404):
            return self._account_error(status, reason)
        if status == 429:
            # Not documented by CPSMS; handled in case a proxy or a future limit answers it.
            return RateLimited(
                f"{self.label} asks us to slow down", code="429", retry_after=retry_after_seconds(response)
            )
        if 300 <= status < 400:
            return AccountError(
                f"{self.label} redirected the request (HTTP {status}); check the account's base URL",
                code=str(status),
            )
        said = reason or self._sample(response)
        if status == 503 and response.headers.get("Retry-After"):
            return Transient(
                f"{self.label} is unavailable for now (HTTP 503): {said}",
                code="503",
                retry_after=retry_after_seconds(response),
            )
        if status == 500 and reason:
            # CPSMS's own 500 ("server error, retry later"), in its error envelope: it says nothing was sent.
            return Transient(f"{self.label} had a server error (HTTP {status}): {said}", code=str(status))
        if status >= 500:
            # A 5xx not in CPSMS's words (a proxy's 502/504 page, an empty body) may come after CPSMS took it.
            return OutcomeUnknown(
                f"{self.label} answered HTTP {status} with {said}; the messages may have been sent",
                code=str(status),
            )
        # 400, 406 "not acceptable", 409 "nothing to return based on posted data" and anything else: this request
        # was refused as it stands; the campaign goes on.
        return MessageRejected(f"{self.label} rejected the request (HTTP {status}): {said}", code=str(status))

    def _sample(self, response: httpx.Response) -> str:
        return self.sample(response)

    # -- scheduling ------------------------------------------------------------------------------------------------

    def cancel_scheduled(self, message_ids: Sequence[str]) -> CancelOutcome:
        """DELETE /v2/deletesms for each request's `reference` (our ids start with it): CPSMS deletes every SMS
        with that reference. What a success looks like is not documented: any 2xx counts."""
        by_reference: dict[str, list[str]] = {}
        for message_id in message_ids:
            reference = message_id.partition(":")[0]
            if reference:
                by_reference.setdefault(reference, []).append(message_id)
        cancelled: list[str] = []
        problems: list[str] = []
        for reference, ids in by_reference.items():
            response = self.request(
                "DELETE", "/v2/deletesms", json={"reference": reference}, auth=self._auth()
            )
            if 200 <= response.status_code < 300:
                cancelled += ids
            else:
                problems.append(f"{self.label} did not cancel {reference}: {self._sample(response)}")
        return CancelOutcome(tuple(cancelled), "; ".join(problems) or None)

    # -- account information ---------------------------------------------------------------------------------------

    def balance(self) -> Balance:
        response = self.request("GET", "/v2/creditvalue", auth=self._auth())
        data = parse_json(response)
        if response.status_code != 200:
            raise self._status_error(response, data)
        credit = data.get("credit") if isinstance(data, Mapping) else None
        amount = parse_danish_number(credit)
        if amount is None:
            raise Transient(
                f"{self.label} answered the balance question with {self._sample(response)}", code="balance"
            )
        return Balance(amount=amount, currency="points")

    def delivery_status(self, message_ids: Sequence[str]) -> list[DeliveryReport]:
        """One /v2/getlog call (CPSMS allows one per two minutes: the caller paces by
        limits.delivery_status_min_interval) for the window since the oldest message asked about."""
        wanted: list[tuple[str, str, str, int | None]] = []  # (message id, reference, to, sent at)
        for message_id in message_ids:
            match = re.fullmatch(r"(.*):(\d+)(?:@(\d+))?", message_id)
            if match:
                sent = int(match.group(3)) if match.group(3) else None
                wanted.append((message_id, match.group(1), match.group(2), sent))
        if not wanted:
            return []
        times = [sent for *_, sent in wanted if sent is not None]
        path = "/v2/getlog"
        if times and len(times) == len(wanted):
            path = f"/v2/getlog/{min(times) - LOG_WINDOW_MARGIN}/{int(time.time()) + LOG_WINDOW_MARGIN}"
        entries = self._log(path, unreadable=Transient)
        latest: dict[tuple[str, str], Mapping[str, Any]] = {}
        for entry in entries:
            if not isinstance(entry, Mapping):
                continue
            pair = (str(entry.get("userReference") or ""), _digits(entry.get("to")))
            seen = latest.get(pair)
            if seen is None or _as_int(entry.get("timeSent")) >= _as_int(seen.get("timeSent")):
                latest[pair] = entry
        reports = []
        for message_id, reference, to, _sent in wanted:
            entry = latest.get((reference, to))
            if entry is None:
                reports.append(DeliveryReport(message_id, PENDING, "not in the CPSMS log yet"))
            else:
                state, detail = dlr_state(entry.get("dlrStatus"), entry.get("dlrStatusText"))
                reports.append(DeliveryReport(message_id, state, detail))
        return reports

    def _log(self, path: str, *, unreadable: type[ProviderError]) -> list[Any]:
        """The entries of one /v2/getlog answer. An answer that is not a log raises `unreadable` (delivery status
        can simply ask again later; a lookup of unknown messages must leave them unknown)."""
        response = self.request("GET", path, auth=self._auth())
        data = parse_json(response)
        if response.status_code == 409:
            return []  # "nothing to return based on posted data": an empty log for the window
        if response.status_code != 200:
            raise self._status_error(response, data)
        if isinstance(data, list):
            return data
        if isinstance(data, Mapping) and isinstance(data.get("log"), list):
            return data["log"]
        raise unreadable(f"{self.label} answered the log question with {self._sample(response)}", code="log")

    def lookup_accepted(self, queries: Sequence[LookupQuery], now: float | None = None) -> Lookup:
        """One /v2/getlog call for the window around the sending times (the caller keeps LOG_INTERVAL between
        calls). Found: a log entry with the number and a reference of the same campaign. Absent: not in the log
        although the window covers the sending time and `lookup_grace` has passed since."""
        if not queries:
            return Lookup(found={}, absent=frozenset())
        now = time.time() if now is None else now
        since = int(min(q.sent_at for q in queries)) - LOG_WINDOW_MARGIN
        until = int(max(now, max(q.sent_at for q in queries))) + LOG_WINDOW_MARGIN
        entries = self._log(f"/v2/getlog/{since}/{until}", unreadable=OutcomeUnknown)
        seen: dict[tuple[str, str], str] = {}
        for entry in entries:
            if isinstance(entry, Mapping):
                reference, to = str(entry.get("userReference") or ""), _digits(entry.get("to"))
                sent = _as_int(entry.get("timeSent"))
                seen[(_campaign_of(reference), to)] = f"{reference}:{to}@{sent}"  # as send() names it
        found: dict[str, str | None] = {}
        absent: set[str] = set()
        for query in queries:
            message_id = seen.get((_campaign_of(query.key), _digits(query.to)))
            if message_id is not None:
                found[query.key] = message_id
            elif now - query.sent_at >= self.lookup_grace:
                absent.add(query.key)
        return Lookup(found=found, absent=frozenset(absent))


def _campaign_of(key: str) -> str:
    """ "C0007-123" -> "C0007": the campaign part of a message key, as sent (whole) in `reference`."""
    return key.rpartition("-")[0] or key


def dlr_state(status: Any, text: Any) -> tuple[str, str]:
    """CPSMS delivery codes onto our states. Two code sets are published: 2016 docs 1 delivered, 2 failed,
    3 buffered, 4 abandoned; newer sources 1 delivered, 2 failed, 4 buffered, 8 abandoned. 1, 2, 3 and 8 mean the
    same in both. 4 is ambiguous, so it stays pending unless the log's own text says "abandoned". 0 (with an empty
    text) is what the log shows before any receipt arrived."""
    code = _as_int(status, default=-1)
    words = str(text or "").strip()
    detail = f"{code} {words}".strip() if code >= 0 else (words or "no status")
    if code == 1:
        return DELIVERED, detail
    if code in (2, 8):
        return UNDELIVERED, detail
    if code == 4 and "abandon" in words.lower():
        return UNDELIVERED, detail
    return PENDING, detail


def _as_int(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
