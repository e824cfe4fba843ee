"""Numbers typed the user's way: `0,25` and `0.25` are both a quarter, whatever the locale; prices and costs carry
their currency."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt

from smsdesk.ui.main_window import SETTINGS


@pytest.fixture(params=["en_US", "da_DK"])
def user_locale(request):
    previous = QLocale()
    QLocale.setDefault(QLocale(request.param))
    yield request.param
    QLocale.setDefault(previous)


@pytest.mark.parametrize("typed", ["0,25", "0.25"])
def test_price_typed_with_comma_or_point_is_a_quarter(qtbot, db, window, user_locale, typed):
    window.go(SETTINGS)
    page = window.settings_page
    spin = page.price_spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin.lineEdit(), typed)
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Tab)
    qtbot.mouseClick(page.save_account_button, Qt.MouseButton.LeftButton)
    assert db.get_account(page.account_combo.currentData()).price_per_segment == pytest.approx(0.25)


def test_price_shows_its_currency(window):
    window.go(SETTINGS)
    assert window.settings_page.price_spin.suffix().strip() == "DKK"


def test_estimated_cost_on_review_has_a_currency(qtbot, db, window, tmp_path):
    from dataclasses import replace

    from smsdesk.ui.main_window import REVIEW
    from tests.ui.conftest import write_customers
    from tests.ui.test_flow import load_recipients

    db.save_account(replace(db.get_account("Sandbox"), price_per_segment=0.25))
    load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv", rows=4))
    window.message_page.set_text("Hej {Navn}")
    window.go(REVIEW)
    review = window.review_page
    qtbot.waitUntil(lambda: review.totals is not None, timeout=15000)
    assert review.total_labels["cost"].text().endswith("DKK")
    assert "DKK" in review.total_captions["cost"].text()


def test_read_decimal():
    from smsdesk.ui.numbers import read_decimal

    assert read_decimal("0,25") == read_decimal("0.25") == 0.25
    assert read_decimal("1.234,50") == read_decimal("1,234.50") == 1234.5
    assert read_decimal("abc") is None
