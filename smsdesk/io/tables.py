"""Read CSV/TXT and spreadsheets (xlsx/xlsm/xls/ods) into a header and rows of strings.

CONTRACT STUB — replaced by the implementation; keep these names and shapes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


class TableError(Exception):
    """A file that cannot be read; str() is one clear line naming the file and the problem."""


@dataclass
class Table:
    path: Path
    header: list[str]
    rows: list[
        list[str]
    ]  # every cell a string; numbers as Excel shows them ("4520123456", not "4520123456.0")
    row_numbers: list[int]  # spreadsheet row number of each row (1-based, as Excel shows)
    header_row: int  # spreadsheet row number of the header
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None  # CSV only
    delimiter: str | None = None  # CSV only


SUPPORTED_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods")


def list_sheets(path: str | Path) -> list[str]: ...


def read_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    header_row: int | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Table: ...
