"""The engine's and the importer's reasons in the user's language.

Below ui/ every reason is English on purpose (the CLI and its JSON stay English, scripts read them). Where the GUI
shows one, the known shapes are recognised here and given a translated sentence; the English original stays
available as the detail (tool tip). Texts a provider wrote itself are passed through as they are: only the
provider knows what they mean.
"""

from __future__ import annotations

import functools
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject

from smsdesk.ui.i18n import current_language


def exclusion_reason(item) -> str:
    """Why a row of the file is left out (core.plan's Excluded), translated."""
    return phone_reason(item.reason)


def phone_reason(reason: str) -> str:
    fixed, patterns = _translated(current_language())
    if reason in fixed:
        return fixed[reason]
    for pattern, text in patterns:
        match = pattern.fullmatch(reason)
        if match:
            return text.format(**match.groupdict())
    return reason


@functools.cache
def _translated(language: str) -> tuple[dict[str, str], list[tuple[re.Pattern[str], str]]]:
    """The fixed reasons and the patterns, translated once per language: the skipped-rows table asks for every
    row of the file on the GUI thread."""
    return _fixed(), _patterns()


def _fixed() -> dict[str, str]:
    from smsdesk.core import phones, plan

    return {
        plan.NO_PHONE_NUMBER: QCoreApplication.translate("Reasons", "no phone number"),
        plan.ON_OPT_OUT_LIST: QCoreApplication.translate("Reasons", "opted out (on the opt-out list)"),
        phones.EMPTY: QCoreApplication.translate("Reasons", "no phone number"),
        phones.NOT_A_NUMBER: QCoreApplication.translate("Reasons", "not a phone number"),
        phones.TOO_SHORT: QCoreApplication.translate("Reasons", "too short"),
        phones.TOO_LONG: QCoreApplication.translate("Reasons", "too long"),
        phones.UNKNOWN_COUNTRY_CODE: QCoreApplication.translate("Reasons", "unknown country code"),
        # what a cell or a typed value is instead (core.cells kinds, phones.looks_like): each whole sentence, so
        # each language can bend its words
        "a value, not a phone number": QCoreApplication.translate("Reasons", "a value, not a phone number"),
        "a date, not a phone number": QCoreApplication.translate("Reasons", "a date, not a phone number"),
        "a date and time, not a phone number": QCoreApplication.translate(
            "Reasons", "a date and time, not a phone number"
        ),
        "a time, not a phone number": QCoreApplication.translate("Reasons", "a time, not a phone number"),
        "a duration, not a phone number": QCoreApplication.translate(
            "Reasons", "a duration, not a phone number"
        ),
        "a TRUE/FALSE value, not a phone number": QCoreApplication.translate(
            "Reasons", "a TRUE/FALSE value, not a phone number"
        ),
        "an amount, not a phone number": QCoreApplication.translate(
            "Reasons", "an amount, not a phone number"
        ),
        "a negative number, not a phone number": QCoreApplication.translate(
            "Reasons", "a negative number, not a phone number"
        ),
    }


def error_text(error: str | None) -> str:
    """An error the journal holds for a message or a campaign, translated where its shape is known."""
    if not error:
        return ""
    from smsdesk.store.journal import INTERRUPTED_REASON

    if error == INTERRUPTED_REASON:
        return QCoreApplication.translate(
            "Reasons",
            "SMSDesk stopped while this message was being sent (crash, kill or power cut): the provider may or "
            "may not have accepted it, so it is not sent again unless you ask",
        )
    return phone_reason(error)


def template_problem_text(problem) -> str:
    """A core.template TemplateProblem in the user's language (its `message` is the CLI's English)."""
    return TemplateWords().text(problem)


class TemplateWords(QObject):
    """The message's problems, a sentence per kind (self.tr: the one form lupdate reads as a plural text)."""

    def text(self, problem) -> str:
        from smsdesk.core import template

        at = problem.position + 1
        if problem.kind == template.EMPTY_PLACEHOLDER:
            return self.tr(
                "Empty placeholder {written} at character {at}: put a column name between the braces, or write "
                "{{{{ and }}}} for literal braces"
            ).format(written=problem.written, at=at)
        if problem.kind == template.UNCLOSED:
            return self.tr(
                "Unclosed {{ at character {at}: end the placeholder with }}, or write {{{{ for a literal {{"
            ).format(at=at)
        if problem.kind == template.STRAY_CLOSE:
            return self.tr(
                "Stray }} at character {at} with no {{ before it: write }}}} for a literal }}"
            ).format(at=at)
        if problem.kind == template.AMBIGUOUS:
            return self.tr(
                "Placeholder {written} at character {at} matches several columns ({names}); write it exactly as "
                "one of them"
            ).format(written=problem.written, at=at, names=", ".join(f'"{c}"' for c in problem.columns))
        if problem.kind == template.UNKNOWN_COLUMN:
            text = self.tr(
                'Unknown placeholder {written} at character {at} - the file has no column "{name}"'
            ).format(written=problem.written, at=at, name=(problem.placeholder or "").strip())
            columns = ["{" + column.strip() + "}" for column in problem.columns]
            if problem.suggested:
                return text + ". " + self.tr("Did you mean {column}?").format(column=columns[0])
            if columns:
                shown = ", ".join(columns[:8])
                if len(columns) > 8:
                    shown = self.tr("{columns} and {count} more").format(
                        columns=shown, count=len(columns) - 8
                    )
                return text + ". " + self.tr("The columns are {columns}").format(columns=shown)
            return text + " " + self.tr("(no file is loaded)")
        return problem.message


def notice_text(what: str, done: str) -> tuple[str, str]:
    """What reading a file noticed and what it did about it (io.tables' and io.workbook's Notice), translated where
    the shape is known."""
    return ReadingNotice().text(what, done)


_CELL_CUT = re.compile(r"a cell of (?P<length>[0-9,]+) characters")
_CUT_TO = re.compile(r"cut to Excel's limit of (?P<limit>[0-9,]+)")
_FORMULAS = re.compile(r"(?P<count>[0-9]+) formula cells? with no saved value \(.*\)")


class ReadingNotice(QObject):
    """The notices' words: a QObject for self.tr, the one form lupdate reads as a plural text."""

    def text(self, what: str, done: str) -> tuple[str, str]:
        from smsdesk.ui.widgets import thousands

        fixed = {
            "a line that is not valid UTF-8 in a UTF-8 file": self.tr(
                "a line that is not valid UTF-8 in a UTF-8 file"
            ),
            "read as Windows cp1252": self.tr("read as Windows cp1252"),
            'a quote (") is opened and never closed': self.tr('a quote (") is opened and never closed'),
            "read this row up to the end of its line, the quote as text; the rows after it as usual": self.tr(
                "read this row up to the end of its line, the quote as text; the rows after it as usual"
            ),
            "read as empty; open the file in Excel and save it again to get the values": self.tr(
                "read as empty; open the file in Excel and save it again to get the values"
            ),
        }
        if (cut := _CELL_CUT.fullmatch(what)) is not None:
            length = int(cut.group("length").replace(",", ""))
            what = self.tr("a cell of {length} characters").format(length=thousands(length))
        elif (formulas := _FORMULAS.fullmatch(what)) is not None:
            count = int(formulas.group("count"))
            what = self.tr(
                "%Ln formula cell(s) with no saved value (the file was saved by a program that does not calculate)",
                "",
                count,
            )
        else:
            what = fixed.get(what, what)
        if (limit := _CUT_TO.fullmatch(done)) is not None:
            done = self.tr("cut to Excel's limit of {limit}").format(
                limit=thousands(int(limit.group("limit").replace(",", "")))
            )
        else:
            done = fixed.get(done, done)
        return what, done


def _patterns() -> list[tuple[re.Pattern[str], str]]:
    # Each English shape (as the engine writes it) with its translation; {name} fields carry over unchanged.
    return [
        # engine.schedule: why a scheduled campaign could not be cancelled
        (
            re.compile(r"Campaign (?P<id>\S+) is not scheduled"),
            QCoreApplication.translate("Reasons", "Campaign {id} is not scheduled"),
        ),
        (
            re.compile(r"Campaign (?P<id>\S+) is no longer waiting for its time \((?P<state>[^)]+)\)"),
            QCoreApplication.translate("Reasons", "Campaign {id} is no longer waiting for its time"),
        ),
        (
            re.compile(r"Campaign (?P<id>\S+) was due at (?P<when>.+): it has been sent"),
            QCoreApplication.translate("Reasons", "Campaign {id} was due at {when}: it has been sent"),
        ),
        (
            re.compile(r"The account (?P<account>.+) no longer exists: add it again to cancel"),
            QCoreApplication.translate(
                "Reasons", "The account {account} no longer exists: add it again to cancel"
            ),
        ),
        # io.tables: why a file cannot be read (the file's name first)
        (
            re.compile(r"(?P<file>.+): file not found \((?P<path>.+)\)"),
            QCoreApplication.translate("Reasons", "{file}: file not found ({path})"),
        ),
        (
            re.compile(r"(?P<file>.+): permission denied; is it open in another program\?"),
            QCoreApplication.translate(
                "Reasons", "{file}: permission denied; is it open in another program?"
            ),
        ),
        (
            re.compile(r"(?P<file>.+): is empty"),
            QCoreApplication.translate("Reasons", "{file}: is empty"),
        ),
        (
            re.compile(r"(?P<file>.+): is a folder, not a file"),
            QCoreApplication.translate("Reasons", "{file}: is a folder, not a file"),
        ),
        (
            re.compile(r"(?P<file>.+): is not a text \(CSV\) file; it looks like binary data"),
            QCoreApplication.translate(
                "Reasons", "{file}: is not a text (CSV) file; it looks like binary data"
            ),
        ),
        (
            re.compile(r"duplicate of row (?P<row>\d+)"),
            QCoreApplication.translate("Reasons", "duplicate of row {row}"),
        ),
        (
            re.compile(r"not valid for its country \((?P<country>\w+)\)"),
            QCoreApplication.translate("Reasons", "not valid for its country ({country})"),
        ),
        (
            re.compile(r"damaged by Excel \(scientific notation (?P<value>.+) lost digits\)"),
            QCoreApplication.translate(
                "Reasons", "damaged by Excel (scientific notation {value} lost digits)"
            ),
        ),
        (
            re.compile(r"(?P<provider>.+)'s answer did not mention this message; it may have been accepted"),
            QCoreApplication.translate(
                "Reasons", "{provider}'s answer did not mention this message; it may have been accepted"
            ),
        ),
        (
            re.compile(r"(?P<provider>.+) did not accept this message"),
            QCoreApplication.translate("Reasons", "{provider} did not accept this message"),
        ),
        (
            re.compile(r"Gave up after (?P<attempts>\d+) attempts: (?P<reason>.*)", re.DOTALL),
            QCoreApplication.translate("Reasons", "Gave up after {attempts} attempts: {reason}"),
        ),
        (
            re.compile(r"(?P<provider>.+) could not be reached: (?P<reason>.*)", re.DOTALL),
            QCoreApplication.translate("Reasons", "{provider} could not be reached: {reason}"),
        ),
        (
            re.compile(r"(?P<provider>.+) keeps asking us to slow down; try again later"),
            QCoreApplication.translate("Reasons", "{provider} keeps asking us to slow down; try again later"),
        ),
    ]


# Fixed sentences the providers and the key store write for people (labels, sender rules, advice), by their
# English text: each is a fact of its provider's module, translated here where the GUI shows it.
FIXED_TEXTS = {
    # the providers' rules for cancelling a scheduled send (providers' Limits.cancel_rule)
    "CPSMS cancels a scheduled SMS only more than 10 minutes before its time": QT_TRANSLATE_NOOP(
        "Reasons", "CPSMS cancels a scheduled SMS only more than 10 minutes before its time"
    ),
    "iP.1 cancels a batch only before its delivery window opens": QT_TRANSLATE_NOOP(
        "Reasons", "iP.1 cancels a batch only before its delivery window opens"
    ),
    "Txty v6 has no way to cancel a scheduled message: once handed over, it will be sent": QT_TRANSLATE_NOOP(
        "Reasons", "Txty v6 has no way to cancel a scheduled message: once handed over, it will be sent"
    ),
    "Sandbox (no real SMS)": QT_TRANSLATE_NOOP("Reasons", "Sandbox (no real SMS)"),
    "API key": QT_TRANSLATE_NOOP("Reasons", "API key"),
    "API token": QT_TRANSLATE_NOOP("Reasons", "API token"),
    "API key (v1: password)": QT_TRANSLATE_NOOP("Reasons", "API key (v1: password)"),
    "sandbox key": QT_TRANSLATE_NOOP("Reasons", "sandbox key"),
    "optional, up to 11 characters": QT_TRANSLATE_NOOP("Reasons", "optional, up to 11 characters"),
    "customersms.pro does not let you choose a sender name": QT_TRANSLATE_NOOP(
        "Reasons", "customersms.pro does not let you choose a sender name"
    ),
    "3 to 11 letters/digits (A-Z, a-z, 0-9), or a number of up to 15 digits; registered with iP.1": QT_TRANSLATE_NOOP(
        "Reasons",
        "3 to 11 letters/digits (A-Z, a-z, 0-9), or a number of up to 15 digits; registered with iP.1",
    ),
    "up to 11 letters/digits, or up to 15 digits (optional; nothing is really sent)": QT_TRANSLATE_NOOP(
        "Reasons", "up to 11 letters/digits, or up to 15 digits (optional; nothing is really sent)"
    ),
    "up to 11 letters/digits, or up to 15 digits (required)": QT_TRANSLATE_NOOP(
        "Reasons", "up to 11 letters/digits, or up to 15 digits (required)"
    ),
    "up to 11 letters/digits, or up to 15 digits (empty: the account's default sender)": QT_TRANSLATE_NOOP(
        "Reasons", "up to 11 letters/digits, or up to 15 digits (empty: the account's default sender)"
    ),
    (
        "Install and unlock gnome-keyring (or another Secret Service such as KeePassXC, or KDE Wallet), "
        "then start SMSDesk again from your desktop session."
    ): QT_TRANSLATE_NOOP(
        "Reasons",
        "Install and unlock gnome-keyring (or another Secret Service such as KeePassXC, or KDE Wallet), "
        "then start SMSDesk again from your desktop session.",
    ),
    "SMSDesk could not reach the macOS Keychain; make sure you are logged in to a desktop session.": QT_TRANSLATE_NOOP(
        "Reasons",
        "SMSDesk could not reach the macOS Keychain; make sure you are logged in to a desktop session.",
    ),
    "SMSDesk could not reach Windows Credential Manager; make sure you are logged in to Windows.": QT_TRANSLATE_NOOP(
        "Reasons",
        "SMSDesk could not reach Windows Credential Manager; make sure you are logged in to Windows.",
    ),
}


def fixed_text(text: str | None) -> str:
    """A provider's or the key store's fixed sentence in the GUI's language (unknown ones as they are)."""
    if not text:
        return ""
    source = FIXED_TEXTS.get(text)
    return QCoreApplication.translate("Reasons", str(source)) if source else text
