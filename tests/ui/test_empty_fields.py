"""Templates that cannot go wrong silently: a recipient with no value for a placeholder is shown in the preview
and the review, and the user chooses to skip them or to send a fallback text instead."""

from __future__ import annotations

from PySide6.QtCore import Qt

from smsdesk.ui.main_window import MESSAGE, REVIEW
from tests.ui.test_flow import load_recipients, type_text


def write_file(path):
    path.write_text(
        "Navn;Telefon;By\nIda;20123456;Aarhus\nOle;20123457;\nEva;20123458;Odense\n", encoding="utf-8"
    )
    return path


def test_empty_placeholder_is_shown_and_skipped_or_filled(qtbot, window, tmp_path):
    load_recipients(qtbot, window, write_file(tmp_path / "kunder.csv"))
    window.go(MESSAGE)
    page = window.message_page
    type_text(qtbot, page.editor, "Hej {Navn} i {By}")
    qtbot.mouseClick(page.next_recipient_button, Qt.MouseButton.LeftButton)
    assert "no value for {By}" in page.preview_who.text()
    assert "previewed recipient (2 of 3)" in page.counters_caption.text()

    window.go(REVIEW)
    review = window.review_page
    qtbot.waitUntil(lambda: review.totals is not None, timeout=15000)
    assert review.empty_box.isVisible()
    assert "1 recipient" in review.empty_label.text() and "{By}" in review.empty_label.text()
    assert review.totals.recipients == 2  # skipped by default: nobody gets "Hej Ole i "

    review.empty_choice.setFocus()
    qtbot.keyClick(review.empty_choice, Qt.Key.Key_Down)  # "Send with this text instead:"
    assert review.fallback_edit.isVisible()
    qtbot.keyClicks(review.fallback_edit, "butikken")
    qtbot.keyClick(review.fallback_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: review.totals is not None, timeout=15000)
    assert review.totals.recipients == 3
    texts = [m.text for m in review.messages if m.sendable]
    assert "Hej Ole i butikken" in texts
