"""The sending side of the journal: claims for requests in flight, and answers recorded into message_status.

A claim is one row per request, committed (and synced to disk) BEFORE the request leaves. Its messages count as
'sending' until their answers are recorded, in the same commit that deletes the claim (or drops those messages
from it). A claim found when a campaign is opened again means the process died with that request out or its answer
unrecorded: recovery makes its messages 'unknown', and they are never sent again unless the user asks.

Only the holder of a campaign's send lock writes claims and answers (see Journal.lock), so the claims a journal made
are known to it without reading them back: `ClaimBook` keeps them in memory.
"""

from __future__ import annotations

import itertools
import json
import operator
import re
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

PENDING = "pending"

# An answer's rows go in one statement per (claim, state, reason): their provider ids as one JSON object,
# row id -> message id, which json_each hands over as plain values. A row's first answer is an insert (appended:
# ids grow), a retried row's an update; the update never overwrites a final state.
_UPSERT_TAIL = """
    ON CONFLICT (id) DO UPDATE SET state = excluded.state, message_id = excluded.message_id, cost = excluded.cost,
        error = excluded.error, error_kind = excluded.error_kind, attempts = message_status.attempts + 1,
        sending_at = excluded.sending_at, done_at = excluded.done_at
    WHERE message_status.state = 'pending'
"""
_RECORD_IDS_FROM_JSON = (
    """
    INSERT INTO message_status (id, state, error, error_kind, done_at, message_id, cost, attempts, sending_at)
    SELECT CAST(key AS INTEGER), ?1, ?2, ?3, ?4, value, ?6, 1, ?7 FROM json_each(?5) WHERE true
"""
    + _UPSERT_TAIL
)
# Rows of one answer with different costs: [id, message_id, cost] items. ->> (SQLite 3.38) reads an array item
# about twice as fast as json_extract; both read the same JSON.
_ITEM = "value ->> {}" if sqlite3.sqlite_version_info >= (3, 38, 0) else "json_extract(value, '$[{}]')"
_RECORD_FROM_JSON = (
    f"""
    INSERT INTO message_status (id, state, error, error_kind, done_at, message_id, cost, attempts, sending_at)
    SELECT {_ITEM.format(0)}, ?1, ?2, ?3, ?4, {_ITEM.format(1)}, {_ITEM.format(2)}, 1, ?6 FROM json_each(?5)
    WHERE true
"""
    + _UPSERT_TAIL
)
_RECORD_ONE = (
    """
    INSERT INTO message_status (id, state, error, error_kind, done_at, message_id, cost, attempts, sending_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)
"""
    + _UPSERT_TAIL
)
_json_records = True  # False on an SQLite without JSON: one statement per row

_state_error_kind = operator.attrgetter("state", "error", "error_kind")
_id = operator.attrgetter("id")
_message_id = operator.attrgetter("message_id")
_cost = operator.attrgetter("cost")


class Claim(NamedTuple):
    rows: set[int]  # the messages still waiting for their answer
    claimed_at: str


def claim_rows(text: str) -> list[int]:
    """A claim's row ids. A damaged list still yields every number in it: recovery must find them all."""
    try:
        rows = json.loads(text)
        if isinstance(rows, list) and all(type(r) is int for r in rows):
            return rows
    except ValueError:
        pass
    return [int(number) for number in re.findall(r"\d+", text or "")]


def rows_text(rows: Iterable[int]) -> str:
    return "[" + ",".join(map(str, rows)) + "]"


def open_claims(conn: sqlite3.Connection, campaign_id: str) -> dict[int, str]:
    """Messages of the campaign held by a claim -> when it was claimed."""
    held: dict[int, str] = {}
    for rows, claimed_at in conn.execute(
        "SELECT rows, claimed_at FROM claims WHERE campaign_id = ?", (campaign_id,)
    ).fetchall():
        held.update(dict.fromkeys(claim_rows(rows), claimed_at))
    return held


class ClaimBook:
    """The claims this journal made and has not closed (claim id -> Claim). Few: one per request in flight."""

    def __init__(self) -> None:
        self.claims: dict[int, Claim] = {}
        self._emptied: list[int] = []  # claims answered in full by the transaction under way
        self._partly = False  # ... and whether it answered part of a claim

    def add(self, claim_id: int, rows: Sequence[int], claimed_at: str) -> None:
        self.claims[claim_id] = Claim(set(rows), claimed_at)

    def forget_rows(self, rows: Iterable[int]) -> None:
        """Recovery closed these rows' claims."""
        rows = set(rows)
        for claim_id in [c for c, claim in self.claims.items() if not claim.rows.isdisjoint(rows)]:
            del self.claims[claim_id]

    def _load(self, conn: sqlite3.Connection, row_ids: Sequence[int]) -> None:
        """Claims another journal object made for these rows' campaigns."""
        for start in range(0, len(row_ids), 500):
            chunk = list(row_ids[start : start + 500])
            for claim_id, rows, claimed_at in conn.execute(
                "SELECT id, rows, claimed_at FROM claims WHERE campaign_id IN "
                f"(SELECT DISTINCT campaign_id FROM messages WHERE id IN ({','.join('?' * len(chunk))}))",
                chunk,
            ).fetchall():
                if claim_id not in self.claims:
                    self.add(claim_id, claim_rows(rows), claimed_at)

    def refused(
        self, conn: sqlite3.Connection, campaign_id: str, requests: Sequence[Sequence[int]]
    ) -> set[int]:
        """Rows among these requests' that must not be claimed: held by a claim already, or not pending."""
        wanted = requests[0] if len(requests) == 1 else list(itertools.chain.from_iterable(requests))
        if not wanted:
            return set()
        refused: set[int] = set()
        for claim in self.claims.values():
            if not claim.rows.isdisjoint(wanted):
                refused.update(claim.rows.intersection(wanted))
        low, high = min(wanted), max(wanted)
        if high - low < 4 * len(wanted):
            # A range, not an IN list: a fresh campaign has no status rows there yet, so this reads nothing.
            done = conn.execute(
                "SELECT id FROM message_status WHERE id BETWEEN ? AND ? AND state <> 'pending'", (low, high)
            ).fetchall()
        else:  # rows far apart (a retry of a few failed rows across a big campaign): look up just those
            done = []
            for start in range(0, len(wanted), 500):
                chunk = list(wanted[start : start + 500])
                done += conn.execute(
                    f"SELECT id FROM message_status WHERE id IN ({','.join('?' * len(chunk))}) "
                    "AND state <> 'pending'",
                    chunk,
                ).fetchall()
        if done:
            refused.update({row for (row,) in done}.intersection(wanted))
        for (claim_id,) in conn.execute(
            "SELECT id FROM claims WHERE campaign_id = ?", (campaign_id,)
        ).fetchall():
            if claim_id not in self.claims:  # made by another journal object: never expected, checked anyway
                (rows,) = conn.execute("SELECT rows FROM claims WHERE id = ?", (claim_id,)).fetchone()
                refused.update(set(claim_rows(rows)).intersection(wanted))
        return refused

    def take_answers(self, conn: sqlite3.Connection, outcomes: Sequence[Any]) -> dict[str, list[Any]]:
        """Take the answered rows out of their claims in the database (deleting claims left empty), inside the
        caller's transaction; returns the outcomes to record by the claim time they get as sending_at.

        Outcomes for rows no claim holds are dropped: those rows are not 'sending' (never claimed, or recovered
        meanwhile). Call `answered()` once the transaction has committed."""
        self._emptied, self._partly = [], False
        answered = self._by_claim(outcomes)
        if answered is None:  # some rows no claim of ours holds: maybe another journal object's
            self._load(conn, [o.id for o in outcomes])
            answered = self._by_claim(outcomes, strict=False) or {}  # never None when not strict
        by_time: dict[str, list[Any]] = {}
        for claim_id, done in answered.items():
            claim = self.claims[claim_id]
            left = claim.rows.difference(map(_id, done))
            if left:  # part of a request answered: only by hand (the engine records whole requests)
                self._partly = True
                changed = conn.execute(
                    "UPDATE claims SET rows = ?, size = ? WHERE id = ?",
                    (rows_text(sorted(left)), len(left), claim_id),
                ).rowcount
            else:
                changed = conn.execute("DELETE FROM claims WHERE id = ?", (claim_id,)).rowcount
                self._emptied.append(claim_id)
            if changed:  # else recovered meanwhile: its rows are 'unknown' already
                by_time.setdefault(claim.claimed_at, []).extend(done)
        return by_time

    def _by_claim(self, outcomes: Sequence[Any], strict: bool = True) -> dict[int, list[Any]] | None:
        """Outcomes by the claim holding their row. `strict`: None if a row is held by no claim; else such
        outcomes are left out."""
        ids = list(map(_id, outcomes))
        for claim_id, claim in self.claims.items():  # the usual: one whole request's answers, one claim
            if ids and ids[0] in claim.rows:
                if claim.rows.issuperset(ids):
                    return {claim_id: list(outcomes)}
                break
        answered: dict[int, list[Any]] = {}
        for outcome in outcomes:
            holder = next((c for c, claim in self.claims.items() if outcome.id in claim.rows), None)
            if holder is None:
                if strict:
                    return None
                continue
            answered.setdefault(holder, []).append(outcome)
        return answered

    def answered(self, outcomes: Sequence[Any]) -> None:
        """After the commit: the answered rows are no longer held."""
        for claim_id in self._emptied:
            self.claims.pop(claim_id, None)
        self._emptied = []
        if self._partly:
            done = set(map(_id, outcomes))
            for claim in self.claims.values():
                if not claim.rows.isdisjoint(done):
                    claim.rows.difference_update(done)
        self._partly = False


def record(conn: sqlite3.Connection, outcomes: Sequence[Any], sending_at: str, now: str) -> None:
    """Write answers into message_status. Up to 500 answers a request: read through C-level getters."""
    global _json_records
    keys = list(map(_state_error_kind, outcomes))
    groups: dict[tuple[str, str | None, str | None], list[Any]]
    if keys.count(keys[0]) == len(keys):  # the usual: every answer says the same
        groups = {keys[0]: list(outcomes)}
    else:
        groups = {}
        for key, outcome in zip(keys, outcomes, strict=True):
            group = groups.get(key)
            if group is None:
                groups[key] = [outcome]
            else:
                group.append(outcome)
    for (state, error, error_kind), group in groups.items():
        done_at = None if state == PENDING else now
        if _json_records:
            cost = group[0].cost
            costs = set(map(_cost, group))
            same_cost = len(costs) == 1 and (cost is None or cost == cost)  # (NaN is not one cost)
            message_ids = dict(zip(map(_id, group), map(_message_id, group), strict=True))
            params: tuple[Any, ...] = (state, error, error_kind, done_at)
            try:
                if same_cost and len(message_ids) == len(group):
                    conn.execute(
                        _RECORD_IDS_FROM_JSON,
                        (*params, json.dumps(message_ids, ensure_ascii=False), cost, sending_at),
                    )
                else:
                    payload = json.dumps([[o.id, o.message_id, o.cost] for o in group], ensure_ascii=False)
                    conn.execute(_RECORD_FROM_JSON, (*params, payload, sending_at))
                continue
            except sqlite3.OperationalError:
                _json_records = False
        conn.executemany(
            _RECORD_ONE,
            [(o.id, state, error, error_kind, done_at, o.message_id, o.cost, sending_at) for o in group],
        )


def mark_unknown(
    conn: sqlite3.Connection, rows: Sequence[int], sending_at: str, error: str, error_kind: str, now: str
) -> int:
    """A dead sender's claimed rows become 'unknown' (those still pending). Returns how many."""
    cursor = conn.executemany(
        _RECORD_ONE, [(row, "unknown", error, error_kind, now, None, None, sending_at) for row in rows]
    )
    return max(cursor.rowcount, 0)
