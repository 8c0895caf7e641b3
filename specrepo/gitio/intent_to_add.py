"""The index entries git records with the intent-to-add flag (`git add -N`, `git add
--intent-to-add`): an entry "with no content" (git-add(1)) that holds the empty blob, which
`git commit` does not commit (`git write-tree` leaves it out of the tree it writes), so a
hook's run counts it as no file of the commit being made, as it counts an untracked one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from specrepo.gitio.git_command import Git

EMPTY_BLOBS: Final = {"sha1": "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391",
                      "sha256": "473a0f4c3be8a93681a267e3b1e9a7dcda1185436fe141f7749120a3"
                                "03721813"}
"""The empty blob's id in each object format: what an intent-to-add entry records."""

ITA_INVISIBLE: Final = "--ita-invisible-in-index"
"""The option that makes `git diff-index --cached` read the index as `git commit` does: an
intent-to-add entry is no file there (its removal, where the other side holds one), not
an empty file (git-diff(1); the plumbing's default shows it as one)."""


def could_intend(blob: str | None) -> bool:
    """Whether an index entry whose object id is `blob` may be an intent-to-add one: it
    holds the empty blob (a file staged empty holds it too), or, as `git diff-files` names
    one whose work-tree file is there, no object (None)."""
    return blob is None or blob in EMPTY_BLOBS.values()


def intent_to_add(git: Git, entries: Mapping[str, str | None]) -> frozenset[str]:
    """Those of the index `entries` (path from the top -> object id, None where the answer
    that named it gave none) that git records as intent-to-add: those `could_intend`
    picks, then asked of git, which lists every other entry as an addition against the
    empty tree (`git diff-index --cached --ita-invisible-in-index`: "non-existent in git
    diff --cached", git-diff(1)), and these not. No git asked where no entry could be one.
    Raises `HistoryError` when git fails."""
    candidates = sorted(path for path, blob in entries.items() if could_intend(blob))
    if not candidates:
        return frozenset()
    from specrepo.gitio.historical_filters import EMPTY_TREES  # noqa: PLC0415 (only then)

    known = next((len(blob) for blob in entries.values() if blob and len(blob) in (40, 64)), 0)
    empty = EMPTY_TREES["sha256" if known == 64 else "sha1"] if known else \
        EMPTY_TREES[git.text("rev-parse", "--show-object-format")]
    return frozenset(candidates).difference(_committed(git, empty, candidates))


def _committed(git: Git, empty_tree: str, paths: Iterable[str]) -> set[str]:
    """Those of `paths` (from the top) the index holds as git commits them: each one
    `git diff-index --cached --ita-invisible-in-index` against the empty tree names."""
    listed = git.run("diff-index", "--cached", "--name-only", "-z", "--no-renames",
                     ITA_INVISIBLE, empty_tree, "--",
                     *(f":(top,literal){path}" for path in paths))
    return {name.decode("utf-8", "surrogateescape") for name in listed.split(b"\0") if name}

