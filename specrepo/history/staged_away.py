"""The spec files of HEAD's whose removal the index stages while the work tree still holds
them, untracked (`git rm --cached`, or a move made through the index: `git rm --cached
old.yaml && git add new.yaml`, the old file left behind): no spec of the commit being made,
which `validate --history` (the hooks) judges as the index stages it (hook41)."""

from __future__ import annotations

import os
from pathlib import Path

from specrepo.base.paths import real_path
from specrepo.base.work_tree import repository_top
from specrepo.gitio.git_command import Git
from specrepo.load.locations import location_matcher, pathspecs
from specrepo.model.config import Config


def staged_away(config: Config) -> dict[str, Path]:
    """Each file in the configured spec locations that HEAD holds, the index no longer
    does (its deletion staged) and the work tree still has: path from the repository's
    top -> its identity (its real path, as the spec file listing names it). One `git
    diff-index --cached --no-renames --diff-filter=D HEAD` (git's own reading of the
    commit being made; a rename is a deletion there, as it is to the walk's pairing of
    the index). Empty with no HEAD (nothing to remove) or outside a repository (the
    history's own reading says why)."""
    top = repository_top(config.root)
    if top is None:
        return {}
    listed = Git(config.root).attempt(
        "diff-index", "--cached", "--name-only", "--no-renames", "-z", "--diff-filter=D",
        "HEAD", "--", *pathspecs(config.locations, from_top=False))
    if listed.returncode != 0:
        return {}
    keep = location_matcher(config.locations)
    try:
        prefix = real_path(config.root).relative_to(real_path(top)).as_posix()
    except ValueError:  # outside the repository: the history's own reading says so
        return {}
    lead = "" if prefix in ("", ".") else f"{prefix}/"
    found = {}
    for name in listed.stdout.split(b"\0"):
        path = name.decode("utf-8", "surrogateescape")
        if path.startswith(lead) and path != lead and keep(path[len(lead):]) \
                and os.path.lexists(top / path):
            found[path] = real_path(top / path)
    return found
