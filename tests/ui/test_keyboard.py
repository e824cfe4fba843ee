"""Keyboard: Tab leaves tables in one press, focus is visible, Ctrl+2 lands in the editor, chips work by Tab and
Enter, and the look-alike fix hands focus back to the editor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from smsdesk.ui.main_window import MESSAGE
from tests.ui.conftest import write_customers
from tests.ui.test_flow import load_recipients, type_text


def active(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.wait(20)


def test_tab_leaves_the_what_was_read_table_in_one_press(qtbot, window, tmp_path):
    page = load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv", rows=5))
    active(qtbot, window)
    page.preview_view.setFocus()
    page.preview_view.setCurrentIndex(page.preview_model.index(0, 0))
    qtbot.keyClick(page.preview_view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not page.preview_view


def test_a_focused_button_looks_different(qtbot, window):
    button = window.recipients_page.drop_area.findChild(type(window.recipients_page.cancel_button))
    active(qtbot, window)
    window.nav.setFocus()
    before = button.grab().toImage()
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    after = button.grab().toImage()
    assert before != after


def test_ctrl_2_puts_the_cursor_in_the_editor(qtbot, window):
    active(qtbot, window)
    qtbot.keyClick(window.nav, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == MESSAGE
    assert QApplication.focusWidget() is window.message_page.editor


def test_next_on_recipients_puts_the_cursor_in_the_editor(qtbot, window, tmp_path):
    """Clicked or pressed, "Next: write the message" lands where the user types next, not on the saved-messages
    list."""
    page = load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv", rows=5))
    active(qtbot, window)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert window.current_page() == MESSAGE
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.message_page.editor, timeout=2000)
    qtbot.keyClicks(QApplication.focusWidget(), "Hej")
    assert window.message_page.text() == "Hej"


def test_chips_by_tab_and_enter_and_focus_back_after_lookalikes(qtbot, window, tmp_path):
    load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv", rows=5))
    window.go(MESSAGE)
    page = window.message_page
    active(qtbot, window)
    page.templates_combo.setFocus(Qt.FocusReason.TabFocusReason)
    first_chip = page.chip_buttons()[0]
    for _press in range(3):  # past Save… (and Delete when a saved message is chosen)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is first_chip:
            break
    assert QApplication.focusWidget() is first_chip
    qtbot.keyClick(first_chip, Qt.Key.Key_Return)
    assert page.editor.toPlainText() == "{Navn}"
    assert QApplication.focusWidget() is page.editor

    type_text(qtbot, page.editor, " – hej")  # an en dash: Unicode
    qtbot.waitUntil(page.lookalike_button.isVisible, timeout=5000)
    qtbot.mouseClick(page.lookalike_button, Qt.MouseButton.LeftButton)
    assert "–" not in page.editor.toPlainText()
    assert QApplication.focusWidget() is page.editor
