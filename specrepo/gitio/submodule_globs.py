"""Which submodules a glob of tracked files reaches into: git lists a submodule's files in
its own repository, never in this one's, so a glob meant for them matches nothing here."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from specrepo.base.paths import real_path
from specrepo.base.work_tree import repository_top
from specrepo.gitio.sparse import declared_submodules, gitlinks, glob_reaches


def submodules_reached(folder: Path, globs: Sequence[str]) -> dict[str, list[str]]:
    """For each of `globs` (git glob pathspecs relative to `folder`) that may match files
    inside a submodule of the repository, the submodules it reaches (paths from the top of
    the work tree, sorted); globs reaching none are left out. Costs a look for
    `.gitmodules` at the top, and git only when it names a submodule (as
    `sparse.declared_submodules`, `sparse.gitlinks`)."""
    top = repository_top(folder) if globs else None
    declared = [] if top is None else declared_submodules(top)
    if top is None or not declared:
        return {}
    base = real_path(folder).relative_to(real_path(top)).as_posix()
    literal = [] if base == "." else [(False, part) for part in base.split("/")]
    reached = {glob: [path for path in declared if glob_reaches(
        [*literal, *((True, part) for part in glob.strip("/").split("/") if part != ".")],
        path.split("/"))] for glob in globs}
    linked = set(gitlinks(top, sorted({path for paths in reached.values() for path in paths})))
    return {glob: sorted(path for path in paths if path in linked)
            for glob, paths in reached.items() if linked.intersection(paths)}
