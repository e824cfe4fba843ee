"""Numbers the user types and amounts shown: decimals read in any locale, the currency a price is in, and how a
spreadsheet row is written."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QDoubleSpinBox

from smsdesk.core.numfmt import NumberStyle


def row_label(row: int | None) -> str:
    """A spreadsheet row as tables show it."""
    # A row is a label, not a count: ungrouped as Excel's row headers write it (10001, never 10.001); counts and
    # amounts use the locale's grouping (widgets.thousands).
    return "" if row is None else str(int(row))


def read_decimal(text: str) -> float | None:
    """A number as a user types it, in any locale: `0,25`, `0.25` and `0,250` are all a quarter; with both marks
    (`1.234,50`, `1,234.50`) the last is the decimal one. None when it is not a number."""
    text = "".join(text.split()).replace("\u2212", "-")
    if not text:
        return None
    marks = [index for index, char in enumerate(text) if char in ",."]
    if marks:
        last = marks[-1]
        whole = text[:last].replace(",", "").replace(".", "")
        text = f"{whole}.{text[last + 1 :]}"
    try:
        return float(text)
    except ValueError:
        return None


def number_style() -> NumberStyle:
    """The locale's separators, for numbers read from a workbook ("120,50" in Danish, "1 200,50" in Swedish).

    A separator outside GSM-7 (Swedish groups with a no-break space) is written as a plain space: in an SMS it
    would make the whole message Unicode, at less than half the characters per part."""
    from smsdesk.core.encoding import is_gsm
    from smsdesk.ui.widgets import locale

    current = locale()
    decimal, group = current.decimalPoint(), current.groupSeparator()
    return NumberStyle(decimal=decimal if is_gsm(decimal) else ".", group=group if is_gsm(group) else " ")


def currency_of(country: str | None) -> str:
    """The ISO currency of a country ("DK" -> "DKK"): what a price the user types is in."""
    from PySide6.QtCore import QLocale

    territory = QLocale.codeToTerritory(country or "")
    if territory == QLocale.Country.AnyCountry:
        return ""
    locale = QLocale(QLocale.Language.AnyLanguage, territory)
    return locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)


class DecimalSpinBox(QDoubleSpinBox):
    """A decimal field that reads `0,25` and `0.25` alike: QDoubleSpinBox takes the other locale's decimal mark for
    a thousands separator, so a Dane typing 0,25 in an English Qt (or 0.25 in a Danish one) saved 25."""

    def _number_part(self, text: str) -> str:
        text = text.strip()
        if self.suffix() and text.endswith(self.suffix().strip()):
            text = text[: len(text) - len(self.suffix().strip())]
        if self.prefix() and text.startswith(self.prefix().strip()):
            text = text[len(self.prefix().strip()) :]
        return text.strip()

    def valueFromText(self, text: str) -> float:  # noqa: N802 - Qt override
        number = self._number_part(text)
        if self.specialValueText() and number == self.specialValueText():
            return self.minimum()
        value = read_decimal(number)
        return self.minimum() if value is None else value

    def validate(self, text: str, position: int):
        from PySide6.QtGui import QValidator

        number = self._number_part(text)
        if not number or number in ("-", ",", ".") or number == self.specialValueText():
            return QValidator.State.Intermediate, text, position
        if any(char not in "0123456789,. -" for char in number):
            return QValidator.State.Invalid, text, position
        value = read_decimal(number)
        if value is None:
            return QValidator.State.Intermediate, text, position
        decimals = number.replace(",", ".").rpartition(".")[2] if ("," in number or "." in number) else ""
        if len(decimals) > self.decimals() and number.count(",") + number.count(".") == 1:
            return QValidator.State.Invalid, text, position
        if value > self.maximum():
            return QValidator.State.Invalid, text, position
        return QValidator.State.Acceptable, text, position

    def fixup(self, text: str) -> str:
        value = read_decimal(self._number_part(text))
        return text if value is None else self.textFromValue(value)


# The unit each provider reports a sent message's cost in (its own answer names none).
# Marked for lupdate, translated where shown (a currency code stays as it is).
COST_UNITS = {
    "cpsms": QT_TRANSLATE_NOOP("Widgets", "points"),
    "sandbox": QT_TRANSLATE_NOOP("Widgets", "credits"),
    "ugsms": "UGX",
}


def cost_unit(provider: str | None) -> str:
    unit = COST_UNITS.get(provider or "")
    if unit is None:
        return QCoreApplication.translate("Widgets", "(provider's unit)")
    return unit if unit == "UGX" else QCoreApplication.translate("Widgets", str(unit))


def money_text(amount: float, currency: str) -> str:
    """An amount with its unit, in the tables' one number format: the locale's separators (1.234,50 credits in
    Danish), as widgets.thousands writes the counts beside it."""
    from smsdesk.ui.widgets import locale

    return f"{locale().toString(float(amount), 'f', 2)} {currency}".strip()
