"""What goes to the provider: a journaled row as the adapter's OutgoingMessage, rows planned into requests (Batch),
and the HTTP client a run's workers share."""

from __future__ import annotations

import json
import ssl
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from smsdesk.core.template import Template
from smsdesk.providers.base import OutgoingMessage, Provider
from smsdesk.store.journal import RowToSend

_NO_FIELDS = OutgoingMessage._field_defaults["fields"]


def outgoing_message(
    key: str,
    phone: str,
    text: str,
    encoding: str,
    segments: int,
    fields: Any,
    template: str | Template | None,
) -> OutgoingMessage:
    """The provider's view of one journaled message. Fields and template go along only when the template has
    placeholders (a provider that takes templated batches, iP.1, sends personalised texts in one request)."""
    if template is not None and not isinstance(template, Template):
        template = Template(template)
    values: dict[str, str] = {}
    if template is not None and template.placeholders:
        values = template.values(fields or {})
    return OutgoingMessage(
        key=key,
        to=phone,
        text=text,
        encoding=encoding,
        segments=segments,
        fields=values,
        template=template.text if template is not None and values else None,
    )


class TemplateValues(Mapping[str, str]):
    """A templated message's placeholder values, read from the journal's JSON only if the adapter asks.

    Most adapters send the rendered text and never look; parsing every row's fields up front would cost more than
    the rest of the journal's work together.
    """

    __slots__ = ("_json", "_template", "_values")

    def __init__(self, fields_json: str, template: Template):
        self._json = fields_json
        self._template = template
        self._values: dict[str, str] | None = None

    def _load(self) -> dict[str, str]:
        if self._values is None:
            try:
                fields = json.loads(self._json)
            except ValueError:
                fields = {}
            self._values = self._template.values(fields if isinstance(fields, dict) else {})
        return self._values

    def __getitem__(self, key: str) -> str:
        return self._load()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._template.placeholders)

    def __repr__(self) -> str:
        return repr(self._load())


_ssl_context: ssl.SSLContext | None = None
_ssl_lock = threading.Lock()


def run_client(timeout: float = 30.0) -> httpx.Client:
    """The HTTP client of one run, shared by its workers (httpx.Client is thread-safe).

    As providers.base.make_client (TLS verification always on, no redirects), but with one verifying SSL context per
    process: building one loads the CA store, ~40 ms, which a test send or a small campaign should not pay each time.
    """
    global _ssl_context
    create = getattr(httpx, "create_ssl_context", None)  # public from httpx 0.28
    if create is None:
        from smsdesk.providers.base import make_client

        return make_client(timeout)
    with _ssl_lock:
        if _ssl_context is None:
            _ssl_context = create()
    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=10.0),
        verify=_ssl_context,
        follow_redirects=False,
        headers={"User-Agent": "SMSDesk"},
    )


@dataclass
class Batch:
    """One request: its journal rows and the adapter's messages for them, in the same order."""

    rows: list[RowToSend]
    messages: list[OutgoingMessage]
    attempts: int = 0  # transient failures so far
    rate_limited: int = 0


class RequestPlanner:
    """Turns pages of pending rows into requests, as the provider groups them and within the caps of the run."""

    def __init__(self, campaign_id: str, template: Template, provider: Provider):
        self.prefix = f"{campaign_id}-"  # message keys: unique and stable across retries and runs
        self.template = template
        self.provider = provider

    def message(self, row: RowToSend) -> OutgoingMessage:
        """The adapter's view of one row. Placeholder values go along only to an adapter that reads them (iP.1
        sends personalised texts as one templated batch); the others get the final texts alone."""
        templated = bool(self.template.placeholders and self.provider.reads_template_fields)
        return OutgoingMessage(
            key=self.prefix + str(row.id),
            to=row.phone,
            text=row.text,
            encoding=row.encoding,
            segments=row.segments,
            fields=TemplateValues(row.fields, self.template) if templated else _NO_FIELDS,
            template=self.template.text if templated else None,
        )

    def batches(self, rows: Sequence[RowToSend], cap: int | None) -> list[Batch]:
        """`rows` planned into requests (the adapter's plan_requests), each at most `cap` messages."""
        messages = [self.message(row) for row in rows]
        by_key = {message.key: row for message, row in zip(messages, rows, strict=True)}
        batches: list[Batch] = []
        for group in self.provider.plan_requests(messages):
            step = max(1, min(len(group), cap) if cap else len(group))
            for start in range(0, len(group), step):
                part = list(group[start : start + step])
                batches.append(Batch(rows=[by_key[m.key] for m in part], messages=part))
        return batches
