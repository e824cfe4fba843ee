"""`smsdesk accounts`: the exact contract, secrets only in the keyring, one clear line and exit 2 on bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import keyring.backends.fail
import keyring.core
import pytest

from smsdesk.cli import run_cli
from smsdesk.store import secrets
from smsdesk.store.db import Database
from tests.store.fixtures import fake_keyring

KEY = "cpsms-demo-key"


@pytest.fixture
def memory(monkeypatch):
    return fake_keyring.install(monkeypatch)


@pytest.fixture
def stdin(monkeypatch):
    """Feed text to the command's stdin as a pipe (not a terminal)."""

    def feed(text: str) -> None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))

    return feed


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = run_cli(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys) -> list[dict]:
    code, out, _ = run(capsys, "accounts", "list", "--json")
    assert code == 0
    return json.loads(out)


def test_list_on_first_start_has_the_sandbox(capsys):
    assert listed(capsys) == [
        {
            "name": "Sandbox",
            "provider": "sandbox",
            "username": None,
            "sender": None,
            "base_url": None,
            "default": True,
            "options": {},
            "price_per_segment": None,
            "max_per_minute": None,
        }
    ]


def test_add_reads_the_secret_from_stdin_and_keeps_it_only_in_the_keyring(capsys, memory, stdin, sandbox):
    stdin(KEY + "\n")
    code, out, err = run(
        capsys,
        "accounts", "add", "Butik", "--provider", "cpsms", "--username", "demo", "--sender", "Butikken",
        "--base-url", sandbox.url + "/", "--option", "format=GSM", "--price-per-segment", "0.29",
    )  # fmt: skip
    assert code == 0, err
    assert KEY not in out + err
    assert memory.passwords == {(secrets.SERVICE, "Butik"): KEY}
    entry = next(a for a in listed(capsys) if a["name"] == "Butik")
    assert {k: entry[k] for k in ("name", "provider", "username", "sender", "base_url")} == {
        "name": "Butik",
        "provider": "cpsms",
        "username": "demo",
        "sender": "Butikken",
        "base_url": sandbox.url,
    }
    assert entry["options"] == {"format": "GSM"} and entry["price_per_segment"] == 0.29
    with Database() as db:
        row = db.conn.execute("SELECT * FROM accounts WHERE name = 'Butik'").fetchone()
    assert KEY not in " ".join(str(value) for value in tuple(row))


def test_add_prompts_without_echo_on_a_terminal(capsys, memory, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(""))
    prompts: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: prompts.append(prompt) or "typed-key ")
    code, _, err = run(
        capsys, "accounts", "add", "Tx", "--provider", "txty", "--username", "demo", "--sender", "Shop"
    )
    assert code == 0, err
    assert prompts == ["API token for Tx (not shown): "]
    assert memory.passwords[(secrets.SERVICE, "Tx")] == "typed-key"


def test_balance_json(capsys, memory, stdin, sandbox):
    stdin(KEY)
    assert run(capsys, "accounts", "add", "Butik", "--provider", "cpsms", "--username", "demo",
               "--base-url", sandbox.url)[0] == 0  # fmt: skip
    code, out, err = run(capsys, "accounts", "balance", "Butik", "--json")
    assert code == 0, err
    answer = json.loads(out)
    assert set(answer) >= {"balance", "currency"}
    assert isinstance(answer["balance"], float) and answer["balance"] > 0
    assert answer["currency"] is None or isinstance(answer["currency"], str)
    assert KEY not in out + err


def test_balance_of_the_sandbox_needs_no_keyring(capsys, monkeypatch):
    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.backends.fail.Keyring())
    code, out, err = run(capsys, "accounts", "balance", "Sandbox", "--json")
    assert code == 0, err
    assert json.loads(out)["balance"] == 10000.0


def test_balance_refused_by_the_provider_is_exit_3_with_one_line(capsys, memory, stdin, sandbox):
    stdin(KEY)
    run(
        capsys,
        "accounts",
        "add",
        "Butik",
        "--provider",
        "cpsms",
        "--username",
        "demo",
        "--base-url",
        sandbox.url,
    )
    sandbox.state.faults.wrong_credentials = True
    code, out, err = run(capsys, "accounts", "balance", "Butik", "--json")
    assert code == 3
    assert out == ""
    assert err.count("\n") == 1 and "Butik" in err and KEY not in err


def test_balance_without_a_saved_key(capsys, memory):
    with Database() as db:
        from smsdesk.core.account import Account

        db.save_account(Account(name="Orphan", provider="ip1"))
    code, _, err = run(capsys, "accounts", "balance", "Orphan", "--json")
    assert code == 2
    assert "No key saved for account 'Orphan': add it in Manage accounts" in err


def test_remove_deletes_the_keyring_entry_too(capsys, memory, stdin):
    stdin("ip1-demo-key")
    assert (
        run(capsys, "accounts", "add", "Udland", "--provider", "ip1", "--sender", "Shop", "--default")[0] == 0
    )
    assert (secrets.SERVICE, "Udland") in memory.passwords
    code, _, err = run(capsys, "accounts", "remove", "Udland")
    assert code == 0, err
    assert memory.passwords == {}
    assert [a["name"] for a in listed(capsys)] == ["Sandbox"]
    assert listed(capsys)[0]["default"] is True  # the default passed back


def test_remove_keeps_the_account_when_the_keyring_refuses(capsys, memory, stdin):
    stdin("ip1-demo-key")
    run(capsys, "accounts", "add", "Udland", "--provider", "ip1", "--sender", "Shop")
    memory.locked = True
    code, _, err = run(capsys, "accounts", "remove", "Udland")
    assert code == 2 and "locked" in err and err.count("\n") == 1
    assert "Udland" in [a["name"] for a in listed(capsys)]


def test_no_secure_keyring_refuses_before_asking_for_the_key(capsys, monkeypatch, stdin):
    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.backends.fail.Keyring())
    stdin(KEY)
    code, out, err = run(capsys, "accounts", "add", "Butik", "--provider", "cpsms", "--username", "demo")
    assert code == 2
    assert "gnome-keyring" in err and err.count("\n") == 1
    assert sys.stdin.read() == KEY  # not consumed
    assert [a["name"] for a in listed(capsys)] == ["Sandbox"]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--provider", "cpsms"], "needs a username"),
        (["--provider", "cpsms", "--username", "u", "--sender", "Alt for langt navn"], "sender"),
        (["--provider", "ip1", "--sender", "Shop", "--base-url", "http://example.com/api"], "Plain http"),
        (["--provider", "ip1", "--sender", "Shop", "--base-url", "ftp://x"], "Not a web address"),
        (["--provider", "ip1", "--sender", "Shop", "--option", "novalue"], "KEY=VALUE"),
        (["--provider", "ip1", "--sender", "Shop", "--max-per-minute", "0"], "--max-per-minute"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, memory, stdin, argv, expected):
    stdin("some-key")
    code, out, err = run(capsys, "accounts", "add", "X", *argv)
    assert code == 2
    assert expected in err and err.count("\n") == 1 and "Traceback" not in err
    assert memory.passwords == {}
    assert [a["name"] for a in listed(capsys)] == ["Sandbox"]


def test_empty_secret_and_duplicate_name(capsys, memory, stdin):
    stdin("\n")
    code, _, err = run(capsys, "accounts", "add", "X", "--provider", "ip1", "--sender", "Shop")
    assert code == 2 and "no API key given" in err
    stdin("k1")
    assert run(capsys, "accounts", "add", "X", "--provider", "ip1", "--sender", "Shop")[0] == 0
    stdin("k2")
    code, _, err = run(capsys, "accounts", "add", "X", "--provider", "ip1", "--sender", "Shop")
    assert code == 2 and "exists already" in err
    assert memory.passwords[(secrets.SERVICE, "X")] == "k1"


def test_unknown_provider_and_account(capsys):
    with pytest.raises(SystemExit) as caught:
        run_cli(["accounts", "add", "X", "--provider", "twilio"])
    assert caught.value.code == 2
    code, _, err = run(capsys, "accounts", "remove", "Nobody")
    assert code == 2 and "no account named 'Nobody'" in err


def test_edit_changes_fields_and_the_key(capsys, memory, stdin):
    stdin("old-key")
    run(
        capsys,
        "accounts",
        "add",
        "Ug",
        "--provider",
        "ugsms",
        "--option",
        "api_version=v2",
        "--option",
        "x=1",
    )
    stdin("new-key")
    code, _, err = run(
        capsys, "accounts", "edit", "Ug", "--sender", "Klubben", "--option", "api_version=v2",
        "--remove-option", "x", "--new-secret", "--default",
    )  # fmt: skip
    assert code == 0, err
    entry = next(a for a in listed(capsys) if a["name"] == "Ug")
    assert entry["sender"] == "Klubben" and entry["options"] == {"api_version": "v2"} and entry["default"]
    assert memory.passwords[(secrets.SERVICE, "Ug")] == "new-key"
    code, _, err = run(capsys, "accounts", "edit", "Ug", "--sender", "")
    assert code == 0 and next(a for a in listed(capsys) if a["name"] == "Ug")["sender"] is None


def test_default_and_keyring_commands(capsys, memory, stdin):
    stdin("k")
    run(capsys, "accounts", "add", "B", "--provider", "ip1", "--sender", "Shop")
    assert run(capsys, "accounts", "default", "B")[0] == 0
    assert [a["name"] for a in listed(capsys) if a["default"]] == ["B"]
    code, out, _ = run(capsys, "accounts", "keyring", "--json")
    assert code == 0 and json.loads(out) == {
        "backend": "Memory Keyring (tests)",
        "secure": True,
        "advice": None,
    }


def test_a_broken_database_is_one_line_not_a_traceback(capsys, smsdesk_home):
    smsdesk_home.mkdir()
    (smsdesk_home / "smsdesk.sqlite3").write_bytes(b"garbage" * 1000)
    code, out, err = run(capsys, "accounts", "list", "--json")
    assert code == 2 and "not an SMSDesk database" in err and err.count("\n") == 1


def test_console_script_end_to_end(tmp_path, smsdesk_home):
    """The real entry point in a subprocess: exit codes and JSON as a script would see them."""
    command = [
        sys.executable,
        "-m",
        "smsdesk",
        "accounts",
        "add",
        "Demo",
        "--provider",
        "sandbox",
        "--sender",
        "Demo",
    ]
    done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 0, done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "smsdesk", "accounts", "list", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert [a["name"] for a in json.loads(done.stdout)] == ["Demo", "Sandbox"]
    done = subprocess.run(
        [sys.executable, "-m", "smsdesk", "accounts", "remove", "Nobody"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1
