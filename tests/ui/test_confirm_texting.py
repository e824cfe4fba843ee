"""What can text people asks first: Retry failed says how many and that they are texted again; the duplicate-send
warning counts what the earlier campaign really sent."""

from __future__ import annotations

from PySide6.QtCore import Qt

from smsdesk.store.journal import Journal
from smsdesk.ui.main_window import MESSAGE, RESULTS, REVIEW
from tests.ui.conftest import write_customers
from tests.ui.test_flow import load_recipients, type_text

ROWS = 3
NUMBERS = [f"+45{20 + i // 100}{10 + i % 90:02d}{30 + i % 60:02d}{i % 100:02d}" for i in range(ROWS)]


def send_all(qtbot, window, tmp_path):
    load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv", rows=ROWS))
    window.go(MESSAGE)
    type_text(qtbot, window.message_page.editor, "Hej {Navn}")
    window.go(REVIEW)
    review = window.review_page
    qtbot.waitUntil(review.send_button.isEnabled, timeout=15000)
    qtbot.mouseClick(review.send_button, Qt.MouseButton.LeftButton)
    results = window.results_page
    qtbot.waitUntil(
        lambda: window.current_page() == RESULTS and results.campaign_id is not None, timeout=15000
    )
    qtbot.waitUntil(lambda: results.campaign_state == "finished" and not results.is_sending(), timeout=30000)
    return review, results


def test_retry_failed_asks_first_with_the_count(qtbot, window, prompts, tmp_path, slow_sandbox):
    slow_sandbox.state.faults.reject_numbers = set(NUMBERS[:2])
    _review, results = send_all(qtbot, window, tmp_path)
    assert results.model.counts.get("failed") == 2
    prompts.answers["Retry failed messages?"] = False
    qtbot.mouseClick(results.retry_failed_button, Qt.MouseButton.LeftButton)
    title, text = prompts.asked[-1]
    assert title == "Retry failed messages?"
    assert "2 message" in text and "again" in text
    assert Journal(window.db).counts(results.campaign_id)["failed"] == 2  # nothing was put back to send

    slow_sandbox.state.faults.reject_numbers = set()
    prompts.answers["Retry failed messages?"] = True
    qtbot.mouseClick(results.retry_failed_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: results.model.counts.get("sent") == ROWS and not results.is_sending(), timeout=30000
    )


def test_the_same_again_warning_does_not_say_already_went_when_nothing_was_sent(
    qtbot, window, prompts, tmp_path, slow_sandbox
):
    slow_sandbox.state.faults.reject_numbers = set(NUMBERS)
    review, _results = send_all(qtbot, window, tmp_path)
    prompts.answers["Send the same again?"] = False
    window.go(REVIEW)
    qtbot.waitUntil(review.send_button.isEnabled, timeout=15000)
    qtbot.mouseClick(review.send_button, Qt.MouseButton.LeftButton)
    title, text = prompts.asked[-1]
    assert title == "Send the same again?"
    assert "already went" not in text and "none of it has been sent" in text
