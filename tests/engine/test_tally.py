"""The one way a campaign's rows are counted (engine.results.tally): the journal's counters agree with the exported
rows, counted by Status and Delivery, through a pause and resume, delivery receipts, a retry and History's totals."""

from __future__ import annotations

from collections import Counter

from smsdesk.core.states import MessageState
from smsdesk.engine.export import export_rows
from smsdesk.engine.results import Tally, campaign_tally, tally
from smsdesk.engine.sender import CampaignRunner
from smsdesk.providers import create_provider
from smsdesk.store.journal import Journal
from tests.engine.conftest import FAST_RETRY, make_campaign, phone


def exported(journal: Journal, campaign_id: str) -> Tally:
    """The export's rows counted the way a user counts them in Excel: by the Status column, and Delivery of sent."""
    header, rows = export_rows(journal, journal.get_campaign(campaign_id))
    status, delivery = header.index("Status"), header.index("Delivery")
    states = Counter(row[status] for row in rows)
    receipts = Counter(row[delivery] for row in rows if row[status] == "sent")
    return Tally(
        sent=states["sent"],
        delivered=receipts["delivered"],
        not_delivered=receipts["failed"],
        failed=states["failed"],
        unknown=states["unknown"],
        waiting=states["pending"] + states["sending"],
        skipped=states["skipped"],
    )


def ask_for_receipts(journal: Journal, account, campaign_id: str) -> None:
    ids = [r.message_id for r in journal.messages(campaign_id, states=("sent",)) if r.message_id]
    with create_provider(account, "") as provider:
        journal.set_delivery(campaign_id, provider.delivery_status(ids))


def history_tally(journal: Journal, campaign_id: str) -> Tally:
    (summary,) = [c for c in journal.list_campaigns() if c.id == campaign_id]
    return tally(summary.counts)


def test_the_journal_the_export_and_history_count_alike_through_pause_receipts_and_retry(
    db, account, sandbox
):
    sandbox.state.faults.reject_numbers = {phone(2), phone(5)}
    sandbox.state.faults.undeliverable_numbers = {phone(3)}
    sandbox.state.faults.deliver_after = 0.0
    journal = Journal(db)
    campaign_id = make_campaign(journal, account, 10, skipped=1)
    heard: list[str] = []

    def pause_after_four(update) -> None:
        heard.append(update.state)
        if update.state == "sent" and heard.count("sent") == 4:
            runner.pause()

    runner = CampaignRunner(
        db.path, campaign_id, retry=FAST_RETRY, max_batch=1, concurrency=1, on_update=pause_after_four
    )
    assert runner.run(return_when_paused=True).state == "paused"
    ask_for_receipts(journal, account, campaign_id)
    paused = campaign_tally(journal, campaign_id)
    assert paused == exported(journal, campaign_id)
    assert paused.waiting > 0 and paused.delivered > 0 and paused.skipped == 1

    runner.resume()
    assert runner.run().state == "finished"
    ask_for_receipts(journal, account, campaign_id)
    done = campaign_tally(journal, campaign_id)
    assert done == exported(journal, campaign_id)
    assert done == Tally(sent=8, delivered=7, not_delivered=1, failed=2, unknown=0, waiting=0, skipped=1)
    # History reads the totals frozen when the campaign finished: receipts are not part of them
    assert history_tally(journal, campaign_id) == Tally(sent=8, failed=2, skipped=1)

    sandbox.state.faults.reject_numbers = set()
    assert journal.retry(campaign_id) == 2
    assert CampaignRunner(db.path, campaign_id, retry=FAST_RETRY).run().state == "finished"
    ask_for_receipts(journal, account, campaign_id)
    retried = campaign_tally(journal, campaign_id)
    assert retried == exported(journal, campaign_id)
    assert retried == Tally(sent=10, delivered=9, not_delivered=1, failed=0, unknown=0, waiting=0, skipped=1)
    assert history_tally(journal, campaign_id) == Tally(sent=10, skipped=1)


def test_a_receipt_counts_only_on_a_sent_row_and_sending_rows_are_waiting():
    counts = {
        (MessageState.SENT, "delivered"): 5,
        (MessageState.SENT, "failed"): 2,
        (MessageState.SENT, "pending"): 1,
        (MessageState.SENT, None): 1,
        # a message handed over with a time, then cancelled at the provider: its last receipt no longer counts
        (MessageState.SKIPPED, "failed"): 3,
        (MessageState.SKIPPED, None): 1,
        (MessageState.FAILED, "delivered"): 1,
        (MessageState.PENDING, None): 4,
        (MessageState.SENDING, None): 2,
        (MessageState.UNKNOWN, None): 1,
    }
    counted = tally(counts)
    assert counted == Tally(sent=9, delivered=5, not_delivered=2, failed=1, unknown=1, waiting=6, skipped=4)
    assert (counted.to_send, counted.done) == (17, 11)
    # counts by state alone (History's frozen totals) give the same counters but the receipts
    by_state = {"sent": 9, "failed": 1, "unknown": 1, "pending": 4, "sending": 2, "skipped": 4}
    assert tally(by_state) == Tally(sent=9, failed=1, unknown=1, waiting=6, skipped=4)
