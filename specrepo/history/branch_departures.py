"""The changes of the spec set a merged branch's line made by changing the configuration,
named at the branch's commits that made them, as on a linear history (`departures`;
README "Which spec a file is": a removal a merge brought in that a branch's own line made
is judged at the branch's commit that made it, once; mrg38, cfgbr40).

A merge on HEAD's first-parent line that changed the spec locations is compared side by
side (its first parent's against its own) by `GitDepartures`; what that comparison cannot
see is what the merged line did before it: a spec main held that the branch moved to
another status and then took out (the merge's side reads main's status), and a spec the
branch brought into the set and took out again (neither side of the merge holds it: a
spec born Approved on the branch in a folder that only the branch's configuration, or
the one it deleted and brought back narrower, read)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from functools import partial
from typing import TYPE_CHECKING

from specrepo.history.branch_lines import config_named, held_name, tip_path
from specrepo.history.configured_sides import carrying, config_at, record_at
from specrepo.model.event import Event
from specrepo.model.events import DELETED

if TYPE_CHECKING:
    from specrepo.gitio.git_command import Git
    from specrepo.gitio.objects import ObjectReader
    from specrepo.history.branch_lines import ReadBranch
    from specrepo.history.config_line import ConfigLine
    from specrepo.history.merged_lines import MergedLines
    from specrepo.model.config import Config


def made_on_branches(git: Git, objects: ObjectReader, today: Config, read: ReadBranch,
                     merge: tuple[str, str], events: list[Event],
                     held: tuple[Collection[str], Collection[str]],
                     parents: Sequence[str] | None = None,
                     lines: MergedLines | None = None) -> list[Event]:
    """`events` (what the commit `merge[0]`, its configuration file at `merge[1]` from the
    top, changed of the spec set: its first parent's side against its own, whose spec
    files, paths from the top, are `held`) with the changes the line of each parent it
    merged made (its first-parent line since it forked from the first parent's, with the
    configuration the line had at each of its commits, under the names the line gave
    it, and its own merges' lines, quiet ones too: `read`), at the commits that made them,
    as on a linear history:

    - a spec the merge took out whose last change on that line took it out too, in place
      of the merge's removal, unless the first parent's line moved its status after the
      fork (the merge left out a spec in the status main gave it: the merge's removal);
    - a spec that line took out last from a file neither side of the merge holds as a
      spec and the fork has no file at (brought in on the branch, by a new file or a
      configuration change, and taken out there), or brought in last (by a configuration
      change) into a file only the merge's side holds and the fork has none at (written
      on the branch while no configuration read it): that line's changes of it, added.

    `parents`: the merge's parents, when the line's log gave them (else git is asked);
    `lines`: the line the merge is on, which tells where a branch merged into it forked
    and its line since (else, or when it cannot tell, git is asked). Raises
    `HistoryError` when git fails."""
    if parents is None:
        parents = git.text("rev-parse", f"{merge[0]}^@").split()
    carried = carrying(git, today)  # one line for every spec asked: its paths asked once
    for other in parents[1:]:  # the line's first commit main lacks: its parent, the fork
        mine, fork = (lines.branch_line(other, parents[0]) if lines is not None else None) \
            or branch_line_of(git, other, parents[0])
        made = read(other, tip_path(objects, carried, other, merge[1]), fork[0], mine) \
            if fork else []
        if not made:
            continue
        last = {made_of.spec_id: made_of for made_of in made}
        theirs = {event.spec_id for event in events if event.kind == DELETED
                  and _took_out(last.get(event.spec_id), event, partial(
                      status_at, objects, today, carried, (fork[0], merge[1])))}
        own = {spec_id for spec_id, made_of in last.items() if spec_id not in theirs
               and made_of.path not in held[0]
               and (made_of.kind == DELETED) is (made_of.path not in held[1])
               and objects.file_at(fork[0], made_of.path) is None}
        events = [*(event for event in events if event.spec_id not in theirs),
                  *(made_of for made_of in made if made_of.spec_id in theirs | own)]
    return events


def merged_ranges(objects: ObjectReader, carried: ConfigLine | None,
                  merges: Sequence[tuple[str, Sequence[str] | None]],
                  lines: MergedLines | None) -> list[tuple[str, str, str]]:
    """The merged lines `made_on_branches` reads of each of `merges` (a merge's
    configuration file's path from the top, and its parents, when known): for each
    merged parent whose fork the graph of `lines` tells, the parent (the line's tip), the
    file's path there (`tip_path`, `carried`: `carrying`'s) and the fork, as `read` is
    asked them (their logs can be started at once: `config_log.start_range_logs`)."""
    found = []
    for path, parents in merges:
        for other in (parents or ())[1:]:
            fork = lines.fork(other, parents[0]) if lines is not None and parents else None
            if fork:
                found.append((other, tip_path(objects, carried, other, path), fork[0]))
    return found


def branch_line_of(git: Git, branch: str, first: str
                 ) -> tuple[dict[str, int], tuple[str, ...]]:
    """`MergedLines.branch_line`, asked of git: the first-parent line of `branch` that
    `first` does not reach, as the graph has it whatever the dates (`graph_range`: git's
    walk by dates lists commits `first` reaches after six or more dated behind on the
    first parent's side, a bot's clock, lines42), each with its number of parents, and the
    fork: its oldest commit's first parent. Raises `HistoryError` when git fails."""
    from specrepo.gitio.graph_range import range_parents  # noqa: PLC0415 (rarely asked)

    listed = range_parents(git, [branch], [first], first_parent=True)
    oldest = next(reversed(listed.values()), ())
    return {commit: len(parents) for commit, parents in listed.items()}, oldest[:1]


def _took_out(last: Event | None, removal: Event,
              status_at_fork: Callable[[str], str | None]) -> bool:
    """Whether the merge's `removal` is the line's: its `last` change of the spec took it
    out too, from the same status, or the first parent's line left the status the fork
    had (`status_at_fork`, by the file's path from the top) as it was."""
    return last is not None and last.kind == DELETED and (
        _change(last) == _change(removal) or removal.before == status_at_fork(removal.path))


def status_at(objects: ObjectReader, today: Config, carried: ConfigLine | None,
               fork: tuple[str, str], path: str) -> str | None:
    """The status of the spec at `path` (from the top) in the commit `fork[0]`, read with
    the configuration in force there (its file at `fork[1]` or at an earlier path of the
    line `carried`, or the one its line deleted last); None: no spec there."""
    names = [fork[1], *(carried.paths(fork[1]) if carried is not None else ())]
    at = config_at(objects, held_name(objects, names, fork[0]), fork[0], carried)
    found = objects.file_at(fork[0], path) if at is not None else None
    if at is None or found is None:
        return None
    record = record_at(objects, ({path: found.sha}, at[1]), path, today)
    return None if record is None else record.status


def _change(event: Event) -> tuple[str, str | None, str | None]:
    """What a change of the spec set did: its kind, and the status before and after."""
    return event.kind, event.before, event.after


def quiet_merges(git: Git, objects: ObjectReader, today: Config, lines: MergedLines,
                 path: tuple[Sequence[str], str | None],
                 line: tuple[Collection[str], Collection[str]]) -> list[str]:
    """The merges of the first-parent line of `lines` (after `path[1]`, when given) that
    brought a commit of a merged line changing the spec locations (`specs:`, `exclude:`)
    of the configuration file at `path[0][0]` (from the top; `path[0]`: every path the
    line gave it, newest first, each side of a commit read at the one it holds:
    `config_named`, so that a branch that renamed it is read too) though the merge itself
    changed no spec locations (`line`: the commits of the line that changed the file, and
    those of them that changed the spec locations): a branch that widened `specs:`, added
    a spec and narrowed it back; oldest first. A merged commit that brought the file back
    to one of those paths from another (renamed away and back, a name only the branch
    gave it: lines42) names that path, looked for too (one more log). The commits
    changing the file from the run's log of it (`watched_log.file_commits`), the merges
    that brought them from `lines`' graph (cold41). Raises `HistoryError` when git
    fails."""
    names, found = list(path[0]), dict[str, int]()
    while True:
        revealed = _quiet_found(git, objects, today, lines, (names, path[1]), line, found)
        if not revealed - set(names):
            return sorted(found, key=lambda merge: -found[merge])
        names.extend(sorted(revealed - set(names)))


def _quiet_found(git: Git, objects: ObjectReader, today: Config, lines: MergedLines,
                 path: tuple[Sequence[str], str | None],
                 line: tuple[Collection[str], Collection[str]], found: dict[str, int]
                 ) -> set[str]:
    """`quiet_merges` under the names `path[0]`, each merge put in `found` (-> how far
    from the line's head along it); the paths a merged commit brought the file back
    from (none of `path[0]`: its parent had none there)."""
    from specrepo.gitio.config_moves import configuration_sources  # noqa: PLC0415
    from specrepo.gitio.watched_log import file_commits  # noqa: PLC0415 (a warm run: none)

    carried, revealed = carrying(git, today), set[str]()
    for commit, parents in file_commits(git, lines.head, path[1], path[0]):
        if commit in line[0] or not parents:
            continue
        sides = [config_named(objects, path[0], sha, carried) for sha in (parents[0], commit)]
        if sides[0] is None and sides[1] is not None:
            revealed.update(source for _, source, _ in configuration_sources(
                git, commit, parents[:1], held_name(objects, path[0], commit)))
        if sides[0] is None or sides[1] is None or sides[0][0] == sides[1][0]:
            continue
        at, along = lines.bringing(commit), lines.line()
        if at is not None and along[at] != commit and along[at] not in line[1]:
            found[along[at]] = at
    return revealed
