"""`smsdesk campaigns ...`: list, resume, retry, discard and export journaled campaigns.

Contract (exact; keys and flags may be added, never renamed or dropped):
  campaigns list [--json] [--all]     --json: [{"id", "name", "kind", "created_at", "account", "provider", "state",
                                      "reason", "total", "pending", "sent", "failed", "skipped", "unknown",
                                      "segments", "cost"}], newest first; --all includes test sends
  campaigns resume ID [--json]        sends the pending rows; the same lines and exit codes as `smsdesk send`
  campaigns retry ID [--unknown]      puts failed rows (and with --unknown, rows whose fate is unknown: they may be
                                      texted twice) back to pending; `resume` then sends them
  campaigns reconcile ID [--json]     asks the provider which unknown messages it received (CPSMS, iP.1, the
                                      sandbox): found -> sent with its id; not in its list -> failed "not received by
                                      the provider"; else unknown. --json: one line per changed message (the send
                                      line format), then {"campaign", "checked", "settled", "sent", "failed",
                                      "skipped", "unknown", "pending", "can_tell", "reason"}. Exit 0 nothing unknown
                                      left, 1 some still unknown (or the provider cannot tell), 2 bad input, 3 the
                                      provider refused (credentials)
  campaigns discard ID                gives up the rows not sent yet (they become skipped); the campaign is closed
  campaigns export ID --out FILE      every row with its state and reason, .csv or .xlsx, Excel-safe
  Added (issue 16): "scheduled_at" on each listed campaign (ISO 8601 with offset, or null);
  campaigns cancel ID                 a scheduled campaign: the provider takes its messages back (CPSMS only more
                                      than 10 minutes ahead, iP.1 before the window opens; Txty cannot), or SMSDesk
                                      simply does not send it; cancelled messages end skipped, reason "cancelled".
                                      Exit 0 every message cancelled, 3 the provider refuses, 2 bad input
  campaigns run-due [--json]          sends every campaign SMSDesk keeps whose time has come (lines as `send`),
                                      nothing else; exit 0 when nothing was due or all were sent
  resume and run-due take --ignore-quiet-hours, and --yes to send content that may be stale (resumed more than
  12 hours after it started, or naming a day that has passed; see core/schedule.py).
Exit codes: 0 done, 2 bad input (no such campaign, it is being sent elsewhere, a file that cannot be written);
resume as `smsdesk send`.
"""

from __future__ import annotations

import argparse
import json
import sys

from smsdesk.cli import EXIT_OK, EXIT_PROVIDER_STOPPED, EXIT_SOME_FAILED, EXIT_USAGE, UsageError, schedule
from smsdesk.cli.send import add_batch_size, open_database, print_json, record_json, run_campaign
from smsdesk.core.schedule import format_moment
from smsdesk.engine.export import export_campaign
from smsdesk.engine.schedule import NOT_CANCELLABLE, REFUSED, cancel_campaign
from smsdesk.io.export import ExportError
from smsdesk.store import schedules
from smsdesk.store.journal import (
    FAILED,
    PENDING,
    SCHEDULED,
    SENT,
    SKIPPED,
    UNKNOWN,
    Campaign,
    CampaignBusy,
    CampaignNotFound,
    CampaignSummary,
    Journal,
)

_STALE_HELP = (
    "send even when the content may be stale (resumed more than 12 hours after it started, or a scheduled text "
    "naming a day that no longer fits); needed when not at a terminal"
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "campaigns",
        help="list, resume, retry, discard or export campaigns",
        description="List, resume, retry, discard or export campaigns: every row of the file, with its result.",
    )
    commands = parser.add_subparsers(dest="campaigns_command", metavar="ACTION")
    parser.set_defaults(handler=lambda args: _usage(parser))

    listing = commands.add_parser("list", help="campaigns, newest first, with their counts")
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.add_argument("--all", action="store_true", help="include test sends")
    listing.set_defaults(handler=handle_list)

    resume = commands.add_parser(
        "resume", help="send what an interrupted or stopped campaign has not sent yet"
    )
    resume.add_argument("id", metavar="ID")
    resume.add_argument(
        "--json", action="store_true", help="one JSON line per recipient, then a summary line"
    )
    add_batch_size(resume)
    schedule.add_ignore_quiet_hours(resume)
    resume.add_argument("--yes", action="store_true", help=_STALE_HELP)
    resume.set_defaults(handler=handle_resume)

    cancel = commands.add_parser(
        "cancel", help="cancel a scheduled campaign (at the provider where it holds the messages)"
    )
    cancel.add_argument("id", metavar="ID")
    cancel.set_defaults(handler=handle_cancel)

    run_due = commands.add_parser(
        "run-due",
        help="send every scheduled campaign SMSDesk keeps whose time has come (run it from Task Scheduler, "
        "launchd or cron)",
    )
    run_due.add_argument(
        "--json", action="store_true", help="one JSON line per recipient, then a summary line per campaign"
    )
    schedule.add_ignore_quiet_hours(run_due)
    run_due.add_argument("--yes", action="store_true", help=_STALE_HELP)
    run_due.set_defaults(handler=handle_run_due)

    retry = commands.add_parser("retry", help="put failed messages back in the queue (then: resume)")
    retry.add_argument("id", metavar="ID")
    retry.add_argument(
        "--unknown",
        action="store_true",
        help="also messages whose fate is unknown (they may have arrived: those people may get it twice)",
    )
    retry.add_argument("--json", action="store_true", help='print {"campaign": ID, "requeued": N}')
    retry.set_defaults(handler=handle_retry)

    reconcile = commands.add_parser(
        "reconcile", help="ask the provider which unknown messages it received (CPSMS, iP.1, sandbox)"
    )
    reconcile.add_argument("id", metavar="ID")
    reconcile.add_argument(
        "--json",
        action="store_true",
        help="one JSON line per message whose state changed, then a summary line",
    )
    reconcile.set_defaults(handler=handle_reconcile)

    discard = commands.add_parser("discard", help="give up the messages not sent yet and close the campaign")
    discard.add_argument("id", metavar="ID")
    discard.set_defaults(handler=handle_discard)

    export = commands.add_parser("export", help="write every row with its status and reason to .xlsx or .csv")
    export.add_argument("id", metavar="ID")
    export.add_argument("--out", required=True, metavar="FILE", help="FILE.xlsx or FILE.csv")
    export.set_defaults(handler=handle_export)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def handle_list(args: argparse.Namespace) -> int:
    db = open_database()
    try:
        campaigns = Journal(db).list_campaigns(include_tests=args.all)
        timings = schedules.all_schedules(db)
    finally:
        db.close()
    if args.json:
        json.dump(
            [summary_json(c) | {"scheduled_at": _scheduled_at(timings.get(c.id))} for c in campaigns],
            sys.stdout,
            ensure_ascii=False,
        )
        sys.stdout.write("\n")
        return EXIT_OK
    if not campaigns:
        print("No campaigns yet.")
        return EXIT_OK
    for c in campaigns:
        counts = c.counts
        print(
            f"{c.id}  {c.state:<11} {counts[SENT]:>6} sent {counts[FAILED]:>5} failed {counts[UNKNOWN]:>4} unknown "
            f"{counts[PENDING]:>6} to send  {c.account}: {c.name}"
        )
    return EXIT_OK


def summary_json(c: CampaignSummary) -> dict:
    return {
        "id": c.id,
        "name": c.name,
        "kind": c.kind,
        "created_at": c.created_at,
        "account": c.account,
        "provider": c.provider,
        "state": c.state,
        "reason": c.stop_reason,
        "total": c.total,
        "pending": c.counts[PENDING],
        "sent": c.counts[SENT],
        "failed": c.counts[FAILED],
        "skipped": c.counts[SKIPPED],
        "unknown": c.counts[UNKNOWN],
        "segments": c.segments,
        "cost": c.cost,
    }


def _scheduled_at(entry: schedules.CampaignSchedule | None) -> str | None:
    return format_moment(entry.scheduled_at) if entry and entry.scheduled_at else None


def handle_resume(args: argparse.Namespace) -> int:
    if args.batch_size is not None and args.batch_size < 1:
        raise UsageError("--batch-size must be 1 or more")
    db = open_database()
    try:
        campaign = _campaign(db, args.id)
        if campaign.state == SCHEDULED:
            at = _scheduled_at(schedules.schedule_of(db, args.id))
            raise UsageError(
                f"campaign {args.id} is scheduled for {at}: `smsdesk campaigns run-due` sends it when due "
                f"(or cancel it: smsdesk campaigns cancel {args.id})"
            )
        if campaign.pending:
            schedule.confirm_fresh(db, campaign, yes=args.yes)
        arguments = schedule.run_arguments(db, args.id, ignore_quiet_hours=args.ignore_quiet_hours)
        return run_campaign(db, args.id, json_lines=args.json, batch_size=args.batch_size, **arguments)
    finally:
        db.close()


def handle_run_due(args: argparse.Namespace) -> int:
    db = open_database()
    try:
        journal = Journal(db)
        due = schedules.due(db, schedule.now(), SCHEDULED)
        codes = []
        for campaign_id in due:
            if journal.is_busy(campaign_id):  # the app is sending it right now
                print(f"Campaign {campaign_id} is being sent by SMSDesk already.", file=sys.stderr)
                continue
            campaign = journal.get_campaign(campaign_id)
            try:
                schedule.confirm_fresh(db, campaign, yes=args.yes)
            except UsageError as exc:
                # One out-of-date text waits for a yes; the other campaigns due are still sent at their time.
                print(f"smsdesk campaigns run-due: {exc}", file=sys.stderr)
                codes.append(EXIT_USAGE)
                continue
            arguments = schedule.run_arguments(db, campaign_id, ignore_quiet_hours=args.ignore_quiet_hours)
            codes.append(run_campaign(db, campaign_id, json_lines=args.json, **arguments))
        if not due and not args.json:
            print("Nothing is due.")
        # The worst outcome decides: provider stopped (3) over one held back for --yes (2) over some failed (1)
        # over all sent (0).
        return max(codes, default=EXIT_OK, key=lambda code: (code == EXIT_PROVIDER_STOPPED, code))
    finally:
        db.close()


def handle_cancel(args: argparse.Namespace) -> int:
    db = open_database()
    try:
        _campaign(db, args.id)
        try:
            report = cancel_campaign(db, args.id, now=schedule.now())
        except CampaignBusy as exc:
            raise UsageError(str(exc)) from None
    finally:
        db.close()
    if report.result == NOT_CANCELLABLE:
        raise UsageError(report.message)
    if report.result == REFUSED:
        print(f"smsdesk campaigns cancel: {report.message}", file=sys.stderr)
        return EXIT_PROVIDER_STOPPED
    print(report.message)
    return EXIT_OK


def handle_retry(args: argparse.Namespace) -> int:
    states = (FAILED, UNKNOWN) if args.unknown else (FAILED,)
    db = open_database()
    try:
        _campaign(db, args.id)
        try:
            count = Journal(db).retry(args.id, states)
        except CampaignBusy as exc:
            raise UsageError(str(exc)) from None
    finally:
        db.close()
    if args.json:
        print(json.dumps({"campaign": args.id, "requeued": count}))
    elif count:
        print(f"{count} messages will be sent again by: smsdesk campaigns resume {args.id}")
    else:
        print("Nothing to retry.")
    return EXIT_OK


def handle_reconcile(args: argparse.Namespace) -> int:
    from smsdesk.engine.reconcile import reconcile
    from smsdesk.engine.sender import secret_for_account
    from smsdesk.providers import provider_class
    from smsdesk.providers.base import AccountError

    db = open_database()
    try:
        campaign = _campaign(db, args.id)
        journal = Journal(db)
        account = db.get_account(campaign.account)
        if account is None:
            raise UsageError(f"The account {campaign.account!r} of campaign {args.id} no longer exists")
        try:
            provider_type = provider_class(account.provider)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        secret = ""
        if provider_type.can_lookup and journal.counts(args.id)[UNKNOWN]:
            try:
                secret = secret_for_account(account)
            except Exception as exc:  # no key in the keyring, keyring locked: a sentence, not a traceback
                raise UsageError(str(exc) or type(exc).__name__) from None
        try:
            with provider_type(account, secret) as provider, journal.lock(args.id):
                result = reconcile(journal, args.id, provider)
        except CampaignBusy as exc:
            raise UsageError(str(exc)) from None
        counts = journal.counts(args.id)
    finally:
        db.close()
    human = sys.stderr if args.json else sys.stdout
    if args.json:
        for record in result.changed:
            print_json(sys.stdout, record_json(record, campaign.provider))
        print_json(
            sys.stdout,
            {
                "campaign": args.id,
                "checked": result.checked,
                "settled": len(result.changed),
                "sent": counts[SENT],
                "failed": counts[FAILED],
                "skipped": counts[SKIPPED],
                "unknown": counts[UNKNOWN],
                "pending": counts[PENDING],
                "can_tell": result.can_tell,
                "reason": result.note,
            },
        )
    else:
        for record in result.changed:
            print(
                f"  row {record.row} {record.phone}: {record.state}"
                + (f": {record.error}" if record.error else "")
            )
    settled_sent = sum(1 for r in result.changed if r.state == SENT)
    print(
        f"Campaign {args.id}: {result.checked} unknown checked, {settled_sent} found sent, "
        f"{len(result.changed) - settled_sent} not received, {counts[UNKNOWN]} still unknown.",
        file=human,
    )
    if result.note:
        print(result.note, file=sys.stderr)
    if isinstance(result.error, AccountError):
        return EXIT_PROVIDER_STOPPED
    return EXIT_SOME_FAILED if counts[UNKNOWN] else EXIT_OK


def handle_discard(args: argparse.Namespace) -> int:
    db = open_database()
    try:
        _campaign(db, args.id)
        try:
            count = Journal(db).discard(args.id)
        except CampaignBusy as exc:
            raise UsageError(str(exc)) from None
    finally:
        db.close()
    print(f"Campaign {args.id} closed; {count} messages will not be sent.")
    return EXIT_OK


def handle_export(args: argparse.Namespace) -> int:
    db = open_database()
    try:
        campaign = _campaign(db, args.id)
        path, count = export_campaign(Journal(db), campaign, args.out)
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    finally:
        db.close()
    print(f"{count} rows written to {path}")
    return EXIT_OK


def _campaign(db, campaign_id: str) -> Campaign:
    try:
        return Journal(db).get_campaign(campaign_id)
    except CampaignNotFound as exc:
        raise UsageError(f"{exc}; see smsdesk campaigns list") from None
