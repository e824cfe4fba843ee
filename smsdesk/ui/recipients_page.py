"""Step 1, Recipients: open or drop a file, see what was parsed, pick the phone column, see who is excluded and why."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMimeData, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smsdesk.ui.app import COLLECTOR
from smsdesk.ui.reasons import error_text, exclusion_reason, notice_text
from smsdesk.ui.widgets import (
    CountryCombo,
    ProgressBar,
    RowsModel,
    heading,
    hint,
    thousands,
)

if TYPE_CHECKING:
    from smsdesk.ui.draft import Draft
    from smsdesk.ui.jobs import Job, JobPool
    from smsdesk.ui.prompts import Prompts

PREVIEW_ROWS = 200
NOTICES_SHOWN = 3  # the rest are a count: the skipped-rows table is where the detail lives
# Marked for lupdate, translated where shown (the language is chosen after import).
KIND_LABELS = {
    "invalid": QT_TRANSLATE_NOOP("RecipientsPage", "Invalid number"),
    "empty": QT_TRANSLATE_NOOP("RecipientsPage", "No number"),
    "duplicate": QT_TRANSLATE_NOOP("RecipientsPage", "Duplicate"),
    "opted_out": QT_TRANSLATE_NOOP("RecipientsPage", "Opted out"),
}


def supported_suffixes() -> tuple[str, ...]:
    from smsdesk.io.tables import SUPPORTED_SUFFIXES

    return tuple(SUPPORTED_SUFFIXES)


def local_files(mime: QMimeData) -> list[Path]:
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class DropArea(QFrame):
    """The big "drop a file here" target; the whole page accepts drops too."""

    open_clicked = Signal()
    type_clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dropArea")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton(self.tr("Open file…"))
        self.button.setToolTip(self.tr("Choose the file with your recipients (Ctrl+O)"))
        self.button.clicked.connect(self.open_clicked)
        self.type_button = QPushButton(QCoreApplication.translate("RecipientsPage", "Type or paste numbers…"))
        self.type_button.setToolTip(
            QCoreApplication.translate("RecipientsPage", "Send to a few numbers without a spreadsheet")
        )
        self.type_button.clicked.connect(self.type_clicked)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.type_button)
        layout.addWidget(self.button)
        self.set_compact(False)

    def set_compact(self, compact: bool) -> None:
        """Once a file is open the page needs the room for what was read; the target stays for another file."""
        if compact:
            self.label.setText(self.tr("<b>Drop another file here</b> to replace this one."))
            self.button.setText(self.tr("Open another file…"))
        else:
            self.label.setText(
                self.tr(
                    "<b>Drop a spreadsheet or CSV file here</b><br>"
                    "<span>Excel (.xlsx, .xls), OpenDocument (.ods), CSV or text. "
                    "Each row is one recipient; one column holds the phone numbers.</span>"
                )
            )
            self.button.setText(self.tr("Open file…"))
        layout = self.layout()
        if layout is not None:
            layout.setContentsMargins(18, 8 if compact else 14, 18, 8 if compact else 14)

    def set_dragging(self, dragging: bool) -> None:
        self.setProperty("dragging", dragging)
        self.style().unpolish(self)
        self.style().polish(self)


class RecipientsPage(QWidget):
    next_requested = Signal()

    def __init__(self, draft: Draft, db, jobs: JobPool, prompts: Prompts, parent: QWidget | None = None):
        super().__init__(parent)
        self.prompts = prompts
        self.draft = draft
        self.db = db
        self.jobs = jobs
        self.read_job: Job | None = None
        self.plan_job: Job | None = None
        self._plan_generation = 0
        self._read_generation = 0
        self._path: Path | None = None
        self.setAcceptDrops(True)

        self.drop_area = DropArea()
        self.drop_area.open_clicked.connect(self.choose_file)
        self.drop_area.type_clicked.connect(self.show_typing)

        # numbers typed or pasted instead of a file: the same plan, checks and review as a file's column
        self.typed_edit = QPlainTextEdit()
        self.typed_edit.setPlaceholderText(self.tr("20 12 34 56\n+46 70 123 45 67\n…"))
        self.typed_edit.setTabChangesFocus(True)
        self.typed_edit.setMaximumHeight(110)
        self.use_typed_button = QPushButton(self.tr("Use these numbers"))
        self.use_typed_button.setObjectName("primary")
        self.use_typed_button.clicked.connect(lambda: self.use_typed_numbers(self.typed_edit.toPlainText()))
        typed_row = QHBoxLayout()
        typed_row.addWidget(hint(self.tr("One number per line, or separated by commas or semicolons.")), 1)
        typed_row.addWidget(self.use_typed_button)
        self.typed_box = QWidget()
        typed_layout = QVBoxLayout(self.typed_box)
        typed_layout.setContentsMargins(0, 0, 0, 0)
        typed_layout.addWidget(self.typed_edit)
        typed_layout.addLayout(typed_row)
        self.typed_box.hide()

        # file line: name, sheet, progress
        self.file_label = QLabel(self.tr("No file yet."))
        self.file_label.setObjectName("fileLabel")
        self.file_label.setWordWrap(True)  # a long name, the sheet and the details must not widen the window
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setToolTip(self.tr("The sheet of the workbook to read"))
        self.sheet_combo.setMinimumWidth(160)
        self.sheet_combo.activated.connect(self._sheet_chosen)
        self.sheet_label = QLabel(self.tr("Sheet:"))
        self.progress = ProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setFixedWidth(220)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop reading the file"))
        self.cancel_button.clicked.connect(self.cancel_reading)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # What reading changed or could not keep (a quote never closed, formula cells without values, ...).
        self.notice_label = QLabel()
        self.notice_label.setObjectName("hint")
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_label.hide()

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.progress)
        file_row.addWidget(self.cancel_button)
        file_row.addWidget(self.sheet_label)
        file_row.addWidget(self.sheet_combo)

        # settings: phone column and country
        self.phone_combo = QComboBox()
        self.phone_combo.setToolTip(
            self.tr("The column that holds the phone numbers (detected automatically)")
        )
        self.phone_combo.setMinimumWidth(170)
        self.phone_combo.activated.connect(lambda _index: self.rebuild_plan())
        self.country_combo = CountryCombo(db.default_country)
        self.country_combo.setToolTip(
            self.tr(
                "Numbers written without a country code (e.g. 20 12 34 56) are read as numbers of this country"
            )
        )
        self.country_combo.setMinimumWidth(170)
        self.draft.country = db.default_country
        self.country_combo.activated.connect(self._country_chosen)
        options = QFormLayout()
        for caption, field in (
            (self.tr("Phone numbers in column:"), self.phone_combo),
            (self.tr("Numbers without country code are in:"), self.country_combo),
        ):
            label = QLabel(caption)
            label.setWordWrap(True)  # wraps on a small screen instead of pushing the counts off it
            label.setMinimumWidth(120)
            options.addRow(label, field)

        # counts
        self.count_labels: dict[str, QLabel] = {}
        counts = QGridLayout()
        counts.setHorizontalSpacing(18)
        for column, (key, caption, tip) in enumerate(
            (
                ("valid", self.tr("will get the message"), self.tr("Unique valid numbers: one message each")),
                (
                    "duplicate",
                    self.tr("duplicates"),
                    self.tr("Same number as an earlier row (after normalising); skipped"),
                ),
                (
                    "invalid",
                    self.tr("invalid or empty"),
                    self.tr("Not a phone number, or no number in the row; skipped"),
                ),
                ("opted_out", self.tr("opted out"), self.tr("On your opt-out list (Settings); skipped")),
            )
        ):
            number = QLabel("–")
            number.setObjectName(f"count_{key}")
            number.setProperty("countNumber", True)
            number.setToolTip(tip)
            label = QLabel(caption)
            label.setToolTip(tip)
            label.setWordWrap(True)  # "will get the message" wraps rather than being cut to "will get the r"
            counts.addWidget(number, 0, column)
            counts.addWidget(label, 1, column)
            self.count_labels[key] = number
        counts.setColumnStretch(4, 1)

        # preview of the parsed rows
        self.preview_model = RowsModel()
        self.preview_view = QTableView()
        self.preview_view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.preview_view.setModel(self.preview_model)
        self.preview_view.setAlternatingRowColors(True)
        self.preview_view.verticalHeader().setVisible(False)
        self.preview_view.verticalHeader().setDefaultSectionSize(24)
        self.preview_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview_view.horizontalHeader().setStretchLastSection(True)
        self.preview_view.setToolTip(
            self.tr("The first rows as they were read: check the columns look right")
        )
        self.preview_caption = heading(self.tr("What was read"), 2)

        # excluded rows
        self.excluded_model = RowsModel(self.excluded_header())
        self.excluded_proxy = QSortFilterProxyModel(self)
        self.excluded_proxy.setSourceModel(self.excluded_model)
        self.excluded_proxy.setSortRole(Qt.ItemDataRole.UserRole)  # row numbers sort as numbers, not text
        self.excluded_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.excluded_proxy.setFilterKeyColumn(-1)
        self.excluded_view = QTableView()
        self.excluded_view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.excluded_view.setModel(self.excluded_proxy)
        self.excluded_view.verticalHeader().setVisible(False)
        self.excluded_view.verticalHeader().setDefaultSectionSize(24)
        self.excluded_view.setSortingEnabled(True)
        self.excluded_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.excluded_view.horizontalHeader().setStretchLastSection(True)
        self.excluded_view.setAlternatingRowColors(True)
        self.excluded_filter = QLineEdit()
        self.excluded_filter.setPlaceholderText(self.tr("Filter skipped rows…"))
        self.excluded_filter.setClearButtonEnabled(True)
        self.excluded_filter.textChanged.connect(self.excluded_proxy.setFilterFixedString)
        self.excluded_kind = QComboBox()
        self.excluded_kind.addItem(self.tr("All reasons"), "")
        for kind, reason in KIND_LABELS.items():
            self.excluded_kind.addItem(QCoreApplication.translate("RecipientsPage", str(reason)), kind)
        self.excluded_kind.currentIndexChanged.connect(lambda _index: self._fill_excluded())
        self.excluded_caption = heading(self.tr("Skipped rows"), 2)
        excluded_box = QWidget()
        excluded_layout = QVBoxLayout(excluded_box)
        excluded_layout.setContentsMargins(0, 0, 0, 0)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.excluded_caption, 1)
        filter_row.addWidget(self.excluded_kind)
        filter_row.addWidget(self.excluded_filter)
        excluded_layout.addLayout(filter_row)
        excluded_layout.addWidget(self.excluded_view)

        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self.preview_caption)
        preview_layout.addWidget(self.preview_view)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(preview_box)
        self.splitter.addWidget(excluded_box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([300, 200])

        self.empty_hint = hint(
            self.tr(
                "Nothing is sent from this step. After reading the file SMSDesk shows the first rows, the column "
                "it uses for phone numbers and every row it will skip, with the row number you see in Excel."
            )
        )
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        self.next_button = QPushButton(self.tr("Next: write the message  →"))
        self.next_button.setObjectName("primary")
        self.next_button.setToolTip(self.tr("Go on to the message (Ctrl+2)"))
        self.next_button.clicked.connect(self.next_requested)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary_label_widget(), 1)
        bottom.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(heading(self.tr("Recipients")))
        layout.addWidget(self.drop_area)
        layout.addWidget(self.typed_box)
        layout.addLayout(file_row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.notice_label)
        top = QHBoxLayout()
        top.addLayout(options)
        top.addSpacing(30)
        top.addLayout(counts, 1)
        self.options_widget = QWidget()
        self.options_widget.setLayout(top)
        layout.addWidget(self.options_widget)
        layout.addWidget(self.empty_hint, 1)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        self.draft.plan_changed.connect(self._refresh)
        self._refresh()

    def excluded_header(self) -> list[str]:
        return [self.tr("Row"), self.tr("Value"), self.tr("Why it is skipped")]

    def summary_label_widget(self) -> QLabel:
        self.summary_label = QLabel()
        self.summary_label.setObjectName("hint")
        return self.summary_label

    # -- opening files -------------------------------------------------------------------------------------------

    def choose_file(self) -> None:
        start = Path(self.db.get_setting("last_folder", str(Path.home())) or Path.home())
        path = self.prompts.open_path(
            self,
            self.tr("Open recipients"),
            start,
            self.tr(
                "Spreadsheets and text files (*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.ods);;All files (*)"
            ),
        )
        if path is not None:
            self.open_path(path)

    def open_mime(self, mime: QMimeData) -> bool:
        """What a drop does: open the first local file of a supported kind."""
        files = local_files(mime)
        if not files:
            return False
        wanted = [path for path in files if path.suffix.lower() in supported_suffixes()]
        if not wanted:
            self.show_error(
                self.tr("{file}: SMSDesk reads {kinds} files; save the list in one of those formats.").format(
                    file=files[0].name, kinds=", ".join(supported_suffixes())
                )
            )
            return False
        self.open_path(wanted[0])
        return True

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if local_files(event.mimeData()):
            event.acceptProposedAction()
            self.drop_area.set_dragging(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.drop_area.set_dragging(False)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.drop_area.set_dragging(False)
        if self.open_mime(event.mimeData()):
            event.acceptProposedAction()

    def show_typing(self) -> None:
        self.typed_box.show()
        self.typed_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def use_typed_numbers(self, text: str) -> None:
        """Typed or pasted numbers become a one-column table, read like a file from there on."""
        from smsdesk.core.plan import typed_numbers
        from smsdesk.io.tables import Table

        values = typed_numbers(text)
        if not values:
            self.show_error(self.tr("Type or paste at least one number first."))
            return
        self.cancel_reading()
        self.error_label.clear()
        column = self.tr("Number")
        table = Table(
            path=Path(self.tr("Typed numbers")),
            header=[column],
            rows=[[value] for value in values],
            row_numbers=list(range(1, len(values) + 1)),
            header_row=0,
        )
        self.typed_box.hide()
        self._table_read((table, column))

    def open_path(self, path: Path, sheet: str | None = None, phone_column: str | None = None) -> None:
        """Read `path` off the GUI thread; `phone_column` (a restored draft's) wins over the detected column."""
        from smsdesk.core.plan import detect_phone_column
        from smsdesk.io.tables import read_table
        from smsdesk.ui.numbers import number_style

        self.cancel_reading()
        self._path = path
        self.error_label.clear()
        self.file_label.setText(self.tr("Reading <b>{file}</b>…").format(file=path.name))
        self.progress.setValue(0)
        self.progress.setFormat("")
        self.progress.show()
        self.cancel_button.show()
        self.sheet_combo.setEnabled(False)
        self.db.set_setting("last_folder", str(path.parent))

        country = self.draft.country or "DK"
        style = number_style()  # the locale is read here, on the GUI thread; the file is read off it

        def read(job: Job):
            # Workbooks are parsed in a child process: Cancel (job.cancelled) kills it, whatever it is stuck on.
            table = read_table(
                path,
                sheet=sheet,
                country=country,
                progress=job.report,
                cancelled=job.cancelled,
                number_style=style,
            )
            if phone_column is not None and phone_column in table.header:
                return table, phone_column
            return table, detect_phone_column(table.header, table.rows, country=country)

        # A file opened while another is still being read replaces it: the older job's answers are ignored.
        self._read_generation += 1
        generation = self._read_generation

        def current(handler):
            return lambda *args: handler(*args) if generation == self._read_generation else None

        self.read_job = self.jobs.start(
            f"read {path.name}",
            read,
            on_success=current(self._table_read),
            on_failure=current(self._read_failed),
            on_progress=current(self._reading_progress),
            on_cancel=current(self._read_cancelled),
            on_done=current(self._read_done),
        )

    def _reading_progress(self, fraction: float) -> None:
        self.progress.setValue(int(fraction * 100))
        self.progress.setFormat(f"{int(fraction * 100)} %")

    def cancel_reading(self) -> None:
        if self.read_job is not None and self.read_job.is_running():
            self.read_job.cancel()

    def is_busy(self) -> bool:
        return any(job is not None and job.is_running() for job in (self.read_job, self.plan_job))

    def _read_done(self) -> None:
        self.read_job = None
        self.progress.hide()
        self.cancel_button.hide()
        self.sheet_combo.setEnabled(True)

    def _read_cancelled(self) -> None:
        self.file_label.setText(
            self.tr("Reading was cancelled.") if self.draft.table is None else self._file_text()
        )

    def _read_failed(self, message: str) -> None:
        self.show_error(error_text(message))
        self.file_label.setText(
            self.tr("The file could not be read.") if self.draft.table is None else self._file_text()
        )

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _table_read(self, result) -> None:
        table, detected = result
        self.draft.set_table(table)
        self.file_label.setText(self._file_text())
        self._show_notices(table)
        self.sheet_combo.clear()
        for name in table.sheets or []:
            self.sheet_combo.addItem(name)
        if table.sheet:
            self.sheet_combo.setCurrentText(table.sheet)
        self.preview_model.set_data(
            [f"{name}" for name in table.header],
            table.rows[:PREVIEW_ROWS],
        )
        self.preview_view.resizeColumnsToContents()
        self.preview_caption.setText(
            self.tr("What was read — first {shown} of %Ln row(s)", "", len(table.rows)).format(
                shown=thousands(min(PREVIEW_ROWS, len(table.rows)))
            )
        )
        self.phone_combo.clear()
        for name in table.header:
            self.phone_combo.addItem(name, name)
        if not table.rows:
            self.show_error(
                self.tr("{file} has a header row but no rows of recipients under it.").format(
                    file=Path(table.path).name
                )
            )
        elif detected is not None:
            self.phone_combo.setCurrentIndex(self.phone_combo.findData(detected))
        elif table.header:
            self.show_error(
                self.tr(
                    "No column looks like phone numbers. Choose the phone column above "
                    "(or check the file has a header row)."
                )
            )
        self.rebuild_plan()

    def _show_notices(self, table) -> None:
        notices = list(getattr(table, "notices", []) or [])
        if not notices:
            self.notice_label.clear()
            self.notice_label.hide()
            return
        shown = NOTICES_SHOWN
        lines = []
        for notice in notices[:shown]:
            what, done = notice_text(notice.what, notice.done)
            lines.append(
                self.tr("Row {0}: {1}: {2}").format(notice.row, what, done)
                if notice.row
                else f"{what}: {done}"
            )
        if len(notices) > shown:
            lines.append(self.tr("… and {0} more").format(len(notices) - shown))
        self.notice_label.setText(self.tr("While reading the file:") + "\n" + "\n".join(lines))
        self.notice_label.show()

    def _file_text(self) -> str:
        table = self.draft.table
        if table is None:
            return self.tr("No file yet.")
        details = [
            self.tr("%Ln row(s)", "", len(table.rows)),
            self.tr("%Ln column(s)", "", len(table.header)),
        ]
        if table.delimiter:
            names = {
                ",": self.tr("comma"),
                ";": self.tr("semicolon"),
                "\t": self.tr("tab"),
                "|": self.tr("bar"),
            }
            details.append(
                self.tr("separated by {delimiter}").format(
                    delimiter=names.get(table.delimiter, repr(table.delimiter))
                )
            )
        if table.encoding:
            details.append(table.encoding)
        if table.header_row and table.header_row != 1:
            details.append(self.tr("header on row {row}").format(row=table.header_row))
        if table.sheet and table.sheet in (table.sheets or []) and len(table.sheets) > 1:
            # The sheet was chosen by evidence: say which, so a wrong choice is seen before anything is sent.
            details.insert(
                0,
                self.tr("Recipients from sheet '{0}' ({1} of {2})").format(
                    escape(table.sheet), table.sheets.index(table.sheet) + 1, len(table.sheets)
                ),
            )
        return f"<b>{Path(table.path).name}</b> — {', '.join(details)}"

    def _sheet_chosen(self, _index: int) -> None:
        table = self.draft.table
        sheet = self.sheet_combo.currentText()
        if table is not None and sheet and sheet != table.sheet:
            self.open_path(Path(table.path), sheet=sheet)

    # -- the plan ----------------------------------------------------------------------------------------------------

    def set_country(self, code: str) -> None:
        """A new default country (Settings): numbers without a country code are read again with it."""
        changed = code != self.draft.country
        if self.country_combo.set_country(code):
            self.draft.country = code
            if changed and self.draft.table is not None:
                self.rebuild_plan()

    def _country_chosen(self, _index: int) -> None:
        self.draft.country = self.country_combo.currentData() or "DK"
        self.rebuild_plan()

    def phone_column(self) -> str | None:
        return self.phone_combo.currentData()

    def set_phone_column(self, name: str) -> None:
        index = self.phone_combo.findData(name)
        if index >= 0:
            self.phone_combo.setCurrentIndex(index)
            self.rebuild_plan()

    def rebuild_plan(self) -> None:
        """Normalise, dedupe and scrub opt-outs off the GUI thread (phonenumbers on 10,000 rows takes a while)."""
        from smsdesk.core.plan import build_plan

        table = self.draft.table
        if table is None:
            return
        column = self.phone_column()
        country = self.country_combo.currentData() or "DK"
        opt_outs = frozenset(self.db.opt_outs())
        self._plan_generation += 1
        generation = self._plan_generation
        if self.plan_job is not None:
            self.plan_job.cancel()
        self.draft.set_plan(None)
        self.summary_label.setText(self.tr("Checking the numbers…"))

        def plan(job: Job):
            return build_plan(
                table.header,
                table.rows,
                table.row_numbers,
                phone_column=column,
                country=country,
                opt_outs=opt_outs,
            )

        def finished(result) -> None:
            if generation == self._plan_generation:
                self.draft.set_plan(result)
                self._refresh()
                COLLECTOR.loaded()

        def failed(message: str) -> None:
            if generation == self._plan_generation:
                self.show_error(message)
                self._refresh()

        self.plan_job = self.jobs.start("plan", plan, on_success=finished, on_failure=failed)

    def opt_outs_changed(self) -> None:
        if self.draft.table is not None:
            self.rebuild_plan()

    def _fill_excluded(self) -> None:
        plan = self.draft.plan
        kind = self.excluded_kind.currentData()
        rows = []
        if plan is not None:
            for item in plan.excluded:
                if kind and item.kind != kind:
                    continue
                # the row as a number: it sorts as one (UserRole), and RowsModel writes it as numbers.row_label does
                rows.append([item.row, item.value, exclusion_reason(item)])
        self.excluded_model.set_data(self.excluded_header(), rows)
        self.excluded_view.resizeColumnToContents(0)
        self.excluded_view.setColumnWidth(1, max(160, self.excluded_view.columnWidth(1)))

    def _refresh(self) -> None:
        table, plan = self.draft.table, self.draft.plan
        has_table = table is not None
        self.progress.setVisible(self.read_job is not None)
        self.cancel_button.setVisible(self.read_job is not None)
        self.error_label.setVisible(bool(self.error_label.text()))
        has_sheets = bool(table is not None and table.sheets and len(table.sheets) > 1)
        self.sheet_combo.setVisible(has_sheets)
        self.sheet_label.setVisible(has_sheets)
        self.options_widget.setVisible(has_table)
        self.splitter.setVisible(has_table)
        self.drop_area.set_compact(has_table)
        self.empty_hint.setVisible(not has_table)
        if plan is None:
            for label in self.count_labels.values():
                label.setText("–")
            self.next_button.setEnabled(False)
            self.summary_label.setText("" if has_table else self.tr("Open a file to begin."))
            self._fill_excluded()
            return
        self.count_labels["valid"].setText(thousands(plan.valid))
        self.count_labels["duplicate"].setText(thousands(plan.duplicates))
        self.count_labels["invalid"].setText(thousands(len(plan.invalid)))
        self.count_labels["opted_out"].setText(thousands(plan.opted_out))
        self._fill_excluded()
        self.excluded_caption.setText(
            self.tr("Skipped rows ({count})").format(count=thousands(len(plan.excluded)))
            if plan.excluded
            else self.tr("Skipped rows — none")
        )
        self.next_button.setEnabled(plan.valid > 0)
        if plan.valid:
            self.summary_label.setText(self.tr("%Ln recipient(s) ready.", "", plan.valid))
        else:
            self.summary_label.setText(
                self.tr("No valid phone numbers: check the phone column and the country.")
            )
