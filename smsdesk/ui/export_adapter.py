"""Results of one campaign to CSV/XLSX (runs in a Job; io.export does the Excel-safe writing)."""

from __future__ import annotations

from pathlib import Path


def export_campaign(db, campaign_id: str, path: Path) -> Path:
    """Every row of the campaign with its state and reason, the file's own columns after ours."""
    try:  # the engine's export, when it has one, is the same as the CLI's `campaigns export`
        from smsdesk.engine.export import export_campaign as engine_export  # type: ignore[import-not-found]
    except ImportError:
        engine_export = None
    if engine_export is not None:
        result = engine_export(db, campaign_id, path)
        return Path(result) if isinstance(result, (str, Path)) else path

    from smsdesk.io.export import export_table
    from smsdesk.store.journal import Journal

    journal = Journal(db)
    campaign = journal.get_campaign(campaign_id)
    try:  # the same columns as `smsdesk campaigns export`, so a file from either face reads the same
        from smsdesk.cli.campaigns import export_rows
    except ImportError:
        export_rows = None
    if export_rows is not None:
        header, rows = export_rows(journal, campaign)
        return export_table(path, header, rows, sheet_title=f"Campaign {campaign.id}")
    records = journal.messages(campaign_id)
    columns = list(campaign.columns)
    header = [
        "Row",
        "Phone",
        "Status",
        "Delivery",
        "Provider id",
        "SMS",
        "Cost",
        "Error",
        "Sent at (UTC)",
        "Message",
        *columns,
    ]
    rows = [
        [
            record.row,
            record.phone,
            record.state,
            record.delivery or "",
            record.message_id or "",
            record.segments,
            record.cost,
            record.error or "",
            (record.done_at or "").replace("T", " ")[:19],
            record.text,
            *[record.fields.get(column, "") for column in columns],
        ]
        for record in records
    ]
    return export_table(path, header, rows, sheet_title=campaign_id)
