"""`smsdesk count`: the exact JSON contract, the human line, stdin handling and exit codes.

A few tests run the real command in a subprocess (real exit codes, real stdin, a real terminal); the rest call the
CLI in-process for speed.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from smsdesk.cli import run_cli

CONTRACT_KEYS = ["encoding", "characters", "units", "segments", "per_segment", "remaining", "non_gsm"]


def run(*args: str, stdin: bytes | None = None, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "smsdesk", "count", *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=60,
        **kwargs,
    )


class FakeStdin(io.TextIOWrapper):
    def __init__(self, data: bytes, tty: bool = False):
        super().__init__(io.BytesIO(data), encoding="utf-8")
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def count_in_process(monkeypatch, capsys, *args: str, stdin: bytes = b"", tty: bool = False):
    monkeypatch.setattr(sys, "stdin", FakeStdin(stdin, tty))
    code = run_cli(["count", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def as_json(monkeypatch, capsys, *args: str, stdin: bytes = b"") -> dict:
    code, out, err = count_in_process(monkeypatch, capsys, *args, "--json", stdin=stdin)
    assert code == 0, err
    return json.loads(out)


# --- subprocess: the real thing ----------------------------------------------------------------------------------


def test_json_contract_from_argument():
    result = run("Hej “Åse”", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.decode("utf-8"))
    assert list(data)[: len(CONTRACT_KEYS)] == CONTRACT_KEYS
    assert data["encoding"] == "UCS-2"
    assert data["characters"] == 9
    assert data["units"] == 9
    assert data["segments"] == 1
    assert data["per_segment"] == 70
    assert data["remaining"] == 61
    assert data["non_gsm"] == ["“", "”"]
    assert data["lookalikes"] == {"“": '"', "”": '"'}


def test_stdin_with_dash_strips_exactly_one_trailing_newline():
    result = run("-", "--json", stdin="Hej Åse\n\n".encode())
    assert result.returncode == 0, result.stderr
    assert (
        json.loads(result.stdout)["characters"] == 8
    )  # "Hej Åse\n": echo's newline dropped, the user's kept


def test_stdin_without_text_argument():
    result = run("--json", stdin=b"abc\n")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["characters"] == 3


def test_human_line():
    result = run("Hej Åse, vi ses i morgen")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == "24 characters, GSM-7, 1 SMS (136 left)"


def test_terminal_stdin_without_text_is_a_usage_error():
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    try:
        process = subprocess.run(
            [sys.executable, "-m", "smsdesk", "count", "--json"],
            stdin=follower,
            capture_output=True,
            timeout=60,
        )
    finally:
        os.close(leader)
        os.close(follower)
    assert process.returncode == 2
    error = process.stderr.decode()
    assert "smsdesk count:" in error
    assert 'smsdesk count "your message"' in error
    assert "Traceback" not in error
    assert process.stdout == b""


def test_bad_flag_exits_2():
    result = run("--nonsense")
    assert result.returncode == 2
    assert b"unrecognized arguments" in result.stderr


def test_invalid_utf8_on_stdin_exits_2_with_a_clear_line():
    result = run("-", stdin=b"abc \xff\xfe\xfa")
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "smsdesk count: standard input is not UTF-8 text (byte 5 cannot be read); save or send it as UTF-8"
    )


def test_help_documents_stdin_and_the_newline_rule():
    result = run("--help")
    assert result.returncode == 0
    text = result.stdout.decode()
    assert "standard input" in text
    assert "trailing line break is dropped" in text


# --- in-process ------------------------------------------------------------------------------------------------


def test_empty_message(monkeypatch, capsys):
    data = as_json(monkeypatch, capsys, "")
    assert {key: data[key] for key in CONTRACT_KEYS} == {
        "encoding": "GSM-7",
        "characters": 0,
        "units": 0,
        "segments": 0,
        "per_segment": 160,
        "remaining": 160,
        "non_gsm": [],
    }


def test_empty_stdin_is_an_empty_message(monkeypatch, capsys):
    assert as_json(monkeypatch, capsys, "-", stdin=b"\n")["segments"] == 0


@pytest.mark.parametrize(
    ("length", "segments", "per_segment", "remaining"),
    [(160, 1, 160, 0), (161, 2, 153, 145), (306, 2, 153, 0), (1530, 10, 153, 0), (1531, 11, 153, 152)],
)
def test_gsm_boundaries(monkeypatch, capsys, length, segments, per_segment, remaining):
    data = as_json(monkeypatch, capsys, "a" * length)
    assert (data["segments"], data["per_segment"], data["remaining"]) == (segments, per_segment, remaining)


def test_crlf_from_stdin_keeps_inner_line_breaks(monkeypatch, capsys):
    data = as_json(monkeypatch, capsys, stdin=b"Hej\r\nAse\r\n")
    assert data["units"] == 8  # the inner CR LF is two septets; only the final one was dropped
    assert data["characters"] == 7


def test_utf16_stdin_with_bom(monkeypatch, capsys):
    data = as_json(monkeypatch, capsys, "-", stdin="Hej Åse\r\n".encode("utf-16"))
    assert data["characters"] == 7
    assert data["encoding"] == "GSM-7"


def test_utf8_bom_is_not_counted(monkeypatch, capsys):
    assert as_json(monkeypatch, capsys, stdin="\ufeffHej".encode())["characters"] == 3


def test_extension_characters_and_emoji(monkeypatch, capsys):
    assert as_json(monkeypatch, capsys, "€10 [rabat]")["units"] == 14
    data = as_json(monkeypatch, capsys, "Hej 🇩🇰 👨‍👩‍👧")
    assert data["characters"] == 7
    assert data["units"] == 4 + 4 + 1 + 8
    assert data["non_gsm"] == ["🇩🇰", "👨‍👩‍👧"]
    assert data["lookalikes"] == {}


def test_non_gsm_is_listed_once_per_character(monkeypatch, capsys):
    assert as_json(monkeypatch, capsys, "“a” “b”")["non_gsm"] == ["“", "”"]


def test_human_output_for_ucs2_names_the_culprits_and_lookalikes(monkeypatch, capsys):
    code, out, _ = count_in_process(monkeypatch, capsys, "“Hej”\u00a0😀")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "7 characters, UCS-2, 1 SMS (62 left)"
    assert lines[1] == "UCS-2 (70 per SMS instead of 160) because of: “ ” U+00A0 😀"
    assert lines[2] == "GSM look-alikes: “ -> '\"', ” -> '\"', U+00A0 -> ' '"


def test_human_output_for_multipart_and_empty(monkeypatch, capsys):
    assert count_in_process(monkeypatch, capsys, "a" * 161)[1] == "161 characters, GSM-7, 2 SMS (145 left)\n"
    assert count_in_process(monkeypatch, capsys, "x")[1] == "1 character, GSM-7, 1 SMS (159 left)\n"
    assert (
        count_in_process(monkeypatch, capsys, "")[1] == "0 characters, GSM-7, 0 SMS (the message is empty)\n"
    )


def test_terminal_stdin_in_process(monkeypatch, capsys):
    code, out, err = count_in_process(monkeypatch, capsys, tty=True)
    assert code == 2
    assert out == ""
    assert err.startswith("smsdesk count: no TEXT given and standard input is a terminal")


def test_undecodable_argument_is_a_usage_error(monkeypatch, capsys):
    code, _, err = count_in_process(monkeypatch, capsys, "abc\udcff")
    assert code == 2
    assert "not valid UTF-8" in err


def test_text_starting_with_a_dash_after_double_dash(monkeypatch, capsys):
    code, out, _ = count_in_process(monkeypatch, capsys, "--json", "--", "-20% i dag")
    assert code == 0
    assert json.loads(out)["characters"] == 10


def test_unquoted_words_get_quoting_advice(monkeypatch, capsys):
    code, out, err = count_in_process(monkeypatch, capsys, "Hej", "Åse")
    assert code == 2
    assert out == ""
    assert err.strip() == (
        "smsdesk count: got 2 separate words but TEXT is one argument; put the message in quotes: "
        'smsdesk count "Hej Åse"'
    )
