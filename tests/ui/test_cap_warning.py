"""Compose and review warn when a recipient's rendered message is longer than the chosen account's provider takes,
naming the rows."""

from __future__ import annotations

from smsdesk.ui.main_window import MESSAGE, REVIEW
from tests.ui.conftest import write_customers
from tests.ui.test_flow import load_recipients


def test_messages_over_the_providers_cap_are_named_by_row(qtbot, window, tmp_path):
    load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv"))
    window.go(MESSAGE)
    long = "x" * 1531  # the sandbox takes 1,530 characters, as CPSMS does
    window.message_page.set_text(long)
    window.go(REVIEW)
    review = window.review_page
    qtbot.waitUntil(lambda: "longer than 1530" in review.warning_label.text(), timeout=15000)
    assert "Rows 2, 3, 4, 5, 6 and 25 more" in review.warning_label.text()
    assert review.warning_label.isVisibleTo(review)

    window.go(MESSAGE)
    page = window.message_page
    page.set_text(long + "y")
    qtbot.waitUntil(lambda: "longer than 1530" in page.totals_label.text(), timeout=15000)
    assert "Rows 2, 3, 4, 5, 6 and 25 more" in page.totals_label.text()

    page.set_text("Hej {Navn}")
    qtbot.waitUntil(lambda: page.totals_label.text().startswith("For all"), timeout=15000)
    assert "longer than" not in page.totals_label.text()


def test_the_compose_cap_warning_follows_the_account_picked_on_review(qtbot, db, window, tmp_path, sandbox):
    """Picked on Review, an account whose provider documents no cap takes the warning away on Message too."""
    from PySide6.QtCore import Qt

    from smsdesk.providers.base import Account

    db.save_account(Account(name="Uden loft", provider="customersms", username="demo", base_url=sandbox.url))
    load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv"))
    window.go(MESSAGE)
    page = window.message_page
    page.set_text("x" * 1531)
    qtbot.waitUntil(lambda: "longer than 1530" in page.totals_label.text(), timeout=15000)

    window.go(REVIEW)
    review = window.review_page
    review.reload_accounts()
    review.account_combo.setFocus()
    qtbot.waitUntil(review.account_combo.hasFocus, timeout=5000)
    while review.account_combo.currentData() != "Uden loft":
        qtbot.keyClick(review.account_combo, Qt.Key.Key_Down)
    window.go(MESSAGE)
    qtbot.waitUntil(lambda: page.totals_label.text().startswith("For all"), timeout=15000)
    assert "longer than" not in page.totals_label.text()
