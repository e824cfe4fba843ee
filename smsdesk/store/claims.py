"""How a message's state changes: the journal's one write of `message_status.state`, and its guard.

Every message has one status row from the moment its campaign is made. Each change of state is an UPDATE of that
row that only matches when the row is in a state that may become the new one (`MAY_BECOME`). That is the whole
guard, in this one place:

    pending -> sending                   claimed: committed (and synced) BEFORE its request leaves
    sending -> sent | failed | unknown   the answer recorded; or a crash found it out (recovery -> unknown)
    sending -> pending                   the provider said the request did not take effect: send it again later
    failed | unknown -> pending          only when the user asks to retry (unknown may text someone twice)
    pending -> skipped                   the user discarded the rest of the campaign

So a final state is never overwritten by an answer: an answer only lands on a row that is 'sending', and `sent`
and `skipped` never become anything else. Only the holder of a campaign's send lock claims and records.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from smsdesk.core.states import MessageState

PENDING, SENDING, SENT, FAILED, SKIPPED, UNKNOWN = (
    MessageState.PENDING,
    MessageState.SENDING,
    MessageState.SENT,
    MessageState.FAILED,
    MessageState.SKIPPED,
    MessageState.UNKNOWN,
)

MAY_BECOME: dict[MessageState, tuple[MessageState, ...]] = {
    SENDING: (PENDING,),
    SENT: (SENDING,),
    FAILED: (SENDING,),
    UNKNOWN: (SENDING,),
    PENDING: (SENDING, FAILED, UNKNOWN),
    SKIPPED: (PENDING,),
}


class Outcome(NamedTuple):
    """A message's new state and what goes with it: the provider's answer, or the journal's own reason."""

    id: int
    state: MessageState
    message_id: str | None = None
    cost: float | None = None
    error: str | None = None
    error_kind: str | None = None


_UPDATE = """
    UPDATE message_status
    SET state = :state, message_id = :message_id, cost = :cost, error = :error, error_kind = :error_kind,
        done_at = :done_at, sending_at = COALESCE(:sending_at, sending_at), attempts = attempts + :claimed
    WHERE id = :id AND state IN ({allowed})
"""
_UPDATES = {
    state: _UPDATE.format(allowed=",".join(f"'{before}'" for before in before_states))
    for state, before_states in MAY_BECOME.items()
}


def change_states(conn: sqlite3.Connection, changes: Iterable[Outcome], now: str) -> int:
    """Apply the changes a row's current state allows (MAY_BECOME); the others change nothing. Returns how many
    rows changed. A claim (-> sending) counts an attempt and stamps `sending_at`; a final state stamps `done_at`."""
    by_state: dict[MessageState, list[dict[str, object]]] = {}
    for change in changes:
        state = MessageState(change.state)
        claimed = state is SENDING
        by_state.setdefault(state, []).append(
            {
                "id": change.id,
                "state": state.value,
                "message_id": change.message_id,
                "cost": change.cost,
                "error": change.error,
                "error_kind": change.error_kind,
                "done_at": None if state in (PENDING, SENDING) else now,
                "sending_at": now if claimed else None,
                "claimed": 1 if claimed else 0,
            }
        )
    changed = 0
    for state, params in by_state.items():
        changed += max(conn.executemany(_UPDATES[state], params).rowcount, 0)
    return changed


def claim(conn: sqlite3.Connection, rows: Sequence[int], now: str) -> bool:
    """Make one request's rows 'sending', all of them or none (a row not pending, or listed twice, refuses the
    whole request). Inside the caller's transaction; the request may leave once that commits."""
    if not rows:
        return False
    conn.execute("SAVEPOINT claim")
    try:
        claimed = change_states(conn, [Outcome(id=row, state=SENDING) for row in rows], now)
    except BaseException:
        conn.execute("ROLLBACK TO claim")
        conn.execute("RELEASE claim")
        raise
    if claimed != len(rows):
        conn.execute("ROLLBACK TO claim")
    conn.execute("RELEASE claim")
    return claimed == len(rows)


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
