"""The start-up offer after a crash: it names unknown messages, resumes the campaign the user picks, leaves
campaigns cancelled on purpose alone, and waits for another live SMSDesk instead of failing again and again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from smsdesk.store.journal import CampaignLock, Journal
from smsdesk.ui.main_window import HISTORY, RESULTS
from tests.ui.test_campaigns import crash_mid_send, make_campaign


def test_offer_names_unknown_messages_and_resumes_the_one_picked(qtbot, db, prompts, make_window):
    from smsdesk.sandbox.server import shared_sandbox

    shared_sandbox().state.reset()
    first = make_campaign(db, count=6, name="Påskefrokost")
    second = make_campaign(db, count=6, name="Sommerudsalg")
    crash_mid_send(db, first, sent=1, in_flight=2)
    crash_mid_send(db, second, sent=1, in_flight=1)
    lines = []

    def pick(parent, descriptions):
        lines.extend(descriptions)
        return next(index for index, line in enumerate(descriptions) if line.startswith("Sommerudsalg"))

    prompts.resume_interrupted = pick
    window = make_window()
    window.start()
    qtbot.waitUntil(lambda: window.results_page.campaign_id is not None, timeout=10000)
    assert len(lines) == 2
    assert all("unknown" in line for line in lines)
    assert window.results_page.campaign_id == second
    results = window.results_page
    qtbot.waitUntil(lambda: results.campaign_state == "finished" and not results.is_sending(), timeout=30000)
    assert Journal(db).counts(first)["pending"] == 3  # the other one was not touched
    shared_sandbox().state.reset()


def test_a_campaign_cancelled_on_purpose_is_not_offered(qtbot, db, prompts, make_window):
    campaign_id = make_campaign(db, count=4)
    Journal(db).set_state(campaign_id, "cancelled")
    window = make_window()
    window.offer_resume()
    qtbot.waitUntil(lambda: not window.jobs.running(), timeout=10000)
    qtbot.wait(50)  # the job's answer is delivered on the next event-loop turn
    assert "resume" not in prompts.titles()
    assert window.results_page.campaign_id is None


def test_the_resume_dialog_picks_by_keyboard(qtbot):
    from smsdesk.ui.prompts import ResumeDialog

    dialog = ResumeDialog(None, ["Påskefrokost: 1 of 6 sent", "Sommerudsalg: 1 of 6 sent"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert dialog.chosen() == 1


def test_a_campaign_another_smsdesk_is_sending_waits_and_then_resumes(qtbot, db, prompts, make_window):
    from smsdesk.sandbox.server import shared_sandbox

    shared_sandbox().state.reset()
    campaign_id = make_campaign(db, count=3)
    other = CampaignLock(Journal(db).lock_path(campaign_id))
    assert other.acquire()
    window = make_window()
    window.open_campaign(campaign_id, resume=True)
    results = window.results_page
    title = "Another SMSDesk is sending this campaign"
    qtbot.waitUntil(lambda: title in prompts.titles(), timeout=10000)
    assert not results.is_sending()
    assert "Waiting for the other SMSDesk" in results.state_label.text()
    assert Journal(db).counts(campaign_id)["pending"] == 3
    other.release()
    qtbot.waitUntil(lambda: results.campaign_state == "finished" and not results.is_sending(), timeout=30000)
    assert window.current_page() == RESULTS
    assert len(shared_sandbox().state.accepted_numbers()) == 3
    shared_sandbox().state.reset()


def test_the_wait_offer_names_the_other_smsdesk_by_process_id_and_time(qtbot, db, prompts, make_window):
    import os

    from smsdesk.ui.widgets import local_time

    campaign_id = make_campaign(db, count=2)
    other = CampaignLock(Journal(db).lock_path(campaign_id))
    assert other.acquire()
    try:
        prompts.answers["Another SMSDesk is sending this campaign"] = False
        prompts.resume_answer = False  # not at start-up: from History's Resume button
        window = make_window()
        window.go(HISTORY)
        history = window.history_page
        qtbot.waitUntil(lambda: not history.loading and history.model.rowCount() == 1, timeout=10000)
        rect = history.table.visualRect(history.model.index(0, 1))
        qtbot.mouseClick(history.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseClick(history.resume_button, Qt.MouseButton.LeftButton)
        title = "Another SMSDesk is sending this campaign"
        qtbot.waitUntil(lambda: title in prompts.titles(), timeout=10000)
        text = next(text for asked, text in prompts.asked if asked == title)
        assert f"process {os.getpid()}" in text
        assert f"since {local_time(other.since)}" in text
        assert Journal(db).counts(campaign_id)["pending"] == 2
    finally:
        other.release()
