"""Every question the app asks the user, in one replaceable object.

Pages never call QMessageBox/QFileDialog directly: they ask `prompts`. Tests (and scripted demos) swap in an object
with the same methods and canned answers, so a modal dialog can never hang a test run.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget


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
    listing = "\n".join(f"• {line}" for line in descriptions)
    return QCoreApplication.translate(
        "Prompts",
        "These sends stopped before every message went out:\n\n{listing}\n\n"
        "Resuming sends only the messages that were never sent. Messages whose outcome is unknown "
        "are not sent again unless you ask in Results.",
    ).format(listing=listing)


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

    def resume_interrupted(self, parent: QWidget, descriptions: list[str]) -> bool:
        """Offered on start-up: campaigns that stopped before every message went out."""
        return self.confirm(
            parent,
            resume_title(),
            resume_text(descriptions),
            ok=QCoreApplication.translate("Prompts", "Show and resume"),
            cancel=QCoreApplication.translate("Prompts", "Not now"),
        )

    def save_path(self, parent: QWidget, title: str, suggested: Path, filters: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
        return Path(path) if path else None

    def open_path(self, parent: QWidget, title: str, start: Path, filters: str) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, str(start), filters)
        return Path(path) if path else None
