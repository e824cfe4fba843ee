"""Every question the app asks the user, in one replaceable object.

Pages never call QMessageBox/QFileDialog directly: they ask `prompts`. Tests (and scripted demos) swap in an object
with the same methods and canned answers, so a modal dialog can never hang a test run.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)


def confirm_box(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    ok: str | None = None,
    cancel: str | None = None,
    warning: bool = False,
) -> tuple[QMessageBox, object]:
    """The question as a message box (returned unshown, with its OK button), so screenshots can show it too."""
    box = QMessageBox(parent)
    box.setWindowTitle(title)
    box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question)
    box.setText(text)
    ok_button = box.addButton(
        ok or QCoreApplication.translate("Prompts", "OK"), QMessageBox.ButtonRole.AcceptRole
    )
    cancel_button = box.addButton(
        cancel or QCoreApplication.translate("Prompts", "Cancel"), QMessageBox.ButtonRole.RejectRole
    )
    # A warning defaults to the safe answer: Enter must never send twice or throw work away.
    box.setDefaultButton(cancel_button if warning else ok_button)
    box.setEscapeButton(cancel_button)
    return box, ok_button


def resume_title() -> str:
    return QCoreApplication.translate("Prompts", "Resume interrupted sends?")


def resume_text(descriptions: list[str]) -> str:
    """The offer's explanation; with no descriptions the campaigns are listed beside it to pick from."""
    listing = "\n".join(f"• {line}" for line in descriptions)
    intro = QCoreApplication.translate("Prompts", "These campaigns stopped before every message went out:")
    rule = QCoreApplication.translate(
        "Prompts",
        "Resuming sends only the messages that were never sent. Messages whose outcome is unknown "
        "are not sent again unless you ask in Results.",
    )
    return f"{intro}\n\n{listing}\n\n{rule}" if listing else f"{intro}\n\n{rule}"


class ResumeDialog(QDialog):
    """The start-up offer as a list: the user picks which interrupted campaign to resume (the first is selected)."""

    def __init__(self, parent: QWidget | None, descriptions: list[str]):
        super().__init__(parent)
        self.setWindowTitle(resume_title())
        self.list = QListWidget()
        self.list.addItems(descriptions)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        text = QLabel(resume_text([]) if len(descriptions) > 1 else resume_text(descriptions))
        text.setWordWrap(True)
        buttons = QDialogButtonBox()
        resume = buttons.addButton(
            QCoreApplication.translate("Prompts", "Show and resume"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        resume.setDefault(True)
        buttons.addButton(
            QCoreApplication.translate("Prompts", "Not now"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(620, 320)

    def chosen(self) -> int | None:
        return self.list.currentRow() if self.result() == QDialog.DialogCode.Accepted else None


class Prompts:
    def confirm(
        self,
        parent: QWidget,
        title: str,
        text: str,
        *,
        ok: str | None = None,
        cancel: str | None = None,
        warning=False,
    ) -> bool:
        box, ok_button = confirm_box(parent, title, text, ok=ok, cancel=cancel, warning=warning)
        box.exec()
        return box.clickedButton() is ok_button

    def inform(self, parent: QWidget, title: str, text: str, *, warning: bool = False) -> None:
        if warning:
            QMessageBox.warning(parent, title, text)
        else:
            QMessageBox.information(parent, title, text)

    def ask_text(self, parent: QWidget, title: str, label: str, default: str = "") -> str | None:
        text, ok = QInputDialog.getText(parent, title, label, text=default)
        return text.strip() if ok and text.strip() else None

    def resume_interrupted(self, parent: QWidget, descriptions: list[str]) -> int | None:
        """Offered on start-up: campaigns that stopped before every message went out. Returns the index of the one
        the user picked to resume, or None."""
        dialog = ResumeDialog(parent, descriptions)
        dialog.exec()
        return dialog.chosen()

    def save_path(self, parent: QWidget, title: str, suggested: Path, filters: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
        return Path(path) if path else None

    def open_path(self, parent: QWidget, title: str, start: Path, filters: str) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, str(start), filters)
        return Path(path) if path else None
