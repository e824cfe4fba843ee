"""{column} placeholders: parse, list, check against columns, render. `{{` and `}}` are literal braces.

CONTRACT STUB — replaced by the implementation; keep these names and shapes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class TemplateProblem:
    position: int  # index in the template text (Python str)
    length: int  # how many characters the problem covers (for highlighting)
    message: str  # e.g. 'Unknown placeholder {Nvan} - the file has no column "Nvan"'
    placeholder: str | None = None


class TemplateError(ValueError):
    def __init__(self, problems: list[TemplateProblem]): ...


class Template:
    def __init__(self, text: str): ...  # never raises

    text: str
    placeholders: tuple[str, ...]  # unique, in order of first appearance

    def problems(self, columns: Iterable[str] | None = None) -> list[TemplateProblem]:
        """Malformed braces, and (when columns are given) placeholders with no matching column."""
        ...

    def render(self, fields: Mapping[str, str]) -> str:
        """Raises TemplateError when malformed or a placeholder is missing from `fields`."""
        ...
