"""The GitHub Actions workflow, checked here because only GitHub runs it: it must be a valid workflow, and it must
run what the README and .ci/run say the project runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    """GitHub's published workflow schema, as bundled in check-jsonschema (no network)."""
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
    )


def test_the_workflow_is_valid_for_github():
    result = validate(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_refuses_a_broken_workflow(tmp_path):
    broken = tmp_path / "ci.yml"
    broken.write_text(
        WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "run-on:", 1), encoding="utf-8"
    )
    assert validate(broken).returncode != 0


def _readme_command(marker: str) -> str:
    for line in README.splitlines():
        if marker in line:
            return line.strip()
    pytest.fail(f"the README has no command with {marker!r}")


def test_the_workflow_installs_and_tests_with_the_readme_commands():
    workflow = WORKFLOW.read_text(encoding="utf-8")
    install = re.search(
        r"pip install -q -c requirements\.lock -e '\.\[test,build\]'", _readme_command("pytest")
    )
    assert install is not None
    assert install.group(0) in workflow
    assert re.search(r"run: \$VENV_BIN/python -m pytest$", workflow, re.MULTILINE)  # the README's, bare
    assert "bash .ci/run" in workflow  # Linux goes through the project's own CI script
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _readme_command(".venv/bin/python -m pytest") in ci_run


@pytest.mark.parametrize("os_name", ["ubuntu-latest", "windows-latest", "macos-latest"])
def test_every_system_we_ship_for_is_in_the_matrix(os_name):
    assert re.search(rf"os: \[[^\]]*\b{os_name}\b", WORKFLOW.read_text(encoding="utf-8"))


def test_the_installer_script_installs_per_user_with_our_icon_and_version_from_outside():
    iss = (ROOT / "packaging" / "windows" / "smsdesk.iss").read_text(encoding="utf-8")
    assert re.search(r"^PrivilegesRequired=lowest$", iss, re.MULTILINE)
    assert "#error" in iss and "AppVersion={#AppVersion}" in iss  # no built-in version to go stale
    icon = re.search(r"^SetupIconFile=(.+)$", iss, re.MULTILINE)
    assert icon is not None
    assert (ROOT / "packaging" / "windows" / icon.group(1).replace("\\", "/")).resolve().is_file()
    assert '"/DAppVersion=$env:VERSION"' in WORKFLOW.read_text(encoding="utf-8")
