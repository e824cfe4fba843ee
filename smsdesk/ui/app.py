"""GUI entry point: builds the QApplication and the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

# What start-up needs from below the GUI, imported BEFORE PySide6: once PySide6 is loaded, its import hook reads the
# source of every module imported after it, which costs start-up about 30 ms for httpx alone.
from smsdesk.store.db import Database, StoreError

STYLE_SHEET = Path(__file__).resolve().parent / "assets" / "style.qss"

log = logging.getLogger(__name__)


def create_app(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(list(argv or sys.argv))
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


def run_gui(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    app = create_app(argv)
    from smsdesk.ui import i18n

    try:
        db = Database()
    except StoreError as exc:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        i18n.install(None, app)
        QMessageBox.critical(None, QCoreApplication.translate("App", "SMSDesk cannot start"), str(exc))
        return 1
    i18n.install(db.get_setting(i18n.LANGUAGE_SETTING), app)
    window = create_window(db)
    install_error_dialog(window)
    window.show()
    window.start()
    code = app.exec()
    window.shutdown()
    window.db.close()
    return code


if __name__ == "__main__":
    sys.exit(run_gui(sys.argv))
