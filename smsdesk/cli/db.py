"""`smsdesk db check|restore`: is the database whole, and putting the newest backup back when it is not.

Contract (exact; keys and flags may be added, never renamed or dropped):
  db check [--json]          opens the database as every command does (SQLite's quick_check, every table there);
                             --json: {"path", "ok": bool, "problem": str|null, "backup": str|null}
  db restore [--from FILE]   puts FILE (default: the newest smsdesk.sqlite3.*.bak beside the database) in its place;
                             the file it replaces is moved aside to smsdesk.sqlite3.damaged-<time>, never deleted
Exit codes: 0 whole / restored, 2 damaged, no backup, or a campaign is being sent right now.
"""

from __future__ import annotations

import argparse
import json
import sys

from smsdesk import paths
from smsdesk.cli import EXIT_OK, EXIT_USAGE, UsageError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "db", help="check the database, or restore its newest backup", description=__doc__.split("\n\n")[0]
    )
    commands = parser.add_subparsers(dest="db_command", metavar="ACTION")
    parser.set_defaults(handler=lambda args: _usage(parser))

    check = commands.add_parser("check", help="is the database whole? (SQLite's quick_check and every table)")
    check.add_argument("--json", action="store_true", help='print {"path", "ok", "problem", "backup"}')
    check.set_defaults(handler=handle_check)

    restore = commands.add_parser(
        "restore", help="put the newest backup (smsdesk.sqlite3.*.bak) in place of the database"
    )
    restore.add_argument(
        "--from", dest="source", metavar="FILE", help="the backup to restore (default: newest)"
    )
    restore.set_defaults(handler=handle_restore)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def handle_check(args: argparse.Namespace) -> int:
    from smsdesk.store import integrity
    from smsdesk.store.db import Database
    from smsdesk.store.errors import DatabaseDamaged, StoreError

    path = paths.database_path()
    problem = None
    try:
        Database(path).close()
    except DatabaseDamaged as exc:
        problem = str(exc)
    except StoreError as exc:
        problem = str(exc)
    backup = integrity.newest_backup(path)
    if args.json:
        print(
            json.dumps({"path": str(path), "ok": problem is None, "problem": problem, "backup": _str(backup)})
        )
    elif problem is None:
        print(f"{path}: ok")
    if problem is not None:
        if not args.json:
            print(f"smsdesk db check: {problem}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def handle_restore(args: argparse.Namespace) -> int:
    from smsdesk.store import integrity, locks

    path = paths.database_path()
    sending = locks.held_campaigns(path)
    if sending:
        raise UsageError(
            f"campaign {sending[0]} is being sent right now: let it finish (or stop it) before restoring a backup"
        )
    used, aside = integrity.restore(path, args.source)
    kept = f"; the file it replaced is kept as {aside}" if aside else ""
    print(f"Restored {used} to {path}{kept}.")
    return EXIT_OK


def _str(value: object) -> str | None:
    return None if value is None else str(value)
