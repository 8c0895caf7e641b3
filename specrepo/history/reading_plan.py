"""Which reading (`readings.Reading`) each commit of a walk over history gets: that of the
configuration file and spec schema in force in the commit, followed along first parents
from the commits that changed them (the stream watches both files), so that reading
costs nothing more in the many repositories whose configuration never changes how specs
read: their commits all get today's reading, and their versions are parsed as before.
"""

from __future__ import annotations

import posixpath
import threading
from collections.abc import Mapping, Sequence
from dataclasses import replace

from specrepo.gitio.log import CommitRecord
from specrepo.gitio.objects import ObjectReader
from specrepo.history.readings import ConfigVersions, Reading, escapes, files_in
from specrepo.history.versions import VersionReader
from specrepo.load.locations import spec_named, spec_suffixes
from specrepo.load.schema_files import SchemaFileReader

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
    read with the first of its earlier paths it has (relative to that file's folder).
    Commits are asked about in walk order, parents first; the stream's
    thread and the walk's may ask at once."""

    def __init__(self, versions: ConfigVersions, parents: Mapping[str, tuple[str, ...]],
                 objects: ObjectReader, config_paths: Sequence[str], schema_path: str | None,
                 prefix: str, *, complete: bool, references: tuple[str, ...] = ()) -> None:
        self.readings: list[Reading] = [versions.target]
        self.trivial = complete
        """Whether every commit asked about so far has no watched file, and so today's
        reading (a walk of every commit, `complete`, until the first that writes one:
        commits come parents first): then nothing is looked up, nor remembered."""
        self.problems: dict[str, str] = {}
        """Configuration file blob -> why that version cannot say how specs read (its
        commits' versions are read with today's configuration)."""
        self._versions, self._parents, self._objects = versions, parents, objects
        self._schema_path, self._prefix = schema_path, prefix
        self._config_paths = tuple(config_paths)
        self.paths: tuple[str | None, ...] = (
            config_paths[0] if config_paths else None, schema_path, *references,
            *config_paths[1:])
        """The files whose blobs make a commit's `State`, in its order."""
        self._states: dict[str, State] = {}
        self._numbers: dict[tuple[str | None, ...], int] = {}
        self._schemas: dict[str, bytes | None] = {}
        """Schema blob -> its content."""
        self._lock = threading.Lock()

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
            state = list(self._state(commit.parents[0]) if commit.parents else
                         self._nothing)
            for path, blob in commit.watched:
                state[self.paths.index(path)] = blob
            self._states[commit.sha] = tuple(state)
            return self._number(commit.sha, self._states[commit.sha])

    @property
    def _nothing(self) -> State:
        return (None,) * len(self.paths)

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
        changes = tuple(replace(
            change, old_blob=change.old_blob if _fits(change.path, formats[0]) else None,
            new_blob=change.new_blob if _fits(change.path, formats[1]) else None)
            for change in commit.changes)
        if changes == commit.changes:
            return commit
        return replace(commit, changes=tuple(change for change in changes
                                             if change.old_blob or change.new_blob))

    def _state(self, sha: str) -> State:
        chain = []
        while sha not in self._states:
            parents = self._parents.get(sha)
            if parents is None:  # before the walk's range: git says
                self._states[sha] = tuple(self._blob_at(sha, path) for path in self.paths)
                break
            chain.append(sha)
            if not parents:
                self._states[sha] = self._nothing
                break
            sha = parents[0]
        state = self._states[sha]
        for commit in chain:  # changed nothing watched: the stream would have listed them
            self._states[commit] = state
        return state

    def warnings(self, config_path: str) -> list[str]:
        """What could not be read of the configuration's versions, in words."""
        return [f"{config_path} {blob[:12]}: {why}; the versions of specs in its commits "
                "were read with today's configuration"
                for blob, why in sorted(self.problems.items())]

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
        if found_config is None:
            return 0
        config_path, config, prefix = found_config
        schema = state[1]
        key: tuple[str | None, ...] = state
        if key in self._numbers:
            return self._numbers[key]
        raw = self._objects.read(config, config_path, through_filter=False).content
        named = self._versions.schema_path(raw) if raw is not None else None
        if named is not None:
            path = f"{prefix}/{named}" if prefix else named
            if path != self._schema_path:  # not today's schema file: not watched
                schema = None if escapes(path) else self._blob_at(sha, path)
                key = (config, f"{path}:{schema}")
                if key in self._numbers:
                    return self._numbers[key]
        found = self._reading(config, raw, schema, named, self._files_at(sha, state))
        if isinstance(found, str):
            self.problems.setdefault(config, found)
            number = 0
        elif found in self.readings:
            number = self.readings.index(found)
        else:
            self.readings.append(found)
            number = len(self.readings) - 1
        self._numbers[key] = number
        return number

    def _reading(self, config: str, raw: bytes | None, schema: str | None,
                 named: str | None, read: SchemaFileReader) -> Reading | str:
        if raw is None:
            return f"over the size limit, not read ({config[:12]})"
        schema_raw = self._content(schema, named) if named is not None and schema else None
        return self._versions.reading(raw, schema_raw, read)

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


def _fits(path: str, markdown: bool | None) -> bool:
    """Whether a file at `path` can be a spec where specs are Markdown (`markdown`), or
    YAML: it is not named as the other kind's are (None: no commit, any)."""
    return markdown is None or not spec_named(path, spec_suffixes(not markdown))


class Readers:
    """A reader of versions (`VersionReader`) for each reading of a plan, made on first
    use, each towards `target`, the reader of reading 0."""

    def __init__(self, target: VersionReader) -> None:
        self.target = target
        self.plan: ReadingPlan | None = None
        """Where the readings not defined here are (in the process that walks)."""
        self._readers: dict[int, VersionReader] = {0: target}
        self._readings: dict[int, Reading] = {}

    def define(self, number: int, reading: Reading) -> None:
        """Say what reading `number` is."""
        self._readings[number] = reading

    def __getitem__(self, number: int) -> VersionReader:
        if number not in self._readers:
            reading = self._readings.get(number)
            if reading is None:
                assert self.plan is not None
                reading = self.plan.readings[number]
            self._readers[number] = VersionReader.of(reading, self.target)
        return self._readers[number]

    def at(self, commit: str | None) -> VersionReader:
        """The reader of the versions in `commit` (None: unknown, today's)."""
        if commit is None or self.plan is None:
            return self.target
        return self[self.plan.number_at(commit)]

    @property
    def lfs_missing(self) -> set[str]:
        """The Git LFS objects every reader found missing."""
        return {oid for reader in self._readers.values() for oid in reader.lfs_missing}
