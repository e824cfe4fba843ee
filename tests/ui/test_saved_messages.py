"""Saved messages are safe: saving over a name asks, Delete asks, and picking one over unsaved text asks."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from smsdesk.ui.main_window import MESSAGE
from smsdesk.ui.message_page import TEMPLATES_SETTING
from tests.ui.test_flow import type_text


def saved(db) -> dict:
    return json.loads(db.get_setting(TEMPLATES_SETTING) or "{}")


def message_page(window):
    window.go(MESSAGE)
    return window.message_page


def test_saving_under_an_existing_name_asks(qtbot, db, window, prompts):
    page = message_page(window)
    type_text(qtbot, page.editor, "Tilbud i dag")
    prompts.text_answer = "Tilbud"
    qtbot.mouseClick(page.save_template_button, Qt.MouseButton.LeftButton)
    page.editor.selectAll()
    type_text(qtbot, page.editor, "Lukket i dag")
    prompts.answers["Replace the saved message?"] = False
    qtbot.mouseClick(page.save_template_button, Qt.MouseButton.LeftButton)
    assert "Replace the saved message?" in prompts.titles()
    assert saved(db) == {"Tilbud": "Tilbud i dag"}


def test_delete_asks(qtbot, db, window, prompts):
    db.set_setting(TEMPLATES_SETTING, json.dumps({"Tilbud": "Tilbud i dag"}))
    page = message_page(window)
    page._load_templates(select="Tilbud")
    prompts.answers["Delete the saved message?"] = False
    qtbot.mouseClick(page.delete_template_button, Qt.MouseButton.LeftButton)
    assert "Delete the saved message?" in prompts.titles()
    assert saved(db) == {"Tilbud": "Tilbud i dag"}


def test_picking_a_saved_message_over_unsaved_text_asks(qtbot, db, window, prompts):
    db.set_setting(TEMPLATES_SETTING, json.dumps({"Tilbud": "Tilbud i dag"}))
    page = message_page(window)
    page._load_templates()
    type_text(qtbot, page.editor, "Min lange besked")
    prompts.answers["Replace the message in the editor?"] = False
    page.templates_combo.setFocus()
    qtbot.keyClick(page.templates_combo, Qt.Key.Key_Down)
    assert "Replace the message in the editor?" in prompts.titles()
    assert page.editor.toPlainText() == "Min lange besked"
