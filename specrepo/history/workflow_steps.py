"""What a commit's change of the configuration file renamed among the workflow's states
(`rename_line.advanced`), for the reading plan: the states of each version of the file
(read once), and, where the lists of states alone do not pair a state the change removed
with one it added (one state replaced by two: `[Draft, Review, OK]` -> `[Draft, Review,
Accepted, Retired]`), the statuses of the spec files the commit changed
(`rename_line.spec_moves`), asked of git only then. The commit being made (the index, a
merge being concluded with the commits it merges) is followed as a commit (`being_made`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence

from specrepo.gitio.objects import ObjectReader
from specrepo.gitio.watched_log import first_parent_changes, staged_changes
from specrepo.history.readings import ConfigVersions, Renames
from specrepo.history.rename_line import NOTHING_KNOWN, Known, advanced, joined, spec_moves
from specrepo.load.document import value_at
from specrepo.load.locations import spec_named, spec_suffixes
from specrepo.load.spec_files import load_spec_content
from specrepo.load.yaml_loader import YamlError
from specrepo.model.fields import FieldMap
from specrepo.model.history import PENDING_COMMIT

Configured = tuple[str, str, str] | None
"""A commit's configuration file: its path and blob, and its folder (all from the
repository's top); None: the commit has none."""
Changes = Callable[[], list[tuple[str, str | None, str | None]]]
"""The files a commit changed against its first parent: (path from the top, old blob, new
blob; None: none on that side), asked when needed (`first_parent_changes`)."""


class WorkflowSteps:
    """The workflow's states of the configuration file's versions (`versions` reads them,
    `objects` reads their blobs), and the renames of each commit that changed the file."""

    def __init__(self, objects: ObjectReader, versions: ConfigVersions) -> None:
        self._objects, self._versions = objects, versions
        self._states: dict[str, tuple[str, ...] | None] = {}
        """Configuration file blob -> its workflow's states (None: it does not load)."""

    def states_of(self, config: str | None, path: str) -> tuple[str, ...] | None:
        """The workflow's states of the configuration file blob `config` at `path` (None:
        none, or one that does not load)."""
        if config is None:
            return None
        if config not in self._states:
            raw = self._objects.read(config, path, through_filter=False).content
            self._states[config] = None if raw is None else self._versions.states_of(raw)
        return self._states[config]

    def advanced(self, known: Known, sha: str, config: Configured,
                 others: Sequence[Known] = ()) -> Known:
        """What the history of commit `sha` renamed, its configuration file changed to
        `config` (None: removed), its first parent's history having renamed `known` and
        its other parents' `others` (`rename_line.advanced`, with the spec files the
        commit changed as evidence). Raises `HistoryError` when git fails."""
        if config is None:
            return advanced(known, None, sha, others)
        return advanced(known, self.states_of(config[1], config[0]), sha, others,
                        lambda removed, added: self._moved(sha, config, removed, added))

    def renamed(self, sha: str, path: str, blobs: tuple[str | None, str | None],
                last: tuple[str, ...]) -> Renames:
        """The states commit `sha`'s change of the configuration file at `path` (from the
        top), from blob `blobs[0]` to `blobs[1]` (None: none), renamed, (old, new) sorted:
        `advanced` of that change alone, from the workflow `last` where the blob before is
        none or does not load. Raises `HistoryError` when git fails."""
        before = self.states_of(blobs[0], path) or last
        if blobs[1] is None:
            return ()
        found = self.advanced(((), before, frozenset()), sha,
                              (path, blobs[1], posixpath.dirname(path)))
        return tuple(sorted((old, new) for _, _, old, new in found[2]))

    def being_made(self, head: str, known: Known, others: Sequence[Known], folder: str
                   ) -> Known:
        """What the history of the commit being made renamed: the index, HEAD `head` its
        first parent, whose history renamed `known`, the commits a merge being concluded
        merges (MERGE_HEAD) its other parents, whose histories renamed `others`; its
        workflow today's (the work tree's configuration file, in `folder` from the top).
        Followed as the walk follows a commit once it is made (`ReadingPlan._follow`):
        `rename_line.advanced`, with the spec files the index changes as evidence
        (`staged_changes`, read with today's field map), then `rename_line.joined` with
        each other parent. Raises `HistoryError` when git fails."""
        today = self._versions.target
        made = advanced(known, self._versions.states, PENDING_COMMIT, others,
                        lambda removed, added: self._spec_moves(
                            lambda: staged_changes(self._objects.git, head),
                            (today.fields, today.front_matter), folder, removed, added))
        for other in others:
            made = joined(made, other, PENDING_COMMIT)
        return made

    def line_known(self, versions: Sequence[tuple[str, str | None]], path: str) -> Known:
        """What the history of a commit renamed, from the versions of the configuration
        file (at `path` from the top) along its first parents, oldest first ((commit,
        blob), None: none; `gitio.watched_log.first_parent_versions`), each followed as
        `advanced` follows its commit. Raises `HistoryError` when git fails."""
        known = NOTHING_KNOWN
        for commit, blob in versions:
            known = self.advanced(known, commit, (path, blob, "") if blob else None)
        return known

    def _moved(self, sha: str, config: tuple[str, str, str], removed: tuple[str, ...],
               added: tuple[str, ...]) -> Renames:
        """The states `removed` that commit `sha` (whose configuration file is `config`)
        renamed states it `added`, as the spec files it changed moved their statuses
        (`_spec_moves`), both sides read with the commit's field map."""
        raw = self._objects.read(config[1], config[0], through_filter=False).content
        read = self._versions.fields_of(raw) if raw is not None else None
        if read is None:
            return ()
        return self._spec_moves(lambda: first_parent_changes(self._objects.git, sha), read,
                                config[2], removed, added)

    def _spec_moves(self, changes: Changes, read: tuple[FieldMap, bool], folder: str,
                    removed: tuple[str, ...], added: tuple[str, ...]) -> Renames:
        """The states `removed` that a commit renamed states it `added`, as the spec files
        it changed (`changes`) in the configuration's folder `folder` (from the top) moved
        their statuses (`rename_line.spec_moves`), both sides read with the field map and
        front matter setting `read`: a field moved in the same change reads no status."""
        fields, front_matter = read
        folder = f"{folder}/" if folder else ""
        return spec_moves([(self._status(old, path, read), self._status(new, path, read))
                           for path, old, new in changes()
                           if path.startswith(folder)
                           and spec_named(path, spec_suffixes(front_matter))],
                          removed, added) if fields.status is not None else ()

    def _status(self, blob: str | None, path: str, read: tuple[FieldMap, bool]) -> str | None:
        """The status a spec file's version `blob` at `path` holds, read with the field map
        and front matter setting `read` (None: no version, or no status read)."""
        content = self._objects.read(blob, path).content if blob is not None else None
        if content is None:
            return None
        try:
            document = load_spec_content(content, front_matter=read[1]).document
        except YamlError:
            return None
        status = value_at(document.data, read[0].status)
        return status if isinstance(status, str) else None
