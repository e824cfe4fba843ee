"""The campaign being prepared: what the Recipients, Message and Review pages share before anything is sent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from smsdesk.core.plan import Plan
    from smsdesk.io.tables import Table


class Draft(QObject):
    table_changed = Signal()
    plan_changed = Signal()
    message_changed = Signal()
    account_changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.table: Table | None = None
        self.plan: Plan | None = None
        self.country: str = "DK"
        self.message: str = ""
        self.account: str | None = None

    @property
    def columns(self) -> list[str]:
        return list(self.table.header) if self.table is not None else []

    @property
    def recipients(self) -> list:
        return list(self.plan.recipients) if self.plan is not None else []

    def set_table(self, table: Table | None) -> None:
        self.table = table
        self.plan = None
        self.table_changed.emit()
        self.plan_changed.emit()

    def set_plan(self, plan: Plan | None) -> None:
        self.plan = plan
        self.plan_changed.emit()

    def set_message(self, text: str) -> None:
        if text != self.message:
            self.message = text
            self.message_changed.emit()

    def set_account(self, name: str | None) -> None:
        if name != self.account:
            self.account = name
            self.account_changed.emit()

    def message_problems(self) -> list[str]:
        """Why the message cannot be sent as it is (empty, malformed or unknown placeholders)."""
        if not self.message.strip():
            return ["The message is empty."]
        from smsdesk.core.template import Template

        return [problem.message for problem in Template(self.message).problems(self.columns)]
