"""Import speed and memory: `smsdesk check FILE --json` on a 100,000-row, 5-column XLSX, as a whole process.

Printed beside the bare floor measured in the same run, also as a whole process: python-calamine reading the sheet
plus phonenumbers.parse and is_valid_number on each phone cell -- the work no import can skip. Target: check <= 1.0x
floor, peak memory <= 400 MB. Five pairs, interleaved so a busy neighbour on the shared cores hurts both sides
alike; the medians are compared. Peak memory is the largest sum of resident memory over the process and its
children (check reads the workbook in a child process), sampled from /proc every 10 ms; elsewhere the largest
ru_maxrss of a single process is shown instead. The workbook is generated once with openpyxl write_only and cached
in the temp folder.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROWS = 100_000
PAIRS = 5
TARGET_RATIO = 1.0
TARGET_MB = 400
CACHE = Path(tempfile.gettempdir()) / f"smsdesk-bench-import-{ROWS}.xlsx"
ROOT = Path(__file__).resolve().parent.parent

FLOOR = """
import sys
import phonenumbers
import python_calamine

rows = python_calamine.CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()
valid = 0
for row in rows[1:]:
    cell = row[2]
    text = cell if isinstance(cell, str) else str(int(cell))
    try:
        if phonenumbers.is_valid_number(phonenumbers.parse(text, "DK")):
            valid += 1
    except phonenumbers.NumberParseException:
        pass
print(valid)
"""


def make_workbook(path: Path) -> None:
    import openpyxl

    rng = random.Random(7)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Kunder")
    sheet.append(["Kundenr", "Navn", "Mobil", "By", "Beløb"])
    towns = ["København", "Århus", "Odense", "Ålborg", "Køge", "Næstved"]
    names = ["Søren", "Åse", "Jørgen", "Mette", "Bjørn", "Anne", "Lars", "Ida"]
    for index in range(ROWS):
        local = rng.randrange(20_000_000, 32_000_000)
        shape = index % 5
        if shape == 0:
            phone: object = local  # stored as a number
        elif shape == 1:
            phone = f"{local // 1_000_000:02d} {local // 10_000 % 100:02d} {local // 100 % 100:02d} {local % 100:02d}"
        elif shape == 2:
            phone = f"+45{local}"
        elif shape == 3:
            phone = float(4500000000 + local)  # 45 in front, stored as a float
        else:
            phone = f"0045 {local}"
        sheet.append(
            [100_000 + index, f"{rng.choice(names)} {index}", phone, rng.choice(towns), rng.random() * 1000]
        )
    partial = path.with_suffix(".partial")
    workbook.save(partial)
    partial.replace(path)


def _commands(path: Path) -> dict[str, list[str]]:
    return {
        "floor": [sys.executable, "-c", FLOOR, str(path)],
        "check": [sys.executable, "-m", "smsdesk", "check", str(path), "--json"],
    }


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and its descendants (Linux /proc); 0 when it cannot be read."""
    total = 0
    try:
        with open(f"/proc/{pid}/statm") as statm:
            total = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            for child in children.read().split():
                total += _tree_rss(int(child))
    except (OSError, ValueError, IndexError):
        pass
    return total


def _run(command: list[str], env: dict[str, str]) -> dict:
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE, env=env, cwd=ROOT)
        peak = 0
        while process.poll() is None:
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.01)
        seconds = time.perf_counter() - started
        error = process.stderr.read().decode(errors="replace")
        process.stderr.close()
        if process.returncode != 0:
            raise SystemExit(f"{command[2]} failed ({process.returncode}): {error.strip()}")
        out.seek(0)
        output = out.read()
    single = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB on Linux; the largest of any child
    return {"seconds": seconds, "peak_mb": (peak or max(single, before) * 1024) / 2**20, "output": output}


def main() -> None:
    if not CACHE.exists():
        started = time.perf_counter()
        make_workbook(CACHE)
        print(f"   generated {CACHE} in {time.perf_counter() - started:.1f} s", flush=True)
    commands = _commands(CACHE)
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, SMSDESK_HOME=home)  # no opt-out list: what a first run sees
        runs: dict[str, list[dict]] = {"floor": [], "check": []}
        for _ in range(PAIRS):
            for kind in ("floor", "check"):
                runs[kind].append(_run(commands[kind], env))
    floor_valid = int(runs["floor"][-1]["output"])
    result = json.loads(runs["check"][-1]["output"])
    if result["valid"] + result["duplicates"] != floor_valid:  # the floor does not deduplicate
        print(
            f"   WARNING: check found {result['valid'] + result['duplicates']} valid numbers, the floor {floor_valid}"
        )
    floor = statistics.median(run["seconds"] for run in runs["floor"])
    check = statistics.median(run["seconds"] for run in runs["check"])
    check_mb = max(run["peak_mb"] for run in runs["check"])
    floor_mb = max(run["peak_mb"] for run in runs["floor"])
    print(
        f"import_check_100k_rows: {check:.2f} s (target <= {TARGET_RATIO} x floor, floor {floor:.2f} s; "
        f"median of {PAIRS} pairs)"
    )
    print(f"import_ratio: {check / floor:.2f} x (target <= {TARGET_RATIO}, floor 1.00)")
    print(
        f"import_peak_memory: {check_mb:.0f} MB (target <= {TARGET_MB}, floor {floor_mb:.0f} MB; process and child)"
    )
    print(
        f"import_valid_numbers: {result['valid']} of {ROWS} rows, {result['duplicates']} duplicates "
        f"(floor {floor_valid}, which does not deduplicate)"
    )
    print(
        "   runs (floor, check): "
        + ", ".join(
            f"{f['seconds']:.2f}/{c['seconds']:.2f}"
            for f, c in zip(runs["floor"], runs["check"], strict=True)
        )
    )


if __name__ == "__main__":
    main()
