"""The specs a merge of HEAD's first-parent line left out of the spec set that only a merged
branch's side read: the line changed its spec locations after the branch forked (an
`exclude:` added, `specs:` narrowed, while the spec was a Draft there: a removal judged at
that commit), the branch moved the spec on (approved it), and the merge, which changed no
configuration against its first parent, keeps the line's configuration, which reads no
spec there (mergeleave45). `departures.GitDepartures` compares only a commit's first
parent with it; this compares each merged parent's side with the merge's, each with its
own configuration, and names a removal where `model.merging.removed_from` does: from the
status the branch moved the spec to, as a merge that overrides a branch's move."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from specrepo.gitio.config_log import LineChange
from specrepo.history.branch_departures import branch_line_of, status_at
from specrepo.history.branch_lines import held_name
from specrepo.history.configured_sides import Side, carrying, config_at, spec_files
from specrepo.model.events import DELETED
from specrepo.model.merging import removed_from

if TYPE_CHECKING:
    from specrepo.gitio.git_command import Git
    from specrepo.gitio.objects import ObjectReader
    from specrepo.history.config_line import ConfigLine
    from specrepo.history.merged_lines import MergedLines
    from specrepo.load.locations import SpecLocation
    from specrepo.model.config import Config
    from specrepo.model.event import Event

Configured = tuple[tuple["SpecLocation", ...], "Config"]
"""A commit's spec locations and configuration (`config_at`)."""
Compared = tuple[str, str, str, list[str], list[Configured | None]]
"""A merge whose merged parent's spec locations differ from its own: the merge, that parent,
the fork, the configuration file's path in the first parent, that parent and the merge,
and their configurations."""
Compare = Callable[["ObjectReader", LineChange, tuple[Side, Side],
                    tuple[dict[str, str], dict[str, str]]], list["Event"]]
"""`GitDepartures._changed`: the changes of the spec set from a commit's side to another's."""


def left_in_merges(git: Git, today: Config, lines: MergedLines, names: Sequence[str],
                   located: Sequence[str], compare: Compare) -> list[Event]:
    """A `deleted` event at each merge of the first-parent line of `lines` (HEAD's) for
    each spec a merged parent's spec set held that neither the merge's nor its first
    parent's holds, going on in none of the merge's files (`compare`), from the status
    that parent held it in where the branch moved it there since its fork
    (`removed_from`). Only a merge one of whose merged branches forked before a commit of
    the line that changed the spec locations (`located`, the line's, oldest first) is
    read: none in a history whose locations never changed. `names`: the configuration
    file's paths (its path at the line's head first). Raises `HistoryError` when git
    fails."""
    asked = _asked(git, lines, located)
    if not asked:
        return []
    from specrepo.gitio.objects import ObjectReader  # noqa: PLC0415
    from specrepo.gitio.tree_files import tracked_files_of  # noqa: PLC0415 (rarely asked)

    objects = ObjectReader(git, today.max_file_size)
    found: list[Event] = []
    try:  # the configuration file under each name at each commit compared, asked at once
        objects.prefetch((f"{sha}:{name}", name) for merge, parent, _ in asked
                         for sha in (lines.parents(merge)[0], parent, merge) for name in names)
        configs = _Configurations(objects, carrying(git, today, lines.head))  # HEAD's line
        compared = _branch_changed(git, lines, [
            (merge, parent, fork, paths, sides) for merge, parent, fork in asked
            if (held := configs.compared(lines, names, merge, parent)) is not None
            for paths, sides in (held,)])
        trees = iter(tracked_files_of(objects, [sha for merge, parent, _, _, _ in compared
                                            for sha in (lines.parents(merge)[0], parent,
                                                        merge)]))
        for merge, parent, fork, paths, configured in compared:
            listed = (next(trees), next(trees), next(trees))
            gone = _gone(objects, compare, (merge, parent, paths), listed, configured)
            forked = (fork, held_name(objects, names, fork))
            found.extend(event for event in gone if event.kind == DELETED
                         and removed_from(None, [(event.before, status_at(
                             objects, today, configs.carried, forked, event.path))]))
    finally:
        objects.close()
    return found


class _Configurations:
    """The configurations of the commits asked (`config_at`), each version of the file
    loaded once: a few versions, many merges."""

    def __init__(self, objects: ObjectReader, carried: ConfigLine | None) -> None:
        self.objects, self.carried = objects, carried
        self._loaded: dict[tuple[str, str], Configured | None] = {}

    def at(self, path: str, sha: str) -> Configured | None:
        """`config_at` of commit `sha`, its file at `path`."""
        blob = self.objects.blob_at(sha, path)
        if blob is None:
            return config_at(self.objects, path, sha, self.carried)
        if (path, blob) not in self._loaded:
            self._loaded[path, blob] = config_at(self.objects, path, sha, self.carried)
        return self._loaded[path, blob]

    def compared(self, lines: MergedLines, names: Sequence[str], merge: str, parent: str
                 ) -> tuple[list[str], list[Configured | None]] | None:
        """The configuration file's paths and configurations of the first parent of
        `merge`, of `parent` and of `merge`, where `parent`'s spec locations differ from
        the merge's; else None."""
        shas = (lines.parents(merge)[0], parent, merge)
        paths = [held_name(self.objects, names, sha) for sha in shas]
        if paths[1] == paths[2] and self.objects.blob_at(parent, paths[1]) \
                == self.objects.blob_at(merge, paths[2]):
            return None  # the branch's configuration is the merge's: the same spec set
        configs = [self.at(path, sha) for path, sha in zip(paths, shas, strict=True)]
        if configs[0] is None or configs[1] is None or configs[2] is None \
                or configs[1][0] == configs[2][0]:
            return None
        return paths, configs


def _gone(objects: ObjectReader, compare: Compare, merge: tuple[str, str, list[str]],
          listed: tuple[dict[str, str], ...], configs: list[Configured | None]
          ) -> list[Event]:
    """The changes of the spec set from the merged parent's side to the merge's
    (`compare`; `merge`: the merge, that parent and the configuration file's paths;
    `listed`: the trees of the first parent, that parent and the merge) of the specs
    that neither the merge's nor the first parent's side reads, in another version than
    the first parent's (a file neither changed is no move of the branch's)."""
    sides = [(spec_files(objects.git, tree, at[0]), at[1])
             for tree, at in zip(listed, configs, strict=True) if at is not None]
    left = {path: blob for path, blob in sides[1][0].items() if path not in sides[2][0]
            and path not in sides[0][0] and listed[0].get(path) != blob}
    if not left:
        return []
    came = {path: blob for path, blob in sides[2][0].items() if path not in sides[1][0]}
    return compare(objects, LineChange(merge[0], merge[1], merge[2][2], merge[2][1]),
                   ((left, sides[1][1]), (came, sides[2][1])), (listed[1], listed[2]))


def _branch_changed(git: Git, lines: MergedLines, compared: list[Compared]
                    ) -> list[Compared]:
    """Of `compared`, the merges whose merged parent holds a file its spec locations read
    and neither the merge's nor the first parent's do, that its branch changed since the
    fork (one `git diff-tree` for all): only those can have left out a spec the branch
    moved on (a file it did not change holds the fork's status: no move), and only their
    trees are listed."""
    from specrepo.gitio.merging import files_differing  # noqa: PLC0415 (rarely asked)
    from specrepo.load.locations import location_matcher  # noqa: PLC0415

    differing = files_differing(git, [(fork, parent) for _, parent, fork, _, _ in compared])
    kept = []
    for asked, files in zip(compared, differing, strict=True):
        matchers = [location_matcher(at[0]) for at in asked[4] if at is not None]
        if any(blob is not None and matchers[1](path) and not matchers[2](path)
               and not matchers[0](path) for path, blob in files.items()):
            kept.append(asked)
    return kept


def _asked(git: Git, lines: MergedLines, located: Sequence[str]
           ) -> list[tuple[str, str, str]]:
    """Each merge of the line with a merged parent whose branch forked before a commit of
    the line that changed the spec locations (after the merge's own), with that parent
    and the fork: (merge, parent, fork); where the line's graph cannot tell the branch's
    line (a run continuing from the cache: only the commits after its HEAD), git is
    asked (`branch_line_of`)."""
    if not located:
        return []
    line = lines.line()
    place = {sha: index for index, sha in enumerate(line)}  # newest first
    changed = [place.get(sha) for sha in located]
    known = [at for at in changed if at is not None]  # None: before the line's first commit
    oldest = len(line) if len(known) < len(changed) else max(known, default=0)
    asked = []
    for index, merge in enumerate(line[:oldest]):  # a merge after a change of them
        parents = lines.parents(merge)
        for parent in parents[1:]:
            found = lines.fork(parent, parents[0])
            if found is None:
                found = branch_line_of(git, parent, parents[0])[1]
            if not found:
                continue
            fork = found[0]
            forked = place.get(fork, len(line))
            if any(index < at < forked if at is not None else forked == len(line)
                   for at in changed):
                asked.append((merge, parent, fork))
    return asked


def in_line_order(events: Sequence[Event], merged: Sequence[Event], lines: MergedLines
                  ) -> list[Event]:
    """`events` (a reading's changes of the spec set, oldest first) with `merged`
    (`left_in_merges`', at merges of the line of `lines`) each put before the first of
    them made after its merge on the line (a commit the line holds, or one a later merge
    brought), so that the spec set's changes stay oldest first: a spec taken out by main,
    left out again by the merge of a branch that approved it, and brought back, is
    brought back after that merge."""
    if not merged:
        return list(events)
    place = {sha: index for index, sha in enumerate(lines.line())}  # newest first

    def at(event: Event) -> int:
        found = place.get(event.commit)
        if found is None:
            found = lines.bringing(event.commit)
        return len(place) if found is None else found

    ordered = list(events)
    for event in merged:
        merge = at(event)
        later = next((index for index, other in enumerate(ordered) if at(other) < merge),
                     len(ordered))
        ordered.insert(later, event)
    return ordered
