"""What a small screen must not do: grow the window past the screen, cut a caption, squeeze a button."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget


def cut_captions(window: QWidget) -> list[str]:
    """Visible labels and buttons narrower than their text needs (a caption shown as "will get the r")."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if (
            isinstance(widget, QLabel)
            and not widget.wordWrap()
            and widget.text()
            and widget.pixmap().isNull()
        ):
            if "<" in widget.text():
                continue  # rich text elides by itself; checked by eye on the screenshots
            needed = widget.fontMetrics().horizontalAdvance(widget.text()) + widget.contentsMargins().left()
            if widget.width() + 1 < needed:
                problems.append(f"label {widget.text()!r}: {widget.width()} < {needed}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            needed = widget.minimumSizeHint().width()
            if widget.width() + 1 < needed:
                problems.append(
                    f"button {widget.text()!r}: {widget.width()} < {widget.minimumSizeHint().width()}"
                )
    return problems
