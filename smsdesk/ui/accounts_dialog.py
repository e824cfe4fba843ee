"""Manage accounts: add, edit, remove; the secret goes to the OS keyring only; test the connection off the GUI thread."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smsdesk.ui.numbers import currency_of
from smsdesk.ui.reasons import error_text, fixed_text
from smsdesk.ui.widgets import heading, hint, messages_per_minute_spin, price_per_segment_spin

if TYPE_CHECKING:
    from smsdesk.ui.jobs import Job, JobPool
    from smsdesk.ui.prompts import Prompts

log = logging.getLogger(__name__)

NEW_ACCOUNT = "__new__"


def provider_choices() -> list[tuple[str, str]]:
    from smsdesk.providers import PROVIDERS, provider_class

    choices = []
    for name in PROVIDERS:
        try:
            choices.append((name, fixed_text(provider_class(name).label)))
        except Exception:  # noqa: BLE001 - a provider module missing from this build is simply not offered
            continue
    return choices


def keyring_status() -> tuple[bool, str]:
    """(secure, sentence): which store holds the keys, or why there is none."""
    try:
        from smsdesk.store.secrets import backend_info

        info = backend_info()
    except Exception as exc:  # noqa: BLE001 - a broken keyring install must still let the dialog open
        return False, QCoreApplication.translate(
            "AccountsDialog", "No password store could be opened ({error}). Keys cannot be saved."
        ).format(error=type(exc).__name__)
    if info.secure:
        return True, QCoreApplication.translate(
            "AccountsDialog",
            "Keys are kept in your system's password store ({store}), never in SMSDesk's files.",
        ).format(store=info.name)
    return False, (
        QCoreApplication.translate(
            "AccountsDialog", "No secure password store was found ({store}), so SMSDesk will not save keys."
        ).format(store=info.name)
        + " "
        + fixed_text(info.advice)
    ).strip()


class AccountsDialog(QDialog):
    accounts_changed = Signal()

    def __init__(
        self, db, jobs: JobPool, prompts: Prompts, parent: QWidget | None = None, select: str | None = None
    ):
        super().__init__(parent)
        self.db = db
        self.jobs = jobs
        self.prompts = prompts
        self.test_job: Job | None = None
        self.setWindowTitle(self.tr("Accounts"))
        self.setMinimumSize(820, 560)

        self.list = QListWidget()
        self.list.setMinimumWidth(200)
        self.list.currentItemChanged.connect(self._selected)
        add = QPushButton(self.tr("Add account"))
        add.clicked.connect(self.new_account)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_account)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left_buttons = QHBoxLayout()
        left_buttons.addWidget(add)
        left_buttons.addWidget(self.remove_button)
        left.addLayout(left_buttons)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. CPSMS shop"))
        self.provider_combo = QComboBox()
        for name, label in provider_choices():
            self.provider_combo.addItem(label, name)
        self.provider_combo.currentIndexChanged.connect(self._provider_changed)
        self.username_edit = QLineEdit()
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.setObjectName("secret")
        self.sender_edit = QLineEdit()
        self.sender_edit.setPlaceholderText(self.tr("Your shop name or number"))
        self.base_url_edit = QLineEdit()
        self.price_spin = price_per_segment_spin(
            self.tr("What one SMS part costs you; used for the estimate before sending"),
            currency_of(db.default_country),
        )
        self.rate_spin = messages_per_minute_spin(
            self.tr(" per minute"),
            self.tr("Your own cap on messages per minute, on top of the provider's documented limit"),
        )
        self.sender_rule = hint("")
        self.secret_label = QLabel(self.tr("API key:"))
        self.username_label = QLabel(self.tr("Username:"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Provider:"), self.provider_combo)
        form.addRow(self.username_label, self.username_edit)
        form.addRow(self.secret_label, self.secret_edit)
        sender_box = QWidget()
        sender_layout = QVBoxLayout(sender_box)
        sender_layout.setContentsMargins(0, 0, 0, 0)
        sender_layout.setSpacing(2)
        sender_layout.addWidget(self.sender_edit)
        sender_layout.addWidget(self.sender_rule)
        form.addRow(self.tr("Sender:"), sender_box)
        form.addRow(self.tr("Web address:"), self.base_url_edit)
        form.addRow(self.tr("Price per SMS:"), self.price_spin)
        form.addRow(self.tr("Speed cap:"), self.rate_spin)

        secure, text = keyring_status()
        self.keyring_label = QLabel(text)
        self.keyring_label.setWordWrap(True)
        self.keyring_label.setObjectName("hint" if secure else "error")
        self.keyring_box = QFrame()
        self.keyring_box.setObjectName("card" if secure else "warningBox")
        keyring_layout = QVBoxLayout(self.keyring_box)
        keyring_layout.addWidget(self.keyring_label)
        self.keyring_secure = secure

        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setToolTip(
            self.tr("Ask the provider whether it takes these settings, where it can without sending an SMS")
        )
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        actions = QHBoxLayout()
        actions.addWidget(self.test_button)
        actions.addWidget(self.test_result, 1)
        actions.addWidget(self.save_button)

        right = QVBoxLayout()
        self.form_title = heading(self.tr("Account"), 2)
        right.addWidget(self.form_title)
        right.addLayout(form)
        right.addWidget(self.keyring_box)
        right.addStretch(1)
        right.addLayout(actions)

        body = QHBoxLayout()
        body.addLayout(left)
        body.addSpacing(12)
        body.addLayout(right, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(close)

        self.reload(select)

    # -- list ------------------------------------------------------------------------------------------------------

    @classmethod
    def manage(cls, page: Any) -> None:
        """Open the dialog from a page that has an account picker (Review, Settings): the page's chosen account is
        selected, and the page hears of every change (its `accounts_changed` signal)."""
        dialog = cls(page.db, page.jobs, page.prompts, page.window(), select=page.account_combo.currentData())
        dialog.accounts_changed.connect(page.accounts_changed)
        dialog.exec()
        dialog.deleteLater()

    def reload(self, select: str | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        default = self.db.default_account
        for account in self.db.list_accounts():
            label = (
                self.tr("{account}  (default)").format(account=account.name)
                if account.name == default
                else account.name
            )
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, account.name)
            self.list.addItem(item)
        self.list.blockSignals(False)
        target = select or default
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == target:
                self.list.setCurrentRow(row)
                return
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.new_account()

    def _selected(self, current: QListWidgetItem | None, _previous=None) -> None:
        if current is None:
            return
        account = self.db.get_account(current.data(Qt.ItemDataRole.UserRole))
        if account is not None:
            self.show_account(account)

    def show_account(self, account) -> None:
        self.editing = account.name
        self.form_title.setText(account.name)
        self.name_edit.setText(account.name)
        self.provider_combo.setCurrentIndex(max(0, self.provider_combo.findData(account.provider)))
        self.username_edit.setText(account.username or "")
        self.secret_edit.clear()
        self.sender_edit.setText(account.sender or "")
        self.base_url_edit.setText(account.base_url or "")
        self.price_spin.setValue(account.price_per_segment or 0)
        self.rate_spin.setValue(account.max_per_minute or 0)
        self.remove_button.setEnabled(True)
        self.test_result.clear()
        self._provider_changed()
        self.secret_edit.setPlaceholderText(
            self.tr("saved in the password store — type to replace") if self._needs_secret() else ""
        )

    def new_account(self) -> None:
        self.editing = None
        self.list.clearSelection()
        self.form_title.setText(self.tr("New account"))
        for edit in (
            self.name_edit,
            self.username_edit,
            self.secret_edit,
            self.sender_edit,
            self.base_url_edit,
        ):
            edit.clear()
        self.price_spin.setValue(0)
        self.rate_spin.setValue(0)
        index = self.provider_combo.findData("cpsms")
        self.provider_combo.setCurrentIndex(max(0, index))
        self.remove_button.setEnabled(False)
        self.test_result.clear()
        self._provider_changed()
        self.name_edit.setFocus()

    def _provider_class(self):
        from smsdesk.providers import provider_class

        return provider_class(self.provider_combo.currentData())

    def _needs_secret(self) -> bool:
        return self.provider_combo.currentData() != "sandbox"

    def _provider_changed(self, _index: int = 0) -> None:
        try:
            cls = self._provider_class()
        except Exception:  # noqa: BLE001
            return
        self.username_edit.setEnabled(cls.needs_username)
        self.username_label.setEnabled(cls.needs_username)
        secret = fixed_text(cls.secret_label)
        self.secret_label.setText(f"{secret[:1].upper()}{secret[1:]}:")
        needs = self._needs_secret()
        self.secret_edit.setEnabled(needs)
        if not needs:
            self.secret_edit.setPlaceholderText(self.tr("not needed: the sandbox sends nothing for real"))
        elif self.secret_edit.placeholderText() != self.tr("saved in the password store — type to replace"):
            self.secret_edit.setPlaceholderText(
                self.tr("your {secret}").format(secret=fixed_text(cls.secret_label))
            )
        default_url = getattr(cls, "default_base_url", "")
        self.base_url_edit.setPlaceholderText(
            self.tr("the built-in sandbox")
            if cls.name == "sandbox"
            else self.tr("{url} (leave empty)").format(url=default_url)
        )
        self.sender_rule.setText(
            self.tr("Sender: {rule}").format(rule=fixed_text(cls.limits.sender_rule))
            if cls.limits.sender_rule
            else ""
        )

    # -- editing -----------------------------------------------------------------------------------------------

    def account_from_form(self):
        from smsdesk.core.account import Account

        previous = self.db.get_account(self.editing) if self.editing else None
        account = Account(
            name=self.name_edit.text().strip(),
            provider=self.provider_combo.currentData(),
            username=self.username_edit.text().strip() or None,
            sender=self.sender_edit.text().strip() or None,
            base_url=self.base_url_edit.text().strip() or None,
            options=dict(previous.options) if previous is not None else {},
            price_per_segment=self.price_spin.value() or None,
            max_per_minute=self.rate_spin.value() or None,
        )
        if previous is not None and previous.provider == account.provider:
            account = replace(account, options=previous.options)
        return account

    def _secret_for_test(self, account) -> str:
        from smsdesk.store.secrets import entered_secret

        typed = entered_secret(self.secret_edit.text())
        if typed:
            return typed
        from smsdesk.store.secrets import secret_for

        return secret_for(account)

    def problems(self, account, secret: str | None) -> list[str]:
        problems = []
        if not account.name:
            problems.append(self.tr("Give the account a name."))
        elif account.name != self.editing and self.db.get_account(account.name) is not None:
            problems.append(
                self.tr("There is already an account called {name}.").format(name=repr(account.name))
            )
        try:
            cls = self._provider_class()
            problems += cls.validate_account(account, secret)
        except Exception as exc:  # noqa: BLE001 - validation is advisory; its failure is shown, not raised
            problems.append(str(exc))
        if account.base_url:
            from smsdesk.providers.base import checked_base_url

            try:
                checked_base_url(account.base_url)
            except ValueError as exc:
                problems.append(str(exc))
        return problems

    def save(self) -> bool:
        from smsdesk.store import secrets

        account = self.account_from_form()
        typed = secrets.entered_secret(self.secret_edit.text())
        needs = self._needs_secret()
        is_new_secret = needs and (bool(typed) or self.editing is None or account.name != self.editing)
        problems = self.problems(account, typed if is_new_secret else None)
        if (
            needs
            and is_new_secret
            and not typed
            and not (self.editing and self._has_saved_secret(self.editing))
        ):
            problems.append(self.tr("Type the key the provider gave you."))
        if needs and typed and not self.keyring_secure:
            problems.append(
                self.tr("There is no secure password store on this computer, so the key cannot be saved.")
            )
        if problems:
            self.test_result.setText("\n".join(problems))
            self.test_result.setObjectName("error")
            self._repolish(self.test_result)
            return False
        try:
            if needs and typed:
                secrets.save_secret(account.name, typed)
            elif needs and self.editing and account.name != self.editing:
                old = secrets.get_secret(self.editing)
                if old:
                    secrets.save_secret(account.name, old)
            self.db.save_account(account)
            if self.editing and account.name != self.editing:
                old_account = self.db.get_account(self.editing)
                if old_account is not None:
                    secrets.forget_account_secret(old_account)
                    self.db.remove_account(self.editing)
        except Exception as exc:  # noqa: BLE001 - keyring / store failures are sentences for the user
            self.test_result.setText(str(exc))
            self.test_result.setObjectName("error")
            self._repolish(self.test_result)
            return False
        self.secret_edit.clear()
        self.test_result.setObjectName("ok")
        self.test_result.setText(self.tr("Saved."))
        self._repolish(self.test_result)
        self.reload(account.name)
        self.accounts_changed.emit()
        return True

    def _has_saved_secret(self, name: str) -> bool:
        try:
            from smsdesk.store.secrets import get_secret

            return bool(get_secret(name))
        except Exception:  # noqa: BLE001
            return False

    def remove_account(self) -> None:
        name = self.editing
        if not name:
            return
        if not self.prompts.confirm(
            self,
            self.tr("Remove account?"),
            self.tr("Remove {name} and its saved key? Campaigns sent with it stay in History.").format(
                name=repr(name)
            ),
            ok=self.tr("Remove"),
            warning=True,
        ):
            return
        from smsdesk.store.secrets import forget_account_secret

        account = self.db.get_account(name)
        try:
            if account is not None:
                forget_account_secret(account)
            self.db.remove_account(name)
        except Exception as exc:  # noqa: BLE001
            self.prompts.inform(self, self.tr("Remove account"), str(exc), warning=True)
            return
        self.reload()
        self.accounts_changed.emit()

    # -- test connection -----------------------------------------------------------------------------------------

    def test_connection(self) -> None:
        account = self.account_from_form()
        try:
            secret = self._secret_for_test(account) if self._needs_secret() else "sandbox"
        except Exception as exc:  # noqa: BLE001 - no saved key: say so
            self._show_test(str(exc), ok=False)
            return
        problems = self.problems(account, secret)
        if problems:
            self._show_test(" ".join(problems), ok=False)
            return
        self.test_button.setEnabled(False)
        self._show_test(self.tr("Asking the provider…"), ok=None)

        def ask(job: Job):
            from smsdesk.providers import create_provider

            with create_provider(account, secret) as provider:
                if not provider.can_test_connection:
                    return provider.label, None
                return provider.label, provider.test_connection()

        def answered(result) -> None:
            label, said = result
            if said is None:
                # Txty, customersms, UGSMS v1: every call sends an SMS, so nothing here can prove the key works.
                self._show_test(
                    self.tr(
                        "{0} cannot be asked without sending an SMS, so the key is not checked here. "
                        "Send a test SMS to your own number on the Review page to be sure."
                    ).format(label),
                    ok=None,
                )
            else:
                self._show_test(self.tr("Connected. {0}").format(said), ok=True)

        self.test_job = self.jobs.start(
            "test connection",
            ask,
            on_success=answered,
            on_failure=lambda message: self._show_test(
                self.tr("Could not connect: {reason}").format(reason=error_text(message)), ok=False
            ),
            on_done=lambda: self.test_button.setEnabled(True),
        )

    def _show_test(self, text: str, ok: bool | None) -> None:
        self.test_result.setText(text)
        self.test_result.setObjectName({True: "ok", False: "error", None: "hint"}[ok])
        self._repolish(self.test_result)

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    def done(self, result: int) -> None:  # noqa: D401 - Qt override
        if self.test_job is not None and self.test_job.is_running():
            self.test_job.cancel()
        super().done(result)
