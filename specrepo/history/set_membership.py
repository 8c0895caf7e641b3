"""Where a spec that the walk saw deleted left the spec set as each commit's own
configuration reads it.

The walk reads a file today's `exclude:` names only where its commit's configuration read
a spec there, from its first version with a readable id and status (`excluded_versions`):
a spec moved into a file that a later commit excludes (an archive folder, `git mv
specs/X.yaml specs/old/`) as a version without them reads as deleted by the move, though
the move's own configuration still read it there: the set lost it later, where that
configuration changed (`departures`) or where the file was deleted.
Asked only about the removals the workflow would refuse, so that a history with none
costs nothing."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from specrepo.history.configured_sides import carrying, config_at, record_at
from specrepo.model.event import Event
from specrepo.model.events import DELETED

if TYPE_CHECKING:
    from specrepo.gitio.git_command import Git
    from specrepo.gitio.objects import ObjectReader
    from specrepo.load.locations import SpecLocation
    from specrepo.model.config import Config

_Holder = tuple[str, str | None]
"""The file holding a spec's id (from the repository's top) and its status there."""


class SetMembership:
    """Reads, for one HEAD (`head`) whose configuration file is `config_path` (from the
    repository's top) and whose configuration is `today`, where a spec left the spec set;
    `walked` tells the files the walk follows (today's spec files), which hold no spec the
    walk saw deleted. Raises `HistoryError` when git fails."""

    def __init__(self, git: Git, objects: ObjectReader, today: Config, config_path: str,
                 head: str, walked: Sequence[SpecLocation]) -> None:
        from specrepo.load.locations import location_matcher  # noqa: PLC0415

        self._git, self._objects, self._today = git, objects, today
        self._path, self._head = config_path, head
        self._locations, self._walked = walked, location_matcher(walked)
        self._carried = carrying(git, today)

    def removal(self, deleted: Event) -> Event | None:
        """Where the spec of the walk's `deleted` event left the spec set: `deleted` itself
        when its commit's own configuration (`specs:` and `exclude:`) reads no other file
        holding its id (or the commit has no configuration in force, which the walk
        reads with today's: none at today's path, nor one its line deleted before a
        return, `configured_sides.config_at`); else the `deleted` event (`before`: its status
        there) of the first commit of HEAD's first-parent line after it whose own
        configuration reads no file holding it (an `exclude:` added, `specs:` narrowed,
        the file deleted or moved out); None when HEAD's still reads one."""
        holder = self._holder(deleted.commit, None, deleted.spec_id, deleted.path)
        if holder is None:
            return deleted
        since = deleted.commit
        while True:
            found = self._followed(since, deleted.spec_id, holder)
            if found is None:
                return None
            since, kept = found
            if isinstance(kept, Event):
                return kept
            holder = kept

    def moved_out(self, move: Event) -> Event | None:
        """The `deleted` event (`before` None; `path`: the file its first parent held,
        where `move` put it or, before the move came, where it moved from) of the first
        commit from the walk's `move` on (its own, then HEAD's first-parent line after
        it: a merge that brought it, a change of the configuration) whose own
        configuration reads no spec where `move` put the file; None: none did."""
        from specrepo.load.locations import location_matcher  # noqa: PLC0415

        if move.after is None or move.before is None:
            return None
        for commit, parent in ((move.commit, None), *self._changes(move.commit, move.after)):
            at = config_at(self._objects, self._path, commit, self._carried)
            if at is not None and not location_matcher(at[0])(move.after):
                held = parent is not None \
                    and self._objects.blob_at(parent, move.after) is not None
                return self._removed(commit, move.spec_id,
                                     (move.after if held else move.before, None))
        return None

    def _followed(self, since: str, spec_id: str, holder: _Holder
                  ) -> tuple[str, _Holder | Event] | None:
        """The first commit of HEAD's first-parent line after `since` that changed the
        configuration or the file of `holder` so that the file no longer holds `spec_id`,
        with the file that holds it then (a move), or its removal there; None: none did."""
        from specrepo.load.locations import location_matcher  # noqa: PLC0415

        for commit, parent in self._changes(since, holder[0]):
            at = config_at(self._objects, self._path, commit, self._carried)
            if at is None:
                return commit, self._removed(commit, spec_id, holder)
            located, config = at
            reads = location_matcher(located)
            blob = self._objects.blob_at(commit, holder[0])
            if blob is not None and reads(holder[0]):
                record = record_at(self._objects, ({holder[0]: blob}, config), holder[0],
                                   self._today)
                if record is not None and record.id == spec_id:
                    holder = (holder[0], record.status)
                    continue
            moved = self._holder(commit, parent, spec_id, holder[0])
            return commit, moved if moved is not None \
                else self._removed(commit, spec_id, holder)
        return None

    def _changes(self, since: str, path: str) -> list[tuple[str, str]]:
        """The commits of HEAD's first-parent line that descend from `since` (none made
        beside it: a commit of main's made while `since` was on a branch holds none of
        its files; the merge that brought `since` in is the first) that changed the
        configuration file or `path`, oldest first, each with its first parent (a root
        commit, which has none, is left out)."""
        listed = self._git.text("log", "--first-parent", "--ancestry-path", "--format=%H %P",
                                self._head,
                                f"^{since}", "--", f":(literal){self._path}",
                                f":(literal){path}").split("\n")
        pairs = [line.split(" ")[:2] for line in reversed(listed) if line.count(" ") >= 1]
        return [(commit, parent) for commit, parent in pairs if parent]

    def _holder(self, commit: str, parent: str | None, spec_id: str, near: str
                ) -> _Holder | None:
        """A file of `commit` that its own configuration reads as a spec whose id is
        `spec_id`, the walk not following it (with `parent`: only one the commit added or
        changed), looked for first by the name of `near` and then by the id in its name;
        None when there is none (or the commit has no configuration to read it with)."""
        from specrepo.gitio.diff_sides import tracked_files  # noqa: PLC0415
        from specrepo.load.covered_locations import reads_within  # noqa: PLC0415
        from specrepo.load.locations import location_matcher  # noqa: PLC0415

        at = config_at(self._objects, self._path, commit, self._carried)
        if at is None or reads_within(at[0], self._locations):
            return None  # none, or every file it reads the walk follows: no tree listed
        located, config = at
        reads = location_matcher(located)
        before = tracked_files(self._git, parent) if parent is not None else {}
        files = {path: blob for path, blob in tracked_files(self._git, commit).items()
                 if reads(path) and not self._walked(path) and before.get(path) != blob}
        for path in _likely_first(files, spec_id, near):
            record = record_at(self._objects, (files, config), path, self._today)
            if record is not None and record.id == spec_id:
                return path, record.status
        return None

    def _removed(self, commit: str, spec_id: str, holder: _Holder) -> Event:
        """The `deleted` event of `spec_id`, last held by `holder`, in `commit`."""
        from specrepo.gitio.graph import commit_meta  # noqa: PLC0415

        meta = commit_meta(self._git, commit)
        return Event(spec_id, commit, meta.author, meta.email, meta.authored, meta.committed,
                     DELETED, "status", holder[1], None, holder[0], True,
                     author_offset=meta.author_offset)


def _likely_first(files: dict[str, str], spec_id: str, near: str) -> Iterator[str]:
    """The paths of `files`, those named as `near` is first (a move keeps the name), then
    those whose name holds `spec_id`, then the rest, each group sorted."""
    name = near.rsplit("/", 1)[-1]
    ranked = sorted(files, key=lambda path: (
        path.rsplit("/", 1)[-1] != name, spec_id not in path.rsplit("/", 1)[-1], path))
    yield from ranked
