"""The whole flow, driven like a user: drop a file, pick the column, write, fix, send through the sandbox, watch,
pause, resume, export."""

from __future__ import annotations

import warnings
from pathlib import Path

import openpyxl
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QApplication

from smsdesk.ui.main_window import MESSAGE, RECIPIENTS, RESULTS, REVIEW
from tests.ui.conftest import write_customers

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def drop_file(widget, path) -> None:
    """What the window system does when a file is dragged from the file manager and dropped."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    position = QPointF(widget.width() / 2, widget.height() / 2)
    with warnings.catch_warnings():  # PySide marks the (only) QPoint constructor deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(
            position.toPoint(),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        position, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, drop)


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user: ASCII through QTest key clicks; other characters (curly quotes, emoji) as the key events a
    keyboard layout or emoji picker delivers, since QTest can only map ASCII to keys."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def highlighted_text(editor, char_format) -> list[str]:
    """The pieces of the editor's text that the highlighter painted with `char_format`'s background."""
    block = editor.document().firstBlock()
    pieces = []
    while block.isValid():
        utf16 = block.text().encode("utf-16-le")
        for item in block.layout().formats():
            if item.format.background() == char_format.background():
                pieces.append(utf16[item.start * 2 : (item.start + item.length) * 2].decode("utf-16-le"))
        block = block.next()
    return pieces


def load_recipients(qtbot, window, path):
    page = window.recipients_page
    drop_file(page, path)
    qtbot.waitUntil(lambda: window.draft.plan is not None, timeout=15000)
    return page


def test_status_bar_names_the_sandbox_on_first_start(window):
    assert window.account_label.text() == "Sandbox — no real SMS"
    assert window.current_page() == RECIPIENTS


def test_drop_a_file_shows_rows_column_and_excluded(qtbot, window, tmp_path):
    page = load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv"))
    plan = window.draft.plan
    assert page.phone_column() == "Telefon"  # detected and chosen
    assert page.preview_model.rowCount() == 32
    assert page.count_labels["valid"].text() == "30"
    assert page.count_labels["duplicate"].text() == "1"
    assert page.count_labels["invalid"].text() == "1"
    # excluded rows carry the row number Excel shows: header is row 1, so the 31st data row is row 32
    rows = {page.excluded_model.index(r, 0).data() for r in range(page.excluded_model.rowCount())}
    assert rows == {"32", "33"}
    page.excluded_filter.setText("kort")  # Danish? no: filter is on the reason text the plan gives
    page.excluded_filter.setText("")
    page.excluded_kind.setCurrentIndex(page.excluded_kind.findData("duplicate"))
    assert page.excluded_proxy.rowCount() == 1
    assert page.excluded_proxy.index(0, 0).data() == "33"
    assert plan.valid == 30
    assert page.next_button.isEnabled()


def test_a_file_that_cannot_be_read_says_why(qtbot, window, tmp_path, caplog):
    broken = tmp_path / "liste.xlsx"
    broken.write_bytes(FIXTURES.joinpath("broken_garbage.xlsx").read_bytes())
    page = window.recipients_page
    page.open_path(broken)
    qtbot.waitUntil(lambda: bool(page.error_label.text()), timeout=15000)
    assert "liste.xlsx" in page.error_label.text()
    assert "Traceback" not in page.error_label.text()
    assert window.draft.table is None
    assert "job read liste.xlsx failed" in caplog.text


def test_dropping_an_unsupported_file_is_refused_with_a_reason(qtbot, window, tmp_path):
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(picture))])
    assert window.recipients_page.open_mime(mime) is False
    assert "photo.png" in window.recipients_page.error_label.text()


def test_choosing_another_phone_column_rebuilds_the_plan(qtbot, window, tmp_path):
    page = load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv"))
    page.set_phone_column("By")
    qtbot.waitUntil(
        lambda: window.draft.plan is not None and window.draft.plan.phone_column == "By", timeout=15000
    )
    assert window.draft.plan.valid == 0
    assert not page.next_button.isEnabled()
    page.set_phone_column("Telefon")
    qtbot.waitUntil(lambda: window.draft.plan is not None and window.draft.plan.valid == 30, timeout=15000)


def test_compose_counters_lookalikes_and_placeholders(qtbot, window, tmp_path):
    load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv"))
    window.go(MESSAGE)
    page = window.message_page
    chips = [chip.text() for chip in page.chip_buttons()]
    assert chips == ["{Navn}", "{Telefon}", "{By}"]

    qtbot.keyClicks(page.editor, "Hej ")
    assert page.characters_label.text() == "4 characters"
    page.chip_buttons()[0].click()  # inserts {Navn}
    assert page.text() == "Hej {Navn}"
    # counted as the previewed recipient gets it: "Hej Kunde 1"
    assert page.characters_label.text() == "11 characters"
    assert page.encoding_label.text() == "GSM-7"

    type_text(qtbot, page.editor, ", vi ses i ’morgen’")  # curly quotes force Unicode
    assert page.encoding_label.text() == "Unicode (UCS-2)"
    highlighted = highlighted_text(page.editor, page.editor.highlighter.non_gsm_format)
    assert highlighted == ["’", "’"]
    assert page.unicode_notice.isVisibleTo(page)
    assert page.lookalike_button.isVisibleTo(page)
    before = page.remaining_label.text()
    qtbot.mouseClick(page.lookalike_button, Qt.MouseButton.LeftButton)
    assert page.text() == "Hej {Navn}, vi ses i 'morgen'"
    assert page.encoding_label.text() == "GSM-7"
    assert page.remaining_label.text() != before
    assert not page.unicode_notice.isVisibleTo(page)

    type_text(qtbot, page.editor, " 🙂")  # an emoji has no look-alike
    assert page.text().endswith("🙂")
    assert page.encoding_label.text() == "Unicode (UCS-2)"
    assert not page.lookalike_button.isVisibleTo(page)
    assert "🙂" in page.unicode_label.text()

    qtbot.keyClicks(page.editor, " {Nvan}")  # a typo in a placeholder
    assert page.problems_label.isVisibleTo(page)
    assert "Nvan" in page.problems_label.text()
    assert "Did you mean {Navn}?" in page.problems_label.text()  # the closest column, as the user sees it
    assert not page.next_button.isEnabled()
    for _ in range(len(" {Nvan}")):
        qtbot.keyClick(page.editor, Qt.Key.Key_Backspace)
    assert not page.problems_label.isVisibleTo(page)
    assert page.next_button.isEnabled()

    # stepping through recipients changes the preview
    first = page.segment_view._boxes[0][1].text()
    qtbot.mouseClick(page.next_recipient_button, Qt.MouseButton.LeftButton)
    assert page.segment_view._boxes[0][1].text() != first
    assert "Kunde 2" in page.segment_view._boxes[0][1].text()
    qtbot.waitUntil(lambda: page.totals_label.text().startswith("For all 30 recipients"), timeout=15000)


def test_long_message_preview_shows_each_sms(qtbot, window, tmp_path):
    load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv"))
    page = window.message_page
    page.set_text("x" * 200)
    assert page.segments_label.text() == "2 SMS"
    boxes = [
        caption.text() for caption, _ in page.segment_view._boxes if caption.parentWidget().isVisibleTo(page)
    ]
    assert boxes == ["SMS 1 of 2 · 153/153", "SMS 2 of 2 · 47/153"]


def test_saved_messages_round_trip(qtbot, window, prompts):
    page = window.message_page
    page.set_text("Husk din tid i morgen")
    prompts.text_answer = "Påmindelse"
    page.save_template()
    page.set_text("")
    index = page.templates_combo.findData("Påmindelse")
    assert index > 0
    page.templates_combo.setCurrentIndex(index)
    page.templates_combo.activated.emit(index)
    assert page.text() == "Husk din tid i morgen"


def test_send_through_the_sandbox_pause_resume_export(qtbot, window, prompts, tmp_path, slow_sandbox):
    load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv"))
    window.go(MESSAGE)
    type_text(qtbot, window.message_page.editor, "Hej {Navn} i {By} 🙂")
    window.go(REVIEW)
    review = window.review_page
    qtbot.waitUntil(lambda: review.send_button.isEnabled(), timeout=15000)
    assert review.total_labels["recipients"].text() == "30"
    assert review.total_labels["segments"].text() == "30"

    # a test to my own number first
    review.test_number.setText("20 99 88 77")
    qtbot.mouseClick(review.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: review.test_result.text().startswith("Test sent"), timeout=15000)
    assert "+4520998877" in slow_sandbox.state.accepted_numbers()

    window.results_page.runner_options = {"max_batch": 1, "concurrency": 1}
    qtbot.mouseClick(review.send_button, Qt.MouseButton.LeftButton)
    title, text = prompts.asked[-1]
    assert title == "Send now?"
    assert "30 messages" in text and "no real SMS" in text

    results = window.results_page
    qtbot.waitUntil(lambda: window.current_page() == RESULTS, timeout=15000)
    qtbot.waitUntil(lambda: results.model.rowCount() == 32, timeout=15000)  # 30 to send + 2 skipped rows
    qtbot.waitUntil(lambda: results.model.counts.get("sent", 0) >= 3, timeout=15000)

    qtbot.mouseClick(results.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: results.campaign_state == "paused" and results.pause_button.text() == "Resume", timeout=15000
    )
    from smsdesk.store.journal import Journal

    qtbot.waitUntil(
        lambda: Journal(window.db).get_campaign(results.campaign_id).state == "paused", timeout=15000
    )
    assert results.model.counts.get("pending", 0) > 0, "paused before the end"

    qtbot.mouseClick(results.pause_button, Qt.MouseButton.LeftButton)  # resume
    qtbot.waitUntil(lambda: not results.is_sending(), timeout=30000)
    assert results.model.counts.get("sent") == 30
    assert results.model.counts.get("skipped") == 2
    assert results.campaign_state == "finished"
    assert results.progress.value() == results.progress.maximum()
    accepted = [n for n in slow_sandbox.state.accepted_numbers() if n != "+4520998877"]
    assert len(accepted) == len(set(accepted)) == 30  # nobody twice

    # the table shows status with colour and icon
    from smsdesk.ui.results_model import STATUS

    index = results.model.index(0, STATUS)
    states = {results.model.index(r, STATUS).data() for r in range(results.model.rowCount())}
    assert states == {"Sent", "Skipped"}
    assert not results.model.data(index, Qt.ItemDataRole.DecorationRole).isNull()
    assert results.model.data(index, Qt.ItemDataRole.ForegroundRole) is not None

    results.show_filter("Skipped")
    assert results.proxy.rowCount() == 2
    results.show_filter("All messages")

    target = tmp_path / "resultater.xlsx"
    prompts.save_answer = target
    qtbot.mouseClick(results.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: results.last_export == target, timeout=15000)
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 33
    assert "sent" in [str(cell).lower() for cell in rows[1]]
    as_csv = tmp_path / "resultater.csv"
    results.export(as_csv)
    qtbot.waitUntil(lambda: results.last_export == as_csv, timeout=15000)
    text = as_csv.read_text(encoding="utf-8-sig")
    assert "4520103000" in text and text.count("\n") == 33

    window.go(4)  # History
    history = window.history_page
    qtbot.waitUntil(lambda: not history.loading and history.model.rowCount() == 1, timeout=10000)
    assert window.history_page.model.index(0, 5).data() == "30"


def test_closing_during_a_send_asks_and_leaves_it_resumable(qtbot, window, prompts, tmp_path, slow_sandbox):
    slow_sandbox.state.faults.latency = 0.2
    load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv"))
    window.message_page.set_text("Hej {Navn}")
    window.go(REVIEW)
    qtbot.waitUntil(lambda: window.review_page.send_button.isEnabled(), timeout=15000)
    window.results_page.runner_options = {"max_batch": 1, "concurrency": 1}
    window.review_page.send()
    results = window.results_page
    qtbot.waitUntil(lambda: results.is_sending() and results.model.counts.get("sent", 0) >= 1, timeout=15000)

    prompts.answers["A send is running"] = False
    window.close()
    assert window.isVisible(), "kept open when the user says keep sending"
    prompts.answers["A send is running"] = True
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=15000)
    from smsdesk.store.journal import Journal

    campaign = Journal(window.db).get_campaign(results.campaign_id)
    assert campaign.resumable
    assert campaign.counts["sending"] == 0


def test_sending_the_same_draft_twice_needs_a_deliberate_yes(qtbot, window, prompts, tmp_path, slow_sandbox):
    load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv", rows=5))
    window.message_page.set_text("Hej {Navn}")
    window.go(REVIEW)
    review = window.review_page
    qtbot.waitUntil(lambda: review.send_button.isEnabled(), timeout=15000)
    review.send()
    results = window.results_page
    qtbot.waitUntil(
        lambda: (
            results.campaign_id is not None
            and results.worker is None
            and results.campaign_state == "finished"
        ),
        timeout=30000,
    )
    window.go(REVIEW)
    qtbot.waitUntil(lambda: review.send_button.isEnabled(), timeout=15000)
    prompts.answers["Send the same again?"] = False
    review.send()
    assert prompts.asked[-1][0] == "Send the same again?"
    assert len(slow_sandbox.state.accepted_numbers()) == 5  # nobody got it twice


def test_sheet_picker_reads_the_chosen_sheet(qtbot, window):
    page = window.recipients_page
    page.open_path(FIXTURES / "customers_second_sheet.xlsx")
    qtbot.waitUntil(lambda: window.draft.plan is not None, timeout=15000)
    assert page.sheet_combo.isVisibleTo(page)
    assert [page.sheet_combo.itemText(i) for i in range(page.sheet_combo.count())] == ["Noter", "Kunder"]
    assert page.sheet_combo.currentText() == "Kunder"
    assert page.phone_column() == "Mobil"
    page.sheet_combo.setCurrentIndex(0)
    page.sheet_combo.activated.emit(0)
    qtbot.waitUntil(
        lambda: window.draft.table is not None and window.draft.table.sheet == "Noter", timeout=15000
    )
    qtbot.waitUntil(lambda: bool(page.error_label.text()), timeout=15000)
    assert page.preview_model.columnCount() == 1


def test_reading_a_big_file_can_be_cancelled(qtbot, window, tmp_path):
    big = tmp_path / "stor.csv"
    with big.open("w", encoding="utf-8") as handle:
        handle.write("Navn;Telefon\n")
        for index in range(150_000):
            handle.write(f"Kunde {index};+45 30{index:06d}\n")
    page = window.recipients_page
    page.open_path(big)
    assert page.progress.isVisibleTo(page) and page.cancel_button.isVisibleTo(page)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.read_job is None, timeout=30000)
    assert page.file_label.text() == "Reading was cancelled."
    assert window.draft.table is None
    assert not page.progress.isVisibleTo(page)


def test_skipped_rows_sort_by_row_number(qtbot, window, tmp_path):
    window.db.add_opt_outs(["+4520133303"], source="manual")  # the 4th customer: row 5
    page = load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv", rows=12))
    rows = [page.excluded_proxy.index(r, 0).data() for r in range(page.excluded_proxy.rowCount())]
    assert rows == ["5", "14", "15"]  # as numbers: text order would put 14 and 15 before 5


def test_a_campaign_name_the_user_typed_is_kept(qtbot, window, tmp_path):
    load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv", rows=3))
    window.message_page.set_text("Hej {Navn}")
    window.go(REVIEW)
    review = window.review_page
    assert review.name_edit.text().startswith("kunder ")
    review.name_edit.selectAll()
    qtbot.keyClicks(review.name_edit, "Julefrokost")
    window.go(MESSAGE)
    window.go(REVIEW)
    assert review.name_edit.text() == "Julefrokost"
