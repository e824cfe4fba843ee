"""Every screen in English, Danish and Swedish at 1280×800 and 1024×640, saved as PNGs under
artifacts/screenshots/<language>-<size>/ (for the README and for looking at: Danish and Swedish words are longer).

Runs as an ordinary test (offscreen Qt, DejaVu fonts through fontconfig), driving a real send through the built-in
sandbox so the Results and History screens show real data.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from smsdesk.ui.main_window import HISTORY, MESSAGE, RECIPIENTS, RESULTS, REVIEW, SETTINGS

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
SIZES = [(1280, 800), (1024, 640)]
LANGUAGES = ["en", "da", "sv"]

CUSTOMERS = [
    ("Mette", "Nielsen", "20 45 67 89", "Nørrebro"),
    ("Lars", "Hansen", "+45 31 22 44 56", "Vesterbro"),
    ("Sofie", "Jørgensen", "004540112233", "Nørrebro"),
    ("Anders", "Pedersen", "4.52E+07", "Amager"),
    ("Camilla", "Larsen", "26 11 90 07", "Østerbro"),
    ("Jens", "Christensen", "", "Vesterbro"),
    ("Ida", "Andersen", "28 70 14 32", "Amager"),
    ("Frederik", "Thomsen", "61 55 23 10", "Østerbro"),
    ("Emma", "Rasmussen", "20 45 67 89", "Nørrebro"),
    ("Mikkel", "Poulsen", "42 19 88 61", "Valby"),
    ("Freja", "Mortensen", "53 30 71 04", "Valby"),
    ("Oliver", "Kristensen", "22 64 09 18", "Nørrebro"),
    ("Laura", "Olsen", "71 99 23 45", "Amager"),
    ("Noah", "Madsen", "30 18 62 77", "Vesterbro"),
    ("Clara", "Møller", "50 27 81 36", "Østerbro"),
]


def write_shop_file(path: Path, extra: int = 45) -> Path:
    lines = ["Fornavn;Efternavn;Mobil;Butik"]
    lines += [";".join(row) for row in CUSTOMERS]
    for index in range(extra):
        lines.append(
            f"Kunde;Nr. {index + 16};{40 + index // 50} {10 + index % 80:02d} {20 + index % 70:02d} {index:02d};Valby"
        )
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    return path


def save(widget: QWidget, name: str, size: tuple[int, int] | None = None) -> Path:
    target = SCREENSHOTS / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    if size is not None:
        # the screen a window lives on keeps it there; offscreen, a page that once grew it would leave it grown
        widget.resize(*size)
        QApplication.processEvents()
        assert (widget.width(), widget.height()) == size, f"{name} does not fit {size}"
    assert widget.grab().save(str(target)), target
    return target


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_screenshots_of_every_screen(qtbot, db, prompts, make_window, tmp_path, language, lang, size):
    from dataclasses import replace

    from smsdesk.sandbox.server import shared_sandbox
    from smsdesk.ui.history_page import describe_campaign
    from smsdesk.ui.main_window import COUNTRY_CHOSEN_SETTING
    from smsdesk.ui.prompts import ResumeDialog, confirm_box

    language(lang)
    # The sample shop is Danish in every language: its numbers are read as Danish ones.
    db.set_setting(COUNTRY_CHOSEN_SETTING, "1")
    folder = f"{lang}-{size[0]}x{size[1]}"

    def shot(widget: QWidget, name: str) -> Path:
        return save(widget, f"{folder}/{name}", size if widget is window else None)

    def totals_counted() -> bool:
        job = page.totals_job
        return not page.totals_timer.isActive() and job is not None and not job.is_running()

    from tests.ui.test_campaigns import crash_mid_send, make_campaign
    from tests.ui.test_flow import drop_file

    sandbox = shared_sandbox()
    sandbox.state.reset()
    sandbox.state.faults.latency = 0.03
    sandbox.state.faults.reject_numbers = {"+4571992345"}
    sandbox.state.faults.deliver_after = 0.0
    sandbox.state.faults.undeliverable_numbers = {"+4542198861"}
    db.save_account(replace(db.get_account("Sandbox"), price_per_segment=0.29))
    db.add_opt_outs(["+4553307104"], source="reply STOP")
    db.add_opt_outs(["+4522640918", "+4530186277"], source="old-tool-optouts.xlsx")
    old = make_campaign(db, count=40, name="Åbent hus invitation")
    crash_mid_send(db, old, sent=22, in_flight=2)
    from smsdesk.store.journal import Journal

    Journal(db).recover_interrupted()

    window = make_window()
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().width() == size[0])
    shots = []

    window.go(RECIPIENTS)
    shots.append(shot(window, "01-recipients-empty"))

    drop_file(window.recipients_page, write_shop_file(tmp_path / "kunder marts.csv"))
    qtbot.waitUntil(lambda: window.draft.plan is not None, timeout=15000)
    shots.append(shot(window, "02-recipients"))

    window.go(MESSAGE)
    page = window.message_page
    page.set_text(
        "Hej {Fornavn}! Din cykel er klar til afhentning i {Butik} – vi har åbent til kl. 18. "
        "Vis denne SMS ved kassen og få 10% på tilbehør. Mvh. Cykelbutikken"
    )
    page.step_preview(1)
    qtbot.waitUntil(totals_counted, timeout=15000)
    shots.append(shot(window, "03-message-unicode-warning"))
    page.replace_lookalikes()
    qtbot.waitUntil(totals_counted, timeout=15000)
    shots.append(shot(window, "04-message"))

    window.go(REVIEW)
    review = window.review_page
    qtbot.waitUntil(lambda: review.totals is not None and review.send_button.isEnabled(), timeout=15000)
    review.test_number.setText("20 99 88 77")
    review.send_test()
    qtbot.waitUntil(lambda: review.test_result.objectName() in ("ok", "error"), timeout=15000)
    shots.append(shot(window, "05-review"))

    box, _ok = confirm_box(
        window,
        review.tr("Send now?"),
        review.confirmation_text(),
        ok=review.confirm_button_text(),
        cancel=review.tr("Not yet"),
    )
    box.show()
    qtbot.waitExposed(box)
    shots.append(shot(box, "06-confirm-send"))
    box.close()

    window.results_page.runner_options = {"max_batch": 2, "concurrency": 1}
    review.send()
    results = window.results_page
    qtbot.waitUntil(lambda: results.is_sending() and results.model.counts.get("sent", 0) >= 12, timeout=20000)
    results._update_progress()
    shots.append(shot(window, "07-results-sending"))
    qtbot.waitUntil(lambda: not results.is_sending(), timeout=60000)
    results._last_delivery_query = 0.0
    results.refresh_delivery()
    qtbot.waitUntil(lambda: results.model.tally().delivered > 0, timeout=15000)
    shots.append(shot(window, "08-results-finished"))
    results.show_filter("Failed")
    shots.append(shot(window, "09-results-failed-filter"))
    results.show_filter("All messages")

    window.go(HISTORY)
    history = window.history_page
    qtbot.waitUntil(lambda: not history.loading and history.model.rowCount() == 2, timeout=10000)
    history.table.selectRow(1)
    shots.append(shot(window, "10-history"))

    window.go(SETTINGS)
    shots.append(shot(window, "11-settings"))

    from smsdesk.ui.accounts_dialog import AccountsDialog

    dialog = AccountsDialog(db, window.jobs, prompts, window)
    qtbot.addWidget(dialog)
    dialog.resize(900, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    shots.append(shot(dialog, "12-accounts"))
    dialog.new_account()
    dialog.name_edit.setText("Butikken")
    dialog.username_edit.setText("cykelbutikken")
    dialog.secret_edit.setText("not-a-real-key")
    dialog.sender_edit.setText("Cykler")
    shots.append(shot(dialog, "13-accounts-new"))
    dialog.close()

    resume = ResumeDialog(window, [describe_campaign(Journal(db).get_campaign(old))])
    resume.show()
    qtbot.waitExposed(resume)
    shots.append(shot(resume, "14-resume-offer"))
    resume.close()

    window.go(RESULTS)
    sandbox.state.reset()
    assert all(path.stat().st_size > 10_000 for path in shots)
