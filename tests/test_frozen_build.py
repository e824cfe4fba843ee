"""Smoke test of the frozen app: build it with build.spec, then use both executables as a user and a script would.

The build (PyInstaller, about a minute of two cores, less when build/pyinstaller/ is warm) runs once per session.
Then: the GUI opens (offscreen, and on the system's own windowing) and quits cleanly; the command line counts a
message, checks fixture files exactly as the source tree does, sends a three-recipient campaign through the
built-in Sandbox account, and round-trips a key through the system's own keyring (Linux: a real Secret Service,
gnome-keyring in a private D-Bus session; Windows: Credential Manager; macOS: the login Keychain). With CI=true
nothing may skip. SMSDESK_FROZEN_APP=dist/SMSDesk tests an already built folder instead (CI tests the folder it
uploads).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from smsdesk.cli import run_cli
from smsdesk.ui.smoke import MARKER
from tests.keyring_session import missing_tools, throwaway_keyring_env

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
FROZEN_DIST = ROOT / "build" / "frozen-test"
SCREENSHOTS = ROOT / "artifacts" / "frozen"  # the frozen app's main window, one PNG per Qt platform
RUN_TIMEOUT = 180  # seconds for one run of a frozen executable; generous for a loaded two-core machine


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def skip_or_fail(reason: str) -> None:
    if in_ci():
        pytest.fail(f"CI must run the frozen-build smoke test: {reason}")
    pytest.skip(reason)


def _load_build_script():
    # By path: packaging/ must not be a package (it would shadow the PyPI `packaging` library).
    spec = importlib.util.spec_from_file_location("smsdesk_packaging_build", ROOT / "packaging" / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def frozen():
    """The built folder (build/frozen-test/SMSDesk), built once for this module."""
    build = _load_build_script()
    prebuilt = os.environ.get("SMSDESK_FROZEN_APP")
    if prebuilt:
        folder = Path(prebuilt).resolve()
        return build.Built(
            folder=folder,
            gui=folder / build.executable_name(build.GUI_EXECUTABLE),
            cli=folder / build.executable_name(build.CLI_EXECUTABLE),
            seconds=0.0,
        )
    if importlib.util.find_spec("PyInstaller") is None:
        skip_or_fail("PyInstaller is not installed (pip install -e '.[build]')")
    try:
        return build.build_app(FROZEN_DIST, ROOT / "build" / "pyinstaller")
    except build.BuildError as exc:
        pytest.fail(str(exc))


def run_frozen(executable: Path, *args: str, env: dict | None = None, stdin: str | None = None):
    return subprocess.run(
        [str(executable), *args],
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,  # never wait on a terminal
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=RUN_TIMEOUT,
        env=env,
        cwd=executable.parent,  # not the repo: nothing may be found through the source tree
    )


def frozen_json(frozen, *args: str) -> tuple[int, object, str]:
    result = run_frozen(frozen.cli, *args, "--json")
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout) if result.stdout.strip() else None, result.stderr


def source_json(capsys, *args: str) -> tuple[int, object, str]:
    code = run_cli([*args, "--json"])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else None, err


def _commands_in_help(text: str) -> set[str]:
    return {
        line.split()[0]
        for line in text.splitlines()
        if line.startswith("    ") and not line.startswith("     ")
    }


@pytest.fixture(scope="module")
def frozen_commands(frozen) -> set[str]:
    """The commands the frozen CLI offers, read from its --help as a user would."""
    result = run_frozen(frozen.cli, "--help")
    assert result.returncode == 0, result.stderr
    return _commands_in_help(result.stdout)


def require_command(frozen_commands: set[str], name: str) -> None:
    """Skip (outside CI) while the source tree lacks the command; fail when only the frozen app lacks it."""
    from smsdesk.cli import build_parser

    if name not in _commands_in_help(build_parser().format_help()):
        skip_or_fail(f"`smsdesk {name}` does not exist yet in this tree")
    assert name in frozen_commands, (
        f"the frozen CLI lacks `{name}`: build.spec did not collect smsdesk.cli.{name}"
    )


def test_folder_holds_what_the_app_loads_by_name_and_not_what_it_never_uses(frozen):
    from PyInstaller.archive.readers import CArchiveReader

    modules = set(CArchiveReader(str(frozen.cli)).open_embedded_archive("PYZ.pyz").toc)
    for loaded_by_name in (
        "smsdesk.cli.count",
        "smsdesk.cli.send",
        "smsdesk.providers.sandbox",
        "smsdesk.providers.cpsms",
        "smsdesk.sandbox.demo",
        "smsdesk.ui.main_window",
        "keyring.backends.SecretService",
        "phonenumbers.data.region_DK",
        "phonenumbers.data.region_SE",
    ):
        assert loaded_by_name in modules
    assert not any(
        name.startswith(("phonenumbers.geodata", "PySide6.QtNetwork", "PySide6.QtQml")) for name in modules
    )

    internal = frozen.folder / "_internal"
    files = {path.relative_to(internal).as_posix() for path in internal.rglob("*") if path.is_file()}
    assert "resources/smsdesk.svg" in files
    assert "smsdesk/ui/assets/style.qss" in files
    assert any(name.startswith("certifi/") and name.endswith(".pem") for name in files)
    assert any(name.startswith("keyring-") and name.endswith("entry_points.txt") for name in files)
    for language in ("da", "sv", "en"):
        assert f"smsdesk/ui/translations/smsdesk_{language}.qm" in files
    qt_translations = sorted(
        name.rsplit("/", 1)[-1]
        for name in files
        if "Qt/translations/" in name or name.startswith("PySide6/translations/")
    )
    assert qt_translations == [
        "qtbase_da.qm",
        "qtbase_sv.qm",
    ]  # Qt's own texts in our languages, nothing else
    assert not any(
        name.rsplit("/", 1)[-1].startswith(("libQt6Qml", "libQt6Quick", "libgtk-3")) for name in files
    )


# The system's own Qt platform: xcb on Linux (under Xvfb), the native one on Windows and macOS.
NATIVE_QT_PLATFORM = {"win32": "windows", "darwin": "cocoa"}.get(sys.platform, "xcb")


@pytest.mark.parametrize("platform", ["offscreen", NATIVE_QT_PLATFORM])
def test_gui_opens_its_main_window_and_quits_cleanly(frozen, smsdesk_home, platform):
    """offscreen needs nothing of the machine; the native platform proves the bundled platform plugin and its
    libraries are complete (on Linux: xcb under Xvfb, X11 libraries)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    screenshot = SCREENSHOTS / f"main-window-{platform}.png"
    screenshot.unlink(missing_ok=True)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=platform,
        SMSDESK_SMOKE_QUIT_MS="1500",
        SMSDESK_SMOKE_SCREENSHOT=str(screenshot),
    )
    command = [str(frozen.gui)]
    if platform == "xcb":
        if shutil.which("xvfb-run") is None:
            skip_or_fail("xvfb-run not installed (apt-get install xvfb xauth)")
        command = ["xvfb-run", "--auto-servernum", *command]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=RUN_TIMEOUT, env=env, cwd=frozen.folder
    )
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert f"{MARKER}: 'SMSDesk" in result.stdout, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert (smsdesk_home / "smsdesk.sqlite3").exists()  # the app really started up: it created its store
    assert_window_was_painted(screenshot)


def test_gui_starts_in_danish_on_a_danish_system(frozen, smsdesk_home):
    """LANG/LC_ALL Danish and Settings > Language untouched: the frozen app's menus and numbers are Danish."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        SMSDESK_SMOKE_QUIT_MS="500",
        LANG="da_DK.UTF-8",
        LC_ALL="da_DK.UTF-8",
        LANGUAGE="da",
    )
    env.pop("SMSDESK_SMOKE_SCREENSHOT", None)
    result = subprocess.run(
        [str(frozen.gui)], capture_output=True, text=True, timeout=RUN_TIMEOUT, env=env, cwd=frozen.folder
    )
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert (
        "smsdesk: locale da_DK, menus ['&Filer', '&Gå til', '&Send', '&Hjælp'], Sweden is 'Sverige'"
        in result.stdout
    ), result.stdout + result.stderr


def assert_window_was_painted(screenshot: Path) -> None:
    """The window's picture has real content: many colours (text, icons, widgets), not one flat fill."""
    from PySide6.QtGui import QImage

    image = QImage(str(screenshot))
    assert not image.isNull(), f"no screenshot at {screenshot}"
    assert image.width() >= 640 and image.height() >= 400, image.size()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20, f"{screenshot} looks blank ({len(colours)} colours)"


def test_cli_counts_a_message_exactly_as_the_source_does(frozen, frozen_commands, capsys):
    require_command(frozen_commands, "count")
    for text in ("Hej Åse, 20% rabat på alt i dag {}", "Tak for i dag 😀", "x" * 161, "“Tilbud” – i dag…"):
        code, frozen_answer, err = frozen_json(frozen, "count", text)
        assert code == 0, err
        assert (code, frozen_answer) == source_json(capsys, "count", text)[:2]
    assert frozen_json(frozen, "count", "Hej Åse")[1]["encoding"] == "GSM-7"
    assert frozen_json(frozen, "count", "Tak 😀")[1]["encoding"] == "UCS-2"


@pytest.mark.parametrize(
    "fixture",
    [
        "danish_semicolon_cp1252.csv",
        "utf16_tab.txt",
        "customers_second_sheet.xlsx",
        "legacy.xls",
        "libreoffice.ods",
    ],
)
def test_cli_checks_a_fixture_exactly_as_the_source_does(frozen, frozen_commands, capsys, fixture):
    require_command(frozen_commands, "check")
    code, frozen_answer, err = frozen_json(frozen, "check", str(FIXTURES / fixture))
    assert code == 0, err
    assert frozen_answer["valid"] > 0
    assert (code, frozen_answer) == source_json(capsys, "check", str(FIXTURES / fixture))[:2]


def test_cli_check_refuses_a_broken_file_with_one_line(frozen, frozen_commands):
    require_command(frozen_commands, "check")
    result = run_frozen(frozen.cli, "check", str(FIXTURES / "broken_truncated.xlsx"), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "broken_truncated.xlsx" in result.stderr


@pytest.fixture
def three_recipients(tmp_path) -> Path:
    path = tmp_path / "kunder.csv"
    path.write_text(
        "Navn;Mobil\nÅse;20 12 34 51\nSven;+46 70 123 45 67\nJutta;0049 151 23456789\n", encoding="utf-8"
    )
    return path


def test_cli_parses_danish_and_foreign_numbers(frozen, frozen_commands, three_recipients):
    require_command(frozen_commands, "check")
    code, answer, err = frozen_json(frozen, "check", str(three_recipients))
    assert code == 0, err
    assert [r["phone"] for r in answer["recipients"]] == ["+4520123451", "+46701234567", "+4915123456789"]
    assert answer["invalid"] == []


def test_cli_sends_a_three_recipient_campaign_through_the_sandbox(
    frozen, frozen_commands, three_recipients, smsdesk_home
):
    require_command(frozen_commands, "send")
    result = run_frozen(
        frozen.cli,
        "send",
        "--account",
        "Sandbox",
        "--file",
        str(three_recipients),
        "--message",
        "Hej {Navn}, 20% rabat i dag",
        "--yes",
        "--json",
        "--ignore-quiet-hours",  # else, run between 20:00 and 08:00, it would wait for the morning
    )
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    *per_recipient, last = lines
    assert sorted((line["row"], line["phone"], line["status"]) for line in per_recipient) == [
        (2, "+4520123451", "sent"),
        (3, "+46701234567", "sent"),
        (4, "+4915123456789", "sent"),
    ]
    assert all(
        line["message_id"] and line["error"] is None and line["segments"] == 1 for line in per_recipient
    )
    assert (last["sent"], last["failed"], last["skipped"], last["unknown"]) == (3, 0, 0, 0)

    # The window sends from a child process; frozen, that is the console executable with a hidden flag. Its
    # closed stdin means "the window went away", so the run ends interrupted (as after a crash, so the next start
    # offers it), having sent nothing more.
    child = run_frozen(
        frozen.cli, "--campaign-process", str(smsdesk_home / "smsdesk.sqlite3"), last["campaign"], stdin=""
    )
    assert child.returncode == 0, child.stderr
    assert json.loads(child.stdout.splitlines()[-1]) == {"end": {"state": "interrupted", "reason": None}}


DUMMY_SECRET = "frozen-smoke-key-4f1c"
# Which keyring backend each system must use (the name `accounts keyring --json` reports).
SYSTEM_BACKEND = {"win32": "WinVault", "darwin": "macOS"}.get(sys.platform, "SecretService")

# Runs inside `dbus-run-session`: unlock a throw-away gnome-keyring, then drive the frozen CLI. Each step's output
# goes to a file in the current folder so the test can look at every one. keyring_steps() does the same on
# Windows and macOS, where the user's own store needs no session of its own.
KEYRING_SCRIPT = """
echo -n smoke-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
printf %s "$SMOKE_SECRET" | "$CLI" accounts add "$ACCOUNT" --provider cpsms --username demo \\
    --base-url "$SANDBOX_URL" >add.out 2>add.err || exit 11
"$CLI" accounts keyring --json >keyring.json 2>keyring.err || exit 12
"$CLI" accounts balance "$ACCOUNT" --json >balance.json 2>balance.err || exit 13
"$CLI" accounts remove "$ACCOUNT" >remove.out 2>remove.err || exit 14
"$CLI" accounts balance "$ACCOUNT" --json >after.out 2>after.err
echo $? >after.rc
"""


def keyring_steps(env: dict[str, str], work: Path) -> int:
    """KEYRING_SCRIPT's steps without a shell: the same files, the same exit codes."""
    cli, account = env["CLI"], env["ACCOUNT"]

    def step(out: str, err: str, *args: str, stdin: str | None = None) -> int:
        result = subprocess.run(
            [cli, *args],
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=work,
            timeout=RUN_TIMEOUT,
        )
        (work / out).write_text(result.stdout, encoding="utf-8")
        (work / err).write_text(result.stderr, encoding="utf-8")
        return result.returncode

    add = (
        "accounts",
        "add",
        account,
        "--provider",
        "cpsms",
        "--username",
        "demo",
        "--base-url",
        env["SANDBOX_URL"],
    )
    if step("add.out", "add.err", *add, stdin=env["SMOKE_SECRET"]):
        return 11
    if step("keyring.json", "keyring.err", "accounts", "keyring", "--json"):
        return 12
    if step("balance.json", "balance.err", "accounts", "balance", account, "--json"):
        return 13
    if step("remove.out", "remove.err", "accounts", "remove", account):
        return 14
    code = step("after.out", "after.err", "accounts", "balance", account, "--json")
    (work / "after.rc").write_text(f"{code}\n", encoding="utf-8")
    return 0


def test_cli_round_trips_a_key_through_the_systems_own_keyring(
    frozen, frozen_commands, sandbox, tmp_path, smsdesk_home
):
    require_command(frozen_commands, "accounts")
    sandbox.state.credentials["cpsms"] = ("demo", DUMMY_SECRET)  # the balance answers only to this key
    work = tmp_path / "work"
    work.mkdir()
    # A name no real account has: on Windows and macOS this is the user's own store.
    account = f"Smoke test {uuid.uuid4().hex[:8]}"
    if sys.platform.startswith("linux"):
        message = missing_tools()
        if message:
            skip_or_fail(message)
        env = throwaway_keyring_env(tmp_path)
    else:
        env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON_KEYRING")}
    env.update(CLI=str(frozen.cli), ACCOUNT=account, SANDBOX_URL=sandbox.url, SMOKE_SECRET=DUMMY_SECRET)
    if sys.platform.startswith("linux"):
        result = subprocess.run(
            ["dbus-run-session", "--", "sh", "-c", KEYRING_SCRIPT],
            env=env,
            cwd=work,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT,
        )
        code, printed = result.returncode, result.stdout + result.stderr
    else:
        code, printed = keyring_steps(env, work), ""
    outputs = {path.name: path.read_text(encoding="utf-8") for path in work.iterdir()}
    assert code == 0, f"exit {code}; {outputs}\n{printed}"

    keyring = json.loads(outputs["keyring.json"])
    assert keyring["secure"] is True and SYSTEM_BACKEND in keyring["backend"], keyring
    # Only the right key, read back from the keyring, gets an answer.
    balance = json.loads(outputs["balance.json"])
    assert isinstance(balance["balance"], float) and balance["balance"] > 0, balance
    assert any(provider == "cpsms" and "creditvalue" in path for provider, _, path in sandbox.state.requests)
    assert outputs["after.rc"].strip() == "2"  # removed: the account and its key are gone
    assert account in outputs["after.err"]

    everything_printed = "".join(outputs.values()) + printed
    assert DUMMY_SECRET not in everything_printed
    for path in smsdesk_home.rglob("*"):
        if path.is_file():
            assert DUMMY_SECRET.encode() not in path.read_bytes(), path
