"""The send loop when the journal refuses a claim (issue 19: "the journal refused to claim 10 rows" crashed a run)."""

from __future__ import annotations

from smsdesk.engine.results import STOPPED_BY_STORAGE
from smsdesk.engine.sender import CampaignRunner
from smsdesk.store.journal import PENDING, SENT, STOPPED, Journal
from tests.engine.conftest import FAST_RETRY, make_campaign


def test_a_refused_claim_stops_the_run_resumable_instead_of_crashing(
    db, journal, account, sandbox, monkeypatch
):
    campaign_id = make_campaign(journal, account, 20)
    real_commit = Journal.commit
    calls = {"claims": 0}

    def commit(self, outcomes=(), requests=()):
        answer = real_commit(self, outcomes, requests)
        if requests:
            calls["claims"] += 1
            if calls["claims"] == 3:  # as if another SMSDesk had claimed these rows meanwhile
                self.recover(campaign_id)
                return [False] * len(answer)
        return answer

    monkeypatch.setattr(Journal, "commit", commit)
    outcome = CampaignRunner(db.path, campaign_id, retry=FAST_RETRY, max_batch=2, concurrency=1).run()
    assert outcome.state == STOPPED and outcome.stopped_by == STOPPED_BY_STORAGE
    assert "refused to claim" in outcome.reason
    assert outcome.counts[PENDING] > 0 and journal.get_campaign(campaign_id).state == STOPPED
    # Nothing was sent that the journal did not claim.
    assert len(sandbox.state.accepted) == outcome.counts[SENT]
