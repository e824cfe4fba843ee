"""The send loop over real HTTP against the sandbox: the journal protocol and every fault path."""

from __future__ import annotations

import threading
import time

import pytest

from smsdesk.core.account import Account
from smsdesk.core.states import CampaignState
from smsdesk.engine.outcomes import RetryPolicy
from smsdesk.engine.pacing import Pacer
from smsdesk.engine.results import (
    STOPPED_BY_PROVIDER,
    STOPPED_BY_SETUP,
    STOPPED_BY_UNREACHABLE,
    MessageUpdate,
)
from smsdesk.engine.sender import CampaignRunner
from smsdesk.providers.base import OutcomeUnknown, Transient
from smsdesk.providers.sandbox import SandboxProvider
from smsdesk.providers.ugsms import UgsmsProvider
from smsdesk.store.db import Database
from smsdesk.store.journal import (
    CANCELLED,
    FAILED,
    FINISHED,
    PENDING,
    RUNNING,
    SENDING,
    SENT,
    SKIPPED,
    STOPPED,
    UNKNOWN,
    CampaignBusy,
    CampaignLock,
    Journal,
)
from tests.engine.conftest import FAST_RETRY, make_campaign, phone

WAITING = CampaignState.WAITING


def runner_for(db, campaign_id, **kwargs) -> CampaignRunner:
    kwargs.setdefault("retry", FAST_RETRY)
    return CampaignRunner(db.path, campaign_id, **kwargs)


def states(journal, campaign_id) -> list[str]:
    return [r.state for r in journal.messages(campaign_id)]


def test_sends_every_pending_row_once_and_reports_each_result(db, journal, account, sandbox):
    campaign_id = make_campaign(journal, account, 12, skipped=2)
    updates: list[MessageUpdate] = []
    seen_states: list[tuple[str, str | None]] = []
    outcome = runner_for(
        db, campaign_id, on_update=updates.append, on_state=lambda s, r: seen_states.append((s, r))
    ).run()

    assert outcome.state == FINISHED and outcome.reason is None
    assert outcome.counts[SENT] == 12 and outcome.counts[SKIPPED] == 2 and outcome.counts[PENDING] == 0
    assert sorted(sandbox.state.accepted_numbers()) == [phone(i) for i in range(12)]
    assert seen_states == [(RUNNING, None), (FINISHED, None)]
    assert journal.get_campaign(campaign_id).state == FINISHED
    sent = journal.messages(campaign_id, states=[SENT])
    accepted_ids = {a.message_id for a in sandbox.state.accepted}
    assert {r.message_id for r in sent} == accepted_ids
    assert all(r.attempts == 1 and r.cost == 1.0 and r.done_at for r in sent)
    # Each row: first "sending", then its result; results carry what the GUI table shows.
    by_row: dict[int, list[str]] = {}
    for update in updates:
        by_row.setdefault(update.row, []).append(update.state)
    assert all(seq == [SENDING, SENT] for seq in by_row.values()) and len(by_row) == 12
    final = [u for u in updates if u.state == SENT]
    assert all(u.message_id in accepted_ids and u.segments == 1 and u.cost == 1.0 for u in final)
    # Our message key travels as the provider's reference.
    assert {a.reference for a in sandbox.state.accepted} == {f"{campaign_id}-{r.id}" for r in sent}


class CheckingProvider(SandboxProvider):
    """Before each request leaves, reads the journal through ANOTHER connection: the rows must be committed."""

    seen: list[list[str]]

    def send(self, batch):
        other = Database(self.db_path)
        try:
            ids = {int(m.key.rsplit("-", 1)[1]) for m in batch}
            campaign_id = batch[0].key.rsplit("-", 1)[0]
            rows = [r for r in Journal(other).messages(campaign_id) if r.id in ids]
            self.seen.append([row.state for row in rows])
        finally:
            other.close()
        return super().send(batch)


def test_rows_are_committed_as_sending_before_their_request_leaves(db, journal, account):
    campaign_id = make_campaign(journal, account, 9)
    seen: list[list[str]] = []

    def factory():
        provider = CheckingProvider(account, "sandbox")
        provider.db_path, provider.seen = db.path, seen
        return provider

    outcome = runner_for(db, campaign_id, provider=factory, concurrency=2, max_batch=2).run()
    assert outcome.counts[SENT] == 9
    assert len(seen) == 5  # 9 messages, at most 2 per request
    assert all(batch_states and set(batch_states) == {SENDING} for batch_states in seen)


def test_requests_carry_as_many_messages_as_the_provider_takes(db, journal, account, sandbox):
    campaign_id = make_campaign(journal, account, 1200)
    outcome = runner_for(db, campaign_id).run()
    assert outcome.counts[SENT] == 1200
    sends = [r for r in sandbox.state.requests if r[2] == "/sandbox/v1/messages"]
    assert len(sends) == 3  # 500 + 500 + 200


def test_max_batch_and_the_users_cap_limit_messages_per_request(db, journal, account, sandbox):
    campaign_id = make_campaign(journal, account, 10)

    class NeverWaits(Pacer):
        def acquire(self, messages: int = 1) -> float:
            return 0.0

    outcome = runner_for(db, campaign_id, pacer=NeverWaits(messages_per_minute=4), max_batch=3).run()
    assert outcome.counts[SENT] == 10
    assert len([r for r in sandbox.state.requests if r[2] == "/sandbox/v1/messages"]) == 4  # 3+3+3+1


def test_invalid_recipient_fails_that_row_and_the_campaign_goes_on(db, journal, account, sandbox):
    campaign_id = make_campaign(journal, account, 5)
    sandbox.state.faults.reject_numbers = {phone(2)}
    outcome = runner_for(db, campaign_id).run()
    assert outcome.state == FINISHED
    assert states(journal, campaign_id) == [SENT, SENT, FAILED, SENT, SENT]
    failed = journal.messages(campaign_id, states=[FAILED])[0]
    assert failed.error_kind == "invalid_recipient" and "not a valid phone number" in failed.error
    assert phone(2) not in sandbox.state.accepted_numbers()


def test_a_request_refused_whole_for_one_bad_number_is_split_to_find_it(db, journal, sandbox):
    # UGSMS refuses the whole request ("Invalid phone number format.") and does not say which number.
    account = Account(name="Uganda", provider="ugsms", base_url=sandbox.url)
    db.save_account(account)
    campaign_id = make_campaign(journal, account, 4, text="Same text for all")
    sandbox.state.faults.reject_numbers = {phone(1)}
    outcome = runner_for(
        db, campaign_id, provider=lambda: UgsmsProvider(account, "ugsms-demo-key"), pacer=Pacer()
    ).run()
    assert outcome.state == FINISHED
    assert states(journal, campaign_id) == [SENT, FAILED, SENT, SENT]
    assert sorted(sandbox.state.accepted_numbers()) == [phone(0), phone(2), phone(3)]
    sends = [r for r in sandbox.state.requests if r[2].endswith("/sms/send")]
    assert len(sends) == 5  # the batch of 4, then each number alone


# A proxy's HTML 502 is not "not sent" (it may come after the provider took the request): see
# tests/engine/test_ambiguous_answers.py.
@pytest.mark.parametrize("fault", ["fail_next"])
def test_transient_errors_are_retried_and_nothing_is_lost(db, journal, account, sandbox, fault):
    campaign_id = make_campaign(journal, account, 6)
    setattr(sandbox.state.faults, fault, 2)
    outcome = runner_for(db, campaign_id, concurrency=1).run()
    assert outcome.state == FINISHED and outcome.counts[SENT] == 6
    assert sorted(sandbox.state.accepted_numbers()) == [phone(i) for i in range(6)]
    assert [r.attempts for r in journal.messages(campaign_id)] == [3] * 6  # one request, sent three times


def test_a_provider_that_cannot_be_reached_stops_the_run_after_a_bound_saying_when_it_tries_next(
    db, journal, account, sandbox
):
    campaign_id = make_campaign(journal, account, 5)
    sandbox.state.faults.fail_next = 1000
    seen: list[tuple[str, str | None]] = []
    outcome = runner_for(
        db, campaign_id, max_batch=1, concurrency=1, on_state=lambda s, r: seen.append((s, r))
    ).run()
    assert outcome.state == STOPPED and outcome.stopped_by == STOPPED_BY_UNREACHABLE
    assert "could not be reached (4 tries in a row" in outcome.reason
    # Nothing was taken, so nothing is failed: every row waits for a resume.
    assert states(journal, campaign_id) == [PENDING] * 5
    assert sandbox.state.accepted == []
    tries = [r for r in sandbox.state.requests if r[2] == "/sandbox/v1/messages"]
    assert len(tries) == 4  # FAST_RETRY.unreachable_after, each after a wait it announced
    waits = [reason for state, reason in seen if state == WAITING]
    assert len(waits) == 3 and all("next try in" in reason for reason in waits)


def test_a_request_that_keeps_failing_while_others_go_through_is_given_up(db, journal, account, sandbox):
    campaign_id = make_campaign(journal, account, 3)
    first = journal.messages(campaign_id)[0]
    calls: list[str] = []

    class FirstNumberFails(SandboxProvider):
        def send(self, batch):
            calls.append(batch[0].to)
            if batch[0].to == first.phone:
                raise Transient("server busy (HTTP 500)")
            return super().send(batch)

    outcome = runner_for(
        db, campaign_id, provider=lambda: FirstNumberFails(account, "sandbox"), max_batch=1, concurrency=1
    ).run()
    assert outcome.state == FINISHED
    assert states(journal, campaign_id) == [FAILED, SENT, SENT]
    failed = journal.messages(campaign_id, states=[FAILED])[0]
    assert failed.attempts == 3 and failed.error.startswith("Gave up after 3 attempts")
    assert calls.count(first.phone) == 3


def test_connection_refused_is_transient(db, journal, sandbox):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    account = Account(name="Gone", provider="sandbox", base_url=f"http://127.0.0.1:{port}")
    db.save_account(account)
    campaign_id = make_campaign(journal, account, 3)
    outcome = runner_for(db, campaign_id, concurrency=1, max_batch=1).run()
    assert outcome.state == STOPPED and outcome.stopped_by == STOPPED_BY_UNREACHABLE
    assert "Could not reach" in outcome.reason
    assert states(journal, campaign_id) == [PENDING] * 3  # never unknown, never failed: it never left


def test_a_provider_that_keeps_answering_429_stops_the_run_saying_so(db, journal, account, sandbox):
    campaign_id = make_campaign(journal, account, 3)
    sandbox.state.faults.rate_limit_next = 1000
    sandbox.state.faults.retry_after = 0.01
    seen: list[tuple[str, str | None]] = []
    retry = RetryPolicy(max_rate_limited=3, backoff_base=0.01, backoff_cap=0.05)
    outcome = runner_for(db, campaign_id, retry=retry, on_state=lambda s, r: seen.append((s, r))).run()
    assert outcome.state == STOPPED and outcome.stopped_by == STOPPED_BY_UNREACHABLE
    assert "kept asking us to slow down (3 times in a row)" in outcome.reason
    assert states(journal, campaign_id) == [PENDING] * 3
    waits = [reason for state, reason in seen if state == WAITING]
    assert len(waits) == 2 and all("asked us to slow down; next try in" in reason for reason in waits)


def test_rate_limited_waits_as_told_then_goes_on(db, journal, account, sandbox):
    campaign_id = make_campaign(journal, account, 4)
    sandbox.state.faults.rate_limit_next = 2
    sandbox.state.faults.retry_after = 0.3
    seen_states: list[str] = []
    started = time.monotonic()
    outcome = runner_for(db, campaign_id, concurrency=1, on_state=lambda s, r: seen_states.append(s)).run()
    waited = time.monotonic() - started
    assert outcome.state == FINISHED and outcome.counts[SENT] == 4
    assert sorted(sandbox.state.accepted_numbers()) == [phone(i) for i in range(4)]
    assert waited >= 0.6  # a lower bound: Retry-After honoured twice, whatever the machine's speed
    assert seen_states[0] == RUNNING and seen_states[-1] == FINISHED


def test_wrong_credentials_stop_the_campaign_and_keep_the_rest_pending(db, journal, account, sandbox):
    campaign_id = make_campaign(journal, account, 5)
    sandbox.state.faults.wrong_credentials = True
    outcome = runner_for(db, campaign_id).run()
    assert outcome.state == STOPPED and outcome.stopped_by == STOPPED_BY_PROVIDER
    assert "refused the key" in outcome.reason
    assert outcome.counts[PENDING] == 5
    campaign = journal.get_campaign(campaign_id)
    assert campaign.state == STOPPED and campaign.stop_reason == outcome.reason
    # Fixed: resuming sends exactly the rest.
    sandbox.state.faults.wrong_credentials = False
    outcome = runner_for(db, campaign_id).run()
    assert outcome.state == FINISHED and outcome.counts[SENT] == 5
    assert len(sandbox.state.accepted) == 5


@pytest.mark.parametrize("max_batch", [1, None])
def test_out_of_credit_stops_with_the_rest_pending(db, journal, account, sandbox, max_batch):
    campaign_id = make_campaign(journal, account, 6)
    sandbox.state.faults.credit_messages = 4
    outcome = runner_for(db, campaign_id, concurrency=1, max_batch=max_batch).run()
    assert outcome.state == STOPPED and outcome.stopped_by == STOPPED_BY_PROVIDER
    assert "credit" in outcome.reason
    assert states(journal, campaign_id) == [SENT] * 4 + [PENDING] * 2
    sandbox.state.faults.credit_messages = None
    outcome = runner_for(db, campaign_id).run()
    assert outcome.state == FINISHED and outcome.counts[SENT] == 6
    assert sorted(sandbox.state.accepted_numbers()) == [phone(i) for i in range(6)]


def test_timeout_after_sending_is_unknown_and_never_sent_again(db, journal, account, sandbox):
    campaign_id = make_campaign(journal, account, 4)
    sandbox.state.faults.hang_next = 1
    sandbox.state.faults.hang_seconds = 1.5

    def quick_timeout():
        return SandboxProvider(account, "sandbox", timeout=0.5)

    outcome = runner_for(
        db, campaign_id, provider=quick_timeout, concurrency=1, max_batch=1, settle_unknowns=False
    ).run()
    assert outcome.state == FINISHED
    assert states(journal, campaign_id) == [UNKNOWN, SENT, SENT, SENT]
    unknown = journal.messages(campaign_id, states=[UNKNOWN])[0]
    assert unknown.error_kind == OutcomeUnknown.kind and unknown.attempts == 1
    assert (
        runner_for(db, campaign_id, settle_unknowns=False).run().counts[UNKNOWN] == 1
    )  # a resume leaves it alone
    assert len(sandbox.state.accepted) == 3


def test_an_adapter_crash_is_unknown_not_resent(db, journal, account, caplog):
    campaign_id = make_campaign(journal, account, 3)

    class Broken(SandboxProvider):
        def send(self, batch):
            super().send(batch)
            raise KeyError("bug after the request left")

    outcome = runner_for(
        db, campaign_id, provider=lambda: Broken(account, "sandbox"), settle_unknowns=False
    ).run()
    assert outcome.state == FINISHED and outcome.counts[UNKNOWN] == 3
    assert "Internal error" in journal.messages(campaign_id)[0].error
    assert "provider Broken crashed while sending" in caplog.text  # a bug of ours: logged, with its traceback


def test_rows_found_sending_become_unknown_and_are_not_sent(db, journal, account, sandbox):
    campaign_id = make_campaign(journal, account, 3)
    first = journal.messages(campaign_id)[0].id
    journal.mark_sending([first])  # as if the last run died with this request in flight
    updates: list[MessageUpdate] = []
    outcome = runner_for(db, campaign_id, on_update=updates.append, settle_unknowns=False).run()
    assert states(journal, campaign_id) == [UNKNOWN, SENT, SENT]
    assert [(u.id, u.state, u.error_kind) for u in updates if u.state == UNKNOWN] == [
        (first, UNKNOWN, "interrupted")
    ]
    assert outcome.counts[UNKNOWN] == 1
    assert phone(0) not in sandbox.state.accepted_numbers()


def test_a_campaign_being_sent_elsewhere_is_refused(db, journal, account, sandbox):
    campaign_id = make_campaign(journal, account, 2)
    lock = CampaignLock(journal.lock_path(campaign_id))
    assert lock.acquire()
    try:
        with pytest.raises(CampaignBusy):
            runner_for(db, campaign_id).run()
    finally:
        lock.release()
    assert sandbox.state.accepted == []


@pytest.mark.parametrize(
    ("stops", "ends_as"),
    [(("interrupt",), CampaignState.INTERRUPTED), (("cancel", "interrupt"), CampaignState.CANCELLED)],
)
def test_an_interrupted_run_is_left_for_the_resume_offer_unless_the_user_cancelled_first(
    db, journal, account, sandbox, stops, ends_as
):
    """interrupt() is the child's stop when its window is gone: 'interrupted', so the next start offers it (that
    offer leaves 'cancelled' ones alone). A cancel the user asked for before the window closed stays a cancel."""
    campaign_id = make_campaign(journal, account, 8)
    runner = None

    def on_update(update):
        if update.state == SENT and update.row == 4:
            for stop in stops:
                getattr(runner, stop)()

    runner = runner_for(db, campaign_id, on_update=on_update, concurrency=1, max_batch=1)
    outcome = runner.run()
    assert outcome.state == ends_as
    campaign = journal.get_campaign(campaign_id)
    assert campaign.state == ends_as and campaign.resumable
    assert outcome.counts[SENDING] == 0 and outcome.counts[PENDING] >= 4


def test_cancel_keeps_unsent_rows_pending_and_resume_sends_only_them(db, journal, account, sandbox):
    campaign_id = make_campaign(journal, account, 8)
    runner = None

    def on_update(update):
        if update.state == SENT and update.row == 4:
            runner.cancel()

    runner = runner_for(db, campaign_id, on_update=on_update, concurrency=1, max_batch=1)
    outcome = runner.run()
    assert outcome.state == CANCELLED
    assert states(journal, campaign_id)[:3] == [SENT, SENT, SENT]
    assert outcome.counts[SENDING] == 0 and outcome.counts[PENDING] >= 4
    assert journal.get_campaign(campaign_id).state == CANCELLED
    assert journal.get_campaign(campaign_id).resumable
    outcome = runner_for(db, campaign_id).run()
    assert outcome.state == FINISHED and outcome.counts[SENT] == 8
    assert sorted(sandbox.state.accepted_numbers()) == [phone(i) for i in range(8)]


def test_pause_holds_until_resume_and_nothing_is_sent_meanwhile(db, journal, account, sandbox):
    campaign_id = make_campaign(journal, account, 6)
    paused = threading.Event()
    release = threading.Event()
    counted_while_paused: list[int] = []
    runner = None

    def on_update(update):
        if update.state == SENT and update.row == 3:
            runner.pause()

    def on_state(state, reason):
        if state == "paused":
            paused.set()

    def resumer():
        paused.wait(10)
        counted_while_paused.append(len(sandbox.state.accepted))
        release.wait(0.2)
        counted_while_paused.append(len(sandbox.state.accepted))
        runner.resume()

    runner = runner_for(db, campaign_id, on_update=on_update, on_state=on_state, concurrency=1, max_batch=1)
    thread = threading.Thread(target=resumer)
    thread.start()
    outcome = runner.run()
    thread.join()
    assert outcome.state == FINISHED and outcome.counts[SENT] == 6
    assert counted_while_paused[0] == counted_while_paused[1] < 6
    assert len(sandbox.state.accepted) == 6


def test_pause_can_return_to_the_caller(db, journal, account):
    campaign_id = make_campaign(journal, account, 4)
    runner = runner_for(db, campaign_id, concurrency=1, max_batch=1)
    runner.pause()
    outcome = runner.run(return_when_paused=True)
    assert outcome.state == "paused" and outcome.counts[PENDING] == 4
    assert journal.get_campaign(campaign_id).state == "paused"


def test_a_failing_callback_still_records_what_was_in_flight(db, journal, account, sandbox):
    campaign_id = make_campaign(journal, account, 6)

    def on_update(update):
        if update.state == SENT:
            raise RuntimeError("the GUI fell over")

    with pytest.raises(RuntimeError, match="GUI"):
        runner_for(db, campaign_id, on_update=on_update, concurrency=2, max_batch=1).run()
    counts = journal.counts(campaign_id)
    assert counts[SENDING] == 0
    assert counts[SENT] == len(sandbox.state.accepted) >= 1
    assert journal.get_campaign(campaign_id).state == CANCELLED


def test_a_removed_account_stops_with_a_reason(db, journal, account, sandbox):
    campaign_id = make_campaign(journal, account, 2)
    db.remove_account(account.name)
    outcome = runner_for(db, campaign_id).run()
    assert outcome.state == STOPPED and outcome.stopped_by == STOPPED_BY_SETUP
    assert "no longer exists" in outcome.reason
    assert sandbox.state.accepted == []


def test_personalised_fields_travel_with_templated_messages(db, journal, account):
    campaign_id = make_campaign(journal, account, 2)
    seen = []

    class Recording(SandboxProvider):
        def send(self, batch):
            seen.extend(batch)
            return super().send(batch)

    class RecordingTemplated(Recording):
        reads_template_fields = True  # as iP.1, which sends one templated batch

    runner_for(db, campaign_id, provider=lambda: RecordingTemplated(account, "sandbox")).run()
    assert [(m.text, m.template, dict(m.fields)) for m in seen] == [
        ("Hej 0", "Hej {Navn}", {"Navn": "N0"}),
        ("Hej 1", "Hej {Navn}", {"Navn": "N1"}),
    ]
    # A provider that sends the final texts only gets just those: nobody's columns are read for it.
    seen.clear()
    other = make_campaign(journal, account, 2)
    runner_for(db, other, provider=lambda: Recording(account, "sandbox")).run()
    assert [(m.text, m.template, dict(m.fields)) for m in seen] == [("Hej 0", None, {}), ("Hej 1", None, {})]


def test_the_journal_is_the_only_state_a_second_run_needs(db, journal, account, sandbox):
    campaign_id = make_campaign(journal, account, 3)
    assert runner_for(db, campaign_id).run().counts[SENT] == 3
    again = runner_for(db, campaign_id).run()
    assert again.state == FINISHED and len(sandbox.state.accepted) == 3
    assert Journal(db).get_campaign(campaign_id).state == FINISHED


def test_a_row_put_back_to_pending_behind_the_run_is_sent_before_it_finishes(db, journal, account, sandbox):
    """The run closes the campaign only when the journal has nothing left to send, whatever the run believed."""
    campaign_id = make_campaign(journal, account, 4)
    first = journal.messages(campaign_id)[0].id
    calls = []

    class PutsOneBack(SandboxProvider):
        def send(self, batch):
            calls.append(len(batch))
            if len(calls) == 3:  # the first row has its answer by now: put it back to pending, by hand
                other = Database(db.path)
                try:
                    with other.transaction() as conn:
                        conn.execute("UPDATE message_status SET state = 'pending' WHERE id = ?", (first,))
                finally:
                    other.close()
            return super().send(batch)

    outcome = runner_for(
        db, campaign_id, provider=lambda: PutsOneBack(account, "sandbox"), max_batch=1, concurrency=1
    ).run()
    assert outcome.state == FINISHED and outcome.counts[SENT] == 4
    assert calls == [1, 1, 1, 1, 1]  # four rows, and the one put back once more
    assert phone(0) in [a.to for a in sandbox.state.accepted[-1:]]
