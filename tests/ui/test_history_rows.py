"""History tells campaigns of one name apart by their time, and keeps what a campaign set out to send after the
rest of it is discarded."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from smsdesk.store.journal import Journal
from smsdesk.ui.main_window import HISTORY
from tests.ui.test_campaigns import crash_mid_send, make_campaign

DATE, RECIPIENTS, SENT, SMS = 0, 4, 5, 9


def started_at(db, campaign_id: str, moment: str) -> None:
    with db.transaction() as conn:
        conn.execute("UPDATE campaigns SET created_at = ? WHERE id = ?", (moment, campaign_id))


def history_of(qtbot, window):
    window.go(HISTORY)
    history = window.history_page
    qtbot.waitUntil(lambda: not history.loading and history.model.rowCount() > 0, timeout=10000)
    return history


def click_row(qtbot, history, row: int) -> None:
    rect = history.table.visualRect(history.model.index(row, 1))
    qtbot.mouseClick(history.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_two_campaigns_of_one_name_in_the_same_minute_show_their_seconds(qtbot, db, make_window):
    first, second = make_campaign(db, count=2), make_campaign(db, count=2)
    other = make_campaign(db, count=2, name="Nytår")
    started_at(db, first, "2026-12-02T09:15:07+00:00")
    started_at(db, second, "2026-12-02T09:15:41+00:00")
    started_at(db, other, "2026-12-02T10:20:05+00:00")
    history = history_of(qtbot, make_window())
    dates = {history.model.index(row, 1).data(): [] for row in range(3)}
    for row in range(3):
        dates[history.model.index(row, 1).data()].append(history.model.index(row, DATE).data())
    julefrokost = dates["Julefrokost"]
    assert len(set(julefrokost)) == 2  # told apart
    assert sorted(re.search(r"15\W(\d\d)", text).group(1) for text in julefrokost) == ["07", "41"]
    assert re.search(r"20\W05", dates["Nytår"][0]) is None  # alone in its minute: to the minute, as before


def test_discarding_the_rest_keeps_the_recipient_and_sms_counts(qtbot, db, prompts, make_window):
    campaign_id = make_campaign(db, count=12)
    crash_mid_send(db, campaign_id, sent=4, in_flight=0)
    prompts.resume_answer = False
    window = make_window()
    history = history_of(qtbot, window)
    assert [history.model.index(0, column).data() for column in (RECIPIENTS, SENT, SMS)] == ["12", "4", "12"]
    click_row(qtbot, history, 0)
    assert history.discard_button.isEnabled()
    qtbot.mouseClick(history.discard_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: Journal(db).get_campaign(campaign_id).state == "discarded", timeout=10000)
    qtbot.waitUntil(lambda: not history.loading and not history.discard_button.isEnabled(), timeout=10000)
    assert [history.model.index(0, column).data() for column in (RECIPIENTS, SENT, SMS)] == ["12", "4", "12"]
    # and again from the totals frozen when it closed, as a later start reads them
    history.refresh()
    qtbot.waitUntil(lambda: not history.loading, timeout=10000)
    assert [history.model.index(0, column).data() for column in (RECIPIENTS, SENT, SMS)] == ["12", "4", "12"]
