"""The campaign journal: every row of a campaign's file and what became of it. The journal is the truth.

Message states (core/states.py):  pending -> sending -> sent | failed | unknown,  and skipped (never sent:
excluded by the plan, or discarded by the user). A request's messages become `sending` in a commit (synced to disk)
BEFORE the request leaves; messages still `sending` when the campaign is opened again (crash, kill, power cut)
become `unknown` and are never sent again unless the user asks (`retry(..., states=("unknown",))`).

Two tables (schema version 4): `messages` (what to send: written once) and `message_status` (what became of it: a
narrow row per message whose `state` column is the message's state). Every change of state goes through
store/claims.py, which holds the one guard: a final state is never overwritten by an answer.

Campaign states: ready (made, never started) -> running -> finished | paused | cancelled | stopped (the provider
refused the account: credentials, credit) | interrupted (found running without its sender) | discarded (the user gave
up the rest; pending rows became skipped). Every state but finished and discarded can be resumed.

One sender per campaign: a sender holds the campaign's OS lock (`Journal.lock`, store/locks.py) that the OS releases
when the process dies, so recovery never touches a campaign another window or process is sending.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from smsdesk.core.account import Account
from smsdesk.core.states import CLOSED_CAMPAIGN_STATES, FINAL_MESSAGE_STATES, CampaignState, MessageState
from smsdesk.store import claims, locks
from smsdesk.store.claims import Outcome, change_states, claim, ids_in_state
from smsdesk.store.db import Database, now_iso
from smsdesk.store.locks import CampaignBusy, CampaignLock  # noqa: F401  (callers import them from here)

# Short names for the states this module and its callers use most (the enum members themselves).
PENDING, SENDING, SENT, FAILED, SKIPPED, UNKNOWN = (
    MessageState.PENDING,
    MessageState.SENDING,
    MessageState.SENT,
    MessageState.FAILED,
    MessageState.SKIPPED,
    MessageState.UNKNOWN,
)
MESSAGE_STATES: tuple[str, ...] = tuple(MessageState)
FINAL_STATES = FINAL_MESSAGE_STATES
RETRYABLE_STATES = (FAILED, UNKNOWN)

READY, RUNNING, PAUSED, CANCELLED, STOPPED, FINISHED, INTERRUPTED, DISCARDED = (
    CampaignState.READY,
    CampaignState.RUNNING,
    CampaignState.PAUSED,
    CampaignState.CANCELLED,
    CampaignState.STOPPED,
    CampaignState.FINISHED,
    CampaignState.INTERRUPTED,
    CampaignState.DISCARDED,
)
SCHEDULED = CampaignState.SCHEDULED  # waiting for its time (store/schedules.py says when and who keeps it)

KIND_CAMPAIGN = "campaign"
KIND_TEST = "test"

# error_kind of rows the journal itself decided about
INTERRUPTED_KIND = "interrupted"
DISCARDED_KIND = "discarded"
CANCELLED_KIND = "cancelled"  # a scheduled message the user cancelled (at the provider, or before it left)

INTERRUPTED_REASON = (
    "SMSDesk stopped while this message was being sent (crash, kill or power cut): the provider may or may not "
    "have accepted it, so it is not sent again unless you ask"
)


class CampaignNotFound(LookupError):
    def __init__(self, campaign_id: str):
        super().__init__(f"No campaign {campaign_id!r}")
        self.campaign_id = campaign_id


@dataclass(frozen=True)
class CampaignSummary:
    id: str
    kind: str
    name: str
    created_at: str
    account: str
    provider: str
    state: CampaignState
    stop_reason: str | None
    counts: dict[str, int]  # every message state, zeros included
    total: int  # rows, skipped ones included
    segments: int  # SMS parts of the messages to send (skipped rows excluded)
    cost: float | None  # what the provider reported for the sent messages; None when it reported nothing
    updated_at: str | None
    # rows meant to be sent that the user gave up on (discarded, or a scheduled send cancelled): skipped now, yet
    # part of what the campaign set out to send, so History keeps counting them
    given_up: int
    given_up_segments: int

    @property
    def pending(self) -> int:
        return self.counts.get(PENDING, 0)

    @property
    def resumable(self) -> bool:
        return (
            self.state not in CLOSED_CAMPAIGN_STATES
            and self.state != SCHEDULED  # it goes when due, not when offered for resuming
            and self.counts.get(PENDING, 0) > 0
        )


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
    state: MessageState
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


# A message as readers see it: its plan row joined with its status row.
_WITH_STATUS = "messages JOIN message_status AS s ON s.id = messages.id"
_RECORD_COLUMNS = """messages.id, messages.campaign_id, messages.row, messages.phone, messages.fields, messages.text,
    messages.encoding, messages.segments, s.state, s.message_id, s.cost, s.error, s.error_kind, s.attempts,
    messages.created_at, s.sending_at, s.done_at, s.delivery, s.delivery_at"""


class Journal:
    def __init__(self, db: Database):
        self.db = db
        # A claim ('sending') is what stops a second send after a power cut, so its commit waits for the disk
        # (synchronous=FULL). Results may stay at the connection's NORMAL: WAL+NORMAL survives any process death
        # (the commit is in the OS's hands), and a result lost to a power cut leaves its row 'sending' ->
        # 'unknown', which never re-sends.
        self.durable_marks = True
        self._synchronous: str | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    # -- locks -----------------------------------------------------------------------------------------------------

    def lock_path(self, campaign_id: str) -> Path:
        return locks.lock_path(self.db.path, campaign_id)

    @contextlib.contextmanager
    def lock(self, campaign_id: str) -> Iterator[None]:
        """Hold the campaign's send lock (store/locks.py), or raise CampaignBusy naming who holds it."""
        with locks.hold(self.db, campaign_id):
            yield

    def is_busy(self, campaign_id: str) -> bool:
        return locks.is_busy(self.db.path, campaign_id)

    def busy_holder(self, campaign_id: str) -> locks.LockHolder | None:
        """Who is sending the campaign now (its process id and since when, as far as known), or None."""
        return locks.busy_holder(self.db.path, campaign_id)

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
        rows: list[tuple[Any, ...]] = []
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
                "INSERT INTO message_status (id, state) VALUES (?, ?)",
                [(first_id + index, PENDING.value) for index in range(len(rows))],
            )
            conn.executemany(
                "UPDATE message_status SET state = ?, error = ?, error_kind = ?, done_at = ? WHERE id = ?",
                [
                    (SKIPPED.value, reason, kind_, now, first_id + index)
                    for index, reason, kind_ in skipped_rows
                ],
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
            f"SELECT s.state, COUNT(*) FROM {_WITH_STATUS} WHERE messages.campaign_id = ? GROUP BY 1",
            (campaign_id,),
        ):
            counts[MessageState(state)] = number
        return counts

    def state_and_delivery_counts(self, campaign_id: str) -> dict[tuple[str, str | None], int]:
        """Rows by (state, delivery report): what engine.results.tally() counts."""
        return {
            (MessageState(state), delivery): number
            for state, delivery, number in self.conn.execute(
                f"SELECT s.state, s.delivery, COUNT(*) FROM {_WITH_STATUS} WHERE messages.campaign_id = ? "
                "GROUP BY 1, 2",
                (campaign_id,),
            )
        }

    def messages(
        self,
        campaign_id: str,
        *,
        states: Iterable[str] | None = None,
        after_id: int = 0,
        limit: int | None = None,
    ) -> list[MessageRecord]:
        """Rows in journal order (the file's order), optionally only some states, after an id, at most `limit`."""
        sql = (
            f"SELECT {_RECORD_COLUMNS} FROM {_WITH_STATUS} WHERE messages.campaign_id = ? AND messages.id > ?"
        )
        params: list[Any] = [campaign_id, after_id]
        if states is not None:
            wanted = sorted({MessageState(state).value for state in states})
            if not wanted:
                return []
            sql += f" AND s.state IN ({','.join('?' * len(wanted))})"
            params += wanted
        sql += " ORDER BY messages.id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [_record(row) for row in self.conn.execute(sql, params)]

    def rows_to_send(
        self, campaign_id: str, *, after_id: int = 0, limit: int = -1, with_fields: bool = True
    ) -> list[RowToSend]:
        """Pending rows in send order, after a journal id, at most `limit` (-1: all). `with_fields=False` leaves
        each row's fields '{}' (for a provider that never reads them)."""
        fields = "messages.fields" if with_fields else "'{}'"
        cursor = self.conn.execute(
            f"""SELECT messages.id, messages.row, messages.phone, messages.text, messages.encoding,
                       messages.segments, {fields} FROM {_WITH_STATUS}
                WHERE messages.campaign_id = ? AND messages.id > ? AND s.state = ? ORDER BY messages.id LIMIT ?""",
            (campaign_id, after_id, PENDING.value, limit),
        )
        return [
            RowToSend(
                id=id_, row=row, phone=phone, text=text, encoding=encoding, segments=segments, fields=fields
            )
            for id_, row, phone, text, encoding, segments, fields in cursor
        ]

    def message(self, message_row_id: int) -> MessageRecord | None:
        row = self.conn.execute(
            f"SELECT {_RECORD_COLUMNS} FROM {_WITH_STATUS} WHERE messages.id = ?", (message_row_id,)
        ).fetchone()
        return _record(row) if row else None

    def interrupted_campaigns(self) -> list[CampaignSummary]:
        """Campaigns with rows still to send that are neither finished nor discarded: offer to resume them."""
        return [c for c in self.list_campaigns(include_tests=False) if c.resumable]

    def _stats(self, campaign_id: str | None) -> dict[str, dict[str, Any]]:
        given_up = f"s.error_kind IN ('{DISCARDED_KIND}', '{CANCELLED_KIND}')"
        sql = f"""SELECT messages.campaign_id, s.state AS state, COUNT(*) AS n, SUM(messages.segments) AS segments,
                         SUM(s.cost) AS cost, SUM({given_up}) AS given_up,
                         SUM(CASE WHEN {given_up} THEN messages.segments ELSE 0 END) AS given_up_segments
                  FROM {_WITH_STATUS} {{where}} GROUP BY messages.campaign_id, 2"""
        if campaign_id is None:
            where = "WHERE messages.campaign_id IN (SELECT id FROM campaigns WHERE totals IS NULL)"
            rows = self.conn.execute(sql.format(where=where))
        else:
            rows = self.conn.execute(sql.format(where="WHERE messages.campaign_id = ?"), (campaign_id,))
        stats: dict[str, dict[str, Any]] = {}
        for row in rows:
            entry = stats.setdefault(
                row["campaign_id"],
                {
                    "counts": dict.fromkeys(MESSAGE_STATES, 0),
                    "segments": 0,
                    "cost": None,
                    "given_up": 0,
                    "given_up_segments": 0,
                },
            )
            entry["given_up"] += row["given_up"] or 0
            entry["given_up_segments"] += row["given_up_segments"] or 0
            state = MessageState(row["state"])
            entry["counts"][state] = row["n"]
            if state != SKIPPED:
                entry["segments"] += row["segments"] or 0
            if state == SENT and row["cost"] is not None:
                entry["cost"] = (entry["cost"] or 0.0) + row["cost"]
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
            state=CampaignState(row["state"]),
            stop_reason=row["stop_reason"],
            counts=counts,
            total=sum(counts.values()),
            segments=stats["segments"] if stats else 0,
            cost=stats["cost"] if stats else None,
            updated_at=row["updated_at"],
            given_up=stats.get("given_up", 0) if stats else 0,
            given_up_segments=stats.get("given_up_segments", 0) if stats else 0,
        )

    # -- recovery and user decisions -------------------------------------------------------------------------------

    def recover(self, campaign_id: str) -> int:
        """Rows left 'sending' become 'unknown'. Call only while holding the campaign's lock. Returns how many."""
        now = now_iso()
        with self.db.transaction() as conn:
            stuck = ids_in_state(conn, campaign_id, (SENDING,))
            changed = change_states(
                conn,
                [
                    Outcome(id=row, state=UNKNOWN, error=INTERRUPTED_REASON, error_kind=INTERRUPTED_KIND)
                    for row in stuck
                ],
                now,
            )
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
        """On start-up: every campaign left mid-send by a crash gets its 'sending' rows marked 'unknown'.

        Campaigns another window or process is sending right now are left alone. Returns the recovered ids.
        """
        candidates = [
            row[0]
            for row in self.conn.execute(
                "SELECT id FROM campaigns WHERE state NOT IN (?, ?) AND (state = ? OR id IN "
                "(SELECT messages.campaign_id FROM message_status AS s JOIN messages ON messages.id = s.id "
                "WHERE s.state = ?))",
                (FINISHED, DISCARDED, RUNNING, SENDING),
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
                again = ids_in_state(conn, campaign_id, states)
                changed = change_states(conn, [Outcome(id=row, state=PENDING) for row in again], now)
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
                left = ids_in_state(conn, campaign_id, (PENDING,))
                reason = "not sent: the campaign was discarded"
                changed = change_states(
                    conn,
                    [Outcome(id=row, state=SKIPPED, error=reason, error_kind=DISCARDED_KIND) for row in left],
                    now,
                )
                conn.execute(
                    "UPDATE campaigns SET state = ?, updated_at = ?, totals = ? WHERE id = ?",
                    (DISCARDED, now, _totals_json(self._count(campaign_id)[0]), campaign_id),
                )
        return changed

    def cancel_scheduled(self, campaign_id: str, handed_over: Sequence[int] = ()) -> int:
        """A scheduled campaign cancelled: its pending rows, and the `handed_over` rows (sent with a time, which the
        provider has now confirmed cancelled), become skipped with the reason "cancelled"; the campaign is closed
        as cancelled. Returns how many rows changed."""
        self.get_campaign(campaign_id, with_counts=False)
        now = now_iso()
        with self.lock(campaign_id):
            self.recover(campaign_id)
            with self.db.transaction() as conn:
                changed = claims.cancel_scheduled(
                    conn, campaign_id, handed_over, "cancelled", CANCELLED_KIND, now
                )
                stats = self._stats(campaign_id).get(campaign_id)
                self._store_state(conn, campaign_id, CANCELLED, "cancelled", stats)
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

    def deliveries(self, campaign_id: str) -> dict[int, str]:
        """The delivery report of each of the campaign's rows that has one, by row id."""
        return dict(
            self.conn.execute(
                "SELECT s.id, s.delivery FROM message_status AS s JOIN messages ON messages.id = s.id "
                "WHERE messages.campaign_id = ? AND s.delivery IS NOT NULL",
                (campaign_id,),
            ).fetchall()
        )

    def settle_unknown(
        self, campaign_id: str, settlements: Iterable[tuple[int, str, str | None, str | None]]
    ) -> list[int]:
        """What the provider's own list said about messages whose fate was unknown (engine/reconcile.py): each
        (row id, SENT or FAILED, the provider's message id, the reason for a failure). Only rows still 'unknown'
        change: a final state is never overwritten. Call while holding the campaign's lock. Returns the row ids
        that changed."""
        wanted = [(row_id, state, message_id, reason) for row_id, state, message_id, reason in settlements]
        if any(state not in (SENT, FAILED) for _, state, _, _ in wanted):
            raise ValueError("an unknown message settles as sent or failed only")
        if not wanted:
            return []
        now = now_iso()
        changed: list[int] = []
        with self.db.transaction() as conn:
            for row_id, state, message_id, reason in wanted:
                sent = state == SENT
                if claims.settle_unknown(
                    conn,
                    campaign_id,
                    row_id,
                    MessageState(state),
                    message_id,
                    None if sent else reason,
                    None if sent else "not_received",
                    now,
                ):
                    changed.append(row_id)
            if changed:
                closed = conn.execute("SELECT state FROM campaigns WHERE id = ?", (campaign_id,)).fetchone()
                frozen = closed is not None and closed[0] in CLOSED_CAMPAIGN_STATES
                conn.execute(
                    "UPDATE campaigns SET updated_at = ?, totals = ? WHERE id = ?",
                    (now, _totals_json(self._count(campaign_id)[0]) if frozen else None, campaign_id),
                )
        return changed

    # -- used by the sender (which holds the lock) -----------------------------------------------------------------

    def set_state(self, campaign_id: str, state: str, reason: str | None = None) -> dict[str, int] | None:
        """Returns the campaign's counts when the state closes it (they are counted then for its frozen totals
        anyway), else None."""
        with self.db.transaction() as conn:
            stats, counts = self._count(campaign_id) if state in CLOSED_CAMPAIGN_STATES else (None, None)
            self._store_state(conn, campaign_id, state, reason, stats)
        return counts

    def finish(self, campaign_id: str) -> dict[str, int] | None:
        """Close the campaign as finished if no row is left to send (pending or sending), and return its
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

    def commit(self, outcomes: Sequence[Outcome] = (), requests: Sequence[Sequence[int]] = ()) -> list[bool]:
        """Record answers and claim the rows of the requests about to leave, in ONE transaction.

        `outcomes` are answers for rows that are 'sending' (others change nothing: see store/claims.py); each of
        `requests` is the row ids one request carries. The commit is synced to disk when it claims anything.
        Returns, per request, whether its rows were claimed: False when one of them is not pending (or is listed
        twice), and then none is; the caller must not send that request.
        """
        if not outcomes and not requests:
            return []
        self._set_synchronous("FULL" if requests and self.durable_marks else "NORMAL")
        now = now_iso()
        with self.db.transaction() as conn:
            change_states(conn, outcomes, now)
            return [claim(conn, rows, now) for rows in requests]

    def mark_sending(self, ids: Sequence[int]) -> int:
        """Claim pending rows for one request about to leave; committed (and synced) before this returns.
        Returns how many rows were claimed: all of them, or none."""
        (claimed,) = self.commit((), [list(ids)])
        return len(ids) if claimed else 0

    def record(self, outcomes: Sequence[Outcome]) -> None:
        """Record answers for rows that are 'sending', in one transaction."""
        self.commit(outcomes)

    def _set_synchronous(self, level: str) -> None:
        if self._synchronous != level:
            self.conn.execute(f"PRAGMA synchronous = {level}")
            self._synchronous = level


def _totals_json(stats: dict[str, Any] | None) -> str | None:
    return json.dumps(stats) if stats is not None else None


def _frozen_totals(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        totals = json.loads(text)
        counts = dict.fromkeys(MESSAGE_STATES, 0) | {k: int(v) for k, v in totals["counts"].items()}
        return {
            "counts": counts,
            "segments": int(totals["segments"]),
            "cost": totals.get("cost"),
            # totals frozen before these were counted have none
            "given_up": int(totals.get("given_up", 0)),
            "given_up_segments": int(totals.get("given_up_segments", 0)),
        }
    except (ValueError, KeyError, TypeError, AttributeError):
        return None  # damaged by hand: count the rows instead


def _record(row: sqlite3.Row) -> MessageRecord:
    """A joined message row as readers see it."""
    try:
        fields = json.loads(row["fields"] or "{}")
    except ValueError:
        fields = {}
    return MessageRecord(
        id=row["id"],
        campaign_id=row["campaign_id"],
        row=row["row"],
        phone=row["phone"],
        fields=fields if isinstance(fields, dict) else {},
        text=row["text"],
        encoding=row["encoding"],
        segments=row["segments"],
        state=MessageState(row["state"]),
        message_id=row["message_id"],
        cost=row["cost"],
        error=row["error"],
        error_kind=row["error_kind"],
        delivery=row["delivery"],
        attempts=row["attempts"],
        created_at=row["created_at"],
        sending_at=row["sending_at"],
        done_at=row["done_at"],
        delivery_at=row["delivery_at"],
    )
