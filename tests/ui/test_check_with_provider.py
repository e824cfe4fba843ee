"""Results page: "Check with provider" settles unknown messages where the provider can tell; where it cannot, a
plain sentence next to them explains the choice."""

from __future__ import annotations

from PySide6.QtCore import Qt

from smsdesk.core.account import Account
from smsdesk.providers.base import OutgoingMessage
from smsdesk.store.journal import Journal
from tests.ui.test_campaigns import crash_mid_send, make_campaign


def test_check_with_provider_settles_the_unknowns_off_the_gui_thread(qtbot, db, prompts, make_window):
    from smsdesk.providers.sandbox import SandboxProvider
    from smsdesk.sandbox.server import shared_sandbox

    shared_sandbox().state.reset()
    campaign_id = make_campaign(db, count=3)
    crash_mid_send(db, campaign_id, sent=0, in_flight=2)
    journal = Journal(db)
    journal.recover_interrupted()
    journal.discard(campaign_id)
    first = journal.messages(campaign_id)[0]
    with SandboxProvider(
        db.get_account("Sandbox"), "sandbox"
    ) as provider:  # the crash lost this one's answer
        provider.send([OutgoingMessage(f"{campaign_id}-{first.id}", first.phone, first.text, "GSM-7", 1)])

    window = make_window()
    window.open_campaign(campaign_id)
    results = window.results_page
    qtbot.waitUntil(lambda: results.model.rowCount() == 3, timeout=10000)
    assert results.check_button.isVisibleTo(results) and results.check_button.isEnabled()
    assert "Check with provider" in results.unknown_note.text()

    qtbot.mouseClick(results.check_button, Qt.MouseButton.LeftButton)
    # the page reloads the campaign afterwards (its counts are empty for a moment): wait for the settled ones
    qtbot.waitUntil(
        lambda: results.model.counts.get("sent") == 1 and results.model.counts.get("unknown", 0) == 0,
        timeout=15000,
    )
    assert results.model.counts.get("sent") == 1 and results.model.counts.get("failed") == 1
    assert "1 found sent, 1 not received" in results.unknown_note.text()
    assert not results.check_button.isEnabled()
    assert len(shared_sandbox().state.accepted_numbers()) == 1  # asking sent nothing
    shared_sandbox().state.reset()


def test_where_the_provider_cannot_tell_the_page_says_so_next_to_the_unknowns(
    qtbot, db, prompts, make_window
):
    db.save_account(Account(name="Txty", provider="txty", username="demo", sender="Shop"))
    campaign_id = make_campaign(db, count=2)
    journal = Journal(db)
    with db.transaction() as conn:
        conn.execute("UPDATE campaigns SET account = 'Txty', provider = 'txty' WHERE id = ?", (campaign_id,))
    crash_mid_send(db, campaign_id, sent=0, in_flight=2)
    journal.recover_interrupted()

    window = make_window()
    window.open_campaign(campaign_id)
    results = window.results_page
    qtbot.waitUntil(lambda: results.model.rowCount() == 2, timeout=10000)
    assert not results.check_button.isVisibleTo(results)
    note = results.unknown_note.text()
    assert results.unknown_note.isVisibleTo(results)
    assert "cannot be asked" in note and "web portal" in note and "twice" in note


def test_screenshots_of_unknowns_on_the_results_page(qtbot, db, prompts, make_window):
    from tests.ui.test_screenshots import save

    campaign_id = make_campaign(db, count=12)
    crash_mid_send(db, campaign_id, sent=6, in_flight=3)
    Journal(db).recover_interrupted()
    window = make_window()
    results = window.results_page
    window.open_campaign(campaign_id)
    qtbot.waitUntil(lambda: results.model.rowCount() == 12, timeout=10000)
    for width, height in ((1280, 800), (1024, 640)):
        window.resize(width, height)
        qtbot.wait(50)
        assert save(window, f"results-unknown-{width}x{height}").exists()
