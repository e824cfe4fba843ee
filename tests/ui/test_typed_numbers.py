"""Send to a few numbers without a spreadsheet: typed or pasted numbers go through the same normalisation,
dedupe, opt-out list and review as a file, and the test send works without a file."""

from __future__ import annotations

from PySide6.QtCore import Qt

from smsdesk.ui.main_window import MESSAGE, RESULTS, REVIEW
from tests.ui.test_flow import type_text


def test_typed_numbers_are_checked_and_sent_like_a_file(qtbot, db, window, prompts, slow_sandbox):
    db.add_opt_outs(["+4520123459"], source="reply STOP")
    page = window.recipients_page
    qtbot.mouseClick(page.drop_area.type_button, Qt.MouseButton.LeftButton)
    assert page.typed_box.isVisible()
    # one per line, commas and semicolons; a duplicate in another format, a non-number, an opted-out number
    type_text(qtbot, page.typed_edit, "20 12 34 56, 20123457; +45 20 12 34 56")
    qtbot.keyClick(page.typed_edit, Qt.Key.Key_Return)
    type_text(qtbot, page.typed_edit, "ring mig")
    qtbot.keyClick(page.typed_edit, Qt.Key.Key_Return)
    type_text(qtbot, page.typed_edit, "20123459")
    qtbot.mouseClick(page.use_typed_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.draft.plan is not None, timeout=15000)
    plan = window.draft.plan
    assert [r.phone for r in plan.recipients] == ["+4520123456", "+4520123457"]
    assert page.count_labels["duplicate"].text() == "1"
    assert page.count_labels["invalid"].text() == "1"
    assert page.count_labels["opted_out"].text() == "1"

    window.go(MESSAGE)
    type_text(qtbot, window.message_page.editor, "Bordet er klar")
    window.go(REVIEW)
    review = window.review_page
    qtbot.waitUntil(lambda: review.totals is not None and review.test_button.isEnabled(), timeout=15000)
    review.test_number.setText("20 99 88 77")
    qtbot.mouseClick(review.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: review.test_result.text().startswith("Test sent"), timeout=15000)

    qtbot.waitUntil(review.send_button.isEnabled, timeout=15000)
    qtbot.mouseClick(review.send_button, Qt.MouseButton.LeftButton)
    results = window.results_page
    qtbot.waitUntil(
        lambda: window.current_page() == RESULTS and results.campaign_id is not None, timeout=15000
    )
    qtbot.waitUntil(lambda: results.campaign_state == "finished" and not results.is_sending(), timeout=30000)
    accepted = [n for n in slow_sandbox.state.accepted_numbers() if n != "+4520998877"]
    assert sorted(accepted) == ["+4520123456", "+4520123457"]


def test_why_a_typed_value_is_no_phone_number_is_said_in_danish(qtbot, window, language):
    """A date, an amount, a time and a negative number are left out with their reason in the window's language,
    never the importer's English."""
    language("da")
    page = window.recipients_page
    qtbot.mouseClick(page.drop_area.type_button, Qt.MouseButton.LeftButton)
    for value in ("12-05-2024", "99.95", "14:30", "-20123456", "20123456"):
        type_text(qtbot, page.typed_edit, value)
        qtbot.keyClick(page.typed_edit, Qt.Key.Key_Return)
    qtbot.mouseClick(page.use_typed_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.draft.plan is not None, timeout=15000)
    model = page.excluded_model
    qtbot.waitUntil(lambda: model.rowCount() == 4, timeout=15000)
    reasons = {model.index(row, 1).data(): model.index(row, 2).data() for row in range(model.rowCount())}
    assert reasons == {
        "12-05-2024": "en dato, ikke et telefonnummer",
        "99.95": "et beløb, ikke et telefonnummer",
        "14:30": "et klokkeslæt, ikke et telefonnummer",
        "-20123456": "et negativt tal, ikke et telefonnummer",
    }


def test_every_kind_of_value_that_is_no_phone_number_has_its_reason_translated(language):
    from smsdesk.core import cells, phones
    from smsdesk.ui.reasons import phone_reason

    kinds = {kind.kind for kind in (cells.TypedText, *cells.TypedText.__subclasses__())}
    kinds |= {what for what, _pattern in phones._LOOKS_LIKE}
    for choice in ("da", "sv"):
        language(choice)
        untranslated = [
            k for k in kinds if phone_reason(f"{k}, not a phone number").endswith("not a phone number")
        ]
        assert untranslated == [], choice
