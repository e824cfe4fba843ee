"""The layers the README's Layout states, checked on every import of every module (an AST walk, so imports inside
functions and TYPE_CHECKING blocks count too):

    ui | cli  ->  engine  ->  providers | store  ->  io  ->  core

A package may import its own modules and those of the layers below it, never one beside it or above it; nothing
imports ui (but the entry point); Qt only under ui/; core imports nothing of ours.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "smsdesk"

# Higher may import lower. Equal ranks are siblings, which may not import each other.
RANK = {
    "core": 0,
    "__init__": 0,  # the package's own constants (APP_NAME)
    "io": 1,
    "paths": 1,  # where files live (platformdirs): beside io
    "platforms": 1,  # what differs on Windows and macOS (Popen options, console output): beside io
    "sandbox": 1,  # a loopback server speaking the providers' APIs; it needs nothing of theirs
    "providers": 2,
    "store": 2,
    "engine": 3,
    "cli": 4,
    "ui": 4,
    "__main__": 5,  # the entry point: picks the GUI, the CLI or the send's child process
}
QT = ("PySide6", "shiboken6")


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(path: Path) -> str:
    relative = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "smsdesk" and node.names:  # `from smsdesk import paths` names a module
                found += [(node.lineno, f"smsdesk.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, target))
    return found


def problems_in(path: Path) -> list[str]:
    module = _module_name(path)
    layer = _layer(module)
    where = path.relative_to(ROOT.parent)
    problems = []
    for line, target in imports_of(path):
        top = target.split(".")[0]
        if top in QT and layer != "ui":
            problems.append(f"{where}:{line}: Qt ({target}) outside smsdesk/ui")
        if top != "smsdesk" or target == "smsdesk":
            continue
        other = _layer(target)
        if other not in RANK:
            other = "__init__"  # a plain name from the package itself (`from smsdesk import APP_NAME`)
        if other == layer:
            continue
        if other == "ui" and layer != "__main__":
            problems.append(f"{where}:{line}: imports {target}: nothing imports ui")
        elif RANK[other] >= RANK[layer]:
            side = "sideways" if RANK[other] == RANK[layer] else "up"
            problems.append(f"{where}:{line}: {layer} imports {target} ({side})")
    return problems


def all_modules() -> list[Path]:
    return sorted(ROOT.rglob("*.py"))


def test_every_layer_of_the_package_is_known():
    layers = {_layer(_module_name(path)) for path in all_modules()}
    assert layers <= set(RANK), f"add {sorted(layers - set(RANK))} to RANK (and the README's Layout)"


def test_imports_point_down_the_layers():
    problems = [problem for path in all_modules() for problem in problems_in(path)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("where", "source", "expected"),
    [
        (
            "store/planted.py",
            "from smsdesk.engine.sender import CampaignRunner\n",
            "store imports smsdesk.engine",
        ),
        ("store/planted.py", "def f():\n    from smsdesk.providers import base\n", "(sideways)"),
        ("core/planted.py", "from smsdesk.io import tables\n", "core imports smsdesk.io (up)"),
        ("engine/planted.py", "from PySide6.QtCore import QObject\n", "Qt (PySide6.QtCore) outside"),
        ("cli/planted.py", "from smsdesk.ui.widgets import card\n", "nothing imports ui"),
        ("cli/planted.py", "from ..ui import widgets\n", "nothing imports ui"),
        ("engine/planted.py", "from smsdesk import paths\n", None),
        ("engine/planted.py", "from smsdesk.store.journal import Journal\n", None),
    ],
)
def test_a_planted_import_is_caught(tmp_path, monkeypatch, where, source, expected):
    root = tmp_path / "smsdesk"
    path = root / where
    path.parent.mkdir(parents=True)
    path.write_text(source)
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", root)
    problems = problems_in(path)
    if expected is None:
        assert problems == []
    else:
        assert len(problems) == 1 and expected in problems[0], problems
