"""A merged line read as the line it was (`departures`, `branch_departures`; README "Which
spec a file is"): its own changes of the configuration file, followed through the renames
and deletions the line made of it (the line's own names, not today's path on HEAD), and
what its own quiet merges brought (a branch of the branch that widened `specs:`, added a
spec and narrowed back), at any depth, as on a linear history (cfgren41: a branch that
renamed its configuration, `git mv specrepo.yaml cfg.yaml`, or deleted it and brought it
back under another name, passed in silence or was blamed on the merge; a nested branch's
quiet merge was not read)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from specrepo.history.configured_sides import carrying, config_at, spec_files

if TYPE_CHECKING:
    from specrepo.gitio.config_log import LineChange
    from specrepo.gitio.git_command import Git
    from specrepo.gitio.objects import ObjectReader
    from specrepo.history.config_line import ConfigLine
    from specrepo.history.merged_lines import MergedLines
    from specrepo.load.locations import SpecLocation
    from specrepo.model.config import Config
    from specrepo.model.event import Event

ReadBranch = Callable[[str, str, str, Mapping[str, int]], list["Event"]]
"""What a merged line made of the spec set (`GitDepartures._line`): asked with its tip,
the configuration file's path there (from the top), its fork (the commit main and the
line share) and its own first-parent commits after the fork, each with its number of
parents (more than one: a merge, whose line may be quiet)."""


def line_changes(git: Git, today: Config, line: tuple[str, str, str],
                 own: Collection[str], known: Sequence[str]) -> tuple[list[LineChange],
                                                                     list[str]]:
    """The commits of the first-parent line of `line[0]` after `line[2]` that changed the
    configuration file (at `line[1]` in `line[0]`, from the top), oldest first, each
    side at the path it holds the file at (`held_name`) among every name the line gave
    it (`first_parent_changes`, after the fork when the line kept the file at `line[1]`,
    else of the whole line, its `own` commits only: a file renamed or added back under
    another name after the fork) and those of the lines read before (`known`: main's, a
    branch's the line was merged into), and those names. Only a line that gave the file
    more than one name costs a second `git log` (a rename away and back leaves a gap in
    one path's log: every name's is read). Raises `HistoryError` when git fails."""
    from specrepo.gitio.config_log import (  # noqa: PLC0415 (rarely asked)
        LineChange,
        first_parent_changes,
        line_paths,
    )
    from specrepo.gitio.graph import META_FORMAT, listed_metas  # noqa: PLC0415
    from specrepo.gitio.objects import ObjectReader  # noqa: PLC0415

    tip, path, fork = line
    changes = first_parent_changes(git, tip, path, fork, forked=True)  # `own`'s fork
    if changes is None:
        changes = [change for change in first_parent_changes(git, tip, path) or []
                   if change.commit in own]
    names = list(dict.fromkeys([*line_paths(path, changes), *known]))
    if len(names) == 1:
        return changes, names
    listed = git.text("log", "--first-parent", META_FORMAT, f"{fork}..{tip}", "--",
                      *(f":(top,literal){one}" for one in names))
    objects = ObjectReader(git, today.max_file_size)
    try:
        return [LineChange(meta.sha, meta.parents[0], held_name(objects, names, meta.sha),
                           held_name(objects, names, meta.parents[0]), meta)
                for meta in reversed(listed_metas(listed)) if meta.parents], names
    finally:
        objects.close()


def tip_path(objects: ObjectReader, carried: ConfigLine | None, tip: str, path: str
             ) -> str:
    """The configuration file's path (from the top) in a merged line's `tip`, whose merge
    holds it at `path`: `path` when `tip` has a file there, else the newest of the paths
    HEAD's line had it at (`carried`'s `ConfigLine.paths`) that `tip` has (main renamed it
    after the fork); `path` when none."""
    if objects.file_at(tip, path) is not None or carried is None:
        return path
    return next((one for one in carried.paths(path)
                 if objects.file_at(tip, one) is not None), path)


def held_name(objects: ObjectReader, names: Sequence[str], commit: str) -> str:
    """The first of `names` (a line's paths of the configuration file, newest first) that
    `commit` has a file at; the first (where a deleted one is in force: `config_at`)
    when it has none."""
    return next((one for one in names if objects.file_at(commit, one) is not None),
                names[0])


def config_named(objects: ObjectReader, names: Sequence[str], commit: str,
                 carried: ConfigLine | None
                 ) -> tuple[tuple[SpecLocation, ...], Config] | None:
    """`config_at` of `commit` at the one of `names` it holds (`held_name`)."""
    return config_at(objects, held_name(objects, names, commit), commit, carried)


def quiet_made(git: Git, today: Config, line: tuple[MergedLines, Sequence[str]],
               read: tuple[list[LineChange], list[str]], branch: ReadBranch) -> list[Event]:
    """What the lines merged into the first-parent line of `line[0]` (its head, after its
    `since`: None, all) did to the spec set behind merges that changed no spec locations
    (`quiet_merges`: `line[1]`, the configuration file's paths from the top, its path at
    the head first, then every other name the line, and the lines it was merged into,
    gave it; `read[0]`, the line's changes of the file; `read[1]`, those of them that
    changed the spec locations), at their commits (`made_on_branches`, each merged line
    read by `branch`; the merges' parents and the branches' forks from `line[0]`'s graph
    where it tells). Raises `HistoryError` when git fails."""
    from specrepo.gitio.objects import ObjectReader  # noqa: PLC0415 (a warm run: none)
    from specrepo.gitio.tree_files import tracked_files_of  # noqa: PLC0415
    from specrepo.history.branch_departures import (  # noqa: PLC0415 (cycle)
        made_on_branches,
        quiet_merges,
    )

    lines, names = line
    objects = ObjectReader(git, today.max_file_size)
    found: list[Event] = []
    try:
        merges = quiet_merges(git, objects, today, lines, (names, lines.since), (
            {change.commit for change in read[0]}, set(read[1])))
        pairs = [(lines.parents(merge)[0], merge) for merge in merges]  # the line's: known
        trees = iter(tracked_files_of(objects, [sha for pair in pairs for sha in pair]))
        carried = carrying(git, today)
        for pair in pairs:
            held = []
            for sha in pair:
                at, tree = config_named(objects, names, sha, carried), next(trees)
                held.append(set(spec_files(git, tree, at[0])) if at is not None else set())
            found.extend(made_on_branches(git, objects, today, branch, (
                pair[1], held_name(objects, names, pair[1])), [], (held[0], held[1]),
                lines.parents(pair[1]), lines))
    finally:
        objects.close()
    return found
