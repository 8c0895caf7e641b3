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
`RenameEvent`, those a merge brought from any parent included), and a version's states
are carried through the renames HEAD's history made and its own commit's did not
(`renamed_later`).
"""

from __future__ import annotations

from typing import Final

from specrepo.history.readings import Renames, advance_renames
from specrepo.model.state_renames import RenameEvent, forward_renames, renamed_states

Known = tuple[Renames, tuple[str, ...] | None, frozenset[RenameEvent]]
"""What a commit's history renamed: the old names each with its name in the commit's
workflow (`advance_renames`), the workflow's states of the last configuration along its
first parents that loads (None: none yet), and the renames themselves (`RenameEvent`)."""
NOTHING_KNOWN: Final[Known] = ((), None, frozenset())


def advanced(known: Known, states: tuple[str, ...] | None, commit: str) -> Known:
    """What the history of `commit` renamed, whose configuration has the workflow's
    states `states` (None: none, or one that does not load: it renames nothing), its
    first parent's history having renamed `known`: the states it renames against the
    last version that loaded (`renamed_states`) added, ranked after those `known` holds."""
    if states is None:
        return known
    renames, before, events = known
    if before is None or before == states:
        return renames, states, events
    found = renamed_states(before, states)
    if found:
        events = events | {(len(events), commit, old, new) for old, new in found}
    return advance_renames(renames, before, states), states, events


def joined(first: Known, other: Known, commit: str) -> Known:
    """What the history of merge `commit` renamed: `first`, what it knows through its
    first parent (advanced to its own configuration), with what another parent's history
    `other` renamed, carried to the merge's workflow (a rename made on a merged branch
    holds on the line it was merged into)."""
    theirs = advanced(other, first[1], commit)
    if theirs[2] <= first[2]:
        return first
    renames = dict(theirs[0] if first[1] is not None and theirs[1] == first[1] else ())
    renames.update(first[0])
    return tuple(sorted(renames.items())), first[1], first[2] | theirs[2]


def renamed_later(known: Known, head: Known, today: tuple[str, ...]) -> Renames | None:
    """The states of the workflow of a commit whose history renamed `known` that today's
    workflow (its states `today`) calls otherwise, each with that name: carried through
    the renames of HEAD's history (`head`) that its own did not make (`forward_renames`),
    then through what the work tree's configuration renamed of HEAD's. None when either
    commit's workflow is unknown (no configuration loaded along its first parents)."""
    states, last = known[1], head[1]
    if states is None or last is None:
        return None
    names = dict(forward_renames(states, head[2] - known[2]))
    if last != today:  # the work tree's configuration, not committed yet
        more = dict(renamed_states(last, today))
        names = {state: more.get(name, name)
                 for state, name in ((state, names.get(state, state)) for state in states)}
    return tuple(sorted((state, name) for state, name in names.items() if state != name))
