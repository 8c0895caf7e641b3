"""Which spec on one side of a diff is which on the other: the history's identity rules
(`lineage.identify`) applied to the files that differ between the two sides, as if one
commit had made all their changes. Only those files are read, each once, whole.

A file changed in place is the spec it was, whatever its id says now (renumbered); a file
deleted and another added with its id is that spec moved; git's rename detection pairs
what is left; a file added with the id of a spec still there is a new spec (a copy)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from specrepo.base.deferred_dataclass import dataclass
from specrepo.check.compiled_schema import spec_schema_source
from specrepo.check.spec_ids import shown_spec_id
from specrepo.gitio.diff_sides import DiffSides, SidesQuery
from specrepo.gitio.git_command import Git
from specrepo.gitio.log import WORK_TREE_BLOB, CommitRecord, FileChange
from specrepo.gitio.objects import ObjectReader
from specrepo.gitio.renames import detect_renames
from specrepo.history.config_file_bytes import config_bytes, config_file_name, config_file_path
from specrepo.history.index_side import StagedConfig
from specrepo.history.lineage import Step, identify
from specrepo.history.lineage_lookups import Lookups
from specrepo.history.lineage_state import Lineage
from specrepo.history.mine import config_prefix, spec_locations_below
from specrepo.history.readings import Reading, current_reading, schema_path_from_top
from specrepo.history.side_locations import (
    SideLocations,
    moved_configuration,
    side_locations,
    spec_changes,
)
from specrepo.history.side_readings import SideReadings, side_readings
from specrepo.history.versions import VersionReader
from specrepo.history.work_tree_moves import similar_files, staged_moves
from specrepo.load.glob_walk import looked_for_spec_links, may_hold_spec_links
from specrepo.load.locations import MARKDOWN_SUFFIXES, SpecLocation, spec_named
from specrepo.load.spec_files import discover_spec_files, read_spec_file
from specrepo.load.yaml_loader import LoadLimits, YamlError
from specrepo.model.config import Config
from specrepo.model.version import FieldProblem, Version, VersionContent, unloaded_version


@dataclass(frozen=True)
class SpecSide:
    """A spec on one side of a diff: its file (from the repository's top), the commit it
    was read from (None: the work tree), its mined fields and its content (None when it
    does not load)."""

    path: str
    commit: str | None
    version: Version
    content: VersionContent | None
    unloaded: FieldProblem | None = None
    """Why its content does not load, and where (None when it loads)."""


@dataclass(frozen=True)
class SpecPair:
    """One spec on both sides: `old` is None for a spec added, `new` for one removed."""

    old: SpecSide | None
    new: SpecSide | None


@dataclass(frozen=True)
class ChangedSpecs:
    """The specs that differ between the two sides of a diff, and the changed spec files
    that are a spec on neither side, with why (no valid id, or a file that does not load)."""

    sides: DiffSides
    pairs: tuple[SpecPair, ...]
    not_specs: tuple[tuple[str, FieldProblem], ...]
    """(path, why and where) for each changed file of the new side that is no spec."""
    warnings: tuple[str, ...] = ()
    """What could not be read of a side's configuration (see `side_locations`)."""
    shown_ids: tuple[str, ...] = ()
    """The ids the files of `not_specs` show (`SideReader.spec_id`: one that does not
    load counts by its `id:` line or its name), which `new` must not give again."""


class SideReader:
    """Reads a side's files, each once: blobs through one `git cat-file --batch`, work tree
    files from the disk (within the repository and `max_file_size`)."""

    def __init__(self, config: Config, objects: ObjectReader, top: Path,
                 git_dir: Path) -> None:
        self.config = config
        self.readers: dict[bool, VersionReader] = {}
        self.new_reading: Reading | None = None
        """How the new side reads (`side_readings`; None: as the configuration)."""
        self.old_readings: dict[str, Reading] = {}
        """Blobs of an old side -> how they read, where not as the new side."""
        self._side_readers: dict[tuple[int, bool], VersionReader] = {}
        self.objects = objects
        self.top = top
        self.lfs_objects = git_dir / "lfs" / "objects"
        self.max_bytes = config.max_file_size
        self.read: dict[tuple[str, str], tuple[Version, VersionContent | None]] = {}

    def prepare(self) -> VersionReader:
        """Get the reader of the configuration's specs ready (its field checks compiled),
        say while git works; it is returned."""
        return self._current(self.config.front_matter)

    def locate(self, top: Path, git_dir: Path) -> None:
        """Read work tree files from `top`, Git LFS objects from `git_dir`'s."""
        self.top, self.lfs_objects = top, git_dir / "lfs" / "objects"
        self.objects.locate(top, git_dir)
        for reader in self.readers.values():
            reader.lfs_objects = self.lfs_objects

    def _reader(self, path: str, blob: str | None = None) -> VersionReader:
        """The reader of a spec file (of the old side if `blob` is one of it): Markdown
        specs' front matter, or YAML specs, as the file's name says (each side's locations
        decide which files are specs), as the side's configuration reads them."""
        markdown = spec_named(path, MARKDOWN_SUFFIXES)
        old = self.old_readings.get(blob) if blob is not None else None
        key = (id(old), markdown)
        if key not in self._side_readers:
            reader = self._current(markdown)
            for reading in (self.new_reading, old):
                if reading is not None:
                    reader = VersionReader.of(replace(reading, front_matter=markdown), reader)
            self._side_readers[key] = reader
        return self._side_readers[key]

    def read_sides(self, readings: SideReadings, old_blobs: Iterable[str]) -> None:
        """Read the new side as `readings` says, and the blobs `old_blobs` as its old
        side."""
        self.new_reading = readings.new
        if readings.old is not None:
            self.old_readings.update((blob, readings.old) for blob in old_blobs)

    def _current(self, markdown: bool) -> VersionReader:
        """The reader of the configuration's specs."""
        if markdown not in self.readers:
            self.readers[markdown] = VersionReader(
                LoadLimits(max_bytes=self.config.max_file_size),
                spec_schema_source(self.config), self.config.fields, self.lfs_objects,
                front_matter=markdown, states=self.config.workflow.states)
        return self.readers[markdown]

    def _load(self, blob: str, path: str) -> tuple[Version, VersionContent | None]:
        key = (blob, path)
        if key not in self.read:
            self.read[key] = self._parse(blob, path)
        return self.read[key]

    def raw(self, blob: str, path: str) -> list[bytes] | None:
        """The lines of a blob (or work tree file), for comparing files by content; None
        when it cannot be read."""
        try:
            raw = self._bytes(blob, path)
        except YamlError:
            return None
        return raw.splitlines() if isinstance(raw, bytes) else None

    def _bytes(self, blob: str, path: str) -> bytes | int:
        """A blob's (or work tree file's) bytes, or its size when over the limit; raises
        `YamlError` when a work tree file cannot be read."""
        if blob.startswith(WORK_TREE_BLOB):
            return read_spec_file(self.top / path, self.top, self.max_bytes)
        found = self.objects.read(blob, path)
        return found.content if found.content is not None else found.size

    def _parse(self, blob: str, path: str, *, content: bool = True
               ) -> tuple[Version, VersionContent | None]:
        try:
            raw = self._bytes(blob, path)
        except YamlError as error:
            return unloaded_version(error), None
        if isinstance(raw, int):
            return self._reader(path, blob).oversized(raw), None
        return self._reader(path, blob).read_with_content(raw, path, content=content)

    def spec_id(self, blob: str, path: str) -> str | None:
        """The id of a blob's spec as `new` counts ids taken (for a reader of many blobs'
        ids; its content is not kept): the id it reads, else, when it does not load (a
        problem `validate` names anywhere in it), the id it shows (`shown_spec_id`, as for
        a file here that does not load)."""
        version, content = self._parse(blob, path)
        if version.spec_id or content is not None:
            return version.spec_id
        try:
            raw = self._bytes(blob, path)
        except YamlError:
            return None
        return shown_spec_id(raw, path, self.config) if isinstance(raw, bytes) else None

    def version(self, blob: str, path: str) -> Version:
        """The mined fields of a blob (or work tree file)."""
        return self._load(blob, path)[0]

    def content(self, blob: str, path: str) -> VersionContent | None:
        """The content of a blob (or work tree file); None when it does not load."""
        return self._load(blob, path)[1]

    def side(self, path: str, commit: str | None, blob: str) -> SpecSide:
        """The spec a blob (or work tree file) at `path` of `commit` is, and when its content
        does not load, why and where (`SpecSide.unloaded`)."""
        version, content = self._load(blob, path)
        # content None: the version does not load, every field unreadable and why
        unloaded = None if content is not None else version.problem_at(path, commit)
        return SpecSide(path, commit, version, content, unloaded)

    def close(self) -> None:
        """Stop git."""
        self.objects.close()


def changed_specs(config: Config, expression: str | None, *, as_history: bool = True,
                  staged: bool = False, index_config: StagedConfig | None = None
                  ) -> ChangedSpecs:
    """The specs that differ between the sides `expression` names (see `diff_sides`), each
    side read as its own configuration says (`side_locations`; `as_history`: less what
    the current `exclude:` excludes, as history reads them). Against the work tree, files
    left unpaired are paired by content (`work_tree_moves`), or, `staged`, as the walk
    will pair the index once committed (the hooks' commit: `staged_moves`; `git rm --cached`
    removes), a submodule's or nested repository's files left out (no commit holds them). Raises
    `HistoryError` when git cannot give them (a nested repository that differs, unless
    `staged`), `UsageError` for a malformed range. `index_config`, with `staged`: the
    configuration the index stages where it is not the work tree's (`index_side`), which
    then reads the new side (its locations, `exclude:`, readings), as the commit being
    made will be read once made."""
    if index_config is not None:
        config = index_config.config
    query = SidesQuery(config.root, expression, config.locations, [config_file_name(config)],
                       staged=staged)
    objects = ObjectReader(Git(config.root), config.max_file_size)
    reader = SideReader(config, objects, config.root, config.root / ".git")  # see locate
    try:
        objects.start()  # gets ready while git finds the sides and the changed files
        reader.prepare()
        sides, changes = query.finish()
        reader.locate(sides.top, sides.git_dir)
        git, prefix = Git(sides.top), config_prefix(config, sides.top)
        config_path = config_file_path(config, prefix)
        config_change = _config_change(objects, sides, changes, config_path, index_config)
        _note_sides(objects, sides, changes)
        schema_path = schema_path_from_top(config, sides.top)
        links: list[bool | None] = []  # the work tree's look for links, while git reads
        objects.prefetch(_wanted(sides, changes, config_path, config_change is None, schema_path),
                         lambda: links.append(looked_for_spec_links(config.root, config.locations)))
        objects.end_requests()  # all a diff reads, unless renames or filters ask for more
        listed = tuple(location.below(prefix) for location in config.locations)
        linked = spec_locations_below(  # and where links lead, as history has them
            config, sides.top, lambda: discover_spec_files(config) if (
                may_hold_spec_links(config.root, config.locations) if links[0] is None
                else links[0]) else ())
        located, readings = _read_configurations(
            (config, index_config), reader, git, sides, changes, config_change, prefix,
            listed if set(linked) == set(listed) else tuple(linked), as_history=as_history)
        changes = spec_changes(
            git, sides, tuple(change for change in changes if change.path != config_path),
            located, listed)
        steps = _identify(git, sides, changes, reader, staged)
        pairs = tuple(_pairs(sides, changes, steps, reader))
        paired = {side.path for pair in pairs for side in (pair.old, pair.new) if side}
        not_specs, shown = _not_specs(reader, [
            change for change in changes
            if change.path not in paired and change.new_blob is not None], sides.new)
    finally:
        query.close()
        objects.close()
    warned = {warning.partition(": ")[0] for warning in located.warnings}  # one a side
    return ChangedSpecs(sides, pairs, not_specs, (*located.warnings, *(
        warning for warning in readings.warnings
        if warning.partition(": ")[0] not in warned)), shown)


def _read_configurations(
        configs: tuple[Config, StagedConfig | None], reader: SideReader, git: Git,
        sides: DiffSides, changes: tuple[FileChange, ...], config_change: FileChange | None,
        prefix: str, current: tuple[SpecLocation, ...], *, as_history: bool
) -> tuple[SideLocations, SideReadings]:
    """Each side's spec locations and readings (`side_locations`, `side_readings`), the
    new side's configuration the index's where it stages one of its own (`configs`: the
    configuration and that one, `changed_specs`), else the work tree's; `reader` is told
    how each side reads."""
    config, index_config = configs
    objects, config_path = reader.objects, config_file_path(config, prefix)
    moved = moved_configuration(git, sides, config_change, config_path, objects, config)
    here = index_config.raw if index_config is not None else config_bytes(config)
    located = side_locations(config, prefix, sides, config_change, objects, current, moved,
                             exclude=config.exclude if as_history else (), here=here)
    readings = side_readings(
        config, current_reading(config, reader.prepare().source), objects,
        (sides.old, sides.new), located.configs, here, prefix, config_path, sides.top,
        located.folders)
    reader.read_sides(readings, (change.old_blob for change in changes
                                 if change.old_blob is not None))
    return located, readings


def _config_change(objects: ObjectReader, sides: DiffSides, changes: tuple[FileChange, ...],
                   config_path: str, index_config: StagedConfig | None) -> FileChange | None:
    """The configuration file's change between the sides (None: the same on both): as
    the diff lists it, or, where the index stages a configuration of its own for the new
    side (`index_config`), from the old side's to that one."""
    if index_config is None:
        return next((change for change in changes if change.path == config_path), None)
    old = objects.blob_at(sides.old, config_path)
    return None if old == index_config.blob else \
        FileChange(config_path, old, index_config.blob)


def _note_sides(objects: ObjectReader, sides: DiffSides,
                changes: tuple[FileChange, ...]) -> None:
    """Have each side's blobs of `changes` read through that side's filters."""
    for change in changes:
        if change.old_blob is not None:
            objects.note(change.old_blob, sides.old)
        if change.new_blob is not None and sides.new is not None:
            objects.note(change.new_blob, sides.new)


def _not_specs(reader: SideReader, unpaired: Sequence[FileChange], new: str | None
               ) -> tuple[tuple[tuple[str, FieldProblem], ...], tuple[str, ...]]:
    """Why each changed file of the new side that no pair holds is no spec
    (`ChangedSpecs.not_specs`), and the ids they show (`ChangedSpecs.shown_ids`)."""
    return (tuple((change.path, _why_not_a_spec(reader, change, new)) for change in unpaired),
            tuple(spec_id for change in unpaired
                  if (spec_id := reader.spec_id(change.new_blob or "", change.path))))


def _wanted(sides: DiffSides, changes: tuple[FileChange, ...], config_path: str,
            same_config: bool, schema_path: str | None) -> Iterator[tuple[str, str]]:
    """What a diff reads from git (each with its path), to be asked for in one go: the
    changed files' blobs (and the configuration's: changed, they are among them), the
    configuration of a new side that is a commit, when both sides have the same, and the
    configured spec schema of each side that is a commit."""
    if sides.new is not None and same_config:
        yield f"{sides.new}:{config_path}", config_path
    if schema_path is not None:
        for commit in (sides.old, sides.new):
            if commit is not None:
                yield f"{commit}:{schema_path}", schema_path
    for change in changes:
        for blob in (change.old_blob, change.new_blob):
            if blob is not None and not blob.startswith(WORK_TREE_BLOB):
                yield blob, change.path


def _identify(git: Git, sides: DiffSides, changes: tuple[FileChange, ...],
              reader: SideReader, staged: bool) -> list[Step]:
    """The history's rules, the old side's changed files the specs there (an id it cannot
    read: the new side's at its path); renames against the work tree as `staged` says
    (`changed_specs`)."""
    lineages: dict[str, Lineage] = {}
    by_id: dict[str, set[str]] = {}
    old_blobs = {change.path: change.old_blob for change in changes}
    for change in changes:
        if change.old_blob is None:
            continue
        old = reader.version(change.old_blob, change.path)
        spec_id = old.spec_id if old.readable("id") or change.new_blob is None \
            else reader.version(change.new_blob, change.path).spec_id
        if spec_id is not None:
            lineages[change.path] = Lineage(change.path, spec_id, change.path)
            by_id.setdefault(spec_id, set()).add(change.path)
    lookups = Lookups(
        version=reader.version,
        effective=lambda path, blob: reader.version(blob, path),
        blob_at=reader.objects.blob_at,
        renames=lambda parent, _, deleted, added: detect_renames(
            git, parent, sides.new, deleted, added) if sides.new is not None
        else staged_moves(git, deleted, added, old_blobs, reader, sides.old) if staged
        else similar_files(deleted, added, old_blobs, reader, sides.old),
        content=reader.content,
    )
    commit = CommitRecord(sides.new or "", (sides.old,), "", "", 0, 0, (), changes)
    return identify(commit, lineages, {path: path for path in lineages}, by_id, lookups,
                    lambda change: None)


def _pairs(sides: DiffSides, changes: tuple[FileChange, ...], steps: list[Step],
           reader: SideReader) -> Iterator[SpecPair]:
    old_blobs = {change.path: change.old_blob for change in changes}
    for step in steps:
        old = None
        if step.key is not None:
            blob = old_blobs[step.key]
            assert blob is not None
            old = reader.side(step.key, sides.old, blob)
        new = None
        if step.new_blob is not None:
            new = reader.side(step.path, sides.new, step.new_blob)
        yield SpecPair(old, new)


def _why_not_a_spec(reader: SideReader, change: FileChange, commit: str | None
                    ) -> FieldProblem:
    assert change.new_blob is not None
    version = reader.version(change.new_blob, change.path)
    return version.problem_at(change.path, commit) \
        or FieldProblem("it has no valid id, so it is no spec yet")
