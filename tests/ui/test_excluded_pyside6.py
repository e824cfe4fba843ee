"""A PySide6 build SMSDesk cannot run on is refused at start-up with one sentence, before any window is made."""

from __future__ import annotations

import importlib.metadata

from smsdesk.ui import app


def test_an_excluded_pyside6_build_is_refused_at_start_up(monkeypatch, capsys):
    real = importlib.metadata.version
    monkeypatch.setattr(
        importlib.metadata, "version", lambda name: "6.12.0" if name == "PySide6-Essentials" else real(name)
    )

    def no_window(argv):
        raise AssertionError("the app went on to make its window")

    monkeypatch.setattr(app, "create_app", no_window)
    assert app.run_gui(["smsdesk"]) == 1
    err = capsys.readouterr().err
    assert "cannot run on PySide6-Essentials 6.12.0" in err and err.count("\n") == 1


def test_the_installed_pyside6_is_not_refused():
    assert app.excluded_pyside6() is None
