"""Step 3, Review & send: account, totals (recipients, SMS, cost, balance, time), a test to yourself, then Send."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from smsdesk.core.states import MessageState
from smsdesk.ui.numbers import currency_of
from smsdesk.ui.reasons import error_text
from smsdesk.ui.widgets import (
    POINT_UNITS,
    duration_text,
    heading,
    hint,
    local_date,
    local_time,
    money,
    thousands,
)

if TYPE_CHECKING:
    from smsdesk.engine.preflight import SendTotals
    from smsdesk.ui.draft import Draft
    from smsdesk.ui.jobs import Job, JobPool
    from smsdesk.ui.prompts import Prompts

TEST_NUMBER_SETTING = "test_number"
ASSUMED_LATENCY = (
    0.3  # seconds per request, for the time estimate (real providers answer in a few hundred ms)
)


EMPTY_SKIP, EMPTY_FALLBACK, EMPTY_BLANK = "skip", "fallback", "blank"


def empty_field_counts(plan, text: str) -> dict[str, int]:
    """{placeholder: how many recipients have no value for it}, in the order the message uses them."""
    from smsdesk.core.template import Template

    template = Template(text)
    counts: dict[str, int] = {}
    for recipient in plan.recipients:
        for name in template.empty_placeholders(recipient.fields):
            counts[name] = counts.get(name, 0) + 1
    return {name: counts[name] for name in template.placeholders if name in counts}


def skipped_rows_fields(plan, table) -> dict:
    """The cells of the rows the plan skips, so Results and exports show whose number to fix."""
    from smsdesk.core.costing import fields_by_row

    if table is None:
        return {}
    skipped = {excluded.row for excluded in plan.excluded}
    kept = [
        (row, number) for row, number in zip(table.rows, table.row_numbers, strict=True) if number in skipped
    ]
    return fields_by_row(table.header, [row for row, _ in kept], [number for _, number in kept])


class ReviewPage(QWidget):
    back_requested = Signal()
    campaign_created = Signal(str)
    campaign_scheduled = Signal(str)  # kept by SMSDesk: sent when due, not now
    accounts_changed = Signal()

    def __init__(self, draft: Draft, db, jobs: JobPool, prompts: Prompts, parent: QWidget | None = None):
        super().__init__(parent)
        self.draft = draft
        self.db = db
        self.jobs = jobs
        self.prompts = prompts
        self.totals: SendTotals | None = None
        self.messages: list | None = None
        self.totals_job: Job | None = None
        self.create_job: Job | None = None
        self.test_job: Job | None = None
        self._generation = 0
        self._stale = True
        # What was last sent from this draft: sending the same thing again must be a deliberate choice.
        self.last_sent: tuple[tuple, str] | None = None
        self._kept_by_app = False  # the campaign being created waits for its time in SMSDesk

        # account
        self.account_combo = QComboBox()
        self.account_combo.setMinimumWidth(260)
        self.account_combo.setToolTip(self.tr("The provider account the messages go through"))
        self.account_combo.activated.connect(self._account_chosen)
        self.manage_button = QPushButton(self.tr("Manage accounts…"))
        self.manage_button.setToolTip(self.tr("Add, edit or remove provider accounts; test a connection"))
        self.manage_button.clicked.connect(self.manage_accounts)
        self.account_note = QLabel()
        self.account_note.setObjectName("hint")
        self.account_note.setWordWrap(True)
        account_row = QHBoxLayout()
        account_row.addWidget(QLabel(self.tr("Send through:")))
        account_row.addWidget(self.account_combo)
        account_row.addWidget(self.manage_button)
        account_row.addStretch(1)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Name shown in History"))
        self.name_edit.setToolTip(self.tr("A name to find this send again in History"))
        self.name_edit.setMaximumWidth(420)
        # a name the user typed is theirs: only an untouched (automatic) name follows the file and the date
        self.name_edit.textEdited.connect(lambda _text: self.name_edit.setProperty("auto", False))
        name_form = QFormLayout()
        name_form.addRow(self.tr("Campaign name:"), self.name_edit)

        # totals
        self.total_labels: dict[str, QLabel] = {}
        self.total_captions: dict[str, QLabel] = {}
        # three to a row: five in one row widened the window past a 1024 px screen
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(10)
        for position, (key, caption) in enumerate(
            (
                ("recipients", self.tr("recipients")),
                ("segments", self.tr("SMS in total")),
                ("cost", self.tr("estimated cost")),
                ("balance", self.tr("balance")),
                ("duration", self.tr("estimated time")),
            )
        ):
            value = QLabel("–")
            value.setProperty("countNumber", True)
            value.setObjectName(f"total_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label = QLabel(caption)
            label.setObjectName("hint")
            tile = QWidget()
            tile_layout = QVBoxLayout(tile)
            tile_layout.setContentsMargins(0, 0, 0, 0)
            tile_layout.setSpacing(4)
            tile_layout.addWidget(value)
            tile_layout.addWidget(label)
            grid.addWidget(tile, position // 3, position % 3)
            self.total_labels[key] = value
            self.total_captions[key] = label
        self.details_label = QLabel()
        self.details_label.setWordWrap(True)
        self.details_label.setObjectName("hint")
        self.warning_label = QLabel()
        self.warning_label.setObjectName("error")
        self.warning_label.setWordWrap(True)
        totals_card = QFrame()
        totals_card.setObjectName("card")
        totals_layout = QVBoxLayout(totals_card)
        totals_layout.setContentsMargins(16, 14, 16, 14)
        grid.setColumnStretch(3, 1)
        totals_layout.addLayout(grid)
        totals_layout.addWidget(self.details_label)
        totals_layout.addWidget(self.warning_label)

        # when: now or later, and quiet hours
        self.later_check = QCheckBox(self.tr("Send later"))
        self.later_check.setToolTip(self.tr("Choose the day and time the messages go out"))
        self.later_edit = QDateTimeEdit()
        self.later_edit.setCalendarPopup(True)
        self.later_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        start = QDateTime.currentDateTime().addSecs(3600)
        start.setTime(QTime(start.time().hour(), 0))
        self.later_edit.setDateTime(start)
        self.later_edit.setEnabled(False)
        self.later_check.toggled.connect(self.later_edit.setEnabled)
        self.later_check.toggled.connect(lambda _on: self._show_schedule_note())
        self.later_edit.dateTimeChanged.connect(lambda _when: self._show_schedule_note())
        self.quiet_check = QCheckBox(
            self.tr("Keep quiet hours (20:00–08:00 in each recipient's own time zone)")
        )
        self.quiet_check.setChecked(True)
        self.quiet_check.setToolTip(
            self.tr(
                "Nobody is texted inside quiet hours: sending waits for them to end and goes on by itself"
            )
        )
        self.schedule_note = QLabel()
        self.schedule_note.setObjectName("hint")
        self.schedule_note.setWordWrap(True)
        when_row = QHBoxLayout()
        when_row.addWidget(self.later_check)
        when_row.addWidget(self.later_edit)
        when_row.addSpacing(16)
        when_row.addWidget(self.quiet_check)
        when_row.addStretch(1)

        # recipients whose placeholder column is blank: skip them, or a fallback text the user types
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_choice = QComboBox()
        self.empty_choice.addItem(self.tr("Skip them"), EMPTY_SKIP)
        self.empty_choice.addItem(self.tr("Send with this text instead:"), EMPTY_FALLBACK)
        self.empty_choice.addItem(self.tr("Send with nothing there"), EMPTY_BLANK)
        self.empty_choice.activated.connect(lambda _index: self._empty_choice_changed())
        self.fallback_edit = QLineEdit()
        self.fallback_edit.setPlaceholderText(self.tr("e.g. kunde"))
        self.fallback_edit.setMaximumWidth(220)
        self.fallback_edit.editingFinished.connect(self._empty_choice_changed)
        self.fallback_edit.hide()
        empty_row = QHBoxLayout()
        empty_row.addWidget(self.empty_choice)
        empty_row.addWidget(self.fallback_edit)
        empty_row.addStretch(1)
        self.empty_box = QFrame()
        self.empty_box.setObjectName("warningBox")
        empty_layout = QVBoxLayout(self.empty_box)
        empty_layout.setContentsMargins(12, 8, 12, 8)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addLayout(empty_row)
        self.empty_box.hide()
        self.empty_counts: dict[str, int] = {}

        # the message as the first recipient gets it
        self.sample_label = QLabel()
        self.sample_label.setWordWrap(True)
        self.sample_label.setObjectName("sample")
        self.sample_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sample_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # test send
        self.test_number = QLineEdit(db.get_setting(TEST_NUMBER_SETTING, "") or "")
        self.test_number.setPlaceholderText(self.tr("your mobile, e.g. 20 12 34 56"))
        self.test_number.setMaximumWidth(240)
        self.test_button = QPushButton(self.tr("Send a test to my number"))
        self.test_button.setToolTip(
            self.tr("Send the first recipient's message to your own phone, through the chosen account")
        )
        self.test_button.clicked.connect(self.send_test)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_number)
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)

        self.back_button = QPushButton(self.tr("←  Message"))
        self.back_button.clicked.connect(self.back_requested)
        self.send_button = QPushButton(self.tr("Send…"))
        self.send_button.setObjectName("primary")
        self.send_button.setToolTip(self.tr("Shows the totals once more and asks before anything is sent"))
        self.send_button.clicked.connect(self.send)
        self.send_hint = QLabel()
        self.send_hint.setObjectName("hint")
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.send_hint)
        bottom.addWidget(self.send_button)

        self.missing = hint("")
        self.missing.setObjectName("emptyState")
        self.missing.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(heading(self.tr("Review & send")))
        layout.addLayout(account_row)
        layout.addWidget(self.account_note)
        layout.addWidget(self.missing, 1)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(12)
        body.addLayout(name_form)
        body.addWidget(totals_card)
        body.addLayout(when_row)
        body.addWidget(self.schedule_note)
        body.addWidget(self.empty_box)
        body.addWidget(heading(self.tr("The message, as the first recipient gets it"), 2))
        body.addWidget(self.sample_label)
        body.addWidget(heading(self.tr("Try it first"), 2))
        body.addLayout(test_row)
        body.addStretch(1)
        # on a small screen the page scrolls instead of growing the window past it
        self.body_scroll = QScrollArea()
        self.body_scroll.setObjectName("previewScroll")
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body_scroll.setWidget(self.body)
        layout.addWidget(self.body_scroll, 1)
        layout.addLayout(bottom)

        draft.plan_changed.connect(self._invalidate)
        draft.message_changed.connect(self._invalidate)
        self.reload_accounts()

    # -- accounts ------------------------------------------------------------------------------------------------

    def reload_accounts(self) -> None:
        current = self.draft.account or self.db.default_account
        self.account_combo.clear()
        for account in self.db.list_accounts():
            label = account.name
            if account.provider == "sandbox":
                label = self.tr("{account} — no real SMS").format(account=account.name)
            self.account_combo.addItem(label, account.name)
        index = self.account_combo.findData(current)
        self.account_combo.setCurrentIndex(max(0, index))
        self.draft.set_account(self.account_combo.currentData())
        self._account_chosen()

    def account(self):
        name = self.account_combo.currentData()
        return self.db.get_account(name) if name else None

    def _account_chosen(self, _index: int = 0) -> None:
        self.draft.set_account(self.account_combo.currentData())
        account = self.account()
        if account is None:
            self.account_note.setText(self.tr("Add an account with Manage accounts… to send."))
        else:
            from smsdesk.providers import provider_class

            try:
                cls = provider_class(account.provider)
                note = cls.label
                if account.provider == "sandbox":
                    note = self.tr("The sandbox sends nothing for real: use it to try the whole flow.")
                elif account.sender:
                    note += self.tr(" · sender {sender}").format(sender=account.sender)
            except ValueError as exc:
                note = str(exc)
            self.account_note.setText(note)
        self._show_schedule_note()
        self._invalidate()
        if self.isVisible():
            self.page_shown()

    def manage_accounts(self) -> None:
        from smsdesk.ui.accounts_dialog import AccountsDialog

        AccountsDialog.manage(self)

    # -- totals ----------------------------------------------------------------------------------------------------

    def _invalidate(self) -> None:
        self._stale = True
        self._generation += 1
        self.test_result.clear()  # "Test sent…" was about the file, message and account before this change
        self.totals = None
        self.messages = None
        if self.isVisible():
            self.page_shown()

    def page_shown(self) -> None:
        problems = self._missing()
        self.missing.setText(problems)
        self.missing.setVisible(bool(problems))
        self.body.setVisible(not problems)
        self.body_scroll.setVisible(not problems)
        if problems:
            self.send_button.setEnabled(False)
            self.test_button.setEnabled(False)
            return
        if not self.name_edit.text().strip() or self.name_edit.property("auto"):
            self.name_edit.setText(self._default_name())
            self.name_edit.setProperty("auto", True)
        if self._stale:
            self._stale = False
            self._compute_totals()
        self._show_totals()

    def _missing(self) -> str:
        if self.draft.plan is None:
            return self.tr("Nothing to review yet: open a file with your recipients first (step 1).")
        if not self.draft.recipients:
            return self.tr(
                "The file has no valid phone numbers: check the phone column and country in step 1."
            )
        problems = self.draft.message_problems()
        if problems:
            return self.tr("The message needs fixing first (step 2): {problems}").format(
                problems=" ".join(problems)
            )
        if self.account() is None:
            return self.tr("Choose or add an account to send through (Manage accounts…).")
        return ""

    def _default_name(self) -> str:
        table = self.draft.table
        stem = Path(table.path).stem if table is not None else self.tr("Campaign")
        return f"{stem} {local_date(datetime.now())}"

    def _compute_totals(self) -> None:
        """Render every message and ask the engine for the totals (balance included): network, so off the GUI."""
        from smsdesk.core.costing import render_messages
        from smsdesk.engine.preflight import totals

        plan, text, table = self.draft.plan, self.draft.message, self.draft.table
        account = self.account()
        generation = self._generation
        for key in self.total_labels:
            self.total_labels[key].setText("…")
        self.send_button.setEnabled(False)
        self.warning_label.clear()

        choice = self.empty_choice.currentData()
        fallback = self.fallback_edit.text().strip() if choice == EMPTY_FALLBACK else None

        def work(job: Job):
            assert plan is not None  # the Review step is reached only with a plan
            empty = empty_field_counts(plan, text)
            messages = render_messages(
                plan,
                text,
                excluded_fields=skipped_rows_fields(plan, table),
                skip_empty_fields=bool(empty)
                and (choice == EMPTY_SKIP or (choice == EMPTY_FALLBACK and not fallback)),
                fallback=fallback or None,
            )
            if job.cancelled():
                return None
            return messages, totals(account, messages, template=text), empty

        def done(result) -> None:
            if result is None or generation != self._generation:
                return
            self.messages, self.totals, self.empty_counts = result
            self._show_empty()
            self._show_totals()

        def failed(message: str) -> None:
            if generation == self._generation:
                self.warning_label.setText(error_text(message))
                self.warning_label.show()

        if self.totals_job is not None:
            self.totals_job.cancel()
        self.totals_job = self.jobs.start("review totals", work, on_success=done, on_failure=failed)

    def cap_warning(self, provider: str, messages) -> str:
        """A sentence naming the rows whose message is longer than the account's provider takes, or ""."""
        from smsdesk.engine.preflight import rows_over_cap

        cap, rows = rows_over_cap(provider, ((m.row, m.text) for m in messages if m.sendable))
        if not rows:
            return ""
        named = ", ".join(str(row) for row in rows[:5]) + (
            self.tr(" and {0} more").format(len(rows) - 5) if len(rows) > 5 else ""
        )
        return self.tr(
            "Rows {0}: the message is longer than {1} characters, the most this provider takes; it will not be "
            "sent to them. Shorten the message."
        ).format(named, cap)

    def _empty_choice_changed(self) -> None:
        self.fallback_edit.setVisible(self.empty_choice.currentData() == EMPTY_FALLBACK)
        if self.empty_choice.currentData() == EMPTY_FALLBACK:
            self.fallback_edit.setFocus()
        self._invalidate()

    def _show_empty(self) -> None:
        """'3 recipients have no value for {Telefon}', with the choice of what they get."""
        counts = self.empty_counts
        self.empty_box.setVisible(bool(counts))
        if counts:
            lines = [
                self.tr("%n recipient(s) have no value for {placeholder}.", "", count).format(
                    placeholder="{" + name + "}"
                )
                for name, count in counts.items()
            ]
            self.empty_label.setText(" ".join(lines))

    def balance_text(self) -> str:
        totals = self.totals
        if totals is None:
            return self.tr("checking…")
        if totals.balance_error:
            return self.tr("unavailable")
        balance = totals.balance
        if balance is None or balance.amount is None:
            return self.tr("not reported")
        return money(balance.amount, balance.currency)

    def refusal_text(self, totals) -> str:
        """Why the campaign must not start. Too little credit is said here, with the amounts written the locale's
        way (the engine's sentence is the CLI's English, with English numbers)."""
        from smsdesk.engine.preflight import REFUSED_BY_BALANCE

        balance = totals.balance
        if totals.refused_by != REFUSED_BY_BALANCE or balance is None or balance.amount is None:
            return error_text(totals.refusal)
        left = money(balance.amount, balance.currency)
        if (balance.currency or "credits").strip().lower() in POINT_UNITS:
            return self.tr(
                "The account has {left} left; this campaign needs at least {needed} (one per message). Top up the "
                "account first."
            ).format(left=left, needed=money(totals.messages, balance.currency))
        return self.tr(
            "The account has {left} left; this campaign is estimated at {cost}. Top up the account first."
        ).format(left=left, cost=money(totals.estimated_cost or 0.0, balance.currency))

    def cost_text(self) -> str:
        totals = self.totals
        if totals is None:
            return "…"
        if totals.estimated_cost is None:
            return self.tr("price not set")
        # the estimate is segments x the price the user typed, so it is in the price's currency, never bare
        return money(totals.estimated_cost, self.price_currency())

    def price_currency(self) -> str:
        return currency_of(self.db.default_country) or self.tr("per your price")

    def _price(self, account) -> str:
        """The price per SMS as typed in Settings (2 to 4 decimals), in its currency, the locale's way."""
        price = float(account.price_per_segment)
        decimals = next((places for places in (2, 3) if round(price, places) == round(price, 4)), 4)
        return money(price, self.price_currency(), decimals=decimals)

    def _show_totals(self) -> None:
        account = self.account()
        totals = self.totals
        if totals is None or account is None:
            return
        self.total_labels["recipients"].setText(thousands(totals.recipients))
        self.total_labels["segments"].setText(thousands(totals.segments))
        self.total_labels["cost"].setText(self.cost_text())
        self.total_captions["cost"].setText(
            self.tr("estimated cost ({price} per SMS)").format(price=self._price(account))
            if account.price_per_segment
            else self.tr("estimated cost")
        )
        self.total_labels["cost"].setToolTip(
            self.tr("%Ln SMS × {price} per SMS", "", totals.segments).format(price=self._price(account))
            if account.price_per_segment
            else self.tr("Set your price per SMS in Settings to see the cost here")
        )
        self.total_labels["balance"].setText(self.balance_text())
        self.total_labels["balance"].setToolTip(totals.balance_error or "")
        seconds = totals.estimated_seconds
        self.total_labels["duration"].setText(
            duration_text(seconds) if seconds >= 1 else self.tr("under a second")
        )
        self.total_labels["duration"].setToolTip(
            self.tr(
                "%Ln request(s) to the provider, within its speed limits and your cap", "", totals.requests
            )
        )
        details = []
        if totals.skipped:
            details.append(
                self.tr("%Ln row(s) of the file will be skipped (see Recipients)", "", totals.skipped)
            )
        if totals.unicode_messages:
            details.append(
                self.tr("%Ln message(s) in Unicode (70 characters per SMS)", "", totals.unicode_messages)
            )
        longest = max((m.segments for m in self.messages or [] if m.sendable), default=0)
        if longest > 1:
            details.append(self.tr("the longest message is %n SMS", "", longest))
        if totals.balance_error:
            details.append(
                self.tr("the balance could not be read: {reason}").format(
                    reason=error_text(totals.balance_error)
                )
            )
        text = "; ".join(details)
        self.details_label.setText(text[:1].upper() + text[1:] + "." if text else "")
        self.details_label.setVisible(bool(details))
        warning = self.refusal_text(totals)
        if not warning and totals.balance_error:
            # not "all is well": whether the account can pay for this send is unknown
            warning = self.tr(
                "The balance could not be read ({error}), so SMSDesk cannot tell whether the account has enough "
                "credit. Check the internet connection and the account (Manage accounts → Test connection) before "
                "sending."
            ).format(error=error_text(totals.balance_error))
        warnings = [warning] if warning else []
        cap_warning = self.cap_warning(account.provider, self.messages or [])
        if cap_warning:
            warnings.append(cap_warning)
        self.warning_label.setText("\n".join(warnings))
        self.warning_label.setVisible(bool(warnings))
        first = next((m for m in self.messages or [] if m.sendable), None)
        self.sample_label.setText(first.text if first else "")
        can_send = totals.recipients > 0 and totals.refusal is None and not self.is_busy()
        self.send_button.setEnabled(can_send)
        self.test_button.setEnabled(totals.recipients > 0)
        self._send_button_text()

    def _send_button_text(self) -> None:
        totals = self.totals
        if self.later_check.isChecked():
            if totals is None:
                self.send_button.setText(self.tr("Schedule…"))
            else:
                self.send_button.setText(self.tr("Schedule for %Ln recipient(s)…", "", totals.recipients))
        elif totals is None:
            self.send_button.setText(self.tr("Send…"))
        elif totals.balance_error and totals.refusal is None:
            self.send_button.setText(self.tr("Send anyway to %Ln recipient(s)…", "", totals.recipients))
        else:
            self.send_button.setText(self.tr("Send to %Ln recipient(s)…", "", totals.recipients))

    def is_busy(self) -> bool:
        return self.create_job is not None and self.create_job.is_running()

    # -- test send ---------------------------------------------------------------------------------------------

    def send_test(self) -> None:
        account = self.account()
        raw = self.test_number.text().strip()
        first = next((m for m in self.messages or [] if m.sendable), None)
        if not raw:
            self._test_result(self.tr("Type your own mobile number first."), ok=False)
            return
        if first is None or account is None:
            return
        self.db.set_setting(TEST_NUMBER_SETTING, raw)
        self.test_button.setEnabled(False)
        self._test_result(self.tr("Sending a test to {number}…").format(number=raw), ok=None)
        source, text, country = self.db, first.text, self.draft.country

        def work(job: Job):
            from smsdesk.engine.preflight import test_send

            db = source.open_another()
            try:
                return test_send(account, raw, text, db=db, country=country)
            finally:
                db.close()

        def done(result) -> None:
            if result.status == MessageState.SENT:
                if account.provider == "sandbox":  # nothing reaches a phone: do not send the user looking
                    text = self.tr("Test sent to {number} (sandbox: no real SMS was sent).")
                else:
                    text = self.tr("Test sent to {number}. Check your phone.")
                self._test_result(text.format(number=result.phone), ok=True)
            else:
                why = result.error or result.reason or result.status
                self._test_result(self.tr("The test was not sent: {reason}").format(reason=why), ok=False)

        self.test_job = self.jobs.start(
            "test send",
            work,
            on_success=done,
            on_failure=lambda message: self._test_result(
                self.tr("The test was not sent: {reason}").format(reason=message), ok=False
            ),
            on_done=lambda: self.test_button.setEnabled(True),
        )

    def _test_result(self, text: str, ok: bool | None) -> None:
        self.test_result.setText(text)
        self.test_result.setObjectName({True: "ok", False: "error", None: "hint"}[ok])
        self.test_result.style().unpolish(self.test_result)
        self.test_result.style().polish(self.test_result)

    # -- when ------------------------------------------------------------------------------------------------------

    def scheduled_moment(self):
        """The chosen moment (aware, this computer's zone), or None for "now"."""
        if not self.later_check.isChecked():
            return None
        return self.later_edit.dateTime().toPython().astimezone()

    def _provider_limits(self):
        from smsdesk.providers import provider_class

        account = self.account()
        try:
            return provider_class(account.provider) if account is not None else None
        except ValueError:
            return None

    def schedule_sentence(self) -> str:
        """Which way a later send is kept, in plain words, before the user confirms."""
        kind, when = self._provider_limits(), self.scheduled_moment()
        if kind is None or when is None:
            return ""
        moment = local_time(when)
        if kind.limits.schedules:
            text = self.tr(
                "Scheduled by {provider}: the messages are handed over now and {provider} sends them at {when}, "
                "so this computer may be off then."
            ).format(provider=kind.label, when=moment)
            if not kind.limits.cancels_scheduled:
                text += " " + self.tr("{provider} cannot cancel them once handed over.").format(
                    provider=kind.label
                )
            elif kind.limits.cancel_notice:
                text += " " + self.tr("They can be cancelled until {minutes} minutes before.").format(
                    minutes=round(kind.limits.cancel_notice / 60)
                )
            return text
        return self.tr(
            "Kept by SMSDesk, as {provider} cannot schedule: SMSDesk sends the campaign at {when} if it is open "
            "then; otherwise let the system's scheduler run `smsdesk campaigns run-due` (see the README)."
        ).format(provider=kind.label, when=moment)

    def _show_schedule_note(self) -> None:
        self.schedule_note.setText(self.schedule_sentence())
        self.schedule_note.setVisible(self.later_check.isChecked())
        self._send_button_text()

    def _check_schedule(self, when) -> bool:
        """A moment the provider accepts, and outside quiet hours or confirmed; False: do not go on."""
        from smsdesk.core.schedule import QuietHours, ScheduleError, check_when, recipient_zone

        kind = self._provider_limits()
        ahead = kind.limits.max_schedule_ahead if kind is not None else None
        try:
            from datetime import UTC, timedelta

            check_when(when, now=datetime.now(UTC), max_ahead=timedelta(seconds=ahead) if ahead else None)
        except ScheduleError as exc:
            self.prompts.inform(self, self.tr("Send later"), str(exc), warning=True)
            return False
        if not self.quiet_check.isChecked():
            return True
        quiet = QuietHours()
        inside = sum(
            1
            for m in self.messages or ()
            if m.skip_reason is None and quiet.contains(when.astimezone(recipient_zone(m.phone)).time())
        )
        return not inside or self.prompts.confirm(
            self,
            self.tr("Inside quiet hours"),
            self.tr(
                "{when} is inside quiet hours (20:00–08:00) for {count} recipient(s). Schedule it anyway?"
            ).format(when=local_time(when), count=inside),
            ok=self.tr("Schedule anyway"),
            cancel=self.tr("Pick another time"),
            warning=True,
        )

    # -- send ------------------------------------------------------------------------------------------------------

    def confirmation_text(self) -> str:
        totals, account = self.totals, self.account()
        assert totals is not None  # the Send button is enabled only once totals are in
        lines = [
            self.tr("Send %Ln message(s)", "", totals.recipients)
            + " "
            + self.tr("(%Ln SMS in total) through {account}?", "", totals.segments).format(
                account=account.name
            ),
            "",
            self.tr("Estimated cost: {cost}").format(cost=self.cost_text()),
            self.tr("Balance: {balance}").format(balance=self.balance_text()),
            self.tr("Estimated time: {time}").format(time=self.total_labels["duration"].text()),
        ]
        if totals.skipped:
            lines.append(self.tr("Skipped rows: {count}").format(count=thousands(totals.skipped)))
        if account.provider == "sandbox":
            lines += ["", self.tr("This is the sandbox: no real SMS will be sent.")]
        else:
            lines += [
                "",
                self.tr("Messages go out as soon as you confirm. You can pause or cancel at any time."),
            ]
        return "\n".join(lines)

    def confirm_button_text(self) -> str:
        assert self.totals is not None  # as confirmation_text()
        if self.later_check.isChecked():
            return self.tr("Schedule %Ln message(s)", "", self.totals.recipients)
        return self.tr("Send %Ln message(s)", "", self.totals.recipients)

    def send(self) -> None:
        if self.totals is None or self.messages is None or self.is_busy():
            return
        account = self.account()
        if account is None:
            return
        same_again = self.last_sent is not None and self.last_sent[0] == self._fingerprint()
        if same_again and not self.prompts.confirm(
            self,
            self.tr("Send the same again?"),
            self._same_again_text(self.last_sent[1] if self.last_sent is not None else ""),
            ok=self.tr("Send again to everyone"),
            cancel=self.tr("Don't send"),
            warning=True,
        ):
            return
        when = self.scheduled_moment()
        if when is not None and not self._check_schedule(when):
            return
        text = self.confirmation_text()
        if when is not None:
            text += "\n\n" + self.schedule_sentence()
        if not self.prompts.confirm(
            self,
            self.tr("Schedule?") if when is not None else self.tr("Send now?"),
            text,
            ok=self.confirm_button_text(),
            cancel=self.tr("Not yet"),
        ):
            return
        kind = self._provider_limits()
        by_provider = bool(kind and kind.limits.schedules)
        quiet_hours = None if self.quiet_check.isChecked() else "off"
        self._kept_by_app = when is not None and not by_provider
        source, messages = self.db, self.messages
        table = self.draft.table
        plan = self.draft.plan
        name = self.name_edit.text().strip() or self._default_name()
        template, country = self.draft.message, self.draft.country

        def create(job: Job):
            from smsdesk.store import schedules
            from smsdesk.store.journal import SCHEDULED, Journal

            assert plan is not None  # as in _compute_totals(): the Review step is reached only with a plan
            db = source.open_another()
            try:
                journal = Journal(db)
                campaign_id = journal.create_campaign(
                    name=name,
                    account=account,
                    source_file=str(table.path) if table is not None else None,
                    sheet=table.sheet if table is not None else None,
                    template=template,
                    country=country,
                    phone_column=plan.phone_column,
                    columns=plan.columns,
                    messages=messages,
                )
                by = schedules.BY_PROVIDER if by_provider else schedules.BY_APP
                schedules.set_schedule(
                    db,
                    campaign_id,
                    scheduled_at=when,
                    scheduled_by=by if when is not None else None,
                    quiet_hours=quiet_hours,
                )
                if when is not None and not by_provider:
                    journal.set_state(campaign_id, SCHEDULED)
                return campaign_id
            finally:
                db.close()

        self.send_button.setEnabled(False)
        self.send_hint.setText(self.tr("Saving the campaign…"))
        self.create_job = self.jobs.start(
            "create campaign",
            create,
            on_success=self._created,
            on_failure=lambda message: self.prompts.inform(
                self, self.tr("Could not start"), message, warning=True
            ),
            on_done=self._create_done,
        )

    def _same_again_text(self, campaign_id: str) -> str:
        """The duplicate-send warning, with what the earlier campaign really sent (not 'already went' for 0)."""
        from smsdesk.store.journal import Journal

        counts = Journal(self.db).counts(campaign_id)
        sent = counts.get("sent", 0)
        if sent:
            first = self.tr("%n message(s) of campaign {id} already went to these recipients.", "", sent)
        else:
            first = self.tr(
                "Campaign {id} was made from this message for these recipients; none of it has been sent yet "
                "(resume it from Results or History rather than making a second one)."
            )
        return (
            first.format(id=campaign_id)
            + "\n\n"
            + self.tr(
                "Sending again texts every one of them a second time. To send only what failed, use Retry "
                "failed in Results instead."
            )
        )

    def _fingerprint(self) -> tuple:
        table, plan = self.draft.table, self.draft.plan
        phones = tuple(r.phone for r in plan.recipients) if plan is not None else ()
        return (str(table.path) if table is not None else None, self.draft.message, phones)

    def _created(self, campaign_id: str) -> None:
        self.last_sent = (self._fingerprint(), campaign_id)
        self.name_edit.setProperty("auto", True)
        if self._kept_by_app:
            self.campaign_scheduled.emit(campaign_id)
        else:
            self.campaign_created.emit(campaign_id)

    def _create_done(self) -> None:
        self.send_hint.setText("")
        if self.totals is not None:
            self.send_button.setEnabled(True)

    def shutdown(self) -> None:
        for job in (self.totals_job, self.test_job, self.create_job):
            if job is not None:
                job.cancel()
