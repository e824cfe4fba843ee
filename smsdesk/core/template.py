"""{column} placeholders: parse, list, check against columns, render. `{{` and `}}` are literal braces.

A placeholder matches a column exactly, or else ignoring case and surrounding/doubled spaces, so `{navn}` finds the
column "Navn " (Excel headers often carry a stray space). Nothing is ever rendered as a silent empty string: a
malformed brace or a placeholder without a column is a TemplateProblem with its position, and render() raises
TemplateError for it. A column that is present but empty for a recipient renders empty unless the caller gives a
fallback text; `empty_placeholders()` names them, so the user decides (skip those recipients, or the fallback).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# Characters that end a placeholder's name without closing it: a brace left open should not swallow the next lines.
_NAME_STOPS = frozenset("{}\r\n")


# What kind of problem a TemplateProblem is: the GUI writes its own sentence for each, in the user's language.
EMPTY_PLACEHOLDER = "empty placeholder"  # {}
UNCLOSED = "unclosed"  # { without }
STRAY_CLOSE = "stray close"  # } without {
AMBIGUOUS = "ambiguous"  # columns: the columns it matches
UNKNOWN_COLUMN = (
    "unknown column"  # columns: the closest column (one), or the file's columns; none without a file
)


@dataclass(frozen=True)
class TemplateProblem:
    position: int  # index in the template text (Python str)
    length: int  # how many characters the problem covers (for highlighting)
    message: str  # e.g. 'Unknown placeholder {Nvan} - the file has no column "Nvan"'
    placeholder: str | None = None
    kind: str = ""  # one of the kinds above
    written: str = ""  # the text at fault as typed: "{Nvan}", "{ }", "{", "}"
    columns: tuple[str, ...] = ()  # the columns that go with the kind (see above)
    suggested: bool = False  # UNKNOWN_COLUMN: `columns` is the one closest match, not the file's columns


class TemplateError(ValueError):
    def __init__(self, problems: list[TemplateProblem]):
        self.problems = list(problems)
        if not self.problems:
            text = "the message template has a problem"
        elif len(self.problems) == 1:
            text = self.problems[0].message
        else:
            more = len(self.problems) - 1
            text = f"{self.problems[0].message} (and {more} more problem{'s' if more > 1 else ''})"
        super().__init__(text)


@dataclass(frozen=True)
class _Placeholder:
    name: str  # as written between the braces
    position: int  # index of the opening brace
    length: int  # including both braces


def normalize_name(name: str) -> str:
    """The form two column names are compared in when they differ in case or spacing."""
    return " ".join(name.split()).casefold()


def match_column(name: str, columns: Iterable[str]) -> str | None:
    """The column a placeholder refers to: the exact name, else the only one equal ignoring case and spacing."""
    columns = list(columns)
    if name in columns:
        return name
    wanted = normalize_name(name)
    found = [column for column in columns if normalize_name(column) == wanted]
    return found[0] if len(found) == 1 else None


def _character(position: int) -> str:
    return f"character {position + 1}"


def _parse(text: str) -> tuple[list[str | _Placeholder], list[TemplateProblem]]:
    parts: list[str | _Placeholder] = []
    problems: list[TemplateProblem] = []
    literal: list[str] = []
    n = len(text)
    i = 0
    while i < n:
        char = text[i]
        if char == "{":
            if text.startswith("{{", i):
                literal.append("{")
                i += 2
                continue
            j = i + 1
            while j < n and text[j] not in _NAME_STOPS:
                j += 1
            if j < n and text[j] == "}":
                name = text[i + 1 : j]
                if name.strip():
                    if literal:
                        parts.append("".join(literal))
                        literal = []
                    parts.append(_Placeholder(name, i, j + 1 - i))
                else:
                    problems.append(
                        TemplateProblem(
                            i,
                            j + 1 - i,
                            f"Empty placeholder {text[i : j + 1]} at {_character(i)}: put a column name between "
                            "the braces, or write {{ and }} for literal braces",
                            kind=EMPTY_PLACEHOLDER,
                            written=text[i : j + 1],
                        )
                    )
                i = j + 1
            else:
                problems.append(
                    TemplateProblem(
                        i,
                        max(1, j - i),
                        f"Unclosed {{ at {_character(i)}: end the placeholder with }}, or write {{{{ for a "
                        "literal {",
                        kind=UNCLOSED,
                        written="{",
                    )
                )
                literal.append(text[i:j])
                i = j
        elif char == "}":
            if text.startswith("}}", i):
                literal.append("}")
                i += 2
                continue
            problems.append(
                TemplateProblem(
                    i,
                    1,
                    f"Stray }} at {_character(i)} with no {{ before it: write }}}} for a literal }}",
                    kind=STRAY_CLOSE,
                    written="}",
                )
            )
            literal.append("}")
            i += 1
        else:
            j = i + 1
            while j < n and text[j] not in "{}":
                j += 1
            literal.append(text[i:j])
            i = j
    if literal:
        parts.append("".join(literal))
    return parts, problems


class Template:
    def __init__(self, text: str):  # never raises
        self.text = text
        self._parts, self._syntax_problems = _parse(text)
        self._tokens = [part for part in self._parts if isinstance(part, _Placeholder)]
        self.placeholders: tuple[str, ...] = tuple(dict.fromkeys(token.name for token in self._tokens))
        # The columns each placeholder reads, for the last set of columns asked about (every recipient of a file
        # has the same ones). One tuple, replaced whole: worker threads may ask at the same time.
        self._resolved: tuple[tuple[str, ...] | None, dict[str, str | None]] = (None, {})

    text: str
    placeholders: tuple[str, ...]  # unique, in order of first appearance

    def __repr__(self) -> str:
        return f"Template({self.text!r})"

    def problems(self, columns: Iterable[str] | None = None) -> list[TemplateProblem]:
        """Malformed braces, and (when columns are given) placeholders with no matching column."""
        problems = list(self._syntax_problems)
        if columns is not None:
            columns = list(columns)
            for token in self._tokens:
                if match_column(token.name, columns) is None:
                    problems.append(self._unknown(token, columns))
        problems.sort(key=lambda problem: problem.position)
        return problems

    def _columns_for(self, keys: tuple[str, ...]) -> dict[str, str | None]:
        """{placeholder: the column it reads, or None}."""
        resolved = self._resolved
        if resolved[0] != keys:
            resolved = (keys, {name: match_column(name, keys) for name in self.placeholders})
            self._resolved = resolved
        return resolved[1]

    def values(self, fields: Mapping[str, Any]) -> dict[str, str]:
        """Each placeholder's value in `fields`, keyed by the placeholder as written (it may match its column
        ignoring case and spacing); "" for one that matches no column. What a provider that fills templates
        itself (iP.1) is sent next to the template."""
        resolved = self._columns_for(tuple(fields))
        values = {}
        for name in self.placeholders:
            column = resolved[name]
            values[name] = str(fields.get(name if column is None else column, ""))
        return values

    def empty_placeholders(self, fields: Mapping[str, Any]) -> list[str]:
        """The placeholders (as written) whose column is blank for this recipient, in order of appearance."""
        return [name for name, value in self.values(fields).items() if not value.strip()]

    def render(self, fields: Mapping[str, str], *, fallback: str | None = None) -> str:
        """Raises TemplateError when malformed or a placeholder is missing from `fields`. With `fallback`, a
        placeholder whose value is blank renders as the fallback text instead of nothing."""
        if self._syntax_problems:
            raise TemplateError(list(self._syntax_problems))
        if not self._tokens:
            return "".join(self._parts)  # type: ignore[arg-type]  # only strings without placeholders
        keys = tuple(fields)
        resolved = self._columns_for(keys)
        missing = [token for token in self._tokens if resolved[token.name] is None]
        if missing:
            raise TemplateError([self._unknown(token, keys) for token in missing])
        pieces = []
        for part in self._parts:
            if isinstance(part, str):
                pieces.append(part)
            else:
                value = fields[resolved[part.name]]  # type: ignore[index]
                value = "" if value is None else str(value)
                pieces.append(fallback if fallback is not None and not value.strip() else value)
        return "".join(pieces)

    @staticmethod
    def _unknown(token: _Placeholder, columns: list[str] | tuple[str, ...]) -> TemplateProblem:
        written = "{" + token.name + "}"
        wanted = normalize_name(token.name)
        alike = [column for column in columns if normalize_name(column) == wanted]
        if len(alike) > 1:
            names = ", ".join(f'"{column}"' for column in alike)
            message = (
                f"Placeholder {written} at {_character(token.position)} matches several columns ({names}); "
                "write it exactly as one of them"
            )
            return TemplateProblem(
                position=token.position,
                length=token.length,
                message=message,
                placeholder=token.name,
                kind=AMBIGUOUS,
                written=written,
                columns=tuple(alike),
            )
        by_normal = {normalize_name(column): column for column in columns}
        close = difflib.get_close_matches(wanted, list(by_normal), n=1, cutoff=0.6)
        message = f'Unknown placeholder {written} at {_character(token.position)} - the file has no column "{token.name.strip()}"'
        named: tuple[str, ...] = tuple(columns)
        if close:
            named = (by_normal[close[0]].strip(),)
            message += f". Did you mean {{{named[0]}}}?"
        elif columns:
            shown = ", ".join(f"{{{column.strip()}}}" for column in list(columns)[:8])
            more = f" and {len(columns) - 8} more" if len(columns) > 8 else ""
            message += f". The columns are {shown}{more}"
        else:
            message += " (no file is loaded)"
        return TemplateProblem(
            position=token.position,
            length=token.length,
            message=message,
            placeholder=token.name,
            kind=UNKNOWN_COLUMN,
            written=written,
            columns=named,
            suggested=bool(close),
        )
