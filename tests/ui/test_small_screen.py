"""Small screens: the first window fits a 1366x768 laptop; at 1024x640 every page fits and no caption is cut."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from smsdesk.ui.main_window import HISTORY, MESSAGE, RECIPIENTS, RESULTS, REVIEW, SETTINGS
from tests.ui.layout_check import cut_captions
from tests.ui.test_flow import load_recipients
from tests.ui.test_screenshots import write_shop_file


def test_the_first_window_fits_a_1366x768_screen(window):
    # 768 less a 40 px taskbar and a 30 px title bar
    assert window.width() <= 1366 and window.height() <= 768 - 40 - 30
    assert window.statusBar().isVisible()


def test_every_page_fits_1024x640_without_cut_captions(qtbot, db, window, prompts, tmp_path, slow_sandbox):
    db.save_account(replace(db.get_account("Sandbox"), price_per_segment=0.29))
    load_recipients(qtbot, window, write_shop_file(tmp_path / "kunder.csv"))
    window.message_page.set_text("Hej {Fornavn}! Din cykel er klar i {Butik}.")
    window.go(REVIEW)
    review = window.review_page
    qtbot.waitUntil(review.send_button.isEnabled, timeout=15000)
    qtbot.mouseClick(review.send_button, Qt.MouseButton.LeftButton)
    results = window.results_page
    qtbot.waitUntil(lambda: results.campaign_state == "finished" and not results.is_sending(), timeout=30000)
    for index in (RECIPIENTS, MESSAGE, REVIEW, RESULTS, HISTORY, SETTINGS):
        window.go(index)
        window.resize(1024, 640)
        qtbot.wait(20)  # one layout pass
        assert (window.width(), window.height()) == (1024, 640), f"page {index} widens the window"
        assert cut_captions(window) == [], f"page {index}"
