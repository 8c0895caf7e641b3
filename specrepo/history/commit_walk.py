"""Walk the commits a mining cache does not cover (every commit, when there is no cache)
and save what the walk found as the new cache.

Only a walk imports this module: a warm run, which the cache answers, loads none of the
modules that walk commits, read versions or compare them (`history.mine` imports it when
the cache falls short)."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from specrepo.base.paths import real_path
from specrepo.gitio.config_deletions import deleted_before, in_force, line_goes_on
from specrepo.gitio.config_moves import configuration_sources
from specrepo.gitio.git_command import Git
from specrepo.gitio.graph import CommitGraph, CommitMeta, StartedLine
from specrepo.gitio.historical_filters import attributes_pathspecs
from specrepo.gitio.log import CommitRecord, stream_history
from specrepo.gitio.merging import merge_heads
from specrepo.gitio.objects import Located, ObjectReader
from specrepo.gitio.partial_clone import fetch_missing_blobs
from specrepo.gitio.repository import RepositoryState
from specrepo.gitio.watched_log import first_parent_versions, watched_changes
from specrepo.history.approval_protection import ConfigFacts, config_facts
from specrepo.history.assemble import Assembly
from specrepo.history.cache import MiningCache, save_cache
from specrepo.history.config_history import config_line_path, locations_named
from specrepo.history.excluded_fetch import excluded_reads
from specrepo.history.excluded_versions import (
    ExcludedVersions,
    exclude_globs,
    listed_locations,
)
from specrepo.history.format_switch import followed_files
from specrepo.history.link_targets import linked_folders, linked_locations
from specrepo.history.made_record import made_changed
from specrepo.history.order import continues, mainline, walk_order
from specrepo.history.reading_plan import ReadingPlan
from specrepo.history.readings import (
    ConfigVersions,
    current_reading,
    reference_paths,
    schema_path_from_top,
)
from specrepo.history.relied_objects import (
    Names,
    Relied,
    listed_objects,
    names_text,
    relied_names,
)
from specrepo.history.streamed_walk import (
    StreamedWalk,
    WalkStart,
    historical_filters,
    read_files_pathspecs,
    submitting,
    version_reader,
    walk_lookups,
)
from specrepo.history.version_store import VersionStore
from specrepo.history.version_worker import Parsed, VersionWorker
from specrepo.load.covered_locations import covered
from specrepo.load.locations import SpecLocation, location_matcher, pathspecs
from specrepo.load.schema_digest import schema_key_part
from specrepo.load.schema_source import SchemaSource
from specrepo.model.config import Config

RenamedSinceCache = tuple[tuple[tuple[str, ...], tuple[tuple[str, str], ...]], ...]
"""`MiningCache.renamed_since`."""


class CommitWalk:
    """One walk over the commits from `state`'s HEAD that a cache leaves out, for the spec
    files of `locations` (relative to the repository's top), read through the schema
    `source`; its cache is saved under `key`. `prefix`: the configuration's folder below
    the top (`mine.config_prefix`); `early`: a walk started before the spec files were
    listed (`streamed_walk.ColdStart`), used when no cache is continued."""

    def __init__(self, git: Git, state: RepositoryState, config: Config, *, key: str,
                 source: SchemaSource, locations: list[SpecLocation], prefix: str,
                 report: Callable[[str], None], early: WalkStart | None,
                 earlier: tuple[str, ...] = ()) -> None:
        assert state.head is not None
        self.git, self.state, self.config = git, state, config
        self.head: str = state.head
        self.key, self.source, self.locations, self.prefix = key, source, locations, prefix
        self.report, self.early = report, early
        path = config_line_path(config, state, self._config_path())
        self.config_paths: list[str] = [*([path] if path is not None else []), *earlier]
        """The paths the configuration file had, today's first (with none in the work
        tree, `specrepo.yaml` in its folder: one deleted held the spec locations before):
        history follows its own moves (`gitio.config_moves`; `earlier`: a move in the work
        tree, not committed yet), whose versions name the spec locations of their commits
        relative to the folder each was in."""
        self._sources: set[str] = set()
        """Earlier paths of the configuration found by a walk, for the next."""
        self.graph: dict[str, tuple[str, ...]] | None = None
        """After a run that walked the whole history: its commits' parents (all those
        HEAD reaches, in `git rev-list`'s order), for questions of ancestry."""
        self.line: list[CommitMeta] | None = None
        """After a run that walked the whole history and asked git for HEAD's line
        (`StreamedWalk.whole_line`): its commits, HEAD first, for `KeptLineTimes`."""

    def run(self, cache: MiningCache) -> MiningCache:
        """Walk the commits the cache does not cover (all of them, if it covers none).

        The walk reads the configuration's versions too; should one name a spec folder the
        walk did not cover (a renamed spec folder), or the configuration file turn out to
        have been elsewhere before (moved with its specs), the whole history is walked
        again with it."""
        locations = sorted({*self.locations, *cache.locations})
        while True:
            start = self.early if self.early is not None and cache.assembly is None else \
                WalkStart(self.git, CommitGraph(self.git, self.head,
                                                cache.head if cache.assembly else None,
                                                listen=False, trees=True),
                          version_reader(self.config, self.state, self.source),
                          self.config.max_file_size)
            self.early = None
            self.graph = self.line = None
            try:
                if start.graph.since is not None and not (
                        start.graph.loads()
                        and continues(start.graph.parents, self.head, start.graph.since)):
                    start.graph.close()
                    cache = MiningCache(self.key)
                    start.graph = CommitGraph(self.git, self.head, trees=True)
                elif start.graph.head != self.head and not start.graph.lists_from(self.head):
                    start.graph.close()  # started early, from a HEAD that moved since
                    start.graph = CommitGraph(self.git, self.head, trees=True)
                self.config_paths.extend(  # the earlier paths the walks it continues found
                    path for path in cache.config_paths if path not in self.config_paths)
                walked = self._walk_range(start.graph, cache, locations, start.worker,
                                          start.line)
                if start.graph.since is None:  # listed from HEAD (`lists_from`), all of it
                    self.graph = start.graph.parents
            finally:
                start.close()
            if isinstance(walked, MiningCache):
                return walked
            locations = sorted({*locations, *walked})
            self.config_paths.extend(sorted(self._sources - set(self.config_paths)))
            self._sources.clear()
            cache = MiningCache(self.key)

    def _config_path(self) -> str | None:
        """The configuration file, relative to the repository's top."""
        if self.config.file is None:
            return None
        return real_path(self.config.file).relative_to(real_path(self.state.work_tree)).as_posix()

    def _walk_range(self, graph: CommitGraph, cache: MiningCache,
                    locations: list[SpecLocation], worker: VersionWorker,
                    line: StartedLine | None) -> MiningCache | set[SpecLocation]:
        """Walk the graph's range, continuing `cache`; or, when a configuration in it names
        spec locations `locations` lacks, those locations. `line`: HEAD's line, started
        with the walk (`WalkStart.line`)."""
        assembly, versions = cache.assembly or Assembly(), dict(cache.versions)
        self._fetch_missing(graph, locations, cache.relied[1] if graph.since else "")
        self.report("reading new commits" if graph.since else "reading the history of spec files")
        objects = ObjectReader(self.git, self.config.max_file_size, pathspecs(locations))
        objects.read_ids = read_ids = set[str]()  # the plan's reader's too: what a cold run reads
        if graph.since is None:  # a whole history: ready by the walk's first look-up
            objects.start()
        store = VersionStore(worker.readers, versions, objects)
        _load(graph, objects)
        order = walk_order(graph.parents, graph.head, assembly.groups)
        walked = sorted(order, key=order.__getitem__)  # parents first
        plan = self._reading_plan(graph, walked, worker, cache.renamed_states, locations,
                                  objects)
        walk = StreamedWalk(self.git, self.state, assembly, order,
                            mainline(graph.parents, graph.head),
                            walk_lookups(self.config, self.state, assembly, store, objects),
                            location_matcher(self.locations), line)
        try:
            if graph.since is not None and _renamed_otherwise(plan, cache):
                return set()  # walk it all again
            store.filters = historical_filters(self.git, self.state, graph, locations, objects)
            excluded = ExcludedVersions(plan, self.locations, assembly.followed)
            with stream_history(self.git, walked,
                                excluded.listed(locations),
                                submitting(worker, objects), worker.end, frozenset(versions),
                                self.config_paths, attributes_pathspecs(locations),
                                plan.watched, excluded) as stream, \
                    worker.stopped_on_error():
                commits: list[CommitRecord] = []
                named = self._stream(worker.results(), store, walk, set(locations), objects,
                                     commits, plan, excluded)
                stream.wait()
            if named is None:
                named = linked_folders(objects, commits, order, locations,
                                       self.config.front_matter) or None
            if named is not None:
                return named
            self.line = walk.finish()
            renames, (wider, approved, since) = plan.renames_at(self.head), \
                self._config_facts(cache, objects, commits, plan)
            del walk, order, walked, commits  # freed before the cache is listed and written
        finally:
            if store.filters is not None:
                store.filters.close()
            objects.close()
            plan.close()
        return self._saved(MiningCache(
            self.key, self.head, assembly, versions, tuple(locations),
            tuple(sorted({*cache.lfs_missing, *worker.lfs_missing, *worker.readers.lfs_missing})),
            tuple(sorted({*cache.config_problems, *plan.warnings(self._config_path() or "")})),
            renamed_states=cache.renamed_states or plan.renamed, head_renames=renames,
            wider_protection=wider, approved_once=approved, renamed_since=since,
            config_paths=tuple(self.config_paths), made=plan.made or cache.made,
            relied=_relied_freed(cache.relied, graph, versions, stream.trees, read_ids)))

    def _fetch_missing(self, graph: CommitGraph, locations: list[SpecLocation],
                       relied: Names) -> None:
        """In a partial clone, fetch the versions of spec files of `graph`'s range it lacks,
        with those of the configuration file, the schema and the `.gitattributes` files the
        walk reads, and those of `relied` (a continued cache's blob ids,
        `relied_objects.Names`; its diffs read the approved versions before the range), in one
        batch (`partial_clone`); then those of the files today's `exclude:` names that an
        older configuration read (`excluded_fetch`), in a second one."""
        if self.state.promisor_remote is None:
            return
        revisions = [self.head, *([f"^{graph.since}"] if graph.since else [])]
        also = [*read_files_pathspecs(self.config, self.state.work_tree, self.config_paths),
                *attributes_pathspecs(locations)]
        fetched = fetch_missing_blobs(self.git, self.state, revisions, locations, also,
                                      relied=names_text(relied))
        exclude = exclude_globs(self.locations)
        listed = listed_locations(locations, exclude)
        if read := excluded_reads(self.git, revisions, listed, exclude, self.config_paths):
            fetched += fetch_missing_blobs(self.git, self.state, revisions, listed,
                                           among="\n".join(read))
        if fetched:
            self.report(f"fetched {fetched:,} missing versions of spec, configuration, schema "
                        "and attributes files")

    def _saved(self, walked: MiningCache) -> MiningCache:
        """`walked`, saved as the new cache."""
        files = self.source.files
        save_cache(self.state.git_dir, walked, files,
                   schema_key_part(files, self.config.repository) if files else None)
        return walked

    def _config_facts(self, cache: MiningCache, objects: ObjectReader,
                      commits: list[CommitRecord], plan: ReadingPlan
                      ) -> tuple[bool, frozenset[str] | None, RenamedSinceCache]:
        """What the versions of the configuration file in the history walked, `commits`
        and those of the `cache` it continues, tell (`approval_protection.config_facts`),
        and the renames of each version's states since, by its states (those of `plan`'s
        versions, then the cache's: `History.renamed_since`)."""
        before: ConfigFacts | None = (cache.wider_protection, cache.approved_once) \
            if cache.assembly is not None else None
        since = {**dict(cache.renamed_since), **plan.later}
        return (*config_facts(self.config, self.state, objects, self.config_paths, commits,
                              before, since), tuple(sorted(since.items())))

    def _reading_plan(self, graph: CommitGraph, walked: list[str], worker: VersionWorker,
                      renamed_before: bool, locations: list[SpecLocation],
                      objects: ObjectReader) -> ReadingPlan:
        """Which reading each commit of `graph` gets (see `reading_plan`), told to the
        worker that parses their versions; `renamed_before`: whether the walk it continues
        found a state renamed; `locations`: the walk's (the files a commit that switches
        `front_matter:` lists, `format_switch`); `objects`: the walk's reader, whose
        `read_ids` the plan's reader adds to, closed with the plan when it fails (a
        version of the configuration git has lost)."""
        target = worker.reader
        reader = ObjectReader(self.git, self.config.max_file_size)
        reader.read_ids = objects.read_ids
        config_path = self._config_path()
        merging = merge_heads(self.state.work_tree_git_dir, self.git) \
            if self.state.work_tree_git_dir is not None else ()
        plan = ReadingPlan(
            ConfigVersions(self.config, current_reading(self.config, target.source),
                           self.config.workflow.states, self.state.work_tree),
            graph.parents, reader,
            self.config_paths, schema_path_from_top(self.config, self.state.work_tree),
            self.prefix, complete=graph.since is None and not self.state.shallow,
            references=reference_paths(target.source, self.state.work_tree),
            config_history=partial(first_parent_versions, self.git, path=config_path)
            if (renamed_before or merging) and config_path is not None else None,
            held=partial(in_force, self.git, paths=self.config_paths)
            if line_goes_on(self.config.file) and self.config_paths else None,
            merging=merging)
        worker.plan = worker.readers.plan = plan
        plan.listed = followed_files(self.git, locations)
        try:  # how each version's states are called today
            if (ahead := watched_changes(self.git, self.head, graph.since, plan.watched,
                                         (graph.parents, walked))) \
                    or merging:  # a merge being concluded joins its commits' renames
                plan.look_ahead(ahead, self.head)
        except BaseException:
            plan.close()
            objects.close()
            raise
        return plan

    def _stream(self, results: Iterator[Parsed | Located | CommitRecord], store: VersionStore,
                walk: StreamedWalk, locations: set[SpecLocation], objects: ObjectReader,
                commits: list[CommitRecord], plan: ReadingPlan,
                excluded: ExcludedVersions) -> set[SpecLocation] | None:
        """Keep the versions and walk the commits as the stream delivers them (each also
        kept in `commits`); or, should a configuration in it name spec locations
        `locations` lacks, or a link among spec files lead to one, stop walking and return
        those (the whole stream's)."""
        named: set[SpecLocation] = set()
        parsed = 0
        for result in results:
            if isinstance(result, Located):
                objects.remember(result)
                continue
            if not isinstance(result, CommitRecord):
                parsed += 1
                if parsed % 1000 == 0:
                    self.report(f"parsed {parsed:,} versions")
                store.put(result)
                continue
            commits.append(result)
            store.through_filters(result)
            if result.links or result.config_blobs or result.config_added:  # most: none
                named.update(self._named_locations(objects, result, locations))
            if named <= locations and not self._sources:
                walk.add(plan.as_specs(excluded.of_specs(result, store.version)))
        return None if named <= locations and not self._sources else named

    def _named_locations(self, objects: ObjectReader, commit: CommitRecord,
                         locations: set[SpecLocation]) -> set[SpecLocation]:
        """The spec locations the configuration's versions in `commit` name (each relative
        to its own folder), and the files that links among spec files it wrote lead to,
        that `locations` do not cover (`covered`). A configuration file `commit` added at
        one of its paths was taken from the files its parents had there (`_sources`), whose
        versions there name locations too."""
        found = linked_locations([(path, objects.read(blob, path).content)
                                  for path, blob in commit.links],
                                 sorted(locations), self.config.front_matter) \
            if commit.links else set()
        versions = list(commit.config_blobs)
        for added in commit.config_added:
            sources = configuration_sources(self.git, commit.sha, commit.parents, added)
            for _, path, blob in sources:
                versions.append((path, blob))
                if path not in self.config_paths:
                    self._sources.add(path)
            if not sources and commit.parents and (earlier := deleted_before(
                    self.git, commit.parents[0], added, commit.sha)) not in (
                        None, *self.config_paths):
                self._sources.add(str(earlier))  # deleted earlier: its line, watched too
        for path, blob in sorted(versions):
            content = objects.read(blob, path).content
            if content is not None:
                found.update(locations_named(
                    content, self.prefix if path == self.config_paths[0]
                    else posixpath.dirname(path), self.config.exclude))
        # A narrowed `specs:` (a glob inside a walked one) names no file to walk again for.
        return {location for location in found if not covered(location, locations)}


def _renamed_otherwise(plan: ReadingPlan, cache: MiningCache) -> bool:
    """Whether a walk on from `cache` reads states renamed otherwise than the cache's
    versions read them (`plan`: the walk's): a commit of the walk renamed one, or the
    commit being made renames otherwise (`made_record.made_changed`)."""
    return plan.renamed_here or made_changed(cache.made, plan.made)


def _load(graph: CommitGraph, objects: ObjectReader) -> None:
    """`graph.load()`; `objects` closed when git cannot list the history (a lost commit),
    so that no `cat-file` it started is left running."""
    try:
        graph.load()
    except BaseException:
        objects.close()
        raise


def _relied_freed(relied: Relied, graph: CommitGraph, versions: Iterable[str],
                  trees: set[str], read_ids: set[str]) -> Relied:
    """`relied_names` of a walk that ends, its commits' trees (`graph.trees`) and the
    folders' tree ids it listed (`trees`) dropped once listed: read by `relied_names`
    alone, they would be held while the cache is written, the peak of a cold run's memory
    (mem65), their tables while the text is joined (mem66)."""
    listed = listed_objects(graph.parents, graph.trees, trees)
    graph.trees.clear()
    trees.clear()
    return relied_names(relied, listed, versions, read_ids)
