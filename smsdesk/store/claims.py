"""How a message's state changes: the journal's one write of `message_status.state`, and its guard.

Every message has one status row from the moment its campaign is made. Each change of state is an UPDATE of that
row that only matches when the row is in a state that may become the new one (`MAY_BECOME`). That is the whole
guard, in this one place:

    pending -> sending                   claimed: committed (and synced) BEFORE its request leaves
    sending -> sent | failed | unknown   the answer recorded; or a crash found it out (recovery -> unknown)
    sending -> pending                   the provider said the request did not take effect: send it again later
    failed | unknown -> pending          only when the user asks to retry (unknown may text someone twice)
    pending -> skipped                   the user discarded the rest of the campaign
    unknown -> sent | failed             the provider's own list of what it accepted says so (settle_unknown:
                                         engine/reconcile.py), never an answer
    sent -> skipped ("cancelled")        only a message handed over WITH A TIME that the provider has confirmed
                                         it cancelled before that time (cancel_scheduled: engine/schedule.py)

So a final state is never overwritten by an answer: an answer only lands on a row that is 'sending', and `sent`
never becomes anything else but by the provider's own confirmation of a cancelled schedule; `skipped` is final. Only the holder of a campaign's send lock claims and records.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from smsdesk.core.states import MessageState

MAY_BECOME: dict[MessageState, tuple[MessageState, ...]] = {
    MessageState.SENDING: (MessageState.PENDING,),
    MessageState.SENT: (MessageState.SENDING,),
    MessageState.FAILED: (MessageState.SENDING,),
    MessageState.UNKNOWN: (MessageState.SENDING,),
    MessageState.PENDING: (MessageState.SENDING, MessageState.FAILED, MessageState.UNKNOWN),
    MessageState.SKIPPED: (MessageState.PENDING,),
}


class Outcome(NamedTuple):
    """A message's new state and what goes with it: the provider's answer, or the journal's own reason."""

    id: int
    state: MessageState
    message_id: str | None = None
    cost: float | None = None
    error: str | None = None
    error_kind: str | None = None


_SET = """UPDATE message_status
    SET state = ?, message_id = ?, cost = ?, error = ?, error_kind = ?, done_at = ?,
        sending_at = COALESCE(?, sending_at), attempts = attempts + ?"""
# The guard: a row changes only from a state that may become the new one.
_ALLOWED = {state: ",".join(f"'{before}'" for before in befores) for state, befores in MAY_BECOME.items()}
_STATE_NAMED = {state.value: state for state in MessageState}  # a member or its value -> the member
_CHUNK = 500  # ids per statement, within SQLite's smallest limit on parameters (999)


def change_states(conn: sqlite3.Connection, changes: Iterable[Outcome], now: str) -> int:
    """Apply the changes a row's current state allows (MAY_BECOME); the others change nothing. Returns how many
    rows changed. A claim (-> sending) counts an attempt and stamps `sending_at`; a final state stamps `done_at`.

    Rows getting the same change go in one statement (a request's claim, a batch answered with one id); rows each
    with their own answer (their own provider id) in one executemany."""
    same: dict[tuple[MessageState, str | None, float | None, str | None, str | None], list[int]] = {}
    for change in changes:
        key = (_STATE_NAMED[change.state], change.message_id, change.cost, change.error, change.error_kind)
        same.setdefault(key, []).append(change.id)
    changed = 0
    one_each: dict[MessageState, list[tuple[object, ...]]] = {}
    for (state, *answer), ids in same.items():
        claimed = state is MessageState.SENDING
        values = (
            state.value,
            *answer,
            None if state in (MessageState.PENDING, MessageState.SENDING) else now,  # done_at
            now if claimed else None,  # sending_at
            1 if claimed else 0,  # attempts
        )
        if len(ids) == 1:
            one_each.setdefault(state, []).append((*values, ids[0]))
            continue
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            changed += conn.execute(
                f"{_SET} WHERE id IN ({','.join('?' * len(chunk))}) AND state IN ({_ALLOWED[state]})",
                (*values, *chunk),
            ).rowcount
    for state, params in one_each.items():
        changed += max(
            conn.executemany(f"{_SET} WHERE id = ? AND state IN ({_ALLOWED[state]})", params).rowcount, 0
        )
    return changed


def claim(conn: sqlite3.Connection, rows: Sequence[int], now: str) -> bool:
    """Make one request's rows 'sending', all of them or none (a row not pending, or listed twice, refuses the
    whole request). Inside the caller's transaction; the request may leave once that commits."""
    if not rows:
        return False
    conn.execute("SAVEPOINT claim")
    try:
        claimed = change_states(conn, [Outcome(id=row, state=MessageState.SENDING) for row in rows], now)
    except BaseException:
        conn.execute("ROLLBACK TO claim")
        conn.execute("RELEASE claim")
        raise
    if claimed != len(rows):
        conn.execute("ROLLBACK TO claim")
    conn.execute("RELEASE claim")
    return claimed == len(rows)


def settle_unknown(
    conn: sqlite3.Connection,
    campaign_id: str,
    row_id: int,
    state: MessageState,
    message_id: str | None,
    error: str | None,
    error_kind: str | None,
    now: str,
) -> bool:
    """An 'unknown' message of the campaign settled by the provider's own list: sent (with its id) or failed.
    Whether it changed (only a row still 'unknown' does)."""
    if state not in (MessageState.SENT, MessageState.FAILED):
        raise ValueError("an unknown message settles as sent or failed only")
    changed = conn.execute(
        """UPDATE message_status SET state = ?, message_id = COALESCE(?, message_id), error = ?, error_kind = ?,
               done_at = ?
           WHERE id = ? AND state = 'unknown' AND id IN (SELECT id FROM messages WHERE campaign_id = ?)""",
        (state.value, message_id, error, error_kind, now, row_id, campaign_id),
    ).rowcount
    return changed > 0


def cancel_scheduled(
    conn: sqlite3.Connection, campaign_id: str, handed_over: Sequence[int], reason: str, kind: str, now: str
) -> int:
    """A scheduled campaign cancelled: its pending rows, and the `handed_over` rows that were sent with a time the
    provider has now confirmed it cancelled, become skipped with `reason`. Returns how many rows changed."""
    pending = ids_in_state(conn, campaign_id, (MessageState.PENDING,))
    changed = change_states(
        conn,
        [Outcome(id=row, state=MessageState.SKIPPED, error=reason, error_kind=kind) for row in pending],
        now,
    )
    for start in range(0, len(handed_over), _CHUNK):
        chunk = list(handed_over[start : start + _CHUNK])
        changed += conn.execute(
            f"""UPDATE message_status SET state = 'skipped', error = ?, error_kind = ?, done_at = ?
                WHERE state = 'sent' AND id IN ({",".join("?" * len(chunk))})
                  AND id IN (SELECT id FROM messages WHERE campaign_id = ?)""",
            (reason, kind, now, *chunk, campaign_id),
        ).rowcount
    return changed


def ids_in_state(conn: sqlite3.Connection, campaign_id: str, states: Iterable[str]) -> list[int]:
    """The campaign's message ids in these states, in journal order."""
    wanted = sorted({MessageState(state).value for state in states})
    if not wanted:
        return []
    return [
        row_id
        for (row_id,) in conn.execute(
            "SELECT messages.id FROM messages JOIN message_status AS s ON s.id = messages.id "
            f"WHERE messages.campaign_id = ? AND s.state IN ({','.join('?' * len(wanted))}) ORDER BY messages.id",
            (campaign_id, *wanted),
        )
    ]
