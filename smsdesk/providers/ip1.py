"""iP.1 (api.ip1sms.com) REST API v2: batches with Bearer auth, templated personalised texts, per-message statuses.

Facts and doubts (see ../shared/providers.md section 5):
- POST /v2/batches takes `sender`, `recipients` (digits without "+", at most 15), `body` (at most 2000 characters),
  `datacoding` ("gsm"/"ucs", sent from our encoding) and `reference`. `reference` belongs to the batch, not to a
  message: we send the first message's key (for a one-message batch that is exactly its key).
- Personalised texts: `recipients` may be an object keyed by MSISDN with per-recipient placeholder values plus a
  "default" entry, and `body` then carries {placeholders}. plan_requests puts messages that share one template (and
  encoding) in one batch when the template converts cleanly: our placeholders are renamed to plain names iP.1 surely
  accepts (the column's own name when it is plain letters/digits, else p1, p2...), and the batch is only used when
  rendering our way reproduces each message's text exactly, the template has no literal braces (iP.1 documents no
  escape) and no value contains a brace. Otherwise those messages go one text per batch.
- Recipients per batch: not documented for v2 (the legacy V1 guide recommended at most 1000 per request); we send up
  to 1000 (options["max_recipients_per_request"] changes it). 5,000 identical texts are 5 batches.
- The POST answer is not documented. A 2xx confirms the batch only when it names it: the batch id from the body
  (`id`, `batchId`, or a list of message objects) or the Location header. A 2xx that names no batch (an empty
  body, {}, [], an HTML page, {"status": "error"}) confirms nothing: OutcomeUnknown. A JSON error object with a 2xx
  is read like a 4xx. No error body is documented, so a 5xx is "not sent" only as a 503 with Retry-After.
- Read-back: right after a batch is accepted, send() GETs /v2/batches/{id}/messages (one more request per batch,
  more when paginated) to learn each recipient's message id and any immediate rejection status (402
  InsufficientFunds, 403 SenderRejected, 405 RecipientRejected, 406 GenericRejected, 407 InvalidSender). If that
  read fails the batch is still accepted and ids fall back to "batchId/to:<digits>". options["read_back"] = False
  turns it off (ids are then the fallback form).
- Message ids we return are "batchId/messageId": delivery_status() needs the batch to find a message.
  split_message_id() gives the two apart for result lines and exports (`message_id` is iP.1's message id, the
  batch id goes in `batch_id`).
- A refusal that arrives as a message status after the POST (402 InsufficientFunds, 403 SenderRejected) stops the
  campaign: seen in the read-back of the batch just sent, or in a later look at earlier batches whose messages were
  still in progress (checked before each new batch leaves, WATCHED_BATCHES at most).
- Reconciling: GET /v2/batches (newest first) finds the batches whose `reference` is one of our campaign's keys;
  their messages, matched by recipient, say what iP.1 received. Only when the listing was read to its end is a
  message absent from it "not received".
- Status codes by group: 1xx in progress, 2xx final (201 delivered, 202 expired, 203 canceled), 4xx rejected, 5xx
  undeliverable. Message objects may type direction/type/datacoding as integers or strings; we read neither.
- Balance: GET /api/me (note /api/, not /v2/) with PascalCase keys {"Balance", "Currency"}; camelCase accepted too.
  A negative Balance is a post-paid account using its credit line: it is reported, and never a reason to refuse.
- Rate limit: none documented.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

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
    as_number,
    parse_json,
    positive_int,
    retry_after_seconds,
    status_error,
)

BATCHES_PATH = "/v2/batches"
ACCOUNT_PATH = "/api/me"
MAX_BODY = 2000
DEFAULT_RECIPIENTS_PER_REQUEST = 1000
# Messages asked for per page when reading a batch back (the server may page smaller): 100 message objects stay
# under base.MAX_BODY_BYTES even with 2,000-character texts.
PAGE_LIMIT = 100
WATCHED_BATCHES = 3  # earlier batches still in progress, looked at again before the next batch leaves
LOOKUP_PAGES = 20  # pages of the batch listing read when reconciling (2,000 batches, newest first)
MAX_PAGES = 200
FALLBACK_PREFIX = "to:"  # "batchId/to:<digits>": the message id was not learnt, the recipient finds it later

STATUS_NAMES = {
    101: "Accepted",
    102: "Queued",
    103: "Funded",
    104: "Refunded",
    110: "Sending",
    111: "DeliveredToGateway",
    112: "DeliveredToCarrier",
    113: "DeliveredToGSM",
    114: "QueuedAtGateway",
    201: "DeliveredToHandset",
    202: "Expired",
    203: "Canceled",
    402: "InsufficientFunds",
    403: "SenderRejected",
    405: "RecipientRejected",
    406: "GenericRejected",
    407: "InvalidSender",
}

_ALNUM_SENDER = re.compile(r"^[A-Za-z0-9]{3,11}$")
_NUMERIC_SENDER = re.compile(r"^\+?[0-9]{1,15}$")
_PLAIN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,30}$")
_SENDER_WORDS = re.compile(r"sender", re.IGNORECASE)
_RECIPIENT_WORDS = re.compile(r"recipient|msisdn|phone|number", re.IGNORECASE)
_CREDIT_WORDS = re.compile(r"insufficient|funds|balance|credit", re.IGNORECASE)


def status_text(code: int | None) -> str:
    if code is None:
        return "no status yet"
    return f"{code} {STATUS_NAMES.get(code, 'status')}"


def delivery_state(code: int | None) -> str:
    """Our delivery state for an iP.1 message status code (groups: 1xx in progress, 2xx final, 4xx/5xx failed)."""
    if code is None or 100 <= code < 200:
        return PENDING
    if code == 201:
        return DELIVERED
    return UNDELIVERED  # 202 Expired, 203 Canceled, other final codes, 4xx rejections, 5xx undeliverable


# ---------------------------------------------------------------------------------------------------------------
# Templates: our {column} syntax -> iP.1's {placeholder} body with per-recipient values


@dataclass(frozen=True)
class Ip1Template:
    body: str  # the template in iP.1's syntax
    names: dict[str, str]  # our placeholder -> iP.1 placeholder


def _parse_template(text: str) -> list[tuple[bool, str]] | None:
    """Tokens (is_placeholder, text) of a template in SMSDesk's syntax ({name}, {{ and }} literal); None if
    malformed."""
    tokens: list[tuple[bool, str]] = []
    literal: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char in "{}" and text.startswith(char * 2, index):
            literal.append(char)
            index += 2
            continue
        if char == "}":
            return None
        if char == "{":
            end = text.find("}", index + 1)
            name = text[index + 1 : end] if end > 0 else ""
            if not name or "{" in name:
                return None
            if literal:
                tokens.append((False, "".join(literal)))
                literal = []
            tokens.append((True, name))
            index = end + 1
            continue
        literal.append(char)
        index += 1
    if literal:
        tokens.append((False, "".join(literal)))
    return tokens


def convert_template(template: str) -> Ip1Template | None:
    """The template in iP.1's syntax, or None when it cannot be expressed there (malformed, literal braces, no
    placeholder)."""
    tokens = _parse_template(template)
    if not tokens or not any(is_name for is_name, _ in tokens):
        return None
    if any(not is_name and ("{" in part or "}" in part) for is_name, part in tokens):
        return None  # iP.1 documents no escape for a literal brace
    names: dict[str, str] = {}
    taken: set[str] = set()
    for is_name, part in tokens:
        if is_name and part not in names and _PLAIN_NAME.match(part) and part.lower() not in taken:
            names[part] = part
            taken.add(part.lower())
    counter = 0
    for is_name, part in tokens:
        if is_name and part not in names:
            counter += 1
            while f"p{counter}" in taken:
                counter += 1
            names[part] = f"p{counter}"
            taken.add(f"p{counter}")
    body = "".join("{" + names[part] + "}" if is_name else part for is_name, part in tokens)
    return Ip1Template(body, names)


def _template_values(message: OutgoingMessage, template: Ip1Template) -> dict[str, str] | None:
    """This message's values for the iP.1 template, or None when iP.1 would not reproduce its text exactly."""
    if not message.template:
        return None
    values: dict[str, str] = {}
    for ours, theirs in template.names.items():
        value = message.fields.get(ours)
        if value is None:
            return None
        value = str(value)
        if "{" in value or "}" in value:
            return None
        values[theirs] = value
    rendered = re.sub(r"\{([^{}]+)\}", lambda match: values[match.group(1)], template.body)
    return values if rendered == message.text else None


# ---------------------------------------------------------------------------------------------------------------


class Ip1Provider(Provider):
    name = "ip1"
    label = "iP.1"
    default_base_url = "https://api.ip1sms.com"
    secret_label = "API key"
    reads_template_fields = True
    can_lookup = True
    can_test_connection = True  # GET /api/me sends nothing
    limits = ProviderLimits(
        max_characters=MAX_BODY,
        max_recipients_per_request=DEFAULT_RECIPIENTS_PER_REQUEST,
        different_texts_per_request=True,  # templated batches
        requests_per_minute=None,  # not documented
        supports_unicode=True,  # datacoding "ucs"
        sender_rule="3 to 11 letters/digits (A-Z, a-z, 0-9), or a number of up to 15 digits; registered with iP.1",
        has_balance=True,
        has_delivery_status=True,
        scheduling="deliveryWindows [{opens, closes}]",
        schedules=True,
        cancels_scheduled=True,
        cancel_rule="iP.1 cancels a batch only before its delivery window opens",
    )

    def __init__(
        self, account: Account, secret: str, *, client: httpx.Client | None = None, timeout: float = 30.0
    ):
        super().__init__(account, secret, client=client, timeout=timeout)
        options = account.options or {}
        self._per_request = positive_int(
            options.get("max_recipients_per_request"), DEFAULT_RECIPIENTS_PER_REQUEST
        )
        self._read_back = options.get("read_back", True) not in (False, "false", "no", 0, "0")
        self._templates: dict[str, Ip1Template | None] = {}
        self._watched: list[str] = []  # batches whose messages were still in progress at read-back

    # -- account checks ------------------------------------------------------------------------------------------

    @classmethod
    def validate_account(cls, account: Account, secret: str | None = None) -> list[str]:
        problems = super().validate_account(account, secret)
        sender = (account.sender or "").strip()
        if not sender:
            problems.append(
                "iP.1 needs a sender: 3 to 11 letters/digits, or a phone number of up to 15 digits."
            )
        elif not (_ALNUM_SENDER.match(sender) or _NUMERIC_SENDER.match(sender)):
            problems.append(
                f"iP.1 refuses the sender {sender!r}: use 3 to 11 letters/digits (A-Z, a-z, 0-9, no spaces or "
                "Danish letters), or a phone number of up to 15 digits."
            )
        return problems

    def _sender(self) -> str:
        sender = (self.account.sender or "").strip()
        if not sender:
            raise AccountError("iP.1 needs a sender; set one on the account", code="sender")
        return sender.lstrip("+") if _NUMERIC_SENDER.match(sender) else sender

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._secret}", "Accept": "application/json"}

    # -- planning ------------------------------------------------------------------------------------------------

    def template_for(self, message: OutgoingMessage) -> Ip1Template | None:
        """The iP.1 form of the message's template when this message can go in a templated batch."""
        if not message.template or not message.fields:
            return None
        if message.template not in self._templates:
            self._templates[message.template] = convert_template(message.template)
        template = self._templates[message.template]
        if template is None or _template_values(message, template) is None:
            return None
        return template

    def plan_requests(self, messages: Sequence[OutgoingMessage]) -> list[list[OutgoingMessage]]:
        """Identical texts together; personalised texts with one convertible template together (one templated
        batch); never the same number twice in a batch (templated recipients are keyed by number, and read-back
        matches messages by number)."""
        groups: list[list[OutgoingMessage]] = []
        open_groups: dict[tuple[str, str, str], tuple[list[OutgoingMessage], set[str]]] = {}
        for message in messages:
            if self.template_for(message) is not None:
                key = ("template", message.template or "", message.encoding)
            else:
                key = ("text", message.text, message.encoding)
            entry = open_groups.get(key)
            if entry is None or len(entry[0]) >= self._per_request or message.to in entry[1]:
                entry = ([], set())
                open_groups[key] = entry
                groups.append(entry[0])
            entry[0].append(message)
            entry[1].add(message.to)
        return groups

    # -- sending -------------------------------------------------------------------------------------------------

    @staticmethod
    def split_message_id(stored: str | None) -> tuple[str | None, str | None]:
        """(iP.1's message id, its batch id) from the id send() returned ("batchId/messageId")."""
        if not stored or "/" not in stored:
            return stored, None
        batch_id, _, message_id = stored.partition("/")
        return (None if message_id.startswith(FALLBACK_PREFIX) else message_id), batch_id

    def _check_watched(self) -> None:
        """A 402/403 that arrived on an earlier batch after its read-back stops the campaign before the next."""
        for batch_id in list(self._watched):
            try:
                listing = self._batch_messages(batch_id)
            except ProviderError:
                continue
            codes = [latest_status(item) for item in listing]
            for code in codes:
                error = _rejection(code, "")
                if isinstance(error, AccountError):
                    self._watched.clear()
                    raise AccountError(f"{error.reason}; the campaign stops", code=error.code)
            if all(code is not None and code >= 103 for code in codes):
                self._watched.remove(batch_id)

    def send(self, batch: Sequence[OutgoingMessage]) -> list[SendResult]:
        if self._watched:
            self._check_watched()
        results: dict[str, SendResult] = {}
        sendable: list[OutgoingMessage] = []
        for message in batch:
            if len(message.text) > MAX_BODY:
                error = MessageRejected(
                    f"iP.1 takes at most {MAX_BODY} characters; this text has {len(message.text)}",
                    code="body",
                )
                results[message.key] = SendResult.failed(message.key, error)
            else:
                sendable.append(message)
        if sendable:
            for result in self._send_batch(sendable):
                results[result.key] = result
        return [results[message.key] for message in batch]

    def _request_body(self, batch: Sequence[OutgoingMessage]) -> dict[str, Any]:
        recipients: list[str] | dict[str, dict[str, str]]
        if len({message.text for message in batch}) == 1:
            text = batch[0].text
            recipients = [_digits(message.to) for message in batch]
        else:
            template = self.template_for(batch[0])
            if template is None or any(message.template != batch[0].template for message in batch):
                raise ValueError("an iP.1 batch carries one text or one template; use plan_requests")
            text = template.body
            recipients = {}
            for message in batch:
                values = _template_values(message, template)
                if values is None:
                    raise ValueError("this message's text cannot be produced from its template in iP.1")
                recipients[_digits(message.to)] = values
            recipients["default"] = dict.fromkeys(template.names.values(), "")
        return {
            "sender": self._sender(),
            "recipients": recipients,
            "body": text,
            "datacoding": "ucs" if any(message.encoding == UCS2 for message in batch) else "gsm",
            # A batch has one reference: the first message's key (exactly the key for a one-message batch).
            "reference": batch[0].key,
            **self._delivery_windows(),
        }

    def _delivery_windows(self) -> dict[str, Any]:
        if self.scheduled_at is None:
            return {}
        closes = self.schedule_closes or self.scheduled_at + timedelta(days=1)
        window = {
            "opens": self.scheduled_at.isoformat(timespec="seconds"),
            "closes": closes.isoformat(timespec="seconds"),
        }
        return {"deliveryWindows": [window]}

    def _send_batch(self, batch: Sequence[OutgoingMessage]) -> list[SendResult]:
        body = self._request_body(batch)
        response = self.request("POST", BATCHES_PATH, json=body, headers=self._headers())
        status = response.status_code
        if not 200 <= status < 300:
            if 300 <= status < 400 or status == 404:
                # The address is wrong for every message: stop and let the user fix the account.
                raise AccountError(
                    f"iP.1 answered HTTP {status}; check the account's base URL", code=str(status)
                )
            return self._refused(self._error_of(response), batch)
        data = parse_json(response)
        if data is None and response.content.strip():
            raise OutcomeUnknown(
                f"iP.1 accepted the request (HTTP {status}) but answered with {self.sample(response)}"
            )
        if isinstance(data, dict) and _looks_like_error(data):
            return self._refused(self._error_of(response, data), batch)
        batch_id, messages = _batch_of(data, response)
        status_word = data.get("status") if isinstance(data, dict) else None
        if isinstance(status_word, str) and not status_word.strip().isdigit():
            batch_id = None  # a batch's status is a code (112); "failed", "error" is not a batch iP.1 took
        if not batch_id:
            raise OutcomeUnknown(
                f"iP.1 answered HTTP {status} without naming a batch ({self.sample(response)}); "
                "the messages may have been accepted",
                code=str(status),
            )
        if not messages and self._read_back:
            try:
                messages = self._batch_messages(batch_id, expected=len(batch))
            except ProviderError:
                messages = []  # the batch is accepted either way; ids fall back to the recipient form
        codes = [latest_status(item) for item in messages]
        if any(code is None or code < 103 for code in codes) and batch_id not in self._watched:
            self._watched = [*self._watched, batch_id][-WATCHED_BATCHES:]
        return self._match_results(batch, batch_id, messages)

    def _match_results(
        self, batch: Sequence[OutgoingMessage], batch_id: str | None, messages: Iterable[Mapping[str, Any]]
    ) -> list[SendResult]:
        by_recipient: dict[str, list[Mapping[str, Any]]] = {}
        for each in messages:
            by_recipient.setdefault(_digits(_field(each, "recipient", "msisdn", "to") or ""), []).append(each)
        results = []
        for message in batch:
            digits = _digits(message.to)
            found = by_recipient.get(digits)
            item = found.pop(0) if found else None
            if item is None:
                fallback = f"{batch_id}/{FALLBACK_PREFIX}{digits}" if batch_id else None
                results.append(SendResult.ok(message.key, fallback))
                continue
            item_batch = _field(item, "batchId", "batchID") or batch_id
            item_id = _field(item, "id", "messageId")
            message_id = (
                f"{item_batch}/{item_id}"
                if item_batch and item_id
                else (f"{item_batch}/{FALLBACK_PREFIX}{digits}" if item_batch else None)
            )
            code = latest_status(item)
            error = _rejection(code, message.to)
            if error is not None:
                results.append(SendResult.failed(message.key, error))
            else:
                results.append(
                    SendResult.ok(
                        message.key, message_id, as_number(_field(item, "price"), decimal_comma=True)
                    )
                )
        return results

    def _error_of(self, response: httpx.Response, data: Any = None) -> ProviderError:
        status = response.status_code
        data = parse_json(response) if data is None else data
        text = self.said(_error_text(data)) if isinstance(data, dict) else ""
        if status == 429:
            return RateLimited(
                "iP.1 asks us to slow down", code="429", retry_after=retry_after_seconds(response)
            )
        if not text or status >= 500:
            # No error body is documented: a 5xx is "not sent" only as a 503 with Retry-After, else unknown.
            return status_error(response, self.label, self.redact)
        code = str(status)
        if status in (401, 403):
            return AccountError(self.redact(f"iP.1 refused the API key (HTTP {status}): {text}"), code=code)
        if status == 402 or _CREDIT_WORDS.search(text):
            return AccountError(self.redact(f"iP.1: out of credit ({text})"), code=code)
        if _SENDER_WORDS.search(text):
            return AccountError(self.redact(f"iP.1 refused the sender: {text}"), code=code)
        if _RECIPIENT_WORDS.search(text):
            return InvalidRecipient(self.redact(f"iP.1 refused the recipient: {text}"), code=code)
        return MessageRejected(self.redact(f"iP.1 refused the message (HTTP {status}): {text}"), code=code)

    def _refused(self, error: ProviderError, batch: Sequence[OutgoingMessage]) -> list[SendResult]:
        if isinstance(error, (AccountError, RateLimited, Transient, OutcomeUnknown)):
            raise error
        if isinstance(error, InvalidRecipient) and len(batch) > 1:
            # Raised for the whole request: the engine re-sends the recipients one by one to find the bad one.
            raise InvalidRecipient(
                error.reason + f" (one of the {len(batch)} recipients; the answer does not say which)",
                code=error.code,
            )
        return [SendResult.failed(message.key, error) for message in batch]

    # -- reading batches back ------------------------------------------------------------------------------------

    def _batch_messages(self, batch_id: str, expected: int | None = None) -> list[Mapping[str, Any]]:
        """Every message of a batch, following pagination (Link rel="next", else start+limit while pages are
        full)."""
        path = f"{BATCHES_PATH}/{quote(batch_id, safe='')}/messages"
        limit = min(PAGE_LIMIT, max(50, expected)) if expected else PAGE_LIMIT
        params: dict[str, Any] = {"start": 0, "limit": limit, "order": "ASC"}
        collected: list[Mapping[str, Any]] = []
        for _ in range(MAX_PAGES):
            response = self.request("GET", path, params=params, headers=self._headers())
            if not 200 <= response.status_code < 300:
                raise self._error_of(response)
            data = parse_json(response)
            page = data if isinstance(data, list) else _list_in(data)
            if page is None:
                raise Transient(f"iP.1 answered the batch listing with {self.sample(response)}")
            collected.extend(item for item in page if isinstance(item, dict))
            next_params = _next_page(response)
            if next_params is None:
                if not page or len(page) < (as_number(params.get("limit")) or limit):
                    break
                next_params = {**params, "start": int(as_number(params.get("start")) or 0) + len(page)}
            if expected is not None and len(collected) >= expected:
                break
            if next_params == params:
                break
            params = next_params
        return collected

    def _message(self, batch_id: str, message_id: str) -> Mapping[str, Any] | None:
        response = self.request(
            "GET",
            f"{BATCHES_PATH}/{quote(batch_id, safe='')}/messages/{quote(message_id, safe='')}",
            headers=self._headers(),
        )
        if response.status_code == 404:
            return None
        if not 200 <= response.status_code < 300:
            raise self._error_of(response)
        data = parse_json(response)
        if isinstance(data, list) and data and isinstance(data[0], dict):
            data = data[0]
        if not isinstance(data, dict):
            raise Transient(f"iP.1 answered the message query with {self.sample(response)}")
        return data

    def delivery_status(self, message_ids: Sequence[str]) -> list[DeliveryReport]:
        """Delivery state of messages sent earlier; ids as send() returned them ("batchId/messageId")."""
        reports: dict[str, DeliveryReport] = {}
        by_batch: dict[str, list[tuple[str, str]]] = {}
        for full_id in message_ids:
            batch_id, _, part = full_id.partition("/")
            if not batch_id or not part:
                reports[full_id] = DeliveryReport(
                    full_id, PENDING, "not an iP.1 message id (batchId/messageId)"
                )
                continue
            by_batch.setdefault(batch_id, []).append((full_id, part))
        for batch_id, items in by_batch.items():
            if len(items) == 1 and not items[0][1].startswith(FALLBACK_PREFIX):
                full_id, part = items[0]
                item = self._message(batch_id, part)
                reports[full_id] = _report(full_id, item)
                continue
            listing = self._batch_messages(batch_id)
            by_id = {str(_field(item, "id", "messageId")): item for item in listing}
            by_recipient = {_digits(_field(item, "recipient", "msisdn") or ""): item for item in listing}
            for full_id, part in items:
                if part.startswith(FALLBACK_PREFIX):
                    item = by_recipient.get(part[len(FALLBACK_PREFIX) :])
                else:
                    item = by_id.get(part)
                reports[full_id] = _report(full_id, item)
        return [reports[full_id] for full_id in message_ids]

    # -- account information -------------------------------------------------------------------------------------

    # -- scheduling ------------------------------------------------------------------------------------------------

    def cancel_scheduled(self, message_ids: Sequence[str]) -> CancelOutcome:
        """DELETE /v2/batches/{id} for each batch the messages went in (our ids are "batchId/messageId")."""
        by_batch: dict[str, list[str]] = {}
        for message_id in message_ids:
            batch_id = message_id.partition("/")[0]
            if batch_id:
                by_batch.setdefault(batch_id, []).append(message_id)
        cancelled: list[str] = []
        problems: list[str] = []
        for batch_id, ids in by_batch.items():
            response = self.request(
                "DELETE", f"{BATCHES_PATH}/{quote(batch_id, safe='')}", headers=self._headers()
            )
            if 200 <= response.status_code < 300:
                cancelled += ids
            else:
                problems.append(f"{self.label} did not cancel batch {batch_id}: {self.sample(response)}")
        return CancelOutcome(tuple(cancelled), "; ".join(problems) or None)

    def balance(self) -> Balance | None:
        response = self.request("GET", ACCOUNT_PATH, headers=self._headers())
        if not 200 <= response.status_code < 300:
            error = self._error_of(response)
            if isinstance(error, (InvalidRecipient, MessageRejected, OutcomeUnknown)):
                error = Transient(error.reason, code=error.code)
            raise error
        data = parse_json(response)
        if not isinstance(data, dict):
            raise Transient(f"iP.1 answered the account query with {self.sample(response)}")
        amount = as_number(_field(data, "Balance", "balance"), decimal_comma=True)
        if amount is None:
            raise Transient("iP.1's account answer has no balance we can read")
        currency = _field(data, "Currency", "currency")
        # Below zero: a post-paid account on its credit line, which may go on sending.
        return Balance(amount, str(currency).upper() if currency else None, postpaid=amount < 0)

    def lookup_accepted(self, queries: Sequence[LookupQuery], now: float | None = None) -> Lookup:
        """Batches newest first (at most LOOKUP_PAGES pages), those whose reference is a key of our campaign, and
        their messages by recipient. Absent only when the listing was read to its end and the grace has passed."""
        import time

        now = time.time() if now is None else now
        prefixes = {q.key.rpartition("-")[0] + "-" for q in queries}
        ours: list[str] = []
        complete = False
        params: dict[str, Any] = {"start": 0, "limit": PAGE_LIMIT, "order": "DESC"}
        for _ in range(LOOKUP_PAGES):
            response = self.request("GET", BATCHES_PATH, params=params, headers=self._headers())
            if not 200 <= response.status_code < 300:
                error = self._error_of(response)
                raise error if isinstance(error, AccountError) else Transient(error.reason, code=error.code)
            data = parse_json(response)
            page = data if isinstance(data, list) else _list_in(data)
            if page is None:
                raise Transient(f"iP.1 answered the batch listing with {self.sample(response)}")
            for item in page:
                if isinstance(item, dict):
                    reference = str(_field(item, "reference", "Reference") or "")
                    batch_id = _field(item, "id", "batchId", "Id")
                    if batch_id is not None and any(reference.startswith(p) for p in prefixes):
                        ours.append(str(batch_id))
            if len(page) < PAGE_LIMIT:
                complete = True
                break
            params = {**params, "start": int(params["start"]) + len(page)}
        by_recipient: dict[str, tuple[str, Mapping[str, Any]]] = {}
        for batch_id in ours:
            for item in self._batch_messages(batch_id):
                by_recipient.setdefault(_digits(_field(item, "recipient", "msisdn") or ""), (batch_id, item))
        found: dict[str, str | None] = {}
        absent: set[str] = set()
        for query in queries:
            hit = by_recipient.get(_digits(query.to))
            if hit is not None and _rejection(latest_status(hit[1]), query.to) is None:
                batch_id, item = hit
                message_id = _field(item, "id", "messageId")
                found[query.key] = f"{batch_id}/{message_id}" if message_id else batch_id
            elif complete and now - query.sent_at >= self.lookup_grace:
                absent.add(query.key)  # not in any batch, or refused there (a 4xx status): not received
        return Lookup(found=found, absent=frozenset(absent))


# ---------------------------------------------------------------------------------------------------------------
# Reading iP.1's objects


def latest_status(item: Mapping[str, Any]) -> int | None:
    """The newest status code of a message object: `statuses` (latest by `created`, else the last), or `status`."""
    statuses = _field(item, "statuses", "Statuses")
    if isinstance(statuses, list):
        entries = [entry for entry in statuses if isinstance(entry, dict)]
        if entries:
            if all(isinstance(_field(entry, "created", "Created"), str) for entry in entries):
                entries = sorted(entries, key=lambda entry: str(_field(entry, "created", "Created")))
            return _as_code(_field(entries[-1], "code", "Code", "status"))
    status = _field(item, "status", "Status", "statusCode", "code")
    if isinstance(status, dict):
        status = _field(status, "code", "Code")
    return _as_code(status)


def _report(full_id: str, item: Mapping[str, Any] | None) -> DeliveryReport:
    if item is None:
        return DeliveryReport(full_id, PENDING, "iP.1 does not know this message (yet)")
    code = latest_status(item)
    return DeliveryReport(full_id, delivery_state(code), status_text(code))


def _rejection(code: int | None, to: str) -> ProviderError | None:
    """The typed error for a status that says the message was refused at once (4xx), else None."""
    if code is None or not 400 <= code < 500:
        return None
    detail = status_text(code)
    if code == 402:
        return AccountError(f"iP.1: out of credit ({detail})", code=str(code))
    if code == 403:
        return AccountError(
            f"iP.1 refused the sender ({detail}): register or verify it with iP.1", code="403"
        )
    if code == 407:
        return AccountError(f"iP.1 says the sender is invalid ({detail})", code="407")
    if code == 405:
        return InvalidRecipient(f"iP.1 refused the recipient {to} ({detail})", code="405")
    return MessageRejected(f"iP.1 refused the message to {to} ({detail})", code=str(code))


def _batch_of(data: Any, response: httpx.Response) -> tuple[str | None, list[Mapping[str, Any]]]:
    """(batch id, message objects) from the undocumented POST answer: a batch object, a list of messages, or
    nothing but a Location header."""
    messages: list[Mapping[str, Any]] = []
    batch_id = None
    if isinstance(data, list):
        messages = [item for item in data if isinstance(item, dict)]
        batch_id = next(
            (_field(item, "batchId", "batchID") for item in messages if _field(item, "batchId")), None
        )
    elif isinstance(data, dict):
        batch_id = _field(data, "id", "batchId", "batchID", "Id", "BatchId")
        inner = _field(data, "messages", "Messages")
        if isinstance(inner, list):
            messages = [item for item in inner if isinstance(item, dict)]
    if batch_id is None:
        location = response.headers.get("Location") or ""
        match = re.search(r"/batches/([^/?#]+)", location)
        if match:
            batch_id = match.group(1)
    return (str(batch_id) if batch_id is not None else None), messages


def _looks_like_error(data: Mapping[str, Any]) -> bool:
    if _field(data, "id", "batchId", "Id") is not None:
        return False
    if data.get("success") is False:
        return True
    return any(name in data for name in ("error", "errors", "Error", "Errors", "modelState", "ModelState"))


def _error_text(data: Mapping[str, Any]) -> str:
    parts: list[str] = []
    for name in ("error", "Error", "message", "Message", "title", "detail", "errors", "Errors", "modelState"):
        value = data.get(name)
        if isinstance(value, str) and value.strip():
            parts.append(value.strip())
        elif isinstance(value, dict):
            for inner in value.values():
                for item in inner if isinstance(inner, list) else [inner]:
                    if isinstance(item, str):
                        parts.append(item)
                    elif isinstance(item, dict):
                        parts.append(_error_text(item))
        elif isinstance(value, list):
            parts.extend(str(item) for item in value if isinstance(item, (str, int)))
    text = " ".join(part for part in parts if part)
    return text[:300]


def _list_in(data: Any) -> list[Any] | None:
    if isinstance(data, dict):
        for name in ("messages", "items", "data", "Messages", "Items"):
            if isinstance(data.get(name), list):
                return data[name]
    return None


def _next_page(response: httpx.Response) -> dict[str, Any] | None:
    """Query parameters of the Link rel="next" page; we keep our own base URL (it may be a proxy)."""
    link = response.links.get("next") if response.headers.get("Link") else None
    if not link or not link.get("url"):
        return None
    query = parse_qs(urlsplit(link["url"]).query)
    params = {name: values[0] for name, values in query.items() if values}
    return params or None


def _field(data: Mapping[str, Any], *names: str) -> Any:
    for name in names:
        if name in data and data[name] is not None:
            return data[name]
    return None


def _as_code(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _digits(value: Any) -> str:
    return re.sub(r"\D", "", str(value))
