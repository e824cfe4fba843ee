"""Step 2, Message: the editor with placeholder chips, live counters, Unicode warnings and a per-recipient preview."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smsdesk.ui.message_editor import MessageEditor, utf16_length
from smsdesk.ui.results_model import name_from_fields
from smsdesk.ui.widgets import FlowLayout, heading, hint, thousands

if TYPE_CHECKING:
    from smsdesk.ui.draft import Draft
    from smsdesk.ui.jobs import Job, JobPool
    from smsdesk.ui.prompts import Prompts

TEMPLATES_SETTING = "message_templates"
TOTALS_DELAY_MS = 350  # after the last keystroke; totals over every recipient run off the GUI thread


def encoding_name(encoding: str) -> str:
    return "Unicode (UCS-2)" if encoding.upper().startswith("UCS") else "GSM-7"


class SegmentView(QWidget):
    """The previewed text cut where the phone network will cut it: one box per SMS."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._boxes: list[tuple[QLabel, QLabel]] = []
        self.empty = hint(self.tr("The preview appears here as you type."))
        self._layout.addWidget(self.empty)
        self._layout.addStretch(1)

    def show_segments(self, segments: list[str], per_segment: int, unit_counts: list[int]) -> None:
        while len(self._boxes) < len(segments):
            frame = QFrame()
            frame.setObjectName("segment")
            box = QVBoxLayout(frame)
            box.setContentsMargins(10, 6, 10, 8)
            box.setSpacing(2)
            caption = QLabel()
            caption.setObjectName("segmentCaption")
            body = QLabel()
            body.setWordWrap(True)
            body.setTextFormat(Qt.TextFormat.PlainText)
            body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            box.addWidget(caption)
            box.addWidget(body)
            self._layout.insertWidget(self._layout.count() - 1, frame)
            self._boxes.append((caption, body))
        for position, (caption, body) in enumerate(self._boxes):
            frame = cast(QFrame, caption.parentWidget())  # the segment frame built above
            if position < len(segments):
                caption.setText(
                    self.tr("SMS {number} of {count} · {used}/{room}").format(
                        number=position + 1, count=len(segments), used=unit_counts[position], room=per_segment
                    )
                    if len(segments) > 1
                    else self.tr("1 SMS · {used}/{room}").format(used=unit_counts[position], room=per_segment)
                )
                body.setText(segments[position])
                frame.show()
            else:
                frame.hide()
        self.empty.setVisible(not segments)


class ChipButton(QPushButton):
    """A placeholder chip: Tab reaches it, Enter (as well as Space) inserts it."""

    def __init__(self, text: str):
        super().__init__(text)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # macOS gives buttons no Tab focus by default

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)


class MessagePage(QWidget):
    next_requested = Signal()
    back_requested = Signal()

    def __init__(self, draft: Draft, db, jobs: JobPool, prompts: Prompts, parent: QWidget | None = None):
        super().__init__(parent)
        self.draft = draft
        self.db = db
        self.jobs = jobs
        self.prompts = prompts
        self.preview_index = 0
        self.totals_job: Job | None = None
        self._totals_generation = 0

        # chips
        self.chips_box = QWidget()
        self.chips = FlowLayout(self.chips_box)
        self.chips_hint = hint(self.tr("Open a file in Recipients to get its columns as placeholders."))

        # editor and counters
        self.editor = MessageEditor(lambda: self.draft.columns)
        self.editor.textChanged.connect(self._text_changed)
        self.editor.setMinimumHeight(150)
        self.characters_label = QLabel()
        self.encoding_label = QLabel()
        self.segments_label = QLabel()
        self.remaining_label = QLabel()
        self.counters_caption = hint("")  # the counters describe one recipient's message, not the average
        self.counters_box = QWidget()
        counters = FlowLayout(self.counters_box, spacing=12)  # wraps on a small screen
        for label, name, tip in (
            (
                self.characters_label,
                "characters",
                self.tr("Characters in the message as the previewed recipient gets it"),
            ),
            (
                self.encoding_label,
                "encoding",
                self.tr("GSM-7 fits 160 characters in one SMS; Unicode only 70"),
            ),
            (self.segments_label, "segments", self.tr("How many SMS one message is billed as")),
            (
                self.remaining_label,
                "remaining",
                self.tr("Characters left before the message needs another SMS"),
            ),
        ):
            label.setObjectName(f"counter_{name}")
            label.setProperty("counter", True)
            label.setToolTip(tip)
            counters.addWidget(label)

        # Unicode notice with the one-click fix
        self.unicode_label = QLabel()
        self.unicode_label.setWordWrap(True)
        self.unicode_label.setTextFormat(Qt.TextFormat.RichText)
        self.lookalike_button = QPushButton(self.tr("Replace with GSM look-alikes"))
        self.lookalike_button.setToolTip(
            self.tr("Swap curly quotes, long dashes and similar for their plain GSM twins (Ctrl+Z undoes it)")
        )
        self.lookalike_button.clicked.connect(self.replace_lookalikes)
        unicode_row = QHBoxLayout()
        unicode_row.setContentsMargins(12, 8, 12, 8)
        unicode_row.addWidget(self.unicode_label, 1)
        unicode_row.addWidget(self.lookalike_button)
        self.unicode_notice = QFrame()
        self.unicode_notice.setObjectName("warningBox")
        self.unicode_notice.setLayout(unicode_row)

        self.problems_label = QLabel()
        self.problems_label.setObjectName("error")
        self.problems_label.setWordWrap(True)

        # templates
        self.templates_combo = QComboBox()
        self.templates_combo.setToolTip(self.tr("Saved messages: pick one to put it in the editor"))
        self.templates_combo.setMinimumWidth(190)
        self.templates_combo.activated.connect(self._template_chosen)
        self.save_template_button = QToolButton()
        self.save_template_button.setText(self.tr("Save…"))
        self.save_template_button.setToolTip(self.tr("Keep this message for next time"))
        self.save_template_button.clicked.connect(lambda: self.save_template())
        self.delete_template_button = QToolButton()
        self.delete_template_button.setText(self.tr("Delete"))
        self.delete_template_button.setToolTip(self.tr("Forget the chosen saved message"))
        self.delete_template_button.clicked.connect(self.delete_template)
        templates_row = QHBoxLayout()
        templates_row.addWidget(self.templates_combo)
        templates_row.addWidget(self.save_template_button)
        templates_row.addWidget(self.delete_template_button)
        templates_row.addStretch(1)

        self.totals_label = QLabel()
        self.totals_label.setObjectName("hint")
        self.totals_label.setMinimumWidth(100)
        self.totals_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        left = QVBoxLayout()
        left.setSpacing(8)
        left.addLayout(templates_row)
        left.addWidget(heading(self.tr("Placeholders"), 2))
        left.addWidget(self.chips_box)
        left.addWidget(self.chips_hint)
        left.addWidget(self.editor, 1)
        left.addWidget(self.counters_caption)
        left.addWidget(self.counters_box)
        left.addWidget(self.totals_label)
        left.addWidget(self.unicode_notice)
        left.addWidget(self.problems_label)

        # preview
        self.preview_title = QLabel()
        self.preview_title.setObjectName("subheading")
        self.preview_title.setWordWrap(True)
        self.preview_who = QLabel()
        self.preview_who.setObjectName("hint")
        self.preview_who.setWordWrap(True)
        self.previous_button = QToolButton()
        self.previous_button.setText("◀")
        self.previous_button.setToolTip(self.tr("Previous recipient (Alt+Left)"))
        self.previous_button.setShortcut("Alt+Left")
        self.previous_button.clicked.connect(lambda: self.step_preview(-1))
        self.next_recipient_button = QToolButton()
        self.next_recipient_button.setText("▶")
        self.next_recipient_button.setToolTip(self.tr("Next recipient (Alt+Right)"))
        self.next_recipient_button.setShortcut("Alt+Right")
        self.next_recipient_button.clicked.connect(lambda: self.step_preview(1))
        nav = QHBoxLayout()
        nav.addWidget(self.preview_title, 1)
        nav.addWidget(self.previous_button)
        nav.addWidget(self.next_recipient_button)
        self.segment_view = SegmentView()
        scroll = QScrollArea()
        scroll.setObjectName("previewScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.segment_view)
        preview_box = QVBoxLayout()
        preview_box.addLayout(nav)
        preview_box.addWidget(self.preview_who)
        preview_box.addWidget(scroll, 1)
        preview_panel = QFrame()
        preview_panel.setObjectName("card")
        preview_panel.setLayout(preview_box)
        preview_panel.setMinimumWidth(280)

        columns = QGridLayout()
        columns.setHorizontalSpacing(20)
        columns.addLayout(left, 0, 0)
        columns.addWidget(preview_panel, 0, 1)
        columns.setColumnStretch(0, 3)
        columns.setColumnStretch(1, 2)

        self.back_button = QPushButton(self.tr("←  Recipients"))
        self.back_button.clicked.connect(self.back_requested)
        self.next_button = QPushButton(self.tr("Next: review and send  →"))
        self.next_button.setObjectName("primary")
        self.next_button.setToolTip(self.tr("Check the totals before anything is sent (Ctrl+3)"))
        self.next_button.clicked.connect(self.next_requested)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(heading(self.tr("Message")))
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

        self.totals_timer = QTimer(self)
        self.totals_timer.setSingleShot(True)
        self.totals_timer.setInterval(TOTALS_DELAY_MS)
        self.totals_timer.timeout.connect(self._start_totals)

        draft.table_changed.connect(self._columns_changed)
        draft.plan_changed.connect(self._recipients_changed)
        draft.account_changed.connect(self._recount_totals)  # another provider, another cap
        self._load_templates()
        self._columns_changed()
        self._text_changed()

    # -- chips -----------------------------------------------------------------------------------------------------

    def _columns_changed(self) -> None:
        self.chips.clear()
        for column in self.draft.columns:
            chip = ChipButton("{" + column + "}")
            chip.setObjectName("chip")
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.setToolTip(
                self.tr("Insert the {column} column of each row here").format(column=repr(column))
            )
            chip.clicked.connect(lambda _checked=False, name=column: self.editor.insert_placeholder(name))
            self.chips.addWidget(chip)
        # Tab order: saved messages, the chips, then the editor (the chips are made after the editor)
        previous: QWidget = self.delete_template_button
        for button in self.chip_buttons():
            QWidget.setTabOrder(previous, button)
            previous = button
        QWidget.setTabOrder(previous, self.editor)
        self.chips_hint.setVisible(not self.draft.columns)
        self.chips_box.setVisible(bool(self.draft.columns))
        self.editor.rehighlight()

    def _empty_placeholders(self, recipient) -> list[str]:
        from smsdesk.core.template import Template

        template = Template(self.text())
        if template.problems(self.draft.columns):
            return []
        return template.empty_placeholders(recipient.fields)

    def focus_editor(self) -> None:
        self.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def chip_buttons(self) -> list[QPushButton]:
        items = (self.chips.itemAt(i) for i in range(self.chips.count()))
        return [cast(QPushButton, item.widget()) for item in items if item is not None]

    def _recipients_changed(self) -> None:
        self.preview_index = min(self.preview_index, max(0, len(self.draft.recipients) - 1))
        self._text_changed()

    # -- every keystroke ---------------------------------------------------------------------------------------------

    def text(self) -> str:
        return self.editor.toPlainText()

    def set_text(self, text: str) -> None:
        self.editor.setPlainText(text)

    def _current_recipient(self):
        plan = self.draft.plan
        if plan is None or not plan.recipients:
            return None
        return plan.recipients[min(self.preview_index, len(plan.recipients) - 1)]

    def rendered_preview(self) -> str:
        """The text as the previewed recipient gets it; the raw text when it cannot be rendered yet."""
        from smsdesk.core.template import Template

        text = self.text()
        recipient = self._current_recipient()
        if recipient is None:
            return text
        try:
            return Template(text).render(recipient.fields)
        except (ValueError, KeyError):
            return text

    def _text_changed(self) -> None:
        from smsdesk.core.encoding import count, lookalike_replacements, split

        text = self.text()
        self.draft.set_message(text)
        rendered = self.rendered_preview()
        counted = count(rendered)
        self.characters_label.setText(self.tr("%Ln character(s)", "", counted.characters))
        self.encoding_label.setText(encoding_name(counted.encoding))
        is_unicode = counted.encoding.upper().startswith("UCS")
        if (
            self.encoding_label.property("unicode") != is_unicode
        ):  # re-polishing costs a style pass: on change only
            self.encoding_label.setProperty("unicode", is_unicode)
            self.encoding_label.style().unpolish(self.encoding_label)
            self.encoding_label.style().polish(self.encoding_label)
        self.segments_label.setText(self.tr("%Ln SMS", "", counted.segments))
        self.remaining_label.setText(
            self.tr("{count} left").format(count=counted.remaining)
            if counted.segments
            else self.tr("{count} per SMS").format(count=counted.per_segment)
        )

        non_gsm = [item.char for item in counted.non_gsm]
        if non_gsm:
            unique = list(dict.fromkeys(non_gsm))
            shown = " ".join(f"<b>{_escape(char)}</b>" for char in unique[:12])
            more = self.tr(" and {count} more").format(count=len(unique) - 12) if len(unique) > 12 else ""
            fixable = lookalike_replacements(text)
            self.unicode_label.setText(
                self.tr(
                    "Unicode because of {characters}: each SMS holds 70 characters instead of 160, "
                    "so this message may cost more."
                ).format(characters=shown + more)
                + (
                    ""
                    if fixable
                    else " " + self.tr("None of them has a GSM look-alike; remove them to save cost.")
                )
            )
            self.lookalike_button.setVisible(bool(fixable))
            self.lookalike_button.setToolTip(
                self.tr("Replace {pairs}").format(
                    pairs=", ".join(f"{a} → {b}" for a, b in list(fixable.items())[:8])
                )
                if fixable
                else ""
            )
            self.unicode_notice.show()
        else:
            self.unicode_notice.hide()

        problems = self.draft.message_problems() if text.strip() else []
        self.problems_label.setText("\n".join(problems))
        self.problems_label.setVisible(bool(problems))

        segments = split(rendered) if rendered else []
        unicode = counted.encoding.upper().startswith("UCS")
        self.segment_view.show_segments(segments, counted.per_segment, [_units(s, unicode) for s in segments])
        self._update_preview_title()
        self.next_button.setEnabled(bool(text.strip()) and not problems and bool(self.draft.recipients))
        self._recount_totals()

    def _recount_totals(self) -> None:
        """Count again over every recipient, soon: the text, the recipients or the account (its cap) changed."""
        self._totals_generation += 1
        self.totals_label.setText(self._totals_placeholder())
        self.totals_timer.start()

    def _update_preview_title(self) -> None:
        recipients = self.draft.recipients
        recipient = self._current_recipient()
        if recipient is None:
            self.preview_title.setText(self.tr("Preview"))
            self.preview_who.setText(self.tr("Open a file in Recipients to preview each person's message."))
            self.counters_caption.setText("")
        else:
            position = min(self.preview_index, len(recipients) - 1) + 1
            self.preview_title.setText(
                self.tr("Preview: recipient {number} of {count}").format(
                    number=thousands(position), count=thousands(len(recipients))
                )
            )
            name = name_from_fields(recipient.fields)
            who = f"{name} · " if name else ""
            line = who + self.tr("{number} · row {row}").format(number=recipient.phone, row=recipient.row)
            empty = self._empty_placeholders(recipient)
            if empty:
                # shown here, not only at Review: the message would read "Hej ," for this person
                line += " · " + self.tr("no value for {placeholders}").format(
                    placeholders=", ".join("{" + name + "}" for name in empty)
                )
            self.preview_who.setText(line)
            self.counters_caption.setText(
                self.tr("Counted for the previewed recipient ({position} of {total}):").format(
                    position=thousands(position), total=thousands(len(recipients))
                )
            )
        self.previous_button.setEnabled(recipient is not None and self.preview_index > 0)
        self.next_recipient_button.setEnabled(
            recipient is not None and self.preview_index < len(recipients) - 1
        )

    def step_preview(self, delta: int) -> None:
        count = len(self.draft.recipients)
        if count:
            self.preview_index = max(0, min(count - 1, self.preview_index + delta))
            self._text_changed()

    def replace_lookalikes(self) -> None:
        from smsdesk.core.encoding import make_gsm

        text = self.text()
        fixed = make_gsm(text)
        if fixed != text:
            self.editor.replace_all(fixed)
        self.editor.setFocus(
            Qt.FocusReason.OtherFocusReason
        )  # the button vanishes: typing goes on where it was

    # -- totals over every recipient, off the GUI thread ---------------------------------------------------------

    def _totals_placeholder(self) -> str:
        recipients = self.draft.recipients
        if not recipients or not self.text().strip():
            return ""
        return self.tr("Counting SMS for all %Ln recipient(s)…", "", len(recipients))

    def _start_totals(self) -> None:
        from smsdesk.core.template import Template

        recipients = self.draft.recipients
        text = self.text()
        if not recipients or not text.strip() or self.draft.message_problems():
            self.totals_label.setText("")
            return
        generation = self._totals_generation
        if self.totals_job is not None:
            self.totals_job.cancel()
        account_name, source = self.draft.account, self.db

        def cap_rows(template) -> tuple[int | None, list[int]]:
            """The chosen account's cap and the rows over it (read here, off the GUI thread)."""
            from smsdesk.engine.preflight import rows_over_cap

            db = source.open_another()
            try:
                # before Review is opened no account is picked: Review will offer the default one
                name = account_name or db.default_account
                account = db.get_account(name) if name else None
            finally:
                db.close()
            if account is None:
                return None, []
            return rows_over_cap(account.provider, ((r.row, template.render(r.fields)) for r in recipients))

        def total(job: Job):
            return _totals_of(job, Template(text), recipients, cap_rows)

        def done(result) -> None:
            if result is None or generation != self._totals_generation:
                return
            people, segments, longest, unicode, (cap, too_long) = result
            text = (
                self.tr("For all %Ln recipient(s):", "", people)
                + " "
                + self.tr("%Ln SMS in total", "", segments)
            )
            if longest > 1:
                text += self.tr(", up to {count} per person").format(count=longest)
            if unicode and unicode < people:
                text += self.tr("; %Ln message(s) in Unicode", "", unicode)
            text += "."
            if too_long:
                rows = ", ".join(str(row) for row in too_long[:5])
                if len(too_long) > 5:
                    rows += self.tr(" and {0} more").format(len(too_long) - 5)
                text += " " + self.tr(
                    "Rows {0}: longer than {1} characters, the most the chosen account's provider takes."
                ).format(rows, cap)
            self.totals_label.setText(text)

        self.totals_job = self.jobs.start("message totals", total, on_success=done)

    # -- saved messages ----------------------------------------------------------------------------------------------

    def saved_templates(self) -> dict[str, str]:
        try:
            value = json.loads(self.db.get_setting(TEMPLATES_SETTING, "{}") or "{}")
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

    def _load_templates(self, select: str | None = None) -> None:
        templates = self.saved_templates()
        self.templates_combo.clear()
        self.templates_combo.addItem(
            self.tr("Choose a saved message…") if templates else self.tr("No saved messages yet"), None
        )
        for name in sorted(templates, key=str.casefold):
            self.templates_combo.addItem(name, name)
        if select:
            self.templates_combo.setCurrentIndex(self.templates_combo.findData(select))
        self.delete_template_button.setEnabled(bool(templates))

    def _template_chosen(self, _index: int) -> None:
        name = self.templates_combo.currentData()
        if name:
            saved = self.saved_templates()
            text = saved.get(name)
            if text is None:
                return
            current = self.text()
            unsaved = current.strip() and current != text and current not in saved.values()
            if unsaved and not self.prompts.confirm(
                self,
                self.tr("Replace the message in the editor?"),
                self.tr(
                    "The editor holds a message that is not saved. Replace it with “{name}”? "
                    "(Ctrl+Z in the editor brings it back.)"
                ).format(name=name),
                ok=self.tr("Replace"),
                cancel=self.tr("Keep my text"),
            ):
                self.templates_combo.setCurrentIndex(0)
                return
            self.editor.replace_all(text)

    def save_template(self, name: str | None = None) -> None:
        text = self.text()
        if not text.strip():
            self.prompts.inform(self, self.tr("Nothing to save"), self.tr("Write a message first."))
            return
        if not name:
            name = self.prompts.ask_text(
                self,
                self.tr("Save message"),
                self.tr("Name for this message:"),
                self.templates_combo.currentData() or "",
            )
        if not name:
            return
        templates = self.saved_templates()
        if templates.get(name, text) != text and not self.prompts.confirm(
            self,
            self.tr("Replace the saved message?"),
            self.tr("A saved message called “{name}” exists. Replace it with the text in the editor?").format(
                name=name
            ),
            ok=self.tr("Replace"),
            cancel=self.tr("Keep the old one"),
            warning=True,
        ):
            return
        templates[name] = text
        self.db.set_setting(TEMPLATES_SETTING, json.dumps(templates, ensure_ascii=False))
        self._load_templates(select=name)

    def delete_template(self) -> None:
        name = self.templates_combo.currentData()
        if not name:
            return
        if not self.prompts.confirm(
            self,
            self.tr("Delete the saved message?"),
            self.tr("Delete the saved message “{name}”? This cannot be undone.").format(name=name),
            ok=self.tr("Delete"),
            cancel=self.tr("Keep it"),
            warning=True,
        ):
            return
        templates = self.saved_templates()
        templates.pop(name, None)
        self.db.set_setting(TEMPLATES_SETTING, json.dumps(templates, ensure_ascii=False))
        self._load_templates()


def _units(segment: str, unicode: bool) -> int:
    """A segment's size in the whole message's encoding (a plain-text part of a Unicode message still counts UTF-16)."""
    from smsdesk.core.encoding import count

    return utf16_length(segment) if unicode else count(segment).units


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _totals_of(job: Job, template, recipients, cap_rows):
    """(recipients, SMS parts in all, the most parts one person gets, messages in Unicode, the account's cap and
    the rows over it), counted on a worker; None when cancelled."""
    from smsdesk.core.encoding import count

    same_for_all = not template.placeholders
    segments, longest, unicode = 0, 0, 0
    first = count(template.render({})) if same_for_all else None
    for position, recipient in enumerate(recipients):
        if job.cancelled():
            return None
        counted = first or count(template.render(recipient.fields))
        segments += counted.segments
        longest = max(longest, counted.segments)
        unicode += counted.encoding.upper().startswith("UCS")
        if position % 500 == 0:
            job.report(position / len(recipients))
    return len(recipients), segments, longest, unicode, cap_rows(template)
