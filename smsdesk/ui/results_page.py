"""Step 4, Results: every message of a campaign, live while it sends; pause, resume, cancel, retry, export."""

from __future__ import annotations

import logging
import re
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smsdesk.core.states import CampaignState, MessageState
from smsdesk.ui.app import COLLECTOR
from smsdesk.ui.campaign_worker import CampaignWorker, ProcessCampaignWorker
from smsdesk.ui.numbers import cost_unit
from smsdesk.ui.reasons import error_text
from smsdesk.ui.results_model import COLUMNS, ResultsModel, StatusFilter, row_from_record
from smsdesk.ui.widgets import (
    LiveText,
    ProgressBar,
    duration_text,
    heading,
    hint,
    local_time,
    thousands,
)

if TYPE_CHECKING:
    from smsdesk.store.journal import Campaign
    from smsdesk.store.locks import LockHolder
    from smsdesk.ui.jobs import Job, JobPool
    from smsdesk.ui.prompts import Prompts

log = logging.getLogger(__name__)

# Labels marked for lupdate here and translated where shown (the language is chosen after import).
FILTERS = (
    (QT_TRANSLATE_NOOP("ResultsPage", "All messages"), None),
    (QT_TRANSLATE_NOOP("ResultsPage", "Sent"), (MessageState.SENT,)),
    (QT_TRANSLATE_NOOP("ResultsPage", "Delivered"), ("delivered",)),
    (QT_TRANSLATE_NOOP("ResultsPage", "Failed"), (MessageState.FAILED,)),
    (QT_TRANSLATE_NOOP("ResultsPage", "Not delivered"), ("undelivered",)),
    (QT_TRANSLATE_NOOP("ResultsPage", "Unknown"), (MessageState.UNKNOWN,)),
    (QT_TRANSLATE_NOOP("ResultsPage", "Waiting"), (MessageState.PENDING, MessageState.SENDING)),
    (QT_TRANSLATE_NOOP("ResultsPage", "Skipped"), (MessageState.SKIPPED,)),
)
DELIVERY_REFRESH_SECONDS = 180  # "every few minutes", never faster than the provider allows
RATE_WINDOW_SECONDS = 20
# What a provider adapter says when the connection itself failed (providers.base._transport_error): the request
# did not take effect, the engine tries again, and the user should hear at once that the provider is unreachable.
UNREACHABLE_PREFIX = "Could not reach "
# The engine's wait line (engine/outcomes.py): "Could not reach X: ConnectError; next try in 8 s".
WAITING_SECONDS = re.compile(r"(?:Waiting|next try in) (\d+) s")
BUSY_CHECK_MS = 2000  # while another SMSDesk holds the campaign: how often to look whether it let go
CAMPAIGN_STATE_TEXT = {
    "ready": QT_TRANSLATE_NOOP("ResultsPage", "Ready to send"),
    "scheduled": QT_TRANSLATE_NOOP("ResultsPage", "Scheduled"),
    "running": QT_TRANSLATE_NOOP("ResultsPage", "Sending"),
    "paused": QT_TRANSLATE_NOOP("ResultsPage", "Paused"),
    "cancelled": QT_TRANSLATE_NOOP("ResultsPage", "Cancelled — the rest can be resumed"),
    "stopped": QT_TRANSLATE_NOOP("ResultsPage", "Stopped"),
    "waiting": QT_TRANSLATE_NOOP("ResultsPage", "Waiting"),
    "finished": QT_TRANSLATE_NOOP("ResultsPage", "Finished"),
    "interrupted": QT_TRANSLATE_NOOP("ResultsPage", "Interrupted — the rest can be resumed"),
    "discarded": QT_TRANSLATE_NOOP("ResultsPage", "Closed (the rest was discarded)"),
}
CAMPAIGN_STATE_SHORT = {
    "cancelled": QT_TRANSLATE_NOOP("ResultsPage", "Cancelled"),
    "interrupted": QT_TRANSLATE_NOOP("ResultsPage", "Interrupted"),
}


def campaign_state_text(state: str, short: bool = False) -> str:
    text = (short and CAMPAIGN_STATE_SHORT.get(state)) or CAMPAIGN_STATE_TEXT.get(state)
    return QCoreApplication.translate("ResultsPage", str(text)) if text else state


class ResultsPage(QWidget):
    campaign_changed = Signal()
    state_changed = Signal()

    def __init__(self, db, jobs: JobPool, prompts: Prompts, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.jobs = jobs
        self.prompts = prompts
        self.campaign: Campaign | None = None
        self.campaign_id: str | None = None
        self.worker: CampaignWorker | None = None
        self.load_job: Job | None = None
        self.delivery_job: Job | None = None
        self._after_stop: Callable[[], None] | None = None
        self._progress_samples: deque[tuple[float, int]] = deque()
        self._last_delivery_query = 0.0
        self.last_export: Path | None = None
        self._deliveries_after_load: dict[int, str] | None = None
        self.sync_job: Job | None = None
        self.campaign_state = ""
        # Extra CampaignRunner arguments (tests and benchmarks: smaller batches, fewer requests in flight).
        self.runner_options: dict = {}
        # "auto": the engine in its own process, except for the demo account whose sandbox lives in this one;
        # "thread" / "process" force one (tests, benchmarks).
        self.worker_mode = "auto"

        self.title = heading(self.tr("Results"))
        self.subtitle = QLabel()
        self.subtitle.setObjectName("hint")
        self.subtitle.setWordWrap(True)
        self.state_label = QLabel()
        self.state_label.setObjectName("campaignState")
        self.state_label.setWordWrap(True)

        self.unreachable_box = QFrame()
        self.unreachable_box.setObjectName("warningBox")
        self.unreachable_label = QLabel()
        self.unreachable_label.setWordWrap(True)
        banner = QVBoxLayout(self.unreachable_box)
        banner.setContentsMargins(12, 8, 12, 8)
        banner.addWidget(self.unreachable_label)
        self.unreachable_box.hide()
        self.unreachable_reason: str | None = None
        self.next_try_at: float | None = None

        self.progress = ProgressBar()
        self.progress.setRange(0, 1000)
        # Their text changes with every batch: LiveText repaints itself only, a QLabel would relayout the window.
        self.counts_label = LiveText(minimum_width=420)
        self.counts_label.setObjectName("countsLine")
        self.time_left_label = LiveText(alignment=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.time_left_label.setObjectName("hint")
        self.time_left_label.setFixedWidth(170)

        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setToolTip(self.tr("Stop after the requests in flight; resume any time (Ctrl+P)"))
        self.pause_button.clicked.connect(self.toggle_pause)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(
            self.tr("Stop sending; what is not sent yet stays pending and can be resumed")
        )
        self.cancel_button.clicked.connect(self.cancel)
        self.resume_button = QPushButton(self.tr("Resume sending"))
        self.resume_button.setObjectName("primary")
        self.resume_button.setToolTip(
            self.tr("Send the messages that are still pending (never the sent or unknown ones)")
        )
        self.resume_button.clicked.connect(self.start_sending)
        self.retry_failed_button = QPushButton(self.tr("Retry failed…"))
        self.retry_failed_button.setToolTip(self.tr("Send the failed messages again"))
        self.retry_failed_button.clicked.connect(self.retry_failed)
        self.retry_unknown_button = QPushButton(self.tr("Retry unknown…"))
        self.retry_unknown_button.setToolTip(
            self.tr("Messages whose answer was lost may already have arrived: retrying may text them twice")
        )
        self.retry_unknown_button.clicked.connect(self.retry_unknown)
        self.check_button = QPushButton(self.tr("Check with provider"))
        self.check_button.setToolTip(
            self.tr("Ask the provider which of the unknown messages it received (nothing is sent)")
        )
        self.check_button.clicked.connect(self.check_with_provider)
        # Next to the unknown rows: what "unknown" means here and what the user can do about it.
        self.unknown_note = QLabel()
        self.unknown_note.setObjectName("hint")
        self.unknown_note.setWordWrap(True)
        self.unknown_note.setVisible(False)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Save every row with its status to CSV or Excel (Ctrl+E)"))
        self.export_button.clicked.connect(lambda: self.export())
        self.schedule = None  # store.schedules.CampaignSchedule of the open campaign
        self.cancel_schedule_button = QPushButton(self.tr("Cancel scheduled send…"))
        self.cancel_schedule_button.setToolTip(
            self.tr(
                "Take the scheduled messages back (at the provider where it holds them) before they go out"
            )
        )
        self.cancel_schedule_button.clicked.connect(self.cancel_schedule)
        self.delivery_button = QPushButton(self.tr("Refresh delivery"))
        self.delivery_button.setToolTip(self.tr("Ask the provider which messages reached the phone (F5)"))
        self.delivery_button.clicked.connect(lambda: self.refresh_delivery())
        buttons = QHBoxLayout()
        for button in (
            self.pause_button,
            self.cancel_button,
            self.resume_button,
            self.cancel_schedule_button,
        ):
            # shown by _update_controls (Pause/Cancel while sending, Resume when not): all seven at once would
            # widen the window past 1024 pixels in Danish or Swedish, even for a moment
            button.hide()
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (
            self.retry_failed_button,
            self.check_button,
            self.retry_unknown_button,
            self.delivery_button,
            self.export_button,
        ):
            buttons.addWidget(button)

        self.filter_combo = QComboBox()
        for label, states in FILTERS:
            self.filter_combo.addItem(QCoreApplication.translate("ResultsPage", str(label)), states)
        self.filter_combo.setToolTip(self.tr("Show only messages in this state"))
        self.filter_combo.currentIndexChanged.connect(self._filter_changed)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search number, name, error…"))
        self.search.setClearButtonEnabled(True)
        self.delivery_note = QLabel()
        self.delivery_note.setObjectName("hint")
        self.delivery_note.setMaximumWidth(560)
        self.delivery_note.setWordWrap(
            True
        )  # beside the counts: in Swedish one line would not fit 1024 pixels
        self.delivery_note.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Show:")))
        filters.addWidget(self.filter_combo)
        filters.addWidget(self.search, 1)

        self.model = ResultsModel(self)
        self.proxy = StatusFilter(self)
        # attached to the model only while the user filters or sorts (see _choose_view_model)
        self.search.textChanged.connect(self._search_changed)
        self._sorted = False
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setObjectName("resultsTable")
        # The view reads the model directly until the user filters or sorts: no proxy work per update, and updates
        # to rows scrolled out of sight cost no repaint (see ResultsModel.visible_rows).
        self.table.setModel(self.model)
        self.model.visible_rows = self._visible_rows
        self.table.horizontalHeader().setSectionsClickable(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_changed)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # at least as wide as the header in the GUI's language ("Række", "Leverans"), bold and with the sort arrow
        bold = header.font()
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        for column, width in zip(range(len(COLUMNS)), (52, 145, 115, 125, 130, 150, 45, 50), strict=False):
            title = self.model.headerData(column, Qt.Orientation.Horizontal) or ""
            self.table.setColumnWidth(column, max(width, metrics.horizontalAdvance(title) + 30))

        self.empty = hint(
            self.tr(
                "Nothing sent yet. Results appear here as soon as you send from Review & send, "
                "or when you open a campaign from History."
            )
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.state_label)
        layout.addLayout(top)
        layout.addWidget(self.subtitle)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(10)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.time_left_label)
        body.addWidget(self.unreachable_box)
        body.addLayout(progress_row)
        counts_row = QHBoxLayout()
        counts_row.addWidget(self.counts_label, 1)  # the counts take the room; a stretch beside them cut them
        counts_row.addWidget(self.delivery_note)
        body.addLayout(counts_row)
        body.addLayout(buttons)
        body.addWidget(self.unknown_note)
        body.addLayout(filters)
        body.addWidget(self.table, 1)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.empty, 1)

        self.delivery_timer = QTimer(self)
        self.delivery_timer.timeout.connect(lambda: self.refresh_delivery(automatic=True))
        self.clock = QTimer(self)
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self._update_progress)
        self.busy_timer = QTimer(self)
        self.busy_timer.setInterval(BUSY_CHECK_MS)
        self.busy_timer.timeout.connect(self._busy_check)
        self._update_controls()
        self._visible_rows()  # PySide builds some enum types on first use: not in the middle of a send

    # -- opening -------------------------------------------------------------------------------------------------

    def open_campaign(self, campaign_id: str, *, start: bool = False) -> None:
        if self.is_sending() and campaign_id != self.campaign_id:
            self.prompts.inform(
                self,
                self.tr("A send is running"),
                self.tr("Campaign {id} is still sending. Pause or cancel it before opening another.").format(
                    id=self.campaign_id
                ),
            )
            return
        if self.is_sending():
            return
        from smsdesk.store.journal import Journal

        if campaign_id != self.campaign_id:
            self._check_said: str | None = None  # what "Check with provider" said belongs to its campaign
            self._deliveries_after_load = None  # so do receipts waiting for the rows to load
        self.campaign_id = campaign_id
        self.model.clear()
        self.show_unreachable(None)
        self.delivery_note.setText("")  # "Receipts checked 13:09" was about the campaign shown before
        self._progress_samples.clear()
        self._last_delivery_query = 0.0
        self.title.setText(self.tr("Results"))
        self.subtitle.setText(self.tr("Loading campaign {id}…").format(id=campaign_id))
        source = self.db

        def load(job: Job):
            db = source.open_another()
            try:
                from smsdesk.store import schedules

                journal = Journal(db)
                campaign = journal.get_campaign(campaign_id)
                rows = [row_from_record(record) for record in journal.messages(campaign_id)]
                return campaign, rows, schedules.schedule_of(db, campaign_id)
            finally:
                db.close()

        def loaded(result) -> None:
            if campaign_id != self.campaign_id:
                return
            self.campaign, rows, self.schedule = result
            self.campaign_state = self.campaign.state
            self.model.cost_unit = cost_unit(self.campaign.provider)
            self.model.set_rows(rows)
            deliveries, self._deliveries_after_load = self._deliveries_after_load, None
            if deliveries:
                self.model.apply_deliveries(deliveries)
            COLLECTOR.loaded()
            self._show_header()
            self._update_progress()
            self._update_controls()
            self._schedule_delivery()
            self.state_changed.emit()
            if start:
                self.start_sending()

        self.load_job = self.jobs.start(
            "load results", load, on_success=loaded, on_failure=lambda message: self._error(message)
        )

    def _show_header(self) -> None:
        campaign = self.campaign
        if campaign is None:
            self.title.setText(self.tr("Results"))
            self.subtitle.setText("")
            self.state_label.setText("")
            return
        self.title.setText(self.tr("Results — {campaign}").format(campaign=campaign.name))
        subtitle = self.tr("Campaign {id} · created {created} · account {account}").format(
            id=campaign.id, created=local_time(campaign.created_at), account=campaign.account
        )
        if campaign.provider == "sandbox":
            subtitle += " " + self.tr("(sandbox: no real SMS)")
        self.subtitle.setText(subtitle + self.scheduled_text())
        held = self.scheduled_ahead() and self.schedule is not None and self.schedule.by_provider
        self.model.set_sent_label(
            self.tr("Scheduled") if held else None, self.scheduled_text()[3:] if held else None
        )
        text = campaign_state_text(self.campaign_state)
        if self.campaign_state in (CampaignState.STOPPED, CampaignState.INTERRUPTED) and campaign.stop_reason:
            # why it stopped stays said, whichever reading of the journal drew the header last
            text = f"{text}: {error_text(campaign.stop_reason)}"
        self.state_label.setText(text)
        self.state_label.setProperty("state", self.campaign_state)
        self.state_label.style().unpolish(self.state_label)
        self.state_label.style().polish(self.state_label)

    def scheduled_ahead(self) -> bool:
        from datetime import UTC, datetime

        at = self.schedule.scheduled_at if self.schedule is not None else None
        return at is not None and at > datetime.now(UTC) and self.campaign_state in ("scheduled", "finished")

    def scheduled_text(self) -> str:
        if not self.scheduled_ahead():
            return ""
        assert self.schedule is not None and self.schedule.scheduled_at is not None  # as scheduled_ahead()
        return " · " + self.tr("Scheduled for {when}").format(when=local_time(self.schedule.scheduled_at))

    def cancel_schedule(self) -> None:
        if self.campaign_id is None or self.campaign is None or not self.scheduled_ahead():
            return
        from smsdesk.ui.schedule_cancel import cancel_scheduled_send

        assert self.schedule is not None and self.schedule.scheduled_at is not None  # as scheduled_ahead()
        campaign_id = self.campaign_id

        def done() -> None:
            self.open_campaign(campaign_id)
            self.campaign_changed.emit()

        cancel_scheduled_send(
            self,
            prompts=self.prompts,
            jobs=self.jobs,
            db=self.db,
            campaign_id=campaign_id,
            name=self.campaign.name,
            when=local_time(self.schedule.scheduled_at),
            done=done,
        )

    def _error(self, message: str) -> None:
        self.prompts.inform(self, self.tr("Results"), message, warning=True)

    def page_shown(self) -> None:
        # History may have discarded the rest or cancelled a schedule, another SMSDesk may have sent: read again
        self.sync_with_journal()

    def sync_with_journal(self) -> None:
        """Make the table and its counters what the journal says now, off the GUI thread; only rows that differ
        change. Not while sending: then the run's results are newer than any read of the journal."""
        if self.campaign_id is None or self.is_sending():
            return
        if self.load_job is not None and self.load_job.is_running():
            return  # the load reads the journal itself
        from smsdesk.store.journal import Journal

        source, campaign_id, load_job = self.db, self.campaign_id, self.load_job

        def read(job: Job):
            db = source.open_another()
            try:
                journal = Journal(db)
                campaign = journal.get_campaign(campaign_id)
                return campaign, [row_from_record(record) for record in journal.messages(campaign_id)]
            finally:
                db.close()

        def read_done(result) -> None:
            # a campaign opened meanwhile, a load or a send started since: theirs is the newer word
            if campaign_id != self.campaign_id or self.load_job is not load_job or self.is_sending():
                return
            self.campaign, rows = result
            self.campaign_state = self.campaign.state
            self.model.sync(rows)
            self._show_header()
            self._update_progress()
            self._update_controls()
            self.state_changed.emit()

        self.sync_job = self.jobs.start("read results", read, on_success=read_done, on_failure=self._error)

    # -- sending -------------------------------------------------------------------------------------------------

    def is_sending(self) -> bool:
        return self.worker is not None and self.worker.is_running()

    def start_sending(self) -> None:
        if self.campaign_id is None or self.is_sending() or not self._fresh_enough():
            return
        from smsdesk.store.journal import Journal

        self.busy_timer.stop()
        holder = Journal(self.db).busy_holder(self.campaign_id)
        if holder is not None:
            self._offer_to_wait(holder)
            return
        worker_class = ProcessCampaignWorker if self._send_in_process() else CampaignWorker
        from datetime import UTC, datetime

        from smsdesk.engine.schedule import run_options

        # quiet hours and the campaign's schedule (a small read of the campaign's own row)
        options = run_options(self.db, self.campaign_id, now=datetime.now(UTC)) | self.runner_options
        self.worker = worker_class(self.db.path, self.campaign_id, self, **options)
        self.worker.updates.connect(self._apply_updates)
        self.worker.state_changed.connect(self._campaign_state_changed)
        self.worker.finished.connect(self._worker_finished)
        self._progress_samples.clear()
        self.campaign_state = CampaignState.RUNNING
        COLLECTOR.send_started()
        self.worker.start()
        self.clock.start()
        self._show_header()
        self._update_controls()
        self.state_changed.emit()

    def _fresh_enough(self) -> bool:
        """Stale content (core.schedule.stale_reasons: resumed over 12 hours after it started, or naming a day
        that no longer fits) shows the text again and asks before anything is sent."""
        from datetime import UTC, datetime

        from smsdesk.core.schedule import stale_reasons

        campaign, entry = self.campaign, self.schedule
        if campaign is None or not self.model.counts.get("pending", 0):
            return True
        reasons = stale_reasons(
            campaign.template,
            now=datetime.now(UTC),
            meant_for=(entry.scheduled_at if entry and entry.scheduled_at else None)
            or datetime.fromisoformat(campaign.created_at),
            started_at=entry.started_at if entry else None,
        )
        return not reasons or self.prompts.confirm(
            self,
            self.tr("Still up to date?"),
            self.tr(
                "This campaign may be out of date: {reasons}.\n\nThe text:\n{text}\n\nSend it as it is?"
            ).format(reasons="; ".join(reasons), text=campaign.template),
            ok=self.tr("Send it as it is"),
            cancel=self.tr("Don't send"),
            warning=True,
        )

    def _offer_to_wait(self, holder: LockHolder) -> None:
        """Another live SMSDesk holds this campaign: say which (process id, since when) and offer to start the
        moment it lets go."""
        if self.prompts.confirm(
            self,
            self.tr("Another SMSDesk is sending this campaign"),
            self.tr(
                "Campaign {id} is being sent right now by another SMSDesk window or process on this computer"
                "{which}. Sending it from here too could text people twice.\n\n"
                "Wait here and resume as soon as the other one stops, or close the other window first."
            ).format(id=self.campaign_id, which=self._holder_text(holder)),
            ok=self.tr("Wait and resume"),
            cancel=self.tr("Not now"),
        ):
            self.state_label.setText(self.tr("Waiting for the other SMSDesk to stop sending…"))
            self.busy_timer.start()

    def _holder_text(self, holder: LockHolder) -> str:
        """Who holds the lock, as much as its record tells: " (process 4711, since 02-12-2026 14:03)"."""
        parts = []
        if holder.pid is not None:
            if holder.here:
                parts.append(self.tr("process {pid}").format(pid=holder.pid))
            else:
                parts.append(
                    self.tr("process {pid} on {computer}").format(pid=holder.pid, computer=holder.host)
                )
        if holder.since:
            parts.append(self.tr("since {time}").format(time=local_time(holder.since)))
        return f" ({', '.join(parts)})" if parts else ""

    def _busy_check(self) -> None:
        from smsdesk.store.journal import Journal

        if self.campaign_id is None or self.is_sending():
            self.busy_timer.stop()
        elif not Journal(self.db).is_busy(self.campaign_id):
            self.start_sending()

    def _send_in_process(self) -> bool:

        if self.worker_mode != "auto":
            return self.worker_mode == "process"
        from smsdesk.engine.child import child_command

        if child_command() is None:
            return False  # a frozen build without its console executable beside it
        account = self.db.get_account(self.campaign.account) if self.campaign is not None else None
        # the demo account without a web address talks to the sandbox inside this process
        return not (account is not None and account.provider == "sandbox" and not account.base_url)

    def _apply_updates(self, updates: list) -> None:
        self.model.apply(updates)
        for update in updates:
            error = update.get("error") or ""
            if update.get("state") == "pending" and error.startswith(UNREACHABLE_PREFIX):
                self.show_unreachable(error)
            elif update.get("state") in ("sent", "failed") and UNREACHABLE_PREFIX not in error:
                self.show_unreachable(None)  # an answer came back: the provider is reachable again
        self._update_progress()

    def show_unreachable(
        self, reason: str | None, next_try_in: float | None = None, *, stopped: bool = False
    ) -> None:
        """The banner that says at once that the provider cannot be reached, what to check and when the next try is
        (None hides it). The engine keeps trying in the background; nothing is lost meanwhile."""
        if reason is None:
            if self.unreachable_reason is not None:
                self.unreachable_reason = self.next_try_at = None
                self.unreachable_box.hide()
            return
        self.unreachable_reason = reason
        if next_try_in is not None:
            self.next_try_at = time.time() + next_try_in
        who = reason[len(UNREACHABLE_PREFIX) :].split(":")[0] if reason.startswith(UNREACHABLE_PREFIX) else ""
        who = who or (self.campaign.account if self.campaign is not None else self.tr("the provider"))
        if stopped:
            when = self.tr(
                "Sending has ended: once the connection works again, resume the campaign or retry the failed messages."
            )
        elif self.next_try_at is not None:
            when = self.tr("Next try at {time}.").format(
                time=time.strftime("%H:%M:%S", time.localtime(self.next_try_at))
            )
        else:
            when = self.tr("Trying again shortly.")
        self.unreachable_label.setText(
            self.tr(
                "<b>{who} cannot be reached.</b> Check the internet connection, a proxy or firewall that may block "
                "SMSDesk, and the account's web address (Settings → Manage accounts). SMSDesk keeps trying in the "
                "background and sends nobody twice. {when}"
            ).format(who=who, when=when)
            + f"<br><span style='color:#6b7280'>{reason}</span>"
        )
        self.unreachable_box.show()

    def _campaign_state_changed(self, state: str, reason: str) -> None:
        if state == CampaignState.WAITING and (
            self.unreachable_reason is not None or (reason or "").startswith(UNREACHABLE_PREFIX)
        ):
            seconds = WAITING_SECONDS.search(reason or "")
            said = reason.split("; next try")[0] if reason.startswith(UNREACHABLE_PREFIX) else None
            self.show_unreachable(
                said or self.unreachable_reason, float(seconds.group(1)) if seconds else None
            )
        self.campaign_state = state
        self._show_header()
        if reason and state == CampaignState.WAITING and reason.startswith("waiting "):
            # the send gate: quiet hours or the campaign's time (engine/schedule.py); it goes on by itself
            self.state_label.setText(reason[:1].upper() + reason[1:])
        elif reason and state in ("stopped", "interrupted", "waiting"):
            self.state_label.setText(f"{campaign_state_text(state)}: {error_text(reason)}")
        self._update_controls()
        self.state_changed.emit()

    def _worker_finished(self, error: str) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.wait()
            worker.deleteLater()
            COLLECTOR.send_ended()
        self.clock.stop()
        from smsdesk.store.journal import Journal

        if self.campaign_id is not None:
            self.campaign = Journal(self.db).get_campaign(self.campaign_id)
            self.campaign_state = self.campaign.state
            if self.campaign.stop_reason and self.campaign.state in (CampaignState.STOPPED,):
                error = error or self.campaign.stop_reason
        self._show_header()
        if self.unreachable_reason is not None:
            self.show_unreachable(self.unreachable_reason, stopped=True)
        if error and self.campaign_state in ("stopped", "interrupted", "ready", "running"):
            self.state_label.setText(self.tr("Stopped: {reason}").format(reason=error_text(error)))
        self._update_progress()
        self._update_controls()
        self.sync_with_journal()  # a result recorded but never heard of (a child killed mid-line) shows now
        self._schedule_delivery()
        self.campaign_changed.emit()
        self.state_changed.emit()
        if self._after_stop is not None:
            callback, self._after_stop = self._after_stop, None
            callback()
        elif error and self.campaign_state != "finished":
            self.prompts.inform(self, self.tr("Sending stopped"), error_text(error), warning=True)

    def toggle_pause(self) -> None:
        if not self.is_sending():
            return
        assert self.worker is not None  # is_sending() says so
        if self.worker.paused:
            self.worker.resume()
            self.campaign_state = CampaignState.RUNNING
        else:
            self.worker.pause()
            self.campaign_state = CampaignState.PAUSED
        self._show_header()
        self._update_controls()

    def cancel(self) -> None:
        if not self.is_sending():
            return
        assert self.worker is not None  # is_sending() says so
        if self.prompts.confirm(
            self,
            self.tr("Cancel sending?"),
            self.tr(
                "Stop sending now? Messages not sent yet stay pending: you can resume them later from History."
            ),
            ok=self.tr("Stop sending"),
            cancel=self.tr("Keep sending"),
        ):
            self.worker.cancel()
            self.cancel_button.setEnabled(False)

    def stop_for_quit(self, then: Callable[[], None]) -> None:
        """Cancel the run and call `then` once its thread has ended (the window closes without blocking)."""
        if not self.is_sending():
            then()
            return
        assert self.worker is not None  # is_sending() says so
        self._after_stop = then
        self.worker.cancel()

    def shutdown(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait(30000)
            self.worker.timer.stop()
            self.worker = None
            COLLECTOR.send_ended()
        self.delivery_timer.stop()
        self.busy_timer.stop()
        self.clock.stop()

    # -- retry -----------------------------------------------------------------------------------------------------

    def retry_failed(self) -> None:
        failed = self.model.counts.get("failed", 0)
        if not failed or not self.prompts.confirm(
            self,
            self.tr("Retry failed messages?"),
            self.tr(
                "%n message(s) failed: the provider refused them or could not be reached. Sending again texts "
                "those people again; check the errors first (a wrong number fails again).",
                "",
                failed,
            ),
            ok=self.tr("Send them again"),
            cancel=self.tr("Don't send"),
        ):
            return
        self._retry((MessageState.FAILED,))

    def retry_unknown(self) -> None:
        unknown = self.model.counts.get(MessageState.UNKNOWN, 0)
        if not unknown:
            return
        if not self.prompts.confirm(
            self,
            self.tr("Retry unknown messages?"),
            self.tr(
                "%Ln message(s) may already have reached the phone: the provider's answer was lost "
                "(timeout, connection dropped, crash). Sending again may text those people twice.\n\n"
                "Check the provider's own log first if you can.",
                "",
                unknown,
            ),
            ok=self.tr("Send them again"),
            cancel=self.tr("Don't send"),
            warning=True,
        ):
            return
        self._retry((MessageState.UNKNOWN,))

    def _retry(self, states: tuple[str, ...]) -> None:
        if self.campaign_id is None or self.is_sending():
            return
        from smsdesk.store.journal import Journal

        try:
            changed = Journal(self.db).retry(self.campaign_id, states=states)
        except Exception as exc:  # noqa: BLE001 - journal errors are for the user (busy campaign, locked db)
            self._error(str(exc))
            return
        if changed:
            self.open_campaign(self.campaign_id, start=True)

    # -- export ----------------------------------------------------------------------------------------------------

    def export(self, path: Path | None = None) -> None:
        if self.campaign_id is None:
            self.prompts.inform(
                self, self.tr("Export"), self.tr("Open a campaign first (History), or send one.")
            )
            return
        if path is None:
            folder = Path(self.db.get_setting("last_folder", str(Path.home())) or Path.home())
            path = self.prompts.save_path(
                self,
                self.tr("Export results"),
                folder / self.tr("SMSDesk {campaign}.xlsx").format(campaign=self.campaign_id),
                self.tr("Excel workbook (*.xlsx);;CSV for Excel (*.csv)"),
            )
            if path is None:
                return
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(".xlsx")
        source, campaign_id = self.db, self.campaign_id

        def write(job: Job):
            from smsdesk.engine.export import export_campaign
            from smsdesk.store.journal import Journal

            db = source.open_another()
            try:
                journal = Journal(db)
                return export_campaign(journal, journal.get_campaign(campaign_id), path)[0]
            finally:
                db.close()

        def written(_result) -> None:
            self.last_export = path
            window = self.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(self.tr("Saved {file}").format(file=path), 8000)

        self.export_button.setEnabled(False)
        self.jobs.start(
            "export",
            write,
            on_success=written,
            on_failure=lambda message: self._error(
                self.tr("Could not save {file}: {reason}").format(file=path.name, reason=message)
            ),
            on_done=lambda: self.export_button.setEnabled(self.campaign_id is not None),
        )

    # -- delivery --------------------------------------------------------------------------------------------------

    def _provider_limits(self):
        if self.campaign is None:
            return None
        try:
            from smsdesk.providers import provider_class

            return provider_class(self.campaign.provider).limits
        except Exception:  # noqa: BLE001 - an unknown provider just has no delivery status
            return None

    def _delivery_interval(self) -> float:
        limits = self._provider_limits()
        minimum = limits.delivery_status_min_interval if limits else 0.0
        return max(float(DELIVERY_REFRESH_SECONDS), minimum)

    def _schedule_delivery(self) -> None:
        limits = self._provider_limits()
        if limits is None or not limits.has_delivery_status or not self.model.undelivered_ids():
            self.delivery_timer.stop()
            return
        self.delivery_timer.start(int(self._delivery_interval() * 1000))

    def refresh_delivery(self, automatic: bool = False) -> None:
        limits = self._provider_limits()
        if self.campaign is None or limits is None or not limits.has_delivery_status:
            return
        if self.delivery_job is not None and self.delivery_job.is_running():
            return
        ids = self.model.undelivered_ids()
        if not ids:
            self.delivery_note.setText(self.tr("Every sent message has a final delivery report."))
            return
        wait = limits.delivery_status_min_interval - (time.monotonic() - self._last_delivery_query)
        if wait > 0:
            self.delivery_note.setText(
                self.tr("The provider allows one check every {interval}: next in {wait}").format(
                    interval=duration_text(limits.delivery_status_min_interval), wait=duration_text(wait)
                )
            )
            QTimer.singleShot(int(wait * 1000) + 50, lambda: self.refresh_delivery(automatic=True))
            return
        self._last_delivery_query = time.monotonic()
        account_name, campaign_id, source = self.campaign.account, self.campaign.id, self.db
        self.delivery_note.setText(self.tr("Asking the provider for delivery reports…"))

        def query(job: Job):
            from smsdesk.engine.sender import account_provider
            from smsdesk.store.journal import Journal

            db = source.open_another()
            try:
                with account_provider(db, account_name) as provider:
                    reports = provider.delivery_status(ids)
                journal = Journal(db)
                journal.set_delivery(campaign_id, reports)
                # what the journal now holds, not the reports: the page shows the journal's receipts
                return journal.deliveries(campaign_id)
            finally:
                db.close()

        def answered(deliveries: dict[int, str]) -> None:
            if self.campaign is None or self.campaign.id != campaign_id:
                return
            if self.load_job is not None and self.load_job.is_running():
                # the rows being loaded may have been read before these receipts were written
                self._deliveries_after_load = deliveries
            else:
                self.model.apply_deliveries(deliveries)
            failed = self.model.tally().not_delivered
            self.delivery_note.setText(
                self.tr("Receipts checked {time}").format(
                    time=self.locale().toString(QTime.currentTime(), QLocale.FormatType.ShortFormat)
                )
                + (self.tr(" · {count} not delivered").format(count=thousands(failed)) if failed else "")
            )
            self._update_progress()
            self._schedule_delivery()

        def failed(message: str) -> None:
            self.delivery_note.setText(
                self.tr("Delivery check failed: {reason}").format(reason=error_text(message))
            )

        self.delivery_job = self.jobs.start("delivery status", query, on_success=answered, on_failure=failed)

    # -- unknown messages ------------------------------------------------------------------------------------------

    def _provider_type(self):
        if self.campaign is None:
            return None
        try:
            from smsdesk.providers import provider_class

            return provider_class(self.campaign.provider)
        except Exception:  # noqa: BLE001 - an unknown provider can tell nothing
            return None

    def _show_unknown_note(self, unknown: int) -> None:
        provider = self._provider_type()
        if not unknown or provider is None:
            self.unknown_note.setVisible(False)
            return
        if provider.can_lookup:
            text = self.tr(
                "{0} messages are unknown: their answer was lost on the way. “Check with provider” asks {1} "
                "which of them it received; those it has are marked sent, those it never got failed (then "
                "“Retry failed” sends them once)."
            ).format(thousands(unknown), provider.label)
        else:
            text = self.tr(
                "{0} messages are unknown: their answer was lost on the way, and {1} cannot be asked which "
                "messages it received. Check {1}'s web portal, or use “Retry unknown…” accepting that some "
                "people may get the message twice."
            ).format(thousands(unknown), provider.label)
        self.unknown_note.setText(text)
        self.unknown_note.setVisible(True)

    def check_with_provider(self) -> None:
        provider_type = self._provider_type()
        if (
            self.campaign is None
            or provider_type is None
            or not provider_type.can_lookup
            or self.is_sending()
        ):
            return
        campaign_id, account_name, source = self.campaign.id, self.campaign.account, self.db
        self.check_button.setEnabled(False)
        self.unknown_note.setText(
            self.tr("Asking {0} about the unknown messages…").format(provider_type.label)
        )

        def ask(job: Job):
            from smsdesk.engine.reconcile import reconcile
            from smsdesk.engine.sender import account_provider
            from smsdesk.store.journal import Journal

            db = source.open_another()
            try:
                journal = Journal(db)
                with account_provider(db, account_name) as provider, journal.lock(campaign_id):
                    return reconcile(journal, campaign_id, provider)
            finally:
                db.close()

        def answered(result) -> None:
            if self.campaign is None or self.campaign.id != campaign_id:
                return
            found = sum(1 for record in result.changed if record.state == "sent")
            lines = [
                self.tr("{0} found sent, {1} not received by the provider.").format(
                    thousands(found), thousands(len(result.changed) - found)
                )
            ]
            if result.note:
                lines.append(result.note)
            self.open_campaign(campaign_id)
            self._check_said = " ".join(lines)

        def failed(message: str) -> None:
            self.unknown_note.setText(self.tr("Could not ask the provider: {0}").format(message))
            self._update_controls()

        self.check_job = self.jobs.start("check with provider", ask, on_success=answered, on_failure=failed)

    # -- display -----------------------------------------------------------------------------------------------

    def _filter_changed(self, _index: int) -> None:
        self.proxy.set_states(self.filter_combo.currentData())
        self._choose_view_model()

    def _search_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._choose_view_model()

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        self._sorted = column >= 0
        self._choose_view_model()
        if self._sorted:
            self.proxy.sort(column, order)

    def _choose_view_model(self) -> None:
        """The proxy only while it is needed: attached, it re-checks every changed row on every batch."""
        wanted = self.proxy if (self._sorted or self.proxy.is_filtering()) else self.model
        if self.table.model() is wanted:
            return
        if wanted is self.proxy:
            self.model.visible_rows = None
            self.proxy.setSourceModel(self.model)
            self.table.setModel(self.proxy)
        else:
            self.table.setModel(self.model)
            self.proxy.setSourceModel(None)  # type: ignore[arg-type]  # Qt takes None: detach the model
            self.model.visible_rows = self._visible_rows

    def _visible_rows(self) -> tuple[int, int]:
        """Model rows on screen (the view shows the model directly when this is asked)."""
        viewport = self.table.viewport()
        first = self.table.rowAt(0)
        last = self.table.rowAt(viewport.height() - 1)
        if first < 0:
            return (0, -1) if self.model.rowCount() == 0 else (0, self.model.rowCount() - 1)
        return first, last if last >= 0 else self.model.rowCount() - 1

    def show_filter(self, label: str) -> None:
        labels = [english for english, _states in FILTERS]
        index = labels.index(label) if label in labels else self.filter_combo.findText(label)
        self.filter_combo.setCurrentIndex(index)

    def _update_progress(self) -> None:
        # engine.results.tally: the rule History, the export and the CLI count by
        tally = self.model.tally()
        to_send, waiting, done, sent, skipped = (
            tally.to_send,
            tally.waiting,
            tally.done,
            tally.sent,
            tally.skipped,
        )
        # the bar fills with what was sent: failed and unknown messages are handled, not sent
        self.progress.setValue(int(1000 * sent / to_send) if to_send else 0)
        if not to_send:
            self.progress.setFormat(self.tr("Nothing to send"))
        elif done and not sent:
            self.progress.setFormat(
                self.tr("Nothing sent: {done} of {total} failed or unknown").format(
                    done=thousands(done), total=thousands(to_send)
                )
            )
        else:
            self.progress.setFormat(
                self.tr("{sent} of {total} sent").format(sent=thousands(sent), total=thousands(to_send))
                + (
                    self.tr(" · {other} failed or unknown").format(other=thousands(done - sent))
                    if done > sent
                    else ""
                )
            )
        parts = [
            self.tr("Sent {count}").format(count=thousands(sent)),
            self.tr("Failed {count}").format(count=thousands(tally.failed)),
            self.tr("Unknown {count}").format(count=thousands(tally.unknown)),
            self.tr("Waiting {count}").format(count=thousands(waiting)),
        ]
        if skipped:
            parts.append(self.tr("Skipped {count}").format(count=thousands(skipped)))
        delivered = tally.delivered
        if delivered:
            parts.append(self.tr("Delivered {count}").format(count=thousands(delivered)))
        self.counts_label.setText("  ·  ".join(parts))
        time_left = self._time_left(done, waiting)
        self.time_left_label.setText(time_left)
        if self.time_left_label.isVisibleTo(self) != bool(time_left):
            self.time_left_label.setVisible(bool(time_left))

    def _time_left(self, done: int, waiting: int) -> str:
        if self.worker is None or not self.is_sending() or self.worker.paused:
            self._progress_samples.clear()
            return ""
        now = time.monotonic()
        self._progress_samples.append((now, done))
        while self._progress_samples and now - self._progress_samples[0][0] > RATE_WINDOW_SECONDS:
            self._progress_samples.popleft()
        if self.unreachable_reason is not None:
            return self.tr("waiting for the provider")
        if waiting == 0:
            return self.tr("finishing…")
        first_time, first_done = self._progress_samples[0]
        if now - first_time < 1.5 or done <= first_done:
            return self.tr("estimating time left…")
        rate = (done - first_done) / (now - first_time)
        return self.tr("about {time} left").format(time=duration_text(waiting / rate))

    def _update_controls(self) -> None:
        has_campaign = self.campaign is not None
        self.body.setVisible(has_campaign)
        self.empty.setVisible(not has_campaign)
        sending = self.is_sending()
        counts = self.model.counts
        self.pause_button.setEnabled(sending)
        self.pause_button.setText(
            self.tr("Resume")
            if sending and self.worker is not None and self.worker.paused
            else self.tr("Pause")
        )
        self.cancel_button.setEnabled(sending)
        closed = self.campaign_state in ("finished", "discarded")
        can_resume = has_campaign and not sending and not closed and counts.get("pending", 0) > 0
        # Retry buttons could not be used while sending anyway; hidden, the row fits a small screen beside Pause and
        # Cancel. Every hide goes before any show: all seven at once would widen the window, even for a moment.
        visible = {
            self.resume_button: can_resume and self.campaign_state != CampaignState.SCHEDULED,
            self.cancel_schedule_button: has_campaign and not sending and self.scheduled_ahead(),
            self.cancel_button: sending,
            self.pause_button: sending,
            # a retry with nothing to retry is not offered at all: the row must fit 1024 pixels beside Resume and
            # "Check with provider"
            self.retry_failed_button: not sending and counts.get("failed", 0) > 0,
            self.retry_unknown_button: not sending and counts.get("unknown", 0) > 0,
        }
        for shown in (False, True):
            for button, wanted in visible.items():
                if wanted == shown:
                    button.setVisible(shown)
        self.retry_failed_button.setEnabled(has_campaign and not sending and counts.get("failed", 0) > 0)
        self.retry_unknown_button.setEnabled(has_campaign and not sending and counts.get("unknown", 0) > 0)
        self.export_button.setEnabled(has_campaign)
        unknown = counts.get("unknown", 0) if has_campaign else 0
        provider_type = self._provider_type()
        can_tell = bool(provider_type is not None and provider_type.can_lookup)
        self.check_button.setVisible(can_tell)
        self.check_button.setEnabled(can_tell and not sending and unknown > 0)
        self._show_unknown_note(unknown if not sending else 0)
        said = getattr(self, "_check_said", None)
        if said and self.unknown_note.isVisibleTo(self) and unknown:
            self.unknown_note.setText(said + " " + self.unknown_note.text())
        elif said and not unknown:
            self.unknown_note.setText(said)
            self.unknown_note.setVisible(True)
        limits = self._provider_limits()
        can_ask = bool(limits and limits.has_delivery_status)
        self.delivery_button.setEnabled(can_ask)
        if has_campaign and not can_ask:
            self.delivery_button.setToolTip(self.tr("This provider cannot be asked for delivery reports"))
            self.delivery_note.setText("")
