"""What a shallow clone's boundary commit says of a spec's approval, in one set of words for
every reader (the history's warning, `diff --since-approval`): the commit is named as the
approval only when what git shows there approves the spec (a move into an approved status,
as the clone compares it, or an approving trailer or reviewer's date); of one that only
holds the spec already approved the clone cannot tell whether it approved it or a commit
before it did (nu60 finding 5: at `fetch-depth: 1` it is the pull request's merge commit,
which approves nothing; nu61 H3: at `--depth 4` the commit that approved it), so the
approval is said given at or before it."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.event import Event
from specrepo.model.events import APPROVED
from specrepo.model.history import SpecHistory
from specrepo.model.history_warning import HistoryWarning
from specrepo.model.review_round import moves_into
from specrepo.model.review_times import contact_email, is_git_author, same_person


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


def unseen_own_moves(spec: SpecHistory, entries: Collection[int]) -> frozenset[int]:
    """The indexes of `entries` (`spec`'s moves into an approved state,
    `review_round.moves_into`) that no reader takes for an approval: where the spec's
    history starts at a shallow clone's boundary (`SpecHistory.starts_at_boundary`) outside
    the approved states, its first moves after that commit made by one of its own people
    (`own_mover`), up to a move by someone else. The clone cannot tell such a move from a
    move back after an approval before its start, which approves nothing its mover changed
    since (README "changed-after-approval": Bob approves, Ada edits, Ada approves again
    herself), nor see who changed the spec before it; an author's approval of her own spec
    is no review either (`approved-needs-reviewers`). A move the clone's comparison shows
    at the boundary commit itself, or a spec already approved there, keeps the words of
    `approved_there` and `approved_before`. Empty in a complete history."""
    if not spec.starts_at_boundary or spec.current is None:
        return frozenset()
    start, own = spec.events[0].commit, set()
    for index in sorted(entries):
        event = spec.events[index]
        if event.commit == start or own_mover(spec, event) is None:
            break
        own.add(index)
    return frozenset(own)


def own_mover(spec: SpecHistory, move: Event) -> str | None:
    """Who `move` (a move of `spec` into an approved state after a shallow clone's start)
    is by, when the clone cannot take it for a review: `one of its authors` when its git
    author (through .mailmap) is one of the spec's `authors`, at HEAD or as its versions
    named them from the clone's start through its last such move
    (`SpecHistory.authors_since_start`); `the author of boundary commit 1a2b3c4d5e` when
    it is an author of the boundary commit the spec's history starts at, whose changes to
    it the clone cannot see (`review_times.same_person`: a full clone counts no move back
    by a change's own author). People are matched as every self-review check matches them
    (`review_times.same_identity`: the same name, or the same email). None for anyone
    else: the move is the approval (README "Shallow clones")."""
    assert spec.current is not None
    if any(is_git_author(author, contact_email(author), move)
           for author in (*spec.current.authors, *spec.authors_since_start)):
        return "one of its authors"
    start = spec.events[0]
    if same_person(move, start):
        return f"the author of boundary commit {start.commit[:10]}"
    return None


def moved_by_author(spec: SpecHistory, start: Event, move: Event) -> str:
    """`the approval of SPEC-0001 is not known: it was In Review at boundary commit
    1a2b3c4d5e, where this shallow clone's history starts, and Ada Lovelace, one of its
    authors, moved it to Approved in commit ...`: `start` the spec's first event (its
    version at the boundary commit), `move` its last move `unseen_own_moves` found (who
    made it as `own_mover` says)."""
    return (f"the approval of {spec.spec_id} is not known: it was {start.after} at boundary "
            f"commit {start.commit[:10]}, where this shallow clone's history starts, and "
            f"{move.author}, {own_mover(spec, move)}, moved it to {move.after} in commit "
            f"{move.commit[:10]}: an author's own move, which may be a move back after an "
            "approval before that commit, is no review")


@dataclass(frozen=True)
class OwnMoveWarning:
    """The history's warning (a `HistoryWarning`) that the approval of the spec `key`
    (`SpecHistory.key`) is not known because the move that put it in its approved state
    after a shallow clone's start is one of its own authors' (`moved_by_author` words it;
    `history.unknown_approvals.own_move_note` makes it)."""

    text: str
    key: str

    def about(self, keys: Collection[str]) -> OwnMoveWarning | None:
        """Itself when `keys` holds its spec's, else None."""
        return self if self.key in keys else None


def said_besides(warnings: Iterable[HistoryWarning], keys: Collection[str]
                 ) -> tuple[str, ...]:
    """The words of `warnings` but those of an `OwnMoveWarning` about one of `keys` (the
    specs whose own warning says it in a reader's words: `diff --since-approval`'s)."""
    return tuple(warning.text for warning in warnings
                 if not (isinstance(warning, OwnMoveWarning) and warning.key in keys))
