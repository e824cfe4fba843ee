"""The database: private files, WAL, first-start defaults, settings, accounts, opt-outs, environment errors."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading

import pytest

from smsdesk import paths
from smsdesk.core.account import Account
from smsdesk.store import db as db_module
from smsdesk.store.db import SANDBOX_ACCOUNT, Database, StoreError
from smsdesk.store.schema import SCHEMA_VERSION

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def test_default_path_is_under_smsdesk_home(db, smsdesk_home):
    assert db.path == paths.database_path() == smsdesk_home / "smsdesk.sqlite3"
    assert db.path.is_file()


@posix_only
def test_folder_and_file_are_private(db, smsdesk_home):
    assert stat.S_IMODE(smsdesk_home.stat().st_mode) == 0o700
    assert stat.S_IMODE(db.path.stat().st_mode) == 0o600
    db.add_opt_outs(["+4512345678"], "manual")  # makes SQLite create its side files
    for side in smsdesk_home.iterdir():
        assert stat.S_IMODE(side.stat().st_mode) & 0o077 == 0, side


@posix_only
def test_an_existing_open_data_folder_is_made_private(smsdesk_home):
    smsdesk_home.mkdir(mode=0o755)
    smsdesk_home.chmod(0o755)
    Database().close()
    assert stat.S_IMODE(smsdesk_home.stat().st_mode) == 0o700


def test_pragmas(db):
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.conn.execute("PRAGMA busy_timeout").fetchone()[0] == db_module.BUSY_TIMEOUT_MS
    assert db.schema_version == SCHEMA_VERSION


def test_first_start_has_sandbox_account_as_default_and_denmark(db):
    assert db.list_accounts() == [Account(name=SANDBOX_ACCOUNT, provider="sandbox")]
    assert db.get_setting("default_account") == SANDBOX_ACCOUNT == db.default_account
    assert db.get_setting("default_country") == "DK" == db.default_country


def test_removed_sandbox_stays_removed_and_the_default_passes_on(db):
    db.save_account(Account(name="Butik", provider="cpsms", username="shop"))
    assert db.default_account == SANDBOX_ACCOUNT
    assert db.remove_account(SANDBOX_ACCOUNT)
    assert db.default_account == "Butik"
    db.close()
    again = Database()
    assert [a.name for a in again.list_accounts()] == ["Butik"]
    again.remove_account("Butik")
    assert again.default_account is None
    again.close()


def test_settings_round_trip_and_typed_helpers(db):
    assert db.get_setting("missing") is None
    assert db.get_setting("missing", "x") == "x"
    db.set_setting("default_country", "SE")
    assert db.get_setting("default_country") == "SE"
    db.set_setting("rate", "12")
    assert db.get_int("rate") == 12
    db.set_setting("rate", "twelve")
    assert db.get_int("rate", 7) == 7
    db.set_setting("price", "0.25")
    assert db.get_float("price") == 0.25
    db.set_bool("confirm", True)
    assert db.get_bool("confirm") is True
    db.set_bool("confirm", False)
    assert db.get_bool("confirm", True) is False
    db.set_json("columns", ["Navn", "Mobil"])
    assert db.get_json("columns") == ["Navn", "Mobil"]
    db.delete_setting("columns")
    assert db.get_json("columns", []) == []


def test_accounts_insert_update_keep_options_and_created_at(db):
    account = Account(
        name="Kunder",
        provider="ip1",
        username="ip1-1234",
        sender="Butikken",
        base_url="https://api.ip1sms.com/api",
        options={"api_version": "v1", "nested": {"a": [1, 2]}},
        price_per_segment=0.35,
        max_per_minute=120,
    )
    db.save_account(account)
    assert db.get_account("Kunder") == account
    created = db.conn.execute("SELECT created_at FROM accounts WHERE name='Kunder'").fetchone()[0]
    changed = Account(name="Kunder", provider="ip1", username="ip1-1234", sender="Shop")
    db.save_account(changed)
    assert db.get_account("Kunder") == changed
    assert db.conn.execute("SELECT created_at FROM accounts WHERE name='Kunder'").fetchone()[0] == created
    assert [a.name for a in db.list_accounts()] == ["Kunder", SANDBOX_ACCOUNT]
    assert db.get_account("nobody") is None
    assert db.remove_account("Kunder") is True
    assert db.remove_account("Kunder") is False


def test_account_needs_a_name(db):
    with pytest.raises(ValueError):
        db.save_account(Account(name="  ", provider="cpsms"))


def test_opt_outs(db):
    assert db.opt_outs() == set()
    assert db.add_opt_outs(["+4512345678", "+4587654321", "+4512345678"], "liste.xlsx") == 2
    assert db.add_opt_outs(["+4512345678", "+4611122233"], "manual") == 1
    assert db.opt_outs() == {"+4512345678", "+4587654321", "+4611122233"}
    sources = {o.phone: o.source for o in db.list_opt_outs()}
    assert sources["+4512345678"] == "liste.xlsx"  # the first source is kept
    assert db.is_opted_out("+4611122233")
    assert db.remove_opt_out("+4611122233") is True
    assert db.remove_opt_out("+4611122233") is False
    assert not db.is_opted_out("+4611122233")


def test_transaction_rolls_back_on_error_and_nests(db):
    with pytest.raises(RuntimeError), db.transaction() as conn:
        conn.execute("INSERT INTO settings VALUES ('a', '1')")
        raise RuntimeError("boom")
    assert db.get_setting("a") is None
    with db.transaction() as conn:
        conn.execute("INSERT INTO settings VALUES ('outer', '1')")
        with pytest.raises(RuntimeError), db.transaction() as inner:
            inner.execute("INSERT INTO settings VALUES ('inner', '1')")
            raise RuntimeError("inner only")
    assert db.get_setting("outer") == "1"
    assert db.get_setting("inner") is None


def test_open_another_for_a_worker_thread(db):
    seen: list[object] = []

    def worker() -> None:
        other = db.open_another()
        try:
            other.add_opt_outs(["+4511111111"], "worker")
            seen.append(other.get_setting("default_account"))
        finally:
            other.close()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen == [SANDBOX_ACCOUNT]
    assert db.opt_outs() == {"+4511111111"}


def test_a_connection_refuses_another_thread(db):
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            db.get_setting("default_account")
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert errors and isinstance(errors[0], sqlite3.ProgrammingError)  # a bug, so not turned into StoreError


# -- environment errors vs bugs ------------------------------------------------------------------------------------


def test_newer_database_is_refused(smsdesk_home):
    Database().close()
    raw = sqlite3.connect(paths.database_path())
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(StoreError, match="newer SMSDesk"):
        Database()


def test_not_a_database(smsdesk_home):
    smsdesk_home.mkdir()
    paths.database_path().write_bytes(b"PK\x03\x04 this is a zip, not a database" * 100)
    with pytest.raises(StoreError, match="not an SMSDesk database"):
        Database()


def test_folder_that_cannot_be_made(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot"):
        Database(blocker / "sub" / "smsdesk.sqlite3")


def test_locked_database(db, monkeypatch):
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 50)
    other = db.open_another()
    try:
        with db.transaction() as conn:
            conn.execute("INSERT INTO settings VALUES ('held', '1')")
            with pytest.raises(StoreError, match="busy"):
                other.set_setting("x", "1")
    finally:
        other.close()


def test_disk_full(db):
    pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
    db.conn.execute(f"PRAGMA max_page_count = {pages + 1}")
    with pytest.raises(StoreError, match="disk is full"):
        db.add_opt_outs([f"+45{n:08d}" for n in range(20000)], "big list")
    assert db.opt_outs() == set()  # the whole import rolled back


def test_bugs_are_not_wrapped(db):
    with pytest.raises(sqlite3.OperationalError), db.transaction() as conn:
        conn.execute("SELECT nonsense FROM nowhere")
    with pytest.raises(sqlite3.IntegrityError), db.transaction() as conn:
        conn.execute("INSERT INTO accounts (name) VALUES ('x')")


def test_read_only_database(db):
    db.conn.execute("PRAGMA query_only = 1")  # SQLite then refuses writes exactly as for a read-only file
    with pytest.raises(StoreError, match="read-only"):
        db.set_setting("x", "1")


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (13, "disk is full"),  # SQLITE_FULL
        (5, "busy"),  # SQLITE_BUSY
        (517, "busy"),  # SQLITE_BUSY_SNAPSHOT: extended codes map by their primary code
        (8, "read-only"),  # SQLITE_READONLY
        (14, "cannot open"),  # SQLITE_CANTOPEN
        (26, "not an SMSDesk database"),  # SQLITE_NOTADB
        (11, "damaged"),  # SQLITE_CORRUPT
        (10, "disk error"),  # SQLITE_IOERR
    ],
)
def test_environment_error_messages(code, words, tmp_path):
    error = sqlite3.OperationalError("low-level text")
    error.sqlite_errorcode = code
    with (
        pytest.raises(StoreError, match=words) as caught,
        db_module.environment_errors(tmp_path / "x.sqlite3"),
    ):
        raise error
    assert str(tmp_path / "x.sqlite3") in str(caught.value)
    assert caught.value.__cause__ is error


def test_an_empty_file_is_not_a_first_start(smsdesk_home):
    # A first start builds the file complete before it appears, so an empty one lost its contents (issue 19).
    smsdesk_home.mkdir()
    paths.database_path().write_bytes(b"")
    with pytest.raises(StoreError, match=r"empty \(0 bytes\)"):
        Database()
    assert paths.database_path().read_bytes() == b""  # left as found


def test_a_first_start_leaves_no_temporary_file(smsdesk_home):
    with Database() as db:
        assert db.default_account == SANDBOX_ACCOUNT
    assert sorted(p.name for p in smsdesk_home.iterdir() if ".new-" in p.name) == []
