"""A workbook's amounts reach the message as the sheet shows them, in the GUI's language: "120,50" in Danish."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt

from smsdesk.ui.main_window import MESSAGE
from tests.ui.test_flow import drop_file, type_text


def write_amounts(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Kunder"
    sheet.append(["Navn", "Mobil", "Beløb"])
    for name, phone, amount in (("Mette", 20123456, 120.5), ("Søren", 31234567, 1234.5)):
        sheet.append([name, phone, amount])
        sheet.cell(sheet.max_row, 2).number_format = "#,##0"
        sheet.cell(sheet.max_row, 3).number_format = "#,##0.00"
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("choice", "first", "second"),
    # Swedish groups with a no-break space, which is not GSM-7: written as a plain one, the SMS stays GSM-7
    [("da", "120,50", "1.234,50"), ("en", "120.50", "1,234.50"), ("sv", "120,50", "1 234,50")],
)
def test_an_amount_from_the_sheet_reads_as_the_sheet_shows_it(
    qtbot, make_window, language, tmp_path, choice, first, second
):
    language(choice)
    window = make_window()
    page = window.recipients_page
    drop_file(page, write_amounts(tmp_path / "kunder.xlsx"))
    qtbot.waitUntil(lambda: window.draft.plan is not None, timeout=15000)
    assert window.draft.plan.valid == 2  # the phone column formatted #,##0 reads as before
    shown = [page.preview_model.index(row, 2).data() for row in range(page.preview_model.rowCount())]
    assert shown == [first, second]

    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert window.current_page() == MESSAGE
    message = window.message_page
    type_text(qtbot, message.editor, "Du skylder {Beløb}")
    assert message.segment_view._boxes[0][1].text() == f"Du skylder {first}"
    qtbot.mouseClick(message.next_recipient_button, Qt.MouseButton.LeftButton)
    assert message.segment_view._boxes[0][1].text() == f"Du skylder {second}"
    assert message.encoding_label.text() == "GSM-7"
