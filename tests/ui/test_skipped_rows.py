"""Skipped rows keep their person: Results and the export show whose number to fix, with every column."""

from __future__ import annotations

import openpyxl
from PySide6.QtCore import Qt

from smsdesk.ui.main_window import MESSAGE, RESULTS, REVIEW
from smsdesk.ui.results_model import NAME
from tests.ui.conftest import write_customers
from tests.ui.test_flow import load_recipients, type_text


def test_skipped_rows_show_name_in_results_and_every_column_in_the_export(
    qtbot, window, prompts, tmp_path, slow_sandbox
):
    load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv", rows=3))
    window.go(MESSAGE)
    type_text(qtbot, window.message_page.editor, "Hej {Navn}")
    window.go(REVIEW)
    review = window.review_page
    qtbot.waitUntil(review.send_button.isEnabled, timeout=15000)
    qtbot.mouseClick(review.send_button, Qt.MouseButton.LeftButton)
    results = window.results_page
    qtbot.waitUntil(lambda: window.current_page() == RESULTS and results.model.rowCount() == 5, timeout=15000)
    qtbot.waitUntil(lambda: results.campaign_state == "finished" and not results.is_sending(), timeout=30000)

    names = [results.model.index(row, NAME).data() for row in range(results.model.rowCount())]
    assert "Ugyldig" in names and "Kunde 1 igen" in names  # the invalid and the duplicate row

    prompts.save_answer = tmp_path / "resultater.xlsx"
    qtbot.mouseClick(results.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: results.last_export is not None, timeout=15000)
    sheet = openpyxl.load_workbook(results.last_export).active
    header = [cell.value for cell in sheet[1]]
    rows = [
        dict(zip(header, [cell.value for cell in row], strict=False)) for row in sheet.iter_rows(min_row=2)
    ]
    invalid = next(row for row in rows if row.get("Navn") == "Ugyldig")
    assert invalid["By"] == "Aarhus"
