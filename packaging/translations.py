"""The GUI's translations: update the .ts sources from the code, compile them to .qm, or check both are current.

    .venv/bin/python packaging/translations.py           # after changing texts in smsdesk/ui/: update + compile
    .venv/bin/python packaging/translations.py --check   # what the tests run: exit 1 when anything is stale

Updating runs PySide6's own pyside6-lupdate over smsdesk/ui/*.py into smsdesk/ui/translations/smsdesk_<lang>.ts
(Danish and Swedish in full; English only for the plural forms of texts written once with %n), keeping every
translation already made; new texts arrive marked unfinished for a translator (Qt Linguist: pyside6-linguist).
Compiling runs pyside6-lrelease into the .qm files next to them, which the app loads and the build ships.
"""

from __future__ import annotations

import argparse
import filecmp
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "smsdesk" / "ui"
FOLDER = SOURCES / "translations"
TRANSLATED = ("da", "sv")
PLURALS_ONLY = ("en",)
LANGUAGES = TRANSLATED + PLURALS_ONLY


def ts_file(language: str, folder: Path | None = None) -> Path:
    return (folder or FOLDER) / f"smsdesk_{language}.ts"


def qm_file(language: str, folder: Path | None = None) -> Path:
    return (folder or FOLDER) / f"smsdesk_{language}.qm"


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease: installed with PySide6-Essentials beside this Python."""
    beside = Path(sys.executable).parent / name
    for candidate in (beside, beside.with_suffix(".exe")):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(
            f"translations: {name} not found (it comes with PySide6-Essentials: pip install PySide6-Essentials)"
        )
    return found


def sources() -> list[str]:
    return sorted(str(path.relative_to(ROOT)) for path in SOURCES.glob("*.py"))


def update(folder: Path | None = None) -> None:
    """Bring the .ts files in `folder` up to date with the texts in the code (existing translations kept)."""
    for language in LANGUAGES:
        options = ["-pluralonly"] if language in PLURALS_ONLY else []
        target = ts_file(language, folder)
        if not target.exists():
            target.write_text(
                f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="{language}" sourcelanguage="en">\n</TS>\n',
                encoding="utf-8",
            )
        subprocess.run(
            [tool("pyside6-lupdate"), *sources(), *options, "-locations", "none", "-no-obsolete", "-silent"]
            + ["-target-language", language, "-ts", str(target)],
            check=True,
            cwd=ROOT,
        )


def release(source_folder: Path | None = None, target_folder: Path | None = None) -> None:
    for language in LANGUAGES:
        subprocess.run(
            [tool("pyside6-lrelease"), "-silent", str(ts_file(language, source_folder)), "-qm"]
            + [str(qm_file(language, target_folder))],
            check=True,
            cwd=ROOT,
        )


def unfinished(path: Path, *, plurals_only: bool = False) -> list[str]:
    """Source texts in a .ts file without a finished translation (every plural form filled); with
    `plurals_only`, only the plural texts (English's file holds nothing else)."""
    missing = []
    for message in ET.parse(path).getroot().iter("message"):
        if plurals_only and message.get("numerus") != "yes":
            continue
        source = message.findtext("source") or ""
        translation = message.find("translation")
        forms = translation.findall("numerusform") if translation is not None else []
        texts = [form.text for form in forms] if message.get("numerus") == "yes" else [translation.text]
        finished = translation is not None and translation.get("type") not in (
            "unfinished",
            "vanished",
            "obsolete",
        )
        if not finished or not all(text and text.strip() for text in texts):
            missing.append(source)
    return missing


def counted_but_not_plural(path: Path) -> list[str]:
    """Texts with %n/%Ln that the .ts holds as plain texts: they would show "1 message(s)" in every language."""
    return [
        message.findtext("source") or ""
        for message in ET.parse(path).getroot().iter("message")
        if message.get("numerus") != "yes" and re.search(r"%L?n", message.findtext("source") or "")
    ]


def problems() -> list[str]:
    """What is stale: .ts behind the code, untranslated texts, .qm different from what lrelease makes."""
    found = []
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        for language in LANGUAGES:
            if not ts_file(language).exists():
                found.append(f"{ts_file(language).name} is missing")
                continue
            shutil.copy(ts_file(language), ts_file(language, scratch))
        if found:
            return found
        update(scratch)
        for language in LANGUAGES:
            if not filecmp.cmp(ts_file(language), ts_file(language, scratch), shallow=False):
                found.append(f"{ts_file(language).name} is behind the code: run packaging/translations.py")
            if language in TRANSLATED:
                for text in unfinished(ts_file(language, scratch)):
                    found.append(f"{language}: no translation for {text!r}")
            else:
                for text in unfinished(ts_file(language, scratch), plurals_only=True):
                    found.append(f"{language}: no plural forms for {text!r}")
            for text in counted_but_not_plural(ts_file(language, scratch)):
                found.append(
                    f"{language}: {text!r} has a count (%n) but lupdate did not read it as a plural: write it as "
                    "self.tr(text, '', n) in a QObject (QCoreApplication.translate's count is not seen)"
                )
        release(scratch, scratch)
        for language in LANGUAGES:
            committed = qm_file(language)
            if not committed.exists():
                found.append(f"{committed.name} is missing: run packaging/translations.py")
            elif not filecmp.cmp(committed, qm_file(language, scratch), shallow=False):
                found.append(f"{committed.name} differs from its .ts: run packaging/translations.py")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when anything is stale")
    args = parser.parse_args(argv)
    if args.check:
        found = problems()
        for line in found:
            print(f"translations: {line}", file=sys.stderr)
        return 1 if found else 0
    FOLDER.mkdir(parents=True, exist_ok=True)
    update()
    release()
    for language in TRANSLATED:
        missing = unfinished(ts_file(language))
        if missing:
            print(f"translations: {language}: {len(missing)} text(s) still to translate", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
