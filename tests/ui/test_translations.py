"""The shipped translations are current: the .ts files hold every text of the code (pyside6-lupdate finds nothing
new), every Danish and Swedish text is translated, and each .qm is exactly what pyside6-lrelease makes of its .ts.
Fix any failure with `.venv/bin/python packaging/translations.py` (and translate what it reports)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_script():
    spec = importlib.util.spec_from_file_location(
        "translations_script", ROOT / "packaging" / "translations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script():
    return _load_script()


def test_translations_are_complete_and_compiled(script):
    assert script.problems() == []


def test_lupdate_reports_no_unfinished_danish_or_swedish_message(script, tmp_path):
    """Run over the sources into copies of the .ts files, as a translator would: nothing comes out unfinished."""
    for language in script.LANGUAGES:
        shutil.copy(script.ts_file(language), script.ts_file(language, tmp_path))
    script.update(tmp_path)
    for language in script.TRANSLATED:
        text = script.ts_file(language, tmp_path).read_text(encoding="utf-8")
        assert 'type="unfinished"' not in text, language
        assert script.unfinished(script.ts_file(language, tmp_path)) == []


def test_translations_keep_every_placeholder(script):
    """{name} fields are filled in by .format() and %n by Qt: a translation that drops one loses the value."""
    fields = re.compile(r"\{\w+\}|%L?n")
    wrong = []
    for language in script.TRANSLATED:
        for message in ET.parse(script.ts_file(language)).getroot().iter("message"):
            source = message.findtext("source") or ""
            if "{Name}" in source:  # an example inside a placeholder text, translated with the example
                continue
            translation = message.find("translation")
            texts = [form.text or "" for form in translation.findall("numerusform")] or [
                translation.text or ""
            ]
            for text in texts:
                if sorted(fields.findall(text)) != sorted(fields.findall(source)):
                    wrong.append(f"{language}: {source!r} -> {text!r}")
    assert wrong == []


def test_the_check_catches_a_missing_translation_and_a_stale_qm(script, tmp_path, monkeypatch):
    folder = tmp_path / "translations"
    shutil.copytree(script.FOLDER, folder)
    monkeypatch.setattr(script, "FOLDER", folder)
    assert script.problems() == []

    da = script.ts_file("da", folder)
    text = da.read_text(encoding="utf-8")
    da.write_text(
        text.replace(
            "<translation>Noget gik galt</translation>", '<translation type="unfinished"></translation>'
        ),
        encoding="utf-8",
    )
    found = script.problems()
    assert "da: no translation for 'Something went wrong'" in found
    assert any("smsdesk_da.qm differs from its .ts" in line for line in found)
