"""requirements.lock: one lock for Linux, Windows and macOS, and what this environment has installed from it."""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

LOCK = Path(__file__).resolve().parents[2] / "requirements.lock"


def pins() -> list[Requirement]:
    lines = (line.split("#", 1)[0].strip() for line in LOCK.read_text(encoding="utf-8").splitlines())
    return [Requirement(line) for line in lines if line]


@pytest.mark.parametrize(
    ("system", "needed"),
    [
        (
            "win32",
            {"pywin32-ctypes", "pefile", "colorama"},
        ),  # keyring's Credential Manager, PyInstaller, pytest
        ("darwin", {"macholib"}),  # PyInstaller on macOS
        ("linux", {"secretstorage", "jeepney"}),  # keyring's Secret Service
    ],
)
def test_the_lock_pins_what_each_system_needs(system, needed):
    environment = {
        "sys_platform": system,
        "platform_system": {"win32": "Windows", "darwin": "Darwin"}.get(system),
    }
    environment["platform_system"] = environment["platform_system"] or "Linux"
    for_system = {
        canonicalize_name(pin.name)
        for pin in pins()
        if pin.marker is None or pin.marker.evaluate(environment)  # type: ignore[arg-type]
    }
    assert needed <= for_system
    assert all(re.fullmatch(r"==[^,]+", str(pin.specifier)) for pin in pins())  # exact pins only


def test_the_lock_marks_packages_for_windows_and_macos():
    markers = {str(pin.marker) for pin in pins() if pin.marker is not None}
    assert any('sys_platform == "win32"' in marker for marker in markers)
    assert any('sys_platform == "darwin"' in marker for marker in markers)


def test_what_is_installed_here_is_what_the_lock_pins():
    """pip install -c requirements.lock: every locked package this system needs is installed at its pin."""
    wrong = []
    for pin in pins():
        if pin.marker is not None and not Marker(str(pin.marker)).evaluate():
            continue
        try:
            installed = version(pin.name)
        except PackageNotFoundError:
            continue  # an extra this environment did not install
        if not pin.specifier.contains(installed, prereleases=True):
            wrong.append(f"{pin.name} {installed} (lock: {pin.specifier})")
    assert not wrong, "installed versions differ from requirements.lock: " + ", ".join(wrong)
