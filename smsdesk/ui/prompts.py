"""Every question the app asks the user, in one replaceable object.

Pages never call QMessageBox/QFileDialog directly: they ask `prompts`. Tests (and scripted demos) swap in an object
with the same methods and canned answers, so a modal dialog can never hang a test run.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget


class Prompts:
    def confirm(
        self, parent: QWidget, title: str, text: str, *, ok: str = "OK", cancel: str = "Cancel", warning=False
    ) -> bool:
        box = QMessageBox(parent)
        box.setWindowTitle(title)
        box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question)
        box.setText(text)
        ok_button = box.addButton(ok, QMessageBox.ButtonRole.AcceptRole)
        cancel_button = box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel_button if warning else ok_button)
        box.setEscapeButton(cancel_button)
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

    def resume_interrupted(self, parent: QWidget, descriptions: list[str]) -> bool:
        """Offered on start-up: campaigns that stopped before every message went out."""
        listing = "\n".join(f"• {line}" for line in descriptions)
        return self.confirm(
            parent,
            "Resume interrupted sends?",
            "These sends stopped before every message went out:\n\n"
            f"{listing}\n\n"
            "Resuming sends only the messages that were never sent. Messages whose outcome is unknown "
            "are not sent again unless you ask in Results.",
            ok="Show and resume",
            cancel="Not now",
        )

    def save_path(self, parent: QWidget, title: str, suggested: Path, filters: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
        return Path(path) if path else None

    def open_path(self, parent: QWidget, title: str, start: Path, filters: str) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, str(start), filters)
        return Path(path) if path else None
