"""The message text box: marks the characters that force Unicode and the placeholders the file does not have."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def utf16_offset(text: str, index: int) -> int:
    """Qt counts positions in UTF-16 units; Python in code points. An emoji is 1 for Python, 2 for Qt."""
    return utf16_length(text[:index])


class MessageHighlighter(QSyntaxHighlighter):
    """Per line: non-GSM characters on an amber background, unknown/malformed placeholders with a red wave."""

    def __init__(self, document, columns: Callable[[], list[str]]):
        super().__init__(document)
        self._columns = columns
        self.non_gsm_format = QTextCharFormat()
        self.non_gsm_format.setBackground(QColor("#ffd8a8"))
        self.non_gsm_format.setForeground(QColor("#8a3c00"))
        self.non_gsm_format.setToolTip(
            QCoreApplication.translate(
                "MessageEditor", "This character makes the whole message Unicode (70 characters per SMS)"
            )
        )
        self.placeholder_format = QTextCharFormat()
        self.placeholder_format.setForeground(QColor("#1d4ed8"))
        self.placeholder_format.setFontWeight(QFont.Weight.DemiBold)
        self.problem_format = QTextCharFormat()
        self.problem_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.problem_format.setUnderlineColor(QColor("#c62828"))
        self.problem_format.setForeground(QColor("#c62828"))

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        if not text:
            return
        from smsdesk.core.encoding import count
        from smsdesk.core.template import Template

        template = Template(text)
        columns = self._columns()
        problems = template.problems(columns) if columns else template.problems()
        for placeholder in template.placeholders:
            token = "{" + placeholder + "}"
            start = text.find(token)
            while start >= 0:
                self.setFormat(utf16_offset(text, start), utf16_length(token), self.placeholder_format)
                start = text.find(token, start + len(token))
        for problem in problems:
            start = utf16_offset(text, problem.position)
            length = utf16_length(text[problem.position : problem.position + max(1, problem.length)])
            self.setFormat(start, length, self.problem_format)
        for char in count(text).non_gsm:
            self.setFormat(char.utf16_index, utf16_length(char.char), self.non_gsm_format)


class MessageEditor(QPlainTextEdit):
    def __init__(self, columns: Callable[[], list[str]], parent=None):
        super().__init__(parent)
        self.setObjectName("messageEditor")
        self.setPlaceholderText(
            self.tr(
                "Write the message here. Click a column name above to put a placeholder in the text, "
                "e.g. Hi {Name}, your table is ready."
            )
        )
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() + 2)
        self.setFont(font)
        self.highlighter = MessageHighlighter(self.document(), columns)

    def insert_placeholder(self, column: str) -> None:
        self.insertPlainText("{" + column + "}")
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def replace_all(self, text: str) -> None:
        """Replace the whole text as one undoable edit (Ctrl+Z brings the original back)."""
        cursor = self.textCursor()
        position = cursor.position()
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        cursor.setPosition(min(position, self.document().characterCount() - 1))
        self.setTextCursor(cursor)

    def rehighlight(self) -> None:
        self.highlighter.rehighlight()
