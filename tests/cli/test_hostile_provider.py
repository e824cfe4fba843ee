"""The real CLI against a provider that answers badly on purpose (tests/providers/hostile.py): nothing is recorded
as sent without confirmation, no form of the key reaches the database, an export, a log, stdout or stderr, and a
never-ending answer cannot make the process grow past a fixed address-space cap."""

from __future__ import annotations

import json
import logging
import os
import resource
import subprocess
import sys

import openpyxl
import pytest

from smsdesk.cli import run_cli
from smsdesk.core.account import Account
from smsdesk.store import secrets
from smsdesk.store.db import Database
from tests.providers.hostile import HostileServer
from tests.providers.test_hostile_answers import ADAPTERS, SECRET, leaked
from tests.store.fixtures import fake_keyring


@pytest.fixture
def recipients(tmp_path):
    path = tmp_path / "kunder.csv"
    path.write_text("Navn;Mobil\nAnna;20123451\nBo;20123452\n", encoding="utf-8")
    return path


def everything_on_disk(home) -> str:
    parts = []
    for path in home.rglob("*"):
        if path.is_file():
            parts.append(path.read_bytes().decode("latin-1"))
    return "\n".join(parts)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("mode", ["echo400", "false200", "empty200"])
@pytest.mark.parametrize("kind", list(ADAPTERS))
def test_no_form_of_the_key_leaves_the_keyring(
    capsys, caplog, monkeypatch, smsdesk_home, tmp_path, recipients, kind, mode
):
    caplog.set_level(logging.DEBUG)
    fake_keyring.install(monkeypatch)
    with HostileServer(mode) as server:
        db = Database()
        settings = dict(ADAPTERS[kind])
        db.save_account(Account(name="Hostile", provider=kind.split("-")[0], base_url=server.url, **settings))
        db.close()
        secrets.save_secret("Hostile", SECRET)
        code = run_cli(
            ["send", "--account", "Hostile", "--file", str(recipients), "--message", "Hej", "--yes", "--json"]
        )
        out, err = capsys.readouterr()
        lines = [json.loads(line) for line in out.splitlines() if line.strip()]
        assert not any(line.get("status") == "sent" for line in lines), lines
        assert code in (1, 2, 3)
        campaigns = json.loads((run_cli(["campaigns", "list", "--json"]), capsys.readouterr())[1].out)
        exported = []
        for campaign in campaigns:
            for suffix in ("csv", "xlsx"):
                target = tmp_path / f"out-{campaign['id']}.{suffix}"
                assert run_cli(["campaigns", "export", campaign["id"], "--out", str(target)]) == 0
                if suffix == "csv":
                    exported.append(target.read_text(encoding="utf-8-sig"))
                else:
                    book = openpyxl.load_workbook(target)
                    exported += [str(c.value) for s in book for r in s.iter_rows() for c in r if c.value]
        capsys.readouterr()
    seen = "\n".join([out, err, caplog.text, *exported, everything_on_disk(smsdesk_home)])
    assert leaked(seen) == []


@pytest.mark.timeout(120)
@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS as Linux counts it")
def test_a_never_ending_answer_cannot_grow_the_cli_past_a_memory_cap(smsdesk_home, recipients):
    cap = (
        1024 * 1024 * 1024
    )  # 1 GiB of address space: the CLI needs a few hundred MB; the old code grew to 24 GB

    def capped() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    with HostileServer("endless") as server:
        db = Database()
        db.save_account(Account(name="Endless", provider="sandbox", base_url=server.url))
        db.close()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "smsdesk",
                "send",
                "--account",
                "Endless",
                "--file",
                str(recipients),
                "--message",
                "Hej",
                "--yes",
                "--json",
            ],
            capture_output=True,
            text=True,
            preexec_fn=capped,
            env={**os.environ, "PYTHONFAULTHANDLER": "1"},
            timeout=110,
        )
    assert "MemoryError" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 1, done.stderr
    assert {line["status"] for line in lines[:-1]} == {"unknown"}
    assert "longer than 1 MB" in lines[0]["error"]
