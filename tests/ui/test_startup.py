"""Start-up with a database that cannot be trusted: a dialog says so and restores the newest backup (issue 19)."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from smsdesk import paths
from smsdesk.core.account import Account
from smsdesk.store.db import Database
from smsdesk.ui.startup import DamagedDatabaseBox, open_database


def make_backup() -> None:
    database = paths.database_path()
    source = sqlite3.connect(database)
    target = sqlite3.connect(database.with_name(database.name + ".v2.bak"))
    source.backup(target)
    target.close()
    source.close()


def click_in_dialog(qtbot, which: str, seen: list) -> None:
    """Once the dialog is up (inside its exec()), click one of its buttons with the mouse."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, DamagedDatabaseBox):
            QTimer.singleShot(20, click)
            return
        seen.append((box.text(), box.informativeText()))
        qtbot.mouseClick(getattr(box, which), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click)


def test_an_empty_database_offers_the_backup_and_restores_it(qtbot, smsdesk_home):
    with Database() as db:
        db.save_account(Account(name="Butik", provider="sandbox"))
    make_backup()
    paths.database_path().write_bytes(b"")
    seen: list = []
    click_in_dialog(qtbot, "restore_button", seen)
    db = open_database()
    try:
        assert db is not None and db.get_account("Butik") is not None
    finally:
        db.close()
    ((text, informative),) = seen
    assert "empty" in text and "smsdesk.sqlite3.v2.bak" in informative
    assert list(smsdesk_home.glob("smsdesk.sqlite3.damaged-*"))  # the empty file is kept, not deleted


def test_a_missing_table_without_a_backup_says_so_and_quits(qtbot, smsdesk_home):
    Database().close()
    conn = sqlite3.connect(paths.database_path())
    conn.execute("DROP TABLE campaigns")
    conn.commit()
    conn.close()
    seen: list = []
    click_in_dialog(qtbot, "quit_button", seen)
    assert open_database() is None
    ((text, informative),) = seen
    assert "part of it is missing" in text and "no backup" in informative
