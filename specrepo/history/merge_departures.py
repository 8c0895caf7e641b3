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
from specrepo.history.configured_sides import Side, carrying, config_at
from specrepo.model.events import DELETED
from specrepo.model.merging import removed_from

if TYPE_CHECKING:
    from specrepo.gitio.git_command import Git
    from specrepo.gitio.objects import ObjectReader
    from specrepo.history.merged_lines import MergedLines
    from specrepo.model.config import Config
    from specrepo.model.event import Event

Compare = Callable[["ObjectReader", LineChange, tuple[Side, Side],
                    tuple[dict[str, str], dict[str, str]]], list["Event"]]
"""`GitDepartures._changed`: the changes of the spec set from a commit's side to another's."""


def left_in_merges(git: Git, today: Config, lines: MergedLines, names: Sequence[str],
                   located: Sequence[str], compare: Compare) -> list[Event]:
    """A `deleted` event at each merge of the first-parent line of `lines` for each spec a
    merged parent's spec set held that neither the merge's nor its first parent's holds,
    going on in none of the merge's files (`compare`), from the status that parent held
    it in where the branch moved it there since its fork (`removed_from`). Only a merge
    one of whose merged branches forked before a commit of the line that changed the spec
    locations (`located`, the line's, oldest first) is read: none in a history whose
    locations never changed. `names`: the configuration file's paths (its path at the
    line's head first). Raises `HistoryError` when git fails."""
    asked = _asked(git, lines, located)
    if not asked:
        return []
    from specrepo.gitio.diff_sides import tracked_files_of  # noqa: PLC0415 (rarely asked)
    from specrepo.gitio.objects import ObjectReader  # noqa: PLC0415
    from specrepo.load.locations import location_matcher  # noqa: PLC0415

    objects = ObjectReader(git, today.max_file_size)
    carried = carrying(git, today)
    found: list[Event] = []
    try:
        compared = []
        for merge, parent, fork in asked:
            paths = [held_name(objects, names, sha) for sha in (lines.parents(merge)[0],
                                                                 parent, merge)]
            configs = [config_at(objects, path, sha, carried) for path, sha in zip(
                paths, (lines.parents(merge)[0], parent, merge), strict=True)]
            if None not in configs and configs[1] is not None and configs[2] is not None \
                    and configs[1][0] != configs[2][0]:
                compared.append((merge, parent, fork, paths, configs))
        trees = iter(tracked_files_of(git, [sha for merge, parent, _, _, _ in compared
                                            for sha in (lines.parents(merge)[0], parent,
                                                        merge)]))
        for merge, parent, fork, paths, configs in compared:
            sides: list[Side] = []
            listed = [next(trees), next(trees), next(trees)]
            for tree, at in zip(listed, configs, strict=True):
                assert at is not None
                matcher = location_matcher(at[0])
                sides.append(({path: blob for path, blob in tree.items() if matcher(path)},
                              at[1]))
            gone = compare(objects, LineChange(merge, parent, paths[2], paths[1]),
                           (sides[1], sides[2]), (listed[1], listed[2]))
            forked = (fork, held_name(objects, names, fork))
            found.extend(event for event in gone if event.kind == DELETED
                         and event.path not in sides[0][0]
                         and removed_from(None, [(event.before, status_at(
                             objects, today, carried, forked, event.path))]))
    finally:
        objects.close()
    return found


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
    asked = []
    for index, merge in enumerate(line):
        parents = lines.parents(merge)
        for parent in parents[1:]:
            branch = lines.branch_line(parent, parents[0]) \
                or branch_line_of(git, parent, parents[0])
            if not branch[1]:
                continue
            fork = branch[1][0]
            forked = place.get(fork, len(line))
            if any(index < at < forked if at is not None else forked == len(line)
                   for at in changed):
                asked.append((merge, parent, fork))
    return asked
