"""The History and Results tables write every number the one way the locale does (widgets.thousands): counts with
its thousands separator, costs with its decimal comma and their unit, never Python's English 1,234.50."""

from __future__ import annotations

from PySide6.QtCore import Qt

from smsdesk.store.journal import Journal, Outcome
from smsdesk.ui.main_window import HISTORY
from smsdesk.ui.results_model import COST, SEGMENTS
from tests.ui.test_campaigns import make_campaign

RECIPIENTS, SENT, SMS, COST_COLUMN = 4, 5, 9, 10


def sent_at_a_cost(db, count: int, cost: float) -> str:
    campaign_id = make_campaign(db, count=count)
    journal = Journal(db)
    ids = [row.id for row in journal.messages(campaign_id)]
    journal.set_state(campaign_id, "running")
    journal.mark_sending(ids)
    journal.record([Outcome(id=row_id, state="sent", message_id=f"m-{row_id}", cost=cost) for row_id in ids])
    journal.set_state(campaign_id, "finished")
    return campaign_id


def test_history_writes_counts_and_cost_the_danish_way(qtbot, db, prompts, make_window, language):
    language("da")
    sent_at_a_cost(db, 1200, 1.25)
    window = make_window()
    (item,) = [
        window.nav.item(row)
        for row in range(window.nav.count())
        if window.nav.item(row).data(Qt.ItemDataRole.UserRole) == HISTORY
    ]
    qtbot.mouseClick(
        window.nav.viewport(), Qt.MouseButton.LeftButton, pos=window.nav.visualItemRect(item).center()
    )
    history = window.history_page
    qtbot.waitUntil(lambda: window.current_page() == HISTORY, timeout=10000)
    qtbot.waitUntil(lambda: not history.loading and history.model.rowCount() == 1, timeout=10000)
    cells = [history.model.index(0, column).data() for column in (RECIPIENTS, SENT, SMS, COST_COLUMN)]
    assert cells == ["1.200", "1.200", "1.200", "1.500,00 point"]
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for column in (
        RECIPIENTS,
        SENT,
        SMS,
        COST_COLUMN,
    ):  # lined up at the right, as the Results table has them
        assert history.model.index(0, column).data(Qt.ItemDataRole.TextAlignmentRole) == int(right)
    assert history.model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) is None


def test_results_write_each_cost_with_its_unit_and_the_locales_decimals(
    qtbot, db, prompts, make_window, language
):
    language("da")
    campaign_id = sent_at_a_cost(db, 2, 1.0)
    window = make_window()
    window.open_campaign(campaign_id)
    results = window.results_page
    qtbot.waitUntil(lambda: results.model.rowCount() == 2, timeout=10000)
    assert results.model.index(0, COST).data() == "1,00 point"
    assert results.model.index(0, SEGMENTS).data() == "1"


def test_a_spreadsheet_row_is_written_ungrouped_everywhere_while_counts_are_grouped(
    qtbot, db, prompts, make_window, language, tmp_path
):
    """Row 10001 is a label, as Excel's row headers write it: "10001" in Results, in Recipients' skipped list and in
    the export, never "10.001"; the counts beside it keep the locale's grouping ("10.001" recipients)."""
    from tests.ui.test_flow import load_recipients

    language("da")
    campaign_id = make_campaign(db, count=10_001)
    window = make_window()
    window.open_campaign(campaign_id)
    results = window.results_page
    qtbot.waitUntil(lambda: results.model.rowCount() == 10_001, timeout=30000)
    from smsdesk.ui.results_model import ROW

    assert results.model.index(9_999, ROW).data() == "10001"  # make_campaign numbers its rows from 2
    assert "10.001" in results.counts_label.text()  # "Venter 10.001"

    prompts.save_answer = tmp_path / "rækker.xlsx"
    qtbot.mouseClick(results.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: results.last_export is not None and results.export_button.isEnabled(), timeout=30000
    )
    import openpyxl

    sheet = openpyxl.load_workbook(results.last_export).active
    assert sheet.cell(row=10_001, column=1).value == 10_001
    assert sheet.cell(row=10_001, column=1).number_format == "General"  # Excel shows 10001, as its row header

    lines = (
        ["Navn;Telefon"] + [f"Kunde {index};+45 301{index:05d}" for index in range(10_000)] + ["Ugyldig;12"]
    )
    customers = tmp_path / "kunder.csv"
    customers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page = load_recipients(qtbot, window, customers)
    rows = [page.excluded_model.index(r, 0).data() for r in range(page.excluded_model.rowCount())]
    assert rows == ["10002"]  # the header is row 1, so the invalid one after 10,000 customers is row 10002
    assert page.count_labels["valid"].text() == "10.000"
