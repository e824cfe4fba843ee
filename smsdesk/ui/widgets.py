"""Small building blocks shared by the pages: assets, headings, a flow layout for chips, a plain rows model."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import cache
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QLabel,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from smsdesk.core.states import MessageState

ASSETS = Path(__file__).resolve().parent / "assets"

# Message states (journal) and delivery states, with the colour people read them by.
STATE_COLOURS = {
    MessageState.PENDING: "#6b7280",
    MessageState.SENDING: "#2f6fd1",
    MessageState.SENT: "#2e7d32",
    "delivered": "#1f6e43",
    MessageState.FAILED: "#c62828",
    MessageState.SKIPPED: "#6b7280",
    MessageState.UNKNOWN: "#b86e00",
}
# Marked for lupdate here, translated when shown (state_label): the language is chosen after import.
STATE_LABELS = {
    # one name for it everywhere: the counts line and the filter say Waiting too
    MessageState.PENDING: QT_TRANSLATE_NOOP("States", "Waiting"),
    MessageState.SENDING: QT_TRANSLATE_NOOP("States", "Sending"),
    MessageState.SENT: QT_TRANSLATE_NOOP("States", "Sent"),
    "delivered": QT_TRANSLATE_NOOP("States", "Delivered"),
    MessageState.FAILED: QT_TRANSLATE_NOOP("States", "Failed"),
    MessageState.SKIPPED: QT_TRANSLATE_NOOP("States", "Skipped"),
    MessageState.UNKNOWN: QT_TRANSLATE_NOOP("States", "Unknown"),
}


def state_label(state: str) -> str:
    label = STATE_LABELS.get(state)
    return QCoreApplication.translate("States", str(label)) if label else state


@cache
def asset_icon(name: str) -> QIcon:
    path = ASSETS / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def status_icon(state: str) -> QIcon:
    return asset_icon(f"status-{state}")


@cache
def state_colour(state: str) -> QColor:
    return QColor(STATE_COLOURS.get(state, "#374151"))


def app_icon() -> QIcon:
    """The packaging helper's icon under resources/, when the tree has it; else none."""
    root = Path(__file__).resolve().parents[2] / "resources"
    for name in ("smsdesk.svg", "smsdesk.png"):
        if (root / name).exists():
            return QIcon(str(root / name))
    return QIcon()


def heading(text: str, level: int = 1) -> QLabel:
    label = QLabel(text)
    label.setObjectName("heading" if level == 1 else "subheading")
    label.setWordWrap(True)
    return label


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def price_per_segment_spin(tooltip: str, currency: str = "") -> QDoubleSpinBox:
    """An account's price per SMS part, 0 = "not set" (the account dialog and Settings edit the same field)."""
    from smsdesk.ui.numbers import DecimalSpinBox

    spin = DecimalSpinBox()
    spin.setDecimals(4)
    spin.setRange(0, 1000)
    spin.setSpecialValueText(QCoreApplication.translate("Widgets", "not set"))
    if currency:
        spin.setSuffix(f" {currency}")
    spin.setToolTip(tooltip)
    return spin


def messages_per_minute_spin(suffix: str, tooltip: str) -> QSpinBox:
    """An account's own cap on messages per minute, 0 = "no cap" (the account dialog and Settings)."""
    spin = QSpinBox()
    spin.setRange(0, 100000)
    spin.setSpecialValueText(QCoreApplication.translate("Widgets", "no cap"))
    spin.setSuffix(suffix)
    spin.setToolTip(tooltip)
    return spin


def card(*widgets: QWidget, object_name: str = "card") -> QFrame:
    frame = QFrame()
    frame.setObjectName(object_name)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 12, 14, 12)
    for widget in widgets:
        layout.addWidget(widget)
    return frame


def locale():
    """The locale numbers, money and dates are written in (set from the language choice at start-up)."""
    from PySide6.QtCore import QLocale

    return QLocale()


def thousands(number: int | float) -> str:
    """A count or amount with the locale's separators: 10,000 / 10.000 / 10 000."""
    if isinstance(number, float) and not number.is_integer():
        return locale().toString(number, "f", 2)
    return locale().toString(int(number))


# Balances some providers count in points, not money: shown as a number of credits, never with a currency.
POINT_UNITS = ("credits", "credit", "points", "point", "sms", "messages")


def money(amount: float, currency: str | None, decimals: int = 2) -> str:
    """An amount in the account's currency, the locale's way: 1.234,50 kr. / 1 234,50 SEK / 1,234.50 UGX.

    The locale's own currency gets its own symbol (kr. in Danish); any other is written with its ISO code. Points
    ("credits") are a number and the word; no currency at all is just the number; any other unit follows the
    number as it is written.
    """
    loc = locale()
    unit = (currency or "").strip()
    if unit.lower() in POINT_UNITS:
        return QCoreApplication.translate("Formats", "{amount} credits").format(
            amount=thousands(float(amount))
        )
    if not unit:
        return loc.toString(float(amount), "f", decimals)
    if unit.upper() == loc.currencySymbol(loc.CurrencySymbolFormat.CurrencyIsoCode):
        return loc.toCurrencyString(float(amount), loc.currencySymbol(), decimals)
    # another country's money, or a unit of the provider's: after the number, as written ("15.00 DKK", not the
    # "DKK15.00" an English locale would make of a foreign code)
    return f"{loc.toString(float(amount), 'f', decimals)} {unit.upper() if len(unit) == 3 and unit.isalpha() else unit}"


def duration_text(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return QCoreApplication.translate("Formats", "{seconds} s").format(seconds=seconds)
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return QCoreApplication.translate("Formats", "{minutes} min {seconds} s").format(
            minutes=minutes, seconds=f"{seconds:02d}"
        )
    hours, minutes = divmod(minutes, 60)
    return QCoreApplication.translate("Formats", "{hours} h {minutes} min").format(
        hours=hours, minutes=f"{minutes:02d}"
    )


def local_time(iso: str | datetime | None, *, seconds: bool = False) -> str:
    """An ISO timestamp from the store (UTC), or a datetime, as the user's wall-clock time, in the locale's short
    form (to the minute; with `seconds`, to the second, to tell apart two moments of the same minute)."""
    if not iso:
        return ""
    from datetime import UTC

    from PySide6.QtCore import QDateTime, QLocale

    if isinstance(iso, datetime):
        moment = iso.astimezone()  # a naive datetime is the computer's wall clock (a picked time), not UTC
    else:
        try:
            moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
        except ValueError:
            return iso.replace("T", " ")[:16]
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime()
    if not seconds:
        return locale().toString(local, QLocale.FormatType.ShortFormat)
    return locale().toString(local, _with_seconds(locale().dateTimeFormat(QLocale.FormatType.ShortFormat)))


def _with_seconds(pattern: str) -> str:
    """A Qt date-time pattern with seconds after its minutes, joined by the locale's own separator (14:05:09,
    14.05.09)."""
    if "ss" in pattern or "mm" not in pattern:
        return pattern
    separator = re.search(r"[Hh]+(\W)mm", pattern)
    return pattern.replace("mm", "mm" + (separator.group(1) if separator else ":") + "ss", 1)


def local_date(moment) -> str:
    """A date (datetime.date) in the locale's short form."""
    from PySide6.QtCore import QDate, QLocale

    return locale().toString(QDate(moment.year, moment.month, moment.day), QLocale.FormatType.ShortFormat)


def country_choices() -> tuple[tuple[str, str], ...]:
    """(region code, "Danmark (+45)") for every region phonenumbers knows, named and sorted in the GUI's
    language; Denmark first."""
    return _country_choices(locale().name())


@cache
def _country_choices(locale_name: str) -> tuple[tuple[str, str], ...]:
    # Built from phonenumbers' code table, not its per-region metadata (loading that costs a tenth of a second).
    from phonenumbers import COUNTRY_CODE_TO_REGION_CODE
    from PySide6.QtCore import QCollator, QLocale

    dial_codes: dict[str, int] = {}
    for code, regions in COUNTRY_CODE_TO_REGION_CODE.items():
        for region in regions:
            if len(region) == 2 and region.isalpha():
                dial_codes.setdefault(region, code)
    choices = [(region, f"{country_name(region)} (+{code})") for region, code in dial_codes.items()]
    collator = QCollator(QLocale(locale_name))  # Danish sorts Æ, Ø, Å after Z; Swedish Å, Ä, Ö
    choices.sort(key=lambda item: (item[0] != "DK", collator.sortKey(item[1])))
    return tuple(choices)


def country_name(region: str) -> str:
    """The country's name in the GUI's language. Qt names countries only in English, so the names are the Unicode
    CLDR's, through Babel; a region Babel does not know keeps Qt's English name (or its code)."""
    from PySide6.QtCore import QLocale

    name = _territory_names(locale().name()).get(region)
    if name:
        return name
    territory = QLocale.codeToTerritory(region)
    return QLocale.territoryToString(territory) if territory != QLocale.Country.AnyCountry else region


@cache
def _territory_names(locale_name: str) -> Mapping[str, str]:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(locale_name).territories
    except (UnknownLocaleError, ValueError):
        return {}


class CountryCombo(QComboBox):
    """A country picker that starts with just the chosen country and fills the full list when first shown:
    two of them with 240 countries each would cost the app's start-up a noticeable fraction of a second. Until
    then the one entry is the country's code: naming it loads the CLDR's names (Babel, ~30 ms), and a combo is
    always filled before it is painted."""

    def __init__(self, code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._filled = False
        self.set_country(code)

    def set_country(self, code: str) -> bool:
        index = self.findData(code)
        if index < 0 and not self._filled:
            self.addItem(code, code)
            index = self.findData(code)
        if index < 0:
            return False
        self.setCurrentIndex(index)
        return True

    def fill(self) -> None:
        if self._filled:
            return
        self._filled = True
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        for code, label in country_choices():
            self.addItem(label, code)
        self.setCurrentIndex(max(0, self.findData(current)))
        self.blockSignals(False)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.fill()

    def showPopup(self) -> None:  # noqa: N802 - Qt override
        self.fill()
        super().showPopup()


class FlowLayout(QLayout):
    """Lays out chips left to right, wrapping to the next line (Qt's flow-layout example, trimmed)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._heights: dict[int, int] = {}  # width -> height; the window asks many times per layout pass
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)
        self._heights.clear()

    def invalidate(self) -> None:
        self._heights.clear()
        super().invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        self._heights.clear()
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._arrange(QRect(0, 0, width, 0), move=False)
        return height

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def clear(self) -> None:
        self._heights.clear()
        while self._items:
            item = self._items.pop()
            widget = item.widget()
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            hint_size = item.sizeHint()
            if x + hint_size.width() > area.right() and line_height > 0:
                x = area.x()
                y += line_height + self._spacing
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint_size))
            x += hint_size.width() + self._spacing
            line_height = max(line_height, hint_size.height())
        return y + line_height - rect.y() + margins.bottom()


class RowsModel(QAbstractTableModel):
    """A read-only table of strings (file preview, excluded rows)."""

    def __init__(self, header: Sequence[str] = (), rows: Sequence[Sequence[object]] = (), parent=None):
        super().__init__(parent)
        self._header = list(header)
        self._rows = [list(row) for row in rows]
        self.right_aligned: frozenset[int] = frozenset()  # columns of numbers, right-aligned as in Results

    def set_data(self, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        self.beginResetModel()
        self._header = list(header)
        self._rows = [list(row) for row in rows]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(self._header)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            row = self._rows[index.row()]
            value = row[index.column()] if index.column() < len(row) else ""
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.UserRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.right_aligned:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._header[section] if section < len(self._header) else None
        return None


def expanding(widget: QWidget) -> QWidget:
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return widget


class ProgressBar(QWidget):
    """A progress bar that repaints with the rest of the window.

    QProgressBar.setValue() repaints synchronously, and that paint flushes everything else waiting to be painted (the
    results table included) inside the caller's slot: with results streaming in, one slot did the model update and a
    full paint back to back. This one only schedules its paint.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._minimum, self._maximum, self._value = 0, 100, 0
        self._format = ""
        self.setMinimumHeight(22)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def setRange(self, minimum: int, maximum: int) -> None:  # noqa: N802 - QProgressBar's name
        self._minimum, self._maximum = minimum, max(minimum, maximum)
        self.update()

    def setValue(self, value: int) -> None:  # noqa: N802 - QProgressBar's name
        value = max(self._minimum, min(self._maximum, int(value)))
        if value != self._value:
            self._value = value
            self.update()

    def setFormat(self, text: str) -> None:  # noqa: N802 - QProgressBar's name
        if text != self._format:
            self._format = text
            self.update()

    def value(self) -> int:
        return self._value

    def maximum(self) -> int:
        return self._maximum

    def minimum(self) -> int:
        return self._minimum

    def text(self) -> str:
        return self._format

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(200, 22)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        from PySide6.QtGui import QPainter, QPen

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame = self.rect().adjusted(0, 0, -1, -1)
        painter.setPen(QPen(QColor("#c7ced9")))
        painter.setBrush(QColor("white"))
        painter.drawRoundedRect(frame, 6, 6)
        span = self._maximum - self._minimum
        if span > 0 and self._value > self._minimum:
            width = int((frame.width() - 2) * (self._value - self._minimum) / span)
            chunk = QRect(frame.x() + 1, frame.y() + 1, max(0, width), frame.height() - 1)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#4f8ef7"))
            painter.drawRoundedRect(chunk, 5, 5)
        if self._format:
            painter.setPen(QColor("#111827"))
            painter.drawText(frame, Qt.AlignmentFlag.AlignCenter, self._format)
        painter.end()


class LiveText(QWidget):
    """One line of text that changes many times a second (counts, time left).

    QLabel.setText() asks the whole window to lay itself out again; this only repaints its own rectangle.
    """

    def __init__(self, parent: QWidget | None = None, *, alignment=None, minimum_width: int = 120):
        super().__init__(parent)
        self._text = ""
        self._alignment = alignment or (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setMinimumWidth(minimum_width)
        self.setFixedHeight(self.fontMetrics().height() + 6)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:  # noqa: N802 - QLabel's name
        if text != self._text:
            self._text = text
            self.update()

    def text(self) -> str:
        return self._text

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.minimumWidth(), self.height())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        from PySide6.QtGui import QPainter

        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.rect(), int(self._alignment), self._text)
        painter.end()
