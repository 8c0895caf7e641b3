"""Edits `git status` and `git diff` do not show: files of the work tree whose index entry
carries an assume-unchanged or skip-worktree bit, which git's comparisons with the work
tree (`git diff-index`, `git diff-files`) take to be the index's version unread."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.paths import real_path
from specrepo.gitio.commit_match import file_object_id
from specrepo.gitio.flagged_files import FlaggedFile
from specrepo.gitio.git_command import Git
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
