"""A key pasted with stray whitespace around it (a copied line break, a no-break space) is stored without it."""

from __future__ import annotations

import pytest

from smsdesk.store import secrets
from smsdesk.store.secrets import entered_secret
from tests.cli.test_accounts import memory, run, stdin  # noqa: F401 - the fixtures


@pytest.mark.parametrize(
    "pasted", [" cpsms-demo-key\n", "\tcpsms-demo-key\r\n", "\ufeffcpsms-demo-key\u00a0"]
)
def test_accounts_add_strips_what_came_along_with_the_key(capsys, memory, stdin, sandbox, pasted):  # noqa: F811
    stdin(pasted)
    code, _, err = run(capsys, "accounts", "add", "Butik", "--provider", "cpsms", "--username", "demo",
                       "--base-url", sandbox.url)  # fmt: skip
    assert code == 0, err
    assert memory.passwords == {(secrets.SERVICE, "Butik"): "cpsms-demo-key"}
    code, out, err = run(capsys, "accounts", "balance", "Butik", "--json")
    assert code == 0, err  # the stored key works


def test_inside_a_key_nothing_is_touched():
    assert entered_secret("  a b\nc  ") == "a b\nc"
    assert entered_secret(None) == ""
