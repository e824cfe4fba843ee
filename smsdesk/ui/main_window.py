"""The main window: a sidebar of steps (Recipients → Message → Review & send → Results), History and Settings."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from smsdesk.ui.draft import Draft
from smsdesk.ui.jobs import JobPool
from smsdesk.ui.prompts import Prompts
from smsdesk.ui.widgets import app_icon

if TYPE_CHECKING:
    from smsdesk.ui.results_page import ResultsPage

log = logging.getLogger(__name__)

RECIPIENTS, MESSAGE, REVIEW, RESULTS, HISTORY, SETTINGS = range(6)
PREBUILD_AFTER_MS = 1500  # the window is up and idle by then
PREBUILD_GAP_MS = 100
COUNTRY_CHOSEN_SETTING = "default_country_chosen"  # set once the user picks one in Settings
# Marked for lupdate; translated where shown (page_title), since the language is chosen after import.
PAGE_TITLES = {
    RECIPIENTS: QT_TRANSLATE_NOOP("MainWindow", "1  Recipients"),
    MESSAGE: QT_TRANSLATE_NOOP("MainWindow", "2  Message"),
    REVIEW: QT_TRANSLATE_NOOP("MainWindow", "3  Review & send"),
    RESULTS: QT_TRANSLATE_NOOP("MainWindow", "4  Results"),
    HISTORY: QT_TRANSLATE_NOOP("MainWindow", "History"),
    SETTINGS: QT_TRANSLATE_NOOP("MainWindow", "Settings"),
}
PAGE_TIPS = {
    RECIPIENTS: QT_TRANSLATE_NOOP("MainWindow", "Open the file with your recipients (Ctrl+1)"),
    MESSAGE: QT_TRANSLATE_NOOP("MainWindow", "Write the message, with placeholders from the file (Ctrl+2)"),
    REVIEW: QT_TRANSLATE_NOOP("MainWindow", "Check the totals, send a test, then send (Ctrl+3)"),
    RESULTS: QT_TRANSLATE_NOOP("MainWindow", "Follow every message of the current send (Ctrl+4)"),
    HISTORY: QT_TRANSLATE_NOOP("MainWindow", "Every campaign sent so far (Ctrl+H)"),
    SETTINGS: QT_TRANSLATE_NOOP(
        "MainWindow", "Language, default country, accounts, prices, opt-out list (Ctrl+,)"
    ),
}


def page_title(index: int) -> str:
    return QCoreApplication.translate("MainWindow", str(PAGE_TITLES[index]))


DEFAULT_SIZE = QSize(1240, 680)  # with title bar and taskbar, inside a 1366x768 laptop screen


def default_size() -> QSize:
    """The first window size: DEFAULT_SIZE, or less on a screen that has less room (title bar spared)."""
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return DEFAULT_SIZE
    room = screen.availableGeometry()
    return QSize(min(DEFAULT_SIZE.width(), room.width()), min(DEFAULT_SIZE.height(), room.height() - 40))


def account_status_text(account_name: str | None, provider: str | None) -> str:
    if not account_name:
        return QCoreApplication.translate("MainWindow", "No account chosen")
    if provider == "sandbox":
        return QCoreApplication.translate("MainWindow", "{account} — no real SMS").format(
            account=account_name
        )
    return QCoreApplication.translate("MainWindow", "Account: {account}").format(account=account_name)


DUE_CHECK_MS = 30_000  # how often the open app looks for scheduled campaigns whose time has come


class MainWindow(QMainWindow):
    campaign_started = Signal(str)

    def __init__(self, db, *, prompts: Prompts | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.prompts = prompts or Prompts()
        self.jobs = JobPool(self)
        self.draft = Draft(self)
        self._follow_language_country()
        self.draft.country = db.default_country
        self._closing = False
        self.setWindowTitle("SMSDesk")
        self.setWindowIcon(app_icon())
        self.resize(default_size())
        self.setAcceptDrops(True)

        # Pages are built when first shown (Recipients at once): start-up stays close to a bare window's.
        self._pages: dict[int, QWidget] = {}
        self.stack = QStackedWidget()
        for _index in PAGE_TITLES:
            self.stack.addWidget(QWidget())
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(16, 16))
        for index in PAGE_TITLES:
            if index == HISTORY:
                spacer = QListWidgetItem("")
                spacer.setFlags(Qt.ItemFlag.NoItemFlags)
                spacer.setSizeHint(QSize(10, 18))
                self.nav.addItem(spacer)
            item = QListWidgetItem(page_title(index))
            item.setData(Qt.ItemDataRole.UserRole, index)
            item.setToolTip(QCoreApplication.translate("MainWindow", str(PAGE_TIPS[index])))
            self.nav.addItem(item)
        self.nav.setFixedWidth(200)
        self.nav.currentItemChanged.connect(self._nav_changed)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.account_label = QLabel()
        self.account_label.setObjectName("accountStatus")
        self.account_label.setToolTip(
            self.tr("The account messages are sent through; change it in Review & send")
        )
        self.statusBar().addPermanentWidget(self.account_label)

        self.draft.account_changed.connect(self._update_status)
        self.page(RECIPIENTS)

        self._build_menus()
        self.go(RECIPIENTS)
        self._update_status()

    def _follow_language_country(self) -> None:
        """Until someone picks a default country in Settings, it follows the GUI's language (SE for Swedish)."""
        from smsdesk.ui import i18n

        if self.db.get_setting(COUNTRY_CHOSEN_SETTING):
            return
        country = i18n.default_country()
        if self.db.default_country != country:
            self.db.set_setting("default_country", country)

    # -- pages -----------------------------------------------------------------------------------------------------

    def page(self, index: int) -> QWidget:
        page = self._pages.get(index)
        if page is None:
            page = self._create_page(index)
            self._pages[index] = page
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
        return page

    def _create_page(self, index: int) -> QWidget:
        db, jobs, prompts = self.db, self.jobs, self.prompts
        page: Any  # each branch builds its own page class and connects that class's signals
        if index == RECIPIENTS:
            from smsdesk.ui.recipients_page import RecipientsPage

            page = RecipientsPage(self.draft, db, jobs, prompts)
            page.next_requested.connect(lambda: self._go_by_key(MESSAGE))  # ready to type, as Ctrl+2
        elif index == MESSAGE:
            from smsdesk.ui.message_page import MessagePage

            page = MessagePage(self.draft, db, jobs, prompts)
            page.back_requested.connect(lambda: self.go(RECIPIENTS))
            page.next_requested.connect(lambda: self.go(REVIEW))
        elif index == REVIEW:
            from smsdesk.ui.review_page import ReviewPage

            page = ReviewPage(self.draft, db, jobs, prompts)
            page.back_requested.connect(lambda: self.go(MESSAGE))
            page.campaign_created.connect(self.start_campaign)
            page.campaign_scheduled.connect(self._campaign_scheduled)
            page.accounts_changed.connect(self._accounts_changed)
        elif index == RESULTS:
            from smsdesk.ui.results_page import ResultsPage

            page = ResultsPage(db, jobs, prompts)
            page.campaign_changed.connect(self._campaigns_changed)
            page.state_changed.connect(self._update_status)
        elif index == HISTORY:
            from smsdesk.ui.history_page import HistoryPage

            page = HistoryPage(db, jobs, prompts)
            page.open_requested.connect(self.open_campaign)
            page.resume_requested.connect(lambda campaign_id: self.open_campaign(campaign_id, resume=True))
        elif index == SETTINGS:
            from smsdesk.ui.settings_page import SettingsPage

            page = SettingsPage(db, jobs, prompts)
            page.accounts_changed.connect(self._accounts_changed)
            page.opt_outs_changed.connect(lambda: self.recipients_page.opt_outs_changed())
            page.default_country_changed.connect(lambda code: self.recipients_page.set_country(code))
        else:
            raise IndexError(index)
        return page

    def built(self, index: int) -> QWidget | None:
        return self._pages.get(index)

    def built_results(self) -> ResultsPage | None:
        """The Results page if it was made (pages are made when first shown)."""
        page = self._pages.get(RESULTS)
        return cast("ResultsPage", page) if page is not None else None

    def sending(self) -> bool:
        results = self.built_results()
        return results is not None and results.is_sending()

    recipients_page = property(lambda self: self.page(RECIPIENTS))
    message_page = property(lambda self: self.page(MESSAGE))
    review_page = property(lambda self: self.page(REVIEW))
    results_page = property(lambda self: self.page(RESULTS))
    history_page = property(lambda self: self.page(HISTORY))
    settings_page = property(lambda self: self.page(SETTINGS))

    def _campaigns_changed(self) -> None:
        if self.built(HISTORY) is not None:
            self.history_page.refresh()

    # -- navigation ------------------------------------------------------------------------------------------------

    def go(self, index: int) -> None:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == index:
                self.nav.setCurrentRow(row)
                return

    def _go_by_key(self, index: int) -> None:
        """A page by its shortcut: Ctrl+2 also puts the cursor in the message, ready to type."""
        self.go(index)
        if index == MESSAGE:
            self.message_page.focus_editor()

    def current_page(self) -> int:
        return self.stack.currentIndex()

    def _nav_changed(self, current: QListWidgetItem | None, _previous=None) -> None:
        if current is None:
            return
        index = current.data(Qt.ItemDataRole.UserRole)
        if index is None:
            return
        page = self.page(index)
        self.stack.setCurrentIndex(index)
        if hasattr(page, "page_shown"):
            page.page_shown()
        self._update_status()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_action = self._action(
            file_menu, self.tr("&Open recipients…"), QKeySequence.StandardKey.Open
        )
        self.open_action.triggered.connect(self._open_file)
        self.export_action = self._action(file_menu, self.tr("&Export results…"), "Ctrl+E")
        self.export_action.triggered.connect(lambda: self.results_page.export())
        file_menu.addSeparator()
        # Some platforms (Windows, offscreen) have no standard Quit key: Ctrl+Q there too
        quit_key = QKeySequence(QKeySequence.StandardKey.Quit)
        quit_action = self._action(
            file_menu, self.tr("&Quit"), quit_key if not quit_key.isEmpty() else "Ctrl+Q"
        )
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)

        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        for index in PAGE_TITLES:
            shortcut = {HISTORY: "Ctrl+H", SETTINGS: "Ctrl+,"}.get(index, f"Ctrl+{index + 1}")
            # "&" would make the next letter a mnemonic ("3 Review _send"): in a menu it is written "&&"
            action = self._action(go_menu, page_title(index).replace("  ", " ").replace("&", "&&"), shortcut)
            action.triggered.connect(lambda _checked=False, target=index: self._go_by_key(target))
            if index == RESULTS:
                go_menu.addSeparator()

        send_menu = self.menuBar().addMenu(self.tr("&Send"))
        send = self._action(send_menu, self.tr("&Send…"), "Ctrl+Return")
        send.setToolTip(self.tr("Review the totals and send (asks before anything goes out)"))
        send.triggered.connect(self._send_from_menu)
        test = self._action(send_menu, self.tr("Send a &test to my number"), "Ctrl+T")
        test.triggered.connect(self._test_from_menu)
        send_menu.addSeparator()
        pause = self._action(send_menu, self.tr("&Pause / resume"), "Ctrl+P")
        pause.triggered.connect(lambda: self.results_page.toggle_pause())
        refresh = self._action(send_menu, self.tr("&Refresh delivery status"), "F5")
        refresh.triggered.connect(lambda: self.results_page.refresh_delivery())
        send_menu.addSeparator()
        accounts = self._action(send_menu, self.tr("&Manage accounts…"), None)
        accounts.triggered.connect(lambda: self.review_page.manage_accounts())

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = self._action(help_menu, self.tr("&About SMSDesk"), None)
        about.triggered.connect(self._about)

    def _action(self, menu, text: str, shortcut) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        menu.addAction(action)
        return action

    def _send_from_menu(self) -> None:
        """Always through Review & send: the totals are on screen before the confirmation asks."""
        self.go(REVIEW)
        if self.review_page.send_button.isEnabled():
            self.review_page.send()

    def _test_from_menu(self) -> None:
        self.go(REVIEW)
        if self.review_page.test_button.isEnabled():
            self.review_page.send_test()

    def _open_file(self) -> None:
        self.go(RECIPIENTS)
        self.recipients_page.choose_file()

    def _about(self) -> None:
        from smsdesk import __version__

        QMessageBox.about(
            self,
            self.tr("About SMSDesk"),
            self.tr(
                "<b>SMSDesk {version}</b><br>Bulk SMS from a spreadsheet, with every message followed."
                "<br><br>The built-in Sandbox account sends nothing for real: try everything with it first."
            ).format(version=__version__),
        )

    # -- drops anywhere on the window go to Recipients ------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.recipients_page.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.go(RECIPIENTS)
        self.recipients_page.dropEvent(event)

    # -- status bar ------------------------------------------------------------------------------------------------

    def _accounts_changed(self) -> None:
        for index in (REVIEW, SETTINGS):
            if self.built(index) is not None:
                self.page(index).reload_accounts()  # type: ignore[attr-defined]  # Review and Settings have it
        self._update_status()

    def _update_status(self, *_args) -> None:
        name = self.draft.account or self.db.default_account
        results = self.built_results()
        if self.current_page() == RESULTS and results is not None and results.campaign is not None:
            name = results.campaign.account  # the campaign on screen is sent through its own account
        account = self.db.get_account(name) if name else None
        text = account_status_text(name, account.provider if account else None)
        sandbox = bool(account and account.provider == "sandbox")
        if text == self.account_label.text() and sandbox == self.account_label.property("sandbox"):
            return  # re-polishing a styled label costs a layout pass: only when something changed
        self.account_label.setText(text)
        self.account_label.setProperty("sandbox", sandbox)
        self.account_label.style().unpolish(self.account_label)
        self.account_label.style().polish(self.account_label)

    # -- campaigns -----------------------------------------------------------------------------------------------

    def start_campaign(self, campaign_id: str) -> None:
        self.draft.mark_sent()
        self.go(RESULTS)
        self.results_page.open_campaign(campaign_id, start=True)
        self._campaigns_changed()
        self.campaign_started.emit(campaign_id)

    def _campaign_scheduled(self, campaign_id: str) -> None:
        self.open_campaign(campaign_id)
        self._campaigns_changed()

    def send_due_campaigns(self) -> None:
        """While the app is open: a campaign SMSDesk keeps is started when its time has come (one at a time; the
        next check picks up the next). Read on a worker; the window only decides."""
        if self._closing or self.sending():
            return
        from datetime import UTC, datetime

        source = self.db

        def check(job):
            from smsdesk.store import schedules
            from smsdesk.store.journal import SCHEDULED

            db = source.open_another()
            try:
                return schedules.due(db, datetime.now(UTC), SCHEDULED)
            finally:
                db.close()

        def start(due: list) -> None:
            if due and not self._closing and not self.sending():
                self.open_campaign(due[0], resume=True)

        self.jobs.start(
            "due campaigns",
            check,
            on_success=start,
            on_failure=lambda message: log.warning("could not list due campaigns: %s", message),
        )

    def open_campaign(self, campaign_id: str, resume: bool = False) -> None:
        self.go(RESULTS)
        self.results_page.open_campaign(campaign_id, start=resume)

    def offer_resume(self) -> None:
        """On start-up: campaigns that stopped part-way (crash, quit, account error) can be picked up again.

        The journal is read (and rows a crash left 'sending' marked 'unknown') on a worker, then the user is asked.
        """
        from smsdesk.ui.history_page import interrupted_campaigns

        source = self.db

        def check(job):
            db = source.open_another()
            try:
                return interrupted_campaigns(db)
            finally:
                db.close()

        self.jobs.start(
            "interrupted campaigns",
            check,
            on_success=self._offer_resume,
            on_failure=lambda message: log.warning("could not list interrupted campaigns: %s", message),
        )

    def _offer_resume(self, campaigns: list) -> None:
        from smsdesk.store.journal import CANCELLED
        from smsdesk.ui.history_page import describe_campaign

        # a campaign the user cancelled on purpose waits in History; offering it at every start would nag
        campaigns = [campaign for campaign in campaigns if campaign.state != CANCELLED]
        if not campaigns or self._closing:
            return
        self._campaigns_changed()
        choice = self.prompts.resume_interrupted(self, [describe_campaign(c) for c in campaigns])
        if isinstance(choice, bool):  # a yes/no answer means the first (the only one offered, usually)
            choice = 0 if choice else None
        if choice is None or not 0 <= choice < len(campaigns):
            return
        self.open_campaign(campaigns[choice].id, resume=True)
        if len(campaigns) > 1:
            self.statusBar().showMessage(
                self.tr("Interrupted campaigns still waiting in History: %n.", "", len(campaigns) - 1),
                10000,
            )

    def restore_draft(self) -> None:
        """Bring back what the last session was preparing (file, sheet, phone column, country, message), then keep
        saving it as it changes."""
        from pathlib import Path

        from smsdesk.ui.draft import saved_draft

        saved = saved_draft(self.db)
        if saved.get("country"):
            self.recipients_page.set_country(saved["country"])
        if saved.get("message"):
            self.message_page.set_text(saved["message"])
            # a message already sent stays so after a crash or quit (drafts saved before this key: unsent)
            self.draft.unsent = saved.get("unsent") is not False
        path = Path(saved["file"]) if saved.get("file") else None
        if path is not None and path.is_file():
            self.recipients_page.open_path(
                path, sheet=saved.get("sheet"), phone_column=saved.get("phone_column")
            )
        self.draft.keep_in(self.db)

    def start(self) -> None:
        """After show(): things that may ask the user something, then the other pages while the user reads."""
        self.restore_draft()
        QTimer.singleShot(0, self.offer_resume)
        QTimer.singleShot(PREBUILD_AFTER_MS, self._build_next_page)
        self.due_timer = QTimer(self)
        self.due_timer.setInterval(DUE_CHECK_MS)
        self.due_timer.timeout.connect(self.send_due_campaigns)
        self.due_timer.start()

    def _build_next_page(self) -> None:
        """One page per event-loop turn, so clicking Send later does not also pay for building Results."""
        missing = [index for index in PAGE_TITLES if index not in self._pages]
        if missing and not self._closing:
            self.page(missing[0])
            QTimer.singleShot(PREBUILD_GAP_MS, self._build_next_page)

    # -- closing ---------------------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.built(RESULTS) is not None and self.results_page.is_sending() and not self._closing:
            if not self.prompts.confirm(
                self,
                self.tr("A send is running"),
                self.tr(
                    "Messages are still being sent. Stop now?\n\nThe messages not sent yet stay pending: "
                    "you can resume them from History, and nobody gets a message twice."
                ),
                ok=self.tr("Stop and quit"),
                cancel=self.tr("Keep sending"),
                warning=True,
            ):
                event.ignore()
                return
            self._closing = True
            self.results_page.stop_for_quit(self.close)
            self.statusBar().showMessage(self.tr("Stopping the send after the request in flight…"))
            event.ignore()
            return
        if (
            self.draft.unsent
            and not self._closing
            and not self.prompts.confirm(
                self,
                self.tr("Quit with an unsent message?"),
                self.tr(
                    "The message you wrote has not been sent. It is kept, with the open file, and comes back "
                    "the next time you start SMSDesk."
                ),
                ok=self.tr("Quit"),
                cancel=self.tr("Stay"),
            )
        ):
            event.ignore()
            return
        self.draft.save()
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Stop every worker and wait for its thread: a QThread destroyed while running aborts the process."""
        # build no more pages, start no due campaign and no resume offer: each would read a closed database
        self._closing = True
        self.draft.stop_keeping()
        for page in self._pages.values():
            if hasattr(page, "shutdown"):
                page.shutdown()
        self.jobs.shutdown()
