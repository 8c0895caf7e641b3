"""The status each spec file of the work tree continues from HEAD: what a pre-commit hook
judges its status against (illegal-transition), by the lineage rules of committed history
(README, "Which spec a file is") applied to changes not committed yet."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from specrepo.check.taken_ids import Renumbering, taking_ids
from specrepo.check.work_tree_lineage import Continued, moved_away
from specrepo.model.events import DELETED
from specrepo.model.history import History, SpecHistory
from specrepo.model.kept_title import kept_title
from specrepo.model.spec_summary import SpecSummary

FIRST_STATUS = "HEAD's, never a readable one"
"""Whose status a work tree spec continues when HEAD's spec never had one: the work
tree's status is its first, its birth (`model.history.birth_event`)."""


def continued_statuses(history: History, checked: Sequence[SpecSummary],
                       identity: Callable[[str], Path], head: str,
                       moved: Mapping[str, str]) -> Iterator[Continued]:
    """Each of the `checked` spec files with the status it continues and whose that status
    is (None for a new spec: a file whose id no spec of the history has, at no path of
    HEAD's that holds a spec or a version that cannot be read), by the lineage rules of
    committed history (README, "Which spec a file is"): the spec of HEAD's the work tree
    moved there (`moved`: HEAD's path -> the work tree's, paths from the top, paired by
    id then by git's rename detection as the commit will be, two files that swap ids
    each the other's spec: `history.moved_specs`, the one pairing the hooks ask), else
    HEAD's spec at its path unless `moved` moved it away (a version HEAD cannot read
    continues nothing; a spec that never had a readable status continues none,
    `FIRST_STATUS`: the work tree's is its birth); for a file at no path of HEAD's (or
    at one whose spec moved away), the spec of HEAD's with its id that kept its title (a
    copy; one with another title shares only an id, a placeholder: a new spec), else the one
    deleted spec with its id (brought back, from the status it was deleted in). Where
    `moved` is empty (none moved, or a merge, whose moves `merge_moves` judges), a file
    that takes the id another lost (`_taking_ids`) is that one's. Where more than one
    spec would do, it continues their status if they share one. `identity`: a path
    from the top -> the identity of the file, as the checked files are named; `head`:
    whose HEAD's statuses are (`AMENDED`)."""
    at_head: dict[Path, SpecHistory] = {}
    by_id: dict[str, list[SpecHistory]] = {}
    moved_here: dict[Path, SpecHistory] = {}
    for mined in history.specs:
        if mined.current_path is not None:
            at_head[identity(mined.current_path)] = mined
            if mined.current_path in moved:
                moved_here[identity(moved[mined.current_path])] = mined
        by_id.setdefault(mined.spec_id, []).append(mined)
    taking = set(moved) if moved else _taking_ids(history, checked, identity)
    unread = {identity(path) for path in history.head_problems}
    for summary in checked:
        found = at_head.get(summary.file)
        if summary.file in moved_here:  # the pairing's, over HEAD's spec at its path
            yield from _new_file_continues(history, summary, [moved_here[summary.file]], head,
                                           paired=True)
        elif found is None and summary.id not in by_id:
            if summary.file not in unread:  # HEAD's version, unread, may be its own
                yield summary, None, ""
        elif found is None:
            yield from _new_file_continues(history, summary, by_id[summary.id], head)
        elif found.current_path in taking:  # HEAD's spec here moved away: a new file
            yield from _new_file_continues(history, summary, [
                same for same in by_id.get(summary.id, []) if same.current_path], head,
                paired=True)
        elif found.current is not None and found.current.status \
                and found.current_path not in history.head_problems:
            yield summary, found.current.status, head
        elif found.current is not None and not found.current.status and not found.inherited:
            yield summary, None, FIRST_STATUS  # never had one: the work tree's is its first


def _taking_ids(history: History, checked: Sequence[SpecSummary],
                identity: Callable[[str], Path]) -> set[str]:
    """HEAD's spec files (paths from the top) that take, in the work tree, the id another
    file of HEAD's lost there (lineage rule 1's exception, `taking_ids`): files that swap
    names, or one put in the place of another. A file not checked is taken as it was."""
    ids_now = {summary.file: summary.id for summary in checked}
    changed: list[Renumbering] = []
    for mined in history.specs:
        if mined.current_path is None or mined.current is None:
            continue
        file = identity(mined.current_path)
        if file in ids_now:
            changed.append((mined.current_path, mined.current.spec_id, ids_now[file],
                            False))
        elif not history.in_work_tree(mined.current_path):
            changed.append((mined.current_path, mined.current.spec_id, None, True))
    return taking_ids(changed)


def _new_file_continues(history: History, summary: SpecSummary,
                        same_id: Sequence[SpecHistory], head: str, *,
                        paired: bool = False) -> Iterator[Continued]:
    """The status a spec file at no path of HEAD's continues (see `continued_statuses`),
    from the specs with its id (or the one spec moved there, whatever its id); None
    where it shares only an id with HEAD's specs. `paired`: the specs are the one moved
    there, or those whose id the file takes (lineage rule 1's exception): its own
    whatever its title."""
    at_head = [mined for mined in same_id if mined.current_path is not None]
    moved = moved_away(history, summary.id) if at_head and len(same_id) > 1 else []
    copied = [mined for mined in at_head if paired or _kept_title(history, mined, summary)]
    source = [mined for mined in moved or copied  # a move, else a copy
              if mined.current_path not in history.head_problems]
    statuses = {mined.current.status for mined in source if mined.current is not None}
    if len(statuses) == 1 and (status := statuses.pop()):
        places = ", ".join(sorted(str(mined.current_path) for mined in source))
        yield summary, status, f"{head}, at {places}"
    if moved or copied:
        return
    deleted = [mined for mined in same_id if mined.current is None]
    if len(deleted) == 1 and deleted[0].events and deleted[0].events[-1].kind == DELETED \
            and (status := deleted[0].events[-1].before):
        yield summary, status, "the status it was deleted in"
    elif at_head:  # shares only an id with HEAD's specs (a placeholder): a new spec
        yield summary, None, ""


def _kept_title(history: History, mined: SpecHistory, summary: SpecSummary) -> bool:
    """Whether a new file with the id of HEAD's spec `mined` may continue it: its move
    where the commit being made no longer holds HEAD's file (lineage rule 3, whatever
    the title), else its copy only where it kept the title (where both have one), as
    history's copy rule asks with the move rule (`lineage._copy_source`,
    `compare.likeness.same_spec`; its content is not compared here: `kept_title`)."""
    assert mined.current_path is not None
    title = mined.current.title if mined.current is not None else None
    return not history.in_work_tree(mined.current_path) \
        or kept_title(title, summary.title or None)
