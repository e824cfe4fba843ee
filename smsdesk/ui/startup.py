"""Opening the database when the app starts: a database that cannot be trusted (empty, damaged, a table missing) is
said in a dialog that offers its newest backup, never a crash and never a silent fresh start."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale
from PySide6.QtWidgets import QMessageBox, QWidget

from smsdesk.store import integrity
from smsdesk.store.db import Database
from smsdesk.store.errors import DatabaseDamaged, StoreError

_CONTEXT = "StartUp"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class DamagedDatabaseBox(QMessageBox):
    """What is wrong with the database, and the way back: restore the newest backup, or quit."""

    def __init__(self, damaged: DatabaseDamaged, parent: QWidget | None = None):
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(_tr("SMSDesk cannot use its database"))
        what = {
            DatabaseDamaged.EMPTY: _tr(
                "The SMSDesk database is empty (0 bytes): its accounts and history are gone."
            ),
            DatabaseDamaged.CORRUPT: _tr("The SMSDesk database is damaged, so nothing will be sent from it."),
            DatabaseDamaged.MISSING_TABLE: _tr("The SMSDesk database is damaged: part of it is missing."),
        }.get(damaged.problem, _tr("The SMSDesk database is damaged."))
        self.setText(what)
        self.restore_button = None
        if damaged.backup is not None:
            when = QLocale().toString(
                QDateTime.fromSecsSinceEpoch(int(damaged.backup.stat().st_mtime)),
                QLocale.FormatType.ShortFormat,
            )
            self.setInformativeText(
                _tr("The newest backup is %1, from %2. Restore it? The damaged file is kept beside it.")
                .replace("%1", damaged.backup.name)
                .replace("%2", when)
            )
            self.restore_button = self.addButton(_tr("Restore backup"), QMessageBox.ButtonRole.AcceptRole)
            self.setDefaultButton(self.restore_button)
        else:
            self.setInformativeText(
                _tr(
                    "There is no backup beside it. Move %1 aside to start afresh with no accounts or history."
                ).replace("%1", str(damaged.path))
            )
        self.quit_button = self.addButton(_tr("Quit"), QMessageBox.ButtonRole.RejectRole)
        self.setEscapeButton(self.quit_button)
        self.setDetailedText(str(damaged))

    def restore_chosen(self) -> bool:
        return self.restore_button is not None and self.clickedButton() is self.restore_button


def open_database(parent: QWidget | None = None) -> Database | None:
    """The app's database, or None once the user has been told why it cannot be opened."""
    for _attempt in range(
        3
    ):  # a restored backup is checked before it is put in place; this only bounds the loop
        try:
            return Database()
        except DatabaseDamaged as damaged:
            box = DamagedDatabaseBox(damaged, parent)
            box.exec()
            if not box.restore_chosen():
                return None
            try:
                integrity.restore(damaged.path, damaged.backup)
            except StoreError as exc:
                _cannot_start(str(exc), parent)
                return None
        except StoreError as exc:
            _cannot_start(str(exc), parent)
            return None
    return None


def _cannot_start(message: str, parent: QWidget | None) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Critical, _tr("SMSDesk cannot start"), message, QMessageBox.StandardButton.Ok, parent
    )
    box.exec()
