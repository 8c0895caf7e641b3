"""Which committed spec a spec file of the work tree continues when its path is new: the
lineage rules of committed history (README, "Which spec a file is") applied to changes
not committed yet."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from specrepo.model.events import CREATED, DELETED, SETS_STATUS
from specrepo.model.history import History, SpecHistory
from specrepo.model.merging import (
    AmendedCommit,
    BranchSpec,
    MergedBranch,
    overrides_branch,
    takes_over_line,
)
from specrepo.model.spec_summary import SpecSummary
from specrepo.model.version import Version


def moved_away(history: History, spec_id: str) -> list[SpecHistory]:
    """HEAD's specs with the id `spec_id` whose file is gone from the work tree: a file
    with that id at a path HEAD does not hold is one of them moved (`git mv`, or a delete
    and an add, not committed yet), as the same change committed would be."""
    return [mined for mined in history.specs
            if mined.spec_id == spec_id and mined.current_path is not None
            and not history.in_work_tree(mined.current_path)]


def before_amended(history: History, amended: AmendedCommit, *, deleted: bool = False
                   ) -> History:
    """The history as the commit being made continues it when it replaces HEAD's commit
    (`git commit --amend`: the new commit has that commit's parents): each spec with the
    status it had at its first parent (the `before` of the commit's first move on HEAD's
    line; for a merge, `AmendedCommit.first_parent`), at HEAD's path still (a file the
    commit moved is where the work tree has it); a spec that commit created is none (the
    commit being made adds it: a birth; for a merge, a merged branch's), one it brought
    back is deleted as it was; with `deleted`, one it deleted is at its first parent's
    path, in the status it was deleted in (the commit being made deletes it, unless it
    holds the file: `work_tree_removals`). Status alone: what the work tree's moves and
    removals are judged from (`history_rules`)."""
    if amended.first_parent is not None:
        return _before_merge(history, amended.first_parent, amended.added)
    specs = []
    for mined in history.specs:
        made = [event for event in mined.events if event.commit == amended.commit]
        if not made:
            specs.append(mined)
            continue
        earlier = [event for event in mined.events if event.commit != amended.commit]
        if not earlier:
            continue  # born in the commit being replaced
        created = next((event for event in made if event.kind == CREATED), None)
        if created is not None or earlier[-1].kind == DELETED:  # brought back by it
            specs.append(replace(mined, events=tuple(earlier), current=None,
                                 current_path=None))
            continue
        gone = next((event for event in made if event.kind == DELETED and event.mainline),
                    None) if deleted and mined.current is None else None
        if gone is not None:  # deleted by it: at its first parent
            specs.append(replace(mined, events=tuple(earlier), current=Version(
                spec_id=mined.spec_id, status=gone.before), current_path=gone.path))
            continue
        moved = next((event for event in made if event.mainline
                      and event.kind in SETS_STATUS and event.kind != DELETED), None)
        specs.append(_with_status(mined, moved.before) if moved is not None else mined)
    return replace(history, specs=tuple(specs))


def _before_merge(history: History, first_parent: Mapping[str, str | None],
                  added: frozenset[str]) -> History:
    """`before_amended` for a merge: HEAD's specs as its first parent has them."""
    specs = []
    for mined in history.specs:
        path = mined.current_path or ""
        if path in added:
            continue
        specs.append(_with_status(mined, first_parent[path]) if path in first_parent
                     else mined)
    return replace(history, specs=tuple(specs))


def _with_status(mined: SpecHistory, status: str | None) -> SpecHistory:
    """`mined` with HEAD's version in `status`."""
    if mined.current is None:
        return mined
    return replace(mined, current=replace(mined.current, status=status))


def moved_here(history: History, path: str, spec_id: str | None,
               moved: Mapping[str, str] | None = None) -> SpecHistory | None:
    """The spec of HEAD's that a work-tree file at `path` (relative to the top folder)
    with the id `spec_id` continues where it is not HEAD's spec at `path`: the one the
    work tree `moved` there (HEAD's path -> the work tree's, the walk's pairing:
    `history.moved_specs`, two files that swap ids each the other's), else, HEAD holding
    no file at `path`, the one spec of `moved_away`, if there is exactly one."""
    if moved:
        return next((mined for mined in history.specs if mined.current_path is not None
                     and moved.get(mined.current_path) == path), None)
    if spec_id is None or path in history.head_files:
        return None
    away = moved_away(history, spec_id)
    return away[0] if len(away) == 1 else None


Continued = tuple[SpecSummary, str | None, str]
"""A spec file of the work tree, the status it continues (None: it continues no spec, a
new one), and whose that status is."""


def merge_moves(continued: Iterable[Continued], checked: Iterable[SpecSummary],
                merging: Sequence[MergedBranch], identity: Callable[[str], Path],
                at_head: Mapping[str, str | None], moved: Mapping[str, str]
                ) -> Iterator[Continued]:
    """The moves to check while a merge is in progress (the work tree is the merge
    commit-to-be, HEAD and the `merging` commits its parents), as history will check the
    merge once committed: a status that one of the parents has is no move of the merge's
    own, but where a merged branch had moved the spec's status to another, the merge
    settles it (`merge-resolved`, from the status that branch left: `overrides_branch`),
    and where the merge takes a branch's status over HEAD's, it moves it from HEAD's
    (`takes_over_line`; not a branch that added the file, from no merge base's or an
    unrelated history, whose commits made the spec), by the rule the walk judges the
    merge by; a status no parent
    has is set by hand (from HEAD's, `continued`, else the merged branch's), and settles
    each branch's move as well. A file no parent has is born in the merge (`continued`'s
    None). Each parent's spec is the one of the file's lineage, as the walk pairs the
    merge with each parent (`_branch_spec`): HEAD's spec the work tree `moved` to the
    file (HEAD's path -> the work tree's: `history.moved_specs`, two files that swap ids
    each the other's), else HEAD's at its path, and each branch's spec of that lineage,
    wherever HEAD's line and the branch renamed, renumbered or moved it since their merge
    base (`BranchSpec.head_path`). `at_head`: HEAD's spec files (from the top) with their
    status; `identity`: a path from the top -> the identity of the file, as the checked
    files are named."""
    from_head = {summary.file: (before, whose) for summary, before, whose in continued}
    head_files = {identity(path): path for path in at_head if path not in moved}
    head_files.update((identity(new), old) for old, new in moved.items() if old in at_head)
    for summary in checked:
        head = from_head.get(summary.file)
        head_path = head_files.get(summary.file)
        branches = [(branch.commit, spec) for branch in merging
                    if (spec := _branch_spec(branch, summary, identity, head_path))]
        if not branches:
            if head is not None:
                yield summary, *head
            continue
        line_path = head_path or next(
            (spec.head_path for _, spec in branches if spec.head_path in at_head), None)
        if line_path is not None and identity(line_path) != summary.file:
            head = (at_head[line_path], f"HEAD's, at {line_path}")  # moved by the merge
        yield from _settled(summary, None if head is None or head[0] is None else head,
                            branches)


def _settled(summary: SpecSummary, head: tuple[str | None, str] | None,
             branches: Sequence[tuple[str, BranchSpec]]) -> Iterator[Continued]:
    """`merge_moves` of one file of the work tree, with HEAD's status of its spec and whose
    it is (`head`; None: HEAD has no such spec, the merged branch's) and each merged
    branch's spec of it (the branch's commit, the spec)."""
    by_hand = summary.status not in {spec.status for _, spec in branches} and \
        (head is None or summary.status != head[0])
    if by_hand and head is not None:
        yield summary, *head
    elif head is not None and (taken := next(
            (commit for commit, spec in branches if spec.status == summary.status
             and spec.before_path is not None  # else the branch's commits made it
             and takes_over_line(head[0], summary.status, spec.before)), None)):
        yield summary, head[0], f"{head[1]}, over which the merge takes the merged " \
            f"branch {taken[:10]}'s"
    settled = False
    for commit, spec in branches:
        if overrides_branch(spec.status, spec.before, summary.status):
            settled = True
            yield summary, spec.status, f"where the merged branch {commit[:10]} left it"
    if by_hand and head is None and not settled and branches[0][1].status:
        yield summary, str(branches[0][1].status), \
            f"the merged branch {branches[0][0][:10]}'s"


def _branch_spec(branch: MergedBranch, summary: SpecSummary,
                 identity: Callable[[str], Path], head_path: str | None) -> BranchSpec | None:
    """The spec of the work tree's file `summary` as the merged branch left it: where the
    file continues HEAD's spec at `head_path`, the branch's spec of that lineage
    (`BranchSpec.head_path`: the same file of the merge base, which either side may have
    renamed, renumbered or moved since); else the one at the same path there, else the
    one with its id, of those HEAD's line holds no other file of (the branch added it,
    or the file continues no spec of HEAD's)."""
    if head_path is not None:
        found = next((spec for spec in branch.specs if spec.head_path == head_path), None)
        if found is not None:
            return found
    free = [spec for spec in branch.specs if head_path is None or spec.head_path is None]
    at_path = next((spec for spec in free if identity(spec.path) == summary.file), None)
    if at_path is not None or summary.id is None:
        return at_path
    return next((spec for spec in free if spec.spec_id == summary.id), None)
