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

    def batches(self, rows: Sequence[RowToSend], cap: int | None) -> list[Batch]:
        """`rows` planned into requests (the adapter's plan_requests), each at most `cap` messages."""
        # One message per row, 500 rows a page: built inline, no call per row, and straight as the tuple it is
        # (OutgoingMessage is a named tuple; its generated __new__ would add a Python call per message).
        prefix = self.prefix
        template = self.template
        new = tuple.__new__
        if template.placeholders and self.provider.reads_template_fields:
            values, text = TemplateValues, template.text
            messages = [
                new(
                    OutgoingMessage,
                    (
                        prefix + str(row.id),
                        row.phone,
                        row.text,
                        row.encoding,
                        row.segments,
                        values(row.fields, template),
                        text,
                    ),
                )
                for row in rows
            ]
        else:  # texts already final, and the provider sends just those: no fields to carry
            no_fields = _NO_FIELDS
            messages = [
                new(
                    OutgoingMessage,
                    (prefix + str(row.id), row.phone, row.text, row.encoding, row.segments, no_fields, None),
                )
                for row in rows
            ]
        rows = list(rows)
        by_key: dict[str, RowToSend] | None = None
        batches: list[Batch] = []
        at = 0  # where the next group starts, while the groups are the messages in order
        for group in self.provider.plan_requests(messages):
            size = len(group)
            if by_key is None and group == messages[at : at + size]:
                group_rows = rows[at : at + size]  # the usual plan: consecutive slices, rows slice alike
                at += size
            else:
                if by_key is None:
                    by_key = {m.key: r for m, r in zip(messages, rows, strict=True)}
                group_rows = [by_key[m.key] for m in group]
            step = max(1, min(size, cap) if cap else size)
            if step >= size:
                batches.append(Batch(group_rows, list(group)))
                continue
            for start in range(0, size, step):
                batches.append(Batch(group_rows[start : start + step], list(group[start : start + step])))
        return batches
