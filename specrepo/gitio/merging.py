"""A merge in progress: the commits `git merge` is merging (MERGE_HEAD), and merge bases."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from specrepo.base import inputs
from specrepo.gitio.git_command import Git

_COMMIT_ID: Final = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")


def merge_heads(work_tree_git_dir: Path) -> tuple[str, ...]:
    """The commits a merge not concluded yet merges into HEAD, as git lists them in the work
    tree's own git folder (`MERGE_HEAD`: one line per commit, several for an octopus
    merge); none when no merge is in progress (or the file cannot be read)."""
    try:
        text = inputs.reader.read_text(work_tree_git_dir / "MERGE_HEAD", encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return ()
    return tuple(line.strip() for line in text.splitlines()
                 if _COMMIT_ID.fullmatch(line.strip()))


def commit_parents(git: Git, commit: str) -> tuple[str, ...]:
    """The parents of `commit`, first parent first (none for a root commit). Raises
    `HistoryError` when git cannot name them."""
    return tuple(git.text("rev-parse", f"{commit}^@").split())


def merge_base(git: Git, one: str, other: str) -> str | None:
    """The best common ancestor of two commits (`git merge-base`); None when they share
    no history."""
    found = git.attempt("merge-base", one, other)
    base = found.stdout.decode("ascii", "replace").strip()
    return base if found.returncode == 0 and _COMMIT_ID.fullmatch(base) else None
