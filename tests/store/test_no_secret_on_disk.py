"""After adding accounts and running sandbox campaigns, no file under SMSDESK_HOME holds a secret, in any encoding.

The accounts are added through the real CLI (secret on stdin), the campaigns run through the real send engine
against the loopback sandbox speaking each provider's API (so each secret really is used in requests), and the
opt-out list and results are exported into the folder too. Then every byte of every file is searched.
"""

from __future__ import annotations

import base64
import io
import sys
from urllib.parse import quote, quote_plus

from smsdesk.cli import run_cli
from smsdesk.core.costing import PlannedMessage
from smsdesk.engine import sender
from smsdesk.providers.base import GSM7
from smsdesk.store import journal as journal_module
from smsdesk.store.db import SANDBOX_ACCOUNT, Database
from tests.store.fixtures import fake_keyring

# Distinctive secrets, so a hit cannot be a coincidence; the sandbox is told to expect them.
ACCOUNTS = {
    "cpsms": ("Butik DK", "demo", "Cp5ms-Secr3t-9f1e2d", ["--username", "demo", "--sender", "Butikken"]),
    "ip1": ("Udland", None, "iP1-Secr3t/+=7c4b0a", ["--sender", "Butikken"]),
    "txty": ("Tekst", "demo", "Txty-T0ken-5e8d21", ["--username", "demo", "--sender", "Butikken"]),
}


def encodings_of(secret: str, username: str | None) -> list[bytes]:
    """The forms a leaked secret would take in a file: text, UTF-16, URL-encoded, in a Basic auth header."""
    forms = {secret, quote(secret, safe=""), quote_plus(secret)}
    found = {form.encode("utf-8") for form in forms}
    found |= {form.encode("utf-16-le") for form in forms}
    found.add(base64.b64encode(secret.encode()))
    if username:
        found.add(base64.b64encode(f"{username}:{secret}".encode()))
    return sorted(found)


def add_account(monkeypatch, name: str, provider: str, secret: str, extra: list[str], base_url: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(secret + "\n"))
    code = run_cli(["accounts", "add", name, "--provider", provider, "--base-url", base_url, *extra])
    assert code == 0


def run_campaign(db: Database, account_name: str, phones: list[str]) -> None:
    account = db.get_account(account_name)
    journal = journal_module.Journal(db)
    messages = [
        PlannedMessage(row=i + 2, phone=phone, fields={"Navn": f"Kunde {i}"}, text=f"Hej Kunde {i}", encoding=GSM7,
                       segments=1)
        for i, phone in enumerate(phones)
    ]  # fmt: skip
    campaign_id = journal.create_campaign(
        name=f"Test {account_name}",
        account=account,
        source_file="kunder.xlsx",
        sheet=None,
        template="Hej {Navn}",
        country="DK",
        phone_column="Mobil",
        columns=["Navn", "Mobil"],
        messages=messages,
    )
    outcome = sender.CampaignRunner(db.path, campaign_id).run()
    assert outcome.state == journal_module.FINISHED, outcome
    assert outcome.counts.get(journal_module.SENT) == len(phones), outcome.counts


def test_no_file_under_smsdesk_home_contains_a_secret(monkeypatch, sandbox, smsdesk_home, capsys):
    keyring = fake_keyring.install(monkeypatch)
    for provider, (name, username, secret, extra) in ACCOUNTS.items():
        sandbox.state.credentials[provider] = (username, secret)
        add_account(monkeypatch, name, provider, secret, extra, sandbox.url)
    assert sorted(keyring.passwords.values()) == sorted(secret for _, _, secret, _ in ACCOUNTS.values())

    db = Database()
    try:
        run_campaign(db, "Butik DK", ["+4520000001", "+4520000002", "+4520000003"])
        run_campaign(db, "Udland", ["+46701234501", "+4520000004"])
        run_campaign(db, "Tekst", ["+4520000005"])
        run_campaign(db, SANDBOX_ACCOUNT, ["+4520000006"])  # the built-in account, in-process sandbox
        assert len(sandbox.state.accepted) == 6  # the three real-provider campaigns used their keys
        db.add_opt_outs(["+4520000009"], "manual")
        assert run_cli(["optouts", "export", "--out", str(smsdesk_home / "optouts.csv")]) == 0
        assert run_cli(["optouts", "export", "--out", str(smsdesk_home / "optouts.xlsx")]) == 0
        assert run_cli(["accounts", "list", "--json"]) == 0
        out, err = capsys.readouterr()

        # While the database is open its write-ahead log holds the newest pages: search it too.
        files_open = scan(smsdesk_home)
    finally:
        db.close()
    files_closed = scan(smsdesk_home)

    assert any(path.name == "smsdesk.sqlite3" for path in files_closed)
    for provider, (_name, username, secret, _extra) in ACCOUNTS.items():
        for form in encodings_of(secret, username):
            for path, data in {**files_open, **files_closed}.items():
                assert form not in data, f"{provider} secret found in {path}"
            assert form.decode("latin-1") not in out + err


def scan(folder) -> dict:
    return {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}
