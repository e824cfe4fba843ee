"""Words that agree: one name for waiting, a Go menu without a stray mnemonic, no "check your phone" for the
sandbox, no full blue bar when nothing was sent, the status bar names the shown campaign's account, and lines about
an earlier test or receipt check do not outlive what they were about."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from smsdesk.providers.base import Account
from smsdesk.ui.main_window import MESSAGE, RESULTS, REVIEW
from smsdesk.ui.results_model import STATUS
from tests.ui.test_campaigns import make_campaign
from tests.ui.test_confirm_texting import NUMBERS, send_all
from tests.ui.test_flow import type_text


def test_go_menu_titles_have_no_stray_mnemonic(window):
    go_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Go")
    review = next(a for a in go_menu.actions() if "Review" in a.text())
    assert QKeySequence.mnemonic(review.text()).isEmpty()


def test_waiting_is_one_name(qtbot, db, window):
    campaign_id = make_campaign(db, count=2)
    window.open_campaign(campaign_id)
    results = window.results_page
    qtbot.waitUntil(lambda: results.model.rowCount() == 2, timeout=10000)
    assert results.model.index(0, STATUS).data() == "Waiting"
    assert results.filter_combo.findText("Waiting") >= 0
    assert "Waiting 2" in results.counts_label.text()


def test_nothing_sent_is_not_a_full_blue_bar(qtbot, window, prompts, tmp_path, slow_sandbox):
    slow_sandbox.state.faults.reject_numbers = set(NUMBERS)
    _review, results = send_all(qtbot, window, tmp_path)
    assert results.progress.value() == 0
    assert results.progress.text().startswith("Nothing sent")


def test_sandbox_test_send_does_not_say_check_your_phone_and_resets_with_the_message(
    qtbot, window, prompts, tmp_path, slow_sandbox
):
    review, _results = send_all(qtbot, window, tmp_path)
    window.go(REVIEW)
    qtbot.waitUntil(lambda: review.totals is not None and review.test_button.isEnabled(), timeout=15000)
    review.test_number.setText("20 99 88 77")
    qtbot.mouseClick(review.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: review.test_result.text().startswith("Test sent"), timeout=15000)
    assert "Check your phone" not in review.test_result.text()
    window.go(MESSAGE)
    type_text(qtbot, window.message_page.editor, " igen")
    window.go(REVIEW)
    assert review.test_result.text() == ""


def test_status_bar_names_the_shown_campaigns_account_and_receipts_line_resets(qtbot, db, window):
    db.save_account(Account(name="Butikken", provider="sandbox"))
    first = make_campaign(db, count=2)
    other = make_campaign(db, count=2, name="Butikkens")
    with db.transaction() as conn:
        conn.execute("UPDATE campaigns SET account = ? WHERE id = ?", ("Butikken", other))
    window.open_campaign(first)
    results = window.results_page
    qtbot.waitUntil(lambda: results.campaign is not None and results.campaign.id == first, timeout=10000)
    results.delivery_note.setText("Receipts checked 13:09")
    window.open_campaign(other)
    qtbot.waitUntil(lambda: results.campaign is not None and results.campaign.id == other, timeout=10000)
    assert window.current_page() == RESULTS
    assert window.account_label.text().startswith("Butikken")
    assert "Receipts checked" not in results.delivery_note.text()


def test_the_messages_problems_are_said_in_danish(qtbot, window, tmp_path, language):
    """Typos in placeholders, in a Danish window: the closest column, the columns there are, a brace left open,
    all in Danish (the template's own sentence is the CLI's English) and on Review too."""
    from tests.ui.conftest import write_customers
    from tests.ui.test_flow import load_recipients, type_text

    language("da")
    load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv"))
    window.go(MESSAGE)
    page = window.message_page
    type_text(qtbot, page.editor, "Hej {Nvan}")
    assert page.problems_label.text() == (
        'Ukendt flettefelt {Nvan} ved tegn 5 – filen har ingen kolonne "Nvan". Mente du {Navn}?'
    )
    qtbot.keyClicks(page.editor, " {Postnummer} {")
    assert page.problems_label.text().splitlines()[1:] == [
        'Ukendt flettefelt {Postnummer} ved tegn 12 – filen har ingen kolonne "Postnummer". '
        "Kolonnerne er {Navn}, {Telefon}, {By}",
        "Ikke-lukket { ved tegn 25: afslut flettefeltet med }, eller skriv {{ for en almindelig {",
    ]
    window.go(REVIEW)
    assert window.review_page.missing.text().startswith(
        "Beskeden skal rettes først (trin 2): Ukendt flettefelt"
    )
    assert "Mente du {Navn}?" in window.review_page.missing.text()
