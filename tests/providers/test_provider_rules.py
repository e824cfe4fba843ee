"""Each provider's own rules, over real HTTP against the sandbox (which imitates what the adapters depend on)."""

from __future__ import annotations

import json

import pytest

from smsdesk.cli import run_cli
from smsdesk.core.account import Account
from smsdesk.core.encoding import count as analyze
from smsdesk.engine.preflight import balance_refusal
from smsdesk.providers.base import AccountError, Balance, MessageRejected, OutgoingMessage
from smsdesk.providers.cpsms import MAX_CHARACTERS, CpsmsProvider, parse_danish_number
from smsdesk.providers.customersms import CustomerSmsProvider
from smsdesk.providers.ip1 import Ip1Provider
from smsdesk.providers.txty import MAX_URL, TxtyProvider
from smsdesk.providers.ugsms import UgsmsProvider


def message(key: str, to: str, text: str = "Hej") -> OutgoingMessage:
    coding = analyze(text)
    return OutgoingMessage(key, to, text, coding.encoding, coding.segments)


# -- CPSMS --------------------------------------------------------------------------------------------------------


def cpsms(sandbox) -> CpsmsProvider:
    return CpsmsProvider(
        Account(name="c", provider="cpsms", username="demo", base_url=sandbox.url), "cpsms-demo-key"
    )


def test_cpsms_refuses_a_text_over_1530_characters_before_sending(sandbox):
    with cpsms(sandbox) as adapter:
        long, short = (
            message("C1-1", "+4512345678", "x" * (MAX_CHARACTERS + 1)),
            message("C1-2", "+4522334455"),
        )
        results = [adapter.send([long])[0], adapter.send([short])[0]]
    assert isinstance(results[0].error, MessageRejected) and "1530" in results[0].error.reason
    assert results[1].accepted
    assert sandbox.state.accepted_numbers() == ["+4522334455"]  # the long one never left


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("9.843,40", 9843.40),
        ("9,843.40", 9843.40),
        ("1.234.567,5", 1234567.5),
        ("1,234,567.5", 1234567.5),
        ("12,5", 12.5),
        ("9.843", 9843.0),
        ("12.5", 12.5),
    ],
)
def test_cpsms_balance_in_either_form_the_last_separator_decides(text, amount):
    assert parse_danish_number(text) == pytest.approx(amount)


def test_the_cpsms_sandbox_strips_non_gsm_characters_when_format_is_absent(sandbox):
    # What CPSMS documents and the adapter depends on: a UCS-2 text goes with format UNICODE, or loses letters.
    with cpsms(sandbox) as adapter:
        plain = OutgoingMessage("C1-1", "+4512345678", "Hej “Anna” ✓", "GSM-7", 1)  # wrongly marked GSM
        adapter.send([plain])
        adapter.send([message("C1-2", "+4522334455", "Hej “Anna” ✓")])  # UCS-2: format UNICODE
    texts = [a.text for a in sandbox.state.accepted]
    assert texts == ["Hej Anna ", "Hej “Anna” ✓"]


# -- customersms --------------------------------------------------------------------------------------------------


def test_customersms_honours_each_number_whatever_the_top_level_says(sandbox):
    sandbox.state.faults.customersms_top_level_false = True
    sandbox.state.faults.reject_numbers = {"+4522334455"}
    account = Account(name="cs", provider="customersms", base_url=sandbox.url)
    with CustomerSmsProvider(account, "cspro_demo_key") as adapter:
        results = adapter.send(
            [message("C1-1", "+4512345678"), message("C1-2", "+4522334455"), message("C1-3", "+4533445566")]
        )
    assert [r.accepted for r in results] == [True, False, True]  # top level said "success": false
    assert sorted(sandbox.state.accepted_numbers()) == ["+4512345678", "+4533445566"]


# -- UGSMS --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number_format", "expected"),
    [
        (None, ["0772123456", "254712345678", "255712345678"]),  # the documented form is the default
        ("local", ["0772123456", "254712345678", "255712345678"]),
        ("international", ["256772123456", "254712345678", "255712345678"]),
    ],
)
def test_ugsms_local_form_only_for_ugandan_numbers_never_a_stranger(sandbox, number_format, expected):
    options = {"number_format": number_format} if number_format else {}
    account = Account(name="ug", provider="ugsms", base_url=sandbox.url, options=options)
    with UgsmsProvider(account, "ugsms-demo-key") as adapter:
        assert [
            adapter.format_number(n) for n in ("+256772123456", "+254712345678", "+255712345678")
        ] == expected
        results = adapter.send([message("C1-1", "+256772123456"), message("C1-2", "+254712345678")])
    assert all(r.accepted for r in results)
    # Kenya stays Kenya: the sandbox reads 07... as Uganda, as UGSMS does.
    assert sandbox.state.accepted_numbers() == ["+256772123456", "+254712345678"]


def test_the_ugsms_sandbox_validates_its_number_form(sandbox):
    account = Account(name="ug", provider="ugsms", base_url=sandbox.url)
    with UgsmsProvider(account, "ugsms-demo-key") as adapter:
        adapter.number_format = "e164"
        (result,) = adapter.send([message("C1-1", "+2567")])
    assert not result.accepted and sandbox.state.accepted == []


# -- iP.1 ---------------------------------------------------------------------------------------------------------


def ip1(sandbox) -> Ip1Provider:
    return Ip1Provider(Account(name="i", provider="ip1", sender="Shop", base_url=sandbox.url), "ip1-demo-key")


def test_the_ip1_sandbox_refuses_ucs_characters_with_gsm_datacoding(sandbox):
    with ip1(sandbox) as adapter:
        wrong = OutgoingMessage("C1-1", "+4512345678", "Hej ✓", "GSM-7", 1)
        (refused,) = adapter.send([wrong])
        (sent,) = adapter.send([message("C1-2", "+4522334455", "Hej ✓")])
    assert not refused.accepted and "406" in refused.error.reason
    assert sent.accepted


def test_ip1_a_402_status_after_the_post_stops_the_campaign_before_the_next_batch(sandbox):
    sandbox.state.faults.credit_messages = 1
    with ip1(sandbox) as adapter:
        first, second = adapter.send([message("C1-1", "+4512345678"), message("C1-2", "+4522334455")])
    assert first.accepted
    assert isinstance(second.error, AccountError) and "402" in second.error.reason


def test_ip1_a_refusal_seen_later_on_an_earlier_batch_stops_before_the_next_leaves(sandbox):
    from smsdesk.sandbox import ip1 as ip1_sandbox

    with ip1(sandbox) as adapter:
        adapter.send([message("C1-1", "+4512345678")])
        (batch_id,) = list(sandbox.state.batches)
        adapter._watched = [batch_id]  # its messages were still in progress at read-back
        store = ip1_sandbox._store(sandbox.state)
        for message_id in sandbox.state.batches[batch_id]:
            store["messages"][message_id]["rejected"] = 402  # InsufficientFunds arrives after the POST
        before = len(sandbox.state.accepted)
        with pytest.raises(AccountError):
            adapter.send([message("C1-2", "+4522334455")])
    assert len(sandbox.state.accepted) == before  # the next batch never left


def test_ip1_negative_balance_of_a_postpaid_account_refuses_nothing(sandbox):
    assert balance_refusal(Balance(-250.0, "SEK", postpaid=True), messages=100, estimated_cost=35.0) is None
    assert balance_refusal(Balance(-250.0, "SEK"), messages=100, estimated_cost=35.0) is not None


def test_ip1_result_lines_and_exports_carry_its_message_id_and_the_batch_apart(
    capsys, smsdesk_home, sandbox, tmp_path, monkeypatch
):
    from smsdesk.store import secrets
    from smsdesk.store.db import Database
    from tests.store.fixtures import fake_keyring

    fake_keyring.install(monkeypatch)
    db = Database()
    db.save_account(Account(name="Ip1", provider="ip1", sender="Shop", base_url=sandbox.url))
    db.close()
    secrets.save_secret("Ip1", "ip1-demo-key")
    recipients = tmp_path / "r.csv"
    recipients.write_text("Navn;Mobil\nAnna;20123451\n", encoding="utf-8")
    assert (
        run_cli(
            ["send", "--account", "Ip1", "--file", str(recipients), "--message", "Hej", "--yes", "--json"]
        )
        == 0
    )
    line, summary = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    (batch_id,) = list(sandbox.state.batches)
    assert line["batch_id"] == batch_id
    assert line["message_id"] == sandbox.state.batches[batch_id][0]  # iP.1's own message id
    out = tmp_path / "r-out.csv"
    assert run_cli(["campaigns", "export", summary["campaign"], "--out", str(out)]) == 0
    header, row = out.read_text(encoding="utf-8-sig").splitlines()[:2]
    fields = dict(zip(header.split(";"), row.split(";"), strict=False))
    assert fields["Message ID"] == line["message_id"] and fields["Batch ID"] == batch_id


# -- Txty ---------------------------------------------------------------------------------------------------------


def test_txty_refuses_a_text_that_makes_the_url_too_long_before_sending(sandbox):
    account = Account(name="t", provider="txty", username="demo", sender="Shop", base_url=sandbox.url)
    with TxtyProvider(account, "txty-demo-token") as adapter:
        emoji = message("C1-1", "+4512345678", "😀" * 700)  # 12 characters each in the URL
        assert adapter.url_length(emoji) > MAX_URL
        (refused,) = adapter.send([emoji])
        (sent,) = adapter.send([message("C1-2", "+4522334455", "Hej " * 300)])
    assert isinstance(refused.error, MessageRejected) and str(MAX_URL) in refused.error.reason
    assert sent.accepted and sandbox.state.accepted_numbers() == ["+4522334455"]
