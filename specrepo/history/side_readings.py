"""How each side of a diff reads its specs: as its own configuration file, and the spec
schema that names, say in that side's commit (the work tree's configuration for the work
tree), the old side in the new side's terms (see `readings`), so that the same two
revisions give the same diff whatever is checked out.

A side whose configuration file and schema are the work tree's reads as the work tree's
configuration, at the cost of comparing their bytes: the schema's version comes in the
`git cat-file --batch` that reads the specs (`schema_request`).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from specrepo.base.deferred_dataclass import dataclass
from specrepo.gitio.objects import ObjectReader
from specrepo.gitio.watched_log import file_versions_between
from specrepo.history.readings import (
    ConfigVersions,
    Reading,
    Renames,
    escapes,
    files_in,
    same_references,
    schema_file_bytes,
    towards,
)
from specrepo.history.rename_line import advanced
from specrepo.history.workflow_steps import WorkflowSteps
from specrepo.load.schema_reading import SchemaFileReader
from specrepo.model.config import Config
from specrepo.model.state_renames import RenameEvent, forward_renames


@dataclass(frozen=True)
class SideReadings:
    """The reading of each side (None: as the side after it reads: the new side's for
    the old side, the work tree configuration's for the new side), and what could not be
    read of a side's configuration, in words."""

    old: Reading | None = None
    new: Reading | None = None
    warnings: tuple[str, ...] = ()


def side_readings(config: Config, current: Reading, objects: ObjectReader,
                  sides: tuple[str, str | None], configs: tuple[bytes | None, bytes | None],
                  here: bytes | None, prefix: str, config_path: str, top: Path,
                  folders: tuple[str | None, str | None] = (None, None)) -> SideReadings:
    """The readings of the sides (`sides`: the old commit, the new one or None for the
    work tree) whose configuration files are `configs` (None: none there); `here` is the
    work tree's configuration file, `current` how it reads, `prefix` its folder from the
    repository's top `top`, `config_path` its path from there; `folders` the folder of a
    side's configuration file where it had it elsewhere (`SideLocations.folders`)."""
    warnings: list[str] = []
    today = ConfigVersions(config, current, config.workflow.states, top)

    def own(commit: str, raw: bytes | None, folder: str | None
            ) -> tuple[Reading, tuple[str, ...]] | None:
        """A side's reading in its own terms and its states (None: as the work tree)."""
        if raw is None:
            return None
        named = today.schema_path(raw) if raw != here else None if \
            config.schema_path is None else config.schema_path.relative_to(config.root).as_posix()
        side_prefix = prefix if folder is None else folder
        path = f"{side_prefix}/{named}" if side_prefix and named else named
        found = objects.file_at(commit, path) \
            if path is not None and not escapes(path) else None
        schema = found.content if found is not None else None
        files = files_at(commit)
        if raw == here and (path is None or escapes(path) or (
                schema == schema_file_bytes(config) and same_references(current.schema, files))):
            return None
        read = today.own(raw, schema, files)
        if isinstance(read, str):
            warnings.append(f"{config_path} in {commit[:12]}: {read}; that side's specs "
                            "were read with the work tree's configuration")
            return None
        return read

    def files_at(commit: str) -> SchemaFileReader:
        """Reads the files a side's schema's references reach, as its commit has them."""
        return files_in(top, lambda path: None if (found := objects.file_at(commit, path))
                        is None else found.content)

    old_commit, new_commit = sides
    new = own(new_commit, configs[1], folders[1]) if new_commit is not None else None
    old = own(old_commit, configs[0], folders[0])
    if old is None and new is None:
        return SideReadings(warnings=tuple(warnings))
    target, states = new if new is not None else (current, config.workflow.states)
    old_reading, old_states = old if old is not None else (current, config.workflow.states)
    later = None if old_states == states or folders != (None, None) else renamed_between(
        objects, today, sides, config_path, (old_states, states))
    return SideReadings(towards(old_reading, old_states, target, states, later),
                        new[0] if new is not None else None, tuple(warnings))


def renamed_between(objects: ObjectReader, today: ConfigVersions,
                    sides: tuple[str, str | None], config_path: str,
                    states: tuple[tuple[str, ...], tuple[str, ...]]) -> Renames:
    """The states of the old side's workflow (`states`: its states, then the new side's)
    that the new side's calls otherwise, each with that name: followed through the
    versions of the configuration file at `config_path` (from the top) that the commits
    the new side (None: the work tree, after HEAD) reaches and the old side does not
    made, parents first, each against the one before it (`renamed_states`), then from
    the last to the new side's own (a rename, then a state added in a later commit, is
    followed: `history.rename_line`); to the work tree's, as the commit being made
    renames them (`WorkflowSteps.being_made`: the index's spec files as evidence, as
    the hooks and `validate --history` read it). Raises `HistoryError` when git fails."""
    steps = WorkflowSteps(objects, today)
    events: list[RenameEvent] = []
    last = states[0]
    for rank, (commit, before, after) in enumerate(file_versions_between(
            objects.git, sides[1] or "HEAD", sides[0], config_path)):
        # No version before (added back, or a shallow clone's boundary commit, whose
        # parents the clone lacks) or one that does not load: the last that loaded, as
        # the walk's `rename_line.advanced` takes it (trial41 shallow-pr-state-rename).
        events.extend((rank, "", *pair) for pair in steps.renamed(
            commit, config_path, (before, after), last))
        last = steps.states_of(after, config_path) or last
    known = ((), last, frozenset(events))
    made = steps.being_made("HEAD", known, (), posixpath.dirname(config_path)) \
        if sides[1] is None else advanced(known, states[1], sides[1])
    return forward_renames(states[0], made[2])

