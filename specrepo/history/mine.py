"""Mine a repository's history of specs: the one entry point of the history package."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from specrepo.base import inputs
from specrepo.base.collection import cycle_collection_paused
from specrepo.base.fs_encoding import refuse_names_git_reads_otherwise
from specrepo.base.paths import real_path, relative_below
from specrepo.check.compiled_schema import SpecSchemaOnce
from specrepo.gitio.adoption import GitAdoption
from specrepo.gitio.git_command import Git, HistoryError, NotARepositoryError
from specrepo.gitio.merging import merge_heads
from specrepo.gitio.repository import (
    RepositoryState,
    fingerprint,
    open_repository,
    shallow_boundary,
    visible_git_dir,
)
from specrepo.history.asked_ahead import AskedAhead
from specrepo.history.cache import (
    CACHE_FILE,
    MiningCache,
    cache_header,
    cache_key,
    damaged_cache,
    load_cache,
    trust_verdicts,
)
from specrepo.history.cached_events import InconsistentCache
from specrepo.history.config_history import config_line_path, config_path_in
from specrepo.history.departures import GitDepartures
from specrepo.history.kept_ancestry import KeptAncestry
from specrepo.history.kept_line_times import KeptLineTimes
from specrepo.history.made_record import settled
from specrepo.history.options import MineOptions
from specrepo.history.relied_objects import fetch_relied, refuse_lost_objects
from specrepo.history.skipped import held_at_head, skipped_warnings
from specrepo.history.spec_histories import spec_histories
from specrepo.history.staged_config import staged_config_line
from specrepo.history.submodules import specs_in_submodules, submodule_warnings
from specrepo.load.locations import SpecLocation, location_matcher
from specrepo.load.reading_keys import reading_key
from specrepo.load.schema_digest import schema_part
from specrepo.load.schema_source import SchemaSource
from specrepo.load.spec_files import discover_spec_files
from specrepo.model.ancestry import GIT_BEGAN, AdoptionPastBoundary
from specrepo.model.boundary_change import SHALLOW_FETCH
from specrepo.model.config import Config
from specrepo.model.event import Event
from specrepo.model.events import CONTENT_EVENTS
from specrepo.model.history import History, SkippedVersion
from specrepo.model.history_warning import HistoryWarning, WordedWarning
from specrepo.model.set_lives import left_the_set

if TYPE_CHECKING:
    from specrepo.gitio.graph import CommitMeta
    from specrepo.history.streamed_walk import ColdStart, WalkStart

# What walks commits (`history.commit_walk`, `history.streamed_walk`, the object reader)
# is imported when a walk or a read of old versions is needed: a warm run, which the cache
# answers, never loads it, nor the comparison of versions it brings.

SHALLOW_HELP = (
    "the repository is a shallow clone, so its history is incomplete; "
    f"{SHALLOW_FETCH}, or pass --allow-shallow to go on with what is there"
)


def mine_history(config: Config, options: MineOptions = MineOptions()) -> History:
    """Every spec's events and status periods, from one pass over the repository.

    Raises `HistoryError` when git cannot read the repository (never an empty history) or,
    with `refuse_submodules`, a spec file's history (in a submodule), and `ConfigError`
    when a configured spec folder does not exist."""
    seen = visible_git_dir(config.root)
    cold = _cold_start(config.root, seen)
    early = ahead = None
    try:
        git, state, parents = _opened(config.root)
        if state.shallow and not options.allow_shallow:
            raise HistoryError(SHALLOW_HELP)
        if seen is None:  # the folders did not show the repository: git has
            cold = _cold_start(config.root, state.git_dir)
        early = cold.walk_start(git, state, config, options.schema) if cold is not None else None
        if early is not None and options.judged and (path := config_path_in(config, state)):
            ahead = AskedAhead(git, state, path)  # git answers beside the walk
        files = list(discover_spec_files(config) if options.spec_files is None
                     else options.spec_files())
        refuse_names_git_reads_otherwise(files, state.work_tree)
        locations = spec_locations_in_repository(config, state, lambda: files)
        nested = specs_in_submodules(files, state.work_tree, refuse=options.refuse_submodules)
        warnings = (*([WordedWarning(f"history is incomplete: shallow clone; {SHALLOW_FETCH}")]
                      if state.shallow else []), *submodule_warnings(nested))
        if state.head is None:
            return History(head=None, head_time=None, specs=(), work_tree=state.work_tree,
                           shallow=state.shallow, warnings=warnings, git_dir=state.git_dir,
                           work_tree_git_dir=state.work_tree_git_dir)
        miner = _Miner(git, state, config, options, locations, early)
        config_path = config_path_in(config, state)
        if not (cache := miner.loaded()).answers(state.head) and (  # a walk: HEAD has it?
                line := staged_config_line(git, state.head, config_path)) is not None:
            miner = _Miner(git, state, config, options, locations, early, line[1])
            cache, config_path = miner.loaded(), line[0] or config_path
        history = miner.mine(cache, warnings)
        changes, adoption = ahead.taken(history.head, config_path) if ahead else (None, None)
    finally:
        for started in (early, cold, ahead):  # the graph too, when no walk took it
            if started is not None:
                started.close()
    history = replace(
        history, ancestry=KeptAncestry(git, state.git_dir, miner.head, miner.key, miner.graph),
        line_times=KeptLineTimes(git, state.git_dir, miner.head, miner.key, miner.line),
        elsewhere=frozenset(nested), shallow_boundary=(boundary := frozenset(parents)),
        boundary_parents=parents, adoption=AdoptionPastBoundary(boundary, adoption or GitAdoption(
            git, miner.head, config_path, state.git_dir, lambda: fingerprint(git, state))),
        departures=GitDepartures(
            git, config, history.head, config_path, state.git_dir, locations, changes,
            config_line_path(config, state, config_path), *miner.walked(history.head)))
    history = _head_raised(history)
    if history.shallow_boundary:
        from specrepo.history.boundary_moves import with_boundary_moves  # noqa: PLC0415

        history = with_boundary_moves(config, history, options.boundary_base)
    if not any(spec.event_kinds & CONTENT_EVENTS for spec in history.specs):
        return history  # no content ever changed: no version to read
    from specrepo.history.approved_changes import with_net_changes  # noqa: PLC0415 (above)

    return with_net_changes(config, history, git, state)


def _opened(root: Path) -> tuple[Git, RepositoryState, dict[str, tuple[str, ...]]]:
    """The repository at `root` (replace refs on), its state and its shallow boundary with
    each commit's stored parents (`shallow_boundary`, read once a run); a clone whose
    `shallow` file lists true roots only holds the whole history: not shallow."""
    git, state = open_repository(root, replace_refs=True)
    parents = shallow_boundary(git, state)
    return git, replace(state, shallow=state.shallow and bool(parents)), parents


def _head_raised(history: History) -> History:
    """`history` with HEAD's time (and offset) as its line takes it when its committer's
    clock was wrong (dated before git began: `LineTimes.taken_as`, raised to the commit
    before it or its author date): the time ages are measured to, and the report's, the
    timeline's and the site's `as of` (trial41b head-dated-1970-hides-stale). The line is
    asked only then."""
    if history.head is None or history.head_time is None or history.head_time >= GIT_BEGAN \
            or history.line_times is None \
            or (taken := history.line_times.taken_as(history.head)) is None:
        return history
    return replace(history, head_time=taken[0], head_offset=taken[1])


def _cold_start(root: Path, git_dir: Path | None) -> ColdStart | None:
    """A walk's start with no cache to continue (`streamed_walk.ColdStart`) when the
    common git folder `git_dir` holds no history cache: begun before the repository around
    `root` is opened, with the folder its folders show (`visible_git_dir`), else once git
    has named it. None otherwise: a run the cache answers imports no walk module."""
    if git_dir is None or inputs.reader.exists(git_dir / CACHE_FILE):
        return None
    from specrepo.history.streamed_walk import ColdStart  # noqa: PLC0415 (see above)

    return ColdStart(root)


def ids_in_history(config: Config, allow_shallow: bool = False) -> tuple[frozenset[str], bool]:
    """Every id any spec has had in the history (none outside a git repository or before
    the first commit), and whether that history is a shallow clone's part of it (which
    raises `HistoryError` unless `allow_shallow`, as for every reader of the history)."""
    try:
        history = mine_history(config, MineOptions(allow_shallow=allow_shallow))
    except NotARepositoryError:
        return frozenset(), False
    return frozenset(spec_id for spec in history.specs for spec_id in spec.ids), history.shallow


def spec_locations_in_repository(config: Config, state: RepositoryState,
                                 spec_files: Callable[[], Iterable[Path]] | None = None
                                 ) -> list[SpecLocation]:
    """The spec locations of the repository `state` describes (`spec_locations_below`)."""
    return spec_locations_below(config, state.work_tree, spec_files)


def spec_locations_below(config: Config, work_tree: Path,
                         spec_files: Callable[[], Iterable[Path]] | None = None
                         ) -> list[SpecLocation]:
    """The configured spec locations relative to the repository's top folder `work_tree`,
    plus where symbolic links among them (`spec_files`, else listed here) lead, as git
    keeps a link, not the spec it leads to: a linked spec folder's target, a linked spec
    file's target. Every reader of committed specs (history, `diff`) reads these."""
    located = _configured_locations(config, work_tree)
    covered = location_matcher(located)
    files = discover_spec_files(config) if spec_files is None else spec_files()
    for path in filter(None, map(relative_below(work_tree), files)):  # a link's target
        if not covered(path) and not inputs.reader.isdir(work_tree / path):  # a link not entered
            located.add(SpecLocation("file", path, config.front_matter))
    return sorted(located)


def _configured_locations(config: Config, work_tree: Path) -> set[SpecLocation]:
    """The configured locations relative to the top folder `work_tree`, and the folders
    that linked spec folders among them lead to."""
    located = {location.below(config_prefix(config, work_tree)) for location in config.locations}
    top = real_path(work_tree)
    for location in config.locations:
        folder = config.root / location.path
        if location.kind == "folder" and inputs.reader.isdir(folder):
            target = real_path(folder)
            if target != inputs.reader.absolute(folder) and target.is_relative_to(top):
                located.add(SpecLocation("folder", target.relative_to(top).as_posix(),
                                         config.front_matter))
    return located


def current_specs_only(config: Config, history: History, files: Iterable[Path]) -> History:
    """`history` without the specs HEAD holds outside the configured locations (only an
    earlier `specrepo.yaml` named theirs): they are not specs now, so `report` and
    `validate --history` leave them out, as `validate` does. `files` are the configured
    spec files (`discover_spec_files`): the targets of linked spec files are specs too.
    Deleted specs stay, and so do those a linked spec file leads to that the work tree
    deleted (the link kept: `broken_link_targets`); lineage across a changed configuration
    is unchanged. One that a move or a configuration change took out of the set ends there
    (`left_the_set`)."""
    in_locations = location_matcher(_configured_locations(config, history.work_tree))
    found = set(filter(None, map(relative_below(history.work_tree), files)))
    outside = [spec for spec in history.specs if spec.current_path
               and spec.current_path not in found and not in_locations(spec.current_path)]
    if outside:  # a spec a link leads to, the link kept and the file deleted: still one
        found.update(broken_link_targets(files, history.work_tree))
        outside = [spec for spec in outside if spec.current_path not in found]
    ended = left_the_set(history, outside, in_locations)
    return replace(history, specs=tuple(
        ended.get(spec.key, spec) for spec in history.specs if spec.current_path is None
        or spec.key in ended or spec.current_path in found or in_locations(spec.current_path)))


def broken_link_targets(files: Iterable[Path], top: Path) -> set[str]:
    """Where those of `files` (listed spec files) that are links leading nowhere lead
    (from the top folder `top`; inside it only)."""
    relative = relative_below(top)
    return {path for file in files if inputs.reader.islink(file)
            and not inputs.reader.exists(file) and (path := relative(real_path(file)))}


def config_prefix(config: Config, top: Path) -> str:
    """The configuration's folder relative to the repository's top folder `top` ("" when
    it is the top); raises `HistoryError` when it is outside."""
    try:
        prefix = real_path(config.root).relative_to(real_path(top)).as_posix()
    except ValueError:
        raise HistoryError(f"{config.root} is not inside the repository at {top}") from None
    return "" if prefix in ("", ".") else prefix


class _Miner:
    """One run: the cache if it answers, else a walk over what it does not cover."""

    def __init__(self, git: Git, state: RepositoryState, config: Config,
                 options: MineOptions, locations: list[SpecLocation],
                 early: WalkStart | None, earlier: tuple[str, ...] | None = None) -> None:
        assert state.head is not None  # `earlier`: see `CommitWalk`; None: HEAD has the file
        self.git, self.state, self.config, self.earlier = git, state, config, earlier
        self.head: str = state.head
        self.locations, self.early = locations, early
        self.report = options.progress or (lambda _: None)
        self.warn = options.warn or (lambda _: None)
        self._rewalked: MiningCache | None = None
        self._walking_on = False  # walking on from a cache: see `_recover`
        self.graph: dict[str, tuple[str, ...]] | None = None  # HEAD's, when walked whole
        self.line: list[CommitMeta] | None = None  # HEAD's line, when the walk listed it
        trust_verdicts(header := cache_header(state.git_dir))
        # The spec schema, read when first asked for (never by a warm run: `schema_part`).
        self.schema: Callable[[], SchemaSource] = (lambda: early.worker.reader.source) \
            if early else options.schema or SpecSchemaOnce(config)
        self.key = cache_key([
            *(location.key for location in locations), str(config.max_file_size),
            repr(config.fields), repr(config.protected), repr(config.protected_sections),
            repr(config.workflow.states), repr(config.front_matter),
            schema_part(header, config.schema_path, config.repository, self.schema),
            str(config.file and real_path(config.file).relative_to(real_path(state.work_tree))),
            # HEAD without the configuration file (`staged_config_line`): its own key, so
            # that a cache of this one's is a cache of a HEAD with the file
            *(("held elsewhere", *earlier) if earlier is not None else ()),
            *fingerprint(git, state)])

    def walked(self, head: str | None
               ) -> tuple[dict[str, tuple[str, ...]] | None, list[CommitMeta] | None]:
        """`graph` and `line` when the walk was of `head`, else (None, None)."""
        return (self.graph, self.line) if head == self.head else (None, None)

    def loaded(self) -> MiningCache:
        """The cache of this run's key (an empty one when there is none to trust)."""
        cache = load_cache(self.state.git_dir, self.key, self.head, self.warn, self._recover)
        return MiningCache(self.key) if cache.assembly is not None and self._lfs_arrived(
            cache) else cache

    def mine(self, cache: MiningCache, warnings: tuple[HistoryWarning, ...]) -> History:
        """The history, from `cache` (`loaded`) and a walk over what it does not cover."""
        if cache.answers(self.head) and not self._made_holds(cache):
            cache = MiningCache(self.key)  # the commit being made renames otherwise now
        cached = cache.assembly is not None  # (partly) answered from the cache
        if walked := not cache.answers(self.head):  # a partial clone's walk fetches what
            cache = self._walk(cache)  # it reads, its cache's too (`CommitWalk._fetch_missing`)
        assembly, versions = cache.assembly, cache.versions
        assert assembly is not None
        held, problems = held_at_head(assembly.head_files, assembly.skipped, self.locations)
        history = History(
            head=self.head,
            head_time=self.state.head_time,
            head_offset=self.state.head_offset,
            specs=spec_histories(assembly, lambda blob, path: versions[reading_key(blob, path)],
                                 cache.events),
            work_tree=self.state.work_tree,
            skipped_versions=len(assembly.skipped),
            skipped=tuple(sorted(SkippedVersion(path, commit, problems, owner or None)
                                 for path, problems, commit, owner in assembly.skipped.values())),
            shallow=self.state.shallow,
            warnings=(*warnings, *map(WordedWarning, cache.config_problems),
                      *skipped_warnings(assembly.skipped, self.config.max_file_size)),
            head_files=held,
            head_problems=problems,
            git_dir=self.state.git_dir,
            work_tree_git_dir=self.state.work_tree_git_dir,
            renamed_states=cache.head_renames,
            wider_protection=cache.wider_protection,
            approved_once=cache.approved_once,
            renamed_since=dict(cache.renamed_since),
            merged_renames=dict(cache.made[3]) if cache.made is not None else {},
        )
        if cached:  # git still holds what the cache's answer rests on?
            if not walked and (fetched := fetch_relied(self.git, self.state, self.config,
                                                       cache)):
                self.report(f"fetched {fetched:,} missing versions the cached history reads")
            refuse_lost_objects(self.git, self.state, history, cache.relied)
        return history

    def _made_holds(self, cache: MiningCache) -> bool:
        """Whether the commit being made renames as the walk of `cache` followed it
        (`made_record.settled`, else `made_again.made_holds`: a merge, or a workflow
        changed in the work tree)."""
        merging = merge_heads(self.state.work_tree_git_dir, self.git) \
            if self.state.work_tree_git_dir is not None else ()
        if settled(cache.made, merging, self.config.workflow.states):
            return True
        from specrepo.history.made_again import made_holds  # noqa: PLC0415 (rare)

        return made_holds(cache.made, merging, self.git, self.state, self.config,
                          self.schema, config_prefix(self.config, self.state.work_tree))

    def _walk(self, cache: MiningCache) -> MiningCache:
        """The walk over what `cache` does not cover (all of history for an empty one)."""
        # The walk builds many small acyclic objects (every version's data) and frees them
        # by reference counting; the cycle collector's passes over the growing heap would
        # cost a tenth of the walk. What lives on is promoted: the first collection after
        # the walk would walk it all.
        from specrepo.history.commit_walk import CommitWalk  # noqa: PLC0415 (see above)

        walk = CommitWalk(self.git, self.state, self.config, key=self.key, source=self.schema(),
                          locations=self.locations, report=self.report, early=self.early,
                          prefix=config_prefix(self.config, self.state.work_tree),
                          earlier=self.earlier or ())
        with cycle_collection_paused(promote=True):
            self._walking_on = cache.assembly is not None
            try:
                return walk.run(cache)
            except InconsistentCache as error:  # a line of events it went on from
                if not self._walking_on:
                    raise
                self.warn(damaged_cache(self.state.git_dir, str(error)))
                self._walking_on = False
                return walk.run(MiningCache(self.key))
            finally:
                self._walking_on = False
                self.graph, self.line = walk.graph, walk.line

    def _recover(self, key: str, reason: str) -> tuple[Event, ...]:
        """The events of the spec `key` when the cache's line of them turned out damaged
        as they were read: the cache is discarded with a warning and the history walked
        again from the start (once a run), which writes it anew."""
        if self._walking_on:  # the walk cannot go on from it: `_walk` starts it anew
            raise InconsistentCache(reason)
        if self._rewalked is None:
            self.warn(damaged_cache(self.state.git_dir, reason))
            self.early = None  # closed when mining returned
            self._rewalked = self._walk(MiningCache(self.key))
        assert self._rewalked.assembly is not None
        lineage = self._rewalked.assembly.lineages.get(key)
        return tuple(lineage.events) if lineage is not None else ()

    def _lfs_arrived(self, cache: MiningCache) -> bool:
        """Whether Git LFS content that was missing when the cache was written is here now."""
        objects = self.state.lfs_objects
        return any(inputs.reader.exists(objects / oid[:2] / oid[2:4] / oid)
                   for oid in cache.lfs_missing)
