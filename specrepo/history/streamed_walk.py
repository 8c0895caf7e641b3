"""The walk over commits, fed as the stream delivers them.

The stream lists the commits in the walk's order (`history.order`), each after the blobs it
names. The commits of a group (a commit of HEAD's first-parent line and those it merged) go
to the assembly as soon as the first commit of a later group comes: the walk keeps up with
git rather than waiting for its last commit. Walking the groups in slices is walking them
at once (`Assembly.feed` resumes where it stopped, as from the cache). Also here: what a
walk starts with (`WalkStart`, `ColdStart`) and what it asks of git (`walk_lookups`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.errors import SpecrepoError
from specrepo.check.compiled_schema import spec_schema_source
from specrepo.compare.content_events import content_events, content_settings
from specrepo.gitio.attribute_sources import ATTRIBUTES_FILE, user_attributes_file
from specrepo.gitio.git_command import Git, HistoryError, Started
from specrepo.gitio.graph import (
    CommitGraph,
    CommitMeta,
    StartedLine,
    commit_meta,
    line_metas,
)
from specrepo.gitio.historical_filters import (
    HistoricalFilters,
    attributes_pathspecs,
    unversioned_attributes,
)
from specrepo.gitio.log import CommitRecord, Taken
from specrepo.gitio.mailmap import map_contacts
from specrepo.gitio.objects import ObjectReader
from specrepo.gitio.partial_clone import fetch_missing_blobs
from specrepo.gitio.repository import RepositoryState
from specrepo.gitio.watched_log import stop_log
from specrepo.history.assemble import Assembly
from specrepo.history.cache import CACHE_FILE
from specrepo.history.config_history import config_path_in
from specrepo.history.lineage_lookups import Lookups
from specrepo.history.readings import schema_path_from_top
from specrepo.history.version_store import VersionStore
from specrepo.history.version_worker import VersionWorker
from specrepo.history.versions import VersionReader
from specrepo.history.watched_files import start_watched_log
from specrepo.load.locations import SpecLocation
from specrepo.load.schema_source import SchemaSource
from specrepo.load.yaml_loader import LoadLimits
from specrepo.model.config import Config


class WalkStart:
    """What a walk over commits starts with: the process parsing versions (forked first,
    before any thread: see `VersionWorker`) and `graph`, the commits `git rev-list` lists
    (started, not yet read: `CommitGraph(listen=False)`; read from here on). A walk that
    continues a cached one (the graph's `since`: a few new commits, mostly) parses here:
    forking would cost more than it saves. The graph is the walk start's from here on:
    stopped with it, or at once if the worker cannot start."""

    def __init__(self, git: Git, graph: CommitGraph, reader: VersionReader,
                 max_bytes: int) -> None:
        try:
            self.worker = VersionWorker(git, reader, max_bytes, fork=graph.since is None)
        except BaseException:
            graph.close()
            raise
        self.graph = graph.listen()
        git.ids = graph.ids  # one string per commit id: the graph's (of its own git, cold)
        self._git = git
        self.log: Started | None = None
        """The watched files' log, started with a cold walk (`watched_files`)."""
        self.line: StartedLine | None = None
        """HEAD's first-parent line, started with a cold walk (`StreamedWalk._meta`)."""

    def close(self) -> None:
        """Stop git and the worker, if they still run."""
        self.graph.close()
        self.worker.close()
        if self.log is not None:
            stop_log(self._git, self.log)
        if self.line is not None:
            self.line.stop()


class StreamedWalk:
    """Feeds `assembly` the commits of HEAD's first-parent line `line` (the part not
    walked yet, oldest first) and of the branches they merged, group by group, in `order`
    (commit -> (group, rank), as `order.walk_order` gives it)."""

    def __init__(self, git: Git, state: RepositoryState, assembly: Assembly,
                 order: dict[str, tuple[int, int]], line: list[str], lookups: Lookups,
                 is_spec_path: Callable[[str], bool], started: StartedLine | None = None
                 ) -> None:
        self._assembly = assembly
        self._order = order
        self._line = line
        self._first = assembly.groups
        self._lookups = lookups
        self._is_spec_path = is_spec_path
        self._contacts = _Contacts(git, state)
        self._metas: dict[str, CommitMeta] = {}
        self._listed: list[CommitMeta] | None = None
        self._git = git
        self._pending: list[CommitRecord] = []
        self._started = started if self._first == 0 and line and started is not None \
            and started.head == line[-1] else None
        """HEAD's whole line, started with a cold walk (`WalkStart.line`), if it is this
        walk's (from the first commit)."""

    def add(self, commit: CommitRecord) -> None:
        """Take the next commit; walk the groups before its own, now complete."""
        group = self._order[commit.sha][0]
        if self._pending and self._order[self._pending[-1].sha][0] != group:
            self._feed(group)
        self._pending.append(commit)

    def finish(self) -> list[CommitMeta] | None:
        """Walk what is left, up to HEAD; returns `whole_line`."""
        self._feed(self._first + len(self._line))
        return self.whole_line()

    def _feed(self, until: int) -> None:
        """Walk the pending commits, and the groups up to `until` (not included)."""
        walked = self._assembly.groups - self._first
        self._assembly.feed(self._contacts.mapped(self._pending), self._order,
                            self._line[walked:until - self._first], self._lookups,
                            self._meta, self._is_spec_path)
        self._pending = []

    def _meta(self, sha: str) -> CommitMeta:
        """Who made a commit of HEAD's line the stream did not list (a merge that changed
        no spec file), and when: at the first such question, every commit of the line
        not walked yet is asked of git at once (`line_metas`: a cold walk of 4,400 merges
        asked 24 `git show`s, twice the processor time); any other commit alone."""
        if self._listed is None:
            self._listed = self._started.metas() if self._started is not None \
                else line_metas(self._git, self._line[-1], len(self._line))
            self._metas.update((meta.sha, meta) for meta in self._listed)
        if sha not in self._metas:
            self._metas[sha] = commit_meta(self._git, sha)
        return self._metas[sha]

    def whole_line(self) -> list[CommitMeta] | None:
        """HEAD's whole first-parent line, HEAD first, when the walk asked git for it (a
        walk from the first commit that asked `_meta`), for `KeptLineTimes` to take; None
        otherwise."""
        return self._listed if self._first == 0 else None


class _Contacts:
    """The approvers and co-authors commit trailers name, through the repository's mailmap
    (as git shows authors); each name asked of git once."""

    def __init__(self, git: Git, state: RepositoryState) -> None:
        self._git = git
        self._state = state
        self._names: dict[str, str] = {}

    def mapped(self, commits: Iterable[CommitRecord]) -> list[CommitRecord]:
        commits = list(commits)
        new = {name for commit in commits for name in (*commit.approvers, *commit.coauthors)
               } - self._names.keys()
        if new:
            self._names.update((name, name) for name in new)
            self._names.update(map_contacts(self._git, self._state, new))
        return [replace(commit, approvers=self._mapped(commit.approvers),
                        coauthors=self._mapped(commit.coauthors))
                if commit.approvers or commit.coauthors else commit for commit in commits]

    def _mapped(self, names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self._names[name] for name in names)


class ColdStart:
    """A walk with no cache to continue (a fresh clone, as on CI), started before the
    repository around `root` is opened: it needs the whole commit graph before git can
    list its first change, so `git rev-list` of HEAD starts first, its output waiting in a
    widened pipe; the version worker is forked once the repository is open (`walk_start`),
    and the spec files are listed while both run. The walk uses the graph only if git
    listed it from the HEAD the repository was opened at (`CommitGraph.lists_from`)."""

    def __init__(self, root: Path) -> None:
        try:
            self._graph: CommitGraph | None = CommitGraph(Git(root), "HEAD", listen=False,
                                                          trees=True)
        except HistoryError:  # no git: opening the repository says so
            self._graph = None

    def walk_start(self, git: Git, state: RepositoryState, config: Config,
                   schema: Callable[[], SchemaSource] | None = None) -> WalkStart | None:
        """The walk's start, once the repository is open, reading versions with the
        caller's `schema` (one load a run: a `SpecSchemaOnce`; None: loaded here); None (git
        stopped) when it has a cache after all or no commit yet, or when the schema cannot
        be read (the error comes in its turn)."""
        graph = self._graph
        if graph is None or state.head is None or inputs.reader.exists(state.git_dir / CACHE_FILE):
            self.close()
            return None
        try:
            source = schema() if schema is not None else spec_schema_source(config)
        except SpecrepoError:
            self.close()
            return None
        if state.promisor_remote is not None:  # before anything reads them: one batch
            try:
                fetch_missing_blobs(git, state, [state.head], [], read_files_pathspecs(
                    config, state.work_tree, [path] if (path := config_path_in(config, state))
                    else []))
            except BaseException:
                self.close()
                raise
        self._graph = None  # the walk's from now on
        start = WalkStart(git, graph, version_reader(config, state, source),
                          config.max_file_size)
        try:  # after the fork: its thread must not run at one
            start.log = start_watched_log(git, config, state, source)
            start.line = StartedLine(git, state.head)
        except BaseException:
            start.close()
            raise
        return start

    def close(self) -> None:
        """Stop git, if no walk took its graph."""
        if self._graph is not None:
            self._graph.close()
            self._graph = None


def read_files_pathspecs(config: Config, top: Path, config_paths: Iterable[str]) -> list[str]:
    """Literal git pathspecs (from the top) of the files besides the specs whose versions
    a walk reads: the configuration file's paths `config_paths` (from the top `top`) and
    the configured schema's, when it lies in the repository (`schema_path_from_top`)."""
    schema = schema_path_from_top(config, top)
    return [f":(top,literal){path}"
            for path in dict.fromkeys([*config_paths, *([schema] if schema else [])])]


def submitting(worker: VersionWorker, objects: ObjectReader) -> Callable[[list[Taken]], None]:
    """What the stream hands each read's commits to: the worker, once git's rename
    detection is asked ahead for each commit that deleted a spec file and added one that
    their blob ids do not pair (the walk may ask it which are one spec moved:
    `lineage._moves_by_content`), so that its answer waits for the walk."""

    def take(commits: list[Taken]) -> None:
        for commit, _, _ in commits:
            if commit.parents and _may_move_by_content(commit):
                objects.renames.ask_ahead(commit.parents[0], commit.sha)
        worker.submit(commits)

    return take


def _may_move_by_content(commit: CommitRecord) -> bool:
    """Whether `commit` deleted a file and added one, neither with the other's blob."""
    deleted = {change.old_blob for change in commit.changes if change.new_blob is None}
    added = {change.new_blob for change in commit.changes if change.old_blob is None}
    return bool(deleted - added) and bool(added - deleted)


def historical_filters(git: Git, state: RepositoryState, graph: CommitGraph,
                       locations: list[SpecLocation],
                       objects: ObjectReader) -> HistoricalFilters:
    """Which filter each commit's attributes give the spec files of `locations` in a walk
    over `graph` (`gitio.historical_filters`)."""
    return HistoricalFilters(
        git, state.git_dir, state.object_format, graph.parents,
        attributes_pathspecs(locations),
        lambda blob: objects.read(blob, ATTRIBUTES_FILE, through_filter=False).content,
        unversioned_attributes(state.git_dir, state.settings, git.environment,
                               state.work_tree),
        complete=graph.since is None, since=graph.since,
        user_file=user_attributes_file(state.settings, git.environment, state.work_tree))


def version_reader(config: Config, state: RepositoryState,
                   source: SchemaSource) -> VersionReader:
    """A reader of historical versions, as the configuration reads specs."""
    return VersionReader(LoadLimits(max_bytes=config.max_file_size), source, config.fields,
                         state.lfs_objects, front_matter=config.front_matter,
                         states=config.workflow.states)


def walk_lookups(config: Config, state: RepositoryState, assembly: Assembly,
                 store: VersionStore, objects: ObjectReader) -> Lookups:
    """What the walk of `state`'s repository asks of git and of the versions read."""
    settings = content_settings(config)
    return Lookups(
        version=store.version,
        effective=lambda path, blob: assembly.effective(path, blob, store.version),
        blob_at=store.blob_at,
        renames=objects.renames.renames,
        content=store.content,
        compare=lambda old, new: content_events(old, new, settings),
        owner=lambda path, blob: assembly.owners.get((path, blob)),
        shallow=state.shallow,
    )
