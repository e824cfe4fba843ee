"""GUI entry point: builds the QApplication and the main window."""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path

# What start-up needs from below the GUI, imported BEFORE PySide6: once PySide6 is loaded, its import hook reads the
# source of every module imported after it, which costs start-up about 30 ms for httpx alone.
from smsdesk.store.db import Database, StoreError

STYLE_SHEET = Path(__file__).resolve().parent / "assets" / "style.qss"

log = logging.getLogger(__name__)


class CollectorPolicy:
    """The GUI process's one garbage-collector policy (the engine sends in its own process and sets none).

    Measured with benchmarks/bench_gui.py, 10,000 recipients loaded: a full collection walks every object and takes
    50-60 ms, longer than a GUI-thread stall may last (50 ms; a keystroke 16 ms). So what a page loaded (a plan, a
    campaign's rows) is moved out of the collector's sight (gc.freeze: reference counting still frees it), and while
    results stream in, collections wait. `undo()` puts the collector back as Python has it.
    """

    def __init__(self) -> None:
        self._sends = 0

    def loaded(self) -> None:
        """A page holds what it just loaded for as long as it shows it. What an earlier load froze is let go first,
        so it is collected again once nothing shows it."""
        gc.unfreeze()
        gc.freeze()

    def send_started(self) -> None:
        if self._sends == 0:
            gc.disable()
        self._sends += 1

    def send_ended(self) -> None:
        self._sends = max(0, self._sends - 1)
        if self._sends == 0:
            gc.enable()

    def undo(self) -> None:
        self._sends = 0
        gc.enable()
        gc.unfreeze()


COLLECTOR = CollectorPolicy()


def create_app(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(list(argv or sys.argv))
    assert isinstance(app, QApplication)  # a widgets app: never a bare QCoreApplication
    app.setApplicationName("SMSDesk")
    app.setOrganizationName("SMSDesk")
    app.setApplicationDisplayName("SMSDesk")
    apply_style(app)
    return app


def apply_style(app) -> None:
    app.setStyle("Fusion")  # the same look on every platform, so screenshots and the manual match
    try:
        # url() in a style sheet is relative to the working directory: point it at our assets folder instead
        assets = STYLE_SHEET.parent.as_posix()
        app.setStyleSheet(STYLE_SHEET.read_text(encoding="utf-8").replace("{assets}", assets))
    except OSError:
        log.warning("style sheet missing: %s", STYLE_SHEET)


def create_window(db=None, prompts=None):
    from smsdesk.ui.main_window import MainWindow

    if db is None:
        db = Database()
    return MainWindow(db, prompts=prompts)


def install_error_dialog(window) -> None:
    """A bug in a slot must not pass silently or end the app: the user gets one sentence, the log the traceback."""

    def report(kind, value, trace) -> None:
        log.error("unexpected error", exc_info=(kind, value, trace))
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        translate = QCoreApplication.translate
        QMessageBox.warning(
            window,
            translate("App", "Something went wrong"),
            translate(
                "App",
                "SMSDesk hit an unexpected error ({error}).\n\n"
                "Nothing already sent or saved is lost: the send journal keeps every message's state. "
                "If this happens again, please report it.",
            ).format(error=f"{kind.__name__}: {value}"),
        )

    sys.excepthook = report


# PySide6 builds SMSDesk refuses to run on (pyproject.toml excludes them too): 6.12.0 drops a reference to None on
# every void call under Python 3.11, which aborts the interpreter after a while.
EXCLUDED_PYSIDE6 = ("6.12.0",)


def excluded_pyside6() -> str | None:
    """A sentence for the user when the installed PySide6 is one SMSDesk cannot run on, else None."""
    from importlib.metadata import PackageNotFoundError, version

    for distribution in ("PySide6-Essentials", "PySide6"):
        try:
            found = version(distribution)
        except PackageNotFoundError:
            continue
        if found in EXCLUDED_PYSIDE6:
            return (
                f"SMSDesk cannot run on {distribution} {found} (it crashes the interpreter); install another "
                "version: pip install -c requirements.lock -e ."
            )
    return None


def run_gui(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    excluded = excluded_pyside6()
    if excluded:
        print(excluded, file=sys.stderr)
        return 1
    app = create_app(argv)
    from smsdesk.ui import i18n
    from smsdesk.ui.startup import open_database

    i18n.install(None, app)  # the system's language until the database says the user's choice
    try:
        db = open_database()  # an empty or damaged database is said, with its backup offered (ui/startup.py)
    except StoreError as exc:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, QCoreApplication.translate("App", "SMSDesk cannot start"), str(exc))
        return 1
    if db is None:
        return 1
    i18n.install(db.get_setting(i18n.LANGUAGE_SETTING), app)
    window = create_window(db)
    install_error_dialog(window)
    window.show()
    window.start()
    code = app.exec()
    window.shutdown()
    window.db.close()
    COLLECTOR.undo()
    return code


if __name__ == "__main__":
    sys.exit(run_gui(sys.argv))
