"""Mine a repository's history of specs: the one entry point of the history package."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import git

from specrepo.config import Config
from specrepo.history.assemble import assemble
from specrepo.history.cache import MiningCache, cache_key, load_cache, save_cache
from specrepo.history.git_log import (
    CommitRecord,
    blob_at,
    commits_after,
    first_parent_chain,
    is_ancestor,
    read_blob,
    read_spec_log,
)
from specrepo.history.repository import (
    HistoryError,
    RepositoryState,
    open_repository,
    repository_state,
)
from specrepo.history.timeline import History
from specrepo.history.versions import Version, VersionReader
from specrepo.schema_loader import SPEC_SCHEMA, bundled_schema_text
from specrepo.yaml_loader import LoadLimits

Progress = Callable[[str], None]

SHALLOW_HELP = (
    "the repository is a shallow clone, so its history is incomplete; fetch all of it "
    "(`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout), or pass "
    "--allow-shallow to go on with what is there"
)


@dataclass(frozen=True)
class MineOptions:
    """How to mine: whether a shallow clone is acceptable, and where progress goes."""

    allow_shallow: bool = False
    progress: Progress | None = None


def mine_history(config: Config, options: MineOptions = MineOptions()) -> History:
    """Every spec's events and status periods, from one pass over the repository."""
    with open_repository(config.root) as repository:
        state = repository_state(repository)
        if state.shallow and not options.allow_shallow:
            raise HistoryError(SHALLOW_HELP)
        warnings = ("history is incomplete: shallow clone",) if state.shallow else ()
        if state.head is None:
            return History(head=None, head_time=None, specs={}, work_tree=state.work_tree,
                           shallow=state.shallow, warnings=warnings)
        return _mine(repository, state, config, options, warnings)


def commits_since(config: Config, since: str) -> frozenset[str]:
    """The commits after `since` up to HEAD, for checking only what a change adds."""
    with open_repository(config.root) as repository:
        state = repository_state(repository)
        if state.head is None:
            return frozenset()
        return commits_after(repository, since, state.head)


def spec_locations_in_repository(config: Config, state: RepositoryState) -> list[str]:
    """The configured spec locations, relative to the repository's top folder."""
    try:
        prefix = config.root.resolve().relative_to(state.work_tree.resolve()).as_posix()
    except ValueError:
        raise HistoryError(
            f"{config.root} is not inside the repository at {state.work_tree}"
        ) from None
    if prefix in ("", "."):
        return list(config.spec_locations)
    return [f"{prefix}/{location}" for location in config.spec_locations]


def _mine(repository: git.Repo, state: RepositoryState, config: Config, options: MineOptions,
          warnings: tuple[str, ...]) -> History:
    assert state.head is not None
    report = options.progress or (lambda _: None)
    locations = spec_locations_in_repository(config, state)
    key = cache_key([*locations, str(config.max_file_size), bundled_schema_text(SPEC_SCHEMA)])
    cache = load_cache(state.git_dir, key)
    if cache.head == state.head and cache.commits is not None:
        commits = cache.commits
    elif (cache.head is not None and cache.commits is not None
          and is_ancestor(repository, cache.head, state.head)):
        report("reading new commits")
        commits = [*cache.commits, *read_spec_log(repository, state.head, locations,
                                                  since=cache.head)]
    else:
        report("reading the history of spec files")
        commits = list(read_spec_log(repository, state.head, locations))
    versions = _read_versions(repository, commits, LoadLimits(max_bytes=config.max_file_size),
                              dict(cache.versions or {}), report)
    blobs_at = dict(cache.blobs_at or {})

    def lookup(commit: str, path: str) -> str | None:
        where = f"{commit}:{path}"
        if where not in blobs_at:
            blobs_at[where] = blob_at(repository, commit, path)
        return blobs_at[where]

    specs = assemble(commits, versions, first_parent_chain(repository, state.head), lookup)
    if cache.head != state.head or blobs_at != (cache.blobs_at or {}):
        save_cache(state.git_dir, MiningCache(key, state.head, commits, versions, blobs_at))
    return History(
        head=state.head,
        head_time=int(repository.head.commit.committed_date),
        specs=specs,
        work_tree=state.work_tree,
        skipped_versions=sum(1 for version in versions.values() if version.problem),
        shallow=state.shallow,
        warnings=warnings,
    )


def _read_versions(repository: git.Repo, commits: list[CommitRecord], limits: LoadLimits,
                   versions: dict[str, Version], report: Progress) -> dict[str, Version]:
    """Parse every blob the commits mention that `versions` does not have yet, once."""
    wanted: dict[str, str] = {}
    for commit in commits:
        for change in commit.changes:
            for blob in (change.old_blob, change.new_blob):
                if blob is not None and blob not in versions:
                    wanted.setdefault(blob, change.path)
    reader = VersionReader(limits)
    for count, (blob, path) in enumerate(wanted.items(), 1):
        if count % 500 == 0:
            report(f"parsed {count:,} of {len(wanted):,} versions")
        versions[blob] = reader.read(read_blob(repository, blob), path)
    return versions
