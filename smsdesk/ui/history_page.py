"""History: every campaign with its date, account and totals; open one, resume an interrupted one."""

from __future__ import annotations

import logging
from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QTableView, QVBoxLayout, QWidget

from smsdesk.engine.results import tally as campaign_tally
from smsdesk.ui.numbers import cost_unit, money_text
from smsdesk.ui.results_page import campaign_state_text
from smsdesk.ui.widgets import RowsModel, heading, hint, local_time, thousands

if TYPE_CHECKING:
    from smsdesk.ui.jobs import JobPool
    from smsdesk.ui.prompts import Prompts

log = logging.getLogger(__name__)

# Marked for lupdate, translated where shown (the language is chosen after import).
HEADER = [
    QT_TRANSLATE_NOOP("HistoryPage", "Date"),
    QT_TRANSLATE_NOOP("HistoryPage", "Campaign"),
    QT_TRANSLATE_NOOP("HistoryPage", "Account"),
    QT_TRANSLATE_NOOP("HistoryPage", "Status"),
    QT_TRANSLATE_NOOP("HistoryPage", "Recipients"),
    QT_TRANSLATE_NOOP("HistoryPage", "Sent"),
    QT_TRANSLATE_NOOP("HistoryPage", "Failed"),
    QT_TRANSLATE_NOOP("HistoryPage", "Unknown"),
    QT_TRANSLATE_NOOP("HistoryPage", "Waiting"),
    QT_TRANSLATE_NOOP("HistoryPage", "SMS"),
    QT_TRANSLATE_NOOP("HistoryPage", "Cost"),
]


def interrupted_campaigns(db) -> list:
    """Mark rows a crash left 'sending' as 'unknown', then list campaigns with messages still to send."""
    from smsdesk.store.journal import Journal

    journal = Journal(db)
    journal.recover_interrupted()
    return journal.interrupted_campaigns()


def describe_campaign(campaign) -> str:
    tally = campaign_tally(campaign.counts)
    when = local_time(campaign.created_at)
    text = QCoreApplication.translate(
        "History", "{name} ({when}, {account}): {sent} of {total} sent, {waiting} waiting"
    )
    text = text.format(
        name=campaign.name,
        when=when,
        account=campaign.account,
        sent=thousands(tally.sent),
        total=thousands(tally.to_send),
        waiting=thousands(tally.waiting),
    )
    if tally.unknown:
        # unknown ones are never resumed: the user must know they exist before deciding
        text += History().unknown_note(tally.unknown)
    return text


class History(QObject):
    """History's counted words: self.tr is the one form lupdate reads as a plural text."""

    def unknown_note(self, unknown: int) -> str:
        return self.tr(", %Ln unknown (may have arrived; not sent again unless you ask)", "", unknown)


class HistoryPage(QWidget):
    open_requested = Signal(str)
    resume_requested = Signal(str)

    def __init__(self, db, jobs: JobPool, prompts: Prompts, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.jobs = jobs
        self.prompts = prompts
        self.campaigns: list = []
        self.schedules: dict = {}  # campaign id -> store.schedules.CampaignSchedule, loaded with the list
        self.loading = False
        self._generation = 0

        self.model = RowsModel([QCoreApplication.translate("HistoryPage", str(title)) for title in HEADER])
        self.model.right_aligned = frozenset(
            range(HEADER.index("Recipients"), len(HEADER))
        )  # counts and cost
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setToolTip(self.tr("See every message of this campaign (double-click)"))
        self.open_button.clicked.connect(self.open_selected)
        self.resume_button = QPushButton(self.tr("Resume"))
        self.resume_button.setObjectName("primary")
        self.resume_button.setToolTip(
            self.tr("Send the messages that were never sent (never the sent or unknown ones)")
        )
        self.resume_button.clicked.connect(self.resume_selected)
        self.discard_button = QPushButton(self.tr("Discard the rest…"))
        self.discard_button.setToolTip(
            self.tr("Close the campaign: messages not sent yet will never be sent")
        )
        self.discard_button.clicked.connect(self.discard_selected)
        self.cancel_schedule_button = QPushButton(self.tr("Cancel scheduled send…"))
        self.cancel_schedule_button.setToolTip(
            self.tr(
                "A campaign waiting for its time: it will not be sent (provider-scheduled ones: open them)"
            )
        )
        self.cancel_schedule_button.clicked.connect(self.cancel_schedule_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.resume_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_schedule_button)
        buttons.addWidget(self.discard_button)

        self.empty = hint(
            self.tr("No campaigns yet. Every send appears here with its totals, and can be opened again.")
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(heading(self.tr("History")))
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        self.refresh()

    def page_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Reload the list off the GUI thread: totals are sums over every message of every campaign."""
        from smsdesk.store import schedules
        from smsdesk.store.journal import Journal

        source = self.db
        self._generation += 1
        generation = self._generation

        def load(job):
            db = source.open_another()
            try:
                return Journal(db).list_campaigns(), schedules.all_schedules(db)
            finally:
                db.close()

        def loaded(result) -> None:
            if generation == self._generation:
                campaigns, self.schedules = result
                self.show_campaigns(campaigns)

        def failed(message: str) -> None:
            log.warning("could not list campaigns: %s", message)
            if generation == self._generation:
                self.show_campaigns([])

        self.loading = True
        self.jobs.start("history", load, on_success=loaded, on_failure=failed)

    def show_campaigns(self, campaigns: list) -> None:
        selected = self.selected()
        self.campaigns = list(campaigns)
        self.loading = False
        rows = []
        # two campaigns of one name started in the same minute would look alike: theirs show the seconds too
        alike = Counter((campaign.name, local_time(campaign.created_at)) for campaign in self.campaigns)
        for campaign in self.campaigns:
            counts = campaign.counts
            tally = campaign_tally(counts)  # the Results page's and the export's way of counting
            when = local_time(campaign.created_at)
            rows.append(
                [
                    local_time(campaign.created_at, seconds=alike[campaign.name, when] > 1),
                    campaign.name,
                    campaign.account,
                    campaign_state_text(campaign.state, short=True),
                    # what the campaign set out to send: rows given up on later still count
                    thousands(tally.to_send + campaign.given_up),
                    thousands(tally.sent),
                    thousands(tally.failed),
                    thousands(tally.unknown),
                    thousands(tally.waiting),
                    thousands(campaign.segments + campaign.given_up_segments),
                    money_text(campaign.cost, cost_unit(campaign.provider))
                    if campaign.cost is not None
                    else "",
                ]
            )
        self.model.set_data([QCoreApplication.translate("HistoryPage", str(title)) for title in HEADER], rows)
        header = self.table.horizontalHeader()
        # every column as wide as its widest cell, the campaign's name included (squeezed to what was left it was
        # unreadable at 1024 pixels in Danish); the last one takes the rest, and the table scrolls if it must
        for column in range(len(HEADER)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        has_rows = bool(rows)
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        if selected is not None:
            self.select(selected.id)
        self._update_buttons()

    def select(self, campaign_id: str) -> None:
        for row, campaign in enumerate(self.campaigns):
            if campaign.id == campaign_id:
                self.table.selectRow(row)
                return

    def selected(self):
        indexes = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not indexes or indexes[0].row() >= len(self.campaigns):
            return None
        return self.campaigns[indexes[0].row()]

    def _update_buttons(self) -> None:
        campaign = self.selected()
        self.open_button.setEnabled(campaign is not None)
        self.resume_button.setEnabled(campaign is not None and campaign.resumable)
        self.discard_button.setEnabled(campaign is not None and campaign.resumable)
        self.cancel_schedule_button.setEnabled(campaign is not None and campaign.state == "scheduled")

    def open_selected(self) -> None:
        campaign = self.selected()
        if campaign is not None:
            self.open_requested.emit(campaign.id)

    def resume_selected(self) -> None:
        campaign = self.selected()
        if campaign is not None and campaign.resumable:
            self.resume_requested.emit(campaign.id)

    def cancel_schedule_selected(self) -> None:
        campaign = self.selected()
        if campaign is None or campaign.state != "scheduled":
            return
        from smsdesk.ui.schedule_cancel import cancel_scheduled_send

        entry = self.schedules.get(campaign.id)
        cancel_scheduled_send(
            self,
            prompts=self.prompts,
            jobs=self.jobs,
            db=self.db,
            campaign_id=campaign.id,
            name=campaign.name,
            when=local_time(entry.scheduled_at) if entry is not None and entry.scheduled_at else "",
            done=self.refresh,
        )

    def discard_selected(self) -> None:
        campaign = self.selected()
        if campaign is None or not campaign.resumable:
            return
        if not self.prompts.confirm(
            self,
            self.tr("Discard the rest?"),
            self.tr(
                "%Ln message(s) of {name} were never sent. "
                "Discarding closes the campaign and they will never be sent. The results so far stay here.",
                "",
                campaign.pending,
            ).format(name=repr(campaign.name)),
            ok=self.tr("Discard"),
            warning=True,
        ):
            return
        from smsdesk.store.journal import Journal

        try:
            Journal(self.db).discard(campaign.id)
        except Exception as exc:  # noqa: BLE001 - e.g. the campaign is being sent in another window
            self.prompts.inform(self, self.tr("Discard"), str(exc), warning=True)
        self.refresh()
