"""A merge, as README's rule judges the status it settles a spec on (`overrides_branch`,
`takes_over_line`: one rule for the walk, `history.merge_settling`, and for the hook
while a merge is concluded, `check.work_tree_lineage.merge_moves`) and a spec it leaves
out of the spec set (`removed_from`: for the walk, `history.merge_settling` and
`history.merge_departures`, and for the hook, `history.merge_removals`), and a merge in
progress, as the check of the work tree's status moves needs it: what each merged branch
did to the specs since it forked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field

from specrepo.base.deferred_dataclass import dataclass


@dataclass(frozen=True)
class BranchSpec:
    """A spec a merged branch changed since its merge base with HEAD (by the lineage
    rules, as `diff BASE..BRANCH` pairs them)."""

    path: str
    """Its file on the branch (from the repository's top)."""
    spec_id: str | None
    status: str | None
    """Its status on the branch (None: not readable)."""
    before: str | None
    """Its status at the merge base (None: the branch added it, or not readable)."""
    before_path: str | None = None
    """Its file at the merge base (None: the branch added it)."""
    head_path: str | None = None
    """Its file at HEAD, where HEAD's line kept the spec of the merge base's file (the
    same lineage: `diff BASE..HEAD` pairs them, so main's renames, renumberings and
    moves lead to it); None: the branch added it, or HEAD holds no file of it."""


@dataclass(frozen=True)
class MergedBranch:
    """One commit a merge not concluded yet merges into HEAD (MERGE_HEAD), with the specs
    its branch changed since the merge base."""

    commit: str
    specs: tuple[BranchSpec, ...]
    gone: frozenset[str] = frozenset()
    """The spec files of the merge base (from the repository's top) the branch moved or
    deleted: gone from the work tree by the branch's commits, not by the merge."""


@dataclass(frozen=True)
class MergeRemoval:
    """A spec the merge being concluded leaves out of the spec set from an approved status
    a parent held it in (`history.merge_removals`, by `removed_from`)."""

    path: str
    """Its file on that parent's side (from the repository's top)."""
    spec_id: str
    status: str
    """The status that parent held it in, by today's name."""
    whose: str
    """That parent, in words: "HEAD's", "the merged branch 1a2b3c4d5e's"."""


@dataclass(frozen=True)
class AmendedCommit:
    """HEAD, when the commit being made replaces it (`git commit --amend`): the new commit
    has its parents, so the work tree's moves are judged from theirs."""

    commit: str
    parents: tuple[str, ...]
    known: bool = True
    """False when the commit may not amend HEAD at all: git's command line could not be
    read (`gitio.amending.amends_head` said None), so it is judged as an amend, the side
    that asks."""
    first_parent: Mapping[str, str | None] | None = field(default=None, hash=False)
    """For a merge: each spec file of HEAD's (from the top) that differs at its first
    parent, with the status it has there (None: not readable); None for a commit of one
    parent or none, whose own events say what it changed."""
    added: frozenset[str] = frozenset()
    """For a merge: HEAD's spec files its first parent has no spec at (a merged branch's)."""


def overrides_branch(left: str | None, start: str | None, merged: str | None) -> bool:
    """Whether a merge that settles a spec on the status `merged` (None: it leaves the
    spec out) overrides a merged branch's move, a `merge-resolved` move from the status
    the branch left (`left`, from `start`, where its commits that changed the spec began:
    the merge base's status, or one it took from another parent): the branch moved it
    (`left` is not `start`) and the merge did not keep it. A branch that moved the status
    and back, or edited only content, made no move a merge could override."""
    return left is not None and left not in (start, merged)


def takes_over_line(line: str | None, merged: str | None, start: str | None) -> bool:
    """Whether a merge that changes the status HEAD's first-parent line held (`line`) to a
    merged branch's (`merged`, a status that branch left, not one set by hand) moves it
    from the line's: a `merge-resolved` move from `line` (README: "where the merge kept
    the branch's status over main's, from main's"; a Rejected spec made Approved by a
    merge is judged, not passed in silence), unless the branch's commits that changed
    the spec started from the line's status (`start`): their moves are the branch's,
    judged at their commits."""
    return None not in (line, merged) and line not in (merged, start)


def removed_from(line: str | None, branches: Iterable[tuple[str | None, str | None]]
                 ) -> tuple[str, ...]:
    """The statuses a merge that leaves a spec out of its spec set removes it from, each a
    removal the workflow judges (README "A removal"), as a plain commit's removal is judged
    from its parent's status: HEAD's first-parent line's (`line`, None: the line held no
    spec there), unless a merged branch took the spec out itself from that very status
    (its removal, judged at its commit); and each merged branch's (`branches`: for each,
    the status it `left` the spec in, None: its side holds no such spec, and the one it
    `start`ed from, the merge base's, None: no spec there) that moved it, which the merge
    overrides as it overrides any move of a branch's (`overrides_branch`: a branch that
    approved a Draft main took out is an Approved spec the merge leaves out). A branch
    that left the spec as it found it made no move: main's removal stands, judged at its
    commit."""
    branches = tuple(branches)
    found: list[str] = []
    if line is not None and not any(left is None and start == line
                                    for left, start in branches):
        found.append(line)
    found.extend(left for left, start in branches
                 if left is not None and overrides_branch(left, start, None)
                 and left not in found)
    return tuple(found)
