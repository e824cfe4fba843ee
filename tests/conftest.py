"""Test-wide setup: Qt offscreen, a private SMSDESK_HOME per test (and its database and journal), a sandbox server
per session, and no unexpected warning in our logs."""

from __future__ import annotations

import logging
import os

# Before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from smsdesk.sandbox.server import SandboxServer  # noqa: E402

pytest_plugins = ["pytester"]  # tests/tooling tests this file's own fixtures in a fresh pytest


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def logfail(request):
    """A WARNING or worse from our own loggers fails the test that caused it (qutebrowser's logfail): a warning
    nobody reads in a green run is how a real fault hides. A test that expects one takes `caplog` and asserts on
    it; that is the whole opt-out."""
    handler = _Collect()
    logger = logging.getLogger("smsdesk")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
    if handler.records and "caplog" not in request.fixturenames:
        lines = "\n".join(f"  {r.name} {r.levelname}: {r.getMessage()}" for r in handler.records)
        pytest.fail(f"unexpected log records (take caplog and assert on them if they are expected):\n{lines}")


@pytest.fixture(autouse=True)
def smsdesk_home(tmp_path, monkeypatch):
    """Every test gets its own data folder, so no test sees another's database or the user's real one."""
    home = tmp_path / "smsdesk-home"
    monkeypatch.setenv("SMSDESK_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def sandbox_server():
    with SandboxServer() as server:
        yield server


@pytest.fixture
def sandbox(sandbox_server):
    """The session's sandbox with clean state: no faults, nothing accepted."""
    sandbox_server.state.reset()
    yield sandbox_server
    sandbox_server.state.reset()


@pytest.fixture
def db(smsdesk_home):
    """The test's own database (in its SMSDESK_HOME)."""
    from smsdesk.store.db import Database

    database = Database()
    yield database
    database.close()


@pytest.fixture
def journal(db):
    from smsdesk.store.journal import Journal

    return Journal(db)
