"""What the history of a commit renamed among the workflow's states (`statuses: states:`),
followed from one version of the configuration to the next along the commit graph, and
what the renames made after a commit's version call its states today.

A version of a spec is read in today's terms: its status under the name today's workflow
gives the same state. That name is found by following the configuration's versions from
the one in force where the version was written to HEAD's, each against the next
(`renamed_states`), never by setting the version's workflow beside today's alone: a state
renamed in one commit and another state added in a later one (`[Draft, OK]`, then
`[Draft, Accepted]`, then `[Draft, Accepted, Retired]`) is a one-for-two replacement to
`difflib`, no rename. So each commit knows the renames of its history (`Known`: each a
`RenameEvent`, those a merge brought from any parent included: a state the lines merged
renamed apart, or one line only, is the state whose name the merge kept, `merged_renames`),
and a version's states are carried through the renames the history of the commit being
made (HEAD's, then the index's: `WorkflowSteps.being_made`) made and its own commit's did
not (`renamed_later`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Final

from specrepo.history.readings import Renames, advance_renames
from specrepo.model.history import PENDING_COMMIT
from specrepo.model.state_renames import RenameEvent, forward_renames, renamed_states

Known = tuple[Renames, tuple[str, ...] | None, frozenset[RenameEvent]]
"""What a commit's history renamed: the old names each with its name in the commit's
workflow (`advance_renames`), the workflow's states of the last configuration along its
first parents that loads (None: none yet), and the renames themselves (`RenameEvent`)."""
NOTHING_KNOWN: Final[Known] = ((), None, frozenset())


Evidence = Callable[[tuple[str, ...], tuple[str, ...]], Renames]
"""The states a commit's change of the workflow removed and those it added (neither paired
by the lists of states) -> those the specs the change moved pair (`spec_moves`)."""


def advanced(known: Known, states: tuple[str, ...] | None, commit: str,
             others: Sequence[Known] = (), evidence: Evidence | None = None) -> Known:
    """What the history of `commit` renamed, whose configuration has the workflow's
    states `states` (None: none, or one that does not load: it renames nothing), its
    first parent's history having renamed `known`: the states it renames against the
    last version that loaded (`renamed_states`; a merge, its other parents' histories
    having renamed `others`, as `merged_renames` pairs them; then, of the states removed
    and added left, those `evidence` pairs) added, ranked after those `known` holds."""
    if states is None:
        return known
    renames, before, events = known
    if before is None or before == states:
        return renames, states, events
    theirs = frozenset().union(*(other[2] for other in others))
    found = merged_renames(before, states, events - theirs, theirs - events) if others \
        else renamed_states(before, states)
    removed = tuple(state for state in before if state not in states and state not in
                    dict(found))
    added = tuple(state for state in states if state not in before and state not in
                  dict(found).values())
    if removed and added and evidence is not None:
        found = tuple(sorted((*found, *evidence(removed, added))))
    if found:
        events = events | {(len(events), commit, old, new) for old, new in found}
    return advance_renames(renames, before, states, found), states, events


def joined(first: Known, other: Known, commit: str) -> Known:
    """What the history of merge `commit` renamed: `first`, what it knows through its
    first parent (advanced to its own configuration), with what another parent's history
    `other` renamed, carried to the merge's workflow (`merged_renames`: a rename made on a
    merged branch holds on the line it was merged into, and a state the two lines renamed
    apart is the one whose name the merge kept)."""
    theirs = _carried(other, first, commit)
    if theirs[2] <= first[2]:
        return first
    renames = dict(theirs[0] if first[1] is not None and theirs[1] == first[1] else ())
    renames.update(first[0])
    return tuple(sorted(renames.items())), first[1], first[2] | theirs[2]


def _carried(other: Known, first: Known, commit: str) -> Known:
    """`other`, what a merged parent's history renamed, advanced to the workflow of merge
    `commit` (`first[1]`; None: unknown, `other` as it is): the states of its own that
    the merge's lacks renamed as `merged_renames` pairs them, ranked after every rename
    either parent's history made."""
    before, states = other[1], first[1]
    if before is None or states is None or before == states:
        return advanced(other, states, commit)
    found = merged_renames(before, states, other[2] - first[2], first[2] - other[2])
    rank = max(len(first[2]), len(other[2]))
    events = other[2] | {(rank, commit, old, new) for old, new in found}
    return advance_renames(other[0], before, states, found), states, events


def merged_renames(theirs: tuple[str, ...], ours: tuple[str, ...],
                   their_renames: frozenset[RenameEvent],
                   our_renames: frozenset[RenameEvent]) -> Renames:
    """The states of workflow `theirs`, a merge's parent's, that the merge's workflow
    `ours` calls otherwise, (old name, new name) sorted. First by the name each had where
    the lines parted: a state `ours` lacks (or a name the parent's line renamed a state
    to, since removed), led back through the renames its parent's line made since
    (`their_renames`: those the merge's other parents' histories lack), then
    forward through those the other lines made (`our_renames`, `forward_renames`), to a
    state `ours` has and `theirs` lacks (main renamed `OK` `Accepted`, a branch `OK`
    `Done`, the merge kept `Accepted`: the branch's `Done` is `Accepted`, and main's
    `Accepted` is `Done` where the merge kept `Done`; renamed on one line only, the merge
    keeping the old name, the new one is the old). Then the states left as
    `renamed_states` pairs them (one replaced by one, in place: the README's rule, where
    the lines' renames do not tell). A name that two states lead to pairs neither."""
    found: dict[str, str] = {}
    for state in dict.fromkeys((*theirs, *sorted(event[3] for event in their_renames))):
        origin = _origin(state, their_renames) if state not in ours else None
        if origin is not None:
            name = dict(forward_renames((origin,), our_renames)).get(origin, origin)
            if name in ours and name not in theirs:
                found[state] = name
    clashing = {name for name in found.values() if list(found.values()).count(name) > 1}
    found = {old: new for old, new in found.items() if new not in clashing}
    found.update((old, new) for old, new in renamed_states(theirs, ours)
                 if old not in found and new not in found.values())
    return tuple(sorted(found.items()))


def _origin(state: str, renames: frozenset[RenameEvent]) -> str | None:
    """The name state `state` had before `renames` (a line's, any order): each undone,
    latest first. None: a new state (its name was renamed away, then given to it)."""
    name = state
    for _, _, old, new in sorted(renames, reverse=True):
        if new == name:
            name = old
        elif old == name:
            return None
    return name


def renamed_later(known: Known, head: Known, today: tuple[str, ...]) -> Renames | None:
    """The states of the workflow of a commit whose history renamed `known` that today's
    workflow (its states `today`) calls otherwise, each with that name: carried through
    the renames of the history of the commit being made (`head`: HEAD's, or what
    `WorkflowSteps.being_made` followed on from it) that its own did not make
    (`forward_renames`). `head`'s workflow not today's (HEAD's, the work tree's
    configuration changed): the commit being made renames its states as `advanced`
    pairs them, without the evidence of specs. None when either commit's workflow is
    unknown (no configuration loaded along its first parents)."""
    states = known[1]
    if states is None or head[1] is None:
        return None
    if head[1] != today:  # the work tree's configuration, not committed yet
        head = advanced(head, today, PENDING_COMMIT)
    names = dict(forward_renames(states, head[2] - known[2]))
    return tuple(sorted((state, name) for state, name in names.items() if state != name))


def spec_moves(moves: Iterable[tuple[str | None, str | None]], removed: tuple[str, ...],
               added: tuple[str, ...]) -> Renames:
    """The states `removed` of a change of the workflow paired with states it `added`, by
    the statuses of the specs it changed (`moves`: each (status before, after), None: no
    spec there, or no status read): a removed state is renamed the added one when some
    spec left it, every spec that left it entered that one state, and no spec entered
    that state from another (`[Draft, Review, OK]` -> `[Draft, Review, Accepted, Retired]`
    in one commit that moves every spec it changed from `OK` to `Accepted`: `OK` is
    `Accepted`). (removed, added) sorted."""
    left: dict[str, set[str]] = {}
    entered: dict[str, set[str]] = {}
    for before, after in moves:
        if before is None or after is None:
            continue
        if before in removed:
            left.setdefault(before, set()).add(after)
        if after in added:
            entered.setdefault(after, set()).add(before)
    return tuple(sorted((state, target) for state, targets in left.items()
                        if len(targets) == 1 and (target := min(targets)) in added
                        and entered.get(target) == {state}))
