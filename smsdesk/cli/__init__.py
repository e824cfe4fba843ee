"""The command line: `smsdesk <command> ...`. Each command lives in its own module with `register(subparsers)`.

Exit codes shared by every command: 0 success, 2 bad input or usage, or the database cannot be used (locked by
another program, disk full, damaged: one clear line on stderr, never a traceback), 1 when stdout was closed before
the command had written everything (`| head`): never 0 then. Commands add their own (send: 1 some failed, 3
stopped by the provider).
"""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys
from typing import NoReturn

from smsdesk import __version__
from smsdesk.cli import pipes

# Each module exposes register(subparsers) which adds its parser and sets `handler` (args -> exit code).
COMMAND_MODULES = ("count", "check", "accounts", "optouts", "send", "campaigns", "db", "sandbox")

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_PROVIDER_STOPPED = 3
EXIT_OUTPUT_LOST = 1  # stdout closed by its reader before the end


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 already; keep its one-line style
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or with just `only` (what a run of that command needs: each command's
    module pulls in its own libraries, and a script calling `smsdesk check` should not wait for the others')."""
    parser = _Parser(
        prog="smsdesk", description="SMSDesk command line. Run without arguments to open the app."
    )
    parser.add_argument("--version", action="version", version=f"smsdesk {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES if only is None else (only,):
        importlib.import_module(f"smsdesk.cli.{name}").register(subparsers)
    return parser


def run_cli(argv: list[str]) -> int:
    with pipes.guarded() as (stdout, _stderr):
        code = _run(argv)
    if stdout.lost and code == EXIT_OK:
        return EXIT_OUTPUT_LOST
    return code


def _run(argv: list[str]) -> int:
    from smsdesk.store.db import environment_problem
    from smsdesk.store.errors import StoreError

    parser = build_parser(argv[0] if argv and argv[0] in COMMAND_MODULES else None)
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(handler(args) or 0)
    except (UsageError, StoreError) as exc:
        print(f"smsdesk {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.Error as exc:  # a read outside the store's wrappers: the machine's fault is still one line
        message = environment_problem(exc)
        if message is None:
            raise
        print(f"smsdesk {args.command}: {message}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"smsdesk {args.command}: interrupted", file=sys.stderr)
        return 130
