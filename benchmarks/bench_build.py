"""Size of the double-clickable folder next to a bare PySide6 hello-world built the same way (target <= 1.3x).

Builds exactly as `.venv/bin/python packaging/build.py` does (into dist/SMSDesk, incremental through
build/pyinstaller/; the hello-world is cached under build/size-floor/), then prints the figures.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _build_script():
    # By path: packaging/ must not be a package (it would shadow the PyPI `packaging` library).
    spec = importlib.util.spec_from_file_location("smsdesk_packaging_build", ROOT / "packaging" / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    build = _build_script()
    built = build.build_app()
    floor = build.build_floor()
    for line in build.size_report(built.folder, floor):
        print(line)
    print(f"build time: {built.seconds:.0f} s (incremental when build/pyinstaller/ is warm; no target)")


if __name__ == "__main__":
    main()
