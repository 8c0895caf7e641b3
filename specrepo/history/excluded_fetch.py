"""In a partial clone, the versions of files today's `exclude:` names that the
configuration of their commit read as specs: a walk reads those (`excluded_versions`), so
they must come in a batch fetch (`commit_walk`), not through git's lazy fetch of one
object each; a version no configuration of its time read (a template excluded from the
start, a file written after the commit that excluded it) is never fetched.

The configuration in force where a version is: the commit's own for the version a change
wrote, its first parent's for the one it replaced, as `ExcludedVersions` judges them (a
commit without the configuration file reads none of them, as today's excludes them)."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Collection, Iterable, Sequence

from specrepo.gitio.batch_names import missing_object, objects_read
from specrepo.gitio.config_deletions import blob_sizes
from specrepo.gitio.git_command import Git
from specrepo.gitio.watched_log import logged_below
from specrepo.history.config_history import configured_locations
from specrepo.load.locations import (
    SpecLocation,
    exclude_pathspecs,
    exclusion_matcher,
    location_matcher,
)

Configuration = tuple[str, str] | None
"""A commit's configuration file: (its path from the top, its blob id); None: none."""


def excluded_reads(git: Git, revisions: Sequence[str], locations: Sequence[SpecLocation],
                   exclude: Collection[str], config_paths: Sequence[str]) -> list[str]:
    """The blob ids, sorted, of the versions in the history of `revisions` of the files
    that today's `exclude:` globs (`exclude`, from the top) name among those `locations`
    (the walk's, today's exclusions left out: `listed_locations`) take, that the
    configuration in force where each version is reads as a spec. `config_paths`: the
    paths the configuration file had, today's first (`CommitWalk.config_paths`); its
    versions must be in the clone already (the walk's first batch brings them). One `git
    log` of the excluded files, one `git cat-file --batch-check` of the configuration at
    their commits, one `git cat-file --batch` of the configuration versions; none
    without `exclude`. Raises `HistoryError` when git fails."""
    if not exclude or not config_paths:
        return []
    excluded, taken = exclusion_matcher(sorted(exclude)), location_matcher(locations)
    changes = [(commit, parents[:1], path, old, new)
               for commit, parents, changed in logged_below(
                   git, revisions, exclude_pathspecs(sorted(exclude), "top,"))
               for path, old, new in changed if excluded(path) and taken(path)]
    if not changes:
        return []
    configurations = _configurations(
        git, sorted({each for commit, first, *_ in changes for each in (commit, *first)}),
        config_paths)
    readers = _readers(git, configurations.values())

    def reads(commit: str | None, path: str) -> bool:
        return readers[configurations.get(commit) if commit is not None else None](path)

    return sorted({*(new for commit, _, path, _, new in changes
                     if new is not None and reads(commit, path)),
                   *(old for _, first, path, old, _ in changes
                     if old is not None and first and reads(first[0], path))})


def _configurations(git: Git, commits: Sequence[str], config_paths: Sequence[str]
                    ) -> dict[str | None, Configuration]:
    """Each of `commits`' configuration file: the first of `config_paths` its tree holds
    as a file (one `git cat-file --batch-check` of `commit:path` names, which reads trees
    only: `config_deletions.blob_sizes`)."""
    held = blob_sizes(git, [f"{commit}:{path}" for commit in commits for path in config_paths])
    found: dict[str | None, Configuration] = {}
    for commit in commits:
        path = next((path for path in config_paths if f"{commit}:{path}" in held), None)
        if path is not None:
            found[commit] = (path, held[f"{commit}:{path}"][0])
    return found


def _readers(git: Git, configurations: Iterable[Configuration]
             ) -> dict[Configuration, Callable[[str], bool]]:
    """For each of `configurations` and None, whether it reads a file (from the top) as a
    spec: its `specs:` take it and its own `exclude:` does not name it (one that does not
    load, or none, reads none). One `git cat-file --batch` reads every version."""
    asked = sorted({each for each in configurations if each is not None})
    contents = objects_read(git, {blob for _, blob in asked})
    readers: dict[Configuration, Callable[[str], bool]] = {None: lambda _: False}
    for path, blob in asked:
        if blob not in contents:
            raise missing_object(blob, path, git.folder)
        located = configured_locations(contents[blob][1], posixpath.dirname(path), ())[0]
        readers[path, blob] = location_matcher(located) if located else lambda _: False
    return readers
