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

Secrets: an adapter receives its secret once, keeps it in a private attribute and never puts it in a repr, a log
line or an exception message (`redact()` helps with text that quotes a request).
"""

from __future__ import annotations

import ipaddress
import json
import logging
import math
import sys
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple
from urllib.parse import urlsplit

from smsdesk.core.account import Account

if TYPE_CHECKING:
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
class Balance:
    amount: float | None
    currency: str | None  # "DKK", "SEK", "points", "credits"...


# Delivery states the app shows; a provider maps its own codes onto these.
DELIVERED = "delivered"
UNDELIVERED = "failed"  # failed on the handset / network side, after acceptance
PENDING = "pending"  # accepted, no final receipt yet


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

    # -- account information ---------------------------------------------------------------------------------------

    def balance(self) -> Balance | None:
        """The account's balance, or None where the API cannot tell. Raises ProviderError subclasses."""
        return None

    def delivery_status(self, message_ids: Sequence[str]) -> list[DeliveryReport]:
        """Delivery state of messages sent earlier, where the API can be asked. Default: it cannot."""
        return []

    def close(self) -> None:
        if self._owns_client:
            self._client.close()

    def __enter__(self) -> Provider:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- helpers for adapters --------------------------------------------------------------------------------------

    def redact(self, text: str) -> str:
        """Text with the secret (and its common encodings) blanked, for anything that might quote a request."""
        return redact_secret(text, self._secret)

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One HTTP call with httpx errors mapped onto the typed outcomes.

        Connection refused / DNS / connect timeout: the request never left -> Transient.
        Read timeout, connection dropped after sending: it may have arrived -> OutcomeUnknown.
        Responses of any status are returned for the adapter to map.
        """
        import httpx

        url = self.base_url.rstrip("/") + "/" + path.lstrip("/")
        try:
            return self._client.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            error = _transport_error(exc, self.label)
        # Raised outside the except block so the httpx error (whose request URL may carry a secret in its query)
        # is not even reachable as __context__.
        raise error


def _transport_error(exc: httpx.HTTPError, label: str) -> ProviderError:
    import httpx

    name = type(exc).__name__
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return Transient(f"Could not reach {label}: {name}")
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


def redact_secret(text: str, secret: str | None) -> str:
    if not secret:
        return text
    from urllib.parse import quote, quote_plus

    for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
        if form:
            text = text.replace(form, "***")
    return text


def parse_json(response: httpx.Response) -> Any:
    """The body as JSON, or None when it is empty, HTML or broken. Adapters decide what None means for them."""
    if not response.content or not response.content.strip():
        return None
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return None


MAX_WAIT = 3600.0  # a provider asking for more than an hour is treated as an hour: the user can still cancel


def retry_after_seconds(response: httpx.Response, default: float = 60.0) -> float:
    """Seconds to wait from Retry-After (seconds or HTTP date) or X-RateLimit-Reset (epoch or seconds).

    Never raises: an unreadable or non-finite value means `default`, and waits are clamped to [0, MAX_WAIT].
    """
    import email.utils
    import math
    import time

    def clamp(seconds: float) -> float:
        return min(MAX_WAIT, max(0.0, seconds)) if math.isfinite(seconds) else default

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


def short_body(response: httpx.Response, limit: int = 120) -> str:
    """A short, single-line sample of a body for an error reason (never the request, so never the secret)."""
    text = response.text if response.content else ""
    text = " ".join(text.split())
    if text.lower().startswith(("<!doctype", "<html")):
        return "an HTML page instead of an API answer"
    return (text[:limit] + "…") if len(text) > limit else (text or "an empty answer")


def status_error(response: httpx.Response, label: str) -> ProviderError:
    """The generic mapping of an HTTP status with no better provider-specific reading."""
    code = response.status_code
    sample = short_body(response)
    if code == 429:
        return RateLimited(
            f"{label} asks us to slow down", code="429", retry_after=retry_after_seconds(response)
        )
    if code in (401, 403):
        return AccountError(f"{label} refused the credentials (HTTP {code})", code=str(code))
    if code == 402:
        return AccountError(f"{label} says the account is out of credit", code="402")
    if code >= 500:
        return Transient(f"{label} had a server error (HTTP {code}): {sample}", code=str(code))
    return MessageRejected(f"{label} rejected the request (HTTP {code}): {sample}", code=str(code))
