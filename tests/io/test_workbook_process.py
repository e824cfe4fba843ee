"""Workbooks are parsed in a child process: a panic, a hang or a memory blow-up becomes one line, never a crash.

The damaged files are made here from the fixtures (tests/fixtures/make_fixtures.py writes those), so every case is
reproducible without the internet.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import openpyxl
import pytest

from smsdesk.io import workbook_process
from smsdesk.io.tables import ReadCancelled, TableError, read_table

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DAMAGED = "is damaged ("
AGAIN = "; open it in Excel and save it again"


def one_line_error(path: Path, **read) -> str:
    with pytest.raises(TableError) as caught:
        read_table(path, **read)
    text = str(caught.value)
    assert "\n" not in text and "Traceback" not in text
    assert text.startswith(f"{path.name}: ")
    return text


def truncated_xls(tmp_path: Path) -> Path:
    # Cut inside the workbook stream: python-calamine panics here ("slice index starts at 4096 but ends at 3648").
    path = tmp_path / "kunder.xls"
    path.write_bytes((FIXTURES / "legacy.xls").read_bytes()[:4160])
    return path


def xls_with_a_looping_directory(tmp_path: Path) -> Path:
    """The container's allocation table sends the directory's chain back to itself: the parser follows it for ever,
    growing as it goes (about 2 GB a second)."""
    data = bytearray((FIXTURES / "legacy.xls").read_bytes())
    sector_size = 1 << struct.unpack_from("<H", data, 30)[0]
    directory = struct.unpack_from("<I", data, 48)[0]
    fat_sector = struct.unpack_from("<I", data, 76)[0]
    struct.pack_into("<I", data, 512 + fat_sector * sector_size + 4 * directory, directory)
    path = tmp_path / "loop.xls"
    path.write_bytes(bytes(data))
    return path


def test_a_truncated_xls_that_makes_the_parser_panic_is_one_line(tmp_path):
    path = truncated_xls(tmp_path)
    assert one_line_error(path) == f"kunder.xls: {DAMAGED}the file ends early){AGAIN}"


def test_a_file_that_makes_the_parser_grow_without_end_is_stopped_at_the_memory_cap(tmp_path):
    path = xls_with_a_looping_directory(tmp_path)
    text = one_line_error(path)
    assert text.startswith(f"loop.xls: {DAMAGED}reading it needed more than ")
    assert text.endswith(f"MB of memory){AGAIN}")


def test_a_far_away_cell_that_would_need_512_gib_is_stopped_at_the_memory_cap(tmp_path):
    # The parser makes a dense grid from A1 to the last cell: XFD1048576 is 17 billion cells.
    workbook = openpyxl.Workbook()
    workbook.active.append(["Navn", "Mobil"])
    workbook.active.append(["Ann", 20123456])
    workbook.active["XFD1048576"] = "x"
    path = tmp_path / "far.xlsx"
    workbook.save(path)
    assert path.stat().st_size < 10_000
    assert "MB of memory)" in one_line_error(path)


def test_a_parser_that_never_answers_is_stopped_at_the_time_limit(tmp_path, monkeypatch):
    # A never-ending read, as the child sees it: it takes the request and goes quiet.
    monkeypatch.setattr(
        workbook_process, "child_command", lambda: [sys.executable, "-c", "import time; time.sleep(600)"]
    )
    monkeypatch.setattr(workbook_process, "TIME_LIMIT_BASE", 2.0)
    monkeypatch.setattr(workbook_process, "TIME_LIMIT_PER_MB", 0.0)
    text = one_line_error(FIXTURES / "legacy.xls")
    assert text == f"legacy.xls: {DAMAGED}reading it did not finish within 2 seconds){AGAIN}"


def test_a_real_read_past_its_time_limit_is_killed(tmp_path, monkeypatch):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    sheet.append(["Navn", "Mobil"])
    for i in range(30_000):
        sheet.append([f"Person {i}", 20000000 + i])
    path = tmp_path / "big.xlsx"
    workbook.save(path)
    monkeypatch.setattr(workbook_process, "TIME_LIMIT_BASE", 0.05)
    monkeypatch.setattr(workbook_process, "TIME_LIMIT_PER_MB", 0.0)
    assert "reading it did not finish within 0.05 seconds" in one_line_error(path)


def test_a_child_that_dies_gives_the_damaged_line(monkeypatch):
    monkeypatch.setattr(
        workbook_process, "child_command", lambda: [sys.executable, "-c", "import os; os.abort()"]
    )
    text = one_line_error(FIXTURES / "legacy.xls")
    assert text == f"legacy.xls: {DAMAGED}the spreadsheet reader cannot make sense of it){AGAIN}"


def test_cancel_kills_the_child_at_once(tmp_path, monkeypatch):
    started = []
    start = workbook_process._start

    def recording_start(command, errors):
        process = start(command, errors)
        started.append(process)
        return process

    monkeypatch.setattr(workbook_process, "_start", recording_start)
    monkeypatch.setattr(
        workbook_process, "child_command", lambda: [sys.executable, "-c", "import time; time.sleep(600)"]
    )
    asked = []
    with pytest.raises(ReadCancelled, match="legacy.xls: reading was cancelled"):
        read_table(FIXTURES / "legacy.xls", cancelled=lambda: asked.append(1) or len(asked) > 2)
    assert started and started[0].poll() is not None  # gone, not left running in the background


def test_the_parent_unpickles_only_plain_data_and_cell_texts():
    import io
    import pickle

    from smsdesk.core.cells import DateText

    good = pickle.dumps(("rows", [["Ann", DateText("2024-01-02")]]))
    assert workbook_process._Unpickler(io.BytesIO(good)).load()[1][0][1] == DateText("2024-01-02")
    evil = pickle.dumps(("rows", [Path("x")]))
    with pytest.raises(pickle.UnpicklingError):
        workbook_process._Unpickler(io.BytesIO(evil)).load()


def test_limits_grow_with_the_file():
    small, large = workbook_process.limits_for(10_000), workbook_process.limits_for(50_000_000)
    assert small[0] < large[0] and small[1] < large[1] <= workbook_process.MEMORY_LIMIT_MAX
