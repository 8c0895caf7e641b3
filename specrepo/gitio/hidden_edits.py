"""Edits `git status` and `git diff` do not show: files of the work tree whose index entry
carries an assume-unchanged or skip-worktree bit, which git's comparisons with the work
tree (`git diff-index`, `git diff-files`) take to be the index's version unread."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.paths import real_path
from specrepo.gitio.commit_match import file_object_id
from specrepo.gitio.flagged_files import FlaggedFile
from specrepo.gitio.git_command import Git
from specrepo.gitio.log import WORK_TREE_BLOB, FileChange
from specrepo.gitio.worktree_diff import hashed_paths, link_id

_LINK_MODE = "120000"


def edited_behind_flags(git: Git, top: Path, flagged: Sequence[FlaggedFile]) -> list[str]:
    """The paths (from `git.folder`) of the `flagged` files (`Checkout.flagged`) whose
    work tree content is not the index's blob, as git would store it; `top`: the work
    tree's top folder.

    A file whose bytes are the blob (hashed here, as `git hash-object --no-filters`
    would) is the index's version, and a symbolic link whose target is: none of them
    starts a git process. The others are hashed by git, all in one `git hash-object
    --stdin-paths` (through their clean filters and `core.autocrlf`, unwritten), which
    only git can do as git does: a file whose bytes differ from the blob only by what
    its filters change (line endings) is not edited. A file that cannot be read counts
    as edited (checking it says why); so does a file that replaced a link, or the other
    way round."""
    edited: list[str] = []
    asked: list[FlaggedFile] = []
    for entry in flagged:
        where = git.folder / entry.path
        if entry.mode == _LINK_MODE:
            if link_id(where, entry.blob) != entry.blob:
                edited.append(entry.path)
        elif inputs.reader.islink(where) or not inputs.reader.access(where, os.R_OK):
            edited.append(entry.path)
        elif file_object_id(where, entry.blob) != entry.blob:
            asked.append(entry)
    if asked:
        # git reads the paths from the top, whatever folder it runs in (as its attributes)
        here = real_path(git.folder).relative_to(real_path(top))
        blobs = hashed_paths(git, str(top), [os.fsencode(here / entry.path) for entry in asked])
        edited.extend(entry.path for entry, blob in zip(asked, blobs, strict=True)
                      if blob != entry.blob)
    return sorted(edited)


def with_edits_behind_flags(git: Git, top: Path, prefix: str, changes: Sequence[FileChange],
                            flagged: Sequence[FlaggedFile], is_spec: Callable[[str], bool]
                            ) -> tuple[FileChange, ...]:
    """`changes` (a diff against the work tree, paths from the top folder `top`) with the
    spec files (`is_spec`) of `flagged` (from `git.folder`, which is `prefix` from the top)
    edited behind their bit (`edited_behind_flags`) as the work tree's: git compared the
    index's version in their place. One git never asked about names the old side's blob
    as the index's (git found them equal). No git when none is flagged."""
    if not flagged:
        return tuple(changes)
    found = {change.path: change for change in changes}
    blobs = {entry.path: entry.blob for entry in flagged}
    for path in edited_behind_flags(git, top, flagged):
        at_top = f"{prefix}/{path}" if prefix else path
        if is_spec(at_top):
            old = found[at_top].old_blob if at_top in found else blobs[path]
            found[at_top] = FileChange(at_top, old, WORK_TREE_BLOB + at_top)
    return tuple(sorted(found.values(), key=lambda change: change.path))
