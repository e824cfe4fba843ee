"""Cancelling a scheduled campaign from the GUI: the one question, the one worker job and the one answer that
History's and Results' "Cancel scheduled send…" buttons share, so both say the same words in the user's language.

The engine's CancelReport sentence is English (the CLI prints it); the user reads a translated sentence built from
its result and count, with the provider's own reason passed on where the provider gave one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from smsdesk.ui.reasons import error_text, fixed_text

if TYPE_CHECKING:
    from smsdesk.engine.schedule import CancelReport
    from smsdesk.ui.jobs import JobPool
    from smsdesk.ui.prompts import Prompts


def cancel_scheduled_send(
    parent: QWidget,
    *,
    prompts: Prompts,
    jobs: JobPool,
    db,
    campaign_id: str,
    name: str,
    when: str,
    done: Callable[[], None],
) -> None:
    """Ask, then cancel off the GUI thread and say how it went; `done` runs after the answer (to show the change).
    `when` is the scheduled time as the page shows it."""
    if not prompts.confirm(
        parent,
        QCoreApplication.translate("ScheduleCancel", "Cancel the scheduled send?"),
        QCoreApplication.translate(
            "ScheduleCancel", "The messages of {name}, scheduled for {when}, will not be sent."
        ).format(name=name, when=when),
        ok=QCoreApplication.translate("ScheduleCancel", "Cancel the send"),
        cancel=QCoreApplication.translate("ScheduleCancel", "Keep it"),
        warning=True,
    ):
        return
    from smsdesk.engine.schedule import cancel_campaign_on_worker

    def work(job):
        return cancel_campaign_on_worker(db, campaign_id)

    def answered(report: CancelReport) -> None:
        from smsdesk.engine.schedule import CANCELLED_ALL

        prompts.inform(
            parent,
            QCoreApplication.translate("ScheduleCancel", "Scheduled send"),
            report_text(report, name),
            warning=report.result != CANCELLED_ALL,
        )
        done()

    def failed(message: str) -> None:
        prompts.inform(
            parent, QCoreApplication.translate("ScheduleCancel", "Scheduled send"), message, warning=True
        )
        done()

    jobs.start("cancel schedule", work, on_success=answered, on_failure=failed)


class _Answer(QObject):
    """The answer's words: a QObject for self.tr, the one form lupdate reads as a plural (numerus) text."""

    def text(self, report: CancelReport, name: str) -> str:
        from smsdesk.engine.schedule import CANCELLED_ALL, NOT_CANCELLABLE

        count = report.count
        if report.result == CANCELLED_ALL:
            return self.tr("Cancelled: %Ln message(s) of {name} will not be sent.", "", count).format(
                name=name
            )
        if report.result == NOT_CANCELLABLE:
            lead = self.tr("{name} could not be cancelled.").format(name=name)
        else:
            lead = self.tr("The provider did not cancel {name}.").format(name=name)
        if count:
            lead += " " + self.tr("%Ln message(s) were cancelled; the others will be sent.", "", count)
        # The detail: the provider's rule or answer (translated where it is a known one), else the engine's sentence
        detail = report.detail or report.message.removesuffix(".")
        translated = fixed_text(detail)
        return f"{lead}\n\n{translated if translated != detail else error_text(detail)}"


def report_text(report: CancelReport, name: str) -> str:
    return _Answer().text(report, name)
