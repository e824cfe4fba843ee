"""`smsdesk campaigns list/resume/retry/discard/export`."""

from __future__ import annotations

import csv
import json

import openpyxl
import pytest

from smsdesk.cli import run_cli
from smsdesk.core.account import Account
from smsdesk.core.costing import PlannedMessage
from smsdesk.store.db import Database
from smsdesk.store.journal import Journal, Outcome


@pytest.fixture
def db(sandbox):
    database = Database()
    database.save_account(Account(name="Demo", provider="sandbox", base_url=sandbox.url))
    yield database
    database.close()


def make(db, n=4) -> str:
    messages = [
        PlannedMessage(
            i + 2, f"+45201234{i:02d}", {"Navn": f"N{i}", "Kundenr": f"00{i}"}, f"Hej N{i}", "GSM-7", 1
        )
        for i in range(n)
    ]
    messages.append(
        PlannedMessage(
            n + 2,
            "=1+2",
            {"Navn": "@evil", "Kundenr": "-5"},
            skip_reason="not a phone number",
            skip_kind="invalid",
        )
    )
    return Journal(db).create_campaign(
        name="Forår",
        account=db.get_account("Demo"),
        source_file="kunder.xlsx",
        sheet=None,
        template="Hej {Navn}",
        country="DK",
        phone_column="Mobil",
        columns=["Navn", "Mobil", "Kundenr"],
        messages=messages,
    )


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = run_cli(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_list_json(capsys, db):
    campaign_id = make(db)
    code, out, _ = cli(capsys, "campaigns", "list", "--json")
    assert code == 0
    (item,) = json.loads(out)
    assert item["id"] == campaign_id and item["name"] == "Forår" and item["state"] == "ready"
    assert (item["total"], item["pending"], item["skipped"], item["sent"]) == (5, 4, 1, 0)
    assert item["account"] == "Demo" and item["provider"] == "sandbox"


def test_resume_sends_the_rest_with_the_send_lines(capsys, db, sandbox):
    campaign_id = make(db)
    sandbox.state.faults.credit_messages = 2
    code, out, err = cli(capsys, "campaigns", "resume", campaign_id, "--json", "--batch-size", "1")
    assert code == 3  # stopped by the provider: out of credit
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["status"] for line in lines[:-1]] == ["sent", "sent"]
    first_rows = {line["row"] for line in lines[:-1]}
    assert lines[-1]["state"] == "stopped" and lines[-1]["pending"] == 2 and "credit" in lines[-1]["reason"]
    assert "resume" in err

    sandbox.state.faults.credit_messages = None
    code, out, _ = cli(capsys, "campaigns", "resume", campaign_id, "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert {line["row"] for line in lines[:-1]} == {2, 3, 4, 5} - first_rows  # only what was left
    assert lines[-1] | {"reason": None} == {
        "campaign": campaign_id,
        "sent": 4,
        "failed": 0,
        "skipped": 1,
        "unknown": 0,
        "pending": 0,
        "state": "finished",
        "reason": None,
    }
    assert len(sandbox.state.accepted) == 4


def test_resume_unknown_campaign_exits_2(capsys, db):
    code, _, err = cli(capsys, "campaigns", "resume", "1999-01-01-001")
    assert code == 2 and "No campaign" in err


def test_retry_failed_and_unknown_only_when_asked(capsys, db, sandbox):
    campaign_id = make(db, 3)
    journal = Journal(db)
    ids = [r.id for r in journal.messages(campaign_id, states=["pending"])]
    journal.mark_sending(ids)
    journal.record(
        [
            Outcome(id=ids[0], state="sent", message_id="m"),
            Outcome(id=ids[1], state="failed", error="x"),
            Outcome(id=ids[2], state="unknown", error="t"),
        ]
    )
    code, out, _ = cli(capsys, "campaigns", "retry", campaign_id, "--json")
    assert code == 0 and json.loads(out) == {"campaign": campaign_id, "requeued": 1}
    code, out, _ = cli(capsys, "campaigns", "retry", campaign_id, "--unknown")
    assert code == 0 and "1 messages will be sent again" in out
    code, out, _ = cli(capsys, "campaigns", "resume", campaign_id, "--json")
    assert code == 0
    assert sorted(sandbox.state.accepted_numbers()) == ["+4520123401", "+4520123402"]


def test_discard_closes_the_campaign(capsys, db, sandbox):
    campaign_id = make(db, 3)
    code, out, _ = cli(capsys, "campaigns", "discard", campaign_id)
    assert code == 0 and "3 messages will not be sent" in out
    code, out, _ = cli(capsys, "campaigns", "resume", campaign_id, "--json")
    assert code == 0 and json.loads(out.splitlines()[-1])["pending"] == 0
    assert sandbox.state.accepted == []


def _run(db, campaign_id, sandbox):
    sandbox.state.faults.reject_numbers = {"+4520123401"}
    assert run_cli(["campaigns", "resume", campaign_id]) == 1


def test_export_csv_keeps_every_row_with_reasons_and_is_excel_safe(capsys, db, sandbox, tmp_path):
    campaign_id = make(db)
    _run(db, campaign_id, sandbox)
    out = tmp_path / "result.csv"
    code, stdout, _ = cli(capsys, "campaigns", "export", campaign_id, "--out", str(out))
    assert code == 0 and "5 rows" in stdout
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header, *body = rows
    assert header[:4] == ["Row", "Phone", "Status", "Reason"] and header[-3:] == ["Navn", "Mobil", "Kundenr"]
    status = {row[0]: row[2] for row in body}
    assert status == {"2": "sent", "3": "failed", "4": "sent", "5": "sent", "6": "skipped"}
    failed = next(row for row in body if row[0] == "3")
    assert "not a valid phone number" in failed[3]
    assert all(row[1].startswith("'+45") for row in body[:4])  # numbers stay text in Excel
    skipped = body[4]
    assert skipped[1] == "'=1+2" and "'@evil" in skipped and "'-5" in skipped  # no formula runs
    assert "'000" in body[0]  # leading zeros kept


def test_export_xlsx_text_cells(capsys, db, sandbox, tmp_path):
    campaign_id = make(db)
    _run(db, campaign_id, sandbox)
    out = tmp_path / "result.xlsx"
    code, _, _ = cli(capsys, "campaigns", "export", campaign_id, "--out", str(out))
    assert code == 0
    sheet = openpyxl.load_workbook(out).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][1] == "+4520123400" and sheet.cell(2, 2).data_type == "s"
    assert sheet.cell(6, 2).value == "=1+2" and sheet.cell(6, 2).data_type == "s"  # text, not a formula
    assert values[1][-1] == "000"


def test_export_to_an_unsupported_name_exits_2(capsys, db, tmp_path):
    campaign_id = make(db)
    code, _, err = cli(capsys, "campaigns", "export", campaign_id, "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and ".xlsx" in err
