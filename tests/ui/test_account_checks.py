"""The accounts dialog: a pasted key loses its stray whitespace, and "Test connection" only says "Connected" where
the provider was really asked without sending."""

from __future__ import annotations

from PySide6.QtCore import Qt


def dialog_with_memory_store(qtbot, db, prompts, window, monkeypatch):
    from smsdesk.store import secrets
    from smsdesk.ui.accounts_dialog import AccountsDialog

    saved: dict[str, str] = {}
    monkeypatch.setattr(secrets, "backend_info", lambda: secrets.BackendInfo("Test store", True, None))
    monkeypatch.setattr(secrets, "save_secret", lambda name, secret: saved.__setitem__(name, secret))
    monkeypatch.setattr(secrets, "get_secret", lambda name: saved.get(name))
    dialog = AccountsDialog(db, window.jobs, prompts, window)
    qtbot.addWidget(dialog)
    return dialog, saved


def fill(qtbot, dialog, provider, name, username, key, sender, base_url):
    dialog.new_account()
    qtbot.keyClicks(dialog.name_edit, name)
    dialog.provider_combo.setCurrentIndex(dialog.provider_combo.findData(provider))
    if username:
        qtbot.keyClicks(dialog.username_edit, username)
    dialog.secret_edit.setText(key)  # pasted, with what came along
    qtbot.keyClicks(dialog.sender_edit, sender)
    qtbot.keyClicks(dialog.base_url_edit, base_url)


def test_a_pasted_key_is_saved_without_the_whitespace_around_it(
    qtbot, db, prompts, window, sandbox, monkeypatch
):
    dialog, saved = dialog_with_memory_store(qtbot, db, prompts, window, monkeypatch)
    fill(qtbot, dialog, "cpsms", "Butik", "demo", "  cpsms-demo-key\r\n", "Butik", sandbox.url)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved == {"Butik": "cpsms-demo-key"}
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.test_result.text().startswith(("Connected", "Could not")), timeout=15000)
    assert dialog.test_result.text().startswith("Connected. Balance"), dialog.test_result.text()
    dialog.close()


def test_txty_cannot_be_tested_without_sending_and_says_so(qtbot, db, prompts, window, sandbox, monkeypatch):
    dialog, _ = dialog_with_memory_store(qtbot, db, prompts, window, monkeypatch)
    fill(qtbot, dialog, "txty", "Txty", "demo", "txty-demo-token", "Butik", sandbox.url)
    before = len(sandbox.state.requests)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cannot be asked" in dialog.test_result.text(), timeout=15000)
    assert "test SMS to your own number" in dialog.test_result.text()
    assert not dialog.test_result.text().startswith("Connected")
    assert len(sandbox.state.requests) == before  # nothing was sent to find out
    dialog.close()
