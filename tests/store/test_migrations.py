"""Migrations: an older database opens, is copied first, migrates in order, and keeps its rows."""

from __future__ import annotations

import sqlite3

import pytest

from smsdesk import paths
from smsdesk.core.account import Account
from smsdesk.store import db as db_module
from smsdesk.store.db import SANDBOX_ACCOUNT, Database
from smsdesk.store.schema import MIGRATIONS, SCHEMA_VERSION


def make_version_1_database(path) -> None:
    """A database exactly as the first release left it, with a user's rows in it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = sqlite3.connect(path)
    version, sql = MIGRATIONS[0]
    assert version == 1
    raw.executescript(sql)
    raw.execute(f"PRAGMA user_version = {version}")
    raw.executemany(
        "INSERT INTO settings (key, value) VALUES (?, ?)",
        [("default_country", "NO"), ("default_account", "Butik")],
    )
    raw.execute(
        "INSERT INTO accounts (name, provider, username, sender, base_url, options, price_per_segment,"
        " max_per_minute, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            "Butik",
            "cpsms",
            "shop",
            "Butikken",
            None,
            '{"format": "GSM"}',
            0.29,
            60,
            "2026-01-02T03:04:05+00:00",
        ),
    )
    raw.execute("INSERT INTO opt_outs VALUES ('+4512345678', '2026-01-03T00:00:00+00:00', 'manual')")
    raw.commit()
    raw.close()


def table_names(conn) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_version_1_database_migrates_keeps_rows_and_leaves_a_copy():
    path = paths.database_path()
    make_version_1_database(path)

    db = Database()
    try:
        assert db.schema_version == SCHEMA_VERSION > 1
        assert {"campaigns", "messages"} <= table_names(db.conn)
        assert db.get_account("Butik") == Account(
            name="Butik",
            provider="cpsms",
            username="shop",
            sender="Butikken",
            options={"format": "GSM"},
            price_per_segment=0.29,
            max_per_minute=60,
        )
        # Not a first start: the user's own default stays, no sandbox account is pushed in.
        assert [a.name for a in db.list_accounts()] == ["Butik"]
        assert db.default_account == "Butik"
        assert db.default_country == "NO"
        assert db.opt_outs() == {"+4512345678"}
    finally:
        db.close()

    backup = path.with_name(path.name + ".v1.bak")
    assert backup.is_file()
    copy = sqlite3.connect(backup)
    try:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        assert copy.execute("SELECT name FROM accounts").fetchall() == [("Butik",)]
        assert "campaigns" not in table_names(copy)
    finally:
        copy.close()


def test_an_up_to_date_database_is_not_copied_again():
    path = paths.database_path()
    make_version_1_database(path)
    Database().close()
    Database().close()
    assert sorted(p.name for p in path.parent.glob("*.bak")) == [path.name + ".v1.bak"]


def test_an_earlier_copy_is_never_overwritten(monkeypatch):
    path = paths.database_path()
    make_version_1_database(path)
    earlier = path.with_name(path.name + ".v1.bak")
    earlier.write_bytes(b"an earlier copy the user may need")
    Database().close()
    assert earlier.read_bytes() == b"an earlier copy the user may need"
    assert path.with_name(path.name + ".v1.2.bak").is_file()


def test_a_new_database_is_not_copied_and_gets_every_migration():
    db = Database()
    try:
        assert db.schema_version == SCHEMA_VERSION
        assert {"settings", "accounts", "opt_outs", "campaigns", "messages"} <= table_names(db.conn)
        assert db.get_account(SANDBOX_ACCOUNT) is not None
    finally:
        db.close()
    assert list(paths.data_dir().glob("*.bak")) == []


def test_a_failing_migration_leaves_the_database_as_it_was(monkeypatch):
    path = paths.database_path()
    make_version_1_database(path)
    broken = [*MIGRATIONS, (SCHEMA_VERSION + 1, "CREATE TABLE extra (x); INSERT INTO nowhere VALUES (1);")]
    monkeypatch.setattr(db_module, "MIGRATIONS", broken)
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(sqlite3.OperationalError):  # bad SQL is a bug, not an environment problem
        Database()
    raw = sqlite3.connect(path)
    try:
        # Each migration is its own transaction: the good ones stay applied, the broken one left nothing.
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "extra" not in table_names(raw)
        assert raw.execute("SELECT count(*) FROM accounts").fetchone()[0] == 1
    finally:
        raw.close()
    assert path.with_name(path.name + ".v1.bak").is_file()


def make_version_2_database(path) -> None:
    """A database as version 2 left it: one campaign whose sender was killed with two rows out."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = sqlite3.connect(path)
    for _version, sql in MIGRATIONS[:2]:
        raw.executescript(sql)
    raw.execute("PRAGMA user_version = 2")
    raw.execute(
        "INSERT INTO campaigns (id, name, created_at, account, provider, template, state)"
        " VALUES ('2026-11-01-001', 'Sale', '2026-11-01T10:00:00+00:00', 'Shop', 'sandbox', 'Hej {Navn}', 'running')"
    )
    rows = [
        # phone, state, message_id, error, attempts, segments
        ("+4520000001", "sent", "m-1", None, 1, 1),
        ("+4520000002", "failed", None, "bad number", 1, 1),
        ("+4520000003", "sending", None, None, 1, 1),
        ("+4520000004", "sending", None, None, 2, 1),
        ("+4520000005", "pending", None, None, 0, 1),
        ("12", "skipped", None, "too short", 0, 0),
    ]
    raw.executemany(
        "INSERT INTO messages (campaign_id, row, phone, fields, text, encoding, segments, state, message_id, error,"
        " attempts, created_at, sending_at) VALUES ('2026-11-01-001', ?, ?, '{\"Navn\": \"A\"}', 'Hej A', 'GSM-7',"
        " ?, ?, ?, ?, ?, '2026-11-01T10:00:00+00:00', ?)",
        [
            (index + 2, phone, segments, state, message_id, error, attempts, "2026-11-01T10:01:00+00:00")
            for index, (phone, state, message_id, error, attempts, segments) in enumerate(rows)
        ],
    )
    raw.commit()
    raw.close()


def test_version_2_journal_migrates_and_rows_it_left_sending_become_unknown():
    from smsdesk.store.journal import FAILED, PENDING, SENDING, SENT, SKIPPED, UNKNOWN, Journal

    make_version_2_database(paths.database_path())
    db = Database()
    try:
        journal = Journal(db)
        before = journal.messages("2026-11-01-001")
        assert [(r.phone, r.state) for r in before] == [
            ("+4520000001", SENT),
            ("+4520000002", FAILED),
            ("+4520000003", SENDING),
            ("+4520000004", SENDING),
            ("+4520000005", PENDING),
            ("12", SKIPPED),
        ]
        assert (
            before[0].message_id == "m-1"
            and before[1].error == "bad number"
            and before[5].error == "too short"
        )
        assert [r.attempts for r in before] == [1, 1, 1, 2, 0, 0]
        assert before[0].text == "Hej A" and before[0].fields == {"Navn": "A"}
        assert [r.id for r in journal.rows_to_send("2026-11-01-001")] == [before[4].id]
        assert journal.recover_interrupted() == ["2026-11-01-001"]
        after = journal.messages("2026-11-01-001")
        assert [r.state for r in after] == [SENT, FAILED, UNKNOWN, UNKNOWN, PENDING, SKIPPED]
        assert [r.attempts for r in after] == [1, 1, 1, 2, 0, 0]
        assert journal.counts("2026-11-01-001")[SENDING] == 0
    finally:
        db.close()


def make_version_3_database(path) -> None:
    """A database as version 3 left it: a claim per request in flight holding a JSON list of message ids, status
    rows only for messages that had an answer, and a sender killed with two requests out."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = sqlite3.connect(path)
    for _version, sql in MIGRATIONS[:3]:
        raw.executescript(sql)
    raw.execute("PRAGMA user_version = 3")
    raw.execute(
        "INSERT INTO campaigns (id, name, created_at, account, provider, template, state)"
        " VALUES ('2026-11-02-001', 'Sale', '2026-11-02T10:00:00+00:00', 'Shop', 'sandbox', 'Hej', 'running')"
    )
    raw.executemany(
        "INSERT INTO messages (id, campaign_id, row, phone, fields, text, encoding, segments, created_at)"
        " VALUES (?, '2026-11-02-001', ?, ?, '{}', 'Hej', 'GSM-7', ?, '2026-11-02T10:00:00+00:00')",
        [
            (10 + i, i + 2, phone, 0 if phone == "12" else 1)
            for i, phone in enumerate(
                [
                    "+4520000001",
                    "+4520000002",
                    "+4520000003",
                    "+4520000004",
                    "+4520000005",
                    "+4520000006",
                    "12",
                ]
            )
        ],
    )
    raw.executemany(
        "INSERT INTO message_status (id, state, message_id, error, attempts, sending_at, done_at) VALUES"
        " (?, ?, ?, ?, ?, '2026-11-02T10:01:00+00:00', ?)",
        [
            (10, "sent", "m-1", None, 1, "2026-11-02T10:01:01+00:00"),
            (11, "failed", None, "bad number", 1, "2026-11-02T10:01:01+00:00"),
            (13, "pending", None, "server busy", 1, None),  # put back after a 500; its retry is out now
            (16, "skipped", None, "too short", 0, "2026-11-02T10:00:00+00:00"),
        ],
    )
    raw.executemany(
        "INSERT INTO claims (campaign_id, rows, size, claimed_at) VALUES ('2026-11-02-001', ?, ?, ?)",
        [("[12]", 1, "2026-11-02T10:02:00+00:00"), ("[13,14]", 2, "2026-11-02T10:03:00+00:00")],
    )
    raw.commit()
    raw.close()


def test_version_3_claims_become_sending_rows_and_recover_to_unknown():
    from smsdesk.store.journal import FAILED, PENDING, SENDING, SENT, SKIPPED, UNKNOWN, Journal

    make_version_3_database(paths.database_path())
    db = Database()
    try:
        assert db.schema_version == SCHEMA_VERSION == 5
        assert "claims" not in table_names(db.conn)
        journal = Journal(db)
        before = journal.messages("2026-11-02-001")
        assert [r.state for r in before] == [SENT, FAILED, SENDING, SENDING, SENDING, PENDING, SKIPPED]
        assert [r.attempts for r in before] == [1, 1, 1, 2, 1, 0, 0]  # a claim counted its request
        assert [r.sending_at for r in before[2:5]] == [
            "2026-11-02T10:02:00+00:00",
            "2026-11-02T10:03:00+00:00",
            "2026-11-02T10:03:00+00:00",
        ]
        assert before[0].message_id == "m-1" and before[6].error == "too short"
        assert [r.id for r in journal.rows_to_send("2026-11-02-001")] == [15]
        assert journal.recover_interrupted() == ["2026-11-02-001"]
        after = journal.messages("2026-11-02-001")
        assert [r.state for r in after] == [SENT, FAILED, UNKNOWN, UNKNOWN, UNKNOWN, PENDING, SKIPPED]
        assert journal.counts("2026-11-02-001")[SENDING] == 0
    finally:
        db.close()
    assert paths.database_path().with_name(paths.database_path().name + ".v3.bak").is_file()


def test_too_old_an_sqlite_is_refused_with_a_sentence(monkeypatch):
    from smsdesk.store import schema

    monkeypatch.setattr(schema.sqlite3, "sqlite_version_info", (3, 22, 0))
    monkeypatch.setattr(schema.sqlite3, "sqlite_version", "3.22.0")
    with pytest.raises(
        db_module.StoreError, match=r"needs SQLite 3\.24\.0 or newer; this Python has SQLite 3\.22"
    ):
        Database()
