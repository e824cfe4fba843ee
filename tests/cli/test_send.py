"""`smsdesk send`: the exact JSON contract and exit codes, over real HTTP against the sandbox."""

from __future__ import annotations

import json

import pytest

from smsdesk.cli import run_cli
from smsdesk.core.account import Account
from smsdesk.store.db import Database
from smsdesk.store.journal import Journal

RESULT_KEYS = {"row", "phone", "status", "message_id", "error", "segments"}
LAST_KEYS = {"campaign", "sent", "failed", "skipped", "unknown"}


@pytest.fixture
def demo(sandbox):
    db = Database()
    db.save_account(Account(name="Demo", provider="sandbox", base_url=sandbox.url, price_per_segment=0.5))
    db.close()
    return sandbox


@pytest.fixture
def recipients(tmp_path):
    path = tmp_path / "kunder.csv"
    path.write_text(
        "Navn;Mobil;Note\n"
        'Anna;20 12 34 51;=HYPERLINK("x")\n'
        "Bo;12;\n"
        "Cecilie;+45 20123451;\n"
        "Dorte;20123453;\n"
        "Erik;20123454;\n",
        encoding="utf-8",
    )
    return path


def send(capsys, *args: str) -> tuple[int, list[dict], str]:
    code = run_cli(["send", *args])
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines() if line.strip()]
    return code, lines, captured.err


def test_json_lines_one_per_recipient_then_the_totals(capsys, demo, recipients):
    code, lines, err = send(
        capsys, "--account", "Demo", "--file", str(recipients), "--message", "Hej {Navn}", "--json", "--yes"
    )
    assert code == 0
    *results, last = lines
    assert all(set(line) >= RESULT_KEYS for line in results)
    assert set(last) >= LAST_KEYS
    by_row = {line["row"]: line for line in results}
    assert sorted(by_row) == [2, 3, 4, 5, 6]
    assert by_row[2] | {"message_id": None} == {
        "row": 2,
        "phone": "+4520123451",
        "status": "sent",
        "message_id": None,
        "error": None,
        "segments": 1,
    }
    assert by_row[2]["message_id"]
    assert (
        by_row[3]["status"] == "skipped" and by_row[3]["error"] == "too short" and by_row[3]["segments"] == 0
    )
    assert by_row[4]["status"] == "skipped" and "duplicate" in by_row[4]["error"]
    assert {last[k] for k in ("sent", "failed", "skipped", "unknown")} and (
        last["sent"],
        last["failed"],
        last["skipped"],
        last["unknown"],
    ) == (3, 0, 2, 0)
    assert sorted(demo.state.accepted_numbers()) == ["+4520123451", "+4520123453", "+4520123454"]
    assert {a.text for a in demo.state.accepted} == {"Hej Anna", "Hej Dorte", "Hej Erik"}
    assert "Recipients: 3" in err  # human totals go to stderr with --json
    db = Database()
    try:
        (campaign,) = Journal(db).list_campaigns()
    finally:
        db.close()
    assert campaign.id == last["campaign"] and campaign.state == "finished"


def test_some_failed_exits_1(capsys, demo, recipients):
    demo.state.faults.reject_numbers = {"+4520123453"}
    code, lines, _ = send(
        capsys, "--account", "Demo", "--file", str(recipients), "--message", "Hej", "--json", "--yes"
    )
    assert code == 1
    failed = [line for line in lines[:-1] if line["status"] == "failed"]
    assert [(f["row"], f["phone"]) for f in failed] == [(5, "+4520123453")] and failed[0]["error"]
    assert lines[-1]["failed"] == 1 and lines[-1]["sent"] == 2


def test_balance_too_low_is_refused_before_anything_is_sent_exit_3(capsys, demo, recipients):
    demo.state.faults.credit_messages = 2
    code, lines, err = send(
        capsys, "--account", "Demo", "--file", str(recipients), "--message", "Hej", "--yes", "--json"
    )
    assert lines == []
    assert code == 3
    assert "not sending" in err and "2 credits" in err
    assert demo.state.accepted == []
    db = Database()
    try:
        assert Journal(db).list_campaigns() == []
    finally:
        db.close()


def test_wrong_credentials_exit_3(capsys, demo, recipients):
    demo.state.faults.wrong_credentials = True
    code, _, err = send(
        capsys, "--account", "Demo", "--file", str(recipients), "--message", "Hej", "--yes", "--json"
    )
    assert code == 3 and "key" in err


def test_without_yes_and_no_terminal_nothing_is_sent_exit_2(capsys, demo, recipients):
    code, lines, err = send(
        capsys, "--account", "Demo", "--file", str(recipients), "--message", "Hej", "--json"
    )
    assert code == 2
    assert "--yes" in err
    assert lines == [] and demo.state.accepted == []


def test_dry_run_plans_and_sends_nothing(capsys, demo, recipients):
    code, lines, _ = send(
        capsys,
        "--account",
        "Demo",
        "--file",
        str(recipients),
        "--message",
        "Hej {Navn}",
        "--dry-run",
        "--json",
    )
    assert code == 0
    (totals,) = lines
    assert totals["dry_run"] is True
    assert (totals["recipients"], totals["messages"], totals["segments"], totals["skipped"]) == (3, 3, 3, 2)
    assert totals["requests"] == 1 and totals["estimated_cost"] == 1.5
    assert totals["balance"] == 10000 and totals["refusal"] is None
    assert demo.state.accepted == []


def test_human_output(capsys, demo, recipients):
    code = run_cli(["send", "--account", "Demo", "--file", str(recipients), "--message", "Hej", "--yes"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Estimated cost: 1.5" in out and "Balance: 10000 credits" in out
    assert "3 sent, 0 failed, 0 unknown, 2 skipped" in out


def test_message_file(capsys, demo, recipients, tmp_path):
    message = tmp_path / "besked.txt"
    message.write_text("Kære {Navn}, velkommen\n", encoding="utf-8")
    code, lines, _ = send(
        capsys,
        "--account",
        "Demo",
        "--file",
        str(recipients),
        "--message-file",
        str(message),
        "--json",
        "--yes",
    )
    assert code == 0
    assert "Kære Anna, velkommen" in {
        a.text for a in demo.state.accepted
    }  # the editor's final newline dropped


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--account", "Nobody", "--message", "Hej"], "no account named 'Nobody'"),
        (["--account", "Demo", "--message", "Hej {Fornavn}"], "Fornavn"),
        (["--account", "Demo", "--message", "   "], "empty"),
        (["--account", "Demo", "--message", "Hej", "--phone-column", "Telefon"], "no column 'Telefon'"),
        (["--account", "Demo", "--message", "Hej", "--country", "XX"], "country"),
        (["--account", "Demo", "--message-file", "/no/such/file.txt"], "no such file"),
        (["--account", "Demo", "--message", "Hej", "--batch-size", "0"], "--batch-size"),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(capsys, demo, recipients, args, expected):
    code = run_cli(["send", "--file", str(recipients), *args, "--yes"])
    err = capsys.readouterr().err
    assert code == 2
    assert expected in err and "Traceback" not in err
    assert demo.state.accepted == []


def test_a_file_that_cannot_be_read_exits_2(capsys, demo, tmp_path):
    code = run_cli(
        ["send", "--account", "Demo", "--file", str(tmp_path / "none.csv"), "--message", "x", "--yes"]
    )
    assert code == 2 and "none.csv" in capsys.readouterr().err


def test_message_and_message_file_are_exclusive(capsys, demo, recipients):
    with pytest.raises(SystemExit) as exited:
        run_cli(
            ["send", "--account", "Demo", "--file", str(recipients), "--message", "a", "--message-file", "b"]
        )
    assert exited.value.code == 2


def test_opted_out_numbers_are_skipped_with_their_reason(capsys, demo, recipients):
    db = Database()
    db.add_opt_outs(["+4520123454"], "manual")
    db.close()
    code, lines, _ = send(
        capsys, "--account", "Demo", "--file", str(recipients), "--message", "Hej", "--json", "--yes"
    )
    assert code == 0
    erik = next(line for line in lines if line.get("row") == 6)
    assert erik["status"] == "skipped" and erik["kind"] == "opted_out"
    assert "+4520123454" not in demo.state.accepted_numbers()


def test_an_account_without_a_saved_key_exits_2(capsys, demo, recipients):
    db = Database()
    db.save_account(Account(name="Shop", provider="cpsms", username="demo"))
    db.close()
    code, _, err = send(
        capsys, "--account", "Shop", "--file", str(recipients), "--message", "Hej", "--yes", "--json"
    )
    assert code == 2 and "not sending" in err and "Traceback" not in err


def test_a_provider_that_keeps_failing_stops_the_send_saying_each_wait_exit_3(
    capsys, demo, recipients, monkeypatch
):
    from smsdesk.engine import sender
    from smsdesk.engine.outcomes import RetryPolicy

    fast = RetryPolicy(unreachable_after=3, backoff_base=0.01, backoff_cap=0.02)
    monkeypatch.setattr(sender, "RetryPolicy", lambda: fast)
    demo.state.faults.fail_next = 1000
    code, lines, err = send(
        capsys, "--account", "Demo", "--file", str(recipients), "--message", "Hej {Navn}", "--json", "--yes"
    )
    assert code == 3
    waits = [line for line in err.splitlines() if "next try in" in line]
    assert len(waits) == 2 and all(line.endswith("next try in under a second") for line in waits)
    assert "Stopped: Sandbox (no real SMS) could not be reached (3 tries in a row" in err
    assert lines[-1]["pending"] == 3 and lines[-1]["sent"] == 0
