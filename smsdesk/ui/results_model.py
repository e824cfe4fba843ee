"""The Results table: one row per journal message, updated in place as results stream in.

Rows are plain lists (cheap to hold 10,000 of); updates arrive in batches from a timer and are announced as a few
contiguous dataChanged ranges, so the view repaints once per batch whatever the batch size.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from smsdesk.core.states import DeliveryState, MessageState
from smsdesk.engine.results import Tally, tally
from smsdesk.ui.numbers import money_text, row_label
from smsdesk.ui.reasons import error_text
from smsdesk.ui.widgets import STATE_LABELS, state_colour, status_icon, thousands

# Marked for lupdate, translated when a model is made (the language is chosen after import).
COLUMNS = (
    QT_TRANSLATE_NOOP("ResultsModel", "Row"),
    QT_TRANSLATE_NOOP("ResultsModel", "Name"),
    QT_TRANSLATE_NOOP("ResultsModel", "Number"),
    QT_TRANSLATE_NOOP("ResultsModel", "Status"),
    QT_TRANSLATE_NOOP("ResultsModel", "Delivery"),
    QT_TRANSLATE_NOOP("ResultsModel", "Provider id"),
    QT_TRANSLATE_NOOP("ResultsModel", "SMS"),
    QT_TRANSLATE_NOOP("ResultsModel", "Cost"),
    QT_TRANSLATE_NOOP("ResultsModel", "Error"),
)
ROW, NAME, NUMBER, STATUS, DELIVERY, PROVIDER_ID, SEGMENTS, COST, ERROR = range(len(COLUMNS))
STATE_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_STATE_ROLE = int(STATE_ROLE)
_SORT_ROLE = int(SORT_ROLE)
_ROLES = frozenset({_DISPLAY, _DECORATION, _FOREGROUND, _TOOLTIP, _ALIGNMENT, _STATE_ROLE, _SORT_ROLE})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

# internal row layout
_ID, _ROW, _NAME, _PHONE, _STATE, _DELIVERY, _MESSAGE_ID, _SEGMENTS, _COST, _ERROR = range(10)
DELIVERY_LABELS = {
    DeliveryState.DELIVERED: QT_TRANSLATE_NOOP("ResultsModel", "Delivered"),
    DeliveryState.UNDELIVERED: QT_TRANSLATE_NOOP("ResultsModel", "Not delivered"),
    DeliveryState.PENDING: QT_TRANSLATE_NOOP("ResultsModel", "Waiting for receipt"),
}
_DELIVERY_STATES = frozenset(DeliveryState)
NAME_HINTS = ("name", "navn", "namn", "nimi", "nom")


def name_from_fields(fields: dict[str, Any]) -> str:
    """The person's name for the table, from whichever column looks like a name (first name + last name if split)."""
    parts = []
    for key, value in fields.items():
        lowered = str(key).lower()
        if value and any(hint in lowered for hint in NAME_HINTS):
            parts.append(str(value).strip())
        if len(parts) == 2:
            break
    return " ".join(parts)


def row_from_record(record: Any) -> list[Any]:
    return [
        record.id,
        record.row,
        name_from_fields(record.fields or {}),
        record.phone,
        record.state,
        record.delivery,
        record.message_id,
        record.segments,
        record.cost,
        record.error,
    ]


class ResultsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[list[Any]] = []
        self._position: dict[int, int] = {}
        # Rows by (state, delivery): kept as rows change, read through engine.results.tally() like the journal's
        self._pairs: dict[tuple[str, str | None], int] = {}
        # "Scheduled" (and "Scheduled for …" as the tip) in place of "Sent" while a provider holds the messages
        self.sent_label: str | None = None
        self.sent_tip: str | None = None
        self.cost_unit = ""  # what the campaign's provider reports a cost in (numbers.cost_unit)
        # Set by a view that shows this model directly: () -> (first, last) row on screen. Changes elsewhere are
        # then not announced (nothing would be repainted for them, but Qt repaints the whole viewport for any
        # multi-row dataChanged). Left None whenever a proxy sits on top, since a proxy must see every change.
        self.visible_rows = None
        # Translated once: data() is called for every visible cell on every paint.
        translate = QCoreApplication.translate
        self._columns = [translate("ResultsModel", title) for title in COLUMNS]
        self._state_labels = {state: translate("States", label) for state, label in STATE_LABELS.items()}
        self._delivery_labels = {
            state: translate("ResultsModel", label) for state, label in DELIVERY_LABELS.items()
        }
        self._errors: dict[str, str] = {}

    # -- loading and updating ------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[list[Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._position = {row[_ID]: index for index, row in enumerate(self._rows)}
        self._pairs = {}
        for row in self._rows:
            self._count(row, 1)
        self.endResetModel()

    def _count(self, row: list[Any], step: int) -> None:
        pair = (row[_STATE], row[_DELIVERY])
        self._pairs[pair] = self._pairs.get(pair, 0) + step

    @property
    def counts(self) -> dict[str, int]:
        """Rows by state (states no row is in are left out)."""
        counts: dict[str, int] = {}
        for (state, _delivery), number in self._pairs.items():
            if number:
                counts[state] = counts.get(state, 0) + number
        return counts

    def tally(self) -> Tally:
        """The counters of the rows as shown, counted the journal's way (engine.results.tally)."""
        return tally(self._pairs)

    def clear(self) -> None:
        self.set_rows([])

    def apply(self, updates: Iterable[dict[str, Any]]) -> int:
        """Apply {id, state, message_id, cost, error, delivery, segments} dicts (missing keys: unchanged)."""
        changed: set[int] = set()
        appended: list[list[Any]] = []
        for update in updates:
            position = self._position.get(update["id"])
            if position is None:
                row = [update["id"], update.get("row"), update.get("name", ""), update.get("phone", "")]
                row += [
                    update.get("state", MessageState.PENDING),
                    None,
                    None,
                    update.get("segments"),
                    None,
                    None,
                ]
                self._position[update["id"]] = len(self._rows) + len(appended)
                appended.append(row)
                self._count(row, 1)
                continue
            row = self._rows[position]
            state = update.get("state", row[_STATE])
            delivery = update.get("delivery", row[_DELIVERY])
            if state != row[_STATE] or delivery != row[_DELIVERY]:
                self._count(row, -1)
                row[_STATE], row[_DELIVERY] = state, delivery
                self._count(row, 1)
            for key, column in (
                ("message_id", _MESSAGE_ID),
                ("cost", _COST),
                ("error", _ERROR),
                ("segments", _SEGMENTS),
            ):
                if key in update:
                    row[column] = update[key]
            changed.add(position)
        if appended:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(appended) - 1)
            self._rows.extend(appended)
            self.endInsertRows()
        last_column = len(COLUMNS) - 1
        runs = list(_runs(sorted(changed)))
        if self.visible_rows is not None and runs:
            top, bottom = self.visible_rows()
            runs = [
                (max(first, top), min(last, bottom))
                for first, last in runs
                if last >= top and first <= bottom
            ]
        for first, last in runs:
            self.dataChanged.emit(self.index(first, 0), self.index(last, last_column))
        return len(changed) + len(appended)

    def sync(self, rows: Sequence[list[Any]]) -> int:
        """Make the rows what the journal says (`rows` as row_from_record makes them): only rows that differ
        change, so the view keeps its place. A different set of rows is loaded anew. Returns how many changed."""
        if len(rows) != len(self._rows) or any(row[_ID] not in self._position for row in rows):
            self.set_rows(rows)
            return len(rows)
        updates = []
        for fresh in rows:
            held = self._rows[self._position[fresh[_ID]]]
            if held != fresh:
                updates.append(
                    {
                        "id": fresh[_ID],
                        "state": fresh[_STATE],
                        "delivery": fresh[_DELIVERY],
                        "message_id": fresh[_MESSAGE_ID],
                        "segments": fresh[_SEGMENTS],
                        "cost": fresh[_COST],
                        "error": fresh[_ERROR],
                    }
                )
        return self.apply(updates) if updates else 0

    def set_sent_label(self, label: str | None, tip: str | None = None) -> None:
        self.sent_tip = tip
        if label != self.sent_label:
            self.sent_label = label
            if self._rows:
                self.dataChanged.emit(self.index(0, STATUS), self.index(len(self._rows) - 1, STATUS))

    def message_ids(self, states: Iterable[str] = (MessageState.SENT,)) -> list[str]:
        wanted = set(states)
        return [row[_MESSAGE_ID] for row in self._rows if row[_STATE] in wanted and row[_MESSAGE_ID]]

    def undelivered_ids(self) -> list[str]:
        """Provider ids of sent messages with no final receipt yet (what a delivery refresh asks about)."""
        return list(
            dict.fromkeys(
                row[_MESSAGE_ID]
                for row in self._rows
                if row[_STATE] == MessageState.SENT
                and row[_MESSAGE_ID]
                and row[_DELIVERY] in (None, DeliveryState.PENDING)
            )
        )

    def apply_deliveries(self, deliveries: dict[int, str]) -> int:
        """The journal's delivery report of each row id that has one."""
        updates = [
            {"id": row[_ID], "delivery": deliveries.get(row[_ID])}
            for row in self._rows
            if row[_DELIVERY] != deliveries.get(row[_ID])
        ]
        return self.apply(updates) if updates else 0

    def state_at(self, row: int) -> str:
        return self._rows[row][_STATE]

    def row_values(self, row: int) -> list[Any]:
        return self._rows[row]

    def total(self) -> int:
        return len(self._rows)

    # -- Qt model ----------------------------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return {
                ROW: self.tr("The row number in your file, as Excel shows it"),
                STATUS: self.tr(
                    "Sent = accepted by the provider; Unknown = the answer was lost, it may have been sent"
                ),
                DELIVERY: self.tr("What the phone network reported later, where the provider can be asked"),
                SEGMENTS: self.tr("SMS parts the message is billed as"),
                COST: self.tr("What the provider reported for this message"),
            }.get(section)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # Called ~10 times per visible cell per paint: plain int comparisons, unknown roles out first.
        role = int(role)
        if role not in _ROLES:
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            if column == STATUS and self.sent_label is not None and row[_STATE] == "sent":
                return self.sent_label
            return self._display(row, column)
        if role == _STATE_ROLE:
            return row[_STATE]
        if role == _SORT_ROLE:
            return self._sort_value(row, column)
        if column == STATUS:
            if role == _TOOLTIP and self.sent_tip is not None and row[_STATE] == "sent":
                return self.sent_tip
            return _state_look(row[_STATE], role)
        if column == DELIVERY:
            state = row[_DELIVERY]
            return _state_look(state, role) if state in _DELIVERY_STATES else None
        if role == _TOOLTIP:
            if column == ERROR and row[_ERROR]:
                shown = self._error(row[_ERROR])
                # the engine's own words stay available: they are what a provider's support will recognise
                return row[_ERROR] if shown == row[_ERROR] else f"{shown}\n\n{row[_ERROR]}"
            return None
        if role == _ALIGNMENT and column in (ROW, SEGMENTS, COST):
            return _RIGHT
        return None

    def _error(self, error: str) -> str:
        shown = self._errors.get(error)
        if shown is None:
            shown = self._errors[error] = error_text(error)
        return shown

    def _display(self, row: list[Any], column: int):
        if column == ROW:
            return row_label(row[_ROW])
        if column == NAME:
            return row[_NAME]
        if column == NUMBER:
            return row[_PHONE]
        if column == STATUS:
            return self._state_labels.get(row[_STATE], row[_STATE])
        if column == DELIVERY:
            return self._delivery_labels.get(row[_DELIVERY], row[_DELIVERY] or "")
        if column == PROVIDER_ID:
            return row[_MESSAGE_ID] or ""
        if column == SEGMENTS:
            return thousands(row[_SEGMENTS]) if row[_SEGMENTS] else ""
        if column == COST:
            return money_text(row[_COST], self.cost_unit) if row[_COST] is not None else ""
        if column == ERROR:
            return self._error(row[_ERROR]) if row[_ERROR] else ""
        return None

    @staticmethod
    def _sort_value(row: list[Any], column: int):
        value = {
            ROW: row[_ROW],
            NAME: row[_NAME],
            NUMBER: row[_PHONE],
            STATUS: row[_STATE],
            DELIVERY: row[_DELIVERY],
            PROVIDER_ID: row[_MESSAGE_ID],
            SEGMENTS: row[_SEGMENTS],
            COST: row[_COST],
            ERROR: row[_ERROR],
        }[column]
        if value is None:
            return "" if column not in (ROW, SEGMENTS, COST) else -1
        return value


def _runs(positions: list[int]) -> Iterable[tuple[int, int]]:
    if not positions:
        return
    first = last = positions[0]
    for position in positions[1:]:
        if position == last + 1:
            last = position
            continue
        yield first, last
        first = last = position
    yield first, last


class StatusFilter(QSortFilterProxyModel):
    """Shows rows of the chosen states (journal state, or 'delivered'/'undelivered' from receipts) and search text.

    Filtering reads the source rows directly instead of going through QModelIndex.data(): one Python-to-Qt round
    trip per row per update would cost the GUI thread dearly at 10,000 rows (and PySide 6.12 loses a reference to
    None on every QModelIndex.data() that returns nothing, which eventually aborts the interpreter).
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._states: frozenset[str] | None = None
        self._text = ""
        self.setSortRole(SORT_ROLE)

    def _change(self, apply) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10 deprecates invalidateFilter()
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            apply()
            self.invalidateFilter()

    def set_states(self, states: Iterable[str] | None) -> None:
        self._change(lambda: setattr(self, "_states", frozenset(states) if states else None))

    def set_text(self, text: str) -> None:
        self._change(lambda: setattr(self, "_text", text.strip().casefold()))

    def is_filtering(self) -> bool:
        return self._states is not None or bool(self._text)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802 - Qt override
        if self._states is None and not self._text:
            return True
        row = cast(ResultsModel, self.sourceModel()).row_values(source_row)
        if self._states is not None:
            wanted = self._states
            delivery = row[_DELIVERY]
            if row[_STATE] not in wanted and not (
                ("delivered" in wanted and delivery == DeliveryState.DELIVERED)
                or ("undelivered" in wanted and delivery == DeliveryState.UNDELIVERED)
            ):
                return False
        if self._text:
            haystack = " ".join(
                str(row[i]) for i in (_ROW, _NAME, _PHONE, _MESSAGE_ID, _ERROR) if row[i] is not None
            )
            return self._text in haystack.casefold()
        return True


def _state_look(state: str, role: int):
    """The icon or the colour of a state's cell, for those two roles; None for the others."""
    if role == _DECORATION:
        return status_icon(state)
    if role == _FOREGROUND:
        return state_colour(state)
    return None
