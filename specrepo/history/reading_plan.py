"""Which reading (`readings.Reading`) each commit of a walk over history gets: that of the
configuration file and spec schema in force in the commit, followed along first parents
from the commits that changed them (the stream watches both files), so that reading
costs nothing more in the many repositories whose configuration never changes how specs
read: their commits all get today's reading, and their versions are parsed as before.
"""

from __future__ import annotations

import posixpath
import threading
from collections.abc import Callable, Mapping, Sequence

from specrepo.gitio.log import CommitRecord
from specrepo.gitio.objects import ObjectReader
from specrepo.history.format_switch import Lister, fitting_reading, of_kinds
from specrepo.history.made_record import Made, made_by
from specrepo.history.readings import ConfigVersions, Reading, Renames, escapes, files_in
from specrepo.history.rename_line import NOTHING_KNOWN, Known, joined, renamed_later
from specrepo.history.watched_files import watched_order
from specrepo.history.workflow_steps import Configured, WorkflowSteps
from specrepo.load.schema_reading import SchemaFileReader

State = tuple[str | None, ...]
"""The blobs of the watched files in a commit (None: not there): the configuration file,
today's spec schema and the files its references reach (`ReadingPlan.paths`)."""


class ReadingPlan:
    """Readings by number (0: today's, `target`) and the number of each commit's.

    `parents` is the walk's commit graph; commits outside it (where a walk continues a
    cached one) are looked up in git. `config_paths` (today's configuration file, then the
    paths it had before, `commit_walk.CommitWalk.config_paths`), `schema_path` and
    `references` (the files today's schema's references reach) are the files the stream
    watches (from the repository's top; None: there is none today), `prefix` the
    configuration's folder from the top. A commit without today's configuration file is
    read with the first of its earlier paths it has (relative to that file's folder); one
    with none of them, between a deletion and the file's return, with the deleted one
    where `held` is given (`_carried`). Commits are asked about in walk order, parents
    first; the stream's thread and the walk's may ask at once. `config_history`: the
    versions (commit, blob) of the configuration file along a commit's first parents,
    oldest first (`gitio.watched_log.first_parent_versions`), given
    when a walk this one continues found states renamed (it is asked about the commits
    that walk read, outside this walk's graph; without it, none renamed any); `merging`:
    the commits a merge being concluded merges (MERGE_HEAD), whose histories (asked of
    `config_history`, given with them) the commit being made joins (`look_ahead`)."""

    def __init__(self, versions: ConfigVersions, parents: Mapping[str, tuple[str, ...]],
                 objects: ObjectReader, config_paths: Sequence[str], schema_path: str | None,
                 prefix: str, *, complete: bool, references: tuple[str, ...] = (),
                 config_history: Callable[[str], Sequence[tuple[str, str | None]]] | None = None,
                 held: Callable[[str], tuple[str, str] | None] | None = None,
                 merging: Sequence[str] = ()) -> None:
        self.readings: list[Reading] = [versions.target]
        self.trivial = complete
        """Whether every commit asked about so far has no watched file, and so today's
        reading (a walk of every commit, `complete`, until the first that writes one:
        commits come parents first): then nothing is looked up, nor remembered."""
        self.problems: dict[str, set[str]] = {}
        """Why a version of the configuration (or of the schema it names) cannot say how
        specs read -> the commits whose versions were read with today's configuration for
        it."""
        self._unreadable: dict[tuple[object, ...], str] = {}
        """The key of a reading (see `_number`) -> why it cannot be read."""
        self._versions, self._parents, self._objects = versions, parents, objects
        self._schema_path, self._prefix = schema_path, prefix
        self._config_paths = tuple(config_paths)
        self.paths = watched_order(config_paths, schema_path, references)
        """The files whose blobs make a commit's `State`, in its order."""
        self._states: dict[str, State] = {}
        self._known: dict[str, Known] = {}
        """Commit -> what its history renamed (see `Known`)."""
        self._steps = WorkflowSteps(objects, versions)
        self._config_history = config_history
        self._held = held
        """Given where the line goes on through deletions (`config_deletions.line_goes_on`):
        the configuration file in force in a commit (`_carried`)."""
        self.renamed = False
        """Whether some commit asked about had states renamed in its history."""
        self.renamed_here = False
        """Whether a commit of the walk's graph renamed a state."""
        self._ahead: set[str] = set()
        """The commits followed before the walk (`look_ahead`)."""
        self._head: Known | None = None
        """What the history of the commit being made renamed (None: not looked ahead:
        each version's states are set beside today's alone, `readings.towards`)."""
        self.made: Made | None = None
        """What the commit being made renamed (`look_ahead`; None: not looked ahead)."""
        self._merging = tuple(merging)
        self._later_of: dict[Known, Renames | None] = {}
        self.later: dict[tuple[str, ...], Renames] = {}
        """The workflow's states of each configuration read -> those today's workflow
        calls otherwise (`History.renamed_since`)."""
        self._numbers: dict[tuple[object, ...], int] = {}
        self._schemas: dict[str, bytes | None] = {}
        """Schema blob -> its content."""
        self._lock = threading.Lock()
        self.listed: Lister | None = None
        """The files the walk follows in a commit (`format_switch.switched`)."""

    @property
    def watched(self) -> tuple[str, ...]:
        """The files whose changes decide readings."""
        return tuple(path for path in self.paths if path)

    def number_of(self, commit: CommitRecord) -> int:
        """The reading of the versions `commit` wrote (its changes known from the stream)."""
        if self.trivial and not commit.watched:
            return 0
        with self._lock:
            self.trivial = False
            if commit.sha not in self._ahead:
                self._follow(commit)
            return self._number(commit.sha, self._states[commit.sha])

    def look_ahead(self, commits: Sequence[CommitRecord], head: str) -> None:
        """Follow, before the walk, the commits of its range that changed a watched file
        (`commits`, parents first: `gitio.revisions.watched_changes`), so that each
        commit's versions read as the renames HEAD's history made after it say
        (`rename_line.renamed_later`): those of HEAD's (`head`, the walk's) and those the
        commit being made adds, the index's and a merge's being concluded
        (`WorkflowSteps.being_made`: as the walk will follow it once it is made)."""
        with self._lock:
            self.trivial = False
            for commit in commits:
                self._follow(commit)
                self._ahead.add(commit.sha)
            self._state(head)
            others = [self._known[sha] for sha in self._merging if self._state(sha)]
            self._head = self._steps.being_made(head, self._known[head], others,
                                                self._prefix)
            self.made = made_by(self._known[head], self._head, self._merging,
                                self._known.__getitem__, self._versions.states)

    def _follow(self, commit: CommitRecord) -> None:
        """Keep the watched files of `commit` (its changes known) and what its history
        renamed: a merge knows what each parent's did (`rename_line.joined`)."""
        parent = commit.parents[0] if commit.parents else None
        before = self._state(parent) if parent is not None else self._nothing
        state = list(before)
        for path, blob in commit.watched:
            state[self.paths.index(path)] = blob
        self._states[commit.sha] = self._carried(tuple(state), commit.sha, before)
        known = self._known[parent] if parent is not None else NOTHING_KNOWN
        config = self._config_in(self._states[commit.sha])
        others = [self._known[other] for other in commit.parents[1:] if self._state(other)]
        if config != self._config_in(before):
            known = self._advance(known, commit.sha, config, others)
        for other in others:
            known = joined(known, other, commit.sha)
        self._known[commit.sha] = known

    @property
    def _nothing(self) -> State:
        return (None,) * len(self.paths)

    def configurations_of(self, commit: CommitRecord) -> tuple[Configured, Configured]:
        """The configuration file in force in `commit`'s first parent and in `commit` (its
        changes known from the stream; each (path, blob, folder), None: there is none, so
        today's reads): asked of the commits in walk order, as `number_of`."""
        self.number_of(commit)  # keeps the commit's watched files (`_states`)
        if self.trivial:  # no commit so far had a watched file: no configuration file
            return None, None
        with self._lock:
            parent = self._state(commit.parents[0]) if commit.parents else self._nothing
            return self._config_in(parent), self._config_in(self._states[commit.sha])

    def fitting(self, number: int, path: str) -> int:
        """Reading `number` as it reads the file at `path` (`format_switch`)."""
        with self._lock:
            return fitting_reading(self.readings, number, path)

    def config_content(self, path: str, blob: str) -> bytes | None:
        """The content of the configuration file's version `blob` at `path` (None: over
        the size limit)."""
        with self._lock:
            return self._objects.read(blob, path, through_filter=False).content

    def number_at(self, sha: str) -> int:
        """The reading of the versions in commit `sha` (one the stream listed before, or
        one it never lists: no change of a spec, or outside the walk)."""
        if self.trivial:
            return 0
        with self._lock:
            return self._number(sha, self._state(sha))

    def as_specs(self, commit: CommitRecord) -> CommitRecord:
        """`commit` with only the versions that are specs under the configuration of their
        own commit: a Markdown file is none where `front_matter:` is off, a YAML file none
        where it is on (the README.md beside a `kep.yaml`, given front matter when the
        project moves to it). Such a file's version before is no version of a spec (the
        change adds one), nor one after (it deletes one); never a version skipped."""
        if self.trivial:
            return commit
        formats = (self.readings[self.number_at(commit.parents[0])].front_matter
                   if commit.parents else None,
                   self.readings[self.number_at(commit.sha)].front_matter)
        return of_kinds(commit, formats, self.listed)

    def _state(self, sha: str) -> State:
        """The watched files' blobs in commit `sha` (and what its history renamed, kept
        in `_known`)."""
        chain = []
        while sha not in self._states:
            parents = self._parents.get(sha)
            if parents is None:  # before the walk's range: git says
                self._states[sha] = self._carried(
                    tuple(self._blob_at(sha, path) for path in self.paths), sha)
                self._known[sha] = self._known_outside(sha)
                break
            chain.append(sha)
            if not parents:
                self._states[sha], self._known[sha] = self._nothing, NOTHING_KNOWN
                break
            sha = parents[0]
        state, known = self._states[sha], self._known[sha]
        for commit in chain:  # changed nothing watched: the stream would have listed them
            self._states[commit], self._known[commit] = state, known
        return state

    def _carried(self, state: State, sha: str, before: State | None = None) -> State:
        """`state`, the watched files of commit `sha`, with the configuration file in force
        where it has none and the line goes on through deletions (`_held`,
        `config_deletions.in_force`: a deleted file holds until one comes back), asked
        of git only where the commit took the file away (its first parent's watched
        files `before` held one) or lies outside the walk's graph (`before` None); the
        commits after keep it, as they keep any file of their first parent's."""
        if self._held is None or self._config_in(state) is not None \
                or (before is not None and self._config_in(before) is None):
            return state
        held = self._held(sha)
        if held is None or held[0] not in self._config_paths:
            return state
        changed = list(state)
        changed[0 if held[0] == self._config_paths[0] else self.paths.index(held[0])] = held[1]
        return tuple(changed)

    def _advance(self, known: Known, sha: str, config: Configured,
                 others: Sequence[Known] = (), *, inside: bool = True) -> Known:
        """What the history of commit `sha` renamed, its configuration file changed to
        `config` (None: removed): a version that loads renames states of the last one that
        did (`workflow_steps.WorkflowSteps.advanced`; a merge, its other parents' histories
        having renamed `others`); one that does not, or none, renames nothing. `inside`: a
        commit of the walk's graph (`renamed_here`)."""
        found = self._steps.advanced(known, sha, config, others)
        self.renamed = self.renamed or bool(found[0])
        self.renamed_here = self.renamed_here or (inside and found[2] != known[2])
        return found

    def _known_outside(self, sha: str) -> Known:
        """What the history of commit `sha`, outside the walk's graph, renamed: asked of
        git (the configuration file's versions along its first parents) only when the walk
        this one continues found some state renamed, or a merge being concluded merges it
        (`config_history`); else only its configuration's workflow, which renames after it
        are followed from."""
        if self._config_history is None:
            return self._advance(NOTHING_KNOWN, sha, self._config_in(self._states[sha]),
                                 inside=False)
        known = self._steps.line_known(self._config_history(sha),
                                       self._config_paths[0] if self._config_paths else "")
        self.renamed = self.renamed or bool(known[2])
        return known

    def renames_at(self, sha: str) -> Renames:
        """The old status names that the versions in commit `sha` read as the states
        they became (`Reading.stale`), each with that state's name in the target's terms."""
        reading = self.readings[self.number_at(sha)]
        statuses = dict(reading.statuses)
        return tuple((old, statuses.get(new, new)) for old, new in reading.stale)

    def warnings(self, config_path: str) -> list[str]:
        """What could not be read of the configuration's versions, in words: once for
        each problem, naming the first and the last commit it was met in (in the walk's
        order, git's: newest first; a commit before the walk's range older still)."""
        if not self.problems:
            return []
        rank = {sha: index for index, sha in enumerate(self._parents)}
        warnings = []
        for why, commits in sorted(self.problems.items()):
            ordered = sorted(commits, key=lambda sha: (-rank.get(sha, len(rank)), sha))
            first, last = ordered[0][:12], ordered[-1][:12]
            named = f"commit {first}" if first == last else \
                f"{len(ordered)} commits, the first {first}, the last {last}"
            warnings.append(f"{config_path} in {named}: {why}; the versions of specs in "
                            f"{'that commit' if first == last else 'those commits'} were "
                            "read with today's configuration")
        return warnings

    def close(self) -> None:
        """Stop git."""
        self._objects.close()

    def _blob_at(self, sha: str, path: str | None) -> str | None:
        return self._objects.blob_at(sha, path) if path is not None else None

    def _config_in(self, state: State) -> tuple[str, str, str] | None:
        """The configuration file of a commit whose watched files are `state`: (its path,
        blob, folder), at today's path, else the first earlier one the commit has."""
        for index, path in enumerate(self._config_paths):
            blob = state[0 if index == 0 else self.paths.index(path)]
            if blob is not None:
                return path, blob, self._prefix if index == 0 else posixpath.dirname(path)
        return None

    def _number(self, sha: str, state: State) -> int:
        found_config = self._config_in(state)
        known = self._known[sha]
        renames = known[0]
        if found_config is None and not renames:
            return 0
        later = self._renamed_later(known) if found_config is not None else None
        if later is not None and known[1] is not None:
            self.later[known[1]] = later
        key: tuple[object, ...] = (*state, renames, later)
        if key in self._numbers:
            return self._seen(sha, key)
        if found_config is None:  # no configuration file: today's, the old names read as known
            self._numbered(key, self._versions.reading(None, None, known=renames))
            return self._seen(sha, key)
        config_path, config, prefix = found_config
        schema = state[1]
        raw = self._objects.read(config, config_path, through_filter=False).content
        named = self._versions.schema_path(raw) if raw is not None else None
        if named is not None:
            path = f"{prefix}/{named}" if prefix else named
            if path != self._schema_path:  # not today's schema file: not watched
                schema = None if escapes(path) else self._blob_at(sha, path)
                key = (config, f"{path}:{schema}", renames, later)
                if key in self._numbers:
                    return self._seen(sha, key)
        self._numbered(key, self._reading(config, raw, schema, named,
                                          self._files_at(sha, state), (renames, later)))
        return self._seen(sha, key)

    def _renamed_later(self, known: Known) -> Renames | None:
        """`rename_line.renamed_later` of a commit whose history renamed `known`, towards
        HEAD's (None: not looked ahead), once for each."""
        if self._head is None:
            return None
        if known not in self._later_of:
            self._later_of[known] = renamed_later(known, self._head, self._versions.states)
        return self._later_of[known]

    def _seen(self, sha: str, key: tuple[object, ...]) -> int:
        """The number of the reading kept under `key`, for commit `sha` (noted among the
        commits of its problem, where it has one)."""
        why = self._unreadable.get(key)
        if why is not None:
            self.problems.setdefault(why, set()).add(sha)
        return self._numbers[key]

    def _numbered(self, key: tuple[object, ...], found: Reading | str) -> None:
        """Keep the number of the reading `found` under `key`: today's (0) when `found`
        says why the configuration cannot say how specs read."""
        if isinstance(found, str):
            self._unreadable[key] = found
            number = 0
        elif found in self.readings:
            number = self.readings.index(found)
        else:
            self.readings.append(found)
            number = len(self.readings) - 1
        self._numbers[key] = number

    def _reading(self, config: str, raw: bytes | None, schema: str | None,
                 named: str | None, read: SchemaFileReader,
                 renames: tuple[Renames, Renames | None]) -> Reading | str:
        if raw is None:
            return f"over the size limit, not read ({config[:12]})"
        schema_raw = self._content(schema, named) if named is not None and schema else None
        return self._versions.reading(raw, schema_raw, read, *renames)

    def _content(self, blob: str, path: str) -> bytes | None:
        """A schema file's content, by its blob (read once)."""
        if blob not in self._schemas:
            self._schemas[blob] = self._objects.read(blob, path, through_filter=False).content
        return self._schemas[blob]

    def _files_at(self, sha: str, state: State) -> SchemaFileReader:
        """Reads the schema files of commit `sha` (whose watched files are `state`): the
        files a schema's references reach are read as that commit has them."""
        def content(path: str) -> bytes | None:
            blob = state[self.paths.index(path)] if path in self.paths else \
                self._blob_at(sha, path)
            return None if blob is None else self._content(blob, path)
        return files_in(self._versions.top, content)

