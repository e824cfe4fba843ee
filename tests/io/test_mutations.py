"""Damaged copies of real-looking recipient files: never a traceback, never a hang past the read's bound, never a
recipient made from a cell that is not a phone number.

The seeds are made here (CSV, XLSX) or are the fixtures (legacy.xls, libreoffice.ods; see make_fixtures.py). Each
mutant is a truncation, a few flipped bits, a duplicated block or (for zip containers) two members' contents swapped,
drawn from random.Random(SEED): a failure names the mutant, and the same run makes it again. About a minute in all.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from smsdesk.core.cells import TypedText
from smsdesk.core.phones import looks_like
from smsdesk.core.plan import build_plan
from smsdesk.io import workbook_process
from smsdesk.io.tables import TableError, read_table

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = 20241130
TEXT_MUTANTS = 300  # read in this process: fast
WORKBOOK_MUTANTS = 350  # each read starts a child process
E164 = re.compile(r"\+[0-9]{7,15}")


def csv_seed() -> bytes:
    lines = ["Navn;Mobil;Fødselsdag;Beløb;Tid", "Søren;20 45 67 89;14.03.1985;1.234,50;10:30"]
    lines += [
        '"Åse, ""Bitten""";+45 31224455;2025-03-14;99.95;08:15',
        "Bo;0045 40118822;14/03/2025;-20123456;23:59",
    ]
    lines += ["Ida;(+45) 61-72-83-94;24.12.2025;23.456.789;12:00", "Lars;4520123456;2010-05-05;12,50;"]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def xlsx_seed() -> bytes:
    workbook = openpyxl.Workbook()
    cover = workbook.active
    cover.title = "Forside"
    cover.append(["Udskrevet", dt.date(2024, 11, 30)])
    cover.append(["Kunder i alt", 4])
    sheet = workbook.create_sheet("Kunder")
    sheet.append(["Navn", "Mobil", "Fødselsdag", "Medlem", "Beløb", "Varighed"])
    sheet.append(["Ann", 20456789, dt.date(2020, 12, 24), True, 1234.5, dt.timedelta(hours=20, minutes=12)])
    sheet.append(["Bo", "+45 31224455", dt.datetime(2025, 3, 14, 10, 30), False, -20123456, None])
    sheet.append(["Cy", 4540118822.0, dt.date(2024, 1, 2), True, 99.95, None])
    sheet.append(["Di", "0045 61728394", dt.time(20, 12), False, 23456789.5, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    kinds = ["truncate", "flip", "flip", "duplicate"]
    if data.startswith(b"PK\x03\x04"):
        kinds.append("swap members")
    kind = rng.choice(kinds)
    out = bytearray(data)
    if kind == "truncate":
        return kind, bytes(out[: rng.randrange(1, len(out))])
    if kind == "flip":
        for _ in range(rng.randint(1, 8)):
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
        return kind, bytes(out)
    if kind == "duplicate":
        start = rng.randrange(len(out))
        out[start:start] = out[start : start + rng.randint(1, 2048)]
        return kind, bytes(out)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    first, second = rng.sample(range(len(members)), 2)
    contents = [content for _info, content in members]
    contents[first], contents[second] = contents[second], contents[first]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for (info, _old), content in zip(members, contents, strict=True):
            target.writestr(info.filename, content)
    return kind, buffer.getvalue()


def check_mutant(path: Path, label: str) -> None:
    try:
        table = read_table(path)
    except TableError as exc:  # the one line users get; anything else is a traceback and fails the test
        assert "\n" not in str(exc), label
        return
    plan = build_plan(table.header, table.rows, table.row_numbers)
    for recipient in plan.recipients:
        assert not isinstance(recipient.original, TypedText), (label, recipient)
        assert looks_like(recipient.original.strip()) is None, (label, recipient)
        assert recipient.phone.isascii() and E164.fullmatch(recipient.phone), (label, recipient)


@pytest.mark.timeout(240)
def test_damaged_copies_never_crash_hang_or_make_a_stranger(tmp_path, monkeypatch):
    # A read that would run on is stopped at this bound (the pytest timeout above is the backstop).
    monkeypatch.setattr(workbook_process, "TIME_LIMIT_BASE", 10.0)
    rng = random.Random(SEED)
    seeds = {
        ".csv": csv_seed(),
        ".xlsx": xlsx_seed(),
        ".xls": (FIXTURES / "legacy.xls").read_bytes(),
        ".ods": (FIXTURES / "libreoffice.ods").read_bytes(),
    }
    for suffix, seed in seeds.items():
        path = tmp_path / f"seed{suffix}"
        path.write_bytes(seed)
        check_mutant(path, f"seed {suffix}")
    plan = [(".csv", n) for n in range(TEXT_MUTANTS)]
    plan += [(rng.choice([".xlsx", ".xls", ".ods"]), n) for n in range(WORKBOOK_MUTANTS)]
    for suffix, number in plan:
        kind, data = mutate(seeds[suffix], rng)
        path = tmp_path / f"mutant{number}{suffix}"
        path.write_bytes(data)
        check_mutant(path, f"mutant {number} of the {suffix} seed ({kind}), seed {SEED}")
        path.unlink()


def test_the_seeds_themselves_give_only_their_phone_numbers(tmp_path):
    path = tmp_path / "seed.xlsx"
    path.write_bytes(xlsx_seed())
    table = read_table(path)
    plan = build_plan(table.header, table.rows, table.row_numbers)
    assert table.sheet == "Kunder"
    assert [r.phone for r in plan.recipients] == ["+4520456789", "+4531224455", "+4540118822", "+4561728394"]
    path = tmp_path / "seed.csv"
    path.write_bytes(csv_seed())
    table = read_table(path)
    plan = build_plan(table.header, table.rows, table.row_numbers)
    assert [r.phone for r in plan.recipients] == [
        "+4520456789",
        "+4531224455",
        "+4540118822",
        "+4561728394",
        "+4520123456",
    ]
    for column in ("Fødselsdag", "Beløb", "Tid"):
        assert build_plan(table.header, table.rows, table.row_numbers, phone_column=column).recipients == []
