"""Quiet hours and scheduled times in the send loop, on a fake clock, over real HTTP against the sandbox."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from smsdesk.core.costing import PlannedMessage
from smsdesk.core.schedule import QuietHours
from smsdesk.core.states import CampaignState
from smsdesk.engine.results import MessageUpdate
from smsdesk.engine.schedule import SendGate
from smsdesk.engine.sender import CampaignRunner
from smsdesk.store.journal import FINISHED, SENDING, SENT
from tests.engine.conftest import FAST_RETRY, make_campaign, phone

CPH = ZoneInfo("Europe/Copenhagen")


class FakeClock:
    """Moves `step` on every reading (time passes while sending) and jumps when the loop waits."""

    def __init__(self, start: datetime, step: timedelta = timedelta(0)):
        self.current = start
        self.step = step

    def now(self) -> datetime:
        self.current += self.step
        return self.current

    def sleep(self, seconds: float) -> float:
        self.current += timedelta(seconds=seconds)
        return 0.0


def run(db, campaign_id, gate, **kwargs):
    claimed: dict[str, datetime] = {}
    states: list[tuple[str, str | None]] = []

    def on_update(update: MessageUpdate) -> None:
        if update.state == SENDING:
            claimed[update.phone] = gate.clock.__self__.current

    outcome = CampaignRunner(
        db.path,
        campaign_id,
        retry=FAST_RETRY,
        gate=gate,
        on_update=on_update,
        on_state=lambda s, r: states.append((s, r)),
        **kwargs,
    ).run()
    return outcome, claimed, states


def test_a_run_reaching_quiet_hours_stops_at_the_boundary_and_resumes_at_their_end(
    db, journal, account, sandbox
):
    campaign_id = make_campaign(journal, account, 40)
    clock = FakeClock(datetime(2026, 12, 3, 19, 50, tzinfo=CPH), step=timedelta(seconds=20))
    gate = SendGate(quiet=QuietHours(), user_zone=CPH, clock=clock.now, sleep=clock.sleep)

    outcome, claimed, states = run(db, campaign_id, gate, max_batch=1, concurrency=1)

    assert outcome.state == FINISHED and outcome.counts[SENT] == 40
    moments = sorted(claimed.values())
    assert len(moments) == 40
    assert not any(QuietHours().contains(m.astimezone(CPH).time()) for m in moments)
    before = [m for m in moments if m.day == 3]
    after = [m for m in moments if m.day == 4]
    assert before and after and len(before) + len(after) == 40
    assert max(before).astimezone(CPH).time() < datetime(2026, 12, 3, 20, 0).time()
    assert min(after).astimezone(CPH).hour == 8
    assert (CampaignState.WAITING, "waiting for quiet hours to end at 08:00") in states
    assert len(sandbox.state.accepted_numbers()) == 40


def test_a_number_in_another_zone_is_held_by_that_zone(db, journal, account, sandbox):
    uganda = ["+256772123456", "+256772123457"]
    danes = [phone(i) for i in range(3)]
    messages = [
        PlannedMessage(row=i + 2, phone=number, fields={}, text="Hej", encoding="GSM-7", segments=1)
        for i, number in enumerate(uganda + danes)
    ]
    campaign_id = journal.create_campaign(
        name="Two zones",
        account=account,
        source_file=None,
        sheet=None,
        template="Hej",
        country="DK",
        phone_column=None,
        columns=[],
        messages=messages,
    )
    # 18:30 in Copenhagen is 20:30 in Kampala: the Danes now, the Ugandans at 08:00 Kampala (06:00 Copenhagen).
    clock = FakeClock(datetime(2026, 12, 3, 18, 30, tzinfo=CPH))
    gate = SendGate(quiet=QuietHours(), user_zone=CPH, clock=clock.now, sleep=clock.sleep)

    outcome, claimed, states = run(db, campaign_id, gate)

    assert outcome.state == FINISHED and outcome.counts[SENT] == 5
    for number in danes:
        assert claimed[number] == datetime(2026, 12, 3, 18, 30, tzinfo=CPH)
    for number in uganda:
        assert claimed[number] == datetime(2026, 12, 4, 6, 0, tzinfo=CPH)
    assert (CampaignState.WAITING, "waiting for quiet hours to end at 08:00 Africa/Kampala time") in states


def test_nothing_leaves_before_the_scheduled_time(db, journal, account, sandbox):
    campaign_id = make_campaign(journal, account, 3)
    at = datetime(2026, 12, 4, 9, 0, tzinfo=CPH)
    clock = FakeClock(datetime(2026, 12, 4, 7, 0, tzinfo=CPH))
    gate = SendGate(quiet=QuietHours(), not_before=at, user_zone=CPH, clock=clock.now, sleep=clock.sleep)

    outcome, claimed, states = run(db, campaign_id, gate)

    assert outcome.state == FINISHED and set(claimed.values()) == {at}
    assert (CampaignState.WAITING, "waiting until the scheduled time 2026-12-04T09:00+01:00") in states
