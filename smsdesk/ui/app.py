"""GUI entry point: builds the QApplication and the main window."""

from __future__ import annotations

import sys


def run_gui(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("SMSDesk")
    window = QMainWindow()
    window.setWindowTitle("SMSDesk")
    window.setCentralWidget(QLabel("SMSDesk"))
    window.resize(1280, 800)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(run_gui(sys.argv))
