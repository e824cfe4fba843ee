"""The one interface every provider implements, with its result and error types.

A provider adapter turns planned messages into HTTP requests exactly as its provider documents them, and turns every
documented answer (and every undocumented one: HTML error pages, empty bodies, broken JSON) into one of a few typed
outcomes. The engine decides what to do from the type alone:

    InvalidRecipient, MessageRejected -> that message failed, the campaign goes on
    Transient                         -> the request did not take effect; retry with back-off
    RateLimited                       -> wait `retry_after` seconds, then retry; nothing lost
    AccountError                      -> stop the campaign, keep the rest pending, tell the user why
    OutcomeUnknown                    -> the request may have reached the provider (timeout after sending,
                                         connection dropped mid-answer, unparseable 2xx): never retried
                                         automatically, the journal marks the messages `unknown`

The rule every adapter's answer reading keeps: an answer means "not sent" (Transient, RateLimited, MessageRejected,
InvalidRecipient, AccountError) only when the provider itself says so, in its documented error envelope or with a
documented status (a 4xx with its error body, a 429, a 503 with Retry-After, CPSMS's own 500 body, Txty's
INTERNAL_ERROR object), or when the request provably never left (connection refused, DNS, TLS before sending, a
header that could not be built). Everything else that may have reached the provider is OutcomeUnknown: a 5xx
without the provider's envelope (an HTML page from a proxy, an empty body), 502/504, a read timeout, a connection
reset after the request was written, a 2xx that does not confirm the send in the documented shape, an answer over
MAX_BODY_BYTES or one that did not finish within CALL_DEADLINE. Per-number answers count whatever the top-level
verdict of the same answer says.

Reconciling: where the API lists what it accepted (`Provider.can_lookup`), `lookup_accepted()` tells which unknown
messages the provider has (found, with its id) and which it positively has not (absent from a log that covers the
sending time); engine/reconcile.py settles them.

Secrets: an adapter receives its secret once, keeps it in a private attribute and never puts it in a repr, a log
line or an exception message. Every reason an adapter's public methods raise or return is passed through
`redact()` (every form of the secret: raw, URL-encoded either case, base64 of the key and of `username:key`,
JSON-escaped, and any 12-character start of those) and only then cut to MAX_REASON characters, so a cut can never
leave a piece of a key that the redaction no longer recognises.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import heapq
import ipaddress
import itertools
import json
import logging
import math
import re
import socket
import sys
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple
from urllib.parse import quote, quote_plus, urlsplit

from smsdesk.core.account import Account
from smsdesk.core.states import DeliveryState

if TYPE_CHECKING:
    from datetime import datetime

    import httpx

log = logging.getLogger(__name__)


class _HideQueryInHttpxLog(logging.Filter):
    """httpx logs `HTTP Request: GET <url> ...` at INFO with the query string, where some providers (Txty) put
    their token. Every provider goes through httpx, so the filter is installed here, once, for all of them."""

    def filter(self, record: logging.LogRecord) -> bool:
        httpx = sys.modules.get(
            "httpx"
        )  # httpx is imported lazily (start-up time); no httpx, no httpx records
        if httpx is None:
            return True
        if isinstance(record.args, tuple) and any(isinstance(arg, httpx.URL) for arg in record.args):
            record.args = tuple(
                arg.copy_with(query=None) if isinstance(arg, httpx.URL) and arg.query else arg
                for arg in record.args
            )
        return True


def _install_httpx_log_filter() -> None:
    logger = logging.getLogger("httpx")
    if not any(isinstance(existing, _HideQueryInHttpxLog) for existing in logger.filters):
        logger.addFilter(_HideQueryInHttpxLog())


_install_httpx_log_filter()

GSM7 = "GSM-7"
UCS2 = "UCS-2"


# ---------------------------------------------------------------------------------------------------------------
# What goes in


# OutgoingMessage and SendResult are named tuples, not frozen dataclasses: just as immutable, and built about three
# times faster (a frozen dataclass sets each field through object.__setattr__). The engine builds one of each per
# message, 500 per request on the providers that batch, on the thread that keeps the journal.
_NO_FIELDS: Mapping[str, str] = MappingProxyType({})


class OutgoingMessage(NamedTuple):
    key: str  # our message key, unique and stable across retries; sent as the provider's reference where it has one
    to: str  # E.164 with "+", e.g. "+4512345678"
    text: str  # the rendered text
    encoding: str  # GSM7 or UCS2, from core.encoding
    segments: int
    # Per-recipient template values and the raw template; lets a provider that takes templated batches (iP.1)
    # send personalised texts in one request. Empty when the text is the same for everybody.
    fields: Mapping[str, str] = _NO_FIELDS
    template: str | None = None


# ---------------------------------------------------------------------------------------------------------------
# What comes out


class ProviderError(Exception):
    """Base of the typed outcomes. `reason` is a short text fit for the user (no secret, no raw body dump)."""

    kind: ClassVar[str] = "error"

    def __init__(self, reason: str, *, code: str | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.code = code  # the provider's own code, e.g. "CANNOT_AFFORD", "402"
        self.retry_after = retry_after

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.reason!r}, code={self.code!r})"


class InvalidRecipient(ProviderError):
    kind = "invalid_recipient"


class MessageRejected(ProviderError):
    kind = "message_rejected"


class Transient(ProviderError):
    """The request did not take effect (connection refused, 5xx, timeout before sending): safe to retry."""

    kind = "transient"


class RateLimited(ProviderError):
    kind = "rate_limited"


class AccountError(ProviderError):
    """Bad credentials, out of credit, sender refused, IP not allowed: the campaign must stop."""

    kind = "account"


class OutcomeUnknown(ProviderError):
    """The request may or may not have been accepted. Never retried without the user asking."""

    kind = "unknown"


class SendResult(NamedTuple):
    key: str
    accepted: bool
    message_id: str | None = None
    cost: float | None = None  # in the provider's unit (points, currency), where it says
    error: ProviderError | None = (
        None  # set when not accepted: InvalidRecipient, MessageRejected, AccountError...
    )

    @classmethod
    def ok(cls, key: str, message_id: str | None = None, cost: float | None = None) -> SendResult:
        return cls(key=key, accepted=True, message_id=message_id, cost=cost)

    @classmethod
    def failed(cls, key: str, error: ProviderError) -> SendResult:
        return cls(key=key, accepted=False, error=error)


@dataclass(frozen=True)
class CancelOutcome:
    """What cancel_scheduled() achieved: the message ids the provider took back, and why the rest were not."""

    cancelled: tuple[str, ...]
    problem: str | None = None  # None: every message asked about was cancelled


@dataclass(frozen=True)
class Balance:
    amount: float | None
    currency: str | None  # "DKK", "SEK", "points", "credits"...
    postpaid: bool = False  # the account sends on credit (iP.1 below zero): a low amount refuses nothing


# Delivery states the app shows (core.states.DeliveryState), by the names the adapters use.
DELIVERED = DeliveryState.DELIVERED
UNDELIVERED = DeliveryState.UNDELIVERED
PENDING = DeliveryState.PENDING


@dataclass(frozen=True)
class DeliveryReport:
    message_id: str
    state: str  # DELIVERED, UNDELIVERED or PENDING
    detail: str | None = None  # the provider's own words or code


@dataclass(frozen=True)
class ProviderLimits:
    max_characters: int | None  # per message, in characters; None: not documented
    max_recipients_per_request: int  # 1 where the API takes one number per call
    different_texts_per_request: (
        bool  # True only where one request can carry per-recipient texts (iP.1 templates)
    )
    requests_per_minute: int | None  # documented rate limit; None: not documented
    supports_unicode: bool
    sender_rule: str  # for the user, e.g. "up to 11 letters/digits, or up to 15 digits"
    has_balance: bool
    has_delivery_status: bool
    delivery_status_min_interval: float = 0.0  # seconds between delivery-status queries (CPSMS log: 120)
    scheduling: str | None = None  # how the API schedules, for the README table; None: it cannot
    requests_per_hour: int | None = None  # documented hourly limit (customersms 5,000); None: none documented
    requests_per_day: int | None = None  # documented daily limit (customersms 50,000)
    # Scheduling as SMSDesk uses it (issue 16): True where send() hands messages over with Provider.scheduled_at.
    schedules: bool = False
    cancels_scheduled: bool = False  # cancel_scheduled() can take them back
    cancel_notice: float = 0.0  # seconds before the time after which the API refuses to cancel
    cancel_rule: str | None = (
        None  # the rule in a sentence for the user, e.g. "only more than 10 minutes ahead"
    )
    max_schedule_ahead: float | None = None  # seconds; None: not documented (SMSDesk's own cap applies)


# How much of a provider's answer is read, and how long one call may take. A send's answer is a few kB even for a
# thousand recipients (iP.1's read-back pages are kept to 100 messages, under 1 MB even with 2,000-character
# texts); anything bigger is a broken or hostile server, and reading it whole once grew a send to 24 GB.
MAX_BODY_BYTES = 1_000_000  # 1 MB
# Connect, headers and body of one call together: per-read timeouts alone let a server that sends one byte a
# second hold a call forever.
CALL_DEADLINE = 60.0
# The longest Retry-After we wait: 10 minutes (a provider asking for more, or for "nan", gets 10 minutes; the user
# can cancel, and the engine stops after a bounded number of refusals).
MAX_WAIT = 600.0
MAX_REASON = 300  # characters of a reason kept after redaction; the provider's own words are cut to EXCERPT
EXCERPT = 160


@dataclass(frozen=True)
class Lookup:
    """What a provider's list of accepted messages says about messages whose fate was unknown.

    found: our message key -> the provider's message id (None where it has none);
    absent: keys of messages the list positively does not hold, although it covers their sending time;
    the rest: the list cannot tell (yet)."""

    found: Mapping[str, str | None]
    absent: frozenset[str]


class LookupQuery(NamedTuple):
    key: str  # our message key (what the adapter sent as reference)
    to: str  # E.164
    sent_at: float  # unix time the request was claimed (it left after that)


# ---------------------------------------------------------------------------------------------------------------
# The interface


class Provider(ABC):
    """One provider's API. Instances are cheap; the engine makes one per campaign run and closes it afterwards.

    Adapters must be safe to call from a worker thread (one call at a time per instance is enough; the engine
    makes one instance per concurrent worker if it wants more than one request in flight).
    """

    name: ClassVar[str]  # "cpsms", matches Account.provider
    label: ClassVar[str]  # "CPSMS.dk", for people
    default_base_url: ClassVar[str]
    limits: ClassVar[ProviderLimits]
    # True where send() reads OutgoingMessage.fields and .template (iP.1 sends personalised texts as one templated
    # batch). Elsewhere the sender leaves them empty: reading and wrapping every recipient's columns costs a fifth
    # of the journal's work per message.
    reads_template_fields: ClassVar[bool] = False
    # What the account needs besides the secret, for the account dialog and `accounts add`.
    needs_username: ClassVar[bool] = False
    secret_label: ClassVar[str] = "API key"
    # True where lookup_accepted() can ask the provider which messages it accepted (CPSMS log, iP.1 batches, the
    # sandbox); elsewhere an unknown message stays unknown until the user decides.
    can_lookup: ClassVar[bool] = False
    # Seconds after the sending time before "not in the provider's list" counts as "not received": a list may lag.
    lookup_grace: ClassVar[float] = 300.0
    # True where test_connection() can reach the provider without sending an SMS (a balance or account call).
    can_test_connection: ClassVar[bool] = False
    call_deadline: float = CALL_DEADLINE  # per call; an instance may be given less (tests, quick checks)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Whatever an adapter raises or returns from its public calls passes through one redaction, so no form of
        # the key reaches the journal, an export, a log or a terminal even when an adapter forgot one.
        for name in ("send", "balance", "delivery_status", "lookup_accepted", "test_connection"):
            method = cls.__dict__.get(name)
            if method is not None and not getattr(method, "_scrubs", False):
                setattr(cls, name, _scrubbing(method))

    # Set by schedule(): send() then hands every message over to be sent at this moment (limits.schedules).
    scheduled_at: datetime | None = None
    schedule_closes: datetime | None = None  # the end of the delivery window, where the API takes one (iP.1)

    def __init__(
        self, account: Account, secret: str, *, client: httpx.Client | None = None, timeout: float = 30.0
    ):
        self.account = account
        self._secret = secret
        self.base_url = checked_base_url(account.base_url or self.default_base_url)
        self._client = client or make_client(timeout)
        self._owns_client = client is None

    def __repr__(self) -> str:  # never the secret
        return f"<{type(self).__name__} account={self.account.name!r} base_url={self.base_url!r}>"

    # -- account checks, before any send -------------------------------------------------------------------------

    @classmethod
    def validate_account(cls, account: Account, secret: str | None = None) -> list[str]:
        """Problems with the account's settings (sender rules, missing username...), as sentences for the user."""
        problems: list[str] = []
        if cls.needs_username and not (account.username or "").strip():
            problems.append(f"{cls.label} needs a username.")
        if secret is not None and not secret.strip():
            problems.append(f"{cls.label} needs an {cls.secret_label}.")
        return problems

    # -- sending ---------------------------------------------------------------------------------------------------

    def plan_requests(self, messages: Sequence[OutgoingMessage]) -> list[list[OutgoingMessage]]:
        """Group messages into as few requests as the API allows, in order. Default: identical texts together, up to
        max_recipients_per_request; different texts one per request unless the API takes per-recipient texts."""
        limit = max(1, self.limits.max_recipients_per_request)
        groups: list[list[OutgoingMessage]] = []
        by_text: dict[tuple[str, str], list[OutgoingMessage]] = {}
        for message in messages:
            group_key = (message.text, message.encoding)
            group = by_text.get(group_key)
            if group is None or len(group) >= limit:
                group = []
                by_text[group_key] = group
                groups.append(group)
            group.append(message)
        return groups

    @abstractmethod
    def send(self, batch: Sequence[OutgoingMessage]) -> list[SendResult]:
        """Send one request's worth of messages (a group from plan_requests).

        Returns one SendResult per message, in the same order, for per-message outcomes. Raises Transient,
        RateLimited, AccountError or OutcomeUnknown when the whole request has that outcome.
        """

    # -- scheduling ------------------------------------------------------------------------------------------------

    def schedule(self, opens: datetime, closes: datetime | None = None) -> None:
        """From now on send() asks the provider to send at `opens` (timezone-aware)."""
        if not self.limits.schedules:
            raise ValueError(f"{self.label} cannot schedule messages; SMSDesk keeps the time itself")
        if opens.tzinfo is None:
            raise ValueError("a scheduled time needs its time zone")
        self.scheduled_at, self.schedule_closes = opens, closes

    def cancel_scheduled(self, message_ids: Sequence[str]) -> CancelOutcome:
        """Take back messages sent with a time (ids as send() returned them). Default: the API cannot."""
        return CancelOutcome((), self.limits.cancel_rule or f"{self.label} cannot cancel scheduled messages")

    # -- account information ---------------------------------------------------------------------------------------

    def balance(self) -> Balance | None:
        """The account's balance, or None where the API cannot tell. Raises ProviderError subclasses."""
        return None

    def delivery_status(self, message_ids: Sequence[str]) -> list[DeliveryReport]:
        """Delivery state of messages sent earlier, where the API can be asked. Default: it cannot."""
        return []

    def lookup_accepted(self, queries: Sequence[LookupQuery], now: float | None = None) -> Lookup:
        """Which of these messages (whose fate was unknown) the provider accepted, where its API lists them
        (`can_lookup`). Default: it cannot tell. Raises ProviderError subclasses (AccountError: credentials)."""
        return Lookup(found={}, absent=frozenset())

    def test_connection(self) -> str:
        """Contact the provider without sending an SMS and say what it answered, where the API allows it
        (`can_test_connection`); raises ProviderError when it refuses or cannot be reached. Default: the balance
        call."""
        amount = self.balance()
        if amount is None or amount.amount is None:
            return f"{self.label} accepted the settings."
        unit = f" {amount.currency}" if amount.currency else ""
        return f"Balance: {amount.amount:,.2f}".rstrip("0").rstrip(".") + unit

    @staticmethod
    def split_message_id(stored: str | None) -> tuple[str | None, str | None]:
        """(the provider's message id, its batch id) from the id send() returned, for result lines and exports.
        Default: the id as it is, no batch."""
        return stored, None

    def close(self) -> None:
        if self._owns_client:
            self._client.close()

    def __enter__(self) -> Provider:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- helpers for adapters --------------------------------------------------------------------------------------

    def redact(self, text: str) -> str:
        """Text with every form of the secret blanked, for anything that might quote a request."""
        return redact_secret(text, self._secret, self.account.username)

    def said(self, text: Any, limit: int = EXCERPT) -> str:
        """A short, single-line excerpt of the provider's own words, redacted before it is cut."""
        return excerpt(self.redact(str(text if text is not None else "")), limit)

    def sample(self, response: httpx.Response) -> str:
        """short_body(), redacted before it is cut."""
        return short_body(response, redact=self.redact)

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One HTTP call with httpx errors mapped onto the typed outcomes, its answer read whole (at most
        MAX_BODY_BYTES) within `call_deadline` seconds.

        Connection refused / DNS / connect timeout / a header that cannot be built: never left -> Transient
        (AccountError for a key that cannot go in a header).
        Read timeout, connection dropped after sending, an answer too long or too slow: it may have arrived ->
        OutcomeUnknown.
        Responses of any status are returned for the adapter to map.
        """
        import httpx

        url = self.base_url.rstrip("/") + "/" + path.lstrip("/")
        watchdog = _Watchdog(self.call_deadline)
        error: ProviderError
        try:
            with watchdog:
                extensions = {**kwargs.pop("extensions", {}), "trace": watchdog.trace}
                with self._client.stream(method, url, extensions=extensions, **kwargs) as streamed:
                    watchdog.watch(streamed.extensions.get("network_stream"))
                    body = _read_capped(streamed)
                    if body is None:
                        error = OutcomeUnknown(
                            f"{self.label} sent an answer longer than {MAX_BODY_BYTES // 1_000_000} MB, the most "
                            "SMSDesk reads; it was not read, so whether the request took effect is unknown",
                            code="too_long",
                        )
                    else:
                        return _finished(streamed, body)
        except httpx.HTTPError as exc:
            error = watchdog.error(self.label) if watchdog.expired else _transport_error(exc, self.label)
        except (UnicodeEncodeError, ValueError) as exc:
            # httpx refuses to build a header (non-ASCII, a line break): nothing left this computer.
            if watchdog.expired:
                error = watchdog.error(self.label)
            else:
                error = AccountError(
                    f"The {self.secret_label} or username of the account holds characters that cannot be sent "
                    f"to {self.label} ({type(exc).__name__}); enter it again",
                    code="header",
                )
        # Raised outside the except block so the httpx error (whose request URL may carry a secret in its query)
        # is not even reachable as __context__.
        raise error


class _Deadlines:
    """One thread for the process that ends calls past their deadline (a timer thread per call cost 0.6 ms, more
    than the call itself on loopback). Finished calls stay in the heap until their time comes, then drop out."""

    def __init__(self) -> None:
        self._ready = threading.Condition()
        self._heap: list[tuple[float, int, _Watchdog]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    def add(self, watchdog: _Watchdog) -> None:
        entry = (time.monotonic() + watchdog.deadline, next(self._order), watchdog)
        with self._ready:
            heapq.heappush(self._heap, entry)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="provider-deadlines", daemon=True)
                self._thread.start()
            if self._heap[0] is entry:
                self._ready.notify()

    def _run(self) -> None:
        with self._ready:
            while True:
                if not self._heap:
                    self._ready.wait()
                    continue
                when, _, watchdog = self._heap[0]
                wait = when - time.monotonic()
                if wait > 0:
                    self._ready.wait(wait)
                    continue
                heapq.heappop(self._heap)
                if not watchdog.done:
                    watchdog.expire()


_DEADLINES = _Deadlines()


class _Watchdog:
    """Ends a call that runs past its deadline: shuts the socket down under the thread reading it, which then gets
    an error at once (a per-read timeout never fires for a server that sends a byte a second)."""

    def __init__(self, deadline: float):
        self.deadline = deadline
        self.expired = False
        self.done = False
        self._lock = threading.Lock()
        self._sockets: list[Any] = []

    def __enter__(self) -> _Watchdog:
        _DEADLINES.add(self)
        return self

    def __exit__(self, *exc: object) -> None:
        self.done = True

    def trace(self, event: str, info: Mapping[str, Any]) -> None:
        # httpcore's trace hook: a new connection's stream arrives with connect_tcp/start_tls "complete".
        if event.endswith(".complete") and ("connect_tcp" in event or "start_tls" in event):
            self.watch(info.get("return_value"))

    def watch(self, stream: Any) -> None:
        if stream is None or not hasattr(stream, "get_extra_info"):
            return
        try:
            sock = stream.get_extra_info("socket")
        except Exception:  # a stream that cannot say: the per-read timeout still bounds it
            return
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            _shut(sock)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)

    def error(self, label: str) -> OutcomeUnknown:
        return OutcomeUnknown(
            f"{label} did not finish answering within {self.deadline:g} seconds; the call was ended and the "
            "message may have been accepted",
            code="deadline",
        )


def _shut(sock: Any) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _read_capped(response: httpx.Response) -> bytes | None:
    """The decoded body, or None when it runs past MAX_BODY_BYTES (the rest is never read)."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


_STREAM_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


def _finished(streamed: httpx.Response, body: bytes) -> httpx.Response:
    """A plain, fully read response with the body already decoded (adapters read .content, .text, .headers)."""
    import httpx

    headers = [(k, v) for k, v in streamed.headers.multi_items() if k.lower() not in _STREAM_HEADERS]
    return httpx.Response(streamed.status_code, headers=headers, content=body, request=streamed.request)


def _scrubbing(method: Any) -> Any:
    """The method, with every reason it raises or returns redacted and then cut (see the module doc)."""

    @functools.wraps(method)
    def call(self: Provider, *args: Any, **kwargs: Any) -> Any:
        try:
            result = method(self, *args, **kwargs)
        except ProviderError as exc:
            scrub_error(exc, self.redact)
            raise
        if isinstance(result, list):
            for item in result:
                error = getattr(item, "error", None)
                if isinstance(error, ProviderError):
                    scrub_error(error, self.redact)
        return result

    call._scrubs = True  # type: ignore[attr-defined]
    return call


def scrub_error(error: ProviderError, redact: Any) -> None:
    reason = excerpt(redact(error.reason), MAX_REASON)
    if reason != error.reason:
        error.reason = reason
        error.args = (reason,)
    if error.code is not None:
        error.code = excerpt(redact(str(error.code)), 40)


def _transport_error(exc: httpx.HTTPError, label: str) -> ProviderError:
    import httpx

    name = type(exc).__name__
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return Transient(f"Could not reach {label}: {name}")
    if isinstance(exc, httpx.LocalProtocolError | httpx.UnsupportedProtocol):
        return Transient(f"The request to {label} could not be built ({name}); nothing was sent")
    if isinstance(exc, httpx.ReadTimeout | httpx.WriteTimeout | httpx.RemoteProtocolError | httpx.ReadError):
        return OutcomeUnknown(
            f"No answer from {label} after the request was sent ({name}); the message may have been accepted"
        )
    return OutcomeUnknown(f"HTTP error talking to {label}: {name}")


# ---------------------------------------------------------------------------------------------------------------
# Shared helpers


def make_client(timeout: float = 30.0) -> httpx.Client:
    # Imported here, not at the top: the app's start-up reaches this module (Account) long before any request.
    import httpx

    # TLS verification is always on; no user setting turns it off.
    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=10.0),
        verify=True,
        follow_redirects=False,
        headers={"User-Agent": "SMSDesk"},
    )


def is_loopback_host(host: str) -> bool:
    if host in {"localhost", "localhost.localdomain"}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def checked_base_url(url: str) -> str:
    """A base URL we agree to talk to: https anywhere, plain http only to this machine (sandbox, tests)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(f"Not a web address: {url!r} (expected https://host/...)")
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        raise ValueError(
            f"Plain http is only allowed to this computer (localhost); use https for {parts.hostname}"
        )
    return url.strip().rstrip("/")


PREFIX = 12  # a start of a secret's form this long is blanked too (a provider may echo a cut request)


@functools.lru_cache(maxsize=64)
def secret_forms(secret: str, username: str | None = None) -> tuple[str, ...]:
    """Every spelling of the secret a request or its echo may carry, longest first."""
    forms = {secret, quote(secret, safe=""), quote(secret), quote_plus(secret)}
    forms |= {re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), form) for form in list(forms)}
    escaped = json.dumps(secret)[1:-1]
    forms |= {escaped, escaped.replace("/", "\\/")}
    for raw in (secret, f"{username}:{secret}" if username else None, f":{secret}"):
        if raw:
            encoded = base64.b64encode(raw.encode("utf-8")).decode("ascii")
            forms |= {encoded, encoded.rstrip("="), base64.urlsafe_b64encode(raw.encode("utf-8")).decode()}
    return tuple(sorted((form for form in forms if len(form) >= 4), key=len, reverse=True))


def redact_secret(text: str, secret: str | None, username: str | None = None) -> str:
    """`text` with every form of `secret` (secret_forms) blanked, and any run of 12 or more characters that starts
    one of those forms (a cut echo)."""
    if not secret or not text:
        return text
    for form in secret_forms(secret, username):
        text = text.replace(form, "***")
        if len(form) > PREFIX:
            text = _blank_starts(text, form)
    return text


def _blank_starts(text: str, form: str) -> str:
    start = form[:PREFIX]
    index = text.find(start)
    while index >= 0:
        end = index + PREFIX
        while end < len(text) and end - index < len(form) and text[end] == form[end - index]:
            end += 1
        text = text[:index] + "***" + text[end:]
        index = text.find(start, index + 3)
    return text


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """One line of at most `limit` characters (redact BEFORE calling this)."""
    text = " ".join(str(text).split())
    return (text[:limit] + "…") if len(text) > limit else text


def parse_json(response: httpx.Response) -> Any:
    """The body as JSON, or None when it is empty, HTML or broken. Adapters decide what None means for them."""
    if not response.content or not response.content.strip():
        return None
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return None


def retry_after_seconds(response: httpx.Response, default: float = 60.0) -> float:
    """Seconds to wait from Retry-After (seconds or HTTP date) or X-RateLimit-Reset (epoch or seconds).

    Never raises: an unreadable or non-finite value means `default`, and waits are clamped to [0, MAX_WAIT].
    """
    import email.utils
    import math

    def clamp(seconds: float) -> float:
        if math.isnan(seconds):
            return default
        return min(MAX_WAIT, max(0.0, seconds))  # "99999999999999999999" and "inf" wait MAX_WAIT

    value = (response.headers.get("Retry-After") or "").strip()
    if value:
        try:
            return clamp(float(value))
        except ValueError:
            pass
        try:
            return clamp(email.utils.parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError, IndexError, OverflowError):
            return default
    reset = (response.headers.get("X-RateLimit-Reset") or "").strip()
    if reset:
        try:
            number = float(reset)
        except ValueError:
            return default
        # Epoch seconds when it looks like a timestamp, else seconds from now.
        return clamp(number - time.time() if number > 1_000_000_000 else number)
    return default


def as_number(value: Any, *, decimal_comma: bool = False) -> float | None:
    """A number from an API field that may be a number, a numeric string or junk; None for junk, bools, NaN, inf.

    A lone comma in a string is a thousands separator ("1,000") unless `decimal_comma` says the API writes
    "12,5"; with both "." and "," present, whichever comes last is the decimal mark ("1.234,5", "1,234.5").
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        text = value.replace(" ", "").strip()
        if "," in text and "." in text:
            decimal_mark_is_comma = text.rindex(",") > text.rindex(".")
        else:
            decimal_mark_is_comma = decimal_comma and "," in text
        text = text.replace(".", "").replace(",", ".") if decimal_mark_is_comma else text.replace(",", "")
        try:
            number = float(text)
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def as_int(value: Any) -> int | None:
    number = as_number(value)
    return int(number) if number is not None else None


def positive_int(value: Any, default: int) -> int:
    """A positive whole number from an API field or an account option, else `default`."""
    number = as_number(value)
    return int(number) if number is not None and number >= 1 else default


def short_body(response: httpx.Response, limit: int = 120, redact: Any = None) -> str:
    """A short, single-line sample of a body for an error reason; `redact` (the adapter's) runs before the cut."""
    text = response.text if response.content else ""
    text = " ".join(text.split())
    if text.lower().startswith(("<!doctype", "<html", "<?xml", "<head", "<body")):
        return "an HTML page instead of an API answer"
    if redact is not None:
        text = redact(text)
    return excerpt(text, limit) if text else "an empty answer"


def status_error(
    response: httpx.Response, label: str, redact: Any = None, *, envelope: bool = False
) -> ProviderError:
    """The generic mapping of an HTTP status with no better provider-specific reading.

    A 5xx means "not sent" only when the provider says so: `envelope` (its own documented error body) or a 503
    with Retry-After. Any other 5xx (a proxy's HTML page, an empty body, 502/504) may come after the provider took
    the request: OutcomeUnknown."""
    code = response.status_code
    sample = short_body(response, redact=redact)
    if code == 429:
        return RateLimited(
            f"{label} asks us to slow down", code="429", retry_after=retry_after_seconds(response)
        )
    if code in (401, 403):
        return AccountError(f"{label} refused the credentials (HTTP {code})", code=str(code))
    if code == 402:
        return AccountError(f"{label} says the account is out of credit", code="402")
    if code == 503 and response.headers.get("Retry-After"):
        return Transient(
            f"{label} is unavailable for now (HTTP 503): {sample}",
            code="503",
            retry_after=retry_after_seconds(response),
        )
    if code >= 500 and envelope:
        return Transient(f"{label} had a server error (HTTP {code}): {sample}", code=str(code))
    if code >= 500:
        return OutcomeUnknown(
            f"{label} answered HTTP {code} with {sample}, not in its own words: the request may have been "
            "accepted before that",
            code=str(code),
        )
    return MessageRejected(f"{label} rejected the request (HTTP {code}): {sample}", code=str(code))
