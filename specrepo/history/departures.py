"""The specs that left the spec set through a change of the configuration, their files
kept (`specs:` narrowed, an `exclude:` added, a file moved where a changed `specs:` no
longer reads it): `model.ancestry.Departures` from git.

The walk over history follows the files of every location any configuration named (a file
the current `exclude:` names only where its commit's configuration read a spec there:
`excluded_versions`), so such a spec stays a spec of the walk (or was never one): this
reads each commit of HEAD's first-parent line that changed the configuration file, with
each side's own `specs:` and `exclude:` (and, for a merge that took a spec out, the line
of the branch it merged: a removal is named where that line made it). A commit with its
parent's spec locations costs one read of each version; only one that changed them lists
its tree and its parent's."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from specrepo.base.headed_cache import read_header, write_headed
from specrepo.history.branch_departures import made_on_branches, merged_ranges
from specrepo.history.branch_lines import line_changes, quiet_made
from specrepo.history.cache import CACHE_FILE as HISTORY_CACHE
from specrepo.history.configured_sides import (
    Side,
    carrying,
    config_at,
    continued,
    record_at,
    spec_files,
    unread_at,
)
from specrepo.history.departures_cache import (
    CACHE_FORMAT,
    EVENT_ROW,
    LOCATED,
    NAMES,
    REMOVALS_FILE,
    SAME,
    UNREAD,
    event_of,
    event_row,
    load_rows,
    said,
    stored_removals,
)
from specrepo.history.merge_departures import in_line_order, left_in_merges
from specrepo.history.merged_lines import MergedLines
from specrepo.model.config import Config
from specrepo.model.event import Event
from specrepo.model.events import CREATED, DELETED, EventKind
from specrepo.model.history import History, RenamedSince

if TYPE_CHECKING:
    from specrepo.gitio.config_log import LineChange, StartedChanges
    from specrepo.gitio.git_command import Git
    from specrepo.gitio.graph import CommitMeta
    from specrepo.gitio.objects import ObjectReader
    from specrepo.history.set_membership import SetMembership
    from specrepo.history.workflow_versions import GitWorkflows
    from specrepo.load.locations import SpecLocation
    from specrepo.model.history import MovedFile
    from specrepo.model.spec_record import SpecRecord

CACHE_FILE: Final = Path("specrepo") / "departures-cache.json"
"""In the common git folder, beside the history cache (whose key it shares): the
departures of one HEAD, so that a warm run asks git nothing (a run after new commits reads
only theirs)."""
class GitDepartures:
    """`model.history.Departures` for the history from `head`, whose configuration file
    is `config_path` (from the repository's top; None: there is none), with the cache in
    the common git folder `git_dir`; read on the first question (with `ahead`, git's log of
    the configuration file from `head`, asked beside a cold walk: `AskedAhead`). Raises
    `HistoryError` then when git cannot answer. `line_path`: where `workflows` are looked
    for (`config_history.config_line_path`; default `config_path`); `graph`: the walk's
    commit graph of all the commits `head` reaches, when it listed one (`MergedLines`), and
    `line`, who made each commit of `head`'s first-parent line and when, if it listed them
    (a merge that left a spec out: no `git show`)."""

    def __init__(self, git: Git, config: Config, head: str | None,
                 config_path: str | None, git_dir: Path,
                 locations: Sequence[SpecLocation] = (),
                 ahead: StartedChanges | None = None, line_path: str | None = None,
                 graph: Mapping[str, Sequence[str]] | None = None,
                 line: Sequence[CommitMeta] | None = None) -> None:
        self._git, self._config, self._head = git, config, head
        self._path, self._cache = config_path, git_dir / CACHE_FILE
        self._line_path = line_path or config_path
        self._locations = locations
        self._removals: dict[tuple[str, str, str], Event | str | None] | None = None
        self._found: tuple[Event, ...] | None = None
        self._located: tuple[str, ...] = ()
        self._unread: dict[tuple[str, str], bool] = {}
        self._ahead, self._graph, self._line_metas = ahead, graph, line or ()
        self._names: list[str] = []  # the configuration's paths along HEAD's line
        self._lines: MergedLines | None = None

    def events(self) -> tuple[Event, ...]:
        """A `deleted` event (`before`: its status then) for each spec that a commit of
        HEAD's first-parent line took out of the spec set by changing the configuration,
        its file kept or moved where the new configuration reads no spec, going on in no
        spec file of the commit as the walk's lineage pairs them (the same id, or moved
        and renumbered: `configured_sides.continued`), named at the commit of a merged
        branch's line that made it (`branch_departures.made_on_branches`); a `created`
        event for each file such a change brought in: oldest first."""
        if self._found is None:
            self._found = tuple(self._cached()) if self._head and self._path else ()
        return self._found

    def changed_locations(self) -> tuple[str, ...]:
        """The commits of HEAD's first-parent line whose spec locations (`specs:` and
        `exclude:`, as their own configuration names them) differ from their first
        parent's, oldest first: none, and no move can have left the spec set."""
        self.events()
        return self._located

    def removals(self, deleted: Sequence[Event]) -> tuple[Event | None, ...]:
        """For each of the walk's `deleted` events, where its spec left the spec set as
        each commit's own configuration reads it (`SetMembership.removal`): the event
        itself, a later commit's removal, or None (HEAD's configuration still reads it)."""
        if not self._head or not self._path:
            return tuple(deleted)
        key = self._key()
        if self._removals is None:  # those of HEAD the cache holds, read once
            self._removals = stored_removals(self._cache.with_name(REMOVALS_FILE), key,
                                              self._head)
        known = self._removals
        asked = [event for event in deleted if said(event) not in known]
        if asked:
            known.update((said(event), SAME if found == event else found) for event, found
                         in zip(asked, self._read_removals(asked), strict=True))
            if key is not None:
                write_headed(self._cache.with_name(REMOVALS_FILE), {
                    "format": CACHE_FORMAT, "key": key, "head": self._head}, json.dumps([
                        [*said, found if not isinstance(found, Event) else event_row(found)]
                        for said, found in sorted(known.items())]).encode())
        return tuple(event if found == SAME else found if isinstance(found, Event) else None
                     for event, found in ((event, known[said(event)]) for event in deleted))

    def moved_out(self, moves: Sequence[Event]) -> tuple[Event | None, ...]:
        """`model.history.Departures.moved_out`, read from git (`SetMembership.moved_out`)."""
        if not self._head or not self._path or not moves:
            return tuple(None for _ in moves)
        return tuple(self._membership(lambda membership: [
            membership.moved_out(move) for move in moves]))

    def moved_unread(self, moves: Sequence[MovedFile]) -> tuple[bool, ...]:
        """For each of the walk's `moved` events, whether its own commit's configuration
        (`specs:` and `exclude:`; between a deletion and the file's return, the deleted
        one's: `configured_sides.config_at`) reads no spec where it put the file
        (`after`); False for a commit with no configuration in force (the walk reads it
        with today's). One object reader for all."""
        said = [(move.commit, move.after) for move in moves if move.after is not None]
        if not self._head or not self._path or not said:
            return tuple(False for _ in moves)
        self.events()  # the answers the cache holds
        if asked := [place for place in dict.fromkeys(said) if place not in self._unread]:
            self._unread.update(unread_at(self._git, self._config, self._path, asked))
            self._write(self._key())
        return tuple(move.after is not None and self._unread[move.commit, move.after]
                     for move in moves)

    def workflows(self, renamed: tuple[tuple[str, str], ...],
                  since: RenamedSince = MappingProxyType({})) -> GitWorkflows:
        """`model.workflow_line.KnowsWorkflows`: the configuration file's workflows."""
        from specrepo.history.workflow_versions import GitWorkflows  # noqa: PLC0415 (cycle)

        return GitWorkflows(self._git, self._config, self._head, self._line_path, self._cache,
                            self._key, self._ahead if self._path else None, dict(renamed),
                            since)

    def objects_held(self) -> AbstractContextManager[None]:
        """Within it, the object readers of what these departures are asked (their
        `workflows` too), made one after another, ask one `cat-file` of git
        (`gitio.shared_batch.batch_held`): a cold report started four after the first
        question. No process may fork within it."""
        from specrepo.gitio.shared_batch import batch_held  # noqa: PLC0415

        return batch_held(self._git)

    def _read_removals(self, deleted: list[Event]) -> list[Event | None]:
        """`removals` read from git (one object reader for all)."""
        return self._membership(lambda membership: [
            membership.removal(event) for event in deleted])

    def _membership(self, asked: Callable[[SetMembership], list[Event | None]]
                    ) -> list[Event | None]:
        """What `asked` reads with a `SetMembership` of HEAD (one object reader for all)."""
        assert self._head is not None and self._path is not None
        from specrepo.gitio.objects import ObjectReader  # noqa: PLC0415 (rarely asked)
        from specrepo.history.set_membership import SetMembership  # noqa: PLC0415

        objects = ObjectReader(self._git, self._config.max_file_size)
        try:
            return asked(SetMembership(self._git, objects, self._config, self._path,
                                       self._head, self._locations))
        finally:
            objects.close()

    def _key(self) -> str | None:
        """What the cached events are valid for: the history cache's format and key (all
        that changes what git says and how a version reads: specrepo's version, the
        mailmap, replace refs...), the configuration file and the size cap; None when there
        is no history cache to read it from (then none is kept)."""
        header = read_header(self._cache.parent.parent / HISTORY_CACHE)
        try:
            return json.dumps([header["format"], header["key"], self._path,
                               self._config.max_file_size])
        except KeyError:
            return None

    def _cached(self) -> list[Event]:
        """The events, from the cache where it holds HEAD's, or continued from its HEAD's
        when that is on HEAD's first-parent line (its events, and those of the commits
        after), else read from the whole line; the cache written for HEAD."""
        from specrepo.gitio.shared_batch import batch_held  # noqa: PLC0415

        assert self._head is not None and self._path is not None
        key = self._key()
        header, rows = load_rows(self._cache, key) if key is not None else (None, [])
        try:
            known = [event_of(row) for row in rows if len(row) == EVENT_ROW]
            located = [str(row[1]) for row in rows if row[:1] == [LOCATED] and len(row) == 2]
            stored = [str(name) for row in rows if row[:1] == [NAMES] for name in row[1]]
            self._unread = {(str(row[1]), str(row[2])): bool(row[3]) for row in rows
                            if row[:1] == [UNREAD] and len(row) == 4}
        except (ValueError, TypeError, IndexError):  # a damaged cache: only a shortcut
            header, known, located, stored, self._unread = None, [], [], [], {}
        if header == self._head:
            self._located, self._names = tuple(located), stored
            return known
        with batch_held(self._git):  # the line's changes and the readers ask one `cat-file`
            self._from_git(header, known, located, stored)
        self._write(key)
        return list(self._found or ())

    def _from_git(self, header: str | None, known: list[Event], located: list[str],
                  stored: list[str]) -> None:
        """`_cached`'s events read from git: those after the cache's HEAD (`header`, whose
        events are `known`, the commits that changed the spec locations `located` and
        the file's names `stored`) when HEAD's line goes on from it, else the whole line's."""
        from specrepo.gitio.config_log import first_parent_changes, line_paths  # noqa: PLC0415

        assert self._head is not None and self._path is not None
        since, changes = header, first_parent_changes(
            self._git, self._head, self._path, header) if header is not None else None
        if changes is None:
            since, known, located, stored, changes = None, [], [], [], \
                self._ahead.changes() if self._ahead is not None \
                else first_parent_changes(self._git, self._head, self._path)
        # HEAD's line's names: those after the cache's HEAD (which kept the file's path)
        # and those it had up to there, as the whole line gives them (lines42)
        self._names = names = list(dict.fromkeys([*line_paths(self._path, changes or []),
                                                  *stored]))
        self._lines = lines = MergedLines(self._git, self._head, since, self._graph)
        found = self._read(changes or [], located, names)
        self._found = (*known, *in_line_order(
            [*found, *self._quiet(lines, names, changes or [], located)], left_in_merges(
                self._git, self._config, lines, names, located, self._changed), lines))
        self._located = tuple(located)

    def _write(self, key: str | None) -> None:
        """The cache written for HEAD (with `key`; None: none is kept)."""
        if key is not None:
            write_headed(self._cache, {"format": CACHE_FORMAT, "key": key,
                                           "head": self._head}, json.dumps([
                *(event_row(event) for event in self._found or ()),
                *([LOCATED, commit] for commit in self._located), [NAMES, self._names],
                *([UNREAD, *place, unread] for place, unread
                  in sorted(self._unread.items()))]).encode())

    def _read(self, changes: list[LineChange], located: list[str], names: list[str]
              ) -> list[Event]:
        """The changes of the spec set that the commits `changes` (each with its first
        parent, and the file's path in each: `LineChange`) of a line made by changing the
        configuration: only those whose spec locations differ from their parents' list
        their trees (all in one git, `tracked_files_of`), and are added to `located`; the
        lines they merged read under the line's `names` of the file (`_line`)."""
        if not changes or self._path is None:
            return []
        from specrepo.gitio.config_log import (  # noqa: PLC0415 (a warm run: none)
            start_range_logs,
            stop_range_logs,
        )
        from specrepo.gitio.objects import ObjectReader  # noqa: PLC0415
        from specrepo.gitio.tree_files import tracked_files_of  # noqa: PLC0415

        objects = ObjectReader(self._git, self._config.max_file_size)
        found: list[Event] = []
        started: list[tuple[str, str, str]] = []
        try:
            compared = []
            carried = carrying(self._git, self._config, self._head)
            for change in changes:
                before, after = (config_at(objects, at, sha, carried)
                                 for sha, at in ((change.parent, change.parent_path),
                                                 (change.commit, change.path)))
                if before is not None and after is not None and before[0] != after[0]:
                    compared.append((change, before, after))  # other locations
                    located.append(change.commit)
            started = start_range_logs(self._git, merged_ranges(objects, carried, [
                (change.path, change.meta.parents if change.meta is not None else None)
                for change, _, _ in compared], self._lines))  # beside the trees' reading
            trees = iter(tracked_files_of(objects, [
                sha for change, _, _ in compared for sha in (change.parent, change.commit)]))
            for change, *configs in compared:
                listed = [next(trees), next(trees)]
                sides: list[Side] = []
                for tree, (spec_locations, config) in zip(listed, configs, strict=True):
                    sides.append((spec_files(self._git, tree, spec_locations), config))
                changed = self._changed(objects, change, (sides[0], sides[1]),
                                        (listed[0], listed[1]))
                found.extend(made_on_branches(
                    self._git, objects, self._config, partial(self._line, names),
                    (change.commit, change.path), changed, (sides[0][0], sides[1][0]),
                    change.meta.parents if change.meta is not None else None, self._lines))
        finally:
            stop_range_logs(self._git, started)
            objects.close()
        return found

    def _quiet(self, lines: MergedLines, names: list[str], changes: list[LineChange],
               located: list[str]) -> list[Event]:
        """`branch_lines.quiet_made` of the first-parent line of `lines` (`names`: the
        configuration file's paths the line and those it was merged into gave it, its
        path at the line's head first; `changes`, the line's changes of it, `located`,
        those that changed the spec locations), the lines it merged read under `names`."""
        return quiet_made(self._git, self._config, (lines, names), (changes, located),
                          partial(self._line, names))

    def _line(self, known: list[str], tip: str, path: str, fork: str,
              own: Mapping[str, int]) -> list[Event]:
        """What a merged line (`branch_lines.ReadBranch`) made of the spec set: its own
        changes of the configuration file (`line_changes`, under every name it gave the
        file and those the lines it was merged into gave it, `known`) and its merges'
        lines, quiet ones too (looked for where it has a merge), each read with the
        configuration the line had at each commit. The names are the line's, whatever
        line was read before (lines42: a warm run knew fewer than a cold one)."""
        changes, names = line_changes(self._git, self._config, (tip, path, fork), own, known)
        located: list[str] = []
        found = self._read(changes, located, names)
        if any(parents > 1 for parents in own.values()):
            found.extend(self._quiet(MergedLines(self._git, tip, fork), names, changes,
                                     located))
        return found

    def _changed(self, objects: ObjectReader, change: LineChange,
                 sides: tuple[Side, Side], trees: tuple[dict[str, str], dict[str, str]]
                 ) -> list[Event]:
        """The specs of the parent's side (`change`: the commit and its parent; `sides`:
        theirs; `trees`: their tracked files) that the commit's no longer has, going on in
        none of its new files as the walk's lineage pairs them
        (`configured_sides.continued`: by id, then moved and renumbered): `deleted`; and
        the files the commit's side has that were in the parent, no spec there,
        continuing none of those: `created` (their status in the commit); who made it
        and when as the line's log listed it (`LineChange.meta`)."""
        from specrepo.gitio.graph import commit_meta  # noqa: PLC0415

        commits, before, after = (change.parent, change.commit), *sides
        objects.prefetch([*((blob, path) for path, blob in after[0].items()
                            if path not in before[0]),
                          *((blob, path) for path, blob in before[0].items()
                            if path not in after[0])])  # asked of git at once
        came = {path: record for path in after[0] if path not in before[0]
                if (record := record_at(objects, after, path, self._config)) is not None}
        gone = {path: record for path in before[0] if path not in after[0]
                if (record := record_at(objects, before, path, self._config)) is not None}
        went, took = continued(self._git, objects, commits, trees, (gone, came), sides,
                               self._config)
        moves: list[tuple[str, SpecRecord, EventKind]] = [
            *((path, record, DELETED) for path, record in sorted(gone.items())
              if record.status and path not in went),
            *((path, record, CREATED) for path, record in sorted(came.items())
              if record.status and path in trees[0] and path not in took)]
        if not moves:
            return []
        meta = change.meta or next((meta for meta in self._line_metas
                                    if meta.sha == change.commit), None) \
            or commit_meta(self._git, change.commit)  # a merge of HEAD's line: listed
        return [Event(record.id, commits[1], meta.author, meta.email, meta.authored,
                      meta.committed, kind, "status",
                      record.status if kind == DELETED else None,
                      record.status if kind == CREATED else None, path, True,
                      author_offset=meta.author_offset)
                for path, record, kind in moves]


def objects_held(history: History) -> AbstractContextManager[None]:
    """`GitDepartures.objects_held` of `history`'s departures (nothing held for others)."""
    departures = history.departures
    return departures.objects_held() if isinstance(departures, GitDepartures) \
        else nullcontext()
