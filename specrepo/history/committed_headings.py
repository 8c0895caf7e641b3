"""Which headings some committed version of a spec file had: a heading line of `approval:
protected:` stays valid once the last spec that had it removes it (what reviewers
approved then is what `changed-after-approval` compares with), and only a heading no spec
ever had (`## Decison Outcome`) protects nothing."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from contextlib import closing
from typing import Final

from specrepo.base.caseless import caseless_key
from specrepo.gitio.git_command import HistoryError
from specrepo.gitio.repository import open_repository
from specrepo.gitio.revisions import lines_ever_committed
from specrepo.load.markdown_body import HeadingText
from specrepo.model.config import Config

HeadingWords = tuple[int, tuple[str, ...]]
"""A heading's level and its words (`caseless_key`): how a committed line shows it."""

_ATX: Final = re.compile(r" {0,3}(#{1,6})[ \t]+(.*)")
_WORD: Final = re.compile(r"[^\W_]+")
"""A run of letters and digits: what lies between them (spaces, inline markup its text
drops, `*`, `` ` ``, closing `#`s) is no part of a heading's words."""
_NOTE: Final = re.compile(r"\[[^]]*\][\W_]*$")
_HEADING_LINES: Final = "^ {0,3}#{1,6}[ \t]"
"""The commits to read (git's pickaxe): those that add or remove some heading line."""


def committed_headings(config: Config,
                       headings: Sequence[HeadingText]) -> frozenset[HeadingText] | None:
    """Those of `headings` that some commit reachable from HEAD had, as an ATX heading line
    of their level (`## Notes`, with inline markup, closing `#`s or a trailing `[optional]`
    note) with the same words as `heading_key` compares them (`base.caseless`: Unicode
    normalized and case folded, default-ignorable code points dropped: `Straße` is
    `STRASSE`, `é` typed decomposed is `É`), as the spec files now are compared. One
    `git log -G -p` for them all, over the commits that add or
    remove a heading line in a file of the spec locations (newest first, stopped once every
    heading is found). None when there is no history to look in: not a git repository, no
    commit yet, or git cannot read it (the caller says so). In a shallow clone, every one
    of them: the commits it lacks may have had them, so only a full history can call one
    unknown."""
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
        with closing(lines_ever_committed(git, _HEADING_LINES, locations)) as lines:
            return committed_in(headings, lines)
    except HistoryError:
        return None


def committed_in(headings: Sequence[HeadingText],
                 lines: Iterable[str]) -> frozenset[HeadingText]:
    """Those of `headings` that one of `lines` shows (`heading_words`), read no further
    than the line that shows the last of them."""
    wanted: dict[HeadingWords, list[HeadingText]] = {}
    for heading in headings:
        wanted.setdefault((heading.level, tuple(_WORD.findall(heading.key))), []).append(
            heading)
    found: set[HeadingText] = set()
    for line in lines:
        for words in heading_words(line):
            found.update(wanted.pop(words, ()))
        if not wanted:
            break
    return frozenset(found)


def heading_words(line: str) -> tuple[HeadingWords, ...]:
    """The level and words an ATX heading line shows (none for another line): its words
    as `base.caseless.caseless_key` compares them, with a trailing bracketed note
    (`## Notes [optional]`) and without it."""
    match = _ATX.fullmatch(line)
    if match is None:
        return ()
    level, text = len(match[1]), caseless_key(match[2])
    words = (level, tuple(_WORD.findall(text)))
    plain = _NOTE.sub("", text)
    return (words,) if plain == text else (words, (level, tuple(_WORD.findall(plain))))
