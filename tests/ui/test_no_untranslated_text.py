"""No text shown to the user in smsdesk/ui/ bypasses Qt's translation system.

An AST scan: every string literal (or f-string, or concatenation holding one) handed to a call that puts text on
screen must be inside self.tr() / QCoreApplication.translate(). Text that is the same in every language is listed
in ALLOWED with the reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "smsdesk" / "ui"

# Calls whose text arguments reach the screen (Qt's, and our own builders and prompts).
DISPLAY_CALLS = {
    "setText",
    "setToolTip",
    "setPlaceholderText",
    "setWindowTitle",
    "setStatusTip",
    "setWhatsThis",
    "setTitle",
    "setFormat",
    "setSuffix",
    "setPrefix",
    "setSpecialValueText",
    "showMessage",
    "addAction",
    "addMenu",
    "addRow",
    "addTab",
    "addItem",
    "addButton",
    "QLabel",
    "QPushButton",
    "QToolButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "QListWidgetItem",
    "QMessageBox",
    "warning",
    "information",
    "critical",
    "question",
    "about",
    "heading",
    "hint",
    "confirm",
    "inform",
    "ask_text",
    "open_path",
    "save_path",
    "_action",
    "_message",
    "_test_result",
    "show_error",
    "price_per_segment_spin",
    "messages_per_minute_spin",
}
LOGGERS = {"log", "logger", "logging"}
TRANSLATING = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}

ALLOWED = {
    "SMSDesk",  # the product's name
    "◀",  # arrows on the preview's step buttons
    "▶",
    # Settings > Language names each language in itself, whatever the GUI's language is.
    "Dansk",
    "Svenska",
    "English",
    "GSM-7",  # the encodings' technical names, the same in every language
    "Unicode (UCS-2)",
}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _has_words(text: str) -> bool:
    """Letters outside HTML tags: markup around a value (a detail in grey) is not text to translate."""
    return any(ch.isalpha() for ch in re.sub(r"<[^>]*>", "", text))


def _literal_text(node: ast.expr) -> str | None:
    """The user-visible literal inside an argument that is not translated, or None."""
    if isinstance(node, ast.Call) and _name(node.func) in TRANSLATING:
        return None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _literal_text(node.func.value)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
        return text if _has_words(text) and text not in ALLOWED else None
    if isinstance(node, ast.JoinedStr):
        parts = "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
        return parts if _has_words(parts) else None
    if isinstance(node, ast.BinOp):
        return _literal_text(node.left) or _literal_text(node.right)
    if isinstance(node, ast.IfExp):
        return _literal_text(node.body) or _literal_text(node.orelse)
    return None


def untranslated(source: str, filename: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call) or _name(node.func) not in DISPLAY_CALLS:
            continue
        receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
        if isinstance(receiver, ast.Name) and receiver.id in LOGGERS:
            continue  # log lines are for developers and support, in English
        arguments = node.args[1:2] if _name(node.func) == "_action" else node.args  # (menu, text, shortcut)
        for argument in [*arguments, *(k.value for k in node.keywords if k.arg in ("ok", "cancel", "text"))]:
            text = _literal_text(argument)
            if text is not None:
                found.append(f"{filename}:{node.lineno}: {_name(node.func)}({text!r})")
    return found


def test_every_text_shown_in_the_gui_goes_through_translation():
    problems = []
    for path in sorted(UI.glob("*.py")):
        problems += untranslated(path.read_text(encoding="utf-8"), path.name)
    assert not problems, "untranslated text in the GUI:\n" + "\n".join(problems)


def test_the_scan_catches_the_ways_text_slips_past():
    source = """
label.setText("Hello")
QPushButton(f"Send to {n}")
box.setToolTip("a" + name)
self.prompts.confirm(self, self.tr("Title"), "Body", ok="Go")
ok.setText(self.tr("Fine {x}").format(x=1))
heading(self.tr("Fine"))
hint("")
label.setText("SMSDesk")
note.setText(f"<br><span style='color:grey'>{reason}</span>")
"""
    found = untranslated(source, "example.py")
    assert [line.split(": ", 1)[1] for line in found] == [
        "setText('Hello')",
        "QPushButton('Send to ')",
        "setToolTip('a')",
        "confirm('Body')",
        "confirm('Go')",
    ]


def sentences_in_tables(source: str, filename: str) -> list[str]:
    """Sentences (three words or more) written into a tuple or list outside tr(): a table of (widget, name,
    tool tip) rows hands its text to setToolTip through a loop variable, where the scan above cannot see it."""
    tree = ast.parse(source, filename)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if not isinstance(parents.get(node), ast.Tuple | ast.List) or len(node.value.split()) < 3:
            continue
        ancestor = parents.get(node)
        while ancestor is not None and not (
            isinstance(ancestor, ast.Call) and _name(ancestor.func) in TRANSLATING
        ):
            ancestor = parents.get(ancestor)
        if ancestor is None:
            found.append(f"{filename}:{node.lineno}: {node.value!r}")
    return found


def test_no_sentence_waits_untranslated_in_a_table_of_texts():
    problems = []
    for path in sorted(UI.glob("*.py")):
        problems += sentences_in_tables(path.read_text(encoding="utf-8"), path.name)
    assert not problems, "untranslated sentences in the GUI:\n" + "\n".join(problems)
