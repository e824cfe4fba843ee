"""Read a workbook in a child process, so that nothing the parser does to a damaged file reaches the app or the CLI.

python-calamine is native code fed with files from anywhere. On damaged files it has been seen to panic
(pyo3's PanicException is a BaseException, past every `except Exception`), to loop forever, and to allocate
gigabytes for a 10 KB file. Here that happens in a child; the parent reads its answers, and turns a crash, a
timeout or a memory blow-up into the one line users get for broken files ("kunder.xls is damaged (...); open it in
Excel and save it again"). Cancelling kills the child, so it stops at once.

Limits, and where each holds:
- Time: the parent kills the child after TIME_LIMIT_BASE + TIME_LIMIT_PER_MB per MB of file, on every system.
- Memory: on Linux and the BSDs the child caps its own address space (RLIMIT_AS) before it opens the file, so an
  allocation past the cap fails at once. On Windows (no rlimit) and macOS (which does not enforce RLIMIT_AS) the
  parent watches the child's memory every POLL seconds (Windows: its private bytes) and kills it past the cap; the
  time limit holds there too.
- A frozen build starts the child through the console executable beside the app (`smsdesk-cli --read-workbook`);
  without it the workbook is read in this process, unprotected.

Protocol: the parent writes one pickled request (a dict of plain data: path, sheet, country, the number style's
separators, ...) to the child's stdin. The child writes pickled tuples to
its stdout: ("sheets", names, chosen), ("rows", rows) and ("progress", fraction) by turns, ("first", row index, column
index), ("notices", [(row, what, done)]), then ("end",) or ("error", one line) or ("failed", detail).
Chunks of rows keep the stream fast; the parent unpickles only plain data and the cell-text classes of core.cells.

Run: python -m smsdesk.io.workbook_process (reads the request on stdin).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from smsdesk.core.numfmt import ENGLISH, NumberStyle

TIME_LIMIT_BASE = 20.0  # seconds
TIME_LIMIT_PER_MB = 10.0
MEMORY_LIMIT_BASE = 1 << 30  # bytes of address space; the interpreter and the parser take about 150 MB of it
MEMORY_LIMIT_PER_BYTE = 100  # a workbook's cells take a few to a few tens of times its zipped size
MEMORY_LIMIT_MAX = 8 << 30
POLL = 0.1  # seconds between looks at cancel, time and memory
READ_WORKBOOK_FLAG = "--read-workbook"  # smsdesk.__main__ hands this to main() below (frozen builds)

_CELL_CLASSES = ("TypedText", "DateText", "DateTimeText", "TimeText", "DurationText", "BooleanText")
_END_OF_STREAM = ("end of stream",)


@dataclass
class Grid:
    """What the child read: the chosen sheet's rows as cell text, before the header is found."""

    rows: list[list[str]] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    first_col: int = 0
    notices: list = field(default_factory=list)


def limits_for(size: int) -> tuple[float, int]:
    """(seconds, bytes) a file of `size` bytes may take."""
    seconds = TIME_LIMIT_BASE + TIME_LIMIT_PER_MB * size / 1e6
    memory = min(MEMORY_LIMIT_BASE + MEMORY_LIMIT_PER_BYTE * size, MEMORY_LIMIT_MAX)
    return seconds, memory


def child_command() -> list[str] | None:
    """From source: this Python with -m. Frozen: the console executable beside the app, which dispatches the flag
    before its CLI. None when there is no way to start one."""
    if not getattr(sys, "frozen", False):
        return [sys.executable, "-m", "smsdesk.io.workbook_process"]
    suffix = ".exe" if sys.platform == "win32" else ""
    executable = Path(sys.executable)
    cli = executable if executable.stem == "smsdesk-cli" else executable.with_name(f"smsdesk-cli{suffix}")
    return [str(cli), READ_WORKBOOK_FLAG] if cli.exists() else None


# ------------------------------------------------------------------------------------------------------- parent


def read_workbook(
    path: Path,
    *,
    sheet: str | None,
    country: str,
    watcher,
    sheets_only: bool = False,
    number_style: NumberStyle = ENGLISH,
) -> Grid:
    """The chosen (or named) sheet of the workbook at path; TableError with one line for whatever goes wrong.
    number_style: the separators its numbers are written with."""
    from smsdesk.io.tables import TableError

    request: dict[str, object] = {
        "path": str(path),
        "sheet": sheet,
        "country": country,
        "sheets_only": sheets_only,
        "decimal": number_style.decimal,
        "group": number_style.group,
    }
    seconds, memory = limits_for(path.stat().st_size)
    request["memory"] = memory
    grid = Grid()
    command = child_command()
    if command is None:
        _read_here(request, lambda message: _take(path, grid, message, watcher))
        return grid
    with tempfile.TemporaryFile() as errors:
        process = _start(command, errors)
        assert process.stdin is not None and process.stdout is not None  # _start opens both as pipes
        try:
            messages: queue.Queue = queue.Queue()
            threading.Thread(target=_receive, args=(process.stdout, messages), daemon=True).start()
            with contextlib.suppress(OSError):  # a child that died at once is reported below
                process.stdin.write(pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL))
                process.stdin.close()
            deadline = time.monotonic() + seconds
            while True:
                try:
                    message = messages.get(timeout=POLL)
                except queue.Empty:
                    message = None
                watcher.check()
                if time.monotonic() > deadline:
                    raise TableError(
                        _damaged(path, f"reading it did not finish within {seconds:.3g} seconds")
                    ) from None
                if message is None:
                    used = _memory_in_use(process)
                    if used is not None and used > memory:
                        raise TableError(_damaged(path, _memory_detail(memory))) from None
                    continue
                if message is _END_OF_STREAM:
                    process.wait()
                    errors.seek(0)
                    raise TableError(_died(path, process.returncode, errors.read()[-4000:], memory))
                if _take(path, grid, message, watcher):
                    return grid
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()
            for stream in (process.stdin, process.stdout):
                with contextlib.suppress(OSError):
                    stream.close()


def _start(command: list[str], errors) -> subprocess.Popen:
    env = dict(os.environ)
    if not getattr(sys, "frozen", False):
        # The child must import this same smsdesk, wherever the parent found it.
        root = str(Path(__file__).resolve().parent.parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=errors,
        env=env,
        creationflags=getattr(
            subprocess, "CREATE_NO_WINDOW", 0
        ),  # no console flashing up from the app on Windows
    )


def _take(path: Path, grid: Grid, message: tuple, watcher) -> bool:
    """Put one message into grid; True at the end. Raises TableError for the child's own one-line errors."""
    from smsdesk.io.tables import Notice, TableError

    kind = message[0]
    if kind == "rows":
        grid.rows.extend(message[1])
    elif kind == "progress":
        watcher.report(message[1])
    elif kind == "sheets":
        grid.sheets, grid.sheet = list(message[1]), message[2]
    elif kind == "first":  # after the rows: where the first of them sits in the sheet
        first_row, grid.first_col = int(message[1]), int(message[2])
        grid.numbers = list(range(first_row + 1, first_row + 1 + len(grid.rows)))
    elif kind == "notices":
        grid.notices.extend(Notice(int(row), str(what), str(done)) for row, what, done in message[1])
    elif kind == "end":
        return True
    elif kind == "error":
        raise TableError(str(message[1]))
    elif kind == "failed":
        detail = str(message[1])
        raise TableError(
            _damaged(path, _memory_detail(None) if detail == "memory" else _failure_detail(path))
        )
    return False


class _Unpickler(pickle.Unpickler):
    """Plain data and core.cells' text classes only: whatever the child turned into, it cannot make us run code."""

    def find_class(self, module: str, name: str):
        if module == "smsdesk.core.cells" and name in _CELL_CLASSES:
            from smsdesk.core import cells

            return getattr(cells, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not expected from the workbook reader")


def _receive(stream, messages: queue.Queue) -> None:
    try:
        while True:
            messages.put(_Unpickler(stream).load())
    except Exception:  # EOF, or a stream cut off mid-message by a crash or a kill: both end the stream
        pass
    finally:
        messages.put(_END_OF_STREAM)


def _damaged(path: Path, detail: str) -> str:
    return f"{path.name}: is damaged ({detail}); open it in Excel and save it again"


def _memory_detail(limit: int | None) -> str:
    if limit is None:
        return "reading it needed more memory than a recipient list can"
    return f"reading it needed more than {limit >> 20:,} MB of memory"


def _failure_detail(path: Path) -> str:
    with contextlib.suppress(OSError), path.open("rb") as handle:
        if handle.read(8) == bytes.fromhex("D0CF11E0A1B11AE1") and path.stat().st_size % 512:
            return "the file ends early"  # an Office container is made of whole 512-byte sectors
    return "the spreadsheet reader cannot make sense of it"


def _died(path: Path, returncode: int | None, stderr: bytes, memory: int) -> str:
    """The child ended without an answer: a crash inside the parser, most often an allocation refused by the cap."""
    text = stderr.decode("utf-8", "replace").lower()
    if (
        "memory allocation" in text
        or "memoryerror" in text
        or "capacity overflow" in text
        or "out of memory" in text
    ):
        return _damaged(path, _memory_detail(memory))
    return _damaged(path, _failure_detail(path))


def _memory_in_use(process: subprocess.Popen) -> int | None:
    """The child's memory in bytes where the system has no cap of its own to enforce (see the module docstring)."""
    if sys.platform == "win32":
        return _windows_private_bytes(process)
    if sys.platform == "darwin":
        return None  # no rlimit there and no stdlib way to look; the time limit holds
    return None  # RLIMIT_AS holds in the child


def _windows_private_bytes(process: subprocess.Popen) -> int | None:
    if sys.platform != "win32":
        return None  # ctypes.windll is Windows-only; this check also tells mypy so on the other systems
    try:
        import ctypes
        from ctypes import wintypes

        class Counters(ctypes.Structure):  # PROCESS_MEMORY_COUNTERS_EX
            _fields_ = [
                ("cb", wintypes.DWORD),
                ("PageFaultCount", wintypes.DWORD),
                ("PeakWorkingSetSize", ctypes.c_size_t),
                ("WorkingSetSize", ctypes.c_size_t),
                ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
                ("QuotaPagedPoolUsage", ctypes.c_size_t),
                ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
                ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                ("PagefileUsage", ctypes.c_size_t),
                ("PeakPagefileUsage", ctypes.c_size_t),
                ("PrivateUsage", ctypes.c_size_t),
            ]

        counters = Counters()
        counters.cb = ctypes.sizeof(Counters)
        # Popen keeps its Windows process handle private (typeshed lacks it); unused-ignore: elsewhere unreachable.
        handle = wintypes.HANDLE(int(process._handle))  # type: ignore[attr-defined, unused-ignore]
        if not ctypes.windll.psapi.GetProcessMemoryInfo(handle, ctypes.byref(counters), counters.cb):
            return None
        return int(counters.PrivateUsage)
    except Exception:  # no psapi, a process already gone: the time limit still holds
        return None


# -------------------------------------------------------------------------------------------------------- child


def _limit_memory(limit: int) -> None:
    if sys.platform == "win32":
        return  # no rlimit on Windows: the parent watches instead
    import resource

    with contextlib.suppress(ValueError, OSError, AttributeError):
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _read_here(request: dict, send) -> None:
    from smsdesk.io.tables import TableError
    from smsdesk.io.workbook import read_grid

    try:
        style = NumberStyle(decimal=str(request["decimal"]), group=str(request["group"]))
        read_grid(
            Path(request["path"]), request["sheet"], request["country"], send, request["sheets_only"], style
        )
    except TableError as exc:
        send(("error", str(exc)))
        return
    except MemoryError:
        send(("failed", "memory"))
        return
    except BaseException as exc:  # a panic inside the parser: pyo3's PanicException is a BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        send(("failed", type(exc).__name__))
        return
    send(("end",))


def main(argv: list[str] | None = None) -> int:
    # Our answers go to a private copy of stdout; fd 1 then points at stderr, so anything the parser prints
    # cannot corrupt the stream.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    request = pickle.load(sys.stdin.buffer)
    _limit_memory(int(request["memory"]))

    def send(message: tuple) -> None:
        pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    _read_here(request, send)
    out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
