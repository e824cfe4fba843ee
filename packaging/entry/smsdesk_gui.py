"""Entry script of the frozen GUI executable (SMSDesk): always the app, whatever arguments it is started with."""

import sys

from smsdesk.__main__ import gui_main
from smsdesk.ui.smoke import arm_smoke_quit_at_exec

if __name__ == "__main__":
    arm_smoke_quit_at_exec()  # no-op unless SMSDESK_SMOKE_QUIT_MS is set (release smoke test)
    sys.exit(gui_main())
