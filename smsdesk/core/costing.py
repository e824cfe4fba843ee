"""From a recipient plan and a template to the messages a campaign will send, and what they will cost.

Pure: no I/O, no network. The send engine journals what `render_messages` returns; the confirmation shows `totals`.
Rows the plan excluded (invalid, duplicate, opted out, empty) come back as skipped messages with their reason, so the
campaign journal (and its export) accounts for every row of the user's file.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from smsdesk.core import encoding
from smsdesk.core.plan import Plan
from smsdesk.core.template import Template, TemplateError

# skip_kind of a row whose rendered text is empty (a template of only placeholders, and the row's cells are empty):
# providers refuse empty texts, and an empty SMS is never what the user meant.
EMPTY_MESSAGE = "empty_message"
EMPTY_FIELD = (
    "empty_field"  # a placeholder's column is blank for this row and the user chose to skip such rows
)


@dataclass(frozen=True)
class PlannedMessage:
    row: int  # spreadsheet row number as Excel shows it
    phone: str  # E.164 when sendable; for a skipped row, the cell as the user wrote it
    fields: Mapping[str, str] = field(default_factory=dict)
    text: str = ""
    encoding: str = encoding.GSM7
    segments: int = 0
    skip_reason: str | None = None  # for people: why this row gets no message
    skip_kind: str | None = None  # core.plan kinds (invalid, duplicate, opted_out, empty) or EMPTY_MESSAGE

    @property
    def sendable(self) -> bool:
        return self.skip_reason is None


def fields_by_row(header: Sequence[str], rows: Sequence[Sequence[str]], row_numbers: Sequence[int]) -> dict:
    """row number -> {column: cell}, for `render_messages(excluded_fields=...)`."""
    width = len(header)
    return {
        number: dict(zip(header, (list(row) + [""] * width)[:width], strict=True))
        for row, number in zip(rows, row_numbers, strict=True)
    }


def render_messages(
    plan: Plan,
    template: str | Template,
    *,
    excluded_fields: Mapping[int, Mapping[str, str]] | None = None,
    skip_empty_fields: bool = False,
    fallback: str | None = None,
) -> list[PlannedMessage]:
    """Every row of the plan in spreadsheet order: a rendered message per recipient, a skipped entry per excluded row.

    `excluded_fields` (row number -> the row's cells by column) lets skipped rows keep their columns, so an export
    shows who they were; the plan itself keeps only the phone cell of an excluded row.

    A recipient whose placeholder column is blank gets the message with nothing there, unless `skip_empty_fields`
    (the row is skipped, naming the placeholder) or `fallback` (that text stands in for the blank value).

    Raises TemplateError when the template is malformed or names a column the file does not have; callers check
    `Template.problems(columns)` first to show the problems where the user types.
    """
    template = template if isinstance(template, Template) else Template(template)
    problems = template.problems(plan.columns)
    if problems:
        raise TemplateError(problems)
    planned: list[PlannedMessage] = []
    for recipient in plan.recipients:
        if skip_empty_fields:
            empty = template.empty_placeholders(recipient.fields)
            if empty:
                planned.append(
                    PlannedMessage(
                        row=recipient.row,
                        phone=recipient.phone,
                        fields=dict(recipient.fields),
                        skip_reason="no value for " + ", ".join("{" + name + "}" for name in empty),
                        skip_kind=EMPTY_FIELD,
                    )
                )
                continue
        text = template.render(recipient.fields, fallback=fallback)
        if not text.strip():
            planned.append(
                PlannedMessage(
                    row=recipient.row,
                    phone=recipient.phone,
                    fields=dict(recipient.fields),
                    skip_reason="the message is empty for this row",
                    skip_kind=EMPTY_MESSAGE,
                )
            )
            continue
        counted = encoding.count(text)
        planned.append(
            PlannedMessage(
                row=recipient.row,
                phone=recipient.phone,
                fields=dict(recipient.fields),
                text=text,
                encoding=counted.encoding,
                segments=counted.segments,
            )
        )
    for excluded in plan.excluded:
        planned.append(
            PlannedMessage(
                row=excluded.row,
                phone=excluded.value,
                fields=dict((excluded_fields or {}).get(excluded.row, {})),
                skip_reason=excluded.reason,
                skip_kind=excluded.kind,
            )
        )
    planned.sort(key=lambda message: message.row)
    return planned


@dataclass(frozen=True)
class Totals:
    recipients: int  # people who will get a message
    messages: int  # messages to send (one per recipient)
    segments: int  # SMS parts billed, summed over the messages
    skipped: int  # rows that get no message (invalid, duplicate, opted out, empty)
    unicode_messages: int  # messages sent as UCS-2 (70/67 characters per part)
    max_segments: int  # the longest message, in parts
    estimated_cost: float | None  # segments x price per segment; None when the user has set no price


def totals(messages: Iterable[PlannedMessage], price_per_segment: float | None = None) -> Totals:
    recipients = segments = skipped = unicode_messages = max_segments = 0
    for message in messages:
        if not message.sendable:
            skipped += 1
            continue
        recipients += 1
        segments += message.segments
        max_segments = max(max_segments, message.segments)
        if message.encoding == encoding.UCS2:
            unicode_messages += 1
    cost = None if price_per_segment is None else round(segments * price_per_segment, 4)
    return Totals(
        recipients=recipients,
        messages=recipients,
        segments=segments,
        skipped=skipped,
        unicode_messages=unicode_messages,
        max_segments=max_segments,
        estimated_cost=cost,
    )


def estimate_seconds(
    requests: int,
    *,
    requests_per_second: float | None,
    concurrency: int = 1,
    latency: float = 0.3,
) -> float:
    """How long `requests` HTTP calls take: limited by the provider's rate, or by the calls in flight and latency.

    `latency` is a guess at one call's round trip (real providers answer in a few hundred milliseconds).
    """
    if requests <= 0:
        return 0.0
    by_latency = max(1, concurrency) / latency if latency > 0 else math.inf
    rate = min(by_latency, requests_per_second) if requests_per_second else by_latency
    if math.isinf(rate):
        return 0.0
    return requests / rate
