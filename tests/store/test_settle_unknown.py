"""Journal.settle_unknown(): what the provider's list says, onto messages whose fate was unknown, and only those."""

from __future__ import annotations

import pytest

from smsdesk.core.account import Account
from smsdesk.store.journal import FAILED, FINISHED, SENT, UNKNOWN, Outcome
from tests.engine.conftest import make_campaign


def test_only_unknown_rows_change_and_a_final_state_is_never_overwritten(db, journal):
    account = Account(name="Demo", provider="sandbox")
    db.save_account(account)
    campaign_id = make_campaign(journal, account, 3)
    ids = [r.id for r in journal.messages(campaign_id)]
    journal.mark_sending(ids)
    journal.record(
        [
            Outcome(ids[0], SENT, "provider-1"),
            Outcome(ids[1], FAILED, error="bad number"),
            Outcome(ids[2], UNKNOWN, error="504"),
        ]
    )
    journal.finish(campaign_id)
    changed = journal.settle_unknown(
        campaign_id,
        [
            (ids[0], FAILED, None, "not received"),  # sent stays sent
            (ids[1], SENT, "x", None),  # failed stays failed
            (ids[2], SENT, "provider-3", None),
        ],
    )
    assert changed == [ids[2]]
    rows = journal.messages(campaign_id)
    assert [(r.state, r.message_id) for r in rows] == [
        (SENT, "provider-1"),
        (FAILED, None),
        (SENT, "provider-3"),
    ]
    campaign = journal.get_campaign(campaign_id)
    assert campaign.state == FINISHED and campaign.counts[SENT] == 2 and campaign.counts[UNKNOWN] == 0


def test_only_sent_or_failed(db, journal):
    with pytest.raises(ValueError):
        journal.settle_unknown("x", [(1, "pending", None, None)])
