"""The parents a commit's own object names, which a shallow clone's `shallow` file hides
from every other git command: a boundary commit's real parents, none for a true root."""

from __future__ import annotations

from collections.abc import Collection

from specrepo.gitio.batch_names import objects_read
from specrepo.gitio.git_command import Git


def stored_parents(git: Git, commits: Collection[str]) -> dict[str, tuple[str, ...]]:
    """Commit (40 hex digits) -> the parents its object names (40 hex digits each, in
    order; empty for a root commit, one with no parents in the full repository too), as
    `git cat-file --batch` reads the object (git's grafts and `shallow` file do not apply
    to it; replace refs do, as elsewhere). A commit git does not hold, or an object that
    is no commit, is left out. One git process (`batch_names.objects_read`); none when
    `commits` is empty. Raises `HistoryError` when git cannot run or stops answering."""
    found: dict[str, tuple[str, ...]] = {}
    for commit, (kind, content) in objects_read(git, commits).items():
        if kind == "commit":
            headers = content.split(b"\n\n", 1)[0].split(b"\n")
            found[commit] = tuple(line[len(b"parent "):].decode("ascii") for line in headers
                                  if line.startswith(b"parent "))
    return found
