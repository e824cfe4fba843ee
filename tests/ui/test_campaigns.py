"""Start-up resume of interrupted campaigns, History, retry, delivery status, accounts and settings."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from smsdesk.core.costing import PlannedMessage
from smsdesk.store.journal import Journal, Outcome
from smsdesk.ui.main_window import HISTORY, RESULTS, SETTINGS


def make_campaign(db, count: int = 12, name: str = "Julefrokost", extra=()) -> str:
    """A sandbox campaign of `count` guests, and the `extra` planned messages after them (a skipped row...)."""
    account = db.get_account("Sandbox")
    messages = [
        PlannedMessage(
            row=index + 2,
            phone=f"+45301000{index:02d}",
            fields={"Navn": f"Gæst {index + 1}"},
            text=f"Hej Gæst {index + 1}",
            encoding="GSM-7",
            segments=1,
        )
        for index in range(count)
    ]
    messages += extra
    return Journal(db).create_campaign(
        name=name,
        account=account,
        source_file="gaester.xlsx",
        sheet=None,
        template="Hej {Navn}",
        country="DK",
        phone_column="Telefon",
        columns=["Navn", "Telefon"],
        messages=messages,
    )


def crash_mid_send(db, campaign_id: str, sent: int = 4, in_flight: int = 3) -> None:
    """What a killed process leaves behind: some rows sent, some claimed ('sending'), the campaign 'running'."""
    journal = Journal(db)
    ids = [row.id for row in journal.messages(campaign_id)]
    journal.set_state(campaign_id, "running")
    journal.mark_sending(ids[:sent])
    journal.record([Outcome(id=row_id, state="sent", message_id=f"old-{row_id}") for row_id in ids[:sent]])
    journal.mark_sending(ids[sent : sent + in_flight])


def test_start_up_offers_to_resume_an_interrupted_campaign(qtbot, db, prompts, make_window):
    from smsdesk.sandbox.server import shared_sandbox

    shared_sandbox().state.reset()
    campaign_id = make_campaign(db)
    crash_mid_send(db, campaign_id)

    window = make_window()
    window.start()
    qtbot.waitUntil(lambda: "resume" in prompts.titles(), timeout=10000)
    description = dict(prompts.asked)["resume"]
    assert "Julefrokost" in description and "4 of 12 sent" in description

    results = window.results_page
    qtbot.waitUntil(
        lambda: window.current_page() == RESULTS and results.campaign_id == campaign_id, timeout=10000
    )
    qtbot.waitUntil(lambda: results.campaign_state == "finished" and not results.is_sending(), timeout=30000)
    # the three that were in flight are NOT sent again; the five never sent went out. The run ends by asking the
    # sandbox's list about the three: it never got them, so they are failed "not received", safe to retry.
    qtbot.waitUntil(lambda: results.model.counts.get("unknown", 0) == 0, timeout=10000)
    counts = results.model.counts
    assert counts.get("failed") == 3
    assert counts.get("sent") == 9
    accepted = shared_sandbox().state.accepted_numbers()
    assert sorted(accepted) == [f"+45301000{index:02d}" for index in range(7, 12)]
    # (the controls follow on the next event-loop turn after the run's end is shown)
    qtbot.waitUntil(results.retry_failed_button.isEnabled, timeout=5000)
    shared_sandbox().state.reset()


def test_declining_the_offer_leaves_the_campaign_in_history(qtbot, db, prompts, make_window):
    campaign_id = make_campaign(db)
    crash_mid_send(db, campaign_id)
    prompts.resume_answer = False
    window = make_window()
    window.start()
    qtbot.waitUntil(lambda: "resume" in prompts.titles(), timeout=10000)
    assert window.results_page.campaign_id is None
    window.go(HISTORY)
    history = window.history_page
    qtbot.waitUntil(lambda: not history.loading and history.model.rowCount() == 1, timeout=10000)
    history.table.selectRow(0)
    assert history.resume_button.isEnabled()
    assert history.model.index(0, 7).data() == "3"  # unknown after recovery
    # nothing was sent behind the user's back
    assert Journal(db).counts(campaign_id)["pending"] == 5


def test_retry_unknown_warns_and_sends_only_when_confirmed(qtbot, db, prompts, make_window):
    from smsdesk.sandbox.server import shared_sandbox

    shared_sandbox().state.reset()
    campaign_id = make_campaign(db, count=5)
    crash_mid_send(db, campaign_id, sent=0, in_flight=2)
    Journal(db).recover_interrupted()
    Journal(db).discard(campaign_id)  # the rest is closed: only the unknowns are left to decide about
    window = make_window()
    window.open_campaign(campaign_id)
    results = window.results_page
    qtbot.waitUntil(lambda: results.model.rowCount() == 5, timeout=10000)
    assert results.retry_unknown_button.isEnabled()

    prompts.answers["Retry unknown messages?"] = False
    qtbot.mouseClick(results.retry_unknown_button, Qt.MouseButton.LeftButton)
    assert "twice" in prompts.asked[-1][1]
    assert Journal(db).counts(campaign_id)["unknown"] == 2

    prompts.answers["Retry unknown messages?"] = True
    qtbot.mouseClick(results.retry_unknown_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: results.model.counts.get("sent") == 2 and not results.is_sending(), timeout=30000)
    assert len(shared_sandbox().state.accepted_numbers()) == 2
    shared_sandbox().state.reset()


def test_delivery_column_fills_in_on_refresh(qtbot, db, make_window):
    from smsdesk.sandbox.server import shared_sandbox

    shared_sandbox().state.reset()
    shared_sandbox().state.faults.deliver_after = 0.0
    campaign_id = make_campaign(db, count=4)
    window = make_window()
    window.open_campaign(campaign_id, resume=True)
    results = window.results_page
    qtbot.waitUntil(lambda: results.model.counts.get("sent") == 4 and not results.is_sending(), timeout=30000)
    assert results.delivery_button.isEnabled()
    assert results.delivery_timer.isActive()  # asks again by itself every few minutes
    results._last_delivery_query = 0.0
    qtbot.mouseClick(results.delivery_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: results.model.tally().delivered == 4, timeout=15000)
    from smsdesk.ui.results_model import DELIVERY

    assert results.model.index(0, DELIVERY).data() == "Delivered"
    assert {r.delivery for r in Journal(db).messages(campaign_id)} == {"delivered"}
    assert not results.delivery_timer.isActive()  # nothing left to ask about
    shared_sandbox().state.reset()


def test_accounts_dialog_adds_tests_and_removes(qtbot, db, prompts, window, sandbox, monkeypatch, caplog):
    from smsdesk.store import secrets
    from smsdesk.ui.accounts_dialog import AccountsDialog

    saved: dict[str, str] = {}
    monkeypatch.setattr(secrets, "backend_info", lambda: secrets.BackendInfo("Test store", True, None))
    monkeypatch.setattr(secrets, "save_secret", lambda name, secret: saved.__setitem__(name, secret))
    monkeypatch.setattr(secrets, "get_secret", lambda name: saved.get(name))
    monkeypatch.setattr(secrets, "delete_secret", lambda name: saved.pop(name, None))

    dialog = AccountsDialog(db, window.jobs, prompts, window)
    qtbot.addWidget(dialog)
    assert "Test store" in dialog.keyring_label.text()
    dialog.new_account()
    dialog.name_edit.setText("Butikken")
    dialog.provider_combo.setCurrentIndex(dialog.provider_combo.findData("cpsms"))
    dialog.username_edit.setText("demo")
    dialog.secret_edit.setText("cpsms-demo-key")
    assert dialog.secret_edit.echoMode() == dialog.secret_edit.EchoMode.Password
    dialog.sender_edit.setText("Butikken")
    dialog.base_url_edit.setText(sandbox.url)
    assert dialog.save(), dialog.test_result.text()
    assert saved == {"Butikken": "cpsms-demo-key"}
    account = db.get_account("Butikken")
    assert account.username == "demo" and account.sender == "Butikken"

    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.test_result.text().startswith(("Connected", "Could not")), timeout=15000)
    assert dialog.test_result.text().startswith("Connected. Balance"), dialog.test_result.text()

    dialog.secret_edit.setText("wrong-key")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.test_result.text().startswith(("Connected", "Could not")), timeout=15000)
    assert dialog.test_result.text().startswith("Could not connect")
    assert "wrong-key" not in dialog.test_result.text()
    assert "job test connection failed" in caplog.text
    assert "wrong-key" not in caplog.text

    dialog.remove_account()
    assert db.get_account("Butikken") is None
    assert saved == {}
    dialog.close()


def test_accounts_dialog_without_a_secure_store_refuses_to_save_keys(qtbot, db, prompts, window, monkeypatch):
    from smsdesk.store import secrets
    from smsdesk.ui.accounts_dialog import AccountsDialog

    monkeypatch.setattr(
        secrets, "backend_info", lambda: secrets.BackendInfo("fail Keyring", False, "Install gnome-keyring.")
    )
    dialog = AccountsDialog(db, window.jobs, prompts, window)
    qtbot.addWidget(dialog)
    assert "will not save keys" in dialog.keyring_label.text()
    assert "gnome-keyring" in dialog.keyring_label.text()
    dialog.new_account()
    dialog.name_edit.setText("Butikken")
    dialog.provider_combo.setCurrentIndex(dialog.provider_combo.findData("customersms"))
    dialog.secret_edit.setText("cspro_demo_key")
    assert not dialog.save()
    assert "secure password store" in dialog.test_result.text()
    assert db.get_account("Butikken") is None
    dialog.close()


def test_settings_price_cap_country_and_opt_outs(qtbot, db, prompts, window, tmp_path):
    window.go(SETTINGS)
    settings = window.settings_page
    settings.account_combo.setCurrentIndex(settings.account_combo.findData("Sandbox"))
    settings.price_spin.setValue(0.35)
    settings.rate_spin.setValue(120)
    settings.save_account_settings()
    account = db.get_account("Sandbox")
    assert account.price_per_segment == 0.35 and account.max_per_minute == 120

    settings.country_combo.setCurrentIndex(settings.country_combo.findData("SE"))
    settings.country_combo.activated.emit(settings.country_combo.currentIndex())
    assert db.default_country == "SE"
    assert window.recipients_page.country_combo.currentData() == "SE"

    settings.add_edit.setText("20 12 34 56")
    settings.country_combo.setCurrentIndex(settings.country_combo.findData("DK"))
    settings.country_combo.activated.emit(settings.country_combo.currentIndex())
    settings.add_opt_out()
    assert db.opt_outs() == {"+4520123456"}
    settings.add_edit.setText("not a number")
    settings.add_opt_out()
    assert "not a usable phone number" in settings.opt_out_message.text()

    source = tmp_path / "afmeldte.csv"
    source.write_text("Telefon\n30 11 22 33\n30 11 22 44\n", encoding="utf-8")
    settings.import_opt_outs(source)
    qtbot.waitUntil(lambda: len(db.opt_outs()) == 3, timeout=15000)
    qtbot.waitUntil(lambda: settings.opt_out_model.rowCount() == 3, timeout=15000)

    target = tmp_path / "export.csv"
    settings.export_opt_outs(target)
    qtbot.waitUntil(lambda: target.exists() and "saved" in settings.opt_out_message.text(), timeout=15000)
    assert "+4530112233" in target.read_text(encoding="utf-8-sig")

    settings.opt_out_view.selectRow(0)
    settings.remove_selected()
    assert len(db.opt_outs()) == 2


def test_opt_outs_are_skipped_when_a_file_is_read(qtbot, db, window, tmp_path):
    from tests.ui.conftest import write_customers
    from tests.ui.test_flow import load_recipients

    db.add_opt_outs(["+4520103000"], source="manual")  # the first customer
    page = load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv"))
    # the customer's own row and the later row with the same number in another format
    assert page.count_labels["opted_out"].text() == "2"
    page.excluded_kind.setCurrentIndex(page.excluded_kind.findData("opted_out"))
    assert {page.excluded_proxy.index(r, 0).data() for r in range(page.excluded_proxy.rowCount())} == {
        "2",
        "33",
    }
    assert window.draft.plan.valid == 29


def test_price_shows_in_review_totals(qtbot, db, window, tmp_path):
    from tests.ui.conftest import write_customers
    from tests.ui.test_flow import load_recipients

    db.save_account(replace(db.get_account("Sandbox"), price_per_segment=0.25))
    window.review_page.reload_accounts()
    load_recipients(qtbot, window, write_customers(tmp_path / "kunder.csv"))
    window.message_page.set_text("x" * 170)  # two SMS each
    window.go(2)
    review = window.review_page
    qtbot.waitUntil(lambda: review.totals is not None, timeout=15000)
    assert review.total_labels["segments"].text() == "60"
    assert review.total_labels["cost"].text().startswith("15.00")
    assert "60 SMS" in review.confirmation_text()


def test_a_network_account_sends_from_its_own_process_with_pause_and_resume(
    qtbot, db, prompts, make_window, sandbox
):
    """Accounts that talk over the network run the engine in a child process (the window keeps its CPU and its
    interpreter lock); pause and resume reach it through the pipe, and results still stream into the table."""
    from smsdesk.core.account import Account

    db.save_account(Account(name="Sandbox over HTTP", provider="sandbox", base_url=sandbox.url))
    campaign_id = make_campaign(db, count=20)
    with db.transaction() as conn:
        conn.execute("UPDATE campaigns SET account = ? WHERE id = ?", ("Sandbox over HTTP", campaign_id))
    sandbox.state.faults.latency = 0.05
    window = make_window()
    results = window.results_page
    results.runner_options = {"max_batch": 1, "concurrency": 1}
    window.open_campaign(campaign_id, resume=True)
    qtbot.waitUntil(lambda: results.is_sending(), timeout=15000)
    from smsdesk.ui.campaign_worker import ProcessCampaignWorker

    assert isinstance(results.worker, ProcessCampaignWorker)
    qtbot.waitUntil(lambda: results.model.counts.get("sent", 0) >= 3, timeout=30000)
    results.toggle_pause()
    qtbot.waitUntil(lambda: Journal(db).get_campaign(campaign_id).state == "paused", timeout=15000)
    paused_at = len(sandbox.state.accepted_numbers())
    assert paused_at < 20
    results.toggle_pause()
    qtbot.waitUntil(lambda: results.worker is None, timeout=60000)
    assert results.model.counts.get("sent") == 20
    assert results.campaign_state == "finished"
    accepted = sandbox.state.accepted_numbers()
    assert sorted(accepted) == sorted(set(accepted)) and len(accepted) == 20


def test_closing_while_a_child_process_sends_stops_it_and_keeps_the_rest(
    qtbot, db, prompts, make_window, sandbox
):
    from smsdesk.core.account import Account

    db.save_account(Account(name="Sandbox over HTTP", provider="sandbox", base_url=sandbox.url))
    campaign_id = make_campaign(db, count=30)
    with db.transaction() as conn:
        conn.execute("UPDATE campaigns SET account = ? WHERE id = ?", ("Sandbox over HTTP", campaign_id))
    sandbox.state.faults.latency = 0.1
    window = make_window()
    results = window.results_page
    results.runner_options = {"max_batch": 1, "concurrency": 1}
    window.open_campaign(campaign_id, resume=True)
    qtbot.waitUntil(lambda: results.model.counts.get("sent", 0) >= 2, timeout=30000)
    window.close()
    assert prompts.asked[-1][0] == "A send is running"
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30000)
    campaign = Journal(db).get_campaign(campaign_id)
    assert campaign.resumable and campaign.counts["sending"] == 0
    assert len(sandbox.state.accepted_numbers()) == campaign.counts["sent"] < 30


@pytest.mark.parametrize("page_name", ["review_page", "settings_page"])
def test_a_page_opens_the_accounts_dialog_on_its_account_and_hears_of_changes(
    qtbot, window, monkeypatch, page_name
):
    from smsdesk.ui.accounts_dialog import AccountsDialog

    page = getattr(window, page_name)
    page.account_combo.setCurrentIndex(page.account_combo.findData("Sandbox"))
    shown: list[str] = []

    def exec_(dialog) -> int:  # instead of waiting for the user: what the dialog shows, then a change
        shown.append(dialog.name_edit.text())
        dialog.accounts_changed.emit()
        return 0

    monkeypatch.setattr(AccountsDialog, "exec", exec_)
    with qtbot.waitSignal(page.accounts_changed, timeout=2000):
        page.manage_accounts()
    assert shown == ["Sandbox"]


def test_a_provider_that_fails_shows_why_the_send_waits_and_when_it_tries_next(
    qtbot, db, prompts, make_window, sandbox
):
    from smsdesk.core.account import Account

    db.save_account(Account(name="Sandbox over HTTP", provider="sandbox", base_url=sandbox.url))
    campaign_id = make_campaign(db, count=5)
    with db.transaction() as conn:
        conn.execute("UPDATE campaigns SET account = ? WHERE id = ?", ("Sandbox over HTTP", campaign_id))
    sandbox.state.faults.fail_next = 1000
    window = make_window()
    results = window.results_page
    results.runner_options = {"max_batch": 1, "concurrency": 1}
    window.open_campaign(campaign_id, resume=True)
    qtbot.waitUntil(lambda: "next try in" in results.state_label.text(), timeout=30000)
    assert results.state_label.text().startswith("Waiting: ")
    qtbot.mouseClick(results.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: results.worker is None, timeout=60000)
    campaign = Journal(db).get_campaign(campaign_id)
    assert campaign.counts["pending"] == 5 and sandbox.state.accepted_numbers() == []
