"""`smsdesk optouts`: import, add, remove, list, export; bad input is one line and exit 2."""

from __future__ import annotations

import json

import openpyxl
import pytest

from smsdesk.cli import run_cli


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = run_cli(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys) -> list[dict]:
    code, out, _ = run(capsys, "optouts", "list", "--json")
    assert code == 0
    return json.loads(out)


def test_empty_list(capsys):
    assert listed(capsys) == []
    assert run(capsys, "optouts", "list")[1] == "The opt-out list is empty.\n"


def test_add_remove_list(capsys):
    assert run(capsys, "optouts", "add", "20 12 34 56")[0] == 0
    assert run(capsys, "optouts", "add", "070-123 45 67", "--country", "se")[0] == 0
    code, _, err = run(capsys, "optouts", "add", "+4520123456")
    assert code == 0 and "already" in err
    entries = listed(capsys)
    assert [e["phone"] for e in entries] == ["+4520123456", "+46701234567"]
    assert set(entries[0]) == {"phone", "added_at", "source"} and entries[0]["source"] == "manual"
    assert run(capsys, "optouts", "remove", "+45 20 12 34 56")[0] == 0
    assert [e["phone"] for e in listed(capsys)] == ["+46701234567"]
    code, _, err = run(capsys, "optouts", "remove", "+4520123456")
    assert code == 2 and "not on the opt-out list" in err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["add", "hello"], "hello is not a usable phone number"),
        (["add", "20123456", "--country", "XX"], "unknown country code 'XX'"),
        (["import", "nowhere.csv"], "nowhere.csv"),
        (["export", "--out", "list.pdf"], ".xlsx or .csv"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, tmp_path, monkeypatch, argv, expected):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "optouts", *argv)
    assert code == 2
    assert expected in err and err.count("\n") == 1 and "Traceback" not in err


def test_import_json_and_export_round_trip(capsys, tmp_path):
    source = tmp_path / "stop.xlsx"
    workbook = openpyxl.Workbook()
    for row in [
        ["Navn", "Mobil"],
        ["Åse", 4520123456],
        ["Bo", "ikke et nummer"],
        ["Carl", None],
        ["Dan", "20123457"],
    ]:
        workbook.active.append(row)
    workbook.save(source)

    code, out, err = run(capsys, "optouts", "import", str(source), "--json")
    assert code == 0, err
    assert json.loads(out) == {
        "file": str(source),
        "sheet": "Sheet",
        "column": "Mobil",
        "rows": 4,
        "added": 2,
        "already": 0,
        "empty": 1,
        "invalid": [{"row": 3, "value": "ikke et nummer", "reason": "not a phone number"}],
    }
    code, out, _ = run(capsys, "optouts", "import", str(source))
    assert code == 0
    assert "0 added, 2 already on the list, 1 not a number, 1 empty" in out
    assert "row 3: 'ikke et nummer': not a phone number" in out

    exported = tmp_path / "out.xlsx"
    assert run(capsys, "optouts", "export", "--out", str(exported))[0] == 0
    sheet = openpyxl.load_workbook(exported).active
    assert [cell.value for cell in sheet[1]] == ["Phone", "Added", "Source"]
    assert sorted(sheet.cell(row=r, column=1).value for r in (2, 3)) == ["+4520123456", "+4520123457"]
    assert {sheet.cell(row=r, column=3).value for r in (2, 3)} == {"stop.xlsx"}
