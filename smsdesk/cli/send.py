"""`smsdesk send`: read a file, plan, show the totals, confirm, journal the campaign and send it.

Contract (exact; keys and flags may be added, never renamed or dropped):
  smsdesk send --account NAME --file FILE (--message TEXT | --message-file F) [--sheet S] [--phone-column C]
               [--country CC] [--name CAMPAIGN] [--dry-run] [--yes] [--json]
  --json: one line per recipient as its result is recorded,
    {"row": int, "phone": "+E164", "status": "sent"|"failed"|"skipped"|"unknown", "message_id": str|null,
     "error": str|null, "segments": int}
  then a last line {"campaign": str, "sent": int, "failed": int, "skipped": int, "unknown": int}.
  Added keys: "kind" on skipped lines (invalid, duplicate, opted_out, empty, empty_message); "pending", "state" and
  "reason" on the last line. Skipped rows carry the phone cell as written (it is not a number) and segments 0.
  --dry-run --json prints one line of totals instead: {"dry_run": true, "recipients", "messages", "segments",
  "skipped", "requests", "estimated_cost", "estimated_seconds", "balance", "currency", "refusal"}.
  Added flag: --batch-size N (at most N messages per request; fewer messages at stake if the computer dies).
  Added (issue 16): --at WHEN (YYYY-MM-DD HH:MM local, or ISO 8601 with an offset) schedules the campaign, exit 0
  when scheduled. With a provider that schedules, the messages are handed over at once: one line per message as
  usual, "status": "sent" (accepted) plus "scheduled_at"; elsewhere SMSDesk keeps it (state "scheduled") and the
  only line is the summary, with "scheduled_at". --ignore-quiet-hours sends inside quiet hours (20:00-08:00 in each
  recipient's zone, where a run otherwise waits for them to end, saying so on stderr).
Exit codes: 0 all sent, 1 some failed or unknown (or stdout was closed before the end: the send went on into the
journal), 2 bad input or usage (no confirmation possible, no key saved for the account) or the database failed
under the run (deleted or replaced: one line with what this run sent, and with --json a last line whose unknowable
counts are null; locked past the wait or disk full: the campaign is stopped, resumable), 3 stopped by the provider
(bad credentials, out of credit, unreachable) or refused before sending (balance clearly too low), 130 Ctrl-C (the
campaign is kept: `smsdesk campaigns resume ID` sends the rest).
Human text (totals, progress) goes to stderr with --json, so stdout stays one JSON object per line.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from smsdesk.cli import (
    EXIT_OK,
    EXIT_PROVIDER_STOPPED,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    UsageError,
    pipes,
    schedule,
)
from smsdesk.cli.recipients import checked_country, read_plan
from smsdesk.core import costing
from smsdesk.core.schedule import format_moment
from smsdesk.core.states import CampaignState
from smsdesk.core.template import Template
from smsdesk.engine import preflight
from smsdesk.engine.results import STOPPED_BY_SETUP, STOPPED_BY_STORAGE, MessageUpdate, RunOutcome
from smsdesk.engine.schedule import SendGate
from smsdesk.engine.sender import CampaignRunner
from smsdesk.providers import provider_class, split_message_id
from smsdesk.providers.base import Account
from smsdesk.store import schedules
from smsdesk.store.db import Database, StoreError
from smsdesk.store.journal import (
    CANCELLED,
    FAILED,
    PENDING,
    SCHEDULED,
    SENT,
    SKIPPED,
    STOPPED,
    UNKNOWN,
    CampaignBusy,
    CampaignNotFound,
    Journal,
    MessageRecord,
)

EXIT_INTERRUPTED = 130
_FINAL: tuple[str, ...] = (SENT, FAILED, UNKNOWN)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "send",
        help="send a campaign: one message per recipient of a file, personalised with {column} placeholders",
        description="Read a recipient file, show recipients, segments, cost and balance, ask, then send. Every "
        "result is journaled: an interrupted campaign resumes with `smsdesk campaigns resume ID` and never texts "
        "anyone twice.",
    )
    parser.add_argument(
        "--account", required=True, metavar="NAME", help="provider account (smsdesk accounts list)"
    )
    parser.add_argument(
        "--file", required=True, metavar="FILE", help="recipients: .csv/.txt, .xlsx, .xls or .ods"
    )
    text = parser.add_mutually_exclusive_group(required=True)
    text.add_argument("--message", metavar="TEXT", help="the message; {Column} inserts that column's value")
    text.add_argument("--message-file", metavar="F", help="read the message from a UTF-8 text file")
    parser.add_argument("--sheet", metavar="S", help="sheet to read (default: the first with a table)")
    parser.add_argument("--phone-column", metavar="C", help="column with the numbers: header name or letter")
    parser.add_argument(
        "--country", metavar="CC", help="country for numbers without country code (default: DK)"
    )
    parser.add_argument(
        "--name", metavar="CAMPAIGN", help="a name for the campaign (default: file name and date)"
    )
    parser.add_argument("--dry-run", action="store_true", help="plan and show the totals; send nothing")
    parser.add_argument(
        "--yes", action="store_true", help="send without asking (needed when not at a terminal)"
    )
    parser.add_argument(
        "--json", action="store_true", help="one JSON line per recipient, then a summary line"
    )
    parser.add_argument(
        "--at",
        metavar="WHEN",
        help="send later: YYYY-MM-DD HH:MM (local time) or ISO 8601 with an offset; the provider keeps the time "
        "where its API can, else SMSDesk (open, or `smsdesk campaigns run-due`)",
    )
    schedule.add_ignore_quiet_hours(parser)
    add_batch_size(parser)
    parser.set_defaults(handler=handle)


def add_batch_size(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--batch-size",
        metavar="N",
        type=int,
        help="at most N messages per request (default: as many as the provider takes)",
    )


def handle(args: argparse.Namespace) -> int:
    text = _message_text(args)
    if args.batch_size is not None and args.batch_size < 1:
        raise UsageError("--batch-size must be 1 or more")
    db = open_database()
    try:
        return _send(args, db, text)
    finally:
        db.close()


def _send(args: argparse.Namespace, db: Database, text: str) -> int:
    account = _account(db, args.account)
    country = checked_country(args.country or db.default_country)
    timing = None  # a bad --at is told before the file is read
    if args.at is not None:
        timing = schedule.plan(db, account, args.at, ignore_quiet_hours=args.ignore_quiet_hours)
    table, plan = read_plan(
        args.file, phone_column=args.phone_column, country=country, opt_outs=db.opt_outs(), sheet=args.sheet
    )
    template = Template(text)
    problems = template.problems(plan.columns)
    if problems:
        raise UsageError("the message: " + "; ".join(p.message for p in problems))
    excluded_rows = {e.row for e in plan.excluded}
    kept = [(r, n) for r, n in zip(table.rows, table.row_numbers, strict=True) if n in excluded_rows]
    messages = costing.render_messages(
        plan,
        template,
        excluded_fields=costing.fields_by_row(table.header, [r for r, _ in kept], [n for _, n in kept]),
    )
    totals = preflight.totals(account, messages, template=text, max_batch=args.batch_size)
    human = sys.stderr if args.json else sys.stdout
    print(describe_totals(totals), file=human)
    if args.dry_run:
        if args.json:
            print_json(sys.stdout, totals_json(totals))
        return EXIT_OK
    if totals.recipients == 0:
        raise UsageError(f"{table.path.name}: nobody to send to: all {len(messages)} rows are left out")
    if totals.refusal:
        if totals.refused_by == preflight.REFUSED_BY_SETUP:
            raise UsageError(f"not sending: {totals.refusal}")
        print(f"smsdesk send: not sending: {totals.refusal}", file=sys.stderr)
        return EXIT_PROVIDER_STOPPED
    if timing is not None:
        _tell_timing(timing, account, messages, yes=args.yes, human=human)
    if not args.yes and not _confirmed(totals, account, timing):
        print("Nothing was sent.", file=human)
        return EXIT_OK
    journal = Journal(db)
    campaign_id = journal.create_campaign(
        name=args.name or f"{table.path.name} {datetime.now():%Y-%m-%d %H:%M}",
        account=account,
        source_file=str(table.path),
        sheet=table.sheet,
        template=text,
        country=country,
        phone_column=plan.phone_column,
        columns=plan.columns,
        messages=messages,
    )
    if timing is not None:
        schedules.set_schedule(
            db,
            campaign_id,
            scheduled_at=timing.at,
            scheduled_by=timing.by,
            quiet_hours="off" if args.ignore_quiet_hours else None,
        )
        if timing.by == schedules.BY_APP:
            return _keep_scheduled(journal, campaign_id, totals, timing, json_lines=args.json, human=human)
    verb = "handing over" if timing is not None else "sending"
    print(f"Campaign {campaign_id}: {verb} {totals.messages} messages.", file=human, flush=True)
    if args.json:
        for record in journal.messages(campaign_id, states=(SKIPPED,)):
            print_json(sys.stdout, record_json(record))
    if timing is not None:
        return run_campaign(
            db,
            campaign_id,
            json_lines=args.json,
            batch_size=args.batch_size,
            provider_schedule=timing.window,
            scheduled_at=format_moment(timing.at),
        )
    arguments = schedule.run_arguments(db, campaign_id, ignore_quiet_hours=args.ignore_quiet_hours)
    return run_campaign(db, campaign_id, json_lines=args.json, batch_size=args.batch_size, **arguments)


def _account(db: Database, name: str) -> Account:
    account = db.get_account(name)
    if account is None:
        names = ", ".join(a.name for a in db.list_accounts()) or "none yet (smsdesk accounts add)"
        raise UsageError(f"no account named {name!r}; the accounts are: {names}")
    return account


def _tell_timing(
    timing: schedule.Plan,
    account: Account,
    messages: list[costing.PlannedMessage],
    *,
    yes: bool,
    human: TextIO,
) -> None:
    """When the campaign will go and who keeps the time; asks (or refuses) when that moment is in quiet hours."""
    print(timing.sentence(provider_class(account.provider).label), file=human)
    rule = provider_class(account.provider).limits
    if timing.by == schedules.BY_PROVIDER and not rule.cancels_scheduled:
        print(f"Note: {rule.cancel_rule}.", file=human)
    schedule.check_quiet_moment(
        timing,
        [m.phone for m in messages if m.skip_reason is None],
        interactive=not yes and sys.stdin.isatty(),
    )


def _confirmed(totals: preflight.SendTotals, account: Account, timing: schedule.Plan | None) -> bool:
    """The person at the terminal said yes; UsageError when there is nobody to ask."""
    if not sys.stdin.isatty():
        raise UsageError("not sending without a confirmation: add --yes (input is not a terminal)")
    when = f" at {format_moment(timing.at)}" if timing else ""
    answer = input(f"Send {totals.messages} messages via {account.name}{when}? [y/N] ")
    return answer.strip().lower() in ("y", "yes", "j", "ja")


def _keep_scheduled(
    journal: Journal,
    campaign_id: str,
    totals: preflight.SendTotals,
    timing: schedule.Plan,
    *,
    json_lines: bool,
    human: TextIO,
) -> int:
    """SMSDesk keeps the time: the campaign waits as scheduled, and only the summary line is printed."""
    journal.set_state(campaign_id, SCHEDULED)
    print(
        f"Campaign {campaign_id}: {totals.messages} messages scheduled for {format_moment(timing.at)}.",
        file=human,
    )
    if json_lines:
        counts = journal.counts(campaign_id)
        print_json(sys.stdout, summary_line(campaign_id, counts, SCHEDULED, None, format_moment(timing.at)))
    return EXIT_OK


def _message_text(args: argparse.Namespace) -> str:
    if args.message_file is not None:
        try:
            text = Path(args.message_file).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise UsageError(f"{args.message_file}: no such file") from None
        except UnicodeDecodeError:
            raise UsageError(f"{args.message_file}: not UTF-8 text; save it as UTF-8") from None
        except OSError as exc:
            raise UsageError(f"{args.message_file}: {exc.strerror or exc}") from None
        text = text.rstrip("\r\n")  # editors add a final newline nobody means to send
    else:
        text = args.message
    if not text.strip():
        raise UsageError("the message is empty")
    return text


def open_database() -> Database:
    try:
        return Database()
    except StoreError as exc:
        raise UsageError(str(exc)) from None


# -- running and reporting (shared with `campaigns resume`) ----------------------------------------------------------


def run_campaign(
    db: Database,
    campaign_id: str,
    *,
    json_lines: bool,
    batch_size: int | None = None,
    gate: SendGate | None = None,
    provider_schedule: tuple[datetime, datetime | None] | None = None,
    scheduled_at: str | None = None,
) -> int:
    """Send a journaled campaign's pending rows, printing results; returns the exit code.

    `gate` holds requests for quiet hours and an app-side schedule; `provider_schedule` hands them to the provider
    with a time, and `scheduled_at` is then added to every line."""
    human = sys.stderr if json_lines else sys.stdout
    progress = _Progress(human, enabled=not json_lines and human.isatty())
    seen = dict.fromkeys(_FINAL, 0)  # what this run reported: all there is to say if the database goes
    try:
        provider = Journal(db).get_campaign(campaign_id, with_counts=False).provider
    except CampaignNotFound:
        provider = None  # said by the runner below
    extra = {"scheduled_at": scheduled_at} if scheduled_at else {}

    def on_update(update: MessageUpdate) -> None:
        if update.state not in _FINAL:
            return
        seen[update.state] += 1
        if json_lines:
            print_json(sys.stdout, update_json(update, provider) | (extra if update.state == SENT else {}))
        else:
            progress.count(update)

    def on_state(state: CampaignState, reason: str | None) -> None:
        if state == CampaignState.WAITING and reason:  # why nothing leaves, and when the next try is
            progress.interrupt()
            print(f"Campaign {campaign_id}: {reason}", file=sys.stderr, flush=True)

    runner = CampaignRunner(
        db.path,
        campaign_id,
        on_update=on_update,
        on_state=on_state,
        max_batch=batch_size,
        gate=gate,
        provider_schedule=provider_schedule,
    )
    previous = signal.getsignal(signal.SIGINT)

    def interrupt(signum: int, frame: Any) -> None:
        # First Ctrl-C: stop cleanly (what is in flight gets recorded); a second one interrupts outright.
        signal.signal(signal.SIGINT, previous)
        print("\nStopping after the requests in flight...", file=sys.stderr, flush=True)
        runner.cancel()

    installed = _install(signal.SIGINT, interrupt)
    # A reader that leaves (`| head`) must not kill a send halfway: its writes fail instead (cli/pipes.py).
    _ignore_sigpipe()
    try:
        outcome = runner.run()
    except CampaignBusy as exc:
        raise UsageError(str(exc)) from None
    except CampaignNotFound as exc:
        raise UsageError(f"{exc}; see smsdesk campaigns list") from None
    except StoreError as exc:
        progress.done()
        raise UsageError(_store_failed(exc, campaign_id, seen, json_lines)) from None
    finally:
        if installed:
            signal.signal(signal.SIGINT, previous)
    progress.done()
    counts = outcome.counts
    if json_lines:
        print_json(sys.stdout, summary_line(campaign_id, counts, outcome.state, outcome.reason, scheduled_at))
    _report(human, db, campaign_id, outcome, show_failures=not json_lines)
    if pipes.lost(sys.stdout):
        print(
            f"smsdesk: the output was closed before the end; campaign {campaign_id} went on ({outcome.state}) and "
            f"every result is saved: smsdesk campaigns export {campaign_id} --out results.xlsx",
            file=sys.stderr,
        )
    return exit_code(outcome)


def summary_line(
    campaign_id: str, counts: dict[str, int], state: str, reason: str | None, scheduled_at: str | None
) -> dict:
    line = {
        "campaign": campaign_id,
        "sent": counts[SENT],
        "failed": counts[FAILED],
        "skipped": counts[SKIPPED],
        "unknown": counts[UNKNOWN],
        "pending": counts["pending"],
        "state": state,
        "reason": reason,
    }
    if scheduled_at:
        line["scheduled_at"] = scheduled_at
    return line


def _store_failed(exc: StoreError, campaign_id: str, seen: dict[str, int], json_lines: bool) -> str:
    """The one line (and with --json the last JSON line) when the database failed under a run."""
    so_far = f"{seen[SENT]} sent, {seen[FAILED]} failed, {seen[UNKNOWN]} unknown"
    if json_lines:
        so_far += ", each printed above"
    if json_lines:
        print_json(
            sys.stdout,
            {
                "campaign": campaign_id,
                "sent": seen[SENT],
                "failed": seen[FAILED],
                "skipped": None,
                "unknown": seen[UNKNOWN],
                "pending": None,
                "state": STOPPED,
                "reason": str(exc),
            },
        )
    return f"{exc} Sending campaign {campaign_id} stopped; this run reported {so_far}."


def _ignore_sigpipe() -> None:
    if hasattr(signal, "SIGPIPE"):  # not on Windows, where a closed pipe is only a failed write
        _install(signal.SIGPIPE, signal.SIG_IGN)


def exit_code(outcome: RunOutcome) -> int:
    if outcome.state == STOPPED:
        if outcome.stopped_by in (STOPPED_BY_SETUP, STOPPED_BY_STORAGE):
            return EXIT_USAGE
        return EXIT_PROVIDER_STOPPED
    if outcome.state == CANCELLED:
        return EXIT_INTERRUPTED
    if outcome.counts[FAILED] or outcome.counts[UNKNOWN]:
        return EXIT_SOME_FAILED
    return EXIT_OK


def _install(signum: int, handler: Any) -> bool:
    try:
        signal.signal(signum, handler)
    except ValueError:  # not the main thread (tests calling the handler directly): no Ctrl-C handling needed
        return False
    return True


def _report(out: TextIO, db: Database, campaign_id: str, outcome: RunOutcome, *, show_failures: bool) -> None:
    counts = outcome.counts
    line = (
        f"Campaign {campaign_id}: {counts[SENT]} sent, {counts[FAILED]} failed, {counts[UNKNOWN]} unknown, "
        f"{counts[SKIPPED]} skipped"
    )
    if counts[PENDING]:
        line += f", {counts[PENDING]} not sent yet"
    print(line + ".", file=out)
    if show_failures and (counts[FAILED] or counts[UNKNOWN]):
        journal = Journal(db)
        shown = journal.messages(campaign_id, states=(FAILED, UNKNOWN), limit=20)
        for record in shown:
            print(f"  row {record.row} {record.phone}: {record.state}: {record.error}", file=out)
        if counts[FAILED] + counts[UNKNOWN] > len(shown):
            print(f"  ... see all: smsdesk campaigns export {campaign_id} --out results.xlsx", file=out)
    if outcome.state == STOPPED:
        print(f"Stopped: {outcome.reason}", file=sys.stderr)
    if outcome.state in (STOPPED, CANCELLED) and counts[PENDING]:
        print(f"The rest can be sent later with: smsdesk campaigns resume {campaign_id}", file=sys.stderr)
    if counts[UNKNOWN]:
        print(
            f"{counts[UNKNOWN]} messages may or may not have arrived (unknown); they are not sent again unless you "
            f"ask: smsdesk campaigns retry {campaign_id} --unknown",
            file=out,
        )


class _Progress:
    """One self-updating line on a terminal, a few times a second."""

    def __init__(self, out: TextIO, *, enabled: bool):
        self.out = out
        self.enabled = enabled
        self.counts = {SENT: 0, FAILED: 0, UNKNOWN: 0}
        self.shown_at = 0.0

    def count(self, update: MessageUpdate) -> None:
        self.counts[update.state] += 1
        now = time.monotonic()
        if self.enabled and now - self.shown_at > 0.25:
            self.shown_at = now
            c = self.counts
            self.out.write(f"\r{c[SENT]} sent, {c[FAILED]} failed, {c[UNKNOWN]} unknown")
            self.out.flush()

    def done(self) -> None:
        if self.enabled and self.shown_at:
            self.out.write("\n")

    def interrupt(self) -> None:
        """Another line is about to be printed: end the self-updating one first."""
        if self.enabled and self.shown_at:
            self.out.write("\n")
            self.out.flush()
            self.shown_at = 0.0


# -- JSON shapes ---------------------------------------------------------------------------------------------------


def print_json(out: TextIO, data: dict) -> None:
    out.write(json.dumps(data, ensure_ascii=False) + "\n")
    out.flush()


def update_json(update: MessageUpdate, provider: str | None = None) -> dict:
    data = {
        "row": update.row,
        "phone": update.phone,
        "status": update.state,
        "message_id": update.message_id,
        "error": update.error,
        "segments": update.segments,
    }
    return _with_batch(data, provider)


def _with_batch(data: dict, provider: str | None) -> dict:
    """iP.1: `message_id` is iP.1's message id and the batch goes in `batch_id` (the journal keeps both in one)."""
    if provider:
        message_id, batch_id = split_message_id(provider, data["message_id"])
        if batch_id is not None:
            data["message_id"], data["batch_id"] = message_id, batch_id
    return data


def record_json(record: MessageRecord, provider: str | None = None) -> dict:
    data = {
        "row": record.row,
        "phone": record.phone,
        "status": record.state,
        "message_id": record.message_id,
        "error": record.error,
        "segments": 0 if record.state == SKIPPED else record.segments,
    }
    if record.state == SKIPPED:
        data["kind"] = record.error_kind
    return _with_batch(data, provider)


def totals_json(totals: preflight.SendTotals) -> dict:
    return {
        "dry_run": True,
        "account": totals.account,
        "recipients": totals.recipients,
        "messages": totals.messages,
        "segments": totals.segments,
        "skipped": totals.skipped,
        "unicode_messages": totals.unicode_messages,
        "requests": totals.requests,
        "estimated_cost": totals.estimated_cost,
        "estimated_seconds": round(totals.estimated_seconds, 1),
        "balance": totals.balance.amount if totals.balance else None,
        "currency": totals.balance.currency if totals.balance else None,
        "balance_error": totals.balance_error,
        "refusal": totals.refusal,
    }


def describe_totals(totals: preflight.SendTotals) -> str:
    lines = [
        f"Recipients: {totals.recipients}   Left out: {totals.skipped}",
        f"Messages: {totals.messages}   SMS segments: {totals.segments}"
        + (f"   (of which {totals.unicode_messages} in Unicode)" if totals.unicode_messages else ""),
        f"Requests to {totals.provider}: {totals.requests}   Estimated time: {_duration(totals.estimated_seconds)}",
    ]
    cost = f"{totals.estimated_cost:g}" if totals.estimated_cost is not None else "unknown (no price set)"
    if totals.balance is not None and totals.balance.amount is not None:
        balance = f"{totals.balance.amount:g} {totals.balance.currency or ''}".strip()
    else:
        balance = f"unknown ({totals.balance_error})" if totals.balance_error else "not available"
    lines.append(f"Estimated cost: {cost}   Balance: {balance}")
    if totals.refusal:
        lines.append(f"Cannot send: {totals.refusal}")
    return "\n".join(lines)


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{max(1, round(seconds))} s"
    minutes = seconds / 60
    return f"{minutes:.0f} min" if minutes < 120 else f"{minutes / 60:.1f} h"
