"""git's `:(glob)` pathspec patterns (gitglossary(7), "glob" magic: wildmatch with
`FNM_PATHNAME`) as Python regular expressions, for matching paths without asking git."""

from __future__ import annotations

import re
from typing import Final

_SET_SPECIALS: Final = re.compile(r"[\\\[&~|]|(?<=-)-")
"""Characters of a glob's bracket expression that a regular expression's set reads
otherwise (or warns of, as a possible nested set or set operation): all literal there."""


def _bracket_expression(body: str, negated: bool) -> str:
    """A regular expression's set for a glob's bracket expression (`[a-c]`, `[!x]`); one
    that matches nothing for a range that runs backwards (`[z-a]`), as git's does."""
    expression = "[" + ("^" if negated else "") + _SET_SPECIALS.sub(r"\\\g<0>", body) + "]"
    try:
        re.compile(expression)
    except re.error:
        return "(?!)"
    return expression


def wildmatch_stars(glob: str) -> str:
    """`glob` with each run of `*` as git's wildmatch reads it (gitignore(5): "other
    consecutive asterisks are considered regular asterisks"): a run of two or more that
    is a whole part (`**`, `***`) is `**`; any other (`0**.md`, `rfcs/**text`, `a**/b`)
    is one `*`, within a name. Escaped characters and bracket expressions stay as they
    are (newuser57: `specs: "rfcs/**.md"` was an internal error, pathlib refusing it)."""
    written, index = [], 0
    while index < len(glob):
        if glob[index] == "\\" and index + 1 < len(glob):
            end = index + 2
        elif glob[index] == "[" and "]" in glob[index + 2:]:
            end = glob.index("]", index + 2) + 1
        elif glob[index] == "*":
            end = len(glob) - len(glob[index:].lstrip("*"))
            whole = glob[index - 1:index] in ("", "/") and glob[end:end + 1] in ("", "/")
            written.append("**" if whole and end - index >= 2 else "*")
            index = end
            continue
        else:
            end = index + 1
        written.append(glob[index:end])
        index = end
    return "".join(written)


def bracket_unescaped(glob: str) -> bool:
    """Whether `glob` holds a `[` not written to match itself: a bracket expression's
    start (`docs/[lang]`), or one no `]` closes (`docs/[x`, which git's wildmatch matches
    nothing with); an escaped one (`\\[`) and the set of `[` alone (`[[]`) match a `[`."""
    index = 0
    while index < len(glob):
        if glob[index] == "\\":
            index += 2
        elif glob.startswith("[[]", index):
            index += 3
        elif glob[index] == "[":
            return True
        else:
            index += 1
    return False


def glob_expression(glob: str) -> str:
    """A regular expression for one of git's `:(glob)` patterns: `**/` any folders, a
    trailing `**` that is a whole part (`specs/**`, `**`, `specs/**/**`) any path below,
    any other run of `*` one `*` (`wildmatch_stars`), as git reads them (agree56: a lone
    `**` was read as `*`)."""
    glob = wildmatch_stars(glob)
    parts = []
    index = 0
    while index < len(glob):
        if glob.startswith("**/", index):
            parts.append("(?:.*/)?")
            index += 3
        elif glob[index:] == "**" and glob[index - 1:index] in ("", "/"):  # a last part
            parts.append(".*")
            index = len(glob)
        elif glob[index] == "\\" and index + 1 < len(glob):  # an escaped character
            parts.append(re.escape(glob[index + 1]))
            index += 2
        elif glob[index] == "*":
            parts.append("[^/]*")
            index += 1
        elif glob[index] == "?":
            parts.append("[^/]")
            index += 1
        elif glob[index] == "[" and "]" in glob[index + 2:]:
            end = glob.index("]", index + 2)
            body = glob[index + 1:end]
            negated = body.startswith("!")
            parts.append(_bracket_expression(body[negated:], negated))
            index = end + 1
        else:
            parts.append(re.escape(glob[index]))
            index += 1
    return "".join(parts)
