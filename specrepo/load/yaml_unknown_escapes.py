"""Explain a backslash YAML refuses in double-quoted text (`"keps/\\[x"`): no escape YAML
knows, where the writer meant the backslash itself (a glob's or a regular expression's),
which single quotes keep as written."""

from __future__ import annotations

from typing import Final

from specrepo.load.document import Position
from specrepo.load.yaml_text import SourceText

_ESCAPES: Final = frozenset('0abt\tnvfre "/\\N_LPxuU')
"""The characters YAML 1.2 reads after a backslash in double quotes (§5.7)."""


def unknown_escape(source: SourceText, at: Position, opened: Position) -> tuple[str, Position]:
    """The message and the place (its backslash) of the escape YAML does not know at or
    just before `at`, in the double-quoted text whose opening quote is at `opened`: to
    write the text in single quotes, shown rewritten when it fits on its line and holds
    no escape YAML knows, which single quotes would keep as written."""
    line = source.line(at.line)
    backslash = line.rfind("\\", 0, at.column)
    if backslash < 0:
        backslash = at.column - 1
    escape = line[backslash:backslash + 2]
    quoted = _single_quoted(line, opened) if opened.line == at.line else None
    kept = f" ({quoted}), which keep a backslash as written" if quoted is not None \
        else ", which keep a backslash as written (a ' in them is written '')"
    return (f"the escape {escape} is none YAML knows in double quotes; where the backslash "
            f"is meant as itself, write the text in single quotes{kept}, or double the "
            f"backslash ({escape[0]}{escape})", Position(at.line, backslash + 1))


def _single_quoted(line: str, opened: Position) -> str | None:
    """The double-quoted text opened at `opened` on `line` in single quotes, when it ends
    on that line and holds no escape YAML knows; None otherwise."""
    index, text = opened.column, list[str]()
    while index < len(line):
        character = line[index]
        if character == '"':
            return "'" + "".join(text).replace("'", "''") + "'"
        if character == "\\" and (index + 1 >= len(line) or line[index + 1] in _ESCAPES):
            return None
        text.append(character)
        index += 1
    return None
