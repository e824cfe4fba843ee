"""The GUI in the user's language: which language the system locale picks, Settings > Language, Qt's own texts,
numbers, money and dates the locale's way, the default country, and reasons from below ui/ translated."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from smsdesk.ui import i18n

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("system", "language"),
    [("da_DK", "da"), ("sv_SE", "sv"), ("sv_FI", "sv"), ("en_GB", "en"), ("de_DE", "en"), ("C", "en")],
)
def test_the_system_locale_decides_with_english_as_the_fallback(system, language):
    assert i18n.language_for(None, QLocale(system)) == language
    assert i18n.language_for("system", QLocale(system)) == language


def test_a_chosen_language_beats_the_system_and_formats_the_local_way():
    assert i18n.language_for("sv", QLocale("da_DK")) == "sv"
    assert i18n.locale_for("sv", QLocale("da_DK")).name() == "sv_SE"
    assert i18n.locale_for("da", QLocale("da_DK")).name() == "da_DK"
    assert i18n.locale_for("en", QLocale("C")).name() == "en_US"
    assert i18n.locale_for(None, QLocale("de_DE")).name() == "de_DE"  # English words, German numbers


def test_a_danish_computer_gets_our_danish_texts_and_qts_own(language):
    assert language(None, system="da_DK") == "da"
    files = [Path(path).name for path in i18n.loaded_files()]
    assert files == ["smsdesk_da.qm", "qtbase_da.qm"]
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("MainWindow", "&File") == "&Filer"
    # a standard button of Qt's own, translated by qtbase_da.qm
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuller"


def test_the_real_system_locale_is_read_from_the_environment():
    """QLocale.system() (not a test double) makes a Danish environment Danish."""
    env = dict(os.environ, LC_ALL="da_DK.UTF-8", LANG="da_DK.UTF-8", QT_QPA_PLATFORM="offscreen")
    code = "from smsdesk.ui import i18n; print(i18n.language_for(None), i18n.locale_for(None).name())"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )
    assert result.stdout.split() == ["da", "da_DK"], result.stderr


@pytest.mark.parametrize(
    ("system", "amount", "currency", "expected"),
    [
        ("da_DK", 1234.5, "DKK", "1.234,50 kr."),
        ("da_DK", 1234.5, "SEK", "1.234,50 SEK"),
        ("da_DK", 1234.5, "UGX", "1.234,50 UGX"),
        ("da_DK", 9843.4, "points", "9.843,40 point"),
        ("sv_SE", 1234.5, "SEK", "1\u00a0234,50\u00a0kr"),
        ("en_US", 10000, "credits", "10,000 credits"),
        ("en_US", 3, None, "3.00"),
        ("en_US", 15, "DKK", "15.00 DKK"),
    ],
)
def test_money_is_written_the_locales_way_in_the_accounts_currency(
    language, system, amount, currency, expected
):
    from smsdesk.ui.widgets import money

    language(None, system=system)
    assert money(amount, currency).replace(" ", "\u00a0") == expected.replace(" ", "\u00a0")


def test_numbers_and_dates_follow_the_locale(language):
    from smsdesk.ui.widgets import local_time, thousands

    language(None, system="da_DK")
    assert thousands(10000) == "10.000"
    assert thousands(1234.5) == "1.234,50"
    shown = local_time("2026-03-05T14:07:00+00:00")
    assert "05.03.2026" in shown or "5.3.2026" in shown, shown
    language("en")
    assert thousands(10000) == "10,000"


def review_of(qtbot, make_window, tmp_path, csv_text: str):
    """A new window's Review page for these recipients and "Hej {Navn}", once its totals are in."""
    from tests.ui.test_flow import drop_file

    window = make_window()
    path = tmp_path / "kunder.csv"
    path.write_text(csv_text, encoding="utf-8")
    drop_file(window.recipients_page, path)
    qtbot.waitUntil(lambda: window.draft.plan is not None, timeout=15000)
    window.message_page.set_text("Hej {Navn}")
    window.go(2)
    review = window.review_page
    qtbot.waitUntil(lambda: review.totals is not None, timeout=15000)
    return review


def test_the_review_page_shows_balance_and_cost_in_danish_on_a_danish_computer(
    qtbot, db, make_window, language, tmp_path
):

    language(None, system="da_DK")
    db.save_account(replace(db.get_account("Sandbox"), price_per_segment=1234.5))
    review = review_of(qtbot, make_window, tmp_path, "Navn;Mobil\nMette;20 45 67 89\n")
    # the sandbox counts points: 10.000 of them; the cost is in the price's currency (Denmark's)
    assert review.total_labels["balance"].text() == "10.000 point"
    assert review.total_labels["cost"].text().replace("\u00a0", " ") == "1.234,50 kr."
    caption = review.total_captions["cost"].text().replace("\u00a0", " ")
    assert caption == "anslået pris (1.234,50 kr. pr. SMS)"
    assert review.send_button.text() == "Send til 1 modtager…"


def test_the_default_country_follows_the_language_until_one_is_picked(db, make_window, language):
    language("sv")
    window = make_window()
    assert db.default_country == "SE"
    assert window.recipients_page.country_combo.currentData() == "SE"
    window.shutdown()

    settings = window.settings_page
    settings.country_combo.fill()
    settings.country_combo.setCurrentIndex(settings.country_combo.findData("NO"))
    settings._country_chosen(0)
    language("da")
    make_window()
    assert db.default_country == "NO"  # picked once, kept whatever the language


def test_settings_offers_the_languages_and_says_when_the_choice_applies(qtbot, db, make_window, language):
    from PySide6.QtCore import Qt

    window = make_window()
    window.go(5)
    combo = window.settings_page.language_combo
    assert [combo.itemData(i) for i in range(combo.count())] == ["system", "da", "sv", "en"]
    assert [combo.itemText(i) for i in range(1, combo.count())] == ["Dansk", "Svenska", "English"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # System -> Dansk
    assert db.get_setting(i18n.LANGUAGE_SETTING) == "da"
    assert window.settings_page.language_note.text() == "Sproget skifter, næste gang du starter SMSDesk."


def test_reasons_from_below_the_gui_are_translated_and_unknown_ones_kept(language):
    from smsdesk.store.journal import INTERRUPTED_REASON
    from smsdesk.ui.reasons import error_text, phone_reason

    language("da")
    assert phone_reason("duplicate of row 7") == "dublet af række 7"
    assert phone_reason("too short") == "for kort"
    assert error_text("Gave up after 3 attempts: HTTP 503") == "Opgav efter 3 forsøg: HTTP 503"
    assert error_text(INTERRUPTED_REASON).startswith("SMSDesk stoppede, mens beskeden blev sendt")
    assert error_text("Invalid sender 'X'") == "Invalid sender 'X'"  # the provider's own words, as they are


def test_a_file_that_cannot_be_read_is_reported_in_danish(qtbot, make_window, language, tmp_path, caplog):
    from tests.ui.test_flow import drop_file

    language("da")
    window = make_window()
    empty = tmp_path / "tom.csv"
    empty.write_text("", encoding="utf-8")
    drop_file(window.recipients_page, empty)
    qtbot.waitUntil(lambda: window.recipients_page.error_label.text() != "", timeout=15000)
    assert window.recipients_page.error_label.text() == "tom.csv: er tom"
    assert (
        "job read tom.csv failed" in caplog.text
    )  # the job pool logs every failed job; the user saw it above


def test_too_little_credit_is_said_in_danish_with_danish_numbers(qtbot, db, make_window, language, tmp_path):
    from smsdesk.sandbox.server import shared_sandbox

    language(None, system="da_DK")
    sandbox = shared_sandbox()
    sandbox.state.reset()
    sandbox.state.faults.credit_messages = 1
    try:
        people = "Navn;Mobil\nMette;20 45 67 89\nLars;31 22 44 56\nSofie;40 11 22 33\n"
        review = review_of(qtbot, make_window, tmp_path, people)
        assert review.warning_label.text() == (
            "Kontoen har 1 point tilbage; denne udsendelse kræver mindst 3 point (én pr. besked). "
            "Fyld kontoen op først."
        )
        assert not review.send_button.isEnabled()
    finally:
        sandbox.state.reset()


def test_countries_are_named_and_sorted_in_the_users_language(qtbot, make_window, language):
    language(None, system="da_DK")
    combo = make_window().recipients_page.country_combo
    combo.fill()
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[0] == "Danmark (+45)" and combo.currentText() == "Danmark (+45)"
    assert "Sverige (+46)" in labels and "Tyskland (+49)" in labels and "Uganda (+256)" in labels
    assert labels.index("Zambia (+260)") < labels.index("Østrig (+43)") < labels.index("Åland (+358)")

    language("sv")
    combo = make_window().recipients_page.country_combo
    combo.fill()
    assert combo.currentText() == "Sverige (+46)"
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[0] == "Danmark (+45)" and "Tyskland (+49)" in labels
