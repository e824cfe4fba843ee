"""A hidden hook for smoke-testing a build: with SMSDESK_SMOKE_QUIT_MS=N set, the app prints a marker line once its
main window is on screen and quits cleanly N milliseconds later (saving the window to SMSDESK_SMOKE_SCREENSHOT first,
when that names a PNG file). Without the variable nothing here does anything.

The frozen app's smoke test (tests/test_frozen_build.py) relies on it: an offscreen GUI gives no other sign from
outside that its window really opened. Qt is imported only inside the functions, so importing this module costs
nothing until the hook is armed.
"""

from __future__ import annotations

import os
import sys
from typing import Any

ENV_VAR = "SMSDESK_SMOKE_QUIT_MS"
SCREENSHOT_ENV_VAR = (
    "SMSDESK_SMOKE_SCREENSHOT"  # optional: a PNG path; the main window is saved there before quitting
)
MARKER = "smsdesk: main window shown"
# Without a main window within this long the app exits 1 instead of hanging the test that started it.
NO_WINDOW_DEADLINE_MS = 120_000
_INSTALLED_PROPERTY = "smsdeskSmokeQuitInstalled"

_keep_alive: list[Any] = []  # the event filter must outlive install_smoke_quit's frame


def smoke_quit_delay_ms() -> int | None:
    """The requested delay, or None when the hook is off (variable unset, empty or not a number)."""
    value = os.environ.get(ENV_VAR, "").strip()
    try:
        return max(0, int(value)) if value else None
    except ValueError:
        return None


def _say(line: str) -> None:
    if sys.stdout is not None:  # a windowed Windows executable has no stdout
        print(line, flush=True)


def install_smoke_quit(app: Any) -> bool:
    """Arm the hook on a QApplication (call it before app.exec()). Returns whether it is armed; safe to call twice."""
    delay = smoke_quit_delay_ms()
    if delay is None:
        return False
    if app.property(_INSTALLED_PROPERTY):
        return True
    app.setProperty(_INSTALLED_PROPERTY, True)

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QMainWindow

    state = {"shown": False}

    def announce(window: QMainWindow) -> None:
        if state["shown"]:
            return
        state["shown"] = True
        _say(f"{MARKER}: {window.windowTitle()!r}")
        from PySide6.QtCore import QLocale

        menus = [action.text() for action in window.menuBar().actions()] if window.menuBar() else []
        from smsdesk.ui.widgets import country_name

        # a country's name proves Babel's CLDR data for the language made it into the folder
        _say(f"smsdesk: locale {QLocale().name()}, menus {menus!r}, Sweden is {country_name('SE')!r}")

        def finish() -> None:
            screenshot = os.environ.get(SCREENSHOT_ENV_VAR)
            if screenshot:
                saved = window.grab().save(screenshot, "PNG")
                _say(f"smsdesk: screenshot {'saved to' if saved else 'could not be saved to'} {screenshot}")
            app.quit()

        QTimer.singleShot(delay, finish)

    class _ShowWatcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt's name
            if event.type() == QEvent.Type.Show and isinstance(watched, QMainWindow) and watched.isWindow():
                announce(watched)
            return False

    watcher = _ShowWatcher(app)
    _keep_alive.append(watcher)
    app.installEventFilter(watcher)
    # The window may already be visible: show() delivers its Show event at once, before app.exec() runs.
    for widget in app.topLevelWidgets():
        if isinstance(widget, QMainWindow) and widget.isVisible():
            announce(widget)
            break

    def give_up() -> None:
        if not state["shown"]:
            _say("smsdesk: smoke hook saw no main window")
            app.exit(1)

    QTimer.singleShot(NO_WINDOW_DEADLINE_MS, give_up)
    return True


def arm_smoke_quit_at_exec() -> bool:
    """For entry points that do not build the QApplication themselves (the frozen GUI executable): arm the hook on
    whichever QApplication enters its event loop first. Only patches anything when the variable is set."""
    if smoke_quit_delay_ms() is None:
        return False
    from PySide6.QtWidgets import QApplication

    original_exec = QApplication.exec

    def exec_with_smoke_quit(self: QApplication, *args: Any) -> int:
        install_smoke_quit(self)
        return original_exec(*args)  # static in PySide6: takes no instance

    QApplication.exec = exec_with_smoke_quit  # type: ignore[method-assign, assignment]  # smoke test only
    return True
