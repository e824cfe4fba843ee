"""GUI fixtures: a fresh database per test (SMSDESK_HOME from tests/conftest.py), the main window with scripted
prompts instead of modal dialogs, and a teardown that stops every worker before any QThread can be destroyed."""

from __future__ import annotations

from pathlib import Path

import pytest

# The offscreen platform plugin warns on every top-level window (it has no window manager to pass size hints to).
# Only that message is ignored; any other Qt warning still fails the test.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(here):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


class ScriptedPrompts:
    """Answers the app's questions without a modal dialog; records what was asked."""

    def __init__(self):
        self.asked: list[tuple[str, str]] = []
        self.answers: dict[str, bool] = {}
        self.default_answer = True
        self.resume_answer = True
        self.text_answer: str | None = "Saved message"
        self.save_answer: Path | None = None
        self.open_answer: Path | None = None

    def confirm(self, parent, title, text, *, ok="OK", cancel="Cancel", warning=False) -> bool:
        self.asked.append((title, text))
        return self.answers.get(title, self.default_answer)

    def inform(self, parent, title, text, *, warning=False) -> None:
        self.asked.append((title, text))

    def ask_text(self, parent, title, label, default=""):
        self.asked.append((title, label))
        return self.text_answer

    def resume_interrupted(self, parent, descriptions) -> bool:
        self.asked.append(("resume", "\n".join(descriptions)))
        return self.resume_answer

    def save_path(self, parent, title, suggested, filters):
        self.asked.append((title, str(suggested)))
        return self.save_answer

    def open_path(self, parent, title, start, filters):
        self.asked.append((title, str(start)))
        return self.open_answer

    def titles(self) -> list[str]:
        return [title for title, _ in self.asked]


@pytest.fixture(autouse=True)
def language(qapp):
    """The GUI in English (with its plural forms) unless a test asks for another: set_language("da"), or
    set_language(None, system="da_DK") for a Danish computer with Settings > Language on System."""
    from PySide6.QtCore import QLocale

    from smsdesk.ui import i18n

    def set_language(choice: str | None, system: str | None = None) -> str:
        return i18n.install(choice, qapp, system=QLocale(system) if system else None)

    set_language("en")
    yield set_language
    set_language("en")


@pytest.fixture
def prompts():
    return ScriptedPrompts()


@pytest.fixture
def make_window(qtbot, db, prompts):
    """make_window() -> a shown MainWindow; stopped and closed at teardown, workers first."""
    from smsdesk.ui.app import apply_style
    from smsdesk.ui.main_window import MainWindow

    windows = []

    def make():
        from PySide6.QtWidgets import QApplication

        apply_style(QApplication.instance())
        window = MainWindow(db, prompts=prompts)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.shutdown()
        assert not window.jobs.running(), "a worker outlived the window"


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def slow_sandbox():
    """The in-process sandbox behind the built-in account, answering after a little latency (so a send can be
    paused half-way); reset afterwards."""
    from smsdesk.sandbox.server import shared_sandbox

    server = shared_sandbox()
    server.state.reset()
    server.state.faults.latency = 0.05
    yield server
    server.state.reset()


def write_customers(path: Path, rows: int = 30) -> Path:
    """A Danish-style semicolon CSV: names, 8-digit numbers written the way people write them, one invalid,
    one duplicate in another format."""
    lines = ["Navn;Telefon;By"]
    towns = ["Aarhus", "Odense", "Aalborg", "Esbjerg", "Vejle"]
    for index in range(rows):
        number = f"{20 + index // 100} {10 + index % 90:02d} {30 + index % 60:02d} {index % 100:02d}"
        lines.append(f"Kunde {index + 1};{number};{towns[index % len(towns)]}")
    lines.append("Ugyldig;12;Aarhus")  # too short
    lines.append("Kunde 1 igen;+45 2010 3000;Aarhus")  # same as row 2, other format
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
