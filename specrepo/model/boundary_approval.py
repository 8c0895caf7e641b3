"""What a shallow clone's boundary commit says of a spec's approval, in one set of words for
every reader (the history's warning, `diff --since-approval`): the commit is named as the
approval only when what git shows there approves the spec (a move into an approved status,
as the clone compares it, or an approving trailer or reviewer's date); of one that only
holds the spec already approved the clone cannot tell whether it approved it or a commit
before it did (nu60 finding 5: at `fetch-depth: 1` it is the pull request's merge commit,
which approves nothing; nu61 H3: at `--depth 4` the commit that approved it), so the
approval is said given at or before it."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from specrepo.model.events import APPROVED
from specrepo.model.history import SpecHistory
from specrepo.model.review_round import moves_into


def approves_at(spec: SpecHistory, commit: str, approved: Collection[str]) -> bool:
    """Whether `spec` has an event at the boundary commit `commit` (40 hex digits) that
    approves it: a move into one of the `approved` statuses from another, as a boundary
    has one (`review_round.moves_into`: the move the clone's comparison shows,
    `boundary_moves.BoundaryMove`; never the spec's first version there), or an `approved`
    event (a trailer or a reviewer's date)."""
    moves = moves_into(spec.events, approved, boundary={commit})
    return any(event.commit == commit and (event.kind == APPROVED or index in moves)
               for index, event in enumerate(spec.events))


def approved_there(named: Sequence[tuple[str, str]]) -> str:
    """`the approval of SPEC-0001 (commit 1a2b3c4d5e), SPEC-0002 (commit ...)`: each spec id
    with the boundary commit (40 hex digits) that approves it (`approves_at`), named as its
    approval."""
    return "the approval of " + ", ".join(f"{spec_id} (commit {commit[:10]})"
                                          for spec_id, commit in named)


def approved_before(named: Sequence[tuple[str, str]]) -> str:
    """`the approval of SPEC-0001 was given at or before boundary commit 1a2b3c4d5e, where
    this shallow clone's history starts: the clone holds it already approved there and
    cannot tell which commit approved it`: each spec id with a boundary commit (40 hex
    digits) that does not approve it as far as the clone shows (`approves_at`: the clone
    holds no earlier commit, so that commit may have approved it, or one before it: nu61
    H3); several commits are each named with their specs."""
    by_commit: dict[str, list[str]] = {}
    for spec_id, commit in named:
        by_commit.setdefault(commit[:10], []).append(spec_id)
    shown = ", ".join(dict.fromkeys(spec_id for spec_id, _ in named))
    if len(by_commit) == 1:
        them = "it" if len(named) == 1 else "them"
        return (f"the approval of {shown} was given at or before boundary commit "
                f"{next(iter(by_commit))}, where this shallow clone's history starts: the "
                f"clone holds {them} already approved there and cannot tell which commit "
                f"approved {them}")
    commits = ", ".join(f"{commit} ({', '.join(ids)})" for commit, ids in by_commit.items())
    return (f"the approval of {shown} was given at or before boundary commits {commits}, "
            "where this shallow clone's history starts: the clone holds them already "
            "approved there and cannot tell which commits approved them")
