"""The recipients page with workbooks read in a child process: the chosen sheet is said, what reading changed is
listed, and Cancel stops a read for real."""

from __future__ import annotations

import datetime as dt
import sys

import openpyxl
from PySide6.QtCore import Qt

from smsdesk.io import workbook_process


def cover_and_customers(path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Forside"
    workbook.active.append(["Udskrevet", dt.date(2024, 11, 30)])
    workbook.active.append(["Kunder i alt", 2])
    sheet = workbook.create_sheet("Kunder")
    sheet.append(["Navn", "Mobil"])
    sheet.append(["Ann", 20456789])
    sheet.append(["Bo", "=20123400+57"])  # no saved value
    workbook.save(path)
    return path


def test_the_chosen_sheet_and_the_reading_notices_are_shown(qtbot, window, tmp_path):
    page = window.recipients_page
    page.open_path(cover_and_customers(tmp_path / "kunder.xlsx"))
    qtbot.waitUntil(lambda: window.draft.plan is not None, timeout=20000)
    assert "Recipients from sheet 'Kunder' (2 of 2)" in page.file_label.text()
    assert page.sheet_combo.currentText() == "Kunder"
    assert page.count_labels["valid"].text() == "1"
    assert page.notice_label.isVisible()
    assert "Row 3: 1 formula cell with no saved value" in page.notice_label.text()


def test_cancel_stops_a_read_that_never_ends(qtbot, window, tmp_path, monkeypatch):
    started = []
    start = workbook_process._start

    def recording_start(command, errors):
        started.append(start(command, errors))
        return started[-1]

    monkeypatch.setattr(workbook_process, "_start", recording_start)
    monkeypatch.setattr(
        workbook_process, "child_command", lambda: [sys.executable, "-c", "import time; time.sleep(600)"]
    )
    page = window.recipients_page
    page.open_path(cover_and_customers(tmp_path / "kunder.xlsx"))
    qtbot.waitUntil(lambda: bool(started) and page.cancel_button.isVisible(), timeout=20000)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.read_job is None, timeout=10000)
    assert page.file_label.text() == "Reading was cancelled."
    assert started[0].poll() is not None  # the child is gone, not reading on in the background
    assert window.draft.table is None


def test_screenshot_of_a_workbook_with_a_cover_sheet_and_notices(qtbot, window, tmp_path):
    from tests.ui.test_screenshots import save

    page = window.recipients_page
    page.open_path(cover_and_customers(tmp_path / "kunder.xlsx"))
    qtbot.waitUntil(lambda: window.draft.plan is not None, timeout=20000)
    window.show()
    for width, height in ((1280, 800), (1024, 640)):
        window.resize(width, height)
        qtbot.wait(100)  # let the layout settle before the grab
        assert save(window, f"recipients-workbook-{width}x{height}").exists()


def test_the_reading_notices_are_said_in_danish(qtbot, window, tmp_path, language):
    language("da")
    page = window.recipients_page
    page.open_path(cover_and_customers(tmp_path / "kunder.xlsx"))
    qtbot.waitUntil(lambda: window.draft.plan is not None, timeout=20000)
    assert "Række 3: 1 formelcelle uden gemt værdi" in page.notice_label.text()
    assert "læst som tom; åbn filen i Excel, og gem den igen for at få værdierne" in page.notice_label.text()

    long_note = "x" * 40000
    path = tmp_path / "kunder.csv"
    path.write_bytes(
        "Navn;Mobil;Note\nÅse Ærø;20456789;ok\n".encode()
        + "Bø;20123457;".encode("cp1252")
        + b"\n"
        + f'Cy;20123458;{long_note}\nDi;20123459;"aldrig lukket\n'.encode()
    )
    window.draft.set_plan(None)
    page.open_path(path)
    qtbot.waitUntil(lambda: window.draft.plan is not None, timeout=20000)
    text = page.notice_label.text()
    assert "Række 3: en linje, der ikke er gyldig UTF-8, i en UTF-8-fil: læst som Windows cp1252" in text
    assert "Række 4: en celle på 40.000 tegn: skåret til Excels grænse på 32.767" in text
    assert 'Række 5: et citationstegn (") åbnes og lukkes aldrig' in text
