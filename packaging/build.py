"""Build the double-clickable app: `.venv/bin/python packaging/build.py` -> dist/SMSDesk/.

Runs PyInstaller with build.spec (one folder: the SMSDesk app and the smsdesk-cli command line), then prints the
folder's size next to a bare PySide6 hello-world (QApplication + QLabel) built by PyInstaller with its default
settings, one-folder, the floor any PySide6 app starts from. Target: at most 1.3 times the hello-world. The
hello-world is built once and kept under build/size-floor/ (rebuilt when PyInstaller, PySide6 or Python change).

packaging/ has no __init__.py on purpose: as a regular package it would shadow the PyPI `packaging` library that
pip and PyInstaller import. Tests and benchmarks load this file by path.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "build.spec"
APP_NAME = "SMSDesk"
GUI_EXECUTABLE = "SMSDesk"
CLI_EXECUTABLE = "smsdesk-cli"
FLOOR_DIR = ROOT / "build" / "size-floor"
SIZE_TARGET = 1.3

HELLO_WORLD = textwrap.dedent(
    """\
    import sys

    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv)
    label = QLabel("Hello, world")
    label.show()
    sys.exit(app.exec())
    """
)


class BuildError(Exception):
    """PyInstaller failed; str() holds the tail of its log."""


@dataclass(frozen=True)
class Built:
    folder: Path  # dist/SMSDesk
    gui: Path  # the windowed executable
    cli: Path  # the console executable
    seconds: float


def executable_name(stem: str) -> str:
    return stem + ".exe" if sys.platform == "win32" else stem


def folder_bytes(folder: Path) -> int:
    """Bytes of every file under folder (symbolic links count as nothing: they share their target's bytes)."""
    total = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
    return total


def _pyinstaller(args: list[str], log: Path) -> None:
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", *args]
    with log.open("w", encoding="utf-8") as out:
        result = subprocess.run(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-40:])
        raise BuildError(f"PyInstaller failed (exit {result.returncode}); full log: {log}\n{tail}")


def build_app(dist: Path | None = None, work: Path | None = None, *, clean: bool = False) -> Built:
    """Run PyInstaller on build.spec. Repeated builds reuse the work folder, so an unchanged tree rebuilds fast."""
    dist = (dist or ROOT / "dist").resolve()
    work = (work or ROOT / "build" / "pyinstaller").resolve()
    args = ["--distpath", str(dist), "--workpath", str(work)]
    if clean:
        args.append("--clean")
    started = time.perf_counter()
    _pyinstaller([*args, str(SPEC)], work / "build.log")
    folder = dist / APP_NAME
    built = Built(
        folder=folder,
        gui=folder / executable_name(GUI_EXECUTABLE),
        cli=folder / executable_name(CLI_EXECUTABLE),
        seconds=time.perf_counter() - started,
    )
    for executable in (built.gui, built.cli):
        if not executable.exists():
            raise BuildError(f"PyInstaller finished but {executable} is missing")
    return built


def _floor_stamp() -> dict[str, str]:
    from importlib.metadata import version

    return {
        "python": platform.python_version(),
        "pyinstaller": version("pyinstaller"),
        "pyside6": version("PySide6-Essentials"),
        "script": HELLO_WORLD,
    }


def build_floor() -> Path:
    """The bare PySide6 hello-world, PyInstaller defaults, one folder (windowed, as our app). Cached."""
    stamp_file = FLOOR_DIR / "stamp.json"
    folder = FLOOR_DIR / "dist" / "hello"
    stamp = _floor_stamp()
    if folder.is_dir() and stamp_file.exists() and json.loads(stamp_file.read_text()) == stamp:
        return folder
    shutil.rmtree(FLOOR_DIR, ignore_errors=True)
    FLOOR_DIR.mkdir(parents=True)
    script = FLOOR_DIR / "hello.py"
    script.write_text(HELLO_WORLD, encoding="utf-8")
    _pyinstaller(
        [
            "--onedir",
            "--windowed",
            "--distpath",
            str(FLOOR_DIR / "dist"),
            "--workpath",
            str(FLOOR_DIR / "work"),
            "--specpath",
            str(FLOOR_DIR),
            str(script),
        ],
        FLOOR_DIR / "build.log",
    )
    stamp_file.write_text(json.dumps(stamp), encoding="utf-8")
    return folder


def size_report(app_folder: Path, floor_folder: Path) -> list[str]:
    """`figure: value unit (target ..., floor ...)` lines, as the benchmarks print them."""
    mib = 1024 * 1024
    app_size = folder_bytes(app_folder) / mib
    floor_size = folder_bytes(floor_folder) / mib
    ratio = app_size / floor_size
    verdict = "ok" if ratio <= SIZE_TARGET else "OVER TARGET"
    return [
        f"folder size: {app_size:.1f} MiB (target <= {SIZE_TARGET * floor_size:.1f} MiB = {SIZE_TARGET} x floor, "
        f"floor {floor_size:.1f} MiB: bare PySide6 QApplication + QLabel, PyInstaller defaults, one folder)",
        f"size ratio: {ratio:.2f} x (target <= {SIZE_TARGET} x, floor 1.00 x) {verdict}",
        f"folder: {app_folder}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="packaging/build.py", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--dist", type=Path, default=ROOT / "dist", help="where the folder lands (default: dist/)"
    )
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller work folder"
    )
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's caches first")
    parser.add_argument("--no-size", action="store_true", help="skip the hello-world size comparison")
    args = parser.parse_args(argv)
    os.environ.setdefault(
        "QT_QPA_PLATFORM", "offscreen"
    )  # PyInstaller's Qt hooks start Qt to ask for its paths
    try:
        built = build_app(args.dist, args.work, clean=args.clean)
        print(f"built in {built.seconds:.0f} s: {built.folder}")
        print(f"  app:          {built.gui}")
        print(f"  command line: {built.cli}")
        if not args.no_size:
            for line in size_report(built.folder, build_floor()):
                print(line)
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
