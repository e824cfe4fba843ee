"""The campaign being prepared: what the Recipients, Message and Review pages share before anything is sent."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from smsdesk.core.plan import Plan
    from smsdesk.io.tables import Table


DRAFT_SETTING = "draft"  # the campaign being prepared, as JSON: it comes back after a quit or a crash
SAVE_AFTER_MS = 700  # after the last keystroke: a crash loses at most this much typing


def saved_draft(db) -> dict[str, Any]:
    """What the last session was preparing: file, sheet, phone_column, country, message (keys may be missing)."""
    try:
        value = json.loads(db.get_setting(DRAFT_SETTING) or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


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
        self.unsent = False  # the message was changed since the last campaign was made from it
        self._db = None
        self._save_timer: QTimer | None = None

    def keep_in(self, db) -> None:
        """Save the draft to `db`'s settings shortly after every change, so quitting or a crash loses nothing."""
        self._db = db
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_AFTER_MS)
        self._save_timer.timeout.connect(self.save)
        for signal in (self.table_changed, self.plan_changed, self.message_changed):
            signal.connect(self._save_timer.start)

    def stop_keeping(self) -> None:
        """Save what is still waiting to be saved, then keep no more: the window is shutting down and its
        database is closed after it (a save timer firing later would write to a closed database)."""
        if self._save_timer is not None and self._save_timer.isActive():
            self.save()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._db = None

    def state(self) -> dict[str, Any]:
        table = self.table
        return {
            "file": str(table.path) if table is not None else None,
            "sheet": table.sheet if table is not None else None,
            "phone_column": self.plan.phone_column if self.plan is not None else None,
            "country": self.country,
            "message": self.message,
            "unsent": self.unsent,
        }

    def save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        if self._db is not None:
            self._db.set_setting(DRAFT_SETTING, json.dumps(self.state(), ensure_ascii=False))

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
            self.unsent = bool(text.strip())
            self.message_changed.emit()

    def mark_sent(self) -> None:
        """A campaign was made from the message: no warning on quit, and none after a restart brings it back."""
        self.unsent = False
        if self._save_timer is not None:
            self._save_timer.start()

    def set_account(self, name: str | None) -> None:
        if name != self.account:
            self.account = name
            self.account_changed.emit()

    def message_problems(self) -> list[str]:
        """Why the message cannot be sent as it is (empty, malformed or unknown placeholders)."""
        if not self.message.strip():
            return [self.tr("The message is empty.")]
        from smsdesk.core.template import Template
        from smsdesk.ui.reasons import template_problem_text

        return [template_problem_text(problem) for problem in Template(self.message).problems(self.columns)]
