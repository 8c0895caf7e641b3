"""Copies of a schema's contents with some values taken out or put in, sharing every part
that does not change (so that a part found in a copy is found in the file's text by the
same keys and indices, and by identity in the copy)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

_OUT: Final = object()
"""The value of a place taken out."""
Steps = tuple[str | int, ...]
"""The keys and indices that lead to a value in a file's contents."""


def without(contents: Any, places: Iterable[Steps]) -> Any:
    """`contents` with the value at each of `places` taken out: a key from its mapping, an
    item of a list replaced by `true` (so the indices of the others stay); `contents`
    itself when there is none to take out (an empty place leaves it whole)."""
    result = contents
    for steps in {tuple(steps) for steps in places if steps}:
        result = _with(result, steps, _OUT)
    return result


def replaced(contents: Any, steps: Steps, value: Any) -> Any:
    """`contents` with the value the keys and indices `steps` lead to (all present) set to
    `value`; `value` itself for no steps."""
    return _with(contents, steps, value) if steps else value


def _with(contents: Any, steps: Steps, value: Any) -> Any:
    """A copy of the path `steps` in `contents` ending at `value` (`_OUT`: taken out)."""
    step, rest = steps[0], steps[1:]
    if isinstance(contents, dict) and step in contents:
        copy = dict(contents)
        if rest:
            copy[step] = _with(contents[step], rest, value)
        elif value is _OUT:
            del copy[step]
        else:
            copy[step] = value
        return copy
    if isinstance(contents, list) and isinstance(step, int) and step < len(contents):
        items = list(contents)
        items[step] = _with(contents[step], rest, value) if rest else (
            True if value is _OUT else value)
        return items
    return contents


def grafted(contents: Any, template: Any, steps: Steps, value: Any) -> Any:
    """`contents` (a copy of a part of `template`, the file's contents) with `value` put
    at `steps` (keys and indices that lead somewhere in `template`); a container on the way
    that `contents` lacks is made as `template` has it, empty (a list: of `true`s, as many
    as `template`'s, so the indices stay)."""
    if not steps:
        return value
    step, inner = steps[0], template[steps[0]]
    if isinstance(template, dict):
        mapping = dict(contents) if isinstance(contents, dict) else {}
        mapping[step] = grafted(mapping.get(step), inner, steps[1:], value)
        return mapping
    items = list(contents) if isinstance(contents, list) and len(contents) == len(
        template) else [True] * len(template)
    items[step] = grafted(items[step], inner, steps[1:], value)  # type: ignore[index]
    return items
