"""The id a spec file writes, read line by line: for a file the YAML loader refused, so that
what refers to it is not told that no such spec exists."""

from __future__ import annotations

import re
from functools import cache
from typing import Final

_CLOSINGS: Final = ("---", "...")


def written_id(raw: bytes, key: str, front_matter: bool) -> str | None:
    """The value of the first top-level `key: value` line (`id: SPEC-0007`, `id: "x"`, a
    comment after it allowed) of a YAML spec, or of a Markdown spec's front matter
    (`front_matter`); None when there is no such line. A best effort: the file as a whole
    need not be valid YAML, so this never stands for loading it."""
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = text.splitlines()
    if front_matter:
        if not lines or lines[0].rstrip() != "---":
            return None
        lines = lines[1:]
    pattern = _key_line(key)
    for line in lines:
        if front_matter and line.rstrip() in _CLOSINGS:
            return None
        found = pattern.match(line)
        if found is not None:
            value = next(group for group in found.groups() if group is not None).strip()
            return value or None
    return None


@cache
def _key_line(key: str) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(key)}[ \t]*:[ \t]+(?:'([^']*)'|\"([^\"\\]*)\""
                      r"|([^\s#'\"&*!|>{\[][^#]*?))[ \t]*(?:#.*)?$")
