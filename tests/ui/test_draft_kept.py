"""Nothing typed is lost: the open file (path, sheet, phone column, country) and the message come back after a quit
or a crash; quitting with an unsent message says so."""

from __future__ import annotations

from PySide6.QtCore import Qt

from smsdesk.ui.draft import DRAFT_SETTING
from smsdesk.ui.main_window import MESSAGE, REVIEW
from tests.ui.conftest import write_customers
from tests.ui.test_flow import load_recipients, type_text


def test_file_column_country_and_message_come_back_after_a_crash(qtbot, db, prompts, make_window, tmp_path):
    first = make_window()
    first.start()
    path = write_customers(tmp_path / "kunder.csv", rows=4)
    page = load_recipients(qtbot, first, path)
    page.country_combo.fill()
    page.country_combo.setCurrentIndex(page.country_combo.findData("SE"))
    page.country_combo.activated.emit(page.country_combo.currentIndex())
    first.go(MESSAGE)
    type_text(qtbot, first.message_page.editor, "Hej {Navn}, vi ses i {By}")
    qtbot.waitUntil(lambda: "vi ses" in (db.get_setting(DRAFT_SETTING) or ""), timeout=5000)
    qtbot.waitUntil(
        lambda: '"phone_column": "Telefon"' in (db.get_setting(DRAFT_SETTING) or ""), timeout=5000
    )

    # the first window is never closed: what a crash or kill leaves
    second = make_window()
    second.start()
    qtbot.waitUntil(lambda: second.draft.plan is not None, timeout=15000)
    assert second.message_page.editor.toPlainText() == "Hej {Navn}, vi ses i {By}"
    assert str(second.draft.table.path) == str(path)
    assert second.draft.plan.phone_column == "Telefon"
    assert second.recipients_page.country_combo.currentData() == "SE"


def test_quitting_with_an_unsent_message_asks(qtbot, db, prompts, make_window):
    window = make_window()
    window.start()
    window.go(MESSAGE)
    type_text(qtbot, window.message_page.editor, "Husk modet")
    prompts.answers["Quit with an unsent message?"] = False
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.wait(20)
    qtbot.keyClick(window.message_page.editor, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert "Quit with an unsent message?" in prompts.titles()
    assert window.isVisible()
    assert "Husk modet" in (db.get_setting(DRAFT_SETTING) or "") or window.draft.message == "Husk modet"


def test_a_message_sent_before_a_crash_is_not_called_unsent_after_it(
    qtbot, db, prompts, make_window, tmp_path, slow_sandbox
):
    first = make_window()
    first.start()
    load_recipients(qtbot, first, write_customers(tmp_path / "kunder.csv", rows=3))
    first.go(MESSAGE)
    type_text(qtbot, first.message_page.editor, "Hej {Navn}")
    first.go(REVIEW)
    review = first.review_page
    qtbot.waitUntil(review.send_button.isEnabled, timeout=15000)
    qtbot.mouseClick(review.send_button, Qt.MouseButton.LeftButton)
    results = first.results_page
    qtbot.waitUntil(lambda: results.campaign_state == "finished" and not results.is_sending(), timeout=30000)
    qtbot.waitUntil(lambda: '"unsent": false' in (db.get_setting(DRAFT_SETTING) or ""), timeout=5000)

    # the first window is never closed: what a crash or kill leaves
    second = make_window()
    second.start()
    qtbot.waitUntil(lambda: second.draft.plan is not None, timeout=15000)
    assert second.message_page.editor.toPlainText() == "Hej {Navn}"
    second.close()
    assert "Quit with an unsent message?" not in prompts.titles()
    assert not second.isVisible()
