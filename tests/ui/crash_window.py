"""The window for the GUI crash test (test_crash_gui.py), in its own process: it opens and starts the campaign
given on the command line, as Review's Send does, and runs until it is killed.

Run: python tests/ui/crash_window.py CAMPAIGN_ID
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer

from smsdesk.ui.app import create_app, create_window


def main() -> None:
    app = create_app(sys.argv[:1])
    window = create_window()
    window.show()
    QTimer.singleShot(0, lambda: window.start_campaign(sys.argv[1]))
    sys.exit(app.exec())


if __name__ == "__main__":
    main()
