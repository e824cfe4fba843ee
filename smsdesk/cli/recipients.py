"""What `check` and `send` share: a country from the command line, and a recipient file read into a plan, with
every problem as a UsageError naming the file (exit 2). Not a command: it has no register()."""

from __future__ import annotations

from collections.abc import Collection

from smsdesk.cli import UsageError
from smsdesk.core.phones import is_supported_country
from smsdesk.core.plan import Plan, build_plan, resolve_column
from smsdesk.io.tables import Table, TableError, read_table


def checked_country(given: str) -> str:
    country = given.strip().upper()
    if not is_supported_country(country):
        raise UsageError(f"unknown country code {given!r}; use a two-letter code such as DK, SE, NO, DE")
    return country


def read_plan(
    file: str,
    *,
    phone_column: str | None,
    country: str,
    opt_outs: Collection[str],
    sheet: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    header_row: int | None = None,
) -> tuple[Table, Plan]:
    try:
        table = read_table(
            file, sheet=sheet, encoding=encoding, delimiter=delimiter, header_row=header_row, country=country
        )
    except TableError as exc:
        raise UsageError(str(exc)) from None
    column = None
    if phone_column is not None:
        column = resolve_column(table.header, phone_column)
        if column is None:
            raise UsageError(
                f"{table.path.name}: no column {phone_column!r}; the columns are: " + ", ".join(table.header)
            )
    plan = build_plan(
        table.header, table.rows, table.row_numbers, phone_column=column, country=country, opt_outs=opt_outs
    )
    if plan.phone_column is None:
        raise UsageError(
            f"{table.path.name}: no column of phone numbers found; choose one with --phone-column "
            "(columns: " + ", ".join(table.header) + ")"
        )
    return table, plan
