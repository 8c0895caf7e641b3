"""Which spec on one side of a diff is which on the other: the history's identity rules
(`lineage.identify`) applied to the files that differ between the two sides, as if one
commit had made all their changes. Only those files are read, each once, whole.

A file changed in place is the spec it was, whatever its id says now (renumbered); a file
deleted and another added with its id is that spec moved; git's rename detection pairs
what is left; a file added with the id of a spec still there is a new spec (a copy)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from specrepo.base.deferred_dataclass import dataclass
from specrepo.gitio.batch_names import Blob
from specrepo.gitio.diff_sides import DiffSides, SidesQuery
from specrepo.gitio.flagged_files import FlaggedFile
from specrepo.gitio.git_command import Git
from specrepo.gitio.historical_filters import attributes_files_above
from specrepo.gitio.log import WORK_TREE_BLOB, CommitRecord, FileChange
from specrepo.gitio.objects import ObjectReader
from specrepo.gitio.partial_clone import fetch_missing_files
from specrepo.gitio.renames import detect_renames
from specrepo.history.config_file_bytes import config_bytes, config_file_name, config_file_path
from specrepo.history.index_side import StagedConfig
from specrepo.history.lineage import Step, identify
from specrepo.history.lineage_lookups import Lookups
from specrepo.history.lineage_state import Lineage
from specrepo.history.mine import config_prefix, spec_locations_below
from specrepo.history.readings import current_reading, schema_path_from_top
from specrepo.history.side_locations import (
    SideLocations,
    moved_configuration,
    side_locations,
    spec_changes,
)
from specrepo.history.side_reader import SideReader, SpecSide
from specrepo.history.side_readings import SideReadings, side_readings
from specrepo.history.work_tree_moves import similar_files, staged_moves
from specrepo.load.glob_walk import looked_for_spec_links, may_hold_spec_links
from specrepo.load.spec_files import discover_spec_files
from specrepo.load.unlisted_folders import unexaminable
from specrepo.model.config import Config
from specrepo.model.version import FieldProblem


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


def changed_specs(config: Config, expression: str | None, *, as_history: bool = True,
                  staged: bool = False, index_config: StagedConfig | None = None,
                  nested_left_out: bool = False,
                  flagged: Sequence[FlaggedFile] = ()) -> ChangedSpecs:
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
    made will be read once made. `nested_left_out`: a submodule's or nested repository's
    files left out whatever the sides (`SidesQuery`). (`PairedSides`' `index`: against
    the index itself, each file's staged version, a hook's run's.) `flagged`: the spec
    files marked assume-unchanged or skip-worktree (`Checkout.flagged`), whose edits the
    work tree's side holds (`SidesQuery`)."""
    sides = PairedSides(config, expression, staged=staged, index_config=index_config,
                        nested_left_out=nested_left_out, flagged=flagged)
    try:
        return sides.view(as_history=as_history)
    finally:
        sides.close()


class PairedSides:
    """The two sides of a diff, asked of git and read once (`changed_specs`), for every
    view of them asked (`view`: as history reads them, or each with its own `exclude:`):
    a view whose sides' spec locations are those of one asked before is that one's
    pairing; another reads the same diff and files again, not git. `close` stops git.
    Raises what `changed_specs` raises."""

    def __init__(self, config: Config, expression: str | None, *, staged: bool = False,
                 index_config: StagedConfig | None = None,
                 nested_left_out: bool = False, left_out: frozenset[str] = frozenset(),
                 index: bool = False, flagged: Sequence[FlaggedFile] = ()) -> None:
        if index_config is not None:
            config = index_config.config
        self.config, self.staged, self.left_out = config, staged or index, left_out
        self.query = SidesQuery(config.root, expression, config.locations,
                                [config_file_name(config)], staged=staged,
                                nested_left_out=nested_left_out, index=index,
                                flagged=flagged)
        self.objects = ObjectReader(Git(config.root), config.max_file_size)
        self.reader = SideReader(config, self.objects, config.root, config.root / ".git")
        self._views: list[tuple[SideLocations, ChangedSpecs]] = []
        self._readings: SideReadings | None = None
        try:
            self._read(index_config)
        except BaseException:
            self.close()
            raise

    def _read(self, index_config: StagedConfig | None) -> None:
        """Ask git for the sides and their changed files, and read what a view reads."""
        config, objects = self.config, self.objects
        objects.start()  # gets ready while git finds the sides and the changed files
        self.reader.prepare()
        sides, changes = self.query.finish()
        if self.left_out:  # no files of the commit being made: a new one none, one kept gone
            changes = tuple(FileChange(change.path, change.old_blob, None)
                            if change.path in self.left_out
                            else change for change in changes
                            if change.path not in self.left_out or change.old_blob is not None)
        if sides.new is None and not self.staged:
            changes = _unexaminable_kept(changes, sides.top)
        self.sides, self.changes = sides, changes
        self.reader.locate(sides.top, sides.git_dir)
        self.git, self.prefix = Git(sides.top), config_prefix(config, sides.top)
        self.config_path = config_path = config_file_path(config, self.prefix)
        self.config_change = _config_change(objects, sides, changes, config_path, index_config)
        _note_sides(objects, sides, changes)
        schema_path = schema_path_from_top(config, sides.top)
        links: list[bool | None] = []  # the work tree's look for links, while git reads
        wanted = list(_wanted(sides, changes, config_path, self.config_change is None,
                              schema_path))
        fetch_missing_files(self.git, sides.git_dir, [
            commit for commit in (sides.old, sides.new) if commit is not None],
            {file for _, path in wanted for file in (path, *attributes_files_above(path))})
        objects.prefetch(wanted, lambda: links.append(
            looked_for_spec_links(config.root, config.locations)))
        objects.end_requests()  # all a diff reads, unless renames or filters ask for more
        self.listed = listed = tuple(location.below(self.prefix) for location in config.locations)
        linked = spec_locations_below(  # and where links lead, as history has them
            config, sides.top, lambda: discover_spec_files(config) if (
                may_hold_spec_links(config.root, config.locations) if links[0] is None
                else links[0]) else ())
        self.current = listed if set(linked) == set(listed) else tuple(linked)
        self.moved = moved_configuration(self.git, sides, self.config_change, config_path,
                                         objects, config)
        self.here = index_config.raw if index_config is not None else config_bytes(config)
        self.configurations = _ReadOnce(objects)  # each view reads them: git answers once

    def view(self, *, as_history: bool) -> ChangedSpecs:
        """The specs that differ, each side's spec locations less the current `exclude:`
        (`as_history`) or as its own configuration says (see `changed_specs`)."""
        located = side_locations(
            self.config, self.prefix, self.sides, self.config_change, self.configurations,
            self.current, self.moved, exclude=self.config.exclude if as_history else (),
            here=self.here)
        found = next((pairing for seen, pairing in self._views if seen == located), None)
        if found is None:
            found = self._paired(located)
            self._views.append((located, found))
        return found

    def _paired(self, located: SideLocations) -> ChangedSpecs:
        """The pairing of the sides with these spec locations."""
        sides, reader = self.sides, self.reader
        if self._readings is None:  # how each side reads: the same in every view
            self._readings = side_readings(
                self.config, current_reading(self.config, reader.prepare().source),
                self.objects, (sides.old, sides.new), located.configs, self.here,
                self.prefix, self.config_path, sides.top, located.folders)
            reader.read_sides(self._readings, (change.old_blob for change in self.changes
                                               if change.old_blob is not None))
        changes = spec_changes(self.git, sides, tuple(
            change for change in self.changes if change.path != self.config_path),
            located, self.listed)
        steps = _identify(self.git, sides, changes, reader, self.staged)
        pairs = tuple(_pairs(sides, changes, steps, reader))
        paired = {side.path for pair in pairs for side in (pair.old, pair.new) if side}
        not_specs, shown = _not_specs(reader, [
            change for change in changes
            if change.path not in paired and change.new_blob is not None], sides.new)
        warned = {warning.partition(": ")[0] for warning in located.warnings}  # one a side
        return ChangedSpecs(sides, pairs, not_specs, (*located.warnings, *(
            warning for warning in self._readings.warnings
            if warning.partition(": ")[0] not in warned)), shown)

    def close(self) -> None:
        """Stop git."""
        self.query.close()
        self.objects.close()


class _ReadOnce:
    """The answers of an `ObjectReader` on the sides' configurations (`side_locations`),
    kept: a view after the first reads them here, not of git (whose prefetched answers
    are given once)."""

    def __init__(self, objects: ObjectReader) -> None:
        self._objects = objects
        self._read: dict[tuple[str, str], Blob] = {}
        self._files: dict[tuple[str, str], Blob | None] = {}

    def read(self, blob: str, path: str) -> Blob:
        if (blob, path) not in self._read:
            self._read[blob, path] = self._objects.read(blob, path)
        return self._read[blob, path]

    def file_at(self, commit: str, path: str) -> Blob | None:
        if (commit, path) not in self._files:
            self._files[commit, path] = self._objects.file_at(commit, path)
        return self._files[commit, path]


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


def _unexaminable_kept(changes: tuple[FileChange, ...], top: Path
                       ) -> tuple[FileChange, ...]:
    """`changes` against the work tree, where a file git calls deleted cannot be examined
    (a folder above it cannot be searched: `unexaminable`) kept as the work tree's file,
    which cannot be read: not compared, said why, never a spec removed."""
    return tuple(FileChange(change.path, change.old_blob, WORK_TREE_BLOB + change.path)
                 if change.new_blob is None and change.old_blob is not None
                 and unexaminable(top / change.path, top) is not None else change
                 for change in changes)


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
