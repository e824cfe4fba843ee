"""Settings: default country and account, each account's price and speed cap, and the opt-out list."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smsdesk.ui.numbers import currency_of
from smsdesk.ui.widgets import (
    CountryCombo,
    RowsModel,
    heading,
    hint,
    local_time,
    messages_per_minute_spin,
    price_per_segment_spin,
)

if TYPE_CHECKING:
    from smsdesk.ui.jobs import Job, JobPool
    from smsdesk.ui.prompts import Prompts


class SettingsPage(QWidget):
    accounts_changed = Signal()
    opt_outs_changed = Signal()
    default_country_changed = Signal(str)

    def __init__(self, db, jobs: JobPool, prompts: Prompts, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.jobs = jobs
        self.prompts = prompts
        self.opt_out_job: Job | None = None

        # general
        from smsdesk.ui import i18n

        self.language_combo = QComboBox()
        for code, label in (
            (i18n.SYSTEM, self.tr("System")),
            ("da", "Dansk"),
            ("sv", "Svenska"),
            ("en", "English"),
        ):
            self.language_combo.addItem(label, code)
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(db.get_setting(i18n.LANGUAGE_SETTING) or i18n.SYSTEM))
        )
        self.language_combo.setToolTip(
            self.tr("The language of SMSDesk's windows; System follows the computer")
        )
        self.language_combo.activated.connect(self._language_chosen)
        self.language_note = QLabel()
        self.language_note.setObjectName("hint")
        self.language_note.setWordWrap(True)
        self.language_note.hide()
        self.country_combo = CountryCombo(db.default_country)
        self.country_combo.setToolTip(
            self.tr("Numbers without a country code are read as numbers of this country")
        )
        self.country_combo.activated.connect(self._country_chosen)
        self.default_account_combo = QComboBox()
        self.default_account_combo.setToolTip(self.tr("The account chosen when SMSDesk starts"))
        self.default_account_combo.activated.connect(self._default_account_chosen)
        general = QFormLayout()
        general.addRow(self.tr("Language:"), self.language_combo)
        general.addRow("", self.language_note)
        general.addRow(self.tr("Default country:"), self.country_combo)
        general.addRow(self.tr("Default account:"), self.default_account_combo)

        # per account
        self.account_combo = QComboBox()
        self.account_combo.activated.connect(lambda _index: self._show_account())
        self.price_spin = price_per_segment_spin(
            self.tr("What one SMS part costs you; the estimate before sending uses it"),
            currency_of(db.default_country),
        )
        self.rate_spin = messages_per_minute_spin(
            self.tr(" per minute"),
            self.tr(
                "Your own limit, on top of the provider's documented one (some networks flag fast senders as spam)"
            ),
        )
        self.save_account_button = QPushButton(self.tr("Save"))
        self.save_account_button.clicked.connect(self.save_account_settings)
        self.manage_button = QPushButton(self.tr("Manage accounts…"))
        self.manage_button.clicked.connect(self.manage_accounts)
        self.account_saved = QLabel()
        self.account_saved.setObjectName("ok")
        per_account = QFormLayout()
        per_account.addRow(self.tr("Account:"), self.account_combo)
        per_account.addRow(self.tr("Price per SMS:"), self.price_spin)
        per_account.addRow(self.tr("Speed cap:"), self.rate_spin)
        account_buttons = QHBoxLayout()
        account_buttons.addWidget(self.save_account_button)
        account_buttons.addWidget(self.manage_button)
        account_buttons.addWidget(self.account_saved, 1)
        per_account.addRow("", account_buttons)

        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(heading(self.tr("General"), 2))
        left.addLayout(general)
        left.addSpacing(12)
        left.addWidget(heading(self.tr("Accounts"), 2))
        left.addLayout(per_account)
        left.addStretch(1)

        # opt-outs
        self.opt_out_model = RowsModel(self.opt_out_header())
        self.opt_out_proxy = QSortFilterProxyModel(self)
        self.opt_out_proxy.setSourceModel(self.opt_out_model)
        self.opt_out_proxy.setFilterKeyColumn(-1)
        self.opt_out_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.opt_out_view = QTableView()
        self.opt_out_view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.opt_out_view.setModel(self.opt_out_proxy)
        self.opt_out_view.verticalHeader().setVisible(False)
        self.opt_out_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.opt_out_view.horizontalHeader().setStretchLastSection(True)
        self.opt_out_view.setSortingEnabled(True)
        self.opt_out_filter = QLineEdit()
        self.opt_out_filter.setPlaceholderText(self.tr("Find a number…"))
        self.opt_out_filter.setClearButtonEnabled(True)
        self.opt_out_filter.textChanged.connect(self.opt_out_proxy.setFilterFixedString)
        self.add_edit = QLineEdit()
        self.add_edit.setPlaceholderText(self.tr("Number to add, e.g. 20 12 34 56"))
        self.add_edit.returnPressed.connect(self.add_opt_out)
        add_button = QPushButton(self.tr("Add"))
        add_button.clicked.connect(self.add_opt_out)
        self.remove_button = QPushButton(self.tr("Remove selected"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.setToolTip(
            self.tr("Add every number of a CSV or Excel file (any column of numbers)")
        )
        self.import_button.clicked.connect(lambda: self.import_opt_outs())
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Save the list to CSV or Excel"))
        self.export_button.clicked.connect(lambda: self.export_opt_outs())
        self.opt_out_message = QLabel()
        self.opt_out_message.setWordWrap(True)
        self.opt_out_count = QLabel()
        self.opt_out_count.setObjectName("hint")
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_edit, 1)
        add_row.addWidget(add_button)
        file_row = QHBoxLayout()
        file_row.addWidget(self.remove_button)
        file_row.addWidget(self.import_button)
        file_row.addWidget(self.export_button)
        file_row.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(heading(self.tr("Opt-out list"), 2))
        right.addWidget(
            hint(
                self.tr(
                    "People on this list never get a message: they are skipped when a file is read, with the reason."
                )
            )
        )
        right.addLayout(add_row)
        right.addLayout(file_row)
        right.addWidget(self.opt_out_message)
        right.addWidget(self.opt_out_filter)
        right.addWidget(self.opt_out_view, 1)
        right.addWidget(self.opt_out_count)

        columns = QHBoxLayout()
        columns.setSpacing(20)
        left_box = QFrame()
        left_box.setLayout(left)
        left_box.setMaximumWidth(480)
        columns.addWidget(left_box)
        columns.addLayout(right, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(heading(self.tr("Settings")))
        layout.addLayout(columns, 1)
        self.reload_accounts()
        self.reload_opt_outs()

    def page_shown(self) -> None:
        self.reload_opt_outs()

    # -- general ---------------------------------------------------------------------------------------------------

    def opt_out_header(self) -> list[str]:
        return [self.tr("Number"), self.tr("Added"), self.tr("Source")]

    def _language_chosen(self, _index: int) -> None:
        from smsdesk.ui import i18n

        code = self.language_combo.currentData()
        self.db.set_setting(i18n.LANGUAGE_SETTING, code)
        # Shown in the language chosen, since that is the one the user reads.
        notes = {
            "da": "Sproget skifter, næste gang du starter SMSDesk.",
            "sv": "Språket byts nästa gång du startar SMSDesk.",
            "en": "The language changes the next time you start SMSDesk.",
        }
        self.language_note.setText(notes[i18n.language_for(code)])
        self.language_note.show()

    def _country_chosen(self, _index: int) -> None:
        from smsdesk.ui.main_window import COUNTRY_CHOSEN_SETTING

        code = self.country_combo.currentData()
        self.db.set_setting("default_country", code)
        self.db.set_setting(COUNTRY_CHOSEN_SETTING, "1")
        self.price_spin.setSuffix(f" {currency_of(code)}" if currency_of(code) else "")
        self.default_country_changed.emit(code)

    def _default_account_chosen(self, _index: int) -> None:
        name = self.default_account_combo.currentData()
        if name:
            self.db.set_setting("default_account", name)
            self.accounts_changed.emit()

    def reload_accounts(self) -> None:
        accounts = self.db.list_accounts()
        default = self.db.default_account
        current = self.account_combo.currentData()
        for combo in (self.default_account_combo, self.account_combo):
            # long account names are elided in the closed box, not allowed to widen the page past a small screen
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
            combo.clear()
            for account in accounts:
                label = (
                    self.tr("{account} — no real SMS").format(account=account.name)
                    if account.provider == "sandbox"
                    else account.name
                )
                combo.addItem(label, account.name)
        self.default_account_combo.setCurrentIndex(max(0, self.default_account_combo.findData(default)))
        self.account_combo.setCurrentIndex(max(0, self.account_combo.findData(current or default)))
        self._show_account()

    def _show_account(self) -> None:
        account = self.db.get_account(self.account_combo.currentData() or "")
        self.account_saved.clear()
        enabled = account is not None
        for widget in (self.price_spin, self.rate_spin, self.save_account_button):
            widget.setEnabled(enabled)
        if account is not None:
            self.price_spin.setValue(account.price_per_segment or 0)
            self.rate_spin.setValue(account.max_per_minute or 0)

    def save_account_settings(self) -> None:
        account = self.db.get_account(self.account_combo.currentData() or "")
        if account is None:
            return
        updated = replace(
            account,
            price_per_segment=self.price_spin.value() or None,
            max_per_minute=self.rate_spin.value() or None,
        )
        self.db.save_account(updated)
        self.account_saved.setText(self.tr("Saved."))
        self.accounts_changed.emit()

    def manage_accounts(self) -> None:
        from smsdesk.ui.accounts_dialog import AccountsDialog

        AccountsDialog.manage(self)

    # -- opt-outs ------------------------------------------------------------------------------------------------

    def reload_opt_outs(self) -> None:
        entries = self.db.list_opt_outs()
        self.opt_out_model.set_data(
            self.opt_out_header(),
            [[entry.phone, local_time(entry.added_at), entry.source or ""] for entry in entries],
        )
        self.opt_out_view.setColumnWidth(0, 160)
        self.opt_out_view.setColumnWidth(1, 150)
        self.opt_out_count.setText(
            self.tr("%Ln number(s) on the list.", "", len(entries))
            if entries
            else self.tr("The list is empty.")
        )
        self.remove_button.setEnabled(bool(entries))
        self.export_button.setEnabled(bool(entries))

    def _message(self, text: str, ok: bool) -> None:
        self.opt_out_message.setText(text)
        self.opt_out_message.setObjectName("ok" if ok else "error")
        self.opt_out_message.style().unpolish(self.opt_out_message)
        self.opt_out_message.style().polish(self.opt_out_message)

    def add_opt_out(self) -> None:
        from smsdesk.store.optouts import MANUAL, OptOutError, phone_or_error

        raw = self.add_edit.text()
        if not raw.strip():
            return
        try:
            phone = phone_or_error(raw, self.db.default_country)
        except OptOutError as exc:
            self._message(str(exc), ok=False)
            return
        added = self.db.add_opt_outs([phone], source=MANUAL)
        text = self.tr("{number} added.") if added else self.tr("{number} was already on the list.")
        self._message(text.format(number=phone), ok=True)
        self.add_edit.clear()
        self.reload_opt_outs()
        self.opt_outs_changed.emit()

    def remove_selected(self) -> None:
        phones = [index.data() for index in self.opt_out_view.selectionModel().selectedRows(0)]
        if not phones:
            self._message(self.tr("Select the numbers to remove first."), ok=False)
            return
        for phone in phones:
            self.db.remove_opt_out(phone)
        self._message(self.tr("%Ln number(s) removed.", "", len(phones)), ok=True)
        self.reload_opt_outs()
        self.opt_outs_changed.emit()

    def import_opt_outs(self, path: Path | None = None) -> None:
        if path is None:
            start = Path(self.db.get_setting("last_folder", str(Path.home())) or Path.home())
            path = self.prompts.open_path(
                self,
                self.tr("Import opt-outs"),
                start,
                self.tr("Spreadsheets and text files (*.csv *.txt *.xlsx *.xls *.ods);;All files (*)"),
            )
            if path is None:
                return
        source, country = self.db, self.db.default_country

        def work(job: Job):
            from smsdesk.store.optouts import import_opt_outs

            db = source.open_another()
            try:
                return import_opt_outs(db, path, country=country)
            finally:
                db.close()

        def done(result) -> None:
            text = self.tr("{file}: %Ln number(s) added", "", result.added).format(file=path.name)
            if result.already:
                text += self.tr(", %Ln already on the list", "", result.already)
            if result.rejected:
                first = result.rejected[0]
                text += self.tr(
                    "; %Ln row(s) skipped (e.g. row {row}: {value}, {reason})", "", len(result.rejected)
                ).format(row=first.row, value=repr(first.value), reason=first.reason)
            self._message(text + ".", ok=True)
            self.reload_opt_outs()
            self.opt_outs_changed.emit()

        self._message(self.tr("Reading {file}…").format(file=path.name), ok=True)
        self.opt_out_job = self.jobs.start(
            "import opt-outs",
            work,
            on_success=done,
            on_failure=lambda message: self._message(message, ok=False),
        )

    def export_opt_outs(self, path: Path | None = None) -> None:
        if path is None:
            start = Path(self.db.get_setting("last_folder", str(Path.home())) or Path.home())
            path = self.prompts.save_path(
                self,
                self.tr("Export opt-outs"),
                start / self.tr("SMSDesk opt-outs.xlsx"),
                self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
            )
            if path is None:
                return
        source = self.db

        def work(job: Job):
            from smsdesk.store.optouts import export_opt_outs

            db = source.open_another()
            try:
                return export_opt_outs(db, path)
            finally:
                db.close()

        self.opt_out_job = self.jobs.start(
            "export opt-outs",
            work,
            on_success=lambda count: self._message(
                self.tr("%Ln number(s) saved to {file}.", "", count).format(file=path), ok=True
            ),
            on_failure=lambda message: self._message(message, ok=False),
        )

    def shutdown(self) -> None:
        if self.opt_out_job is not None:
            self.opt_out_job.cancel()
