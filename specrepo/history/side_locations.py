"""Which files are specs on each side of a diff: each side is read with the spec locations
of its own configuration (the configuration file's version at that side's commit; the work
tree's for the work tree), as history reads each commit with its own, so that a spec folder
renamed together with `specs:` is a spec moved, not one removed and another added.

A configuration that is the same on both sides and in the work tree costs nothing more
than the look-up of the new side's version (in the `git cat-file --batch` that reads the
specs); only a configuration that differs is read, and only then does git list more.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from itertools import zip_longest
from typing import Protocol

from specrepo.base import inputs
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.git_state import BATCH_IDS
from specrepo.gitio.batch_names import Blob
from specrepo.gitio.config_moves import configuration_sources
from specrepo.gitio.diff_sides import DiffSides, changed_spec_files, tracked_files
from specrepo.gitio.git_command import Git
from specrepo.gitio.log import WORK_TREE_BLOB, FileChange
from specrepo.gitio.objects import ObjectReader
from specrepo.history.config_file_bytes import blob_id, config_bytes, config_file_path
from specrepo.history.config_history import DEFAULT_SPECS, configured_locations
from specrepo.load.locations import SpecLocation, location_matcher
from specrepo.model.config import Config

Moved = tuple[str, str]
"""Where a side had the configuration file (from the top), and its blob there."""


class ConfigurationReads(Protocol):
    """What `side_locations` reads of git: an `ObjectReader`, or its answers kept."""

    def read(self, blob: str, path: str) -> Blob:
        """A blob's content, through `path`'s filter (`ObjectReader.read`)."""

    def file_at(self, commit: str, path: str) -> Blob | None:
        """`path`'s content in `commit` (`ObjectReader.file_at`)."""


@dataclass(frozen=True)
class SideLocations:
    """The spec locations of each side (from the repository's top), and what could not be
    read of a side's configuration, in words."""

    old: tuple[SpecLocation, ...]
    new: tuple[SpecLocation, ...]
    warnings: tuple[str, ...] = ()
    configs: tuple[bytes | None, bytes | None] = (None, None)
    """The configuration file of each side (None: none, or not read), for reading each
    side's specs as its own configuration says (`side_readings`)."""
    folders: tuple[str | None, str | None] = (None, None)
    """The folder (from the top) of each side's configuration file where that side had it
    elsewhere (moved with its specs, `git mv specrepo.yaml design/`); None: where the work
    tree has it."""


def side_locations(config: Config, prefix: str, sides: DiffSides,
                   config_change: FileChange | None, objects: ConfigurationReads,
                   current: tuple[SpecLocation, ...],
                   moved: tuple[Moved | None, Moved | None] = (None, None), *,
                   exclude: tuple[str, ...] = (), here: bytes | None = None) -> SideLocations:
    """Each side's spec locations, as its own configuration names them, less `exclude`
    (the current `exclude:` for a reader of the history; none for `specrepo diff`, whose
    sides each keep their own only). `config_change` is the configuration file's change
    between the sides (None: the same on both); `prefix` its folder from the top;
    `current` the work tree's locations from the top (`here`'s, the index's configuration,
    `index_side`; None: the work tree's file), with where links among its spec files lead
    (`mine.spec_locations_below`); `moved` the configuration of a side that had it
    elsewhere (`moved_configuration`). A version that does not load, or names no readable
    location, is replaced by the work tree's locations and the default `specs`, with a
    warning, as history walks those too."""
    default = configured_locations(None, prefix, config.exclude)[0]
    fallback_locations = tuple(sorted({*current, *default}))
    path, here = config_file_path(config, prefix), config_bytes(config) if here is None else here
    warnings: list[str] = []
    raws: dict[str, bytes | None] = {}

    def read(found: Blob | None, commit: str, at: str = path) -> tuple[SpecLocation, ...]:
        raw = found.content if found is not None else None
        raws[commit] = raw
        if found is not None and raw is None:
            problem: str | None = "over the size limit, not read"
            located: tuple[SpecLocation, ...] = ()
        elif raw == here and at == path:
            return current
        else:
            located, problem = configured_locations(raw, posixpath.dirname(at), exclude)
            if not located and problem is None:
                problem = "it names no spec location inside its folder"
        if problem is not None:
            fallback = "its other spec locations" if located else \
                f"the work tree's spec locations and the default `{DEFAULT_SPECS}`"
            warnings.append(f"{at} in {commit[:12]}: {problem}; that side was read with "
                            f"{fallback}")
        return located or fallback_locations

    def blob(sha: str | None) -> Blob | None:
        return objects.read(sha, path) if sha is not None else None

    moved_old, moved_new = moved
    if sides.new is None:
        new = current
    elif moved_new is not None:
        new = read(objects.read(moved_new[1], moved_new[0]), sides.new, moved_new[0])
    elif config_change is not None:
        new = read(blob(config_change.new_blob), sides.new)
    else:  # the same on both sides, but maybe not the work tree's
        new = read(objects.file_at(sides.new, path), sides.new)
    if moved_old is not None:
        old = read(objects.read(moved_old[1], moved_old[0]), sides.old, moved_old[0])
    else:
        old = new if config_change is None else read(blob(config_change.old_blob), sides.old)
    new_raw = here if sides.new is None else raws[sides.new]
    return SideLocations(old, new, tuple(warnings),
                         (new_raw if config_change is None else raws[sides.old], new_raw),
                         (_folder(moved_old), _folder(moved_new)))


def _folder(moved: Moved | None) -> str | None:
    """The folder a side's configuration file was in, if elsewhere."""
    return None if moved is None else posixpath.dirname(moved[0])


def moved_configuration(git: Git, sides: DiffSides, change: FileChange | None,
                        path: str, objects: ObjectReader, today: Config
                        ) -> tuple[Moved | None, Moved | None]:
    """The configuration file of each side that has none at `path` (the work tree's, from
    the top) but had it at another, the file moved between the sides (`git mv
    specrepo.yaml design/`, with its specs; renamed, `git mv spec-config.yaml cfg.yaml`):
    where `configuration_sources` says, of any name for a side before the other, of the
    same name only for a side after it (a file renamed away later is no configuration
    specrepo reads: the defaults); None for a side that has it at `path`, or none
    anywhere. Where the line goes on through deletions (`config_deletions.line_goes_on`,
    for `today`'s configuration), a side that is a commit with none of these has the
    configuration its line deleted last, wherever the line had it (`ConfigLine.held`),
    as history reads it. Raises `HistoryError` when git cannot diff."""
    from specrepo.gitio.config_deletions import line_goes_on  # noqa: PLC0415
    from specrepo.history.config_line import ConfigLine  # noqa: PLC0415

    moved = _moved(git, sides, change, path)
    if not line_goes_on(today.file):
        return moved
    line = ConfigLine(git)
    # The same file on both sides (no change): both lack it where the new side does (the
    # look-up a diff asks for anyway), and the work tree has it where it is carried.
    lacking = (change.old_blob is None, change.new_blob is None) if change is not None \
        else (sides.new is not None and objects.blob_at(sides.new, path) is None,) * 2
    if not any(lacking):
        return moved

    def held(commit: str | None, lacks: bool, found: Moved | None) -> Moved | None:
        return line.held(commit, path) \
            if lacks and found is None and commit is not None else found

    return held(sides.old, lacking[0], moved[0]), held(sides.new, lacking[1], moved[1])


def _moved(git: Git, sides: DiffSides, change: FileChange | None,
           path: str) -> tuple[Moved | None, Moved | None]:
    """`moved_configuration` without the deleted configuration carried."""
    if change is None:
        return None, None
    if change.old_blob is None:
        found = configuration_sources(git, sides.new, [sides.old], path, any_name=(
            sides.new is None or not _later(git, sides.old, sides.new)))
        return (found[0][1], found[0][2]) if found else None, None
    if change.new_blob is None and sides.new is not None:
        found = configuration_sources(git, sides.old, [sides.new], path,
                                      any_name=not _later(git, sides.new, sides.old))
        return None, (found[0][1], found[0][2]) if found else None
    return None, None


def _later(git: Git, lacking: str, having: str) -> bool:
    """Whether the commit `lacking` the configuration file comes after the one `having`
    it (its descendant): there the file was renamed away, not from."""
    return git.attempt("merge-base", "--is-ancestor", having, lacking).returncode == 0


def config_blobs_at(git: Git, object_format: str, config_path: str, commits: Sequence[str],
                    here: bytes | None) -> tuple[list[str | None], str | None]:
    """The blob of the configuration file (`config_path`, from the top) in each of
    `commits` (None: not there), in one `git cat-file --batch-check`, and the blob id the
    work tree's (`here`) would have (None: there is none) in the repository's
    `object_format`. The path must be `batch_safe`; raises `HistoryError` when git fails."""
    own = None if here is None else blob_id(object_format, here)
    names = [f"{commit}:{config_path}" for commit in commits]
    answers = git.run(*BATCH_IDS, stdin="".join(f"{name}\n" for name in names).encode())
    found = [None if line.endswith(b" missing") else line.decode()
             for line in answers.splitlines()]
    for name, answered in zip_longest(names, found[:len(names)], fillvalue=""):
        inputs.reader.read_object(git.folder, name, answered)  # what a cached run rests on
    return found, own


def spec_changes(git: Git, sides: DiffSides, changes: tuple[FileChange, ...],
                 located: SideLocations, current: tuple[SpecLocation, ...]
                 ) -> tuple[FileChange, ...]:
    """`changes` (the files of the `current` locations that differ) as changes of spec
    files: a side's blob only where its own locations hold the path. When the sides'
    locations are not the current ones, git lists the files of theirs; when they differ
    from each other, a file that is the same on both sides but a spec on one only counts
    as added or removed."""
    if located.old == located.new == current:
        return changes
    union = sorted({*located.old, *located.new})
    if set(union) != set(current):
        changes = changed_spec_files(git, sides, union)
    is_old, is_new = location_matcher(located.old), location_matcher(located.new)
    found = {}
    for change in changes:
        old = change.old_blob if is_old(change.path) else None
        new = change.new_blob if is_new(change.path) else None
        if old is not None or new is not None:
            found[change.path] = FileChange(change.path, old, new)
    if located.old != located.new:
        changed = {change.path for change in changes}
        for path, blob in tracked_files(git, sides.old).items():
            if path not in changed and is_old(path) != is_new(path):
                found[path] = FileChange(path, blob if is_old(path) else None,
                                         _unchanged(blob, path, sides) if is_new(path)
                                         else None)
    return tuple(found[path] for path in sorted(found))


def _unchanged(blob: str, path: str, sides: DiffSides) -> str:
    """The new side's blob of a file that did not change: the work tree's file, or the
    same blob (a commit's, or the index's: `DiffSides.index`)."""
    return WORK_TREE_BLOB + path if sides.new is None and not sides.index else blob
