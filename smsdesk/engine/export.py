"""A campaign's results as a table for Excel: the same columns from the window and from `campaigns export`."""

from __future__ import annotations

from pathlib import Path

from smsdesk.io.export import export_table
from smsdesk.providers import split_message_id
from smsdesk.store.journal import SENT, SKIPPED, Campaign, Journal

EXPORT_COLUMNS = [
    "Row",
    "Phone",
    "Status",
    "Reason",
    "Reason code",
    "Message ID",
    "Segments",
    "Cost",
    "Encoding",
    "Attempts",
    "Sent at (UTC)",
    "Delivery",
    "Message",
    "Batch ID",  # iP.1: the batch the message went in; "Message ID" is then iP.1's own message id
]


def export_rows(journal: Journal, campaign: Campaign) -> tuple[list[str], list[list[object]]]:
    """Every row of the campaign, in file order. Phone numbers and ids stay text (the exporter keeps them so)."""
    own = [c for c in campaign.columns if c not in EXPORT_COLUMNS]
    header = EXPORT_COLUMNS + own
    rows: list[list[object]] = []
    after = 0
    while True:
        page = journal.messages(campaign.id, after_id=after, limit=5000)
        if not page:
            return header, rows
        for r in page:
            message_id, batch_id = split_message_id(campaign.provider, r.message_id)
            rows.append(
                [
                    r.row,
                    r.phone,
                    r.state,
                    r.error or "",
                    r.error_kind or "",
                    message_id or "",
                    r.segments,
                    r.cost,
                    r.encoding if r.state != SKIPPED else "",
                    r.attempts,
                    r.done_at if r.state == SENT else "",
                    r.delivery or "",
                    r.text,
                    batch_id or "",
                ]
                + [str(r.fields.get(c, "")) for c in own]
            )
        after = page[-1].id


def export_campaign(journal: Journal, campaign: Campaign, path: str | Path) -> tuple[Path, int]:
    """Write every row to `path` (.csv or .xlsx); returns the path written and the number of rows.
    Raises smsdesk.io.export.ExportError with a sentence for the user."""
    header, rows = export_rows(journal, campaign)
    return export_table(path, header, rows, sheet_title=f"Campaign {campaign.id}"), len(rows)
