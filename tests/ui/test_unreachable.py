"""An unreachable provider is said at once on Results, with what to check and the next try; never "Stopped by the
provider" for a network failure. Review says why when the balance could not be read."""

from __future__ import annotations

import socket

from smsdesk.core.costing import PlannedMessage
from smsdesk.engine.outcomes import RetryPolicy
from smsdesk.providers.base import Account
from smsdesk.store.journal import Journal


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


def offline_campaign(db, count: int = 3) -> str:
    account = Account(name="Offline", provider="sandbox", base_url=f"http://127.0.0.1:{closed_port()}")
    db.save_account(account)
    messages = [
        PlannedMessage(
            row=i + 2, phone=f"+45301000{i:02d}", fields={}, text="Hej", encoding="GSM-7", segments=1
        )
        for i in range(count)
    ]
    return Journal(db).create_campaign(
        name="Uden net",
        account=db.get_account("Offline"),
        source_file=None,
        sheet=None,
        template="Hej",
        country="DK",
        phone_column=None,
        columns=[],
        messages=messages,
    )


def test_unreachable_provider_banner_appears_at_once_with_advice(qtbot, db, prompts, make_window):
    campaign_id = offline_campaign(db, count=4)
    window = make_window()
    results = window.results_page
    results.worker_mode = "thread"
    # short back-offs: the engine gives up within seconds instead of the real minutes (long enough to see the
    # banner while it still tries)
    results.runner_options = {
        "max_batch": 1,
        "concurrency": 1,
        "retry": RetryPolicy(backoff_base=0.5, backoff_cap=1.0),
    }
    states = []
    window.open_campaign(campaign_id, resume=True)
    qtbot.waitUntil(results.is_sending, timeout=10000)
    results.worker.state_changed.connect(lambda state, reason: states.append(results.state_label.text()))
    # the first failed connection raises the banner (long before the engine gives up)
    qtbot.waitUntil(results.unreachable_box.isVisible, timeout=15000)
    text = results.unreachable_label.text()
    assert "cannot be reached" in text
    assert "internet connection" in text and "proxy" in text and "firewall" in text
    assert "Next try at" in text or "Trying again" in text
    assert Journal(db).counts(campaign_id)["sent"] == 0
    qtbot.waitUntil(lambda: results.worker is None, timeout=60000)
    assert results.campaign_state == "stopped"
    assert "could not be reached" in results.state_label.text()
    # the page reads the journal again after a send: the reason stays said after that reading too
    qtbot.waitUntil(lambda: results.sync_job is not None and not results.sync_job.is_running(), timeout=15000)
    qtbot.wait(50)
    assert "could not be reached" in results.state_label.text()
    assert results.unreachable_box.isVisible()
    assert "Stopped by the provider" not in results.state_label.text()
    assert not any("Stopped by the provider" in text for text in states)


def test_review_says_why_when_the_balance_could_not_be_read(qtbot, db, window, tmp_path):
    from smsdesk.ui.main_window import REVIEW
    from tests.ui.conftest import write_customers
    from tests.ui.test_flow import load_recipients

    offline_campaign(db)  # saves the "Offline" account
    db.set_setting("default_account", "Offline")
    load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv", rows=3))
    window.message_page.set_text("Hej {Navn}")
    window.go(REVIEW)
    review = window.review_page
    assert review.account().name == "Offline"
    qtbot.waitUntil(lambda: review.totals is not None and bool(review.totals.balance_error), timeout=15000)
    assert review.warning_label.isVisible()
    assert "balance could not be read" in review.warning_label.text()
    assert review.send_button.text().startswith("Send anyway")
