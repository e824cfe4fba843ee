"""The app for the GUI crash test (test_crash_gui.py), in its own process, with a scripted user inside it.

The process has to be the app (the test SIGKILLs it), and QTest's key and mouse events only reach widgets of the
process that sends them: so the user is a script here, driving the real app (smsdesk.ui.app.run_gui, as
`smsdesk` starts it, with the real dialogs) through pytest-qt's qtbot, as the in-process UI tests do.

    python -m tests.ui.crash_window send FILE ACCOUNT NAME
        Open file… (FILE typed into the file dialog), Next, type the message, Next, pick ACCOUNT on Review, name
        the campaign NAME, untick Keep quiet hours, Send…, confirm. Prints `sending CAMPAIGN_ID` once a few
        messages are sent, then sends on until it is killed.
    python -m tests.ui.crash_window resume NAME
        The app starts again: in its resume offer, click NAME and Show and resume. Prints `offered: LINE` for each
        campaign offered and `finished CAMPAIGN_ID` once the resumed campaign has finished, then quits.

Every dialog that opens is printed (`dialog: TITLE`); one the script does not expect stays open, so the test
times out with its title in the log. A failing step prints `script failed:` with the traceback and the process
ends at once with exit status 3.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLineEdit, QMessageBox, QWidget
from pytestqt.qt_compat import qt_api

qt_api.set_qt_api("pyside6")

from pytestqt.qtbot import QtBot  # noqa: E402 (needs the Qt binding chosen first)

from smsdesk.ui.app import create_app, run_gui  # noqa: E402
from smsdesk.ui.main_window import MESSAGE, RESULTS, REVIEW, MainWindow  # noqa: E402
from smsdesk.ui.prompts import ResumeDialog  # noqa: E402
from tests.ui.test_flow import type_text  # noqa: E402

MESSAGE_TEXT = "Hej {Navn}, julefrokosten er fredag kl. 18."
SENT_BEFORE_READY = 5
LEFT = Qt.MouseButton.LeftButton
STEP_MS = 60_000  # generous: two cores shared with other test runs

bot = QtBot(None)  # its mouse, key and wait helpers need no pytest request


def say(line: str) -> None:
    print(line, flush=True)


def accept_button(box: QMessageBox | QDialogButtonBox):
    """The box's yes (Send…, Show and resume): the button with the accept role, whatever its translated text."""
    accept = (
        QMessageBox.ButtonRole.AcceptRole
        if isinstance(box, QMessageBox)
        else QDialogButtonBox.ButtonRole.AcceptRole
    )
    return next(button for button in box.buttons() if box.buttonRole(button) == accept)


class Dialogs:
    """Answers modal dialogs as they open. A timer, not the script's next line: a dialog's exec() runs its own
    event loop beneath whatever the script was doing, and only events (a timer's) reach code from inside it."""

    def __init__(self) -> None:
        self.answers: list[tuple[Callable[[QWidget], bool], Callable[[QWidget], None]]] = []
        self.seen: list[QWidget] = []
        self.pending: QWidget | None = None
        self.timer = QTimer()
        self.timer.setInterval(50)
        self.timer.timeout.connect(self.look)
        self.timer.start()

    def answer(self, matches: Callable[[QWidget], bool], action: Callable[[QWidget], None]) -> None:
        self.answers.append((matches, action))

    def look(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or not widget.isVisible() or any(widget is seen for seen in self.seen):
            return
        if widget is not self.pending:  # one more tick: shown and laid out before it is clicked
            self.pending = widget
            return
        self.seen.append(widget)
        say(f"dialog: {widget.windowTitle()}")
        for matches, action in self.answers:
            if matches(widget):
                try:
                    action(widget)
                except Exception:
                    fail()
                return


def fail() -> None:
    # At once: QApplication.exit() would leave the script's own wait loops spinning on an event loop that is over
    say("script failed:\n" + traceback.format_exc())
    os._exit(3)


def main_window() -> MainWindow:
    def shown() -> MainWindow | None:
        return next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None
        )

    bot.waitUntil(lambda: shown() is not None, timeout=STEP_MS)
    window = shown()
    assert window is not None
    return window


def type_path(dialog: QWidget, path: Path) -> None:
    edit = dialog.findChild(QLineEdit, "fileNameEdit")
    assert edit is not None, "the file dialog has no file name field"
    bot.mouseClick(edit, LEFT)
    bot.keyClicks(edit, str(path))
    bot.keyClick(edit, Qt.Key.Key_Return)


def pick_account(combo, account: str) -> None:
    """Open the drop-down and click the account, as a user picks it."""
    index = combo.findData(account)
    assert index >= 0, f"{account} is not offered on Review"
    bot.mouseClick(combo, LEFT)
    view = combo.view()
    bot.waitUntil(lambda: view.isVisible(), timeout=STEP_MS)
    # a release that comes within a double-click's time of the popup opening is taken as the opening click's own
    bot.wait(QApplication.doubleClickInterval() + 200)
    rect = view.visualRect(combo.model().index(index, 0))
    bot.mouseClick(view.viewport(), LEFT, pos=rect.center())
    bot.waitUntil(lambda: not view.isVisible(), timeout=STEP_MS)
    assert combo.currentData() == account


def send(dialogs: Dialogs, path: Path, account: str, name: str) -> None:
    send_title = QCoreApplication.translate("ReviewPage", "Send now?")
    dialogs.answer(lambda w: isinstance(w, QFileDialog), lambda w: type_path(w, path))
    dialogs.answer(
        lambda w: isinstance(w, QMessageBox) and w.windowTitle() == send_title,
        lambda w: bot.mouseClick(accept_button(w), LEFT),
    )
    window = main_window()
    recipients = window.recipients_page
    bot.mouseClick(recipients.drop_area.button, LEFT)  # the file dialog opens; Dialogs types the path
    bot.waitUntil(
        lambda: window.draft.plan is not None and recipients.next_button.isEnabled(), timeout=STEP_MS
    )
    bot.mouseClick(recipients.next_button, LEFT)
    assert window.current_page() == MESSAGE

    message = window.message_page
    bot.mouseClick(message.editor.viewport(), LEFT)
    type_text(bot, message.editor, MESSAGE_TEXT)
    bot.waitUntil(lambda: message.next_button.isEnabled(), timeout=STEP_MS)
    bot.mouseClick(message.next_button, LEFT)
    assert window.current_page() == REVIEW

    review = window.review_page
    pick_account(review.account_combo, account)
    if review.quiet_check.isChecked():  # the test must not wait for 08:00 when it runs in the evening
        bot.mouseClick(review.quiet_check, LEFT)
    assert not review.quiet_check.isChecked()
    bot.mouseClick(review.name_edit, LEFT)
    bot.keyClick(review.name_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    bot.keyClicks(review.name_edit, name)
    bot.waitUntil(lambda: review.send_button.isEnabled() and not review.is_busy(), timeout=STEP_MS)
    bot.mouseClick(review.send_button, LEFT)  # the confirmation opens; Dialogs presses its Send button

    results = window.results_page
    bot.waitUntil(
        lambda: (
            window.current_page() == RESULTS
            and results.campaign_id is not None
            and results.model.counts.get("sent", 0) >= SENT_BEFORE_READY
        ),
        timeout=STEP_MS,
    )
    say(f"sending {results.campaign_id}")


def resume(dialogs: Dialogs, name: str) -> None:
    def pick(dialog: QWidget) -> None:
        assert isinstance(dialog, ResumeDialog)
        lines = [dialog.list.item(row).text() for row in range(dialog.list.count())]
        for line in lines:
            say(f"offered: {line}")
        row = next(row for row, line in enumerate(lines) if line.startswith(f"{name} ("))
        item = dialog.list.item(row)
        bot.mouseClick(dialog.list.viewport(), LEFT, pos=dialog.list.visualItemRect(item).center())
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        bot.mouseClick(accept_button(buttons), LEFT)  # "Show and resume"

    dialogs.answer(lambda w: isinstance(w, ResumeDialog), pick)
    window = main_window()
    results = window.results_page
    bot.waitUntil(
        lambda: (
            window.built(RESULTS) is not None
            and results.campaign_id is not None
            and results.campaign_state == "finished"
            and not results.is_sending()
        ),
        timeout=5 * STEP_MS,
    )
    say(f"finished {results.campaign_id}")
    QApplication.quit()


def main() -> int:
    mode, args = sys.argv[1], sys.argv[2:]
    app = create_app(sys.argv[:1])  # run_gui uses this one
    dialogs = Dialogs()

    def script() -> None:
        try:
            if mode == "send":
                send(dialogs, Path(args[0]), args[1], args[2])
            else:
                resume(dialogs, args[0])
        except Exception:
            fail()

    QTimer.singleShot(0, script)
    code = run_gui(sys.argv[:1])
    del app
    return code


if __name__ == "__main__":
    sys.exit(main())
