"""Review's "Send later": the plain sentence of who keeps the time, scheduling an app-side campaign, "Scheduled for"
in Results and cancelling it there; screenshots of Review for a provider-side and an app-side account."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, Qt

from smsdesk.providers.base import Account
from smsdesk.store import schedules, secrets
from smsdesk.store.journal import CANCELLED, SCHEDULED, Journal
from smsdesk.ui.main_window import MESSAGE, RESULTS, REVIEW
from smsdesk.ui.widgets import local_time
from tests.store.fixtures import fake_keyring
from tests.ui.test_flow import drop_file
from tests.ui.test_screenshots import save, write_shop_file


def open_review(qtbot, make_window, tmp_path, size=(1280, 800)):
    window = make_window()
    window.resize(*size)
    drop_file(window.recipients_page, write_shop_file(tmp_path / "kunder.csv", extra=5))
    qtbot.waitUntil(lambda: window.draft.plan is not None, timeout=15000)
    window.go(MESSAGE)
    window.message_page.set_text("Hej {Fornavn}! Fredagstilbud i {Butik}: 20% på alt.")
    window.go(REVIEW)
    review = window.review_page
    qtbot.waitUntil(lambda: review.totals is not None and review.send_button.isEnabled(), timeout=15000)
    return window, review


def settle(qtbot, review) -> None:
    """The layout follows the button's new text on the next turn of the event loop."""
    button = review.send_button
    qtbot.waitUntil(lambda: button.width() >= button.sizeHint().width(), timeout=5000)


def choose_later(qtbot, review, when: datetime) -> None:
    qtbot.mouseClick(review.later_check, Qt.MouseButton.LeftButton)
    review.later_edit.setDateTime(QDateTime(when))


def test_send_later_says_who_keeps_the_time_and_schedules_an_app_side_campaign(
    qtbot, db, prompts, make_window, tmp_path, sandbox, monkeypatch
):
    memory = fake_keyring.install(monkeypatch)
    db.save_account(
        Account(name="Butik CPSMS", provider="cpsms", username="demo", sender="Butik", base_url=sandbox.url)
    )
    memory.passwords[(secrets.SERVICE, "Butik CPSMS")] = "cpsms-demo-key"
    when = (datetime.now() + timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
    for size in ((1280, 800), (1024, 640)):
        window, review = open_review(qtbot, make_window, tmp_path, size)
        assert not review.later_edit.isEnabled() and review.schedule_note.isHidden()
        choose_later(qtbot, review, when)
        assert review.later_edit.isEnabled() and review.send_button.text() == "Schedule for 17 recipients…"
        assert review.schedule_note.text().startswith("Kept by SMSDesk")
        assert "run-due" in review.schedule_note.text()
        settle(qtbot, review)
        save(window, f"05b-review-send-later-app-side-{size[0]}")

        review.account_combo.setCurrentIndex(review.account_combo.findData("Butik CPSMS"))
        review._account_chosen()
        qtbot.waitUntil(lambda r=review: r.totals is not None, timeout=15000)
        assert review.schedule_note.text().startswith("Scheduled by CPSMS.dk")
        assert "10 minutes before" in review.schedule_note.text()
        assert review.send_button.text() == "Schedule for 17 recipients…"
        settle(qtbot, review)
        save(window, f"05c-review-send-later-provider-side-{size[0]}")
        window.close()

    window, review = open_review(qtbot, make_window, tmp_path)
    choose_later(qtbot, review, when)
    qtbot.mouseClick(review.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == RESULTS, timeout=15000)
    (campaign,) = Journal(db).list_campaigns()
    assert campaign.state == SCHEDULED and sandbox.state.accepted == []
    assert schedules.schedule_of(db, campaign.id).scheduled_at == when.astimezone()
    results = window.results_page
    qtbot.waitUntil(
        lambda: results.campaign is not None and results.campaign.id == campaign.id, timeout=15000
    )
    assert f"Scheduled for {local_time(when)}" in results.subtitle.text()
    assert results.cancel_schedule_button.isVisible() and not results.resume_button.isVisible()
    save(window, "08b-results-scheduled")

    qtbot.mouseClick(results.cancel_schedule_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: Journal(db).get_campaign(campaign.id).state == CANCELLED, timeout=15000)
    assert sandbox.state.accepted == []
    asked = dict(prompts.asked)
    assert asked["Cancel the scheduled send?"] == (
        f"The messages of {campaign.name}, scheduled for {local_time(when)}, will not be sent."
    )
    qtbot.waitUntil(lambda: "Scheduled send" in prompts.titles(), timeout=15000)
    assert (
        dict(prompts.asked)["Scheduled send"]
        == f"Cancelled: 17 messages of {campaign.name} will not be sent."
    )


def test_resuming_stale_content_shows_the_text_and_asks_first(qtbot, db, prompts, make_window, sandbox):
    from tests.ui.test_campaigns import make_campaign

    campaign_id = make_campaign(db, count=3)
    two_days_ago = (datetime.now().astimezone() - timedelta(days=2)).isoformat(timespec="seconds")
    with db.transaction() as conn:
        conn.execute(
            "UPDATE campaigns SET template = 'Kun i dag: {Navn}', created_at = ? WHERE id = ?",
            (two_days_ago, campaign_id),
        )
    prompts.resume_answer = False
    prompts.answers["Still up to date?"] = False
    window = make_window()
    window.open_campaign(campaign_id, resume=True)
    qtbot.waitUntil(lambda: "Still up to date?" in prompts.titles(), timeout=15000)
    question = dict(prompts.asked)["Still up to date?"]
    assert 'says "i dag"' in question and "Kun i dag: {Navn}" in question
    assert not window.results_page.is_sending() and sandbox.state.accepted == []

    prompts.answers["Still up to date?"] = True
    window.results_page.start_sending()
    qtbot.waitUntil(lambda: Journal(db).get_campaign(campaign_id).state == "finished", timeout=30000)
    qtbot.waitUntil(lambda: not window.results_page.is_sending(), timeout=30000)


def test_history_cancels_a_campaign_waiting_for_its_time(qtbot, db, prompts, make_window, sandbox, language):
    """In Danish: History asks the question Results asks (name and time) and answers in Danish, not with the
    engine's English sentence."""
    from smsdesk.ui.main_window import HISTORY
    from tests.ui.test_campaigns import make_campaign

    language("da")
    waiting, ordinary = make_campaign(db, count=3, name="Later"), make_campaign(db, count=2, name="Now")
    at = (datetime.now() + timedelta(days=1)).replace(second=0, microsecond=0).astimezone()
    schedules.set_schedule(db, waiting, scheduled_at=at, scheduled_by=schedules.BY_APP)
    Journal(db).set_state(waiting, SCHEDULED)
    window = make_window()
    window.go(HISTORY)
    history = window.history_page
    qtbot.waitUntil(lambda: not history.loading and history.model.rowCount() == 2, timeout=10000)
    rows = {c.id: i for i, c in enumerate(history.campaigns)}
    history.table.selectRow(rows[ordinary])
    assert not history.cancel_schedule_button.isEnabled()
    history.table.selectRow(rows[waiting])
    assert history.cancel_schedule_button.isEnabled() and not history.resume_button.isEnabled()
    qtbot.mouseClick(history.cancel_schedule_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: Journal(db).get_campaign(waiting).state == CANCELLED, timeout=15000)
    assert Journal(db).get_campaign(ordinary).state == "ready"
    when = local_time(at)
    assert when.startswith(f"{at:%d.%m.%Y}")  # the Danish way of writing the day
    asked = dict(prompts.asked)
    assert asked["Annullér den planlagte udsendelse?"] == (
        f"Beskederne i Later, planlagt til {when}, bliver ikke sendt."
    )
    qtbot.waitUntil(lambda: "Planlagt udsendelse" in prompts.titles(), timeout=15000)
    assert dict(prompts.asked)["Planlagt udsendelse"] == "Annulleret: 3 beskeder i Later bliver ikke sendt."


def test_a_provider_side_schedule_is_handed_over_and_shown_as_scheduled(
    qtbot, db, prompts, make_window, tmp_path, sandbox, monkeypatch
):
    memory = fake_keyring.install(monkeypatch)
    db.save_account(
        Account(name="Butik CPSMS", provider="cpsms", username="demo", sender="Butik", base_url=sandbox.url)
    )
    memory.passwords[(secrets.SERVICE, "Butik CPSMS")] = "cpsms-demo-key"
    when = (
        (datetime.now() + timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0).astimezone()
    )
    window, review = open_review(qtbot, make_window, tmp_path)
    window.results_page.worker_mode = "thread"  # the test's keyring lives in this process
    review.account_combo.setCurrentIndex(review.account_combo.findData("Butik CPSMS"))
    review._account_chosen()
    qtbot.waitUntil(lambda: review.totals is not None and review.send_button.isEnabled(), timeout=15000)
    choose_later(qtbot, review, when)
    qtbot.mouseClick(review.send_button, Qt.MouseButton.LeftButton)
    results = window.results_page
    qtbot.waitUntil(
        lambda: results.campaign is not None and results.campaign_state == "finished", timeout=30000
    )
    assert {a.scheduled_as for a in sandbox.state.accepted} == {str(int(when.timestamp()))}
    assert len(sandbox.state.accepted) == 17
    label = f"Scheduled for {local_time(when)}"
    assert label in results.subtitle.text()
    statuses = {results.model.index(r, 3).data() for r in range(results.model.rowCount())}
    assert statuses == {"Scheduled", "Skipped"}
    assert results.model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole) == label
    assert results.cancel_schedule_button.isVisible()
    save(window, "08c-results-scheduled-at-provider")


def test_a_refused_cancel_gives_the_providers_rule_in_danish(language):
    from smsdesk.engine.schedule import NOT_CANCELLABLE, REFUSED, CancelReport
    from smsdesk.providers.cpsms import CpsmsProvider
    from smsdesk.ui.schedule_cancel import report_text

    language("da")
    rule = CpsmsProvider.limits.cancel_rule
    refused = CancelReport(REFUSED, f"Not cancelled: {rule}.", detail=rule)
    assert report_text(refused, "Fredag") == (
        "Udbyderen annullerede ikke Fredag.\n\n"
        "CPSMS annullerer kun en planlagt SMS mere end 10 minutter før dens tidspunkt"
    )
    late = CancelReport(NOT_CANCELLABLE, "Campaign 2026-12-04-001 is not scheduled.")
    assert report_text(late, "Fredag") == (
        "Fredag kunne ikke annulleres.\n\nUdsendelse 2026-12-04-001 er ikke planlagt"
    )
