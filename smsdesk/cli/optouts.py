"""`smsdesk optouts`: the list of numbers that must never get a message.

  optouts import FILE [--country CC] [--sheet NAME] [--column COL] [--json]
      add every number of a CSV/TXT/XLSX/XLS/ODS file; the column of numbers is found (or named with --column)
  optouts add NUMBER [--country CC]       optouts remove NUMBER [--country CC]
  optouts list [--json]                   -> [{"phone","added_at","source"}]
  optouts export --out FILE               .xlsx or .csv (UTF-8 with BOM, ";"), opens cleanly in Excel
import --json -> {"file","sheet","column","rows","added","already","empty","invalid":[{"row","value","reason"}]}
Numbers without a country code take --country (default: the app's default country, DK on a new install).
Exit codes: 0 done (an import with some unusable rows still adds the good ones and lists the rest); 2 bad input,
unreadable file, or database unusable (one line on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys

from smsdesk.cli import EXIT_OK, UsageError
from smsdesk.cli.recipients import checked_country
from smsdesk.store.db import Database, StoreError
from smsdesk.store.optouts import MANUAL, OptOutError, export_opt_outs, import_opt_outs, phone_or_error

_HUMAN_LIST_LIMIT = 20


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "optouts",
        help="import, add, remove, list and export the opt-out list (numbers never to text)",
        description="The opt-out list: numbers that are left out of every campaign.",
    )
    commands = parser.add_subparsers(dest="optouts_command", metavar="ACTION", required=True)

    imp = commands.add_parser("import", help="add the numbers of a CSV/Excel file")
    imp.add_argument("file", metavar="FILE", help="a .csv/.txt/.tsv, .xlsx/.xlsm, .xls or .ods file")
    imp.add_argument("--country", metavar="CC", help="country for numbers without country code (default: DK)")
    imp.add_argument("--sheet", metavar="NAME", help="sheet to read (default: the first with a table)")
    imp.add_argument("--column", metavar="COL", help="column with the numbers: its header name or letter")
    imp.add_argument("--json", action="store_true", help="print the result as JSON")
    imp.set_defaults(handler=handle_import)

    add = commands.add_parser("add", help="add one number")
    add.add_argument("number", metavar="NUMBER")
    add.add_argument("--country", metavar="CC", help="country for a number without country code")
    add.set_defaults(handler=handle_add)

    remove = commands.add_parser("remove", help="remove one number (they may be texted again)")
    remove.add_argument("number", metavar="NUMBER")
    remove.add_argument("--country", metavar="CC", help="country for a number without country code")
    remove.set_defaults(handler=handle_remove)

    listing = commands.add_parser("list", help="show the list")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=handle_list)

    export = commands.add_parser("export", help="write the list to .xlsx or .csv")
    export.add_argument("--out", metavar="FILE", required=True, help="file to write, ending in .xlsx or .csv")
    export.set_defaults(handler=handle_export)


def _run(action, args: argparse.Namespace) -> int:
    try:
        db = Database()
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    try:
        return action(db, args)
    except (StoreError, OptOutError) as exc:
        raise UsageError(str(exc)) from None
    finally:
        db.close()


def _country(db: Database, given: str | None) -> str:
    if given is None:
        return db.default_country
    return checked_country(given)


def handle_import(args: argparse.Namespace) -> int:
    return _run(_import, args)


def _import(db: Database, args: argparse.Namespace) -> int:
    result = import_opt_outs(
        db, args.file, country=_country(db, args.country), sheet=args.sheet, column=args.column
    )
    if args.json:
        json.dump(
            {
                "file": str(result.path),
                "sheet": result.sheet,
                "column": result.column,
                "rows": result.rows,
                "added": result.added,
                "already": result.already,
                "empty": result.empty,
                "invalid": [{"row": r.row, "value": r.value, "reason": r.reason} for r in result.rejected],
            },
            sys.stdout,
            ensure_ascii=False,
        )
        sys.stdout.write("\n")
        return EXIT_OK
    print(
        f"{result.path.name}: column {result.column!r}, {result.rows} rows: {result.added} added, "
        f"{result.already} already on the list, {len(result.rejected)} not a number, {result.empty} empty"
    )
    for item in result.rejected[:_HUMAN_LIST_LIMIT]:
        print(f"  row {item.row}: {item.value!r}: {item.reason}")
    if len(result.rejected) > _HUMAN_LIST_LIMIT:
        print(f"  ... and {len(result.rejected) - _HUMAN_LIST_LIMIT} more (--json lists them all)")
    return EXIT_OK


def handle_add(args: argparse.Namespace) -> int:
    return _run(_add, args)


def _add(db: Database, args: argparse.Namespace) -> int:
    phone = phone_or_error(args.number, _country(db, args.country))
    if db.add_opt_outs([phone], MANUAL):
        print(f"{phone} added to the opt-out list.", file=sys.stderr)
    else:
        print(f"{phone} was already on the opt-out list.", file=sys.stderr)
    return EXIT_OK


def handle_remove(args: argparse.Namespace) -> int:
    return _run(_remove, args)


def _remove(db: Database, args: argparse.Namespace) -> int:
    phone = phone_or_error(args.number, _country(db, args.country))
    if not db.remove_opt_out(phone):
        raise UsageError(f"{phone} is not on the opt-out list")
    print(f"{phone} removed from the opt-out list.", file=sys.stderr)
    return EXIT_OK


def handle_list(args: argparse.Namespace) -> int:
    return _run(_list, args)


def _list(db: Database, args: argparse.Namespace) -> int:
    entries = db.list_opt_outs()
    if args.json:
        json.dump(
            [{"phone": e.phone, "added_at": e.added_at, "source": e.source} for e in entries],
            sys.stdout,
            ensure_ascii=False,
        )
        sys.stdout.write("\n")
        return EXIT_OK
    if not entries:
        print("The opt-out list is empty.")
    for entry in entries:
        print(f"{entry.phone}  {entry.added_at}  {entry.source or ''}".rstrip())
    return EXIT_OK


def handle_export(args: argparse.Namespace) -> int:
    return _run(_export, args)


def _export(db: Database, args: argparse.Namespace) -> int:
    count = export_opt_outs(db, args.out)
    print(f"Wrote {count} numbers to {args.out}.", file=sys.stderr)
    return EXIT_OK
