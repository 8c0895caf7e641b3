"""Mine a repository's history of specs: the one entry point of the history package."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import git

from specrepo.config import Config
from specrepo.history.assemble import Assembly
from specrepo.history.cache import MiningCache, cache_key, load_cache, save_cache
from specrepo.history.git_log import (
    HistoryStream,
    TopologicalOrder,
    blob_at,
    blob_size,
    changed_paths,
    commits_after,
    first_parent,
    first_parent_chain,
    is_ancestor,
    modified_since_merge_base,
    read_blob,
    stream_history,
)
from specrepo.history.repository import (
    HistoryError,
    RepositoryState,
    open_repository,
    repository_state,
)
from specrepo.history.timeline import History
from specrepo.history.versions import Version, VersionReader
from specrepo.schema_loader import SPEC_SCHEMA, bundled_source, load_schema_source
from specrepo.spec_files import SPEC_SUFFIXES, escape_glob, is_glob, names_folder, spec_id_in
from specrepo.yaml_loader import LoadLimits, YamlError

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


def specs_changed_since(config: Config, since: str,
                        candidates: Iterable[Path]) -> list[Path] | None:
    """Those of `candidates` changed since `since` (committed after the merge base,
    uncommitted, or untracked); None when `since` is unknown to the repository."""
    with open_repository(config.root) as repository:
        state = repository_state(repository)
        if state.head is None:
            return None
        paths = changed_paths(repository, since)
    if paths is None:
        return None
    changed = {(state.work_tree / path).resolve() for path in paths}
    return [path for path in candidates if path.resolve() in changed]


def spec_ids_before(config: Config, since: str) -> frozenset[str]:
    """The ids that the spec files modified or deleted since `since` had at its merge base
    with HEAD, read through the field map; a spec deleted or re-identified since then has
    its old id among them. Empty when `since` is unknown."""
    with open_repository(config.root) as repository:
        state = repository_state(repository)
        if state.head is None:
            return frozenset()
        changed = modified_since_merge_base(repository, since,
                                            spec_locations_in_repository(config, state))
        if changed is None:
            return frozenset()
        base, paths = changed
        found = set()
        for path in paths:
            blob = blob_at(repository, base, path)
            if blob is None or blob_size(repository, blob) > config.max_file_size:
                continue
            try:
                found.add(spec_id_in(read_blob(repository, blob), config))
            except YamlError:
                continue  # an old version that cannot be read names no id
    return frozenset(spec_id for spec_id in found if spec_id is not None)


def commit_time(config: Config, revision: str) -> int:
    """The commit time of a branch, tag or commit."""
    with open_repository(config.root) as repository:
        try:
            return int(repository.commit(revision).committed_date)
        except (git.BadName, ValueError, git.GitCommandError):
            raise HistoryError(
                f"unknown revision '{revision}' (a branch, tag or commit id)") from None


def spec_locations_in_repository(config: Config, state: RepositoryState) -> list[str]:
    """The configured spec locations, relative to the repository's top folder: folders,
    and globs (a folder whose path has glob characters becomes escaped globs of its files)."""
    try:
        prefix = config.root.resolve().relative_to(state.work_tree.resolve()).as_posix()
    except ValueError:
        raise HistoryError(
            f"{config.root} is not inside the repository at {state.work_tree}"
        ) from None
    prefix = "" if prefix in ("", ".") else f"{prefix}/"
    located = []
    for location in config.spec_locations:
        if not names_folder(config, location):
            located.append(escape_glob(prefix) + location)
        elif is_glob(prefix + location):
            folder = escape_glob((prefix + location).strip("/"))
            located += [f"{folder}/**/*{suffix}" for suffix in SPEC_SUFFIXES]
        else:
            located.append(prefix + location)
    return located


def _mine(repository: git.Repo, state: RepositoryState, config: Config, options: MineOptions,
          warnings: tuple[str, ...]) -> History:
    assert state.head is not None
    report = options.progress or (lambda _: None)
    locations = spec_locations_in_repository(config, state)
    limits = LoadLimits(max_bytes=config.max_file_size)
    source = load_schema_source(config.schema_path) if config.schema_path is not None \
        else bundled_source(SPEC_SCHEMA)
    key = cache_key([*locations, str(config.max_file_size), repr(config.fields),
                     json.dumps([source.schema, source.linked], sort_keys=True)])
    cache = load_cache(state.git_dir, key)
    if cache.head == state.head and cache.assembly is not None:
        assembly, versions = cache.assembly, cache.versions
    else:
        order = TopologicalOrder(repository, state.head)  # git works while we do
        reader = VersionReader(limits, source, config.fields)
        since = cache.head if _continues(repository, cache, state.head) else None
        assembly = cache.assembly if since and cache.assembly else Assembly()
        versions = cache.versions if since else {}
        report("reading new commits" if since else "reading the history of spec files")
        with stream_history(repository, state.head, locations, since,
                            frozenset(versions)) as stream:
            _read_versions(stream, versions, reader, report)
        blobs_at = cache.blobs_at

        def lookup(commit: str, path: str) -> str | None:
            where = f"{commit}:{path}"
            if where not in blobs_at:
                blobs_at[where] = blob_at(repository, commit, path)
            blob = blobs_at[where]
            if blob is not None and blob not in versions:  # rare: an old merge parent
                versions[blob] = reader.read(read_blob(repository, blob), path)
            return blob

        mainline = set(first_parent_chain(repository, state.head, since))
        assembly.feed(stream.commits, versions, mainline, lookup)
        assembly.order_events(order.positions())
        save_cache(state.git_dir, MiningCache(key, state.head, assembly, versions, blobs_at))
    return History(
        head=state.head,
        head_time=int(repository.head.commit.committed_date),
        specs=assembly.histories(versions),
        work_tree=state.work_tree,
        skipped_versions=sum(1 for version in versions.values() if version.problem),
        shallow=state.shallow,
        warnings=warnings,
    )


def _continues(repository: git.Repo, cache: MiningCache, head: str) -> bool:
    """Whether the cached walk can be continued: its HEAD is on the new HEAD's first-parent
    line, so the new commits only extend the line its status periods followed."""
    if cache.head is None or cache.assembly is None or not is_ancestor(
            repository, cache.head, head):
        return False
    new_line = first_parent_chain(repository, head, cache.head)
    return bool(new_line) and first_parent(repository, new_line[0]) == cache.head


def _read_versions(stream: HistoryStream, versions: dict[str, Version], reader: VersionReader,
                   report: Progress) -> None:
    """Parse every blob the stream delivers into `versions`."""
    for count, (blob, path, raw) in enumerate(stream.blobs(), 1):
        if count % 1000 == 0:
            report(f"parsed {count:,} versions")
        versions[blob] = reader.read(raw, path)
