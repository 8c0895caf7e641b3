"""Where a change is: mapping keys and `[id]` item selectors, never list positions.

A change path is a tuple of steps: a `str` is a mapping key, an `ItemId` selects the item of
a list whose id it holds (`item_lists.ItemList` says how an item's id is read). Positions
in lists never appear in a path: an item is named by its id, and an element of a list
without ids is reported at the list's own path (with its position as data of the change).

The printed form, `requirements.functional[FR-3].acceptance_criteria`, reads back to the
same tuple (`parse_path(format_path(path)) == path` for every path):

- keys are joined by `.`; an item selector follows its list directly: `list[id]`;
- in a key, a backslash escapes the next character: `\\\\`, `\\.` and `\\[` stand for
  `\\`, `.` and `[`, and a `"` that begins a key is written `\\"`;
- in an id, `\\\\` and `\\]` stand for `\\` and `]` (a `.` or `[` needs no escape there);
- the empty key is written `""`, and the empty path (the whole document) as empty text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, TypeAlias

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import UsageError


@dataclass(frozen=True, order=True)
class ItemId:
    """Selects the item whose id is `id` in a list of items with ids."""

    id: str


PathStep: TypeAlias = str | ItemId
ChangePath: TypeAlias = tuple[PathStep, ...]
FieldPath: TypeAlias = tuple[str, ...]
"""Mapping keys only: a path of the configuration (`approval: protected:`, item lists),
which passes through the items of a list without naming them."""

EMPTY_KEY: Final = '""'
BODY_KEY: Final = "body"
"""The first key of the change path of a Markdown spec's body section: `body.Proposal >
Design Details` (`compare.sections`)."""
_KEY_SPECIALS: Final = re.compile(r"([\\.\[])")
_ID_SPECIALS: Final = re.compile(r"([\\\]])")


class ChangePathError(UsageError):
    """Text that is not a change path."""


def format_path(path: Iterable[PathStep]) -> str:
    """`requirements.functional[FR-3].acceptance_criteria`, escaped as the module says."""
    parts: list[str] = []
    for step in path:
        if isinstance(step, ItemId):
            parts.append("[" + _ID_SPECIALS.sub(r"\\\1", step.id) + "]")
        else:
            key = _KEY_SPECIALS.sub(r"\\\1", step)
            if not key:
                key = EMPTY_KEY
            elif key.startswith('"'):
                key = "\\" + key
            parts.append(f".{key}" if parts else key)
    return "".join(parts)


def parse_path(text: str) -> ChangePath:
    """The path `format_path` printed as `text`. Raises ChangePathError on anything else."""
    steps: list[PathStep] = []
    index = 0
    while index < len(text):
        if text[index] == "[":
            item_id, index = _read_escaped(text, index + 1, "]")
            steps.append(ItemId(item_id))
            continue
        if steps:
            if text[index] != ".":
                raise _error(text, f"'.' or '[' expected at character {index + 1}")
            index += 1
        if text.startswith(EMPTY_KEY, index) and text[index + 2:index + 3] in ("", ".", "["):
            steps.append("")
            index += 2
            continue
        key, index = _read_escaped(text, index, ".[")
        if not key:
            raise _error(text, f'a key expected at character {index + 1} (write "" for '
                               "the empty key)")
        steps.append(key)
    return tuple(steps)


def _read_escaped(text: str, start: int, stops: str) -> tuple[str, int]:
    """The unescaped text from `start` to the first unescaped stop character, and where
    reading ends (after a `]`, at a `.` or `[`)."""
    characters: list[str] = []
    index = start
    while index < len(text):
        character = text[index]
        if character == "\\":
            if index + 1 == len(text):
                raise _error(text, "it ends with a lone backslash")
            characters.append(text[index + 1])
            index += 2
        elif character in stops:
            return "".join(characters), index + (character == "]")
        else:
            characters.append(character)
            index += 1
    if "]" in stops:
        raise _error(text, "an item selector '[' is not closed by ']'")
    return "".join(characters), index


def _error(text: str, reason: str) -> ChangePathError:
    return ChangePathError(f"'{text}' is not a change path: {reason}")


def field_path_of(path: Iterable[PathStep]) -> FieldPath:
    """The keys of `path`, its item selectors left out: `requirements.functional.priority`
    for `requirements.functional[FR-3].priority`."""
    return tuple(step for step in path if isinstance(step, str))


def item_path_of(path: ChangePath) -> ChangePath | None:
    """The path of the outermost item `path` lies in (through its first selector), or None
    when it lies in no item."""
    for index, step in enumerate(path):
        if isinstance(step, ItemId):
            return path[:index + 1]
    return None
