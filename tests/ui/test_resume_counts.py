"""After a pause, a resume, a restart of the window, a retry or a discard, the Results page's counters say what the
exported workbook and History say about the same campaign: Sent, Delivered, Failed, Unknown, Waiting, Skipped."""

from __future__ import annotations

import re
from collections import Counter

import openpyxl
import pytest
from PySide6.QtCore import Qt

from smsdesk.core.costing import PlannedMessage
from smsdesk.store.journal import Journal
from smsdesk.ui.main_window import HISTORY, RESULTS
from tests.ui.test_campaigns import make_campaign

ROWS = 14
REJECTED = ("+4530100003", "+4530100007")  # the provider refuses them: failed, then retried
UNDELIVERABLE = "+4530100005"  # accepted, but the handset never gets it: sent, "Not delivered"
# History's columns
STATUS, RECIPIENTS, SENT, FAILED, UNKNOWN, WAITING = 3, 4, 5, 6, 7, 8
COUNTER = re.compile(r"(Sent|Failed|Unknown|Waiting|Skipped|Delivered) ([\d,]+)")


def campaign_with_a_skipped_row(db) -> str:
    skipped = PlannedMessage(
        row=ROWS + 2,
        phone="12",
        fields={"Navn": "Ugyldig"},
        text="",
        encoding="GSM-7",
        segments=0,
        skip_reason="not a phone number",
        skip_kind="invalid",
    )
    return make_campaign(db, count=ROWS, name="Sommerfest", extra=[skipped])


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def page_counters(results) -> dict[str, int]:
    """What the counters line says, as the user reads it ("Sent 9  ·  Failed 2 …"); absent ones are 0."""
    said = {
        name: int(number.replace(",", "")) for name, number in COUNTER.findall(results.counts_label.text())
    }
    return {
        name: said.get(name, 0) for name in ("Sent", "Failed", "Unknown", "Waiting", "Skipped", "Delivered")
    }


def exported_counters(qtbot, results, prompts, path) -> dict[str, int]:
    """Export through the Export button, read the workbook back, and count its rows the same way."""
    if path.exists():
        path.unlink()
    prompts.save_answer = path
    click(qtbot, results.export_button)
    qtbot.waitUntil(lambda: results.last_export == path and results.export_button.isEnabled(), timeout=15000)
    sheet = openpyxl.load_workbook(path, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    status, delivery = header.index("Status"), header.index("Delivery")
    states = Counter(row[status] for row in rows[1:])
    delivered = sum(1 for row in rows[1:] if row[status] == "sent" and row[delivery] == "delivered")
    return {
        "Sent": states["sent"],
        "Failed": states["failed"],
        "Unknown": states["unknown"],
        "Waiting": states["pending"] + states["sending"],
        "Skipped": states["skipped"],
        "Delivered": delivered,
    }


def history_counters(qtbot, window, campaign_id: str) -> dict[str, int]:
    window.go(HISTORY)
    history = window.history_page
    history.refresh()
    qtbot.waitUntil(lambda: not history.loading and history.model.rowCount() > 0, timeout=10000)
    (row,) = [index for index, campaign in enumerate(history.campaigns) if campaign.id == campaign_id]

    def cell(column: int) -> int:
        return int(history.model.index(row, column).data().replace(",", ""))

    counters = {
        "Sent": cell(SENT),
        "Failed": cell(FAILED),
        "Unknown": cell(UNKNOWN),
        "Waiting": cell(WAITING),
    }
    window.go(RESULTS)
    return counters


def assert_one_story(qtbot, window, prompts, campaign_id, path) -> dict[str, int]:
    results = window.results_page
    shown = page_counters(results)
    assert shown == exported_counters(qtbot, results, prompts, path)
    history = history_counters(qtbot, window, campaign_id)
    assert history == {name: shown[name] for name in history}
    return shown


def check_receipts(qtbot, results) -> None:
    """Click "Refresh delivery" and wait for its answer."""
    results._last_delivery_query = 0.0  # the page's own "not again so soon" spacing is not under test
    results.delivery_note.setText("")
    click(qtbot, results.delivery_button)
    qtbot.waitUntil(lambda: results.delivery_note.text().startswith("Receipts checked"), timeout=15000)


def sending(qtbot, make_window, campaign_id: str, sent: int):
    """A new window sending the campaign one message per request, once `sent` of them are sent: (window, its
    Results page)."""
    window = make_window()
    results = window.results_page
    results.runner_options = {"max_batch": 1, "concurrency": 1}
    window.open_campaign(campaign_id, resume=True)
    qtbot.waitUntil(lambda: results.model.counts.get("sent", 0) >= sent, timeout=30000)
    return window, results


def send_through(qtbot, results, button) -> None:
    """Press a button that sends (Resume, Retry failed), wait for the send to end, and check receipts."""
    click(qtbot, button)
    qtbot.waitUntil(lambda: results.is_sending(), timeout=15000)
    qtbot.waitUntil(lambda: results.worker is None, timeout=60000)
    check_receipts(qtbot, results)


@pytest.fixture
def receipts(slow_sandbox):
    slow_sandbox.state.faults.deliver_after = 0.0
    slow_sandbox.state.faults.reject_numbers = set(REJECTED)
    slow_sandbox.state.faults.undeliverable_numbers = {UNDELIVERABLE}
    return slow_sandbox


def test_pause_receipts_resume_retry_and_export_tell_one_story(
    qtbot, db, prompts, make_window, receipts, tmp_path
):
    campaign_id = campaign_with_a_skipped_row(db)
    window, results = sending(qtbot, make_window, campaign_id, sent=6)
    click(qtbot, results.pause_button)
    qtbot.waitUntil(lambda: Journal(db).get_campaign(campaign_id).state == "paused", timeout=15000)
    qtbot.waitUntil(lambda: not results.model.counts.get("sending"), timeout=15000)
    check_receipts(qtbot, results)  # receipts of what was sent before the pause, while paused
    paused = page_counters(results)
    assert paused["Delivered"] > 0 and paused["Waiting"] > 0 and paused["Skipped"] == 1
    click(qtbot, results.pause_button)  # now reading "Resume"
    qtbot.waitUntil(lambda: results.worker is None, timeout=60000)
    check_receipts(qtbot, results)  # receipts arriving after the resume
    done = assert_one_story(qtbot, window, prompts, campaign_id, tmp_path / "after resume.xlsx")
    assert done == {"Sent": 12, "Failed": 2, "Unknown": 0, "Waiting": 0, "Skipped": 1, "Delivered": 11}

    receipts.state.faults.reject_numbers = set()
    send_through(qtbot, results, results.retry_failed_button)
    retried = assert_one_story(qtbot, window, prompts, campaign_id, tmp_path / "after retry.xlsx")
    assert retried == {"Sent": 14, "Failed": 0, "Unknown": 0, "Waiting": 0, "Skipped": 1, "Delivered": 13}


def test_a_restarted_window_fills_the_page_from_the_journal_and_agrees(
    qtbot, db, prompts, make_window, receipts, tmp_path
):
    campaign_id = campaign_with_a_skipped_row(db)
    first, results = sending(qtbot, make_window, campaign_id, sent=5)
    check_receipts(qtbot, results)  # some receipts recorded before the quit
    prompts.default_answer = True
    first.close()  # quitting mid-send: the rest stays pending
    qtbot.waitUntil(lambda: not first.isVisible(), timeout=30000)
    assert Journal(db).get_campaign(campaign_id).counts["pending"] > 0

    prompts.resume_answer = False  # the start-up offer declined: the campaign is opened from History
    window = make_window()
    window.open_campaign(campaign_id)
    results = window.results_page
    results.runner_options = {"max_batch": 1, "concurrency": 1}
    qtbot.waitUntil(lambda: results.campaign is not None and results.model.total() == ROWS + 1, timeout=15000)
    before = assert_one_story(qtbot, window, prompts, campaign_id, tmp_path / "reopened.xlsx")
    assert before["Waiting"] > 0 and before["Delivered"] > 0
    send_through(qtbot, results, results.resume_button)
    done = assert_one_story(qtbot, window, prompts, campaign_id, tmp_path / "resumed.xlsx")
    assert done == {"Sent": 12, "Failed": 2, "Unknown": 0, "Waiting": 0, "Skipped": 1, "Delivered": 11}


def test_discarding_the_rest_in_history_is_seen_by_the_open_results_page(
    qtbot, db, prompts, make_window, receipts, tmp_path
):
    campaign_id = campaign_with_a_skipped_row(db)
    window, results = sending(qtbot, make_window, campaign_id, sent=4)
    click(qtbot, results.cancel_button)  # "Stop sending now?" answered yes
    qtbot.waitUntil(lambda: results.worker is None, timeout=30000)
    window.go(HISTORY)
    history = window.history_page
    qtbot.waitUntil(lambda: not history.loading and history.model.rowCount() == 1, timeout=10000)
    history.table.selectRow(0)
    click(qtbot, history.discard_button)
    qtbot.waitUntil(lambda: Journal(db).get_campaign(campaign_id).state == "discarded", timeout=10000)
    window.go(RESULTS)
    qtbot.waitUntil(lambda: page_counters(results)["Waiting"] == 0, timeout=10000)
    shown = assert_one_story(qtbot, window, prompts, campaign_id, tmp_path / "discarded.xlsx")
    assert shown["Skipped"] > 1


def test_a_result_the_window_never_heard_of_is_counted_once_the_send_ends(
    qtbot, db, prompts, make_window, receipts, tmp_path, monkeypatch
):
    """A child killed between recording an answer and writing it to the pipe: the journal has the answer, the page
    never got it. When the send ends the page reads the journal again instead of keeping what it heard."""
    from smsdesk.ui.campaign_worker import CampaignWorker

    heard = CampaignWorker._on_update
    lost: list[int] = []

    def lose_one(worker, update):
        if update.state == "sent" and not lost:
            lost.append(update.id)
            return
        heard(worker, update)

    monkeypatch.setattr(CampaignWorker, "_on_update", lose_one)
    campaign_id = campaign_with_a_skipped_row(db)
    window = make_window()
    results = window.results_page
    window.open_campaign(campaign_id, resume=True)
    qtbot.waitUntil(lambda: results.worker is None and results.campaign_state == "finished", timeout=60000)
    assert lost
    qtbot.waitUntil(lambda: page_counters(results)["Waiting"] == 0, timeout=10000)
    assert_one_story(qtbot, window, prompts, campaign_id, tmp_path / "finished.xlsx")


def test_receipts_that_arrive_while_the_page_reloads_are_not_lost(
    qtbot, db, prompts, make_window, receipts, tmp_path, monkeypatch
):
    """Retry and "Check with provider" reload the page: a delivery check answered meanwhile must still show, though
    the rows being loaded were read before its receipts were written."""
    import time

    from smsdesk.ui import results_page as results_module

    campaign_id = campaign_with_a_skipped_row(db)
    window = make_window()
    results = window.results_page
    window.open_campaign(campaign_id, resume=True)
    qtbot.waitUntil(lambda: results.worker is None and results.campaign_state == "finished", timeout=60000)
    qtbot.waitUntil(lambda: not results.jobs.running(), timeout=10000)
    assert page_counters(results)["Delivered"] == 0  # nobody asked yet

    made = results_module.row_from_record

    def slowly(record):  # a big campaign: the rows take a while to build after they were read
        time.sleep(0.0002 if record.row > 3 else 1.0)
        return made(record)

    monkeypatch.setattr(results_module, "row_from_record", slowly)
    receipts.state.faults.latency = 0.3
    results._last_delivery_query = 0.0
    click(qtbot, results.delivery_button)
    results.open_campaign(campaign_id)  # what a retry does: read the rows again
    qtbot.waitUntil(lambda: results.delivery_note.text().startswith("Receipts checked"), timeout=15000)
    qtbot.waitUntil(lambda: not results.jobs.running() and results.model.total() == ROWS + 1, timeout=15000)
    shown = assert_one_story(qtbot, window, prompts, campaign_id, tmp_path / "reloaded.xlsx")
    assert shown["Delivered"] == 11


def test_after_a_crash_the_reopened_page_and_the_resumed_send_agree(
    qtbot, db, prompts, make_window, receipts, tmp_path
):
    """A killed SMSDesk leaves rows 'sending' and the campaign 'running'; the next start marks them unknown, and
    what the page shows when opened and after the resume is what the export and History say."""
    from tests.ui.test_campaigns import crash_mid_send

    campaign_id = campaign_with_a_skipped_row(db)
    crash_mid_send(db, campaign_id, sent=4, in_flight=3)
    prompts.resume_answer = False
    window = make_window()
    window.start()
    qtbot.waitUntil(lambda: "resume" in prompts.titles(), timeout=15000)  # the start-up offer, declined
    window.open_campaign(campaign_id)
    results = window.results_page
    qtbot.waitUntil(lambda: results.campaign is not None and results.model.total() == ROWS + 1, timeout=15000)
    opened = assert_one_story(qtbot, window, prompts, campaign_id, tmp_path / "after the crash.xlsx")
    assert opened == {"Sent": 4, "Failed": 0, "Unknown": 3, "Waiting": 7, "Skipped": 1, "Delivered": 0}
    send_through(qtbot, results, results.resume_button)
    done = assert_one_story(qtbot, window, prompts, campaign_id, tmp_path / "resumed.xlsx")
    # the three in flight were never sent again: the sandbox's list, asked at the run's end, never got them (failed);
    # the rejected number among the resumed ones failed; receipts only for what this sandbox sent
    assert done == {"Sent": 10, "Failed": 4, "Unknown": 0, "Waiting": 0, "Skipped": 1, "Delivered": 6}
