"""The files the index stages, which the commit being made will hold: one `git ls-files
--stage -v` read into entries (git-ls-files(1)), those git records as intent-to-add (`git
add -N`) left out, as `git write-tree` leaves them out of the commit."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import Final, NamedTuple

from specrepo.gitio.git_command import Git
from specrepo.gitio.intent_to_add import intent_to_add

FILE_MODES: Final = (b"100644", b"100755")
"""git's modes of a file's entry (git-ls-files(1)); a link is 120000, a submodule 160000."""
LINK_MODE: Final = b"120000"


class IndexEntry(NamedTuple):
    """A path's entry in the index: its mode (git's octal text), its object id, and how git
    treats it."""

    mode: bytes
    blob: str
    unmerged: bool = False
    """A conflict not marked resolved (stages 1 to 3; the lowest stage's object is given):
    git commits no version of the path until it is."""
    unwatched: bool = False
    """Marked assume-unchanged or skip-worktree (`git ls-files -v` tags it `h` or `S`):
    `git status` and `git diff` do not show the work tree's changes to it."""


def index_entries(git: Git, pathspecs: Iterable[str]) -> dict[str, IndexEntry]:
    """The index's entries (the index git reads: `GIT_INDEX_FILE` in a hook) that
    `pathspecs` (git's, as `git ls-files` takes them) name, by path from the top of the
    work tree, but the intent-to-add ones (`gitio.intent_to_add`). None asked, none given.
    Raises `HistoryError` when git fails."""
    named = list(pathspecs)
    if not named:
        return {}
    listed = git.run("ls-files", "--stage", "-v", "-z", "--full-name", "--", *named)
    found: dict[str, IndexEntry] = {}
    for record in listed.split(b"\0"):
        meta, _, name = record.partition(b"\t")
        if not name:
            continue
        tag, mode, blob, stage = meta.split(b" ")
        path = name.decode("utf-8", "surrogateescape")
        if path not in found:  # stage 0, or the lowest of a conflict's
            found[path] = IndexEntry(mode, blob.decode(), stage != b"0",
                                     tag.islower() or tag == b"S")
    intended = intent_to_add(git, {path: entry.blob for path, entry in found.items()})
    return {path: entry for path, entry in found.items() if path not in intended}


def link_target(path: str, held: bytes) -> str | None:
    """Where the symbolic link at `path` (from the top of the work tree) whose blob holds
    `held` (its target, as git stores a link) leads, from the top; None when it leads out
    of the repository (an absolute target, or one that climbs above the top)."""
    if held.startswith(b"/"):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(path),
                                               held.decode("utf-8", "surrogateescape")))
    return None if target == ".." or target.startswith("../") else target
