"""The campaign journal: every row of a campaign's file and what became of it. The journal is the truth.

Message states:  pending -> sending -> sent | failed | unknown,  and skipped (never sent: excluded by the plan, or
discarded by the user). A request's messages become `sending` by a claim (store/claims.py) committed BEFORE the
request leaves; messages a claim still holds when the campaign is opened again (crash, kill, power cut) become
`unknown` and are never sent again unless the user asks (`retry(..., states=("unknown",))`).

Three tables, each written as often as it changes (schema version 3): `messages` (what to send: written once),
`message_status` (what became of it: a narrow row written with the answer; none yet means pending) and `claims`
(one row per request in flight). Readers see one state per message; only this module knows how it is stored.

Campaign states: ready (made, never started) -> running -> finished | paused | cancelled | stopped (the provider
refused the account: credentials, credit) | interrupted (found running without its sender) | discarded (the user gave
up the rest; pending rows became skipped). Every state but finished and discarded can be resumed.

One sender per campaign: a sender holds an OS file lock on the campaign (`Journal.lock`) that the OS releases when
the process dies, so recovery never touches a campaign another window or process is sending.
"""

from __future__ import annotations

import contextlib
import functools
import json
import operator
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from smsdesk.core.account import Account
from smsdesk.store import claims
from smsdesk.store.claims import ClaimBook
from smsdesk.store.db import Database, now_iso

PENDING = "pending"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"
SKIPPED = "skipped"
UNKNOWN = "unknown"
MESSAGE_STATES = (PENDING, SENDING, SENT, FAILED, SKIPPED, UNKNOWN)
FINAL_STATES = (SENT, FAILED, SKIPPED, UNKNOWN)
RETRYABLE_STATES = (FAILED, UNKNOWN)

READY = "ready"
RUNNING = "running"
PAUSED = "paused"
CANCELLED = "cancelled"
STOPPED = "stopped"
FINISHED = "finished"
INTERRUPTED = "interrupted"
DISCARDED = "discarded"
CLOSED_CAMPAIGN_STATES = (FINISHED, DISCARDED)

KIND_CAMPAIGN = "campaign"
KIND_TEST = "test"

# error_kind of rows the journal itself decided about
INTERRUPTED_KIND = "interrupted"
DISCARDED_KIND = "discarded"
_json_rows = True


def _disable_json_rows() -> None:
    global _json_rows
    _json_rows = False


INTERRUPTED_REASON = (
    "SMSDesk stopped while this message was being sent (crash, kill or power cut): the provider may or may not "
    "have accepted it, so it is not sent again unless you ask"
)


class CampaignNotFound(LookupError):
    def __init__(self, campaign_id: str):
        super().__init__(f"No campaign {campaign_id!r}")
        self.campaign_id = campaign_id


class CampaignBusy(RuntimeError):
    """Another window or process is sending this campaign."""

    def __init__(self, campaign_id: str):
        super().__init__(f"Campaign {campaign_id} is being sent by another SMSDesk window or process")
        self.campaign_id = campaign_id


@dataclass(frozen=True)
class CampaignSummary:
    id: str
    kind: str
    name: str
    created_at: str
    account: str
    provider: str
    state: str
    stop_reason: str | None
    counts: dict[str, int]  # every message state, zeros included
    total: int  # rows, skipped ones included
    segments: int  # SMS parts of the messages to send (skipped rows excluded)
    cost: float | None  # what the provider reported for the sent messages; None when it reported nothing
    updated_at: str | None

    @property
    def pending(self) -> int:
        return self.counts.get(PENDING, 0)

    @property
    def resumable(self) -> bool:
        return self.state not in CLOSED_CAMPAIGN_STATES and self.counts.get(PENDING, 0) > 0


@dataclass(frozen=True)
class Campaign(CampaignSummary):
    source_file: str | None
    sheet: str | None
    template: str
    country: str | None
    phone_column: str | None
    columns: list[str]
    price_per_segment: float | None


@dataclass(frozen=True)
class MessageRecord:
    id: int
    campaign_id: str
    row: int
    phone: str
    fields: dict[str, str]
    text: str
    encoding: str
    segments: int
    state: str
    message_id: str | None
    cost: float | None
    error: str | None
    error_kind: str | None
    delivery: str | None
    attempts: int
    created_at: str
    sending_at: str | None
    done_at: str | None
    delivery_at: str | None


class RowToSend(NamedTuple):
    """What the sender needs of a pending row, and no more (loading 10,000 full records costs ~0.2 s)."""

    id: int
    row: int
    phone: str
    text: str
    encoding: str
    segments: int
    fields: str  # JSON, parsed only when the template has placeholders


_new_row_to_send = functools.partial(tuple.__new__, RowToSend)


class Outcome(NamedTuple):
    """What a sender learned about one row: its new state and the provider's answer."""

    id: int
    state: str  # SENT, FAILED, UNKNOWN, or PENDING (the request did not take effect: send it again later)
    message_id: str | None = None
    cost: float | None = None
    error: str | None = None
    error_kind: str | None = None


_id = operator.attrgetter("id")

# A message as readers see it: its plan row with its status (none yet: pending, never sent). 'sending' is laid over
# by the caller from the claims (see _with_claims).
_STATE = "COALESCE(s.state, 'pending')"
_WITH_STATUS = "messages LEFT JOIN message_status AS s ON s.id = messages.id"
_RECORD_COLUMNS = f"""messages.id, messages.campaign_id, messages.row, messages.phone, messages.fields, messages.text,
    messages.encoding, messages.segments, {_STATE} AS state, s.message_id, s.cost, s.error, s.error_kind,
    COALESCE(s.attempts, 0) AS attempts, messages.created_at, s.sending_at, s.done_at, s.delivery, s.delivery_at"""


class CampaignLock:
    """An OS lock on one campaign, released by the OS when the process dies (SIGKILL, crash, power cut)."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if os.name == "nt":
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                # flock, not fcntl locks: flock locks belong to the open file, so a second lock attempt from the
                # same process (two windows' runners) is refused as well.
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            if os.name == "nt":
                import msvcrt

                with contextlib.suppress(OSError):
                    os.lseek(fd, 0, os.SEEK_SET)
                    msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        finally:
            os.close(fd)


class Journal:
    def __init__(self, db: Database):
        self.db = db
        # A claim is what stops a second send after a power cut, so its commit waits for the disk
        # (synchronous=FULL). Results may stay at the connection's NORMAL: WAL+NORMAL survives any process death
        # (the commit is in the OS's hands), and a result lost to a power cut leaves its claim -> 'unknown',
        # which never re-sends. Costs ~0.2 ms per claiming commit; the sender claims several requests per commit.
        self.durable_marks = True
        self._synchronous: str | None = None
        self._claims = ClaimBook()

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    # -- locks -----------------------------------------------------------------------------------------------------

    def lock_path(self, campaign_id: str) -> Path:
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", campaign_id)
        return self.db.path.parent / "locks" / f"{safe}.lock"

    @contextlib.contextmanager
    def lock(self, campaign_id: str) -> Iterator[None]:
        """Hold the campaign's send lock, or raise CampaignBusy."""
        lock = CampaignLock(self.lock_path(campaign_id))
        if not lock.acquire():
            raise CampaignBusy(campaign_id)
        try:
            yield
        finally:
            lock.release()

    def is_busy(self, campaign_id: str) -> bool:
        lock = CampaignLock(self.lock_path(campaign_id))
        if lock.acquire():
            lock.release()
            return False
        return True

    # -- making a campaign -----------------------------------------------------------------------------------------

    def create_campaign(
        self,
        *,
        name: str,
        account: Account,
        source_file: str | None,
        sheet: str | None,
        template: str,
        country: str | None,
        phone_column: str | None,
        columns: Sequence[str],
        messages: Iterable[Any],
        kind: str = KIND_CAMPAIGN,
    ) -> str:
        """Journal a campaign and all its rows in one transaction; returns its id ("2026-11-22-001").

        `messages` are core.costing.PlannedMessage (or anything with the same attributes): sendable ones become
        pending rows, skipped ones (skip_reason set) skipped rows with their reason.
        """
        now = now_iso()
        rows = []
        skipped_rows = []
        for message in messages:
            skipped = getattr(message, "skip_reason", None) is not None
            if not skipped and not (message.segments and message.segments >= 1 and message.text):
                raise ValueError(
                    f"Row {message.row}: a message to send needs a text (and at least one segment)"
                )
            if skipped:
                skipped_rows.append((len(rows), message.skip_reason, getattr(message, "skip_kind", None)))
            rows.append(
                (
                    message.row,
                    message.phone,
                    json.dumps(dict(message.fields or {}), ensure_ascii=False),
                    message.text or "",
                    message.encoding,
                    0
                    if skipped
                    else int(message.segments),  # 0 keeps skipped rows out of the one-per-phone index
                    now,
                )
            )
        with self.db.transaction() as conn:
            campaign_id = self._next_id(conn)
            conn.execute(
                """INSERT INTO campaigns (id, kind, name, created_at, account, provider, source_file, sheet, template,
                                          country, phone_column, columns, price_per_segment, state, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    campaign_id,
                    kind,
                    name,
                    now,
                    account.name,
                    account.provider,
                    source_file,
                    sheet,
                    template,
                    country,
                    phone_column,
                    json.dumps(list(columns), ensure_ascii=False),
                    account.price_per_segment,
                    READY,
                    now,
                ),
            )
            # Ids given here (the transaction holds the write lock) so the skipped rows' status can name them.
            (first_id,) = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM messages").fetchone()
            try:
                conn.executemany(
                    """INSERT INTO messages (id, campaign_id, row, phone, fields, text, encoding, segments, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    [(first_id + index, campaign_id, *row) for index, row in enumerate(rows)],
                )
            except sqlite3.IntegrityError as exc:
                raise ValueError(
                    "Two messages to the same number in one campaign: the recipient plan must remove duplicates"
                ) from exc
            conn.executemany(
                "INSERT INTO message_status (id, state, error, error_kind, done_at) VALUES (?, ?, ?, ?, ?)",
                [(first_id + index, SKIPPED, reason, kind_, now) for index, reason, kind_ in skipped_rows],
            )
        return campaign_id

    @staticmethod
    def _next_id(conn: sqlite3.Connection) -> str:
        # The user's own calendar day: that is the day they will look for.
        day = datetime.now().strftime("%Y-%m-%d")
        numbers = [
            int(row[0].rsplit("-", 1)[1])
            for row in conn.execute("SELECT id FROM campaigns WHERE id LIKE ?", (day + "-%",))
            if row[0].rsplit("-", 1)[1].isdigit()
        ]
        return f"{day}-{max(numbers, default=0) + 1:03d}"

    # -- reading ---------------------------------------------------------------------------------------------------

    def list_campaigns(self, *, include_tests: bool = False) -> list[CampaignSummary]:
        """Newest first."""
        where = "" if include_tests else "WHERE kind = 'campaign'"
        campaigns = self.conn.execute(
            f"SELECT * FROM campaigns {where} ORDER BY created_at DESC, id DESC"
        ).fetchall()
        stats = self._stats(None)  # open campaigns only; closed ones carry their frozen totals
        summaries = []
        for row in campaigns:
            frozen = _frozen_totals(row["totals"])
            summaries.append(self._summary(row, frozen if frozen is not None else stats.get(row["id"])))
        return summaries

    def get_campaign(self, campaign_id: str, *, with_counts: bool = True) -> Campaign:
        """The campaign; `with_counts=False` leaves counts, segments and cost at zero and skips counting its rows
        (what a sender needs is the account, the template and the state)."""
        row = self.conn.execute("SELECT * FROM campaigns WHERE id = ?", (campaign_id,)).fetchone()
        if row is None:
            raise CampaignNotFound(campaign_id)
        summary = self._summary(row, self._stats(campaign_id).get(campaign_id) if with_counts else None)
        try:
            columns = json.loads(row["columns"] or "[]")
        except ValueError:
            columns = []
        return Campaign(
            **summary.__dict__,
            source_file=row["source_file"],
            sheet=row["sheet"],
            template=row["template"],
            country=row["country"],
            phone_column=row["phone_column"],
            columns=list(columns),
            price_per_segment=row["price_per_segment"],
        )

    def counts(self, campaign_id: str) -> dict[str, int]:
        counts = dict.fromkeys(MESSAGE_STATES, 0)
        for state, number in self.conn.execute(
            f"SELECT {_STATE}, COUNT(*) FROM {_WITH_STATUS} WHERE messages.campaign_id = ? GROUP BY 1",
            (campaign_id,),
        ):
            counts[state] = number
        (held,) = self.conn.execute(
            "SELECT COALESCE(SUM(size), 0) FROM claims WHERE campaign_id = ?", (campaign_id,)
        ).fetchone()
        _move_held_to_sending(counts, held)
        return counts

    def messages(
        self,
        campaign_id: str,
        *,
        states: Iterable[str] | None = None,
        after_id: int = 0,
        limit: int | None = None,
    ) -> list[MessageRecord]:
        """Rows in journal order (the file's order), optionally only some states, after an id, at most `limit`."""
        held = claims.open_claims(self.conn, campaign_id)
        sql = (
            f"SELECT {_RECORD_COLUMNS} FROM {_WITH_STATUS} WHERE messages.campaign_id = ? AND messages.id > ?"
        )
        params: list[Any] = [campaign_id, after_id]
        wanted: set[str] | None = None
        if states is not None:
            wanted = set(states)
            if not wanted:
                return []
            stored = (wanted - {SENDING}) | ({PENDING} if SENDING in wanted else set())
            sql += f" AND {_STATE} IN ({','.join('?' * len(stored))})"
            params += sorted(stored)
        sql += " ORDER BY messages.id"
        # Rows a claim holds are stored pending: when that decides whether a row is wanted, count in Python.
        filter_here = bool(held) and wanted is not None and (PENDING in wanted) != (SENDING in wanted)
        if limit is not None and not filter_here:
            sql += " LIMIT ?"
            params.append(int(limit))
        records = []
        for row in self.conn.execute(sql, params):
            record = _record(row, held)
            if wanted is not None and record.state not in wanted:
                continue
            records.append(record)
            if limit is not None and len(records) >= limit:
                break
        return records

    def rows_to_send(
        self, campaign_id: str, *, after_id: int = 0, limit: int = -1, with_fields: bool = True
    ) -> list[RowToSend]:
        """Pending rows no claim holds, in send order, after a journal id, at most `limit` (-1: all).
        `with_fields=False` leaves each row's fields '{}' (for a provider that never reads them)."""
        held = self._held_after(campaign_id, after_id)
        # A message with no status row is pending; one with a status row is pending only when put back for a retry.
        fields = "fields" if with_fields else "'{}' AS fields"
        query = (
            f"SELECT messages.id, row, phone, text, encoding, segments, {fields} FROM messages "
            "WHERE campaign_id = ? AND id > ? AND NOT EXISTS "
            "(SELECT 1 FROM message_status AS s WHERE s.id = messages.id AND s.state <> 'pending') "
            "ORDER BY messages.id LIMIT ?"
        )
        params = (campaign_id, after_id, limit if limit < 0 or not held else limit + len(held))
        rows: list[RowToSend] | None = None
        if _json_rows:
            # The page as ONE JSON value, not thousands of rows: the sqlite3 module lets go of the GIL for every
            # row it steps through, and each time a worker thread busy encoding JSON may keep it for milliseconds.
            try:
                (packed,) = self.conn.execute(
                    "SELECT json_group_array(json_array(id, row, phone, text, encoding, segments, fields)) "
                    f"FROM ({query})",
                    params,
                ).fetchone()
                # Straight as the tuples they are: RowToSend._make is a Python call per row.
                rows = list(map(_new_row_to_send, json.loads(packed)))
            except sqlite3.OperationalError:  # an SQLite without JSON
                _disable_json_rows()
        if rows is None:
            cursor = self.conn.cursor()
            cursor.row_factory = None  # plain tuples: sqlite3.Row objects cost more than the query
            rows = list(map(_new_row_to_send, cursor.execute(query, params)))
        if held:
            rows = [row for row in rows if row.id not in held]
            if limit >= 0:
                del rows[limit:]
        return rows

    def _held_after(self, campaign_id: str, after_id: int) -> set[int]:
        """Rows after `after_id` that open claims hold: a few claims at most (one per request in flight)."""
        return {row for row in claims.open_claims(self.conn, campaign_id) if row > after_id}

    def message(self, message_row_id: int) -> MessageRecord | None:
        row = self.conn.execute(
            f"SELECT {_RECORD_COLUMNS} FROM {_WITH_STATUS} WHERE messages.id = ?", (message_row_id,)
        ).fetchone()
        return _record(row, claims.open_claims(self.conn, row["campaign_id"])) if row else None

    def interrupted_campaigns(self) -> list[CampaignSummary]:
        """Campaigns with rows still to send that are neither finished nor discarded: offer to resume them."""
        return [c for c in self.list_campaigns(include_tests=False) if c.resumable]

    def _stats(self, campaign_id: str | None) -> dict[str, dict[str, Any]]:
        sql = f"""SELECT messages.campaign_id, {_STATE} AS state, COUNT(*) AS n, SUM(messages.segments) AS segments,
                         SUM(s.cost) AS cost
                  FROM {_WITH_STATUS} {{where}} GROUP BY messages.campaign_id, 2"""
        held_sql = "SELECT campaign_id, SUM(size) FROM claims {where} GROUP BY campaign_id"
        if campaign_id is None:
            open_campaigns = "campaign_id IN (SELECT id FROM campaigns WHERE totals IS NULL)"
            rows = self.conn.execute(sql.format(where=f"WHERE messages.{open_campaigns}"))
            held = self.conn.execute(held_sql.format(where=f"WHERE {open_campaigns}")).fetchall()
        else:
            rows = self.conn.execute(sql.format(where="WHERE messages.campaign_id = ?"), (campaign_id,))
            held = self.conn.execute(
                held_sql.format(where="WHERE campaign_id = ?"), (campaign_id,)
            ).fetchall()
        stats: dict[str, dict[str, Any]] = {}
        for row in rows:
            entry = stats.setdefault(
                row["campaign_id"], {"counts": dict.fromkeys(MESSAGE_STATES, 0), "segments": 0, "cost": None}
            )
            entry["counts"][row["state"]] = row["n"]
            if row["state"] != SKIPPED:
                entry["segments"] += row["segments"] or 0
            if row["state"] == SENT and row["cost"] is not None:
                entry["cost"] = (entry["cost"] or 0.0) + row["cost"]
        for held_campaign, size in held:
            if held_campaign in stats:
                _move_held_to_sending(stats[held_campaign]["counts"], size or 0)
        return stats

    @staticmethod
    def _summary(row: sqlite3.Row, stats: dict[str, Any] | None) -> CampaignSummary:
        counts = stats["counts"] if stats else dict.fromkeys(MESSAGE_STATES, 0)
        return CampaignSummary(
            id=row["id"],
            kind=row["kind"],
            name=row["name"],
            created_at=row["created_at"],
            account=row["account"],
            provider=row["provider"],
            state=row["state"],
            stop_reason=row["stop_reason"],
            counts=counts,
            total=sum(counts.values()),
            segments=stats["segments"] if stats else 0,
            cost=stats["cost"] if stats else None,
            updated_at=row["updated_at"],
        )

    # -- recovery and user decisions -------------------------------------------------------------------------------

    def recover(self, campaign_id: str) -> int:
        """Rows a claim still holds become 'unknown'. Call only while holding the campaign's lock. Returns how many."""
        now = now_iso()
        with self.db.transaction() as conn:
            changed = 0
            for rows, claimed_at in conn.execute(
                "SELECT rows, claimed_at FROM claims WHERE campaign_id = ?", (campaign_id,)
            ).fetchall():
                ids = claims.claim_rows(rows)
                changed += claims.mark_unknown(
                    conn, ids, claimed_at, INTERRUPTED_REASON, INTERRUPTED_KIND, now
                )
                self._claims.forget_rows(ids)
            conn.execute("DELETE FROM claims WHERE campaign_id = ?", (campaign_id,))
            conn.execute(
                "UPDATE campaigns SET state = ?, stop_reason = ?, updated_at = ? WHERE id = ? AND state = ?",
                (
                    INTERRUPTED,
                    "SMSDesk stopped while sending this campaign (crash, kill or power cut)",
                    now,
                    campaign_id,
                    RUNNING,
                ),
            )
        return changed

    def recover_interrupted(self) -> list[str]:
        """On start-up: every campaign left mid-send by a crash gets the rows its claims hold marked 'unknown'.

        Campaigns another window or process is sending right now are left alone. Returns the recovered ids.
        """
        candidates = [
            row[0]
            for row in self.conn.execute(
                "SELECT id FROM campaigns WHERE state NOT IN (?, ?) AND (state = ? OR EXISTS "
                "(SELECT 1 FROM claims WHERE claims.campaign_id = campaigns.id))",
                (FINISHED, DISCARDED, RUNNING),
            )
        ]
        recovered = []
        for campaign_id in candidates:
            try:
                with self.lock(campaign_id):
                    self.recover(campaign_id)
            except CampaignBusy:
                continue
            recovered.append(campaign_id)
        return recovered

    def retry(self, campaign_id: str, states: Sequence[str] = (FAILED,)) -> int:
        """Put failed (and, only when asked, unknown) rows back to pending. Returns how many.

        Retrying unknown rows may text those people twice: the caller must have asked the user.
        """
        states = tuple(states)
        wrong = [s for s in states if s not in RETRYABLE_STATES]
        if wrong:
            raise ValueError(f"Only failed or unknown messages can be retried, not {', '.join(wrong)}")
        self.get_campaign(campaign_id, with_counts=False)
        if not states:
            return 0
        now = now_iso()
        with self.lock(campaign_id):
            self.recover(campaign_id)
            with self.db.transaction() as conn:
                # attempts stay: they count what really left
                changed = conn.execute(
                    f"""UPDATE message_status SET state = ?, message_id = NULL, cost = NULL, error = NULL,
                            error_kind = NULL, done_at = NULL, sending_at = NULL
                        WHERE state IN ({",".join("?" * len(states))})
                          AND id IN (SELECT id FROM messages WHERE campaign_id = ?)""",
                    (PENDING, *states, campaign_id),
                ).rowcount
                if changed:
                    conn.execute(
                        "UPDATE campaigns SET state = ?, stop_reason = NULL, updated_at = ?, totals = NULL "
                        "WHERE id = ?",
                        (READY, now, campaign_id),
                    )
        return changed

    def discard(self, campaign_id: str) -> int:
        """Give up the rest: pending rows become skipped ("discarded"), the campaign is closed. Returns how many."""
        self.get_campaign(campaign_id, with_counts=False)
        now = now_iso()
        with self.lock(campaign_id):
            self.recover(campaign_id)
            with self.db.transaction() as conn:
                changed = conn.execute(
                    f"""INSERT INTO message_status (id, state, error, error_kind, done_at)
                        SELECT messages.id, ?, ?, ?, ? FROM {_WITH_STATUS}
                        WHERE messages.campaign_id = ? AND {_STATE} = ?
                        ON CONFLICT (id) DO UPDATE SET state = excluded.state, error = excluded.error,
                            error_kind = excluded.error_kind, done_at = excluded.done_at""",
                    (
                        SKIPPED,
                        "not sent: the campaign was discarded",
                        DISCARDED_KIND,
                        now,
                        campaign_id,
                        PENDING,
                    ),
                ).rowcount
                conn.execute(
                    "UPDATE campaigns SET state = ?, updated_at = ?, totals = ? WHERE id = ?",
                    (DISCARDED, now, _totals_json(self._count(campaign_id)[0]), campaign_id),
                )
        return changed

    def set_delivery(self, campaign_id: str, reports: Iterable[Any]) -> int:
        """Delivery reports (providers.base.DeliveryReport: message_id, state, detail) onto the rows they concern.

        Several rows may share a provider id (a batch request answered with one id): all of them get the report.
        """
        now = now_iso()
        by_provider_id: dict[str, list[int]] = {}
        for row_id, message_id in self.conn.execute(
            "SELECT s.id, s.message_id FROM message_status AS s JOIN messages ON messages.id = s.id "
            "WHERE messages.campaign_id = ? AND s.message_id IS NOT NULL",
            (campaign_id,),
        ):
            by_provider_id.setdefault(message_id, []).append(row_id)
        params = [
            (report.state, now, row_id)
            for report in reports
            for row_id in by_provider_id.get(report.message_id, ())
        ]
        if not params:
            return 0
        with self.db.transaction() as conn:
            conn.executemany("UPDATE message_status SET delivery = ?, delivery_at = ? WHERE id = ?", params)
        return len(params)

    # -- used by the sender (which holds the lock) -----------------------------------------------------------------

    def set_state(self, campaign_id: str, state: str, reason: str | None = None) -> dict[str, int] | None:
        """Returns the campaign's counts when the state closes it (they are counted then for its frozen totals
        anyway), else None."""
        with self.db.transaction() as conn:
            stats, counts = self._count(campaign_id) if state in CLOSED_CAMPAIGN_STATES else (None, None)
            self._store_state(conn, campaign_id, state, reason, stats)
        return counts

    def finish(self, campaign_id: str) -> dict[str, int] | None:
        """Close the campaign as finished if no row is left to send (pending, or held by a claim), and return its
        counts; None, and nothing changed, if some are left."""
        with self.db.transaction() as conn:
            stats, counts = self._count(campaign_id)
            if counts[PENDING] or counts[SENDING]:
                return None
            self._store_state(conn, campaign_id, FINISHED, None, stats)
        return counts

    def _count(self, campaign_id: str) -> tuple[dict[str, Any] | None, dict[str, int]]:
        """The campaign's stats (None: it has no rows) and its counts by state, zeros included."""
        stats = self._stats(campaign_id).get(campaign_id)
        return stats, dict(stats["counts"]) if stats is not None else dict.fromkeys(MESSAGE_STATES, 0)

    @staticmethod
    def _store_state(
        conn: sqlite3.Connection,
        campaign_id: str,
        state: str,
        reason: str | None,
        stats: dict[str, Any] | None,
    ) -> None:
        """`stats` become the frozen totals (None while the campaign is open)."""
        conn.execute(
            "UPDATE campaigns SET state = ?, stop_reason = ?, updated_at = ?, totals = ? WHERE id = ?",
            (state, reason, now_iso(), _totals_json(stats), campaign_id),
        )

    def commit(
        self,
        outcomes: Sequence[Outcome] = (),
        requests: Sequence[Sequence[int]] = (),
        campaign_id: str | None = None,
    ) -> list[int | None]:
        """Record answers and claim the rows of the requests about to leave, in ONE transaction.

        `outcomes` are answers for rows a claim holds (others are ignored: those rows are not 'sending'); each of
        `requests` is the row ids one request carries, all of `campaign_id` (read from the first row if None).
        The commit is synced to disk when it claims anything. Returns one claim id per request, or None for a
        request with a row that is not pending or is held already: the caller must not send that one.
        """
        if not outcomes and not requests:
            return []
        self._set_synchronous("FULL" if requests and self.durable_marks else "NORMAL")
        now = now_iso()
        book = self._claims
        claim_ids: list[int | None] = []
        with self.db.transaction() as conn:
            if outcomes:
                for claimed_at, answered in book.take_answers(conn, outcomes).items():
                    claims.record(conn, answered, claimed_at, now)
            if requests:
                if campaign_id is None:
                    first = next((rows[0] for rows in requests if rows), None)
                    found = conn.execute("SELECT campaign_id FROM messages WHERE id = ?", (first,)).fetchone()
                    campaign_id = found[0] if found else ""
                refused = book.refused(conn, campaign_id, requests)
                for rows in requests:
                    if not rows or not refused.isdisjoint(rows):
                        claim_ids.append(None)
                        continue
                    claim_ids.append(
                        conn.execute(
                            "INSERT INTO claims (campaign_id, rows, size, claimed_at) VALUES (?, ?, ?, ?)",
                            (campaign_id, claims.rows_text(rows), len(rows), now),
                        ).lastrowid
                    )
                    refused.update(rows)  # the same row twice in one commit: the second request is refused
        # Committed: now the book may say so.
        if outcomes:
            book.answered(outcomes)
        for claim_id, rows in zip(claim_ids, requests, strict=True):
            if claim_id is not None:
                book.add(claim_id, rows, now)
        return claim_ids

    def mark_sending(self, ids: Sequence[int]) -> int:
        """Claim pending rows for one request about to leave; committed (and synced) before this returns.
        Returns how many rows were claimed: all of them, or none."""
        (claim_id,) = self.commit((), [list(ids)]) or [None]
        return len(ids) if claim_id is not None else 0

    def record(self, outcomes: Sequence[Outcome]) -> None:
        """Record answers for rows a claim holds, in one transaction."""
        self.commit(outcomes)

    def _set_synchronous(self, level: str) -> None:
        if self._synchronous != level:
            self.conn.execute(f"PRAGMA synchronous = {level}")
            self._synchronous = level


def _move_held_to_sending(counts: dict[str, int], held: int) -> None:
    """Claimed rows are stored pending; readers see them 'sending'."""
    held = min(held, counts.get(PENDING, 0))
    counts[PENDING] = counts.get(PENDING, 0) - held
    counts[SENDING] = counts.get(SENDING, 0) + held


def _totals_json(stats: dict[str, Any] | None) -> str | None:
    return json.dumps(stats) if stats is not None else None


def _frozen_totals(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        totals = json.loads(text)
        counts = dict.fromkeys(MESSAGE_STATES, 0) | {k: int(v) for k, v in totals["counts"].items()}
        return {"counts": counts, "segments": int(totals["segments"]), "cost": totals.get("cost")}
    except (ValueError, KeyError, TypeError, AttributeError):
        return None  # damaged by hand: count the rows instead


def _record(row: sqlite3.Row, held: dict[int, str]) -> MessageRecord:
    """A joined message row as readers see it; `held`: rows a claim holds -> when claimed (shown 'sending')."""
    try:
        fields = json.loads(row["fields"] or "{}")
    except ValueError:
        fields = {}
    state, sending_at = row["state"], row["sending_at"]
    if state == PENDING and row["id"] in held:
        state, sending_at = SENDING, held[row["id"]]
    return MessageRecord(
        id=row["id"],
        campaign_id=row["campaign_id"],
        row=row["row"],
        phone=row["phone"],
        fields=fields if isinstance(fields, dict) else {},
        text=row["text"],
        encoding=row["encoding"],
        segments=row["segments"],
        state=state,
        message_id=row["message_id"],
        cost=row["cost"],
        error=row["error"],
        error_kind=row["error_kind"],
        delivery=row["delivery"],
        attempts=row["attempts"] + (1 if state == SENDING else 0),
        created_at=row["created_at"],
        sending_at=sending_at,
        done_at=row["done_at"],
        delivery_at=row["delivery_at"],
    )
