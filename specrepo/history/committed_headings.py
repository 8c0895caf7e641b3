"""Which headings some committed version of a spec file had: a heading line of `approval:
protected:` stays valid once the last spec that had it removes it (what reviewers
approved then is what `changed-after-approval` compares with), and only a heading no spec
ever had (`## Decison Outcome`) protects nothing."""

from __future__ import annotations

import re
from collections.abc import Sequence

from specrepo.gitio.git_command import HistoryError
from specrepo.gitio.repository import open_repository
from specrepo.gitio.revisions import line_ever_committed
from specrepo.load.markdown_body import HeadingText
from specrepo.model.config import Config

_WORD = re.compile(r"\w+")
_MARKUP = "[^[:alnum:]]"
"""Between a heading's words: spaces, and inline markup its text drops (`*`, `` ` ``...)."""


def committed_headings(config: Config,
                       headings: Sequence[HeadingText]) -> frozenset[HeadingText] | None:
    """Those of `headings` that some commit reachable from HEAD had, as an ATX heading line
    of their level (`## Notes`, its words in any letter case, with inline markup, closing
    `#`s or a trailing `[optional]` note), in a file of the spec locations. One `git log -G`
    per heading, stopping at the newest commit that added or removed such a line. None when
    there is no history to look in: not a git repository, no commit yet, or git cannot read
    it (the caller says so). In a shallow clone, every one of them: the commits it lacks
    may have had them, so only a full history can call one unknown."""
    try:
        git, state = open_repository(config.root)
    except HistoryError:
        return None
    if state.head is None:
        return None
    if state.shallow:  # the history is cut: what it lacks may have had any of them
        return frozenset(headings)
    from specrepo.history.mine import spec_locations_in_repository  # noqa: PLC0415 (rarely)

    locations = spec_locations_in_repository(config, state)
    try:
        return frozenset(heading for heading in headings
                         if line_ever_committed(git, heading_line_pattern(heading), locations))
    except HistoryError:
        return None


def heading_line_pattern(heading: HeadingText) -> str:
    """A POSIX extended regular expression (to match with letter case ignored) for the ATX
    heading lines that show `heading`: up to three spaces, exactly `level` `#`s, and its
    words (as `heading_key` compares them) with anything but letters and digits between and
    around them, a trailing bracketed note allowed."""
    words = f"{_MARKUP}+".join(_WORD.findall(heading.key))
    return (f"^ {{0,3}}{'#' * heading.level}[ \t]+{_MARKUP}*{words}{_MARKUP}*"
            f"(\\[[^]]*\\]{_MARKUP}*)?$")
