"""Which exclusion pathspecs `git ls-files` matches as written beside the others."""

from __future__ import annotations

import posixpath
import re
from typing import Final

_PATHSPEC_MAGIC: Final = re.compile(r":\(([^)]*)\)")
_GIT_WILDCARD: Final = re.compile(r"[*?\[\\]")


def read_alike_by_git(exclusion: str, included: list[str]) -> bool:
    """Whether `git ls-files` matches the pathspec `exclusion` (`:(glob)drafts`, its
    `exclude` magic not written) as written beside the `included` pathspecs: git
    (`dir.c`, `common_prefix_len`) skips the folder the included pathspecs' literal starts
    share, in each path and in each exclusion alike, so an exclusion whose literal start
    does not hold that folder is matched from the wrong place, or past its end, and may
    take out files it does not name (git 2.39 to 2.47: `:(exclude)drafts` beside
    `specs/active/**/*.yaml` took out every file, agree56)."""
    starts = [literal_start(pathspec) for pathspec in included]
    shared = posixpath.commonprefix(starts) if starts else ""
    return literal_start(exclusion).startswith(shared[:shared.rfind("/") + 1])


def literal_start(pathspec: str) -> str:
    """The start of a pathspec git matches literally (its `nowildcard_len`): all of a
    `literal` one, a glob's up to its first wildcard or backslash."""
    found = _PATHSPEC_MAGIC.match(pathspec)
    magic, pattern = (found.group(1), pathspec[found.end():]) if found else ("", pathspec)
    if "literal" in magic.split(","):
        return pattern
    wildcard = _GIT_WILDCARD.search(pattern)
    return pattern if wildcard is None else pattern[:wildcard.start()]
