"""The campaign journal: creation, states, recovery after a crash, retry/discard, locks, delivery."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from smsdesk.core.account import Account
from smsdesk.core.costing import PlannedMessage
from smsdesk.providers.base import DeliveryReport
from smsdesk.store.db import Database
from smsdesk.store.journal import (
    DISCARDED,
    FAILED,
    FINISHED,
    INTERRUPTED,
    KIND_TEST,
    PENDING,
    READY,
    RUNNING,
    SENDING,
    SENT,
    SKIPPED,
    UNKNOWN,
    CampaignBusy,
    CampaignLock,
    CampaignNotFound,
    Journal,
    Outcome,
)

ACCOUNT = Account(name="Shop", provider="sandbox", price_per_segment=0.25)


def planned(n: int, *, skipped: int = 0) -> list[PlannedMessage]:
    messages = [
        PlannedMessage(i + 2, f"+45200000{i:02d}", {"Navn": f"N{i}"}, f"Hej N{i}", "GSM-7", 1)
        for i in range(n)
    ]
    messages += [
        PlannedMessage(n + 2 + i, "12", skip_reason="too short", skip_kind="invalid") for i in range(skipped)
    ]
    return messages


def create(journal: Journal, n: int = 3, *, skipped: int = 0, kind: str = "campaign") -> str:
    return journal.create_campaign(
        name="Spring sale",
        account=ACCOUNT,
        source_file="kunder.xlsx",
        sheet="Ark1",
        template="Hej {Navn}",
        country="DK",
        phone_column="Mobil",
        columns=["Navn", "Mobil"],
        messages=planned(n, skipped=skipped),
        kind=kind,
    )


def test_create_journals_every_row_and_the_campaign(journal):
    campaign_id = create(journal, 3, skipped=2)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}-001", campaign_id)
    campaign = journal.get_campaign(campaign_id)
    assert campaign.state == READY
    assert campaign.template == "Hej {Navn}"
    assert campaign.columns == ["Navn", "Mobil"]
    assert campaign.price_per_segment == 0.25
    assert campaign.total == 5
    assert campaign.segments == 3  # skipped rows send nothing
    assert campaign.counts == {PENDING: 3, SENDING: 0, SENT: 0, FAILED: 0, SKIPPED: 2, UNKNOWN: 0}
    rows = journal.messages(campaign_id)
    assert [r.row for r in rows] == [2, 3, 4, 5, 6]
    assert rows[0].fields == {"Navn": "N0"} and rows[0].text == "Hej N0"
    skipped = journal.messages(campaign_id, states=[SKIPPED])
    assert [(r.phone, r.error, r.error_kind, r.segments) for r in skipped] == [
        ("12", "too short", "invalid", 0)
    ] * 2


def test_ids_count_up_within_a_day(journal):
    first, second = create(journal), create(journal)
    assert first[:-3] == second[:-3]
    assert int(second[-3:]) == int(first[-3:]) + 1


def test_the_database_refuses_two_sendable_rows_for_one_number(journal):
    duplicate = [
        PlannedMessage(2, "+4520000000", text="a", segments=1),
        PlannedMessage(3, "+4520000000", text="b", segments=1),
    ]
    with pytest.raises(ValueError, match="same number"):
        journal.create_campaign(
            name="x",
            account=ACCOUNT,
            source_file=None,
            sheet=None,
            template="a",
            country="DK",
            phone_column=None,
            columns=[],
            messages=duplicate,
        )
    assert journal.list_campaigns() == []  # nothing half-made


def test_unknown_state_is_refused_by_the_schema(db, journal):
    campaign_id = create(journal)
    (row_id,) = db.conn.execute(
        "SELECT MIN(id) FROM messages WHERE campaign_id = ?", (campaign_id,)
    ).fetchone()
    with pytest.raises(sqlite3.IntegrityError):
        db.conn.execute("UPDATE message_status SET state = 'delivered' WHERE id = ?", (row_id,))


def test_commit_claims_only_pending_rows_and_records_answers(db, journal):
    campaign_id = create(journal, 3)
    ids = [r.id for r in journal.messages(campaign_id)]
    assert journal.mark_sending(ids[:2]) == 2
    assert journal.mark_sending(ids[:2]) == 0  # already sending: never claimed twice
    assert journal.commit((), [[ids[1], ids[2]]]) == [False]  # one row of it sending already: none claimed
    rows = journal.messages(campaign_id, states=[SENDING])
    assert [r.attempts for r in rows] == [1, 1] and all(r.sending_at for r in rows)
    assert journal.counts(campaign_id)[SENDING] == 2 and journal.counts(campaign_id)[PENDING] == 1
    claimed = journal.commit(
        [
            Outcome(id=ids[0], state=SENT, message_id="m-1", cost=1.0),
            Outcome(id=ids[1], state=FAILED, error="bad", error_kind="invalid_recipient"),
        ],
        [[ids[2]]],
    )
    assert claimed == [True]
    first, second, third = journal.messages(campaign_id)
    assert (first.state, first.message_id, first.cost) == (SENT, "m-1", 1.0) and first.done_at
    assert (second.state, second.error, second.error_kind) == (FAILED, "bad", "invalid_recipient")
    assert first.attempts == second.attempts == 1 and first.sending_at == rows[0].sending_at
    assert third.state == SENDING
    assert journal.mark_sending([ids[0]]) == 0  # answered: not pending any more
    journal.record([Outcome(id=ids[2], state=PENDING, error="server error", error_kind="transient")])
    third = journal.messages(campaign_id)[2]
    assert third.state == PENDING and third.done_at is None and third.attempts == 1
    assert journal.mark_sending([ids[2]]) == 1  # put back: claimable again
    journal.record([Outcome(id=ids[2], state=SENT, message_id="m-3")])
    assert journal.messages(campaign_id)[2].attempts == 2


def test_a_state_is_a_column_anyone_can_select(db, journal):
    campaign_id = create(journal, 5, skipped=1)
    ids = [r.id for r in journal.messages(campaign_id, states=[PENDING])]
    assert journal.commit((), [ids[:3], ids[3:]]) == [True, True]
    journal.record([Outcome(id=i, state=SENT, message_id=f"m-{i}") for i in ids[:3]])
    stored = db.conn.execute(
        "SELECT s.state, COUNT(*) FROM message_status AS s JOIN messages ON messages.id = s.id "
        "WHERE messages.campaign_id = ? GROUP BY s.state ORDER BY s.state",
        (campaign_id,),
    ).fetchall()
    assert [tuple(r) for r in stored] == [("sending", 2), ("sent", 3), ("skipped", 1)]
    assert journal.rows_to_send(campaign_id) == []


def test_a_final_state_is_never_overwritten(journal):
    """The guard of store/claims.py: an answer lands only on a row that is 'sending'; sent and skipped rows
    never change state, whatever is recorded, recovered, retried or discarded after."""
    campaign_id = create(journal, 3, skipped=1)
    sent, failed, unknown = (r.id for r in journal.messages(campaign_id, states=[PENDING]))
    journal.mark_sending([sent, failed, unknown])
    journal.record(
        [
            Outcome(id=sent, state=SENT, message_id="m-1"),
            Outcome(id=failed, state=FAILED, error="bad"),
            Outcome(id=unknown, state=UNKNOWN, error="504"),
        ]
    )
    skipped = journal.messages(campaign_id, states=[SKIPPED])[0].id
    for late in (SENT, FAILED, UNKNOWN, PENDING):  # a late or repeated answer changes nothing
        journal.record(
            [Outcome(id=row, state=late, message_id="late") for row in (sent, failed, unknown, skipped)]
        )
    assert journal.mark_sending([sent]) == 0 and journal.mark_sending([skipped]) == 0
    journal.recover(campaign_id)
    journal.retry(campaign_id, states=(FAILED, UNKNOWN))  # the user's choice: failed and unknown go back
    journal.discard(campaign_id)
    by_id = {r.id: (r.state, r.message_id) for r in journal.messages(campaign_id)}
    assert by_id[sent] == (SENT, "m-1") and by_id[skipped][0] == SKIPPED
    assert by_id[failed][0] == by_id[unknown][0] == SKIPPED  # retried to pending, then discarded


def test_answers_for_rows_no_claim_holds_are_not_recorded(journal):
    campaign_id = create(journal, 2)
    first, second = (r.id for r in journal.messages(campaign_id))
    journal.mark_sending([first])
    journal.record(
        [
            Outcome(id=first, state=SENT, message_id="m"),
            Outcome(id=second, state=SENT, message_id="never sent"),
        ]
    )
    assert [r.state for r in journal.messages(campaign_id)] == [SENT, PENDING]


def test_a_claim_made_through_another_connection_is_honoured(db, journal):
    campaign_id = create(journal, 2)
    first, second = (r.id for r in journal.messages(campaign_id))
    other = Database(db.path)
    try:
        Journal(other).mark_sending([first])
    finally:
        other.close()
    assert journal.mark_sending([first, second]) == 0
    assert [r.id for r in journal.rows_to_send(campaign_id)] == [second]
    journal.record([Outcome(id=first, state=SENT, message_id="m")])
    assert journal.messages(campaign_id)[0].state == SENT


def test_recording_never_touches_a_row_that_is_not_sending(journal):
    campaign_id = create(journal, 1)
    row_id = journal.messages(campaign_id)[0].id
    journal.record([Outcome(id=row_id, state=SENT, message_id="m")])
    assert journal.messages(campaign_id)[0].state == PENDING


def test_recover_turns_sending_into_unknown_and_running_into_interrupted(journal):
    campaign_id = create(journal, 3)
    ids = [r.id for r in journal.messages(campaign_id)]
    journal.set_state(campaign_id, RUNNING)
    journal.mark_sending(ids[:2])
    journal.record([Outcome(id=ids[0], state=SENT, message_id="m")])
    assert journal.recover_interrupted() == [campaign_id]
    states = [r.state for r in journal.messages(campaign_id)]
    assert states == [SENT, UNKNOWN, PENDING]
    unknown = journal.messages(campaign_id, states=[UNKNOWN])[0]
    assert unknown.error_kind == "interrupted" and "may or may not" in unknown.error
    campaign = journal.get_campaign(campaign_id)
    assert campaign.state == INTERRUPTED and campaign.stop_reason
    assert [c.id for c in journal.interrupted_campaigns()] == [campaign_id]
    assert journal.recover_interrupted() == []  # nothing left to recover


def test_recovery_leaves_a_campaign_that_is_being_sent_alone(journal):
    campaign_id = create(journal, 2)
    journal.set_state(campaign_id, RUNNING)
    journal.mark_sending([journal.messages(campaign_id)[0].id])
    lock = CampaignLock(journal.lock_path(campaign_id))
    assert lock.acquire()
    try:
        assert journal.is_busy(campaign_id)
        assert journal.recover_interrupted() == []
        assert journal.messages(campaign_id)[0].state == SENDING
        with pytest.raises(CampaignBusy), journal.lock(campaign_id):
            pass
        with pytest.raises(CampaignBusy):
            journal.retry(campaign_id)
    finally:
        lock.release()
    assert not journal.is_busy(campaign_id)
    assert journal.recover_interrupted() == [campaign_id]


def test_retry_failed_only_unless_unknown_is_asked(journal):
    campaign_id = create(journal, 3)
    ids = [r.id for r in journal.messages(campaign_id)]
    journal.mark_sending(ids)
    journal.record(
        [
            Outcome(id=ids[0], state=SENT, message_id="m"),
            Outcome(id=ids[1], state=FAILED, error="x", error_kind="message_rejected"),
            Outcome(id=ids[2], state=UNKNOWN, error="timeout", error_kind="unknown"),
        ]
    )
    journal.set_state(campaign_id, FINISHED)
    assert journal.retry(campaign_id) == 1
    assert [r.state for r in journal.messages(campaign_id)] == [SENT, PENDING, UNKNOWN]
    retried = journal.messages(campaign_id)[1]
    assert retried.error is None and retried.attempts == 1  # attempts keep counting what really left
    assert journal.get_campaign(campaign_id).state == READY
    assert journal.retry(campaign_id, states=(FAILED, UNKNOWN)) == 1
    assert [r.state for r in journal.messages(campaign_id)] == [SENT, PENDING, PENDING]
    with pytest.raises(ValueError, match="sent"):
        journal.retry(campaign_id, states=(SENT,))


def test_discard_closes_the_campaign_and_skips_what_is_left(journal):
    campaign_id = create(journal, 3)
    first = journal.messages(campaign_id)[0].id
    journal.mark_sending([first])
    journal.record([Outcome(id=first, state=SENT, message_id="m")])
    assert journal.discard(campaign_id) == 2
    campaign = journal.get_campaign(campaign_id)
    assert campaign.state == DISCARDED and not campaign.resumable
    skipped = journal.messages(campaign_id, states=[SKIPPED])
    assert len(skipped) == 2 and all(r.error_kind == "discarded" for r in skipped)
    assert journal.interrupted_campaigns() == []


def test_a_discarded_campaign_still_counts_the_rows_it_gave_up(journal):
    campaign_id = create(journal, 3, skipped=1)
    first = journal.messages(campaign_id)[0].id
    journal.mark_sending([first])
    journal.record([Outcome(id=first, state=SENT, message_id="m")])
    journal.discard(campaign_id)
    (summary,) = journal.list_campaigns()  # from the totals frozen at the discard
    assert (summary.given_up, summary.given_up_segments, summary.segments) == (2, 2, 1)
    assert journal.get_campaign(campaign_id).given_up == 2  # and counted afresh
    journal.conn.execute(
        "UPDATE campaigns SET totals = ? WHERE id = ?",
        (json.dumps({"counts": {SENT: 1, SKIPPED: 3}, "segments": 1, "cost": None}), campaign_id),
    )
    (older,) = journal.list_campaigns()  # frozen before given-up rows were counted: none, not an error
    assert (older.given_up, older.counts[SENT]) == (0, 1)


def test_list_is_newest_first_and_hides_test_sends(journal):
    first = create(journal)
    second = create(journal)
    test = create(journal, 1, kind=KIND_TEST)
    assert [c.id for c in journal.list_campaigns()] == [second, first]
    assert test in [c.id for c in journal.list_campaigns(include_tests=True)]


def test_summary_cost_sums_what_the_provider_reported(journal):
    campaign_id = create(journal, 2)
    ids = [r.id for r in journal.messages(campaign_id)]
    journal.mark_sending(ids)
    assert journal.list_campaigns()[0].cost is None
    journal.record(
        [
            Outcome(id=ids[0], state=SENT, message_id="a", cost=1.5),
            Outcome(id=ids[1], state=SENT, message_id="b", cost=2.0),
        ]
    )
    assert journal.list_campaigns()[0].cost == 3.5


def test_messages_pages_by_id_and_limit(journal):
    campaign_id = create(journal, 5)
    first_page = journal.messages(campaign_id, limit=2)
    second_page = journal.messages(campaign_id, after_id=first_page[-1].id, limit=2)
    assert [r.row for r in first_page + second_page] == [2, 3, 4, 5]
    assert journal.messages(campaign_id, states=[]) == []


def test_set_delivery_updates_every_row_with_that_provider_id(journal):
    campaign_id = create(journal, 3)
    ids = [r.id for r in journal.messages(campaign_id)]
    journal.mark_sending(ids)
    journal.record(
        [
            Outcome(id=ids[0], state=SENT, message_id="batch-1"),
            Outcome(id=ids[1], state=SENT, message_id="batch-1"),
            Outcome(id=ids[2], state=SENT, message_id="x"),
        ]
    )
    changed = journal.set_delivery(campaign_id, [DeliveryReport("batch-1", "delivered")])
    assert changed == 2
    assert [r.delivery for r in journal.messages(campaign_id)] == ["delivered", "delivered", None]


def test_unknown_campaign(journal):
    with pytest.raises(CampaignNotFound):
        journal.get_campaign("2020-01-01-001")


def test_the_journal_survives_reopening(db, journal):
    campaign_id = create(journal, 2)
    journal.mark_sending([journal.messages(campaign_id)[0].id])
    again = Database(db.path)
    try:
        assert Journal(again).counts(campaign_id)[SENDING] == 1
    finally:
        again.close()


def test_a_message_to_send_needs_a_text(journal):
    with pytest.raises(ValueError, match="Row 2"):
        journal.create_campaign(
            name="x",
            account=ACCOUNT,
            source_file=None,
            sheet=None,
            template="",
            country="DK",
            phone_column=None,
            columns=[],
            messages=[PlannedMessage(2, "+4520000000", text="", segments=0)],
        )


def test_closed_campaigns_keep_frozen_totals_and_reopen_on_retry(db, journal):
    campaign_id = create(journal, 2)
    ids = [r.id for r in journal.messages(campaign_id)]
    journal.mark_sending(ids)
    journal.record(
        [
            Outcome(id=ids[0], state=SENT, message_id="a", cost=1.0),
            Outcome(id=ids[1], state=FAILED, error="x"),
        ]
    )
    journal.set_state(campaign_id, FINISHED)
    frozen = db.conn.execute("SELECT totals FROM campaigns WHERE id = ?", (campaign_id,)).fetchone()[0]
    assert frozen is not None
    (summary,) = journal.list_campaigns()
    assert summary.counts[SENT] == 1 and summary.counts[FAILED] == 1 and summary.cost == 1.0
    assert summary == journal.list_campaigns()[0]
    journal.retry(campaign_id)
    assert db.conn.execute("SELECT totals FROM campaigns WHERE id = ?", (campaign_id,)).fetchone()[0] is None
    assert journal.list_campaigns()[0].counts[PENDING] == 1
    journal.discard(campaign_id)
    assert journal.list_campaigns()[0].counts == journal.counts(campaign_id)


def test_rows_to_send_carry_texts_and_fields_as_written(journal):
    campaign_id = journal.create_campaign(
        name="x",
        account=ACCOUNT,
        source_file=None,
        sheet=None,
        template="{Navn}",
        country="DK",
        phone_column=None,
        columns=["Navn"],
        messages=[
            PlannedMessage(2, "+4520000001", {"Navn": 'Æble "æ" \\ 😀'}, 'Hej Æble "æ" \\ 😀\n', "UCS-2", 1),
            PlannedMessage(3, "+4520000002", {"Navn": "B"}, "Hej B", "GSM-7", 1),
            PlannedMessage(4, "12", skip_reason="too short", skip_kind="invalid"),
        ],
    )
    rows = journal.rows_to_send(campaign_id)
    assert len(rows) == 2
    assert rows[0].text == 'Hej Æble "æ" \\ 😀\n' and json.loads(rows[0].fields) == {"Navn": 'Æble "æ" \\ 😀'}
    assert journal.rows_to_send(campaign_id, with_fields=False)[0].fields == "{}"
    assert journal.rows_to_send(campaign_id, after_id=rows[0].id, limit=1) == rows[1:]


def test_answers_with_one_cost_and_with_mixed_costs_are_recorded_alike(journal):
    campaign_id = create(journal, 6)
    ids = [r.id for r in journal.messages(campaign_id)]
    journal.mark_sending(ids)
    outcomes = [
        Outcome(id=ids[0], state=SENT, message_id="same-0", cost=1.0),
        Outcome(id=ids[1], state=SENT, message_id="same-1", cost=1.0),
        Outcome(id=ids[2], state=SENT, message_id=None, cost=1.0),
        Outcome(id=ids[3], state=FAILED, message_id="f-3", cost=0.5, error="x", error_kind="rejected"),
        Outcome(id=ids[4], state=FAILED, message_id="f-4", cost=0.25, error="x", error_kind="rejected"),
        Outcome(id=ids[5], state=SENT, message_id="ø-5", cost=None),
    ]
    journal.record(outcomes)
    rows = {r.id: (r.state, r.message_id, r.cost, r.error) for r in journal.messages(campaign_id)}
    assert [rows[i] for i in ids] == [(o.state, o.message_id, o.cost, o.error) for o in outcomes]


def test_a_sender_reads_the_campaign_without_counting_and_gets_the_counts_when_it_closes_it(journal):
    campaign_id = create(journal, 3)
    ids = [r.id for r in journal.messages(campaign_id)]
    light = journal.get_campaign(campaign_id, with_counts=False)
    full = journal.get_campaign(campaign_id)
    assert light.template == full.template and light.account == full.account and light.state == full.state
    assert full.counts[PENDING] == 3 and light.counts[PENDING] == 0
    journal.mark_sending(ids)
    journal.record(
        [
            Outcome(id=ids[0], state=SENT, message_id="a", cost=1.0),
            Outcome(id=ids[1], state=FAILED, error="x"),
            Outcome(id=ids[2], state=SENT),
        ]
    )
    assert journal.set_state(campaign_id, RUNNING) is None  # not closed: nothing counted
    counts = journal.set_state(campaign_id, FINISHED)
    assert counts == journal.counts(campaign_id) and counts[SENT] == 2 and counts[FAILED] == 1


def test_finish_closes_only_a_campaign_with_nothing_left_to_send(db, journal):
    campaign_id = create(journal, 2)
    first, second = (r.id for r in journal.messages(campaign_id))
    journal.set_state(campaign_id, RUNNING)
    assert journal.finish(campaign_id) is None  # two pending
    journal.mark_sending([first, second])
    journal.record([Outcome(id=first, state=SENT, message_id="m")])
    assert journal.finish(campaign_id) is None  # one still sending
    assert journal.get_campaign(campaign_id).state == RUNNING
    journal.record([Outcome(id=second, state=FAILED, error="x")])
    counts = journal.finish(campaign_id)
    assert counts == journal.counts(campaign_id) and counts[SENT] == 1 and counts[FAILED] == 1
    campaign = journal.get_campaign(campaign_id)
    assert campaign.state == FINISHED and campaign.stop_reason is None
    frozen = db.conn.execute("SELECT totals FROM campaigns WHERE id = ?", (campaign_id,)).fetchone()[0]
    assert json.loads(frozen)["counts"][SENT] == 1


def test_rows_far_apart_are_claimed_only_while_pending(journal):
    """A retry's request may carry rows spread over a big campaign: checked one by one, not as a range."""
    campaign_id = create(journal, 40)
    ids = [r.id for r in journal.messages(campaign_id)]
    journal.mark_sending([ids[0], ids[39]])
    journal.record(
        [Outcome(id=ids[0], state=SENT, message_id="a"), Outcome(id=ids[39], state=FAILED, error="x")]
    )
    assert journal.mark_sending([ids[0], ids[20]]) == 0  # one of them was sent: the request is refused
    journal.retry(campaign_id)
    assert journal.mark_sending([ids[5], ids[39]]) == 2  # the failed one is pending again
