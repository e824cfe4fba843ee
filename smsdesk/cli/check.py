"""`smsdesk check FILE`: read a recipient file and say what would be sent to whom, and what is left out and why.

JSON contract (exact; keys may be added, never renamed or dropped):
  {"rows": int, "valid": int, "duplicates": int,
   "invalid": [{"row": int, "value": str, "reason": str}],
   "columns": [str], "phone_column": str,
   "recipients": [{"row": int, "phone": "+E164", "fields": {str: str}}]}
Added keys: "file", "sheet", "sheets", "encoding", "delimiter", "header_row", "country", "opted_out" (int),
"excluded" (every excluded row: row, value, reason, kind = invalid | empty | duplicate | opted_out),
"original" on each recipient (the phone cell as written), and "notices": what reading the file changed or could
not keep, [{"row", "what", "done"}] (row 0 = the whole file): a quote never closed, lines in another encoding,
formula cells with no saved value, over-long cells.
"invalid" holds the rows whose phone cell is not a usable number, including rows with no number at all
(kind "empty", reason "no phone number"); duplicates and opt-outs are NOT in it: they are counted in
"duplicates"/"opted_out" and listed in "excluded". Blank rows are skipped and not counted in "rows".
Exit codes: 0 read fine (whatever the numbers), 2 the file cannot be read or a flag is wrong (one line on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from smsdesk.cli import UsageError
from smsdesk.cli.recipients import checked_country, read_plan
from smsdesk.core.phones import DEFAULT_COUNTRY
from smsdesk.core.plan import Plan
from smsdesk.io.tables import Table

_HUMAN_LIST_LIMIT = 20


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help="read a recipient file (CSV, Excel, ODS) and report valid, invalid and duplicate numbers",
        description="Read a recipient file and show who would get a message, and which rows are left out and why.",
    )
    parser.add_argument("file", metavar="FILE", help="a .csv/.txt/.tsv, .xlsx/.xlsm, .xls or .ods file")
    parser.add_argument(
        "--sheet", metavar="NAME", help="sheet to read (default: the visible sheet that holds phone numbers)"
    )
    parser.add_argument(
        "--phone-column", metavar="COL", help="column with the phone numbers: its header name or letter"
    )
    parser.add_argument(
        "--country",
        metavar="CC",
        default=DEFAULT_COUNTRY,
        help=f"country for numbers written without country code (default {DEFAULT_COUNTRY})",
    )
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    parser.add_argument("--encoding", metavar="NAME", help="text file encoding, e.g. utf-8, cp1252, utf-16")
    parser.add_argument("--delimiter", metavar="CHAR", help="text file delimiter: ; , | or tab")
    parser.add_argument(
        "--header-row",
        metavar="N",
        type=int,
        help="spreadsheet row number of the header (as Excel shows it); 0 = the file has no header row",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    country = checked_country(args.country)
    if args.header_row is not None and args.header_row < 0:
        raise UsageError("--header-row must be 0 (no header) or a row number")
    table, plan = read_plan(
        args.file,
        phone_column=args.phone_column,
        country=country,
        opt_outs=_stored_opt_outs(),
        sheet=args.sheet,
        encoding=args.encoding,
        delimiter=args.delimiter,
        header_row=args.header_row,
    )
    if args.json:
        write_json(sys.stdout, table, plan, country)
    else:
        _write_for_console(summary(table, plan))
    return 0


def _stored_opt_outs() -> set[str]:
    """The opt-out list of the app's database, so `check` shows what a send would do. Checking a file must not
    create a database, so with none yet there is no list."""
    from smsdesk.paths import database_path
    from smsdesk.store.db import Database, StoreError

    if not database_path().exists():
        return set()
    try:
        db = Database()
    except StoreError as exc:
        raise UsageError(f"cannot read the opt-out list: {exc}") from None
    try:
        return db.opt_outs()
    finally:
        db.close()


def _write_for_console(text: str) -> None:
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:  # an emoji in a name on a console that cannot show it
        encoding = getattr(sys.stdout, "encoding", None) or "ascii"
        sys.stdout.write(text.encode(encoding, errors="replace").decode(encoding))


_RECIPIENTS_PER_WRITE = 2000
_ENCODER = json.JSONEncoder(check_circular=False)  # plain data built here: no cycles to look for


def write_json(out: TextIO, table: Table, plan: Plan, country: str) -> None:
    """plan_json() as one line, the recipients written a batch at a time: 100,000 of them never sit in memory as
    one string. ASCII with \\u escapes: valid JSON whatever the console's code page (cp1252 pipes on Windows)."""
    head = json.dumps(plan_json(table, plan, country, with_recipients=False))
    out.write(head[:-1] + ', "recipients": [')
    recipients = plan.recipients
    for start in range(0, len(recipients), _RECIPIENTS_PER_WRITE):
        batch = [_recipient_json(r) for r in recipients[start : start + _RECIPIENTS_PER_WRITE]]
        out.write(("" if start == 0 else ", ") + _ENCODER.encode(batch)[1:-1])
    out.write("]}\n")


def _recipient_json(recipient) -> dict:
    return {
        "row": recipient.row,
        "phone": recipient.phone,
        "fields": recipient.fields,
        "original": recipient.original,
    }


def plan_json(table: Table, plan: Plan, country: str, *, with_recipients: bool = True) -> dict:
    result = {
        "rows": plan.rows,
        "valid": plan.valid,
        "duplicates": plan.duplicates,
        "invalid": [{"row": e.row, "value": e.value, "reason": e.reason} for e in plan.invalid],
        "columns": plan.columns,
        "phone_column": plan.phone_column,
        "opted_out": plan.opted_out,
        "excluded": [
            {"row": e.row, "value": e.value, "reason": e.reason, "kind": e.kind} for e in plan.excluded
        ],
        "file": str(table.path),
        "sheet": table.sheet,
        "sheets": table.sheets,
        "encoding": table.encoding,
        "delimiter": table.delimiter,
        "header_row": table.header_row,
        "country": country,
        "notices": [{"row": n.row, "what": n.what, "done": n.done} for n in table.notices],
    }
    if with_recipients:
        result["recipients"] = [_recipient_json(r) for r in plan.recipients]
    return result


def summary(table: Table, plan: Plan) -> str:
    where = f'sheet "{table.sheet}"' if table.sheet else f"{table.encoding}, delimiter {table.delimiter!r}"
    header = f"header on row {table.header_row}" if table.header_row else "no header row"
    lines = [f"{table.path.name} ({where}, {header})"]
    if table.sheet and table.sheet in table.sheets:
        # Which sheet was taken matters when there are several: say it where it cannot be missed.
        lines.append(
            f"Recipients from sheet {table.sheet!r} ({table.sheets.index(table.sheet) + 1} of {len(table.sheets)})"
        )
    lines += [
        f"Phone column: {plan.phone_column}   (columns: {', '.join(plan.columns)})",
        f"Rows: {plan.rows}   Valid: {plan.valid}   Invalid: {len(plan.invalid)}   "
        f"Duplicates: {plan.duplicates}   Opted out: {plan.opted_out}",
    ]
    if table.notices:
        lines.append("While reading:")
        for notice in table.notices[:_HUMAN_LIST_LIMIT]:
            where = f"row {notice.row}" if notice.row else "the file"
            lines.append(f"  {where}: {notice.what}: {notice.done}")
        if len(table.notices) > _HUMAN_LIST_LIMIT:
            lines.append(f"  ... and {len(table.notices) - _HUMAN_LIST_LIMIT} more (--json lists them all)")
    if plan.excluded:
        lines.append("Left out:")
        for item in plan.excluded[:_HUMAN_LIST_LIMIT]:
            shown = f'"{item.value}"' if item.value else "(empty)"
            lines.append(f"  row {item.row}: {shown}: {item.reason}")
        if len(plan.excluded) > _HUMAN_LIST_LIMIT:
            lines.append(f"  ... and {len(plan.excluded) - _HUMAN_LIST_LIMIT} more (--json lists them all)")
    return "\n".join(lines) + "\n"
