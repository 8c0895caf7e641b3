"""Explain YAML parser errors in plain words, at the place the user has to look."""

from __future__ import annotations

import re
from typing import Final

import yaml

from specrepo.document import Position

_CLOSERS: Final = {"flow sequence": ("list", "[", "]"), "flow mapping": ("mapping", "{", "}")}


def _position(mark: yaml.Mark | None) -> Position | None:
    return Position(mark.line + 1, mark.column + 1) if mark is not None else None


def _line(text: str, position: Position | None) -> str:
    if position is None:
        return ""
    lines = text.splitlines()
    return lines[position.line - 1] if position.line <= len(lines) else ""


def explain_syntax_error(error: yaml.MarkedYAMLError, text: str) -> tuple[str, Position | None]:
    """A message saying what is wrong and how to fix it, and the position to report."""
    problem = error.problem or "invalid YAML"
    context = error.context or ""
    at = _position(error.problem_mark) or _position(error.context_mark)
    opened = _position(error.context_mark)
    if context == "while scanning a quoted scalar" and opened is not None:
        return "this quoted text is never closed; add the closing quote", opened
    for name, (kind, opener, closer) in _CLOSERS.items():
        if context == f"while parsing a {name}" and opened is not None:
            return (f"the {kind} opened here with '{opener}' is never closed with '{closer}' "
                    f"(or an item in it is missing a ','); the parser gave up at line "
                    f"{at.line if at else '?'}", opened)
    if problem.startswith("could not find expected ':'") and opened is not None:
        message = "this line is not a 'key: value' pair"
        if re.search(r"^\s*[^\s#:]+:[^\s/]", _line(text, opened)):
            message += "; put a space after the colon"
        return message, opened
    if problem.startswith("mapping values are not allowed") and at is not None:
        before = _line(text, at)[: at.column - 1]
        if before.strip() and ": " not in before and not before.lstrip().startswith("- "):
            indent = len(before) - len(before.lstrip())
            return ("this key is not indented like the keys around it; align it with them",
                    Position(at.line, indent + 1))
        return "a value that contains ': ' must be quoted", at
    if "tab character" in problem:
        return "YAML does not allow tabs for indentation; use spaces", at
    if problem.startswith("found character that cannot start any token"):
        line = _line(text, at)
        character = line[at.column - 1] if at is not None and at.column <= len(line) else ""
        if character == "\t" or "\t" in line[: at.column if at else 0]:
            return "YAML does not allow tabs for indentation; use spaces", at
        return (f"a plain value cannot start with '{character}'; quote the value", at)
    if problem.startswith("did not find expected '-' indicator") and opened is not None:
        return (f"this line does not continue the list that starts on line {opened.line}; "
                "check its indentation"), at
    if problem.startswith("did not find expected key") and opened is not None:
        return (f"expected a 'key: value' line of the mapping that starts on line "
                f"{opened.line}; check the indentation"), at
    if context and context != "while scanning for the next token" and opened is not None:
        return f"{problem} ({context} on line {opened.line})", at
    return problem, at
