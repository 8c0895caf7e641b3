"""The status workflow: which statuses exist and which moves between them are allowed."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.suggest import shown_choices, suggested


@dataclass(frozen=True)
class AcceptedTransition:
    """A committed status move the workflow forbids, accepted as it is
    (`accepted_transitions:` in specrepo.yaml): the commit that made it (its id or an
    abbreviation of at least 7 hex digits, lowercase), an id the spec has or had, why, the
    entry's line in specrepo.yaml (0: not from a file), and the line and column of its
    commit there, where findings about the entry point."""

    commit: str
    spec: str
    reason: str
    line: int = 0
    commit_at: tuple[int, int] = (0, 0)

    def covers(self, spec_ids: frozenset[str], commit: str) -> bool:
        """Whether this entry accepts the move `commit` made in the spec with `spec_ids`."""
        return self.spec in spec_ids and commit.startswith(self.commit)

    def overlaps(self, other: AcceptedTransition) -> bool:
        """Whether both entries name one spec id and commit ids one of them can be
        (one's abbreviation starts the other's)."""
        return self.spec == other.spec and (self.commit.startswith(other.commit)
                                            or other.commit.startswith(self.commit))


@dataclass(frozen=True)
class Workflow:
    """States, allowed transitions, which states mean "in review" and "approved", and the
    committed moves it forbids that are accepted all the same."""

    states: tuple[str, ...]
    transitions: frozenset[tuple[str, str]]
    terminal: frozenset[str]
    in_review: frozenset[str]
    approved: frozenset[str]
    accepted: tuple[AcceptedTransition, ...] = ()
    initial: frozenset[str] = frozenset()
    """The states a new spec may start in (`statuses.initial`); empty: any state."""

    def acceptance(self, spec_ids: frozenset[str], commit: str) -> AcceptedTransition | None:
        """The entry of `accepted` that accepts the move `commit` made in the spec with
        `spec_ids`, if any."""
        return next((entry for entry in self.accepted if entry.covers(spec_ids, commit)), None)

    def allows(self, before: str | None, after: str | None) -> bool:
        """Whether a spec may move from `before` to `after` (None: not existing)."""
        if before is None or after is None or before == after:
            return True
        return (before, after) in self.transitions

    def may_start_in(self, status: str | None) -> bool:
        """Whether a new spec may start in `status` (None: no status it could be read
        with)."""
        return not self.initial or not status or status in self.initial

    def start_state(self, preferred: str) -> str:
        """`preferred` where a new spec may start in it, else the first state (in workflow
        order) one may start in: the status `new` writes the bundled format's spec in."""
        if preferred in self.states and self.may_start_in(preferred):
            return preferred
        return next((state for state in self.states if self.may_start_in(state)), preferred)

    def next_states(self, before: str) -> list[str]:
        """The states `before` may move to, in workflow order."""
        return [state for state in self.states if (before, state) in self.transitions]

    def way_out(self, status: str) -> list[list[str]] | None:
        """The fewest moves from `status` to a terminal state (to one not approved, where
        no terminal state can be reached), the way an approved spec may leave the spec
        set: the state of each step but the last, then every such state the last move
        reaches, in workflow order; None where none can be reached."""
        for ends in (self.terminal, frozenset(self.states) - self.approved):
            came_from = {status: status}
            frontier = [status]
            while frontier:
                reached = [state for state in self.states if state in ends and any(
                    (before, state) in self.transitions for before in frontier)]
                if reached:
                    steps = [next(before for before in frontier
                                  if (before, reached[0]) in self.transitions)]
                    while steps[-1] != status:
                        steps.append(came_from[steps[-1]])
                    return [[state] for state in reversed(steps[:-1])] + [reached]
                following = []
                for before in frontier:
                    for after in self.next_states(before):
                        if after not in came_from:
                            came_from[after] = before
                            following.append(after)
                frontier = following
        return None


def _default() -> Workflow:
    forward = ("Draft", "In Review", "Approved", "Implemented")
    terminal = ("Rejected", "Withdrawn", "Superseded")
    moves = set(pairwise(forward))
    moves.update((state, "Draft") for state in forward[1:])  # back to the drawing board
    moves.update((state, end) for state in forward for end in terminal)
    return Workflow(
        states=forward + terminal,
        transitions=frozenset(moves),
        terminal=frozenset(terminal),
        in_review=frozenset({"In Review"}),
        approved=frozenset({"Approved", "Implemented"}),
        initial=frozenset({"Draft"}),
    )


DEFAULT_WORKFLOW: Final = _default()
"""Draft -> In Review -> Approved -> Implemented; any step back to Draft; any non-terminal
state to Rejected, Withdrawn or Superseded; a new spec starts in Draft."""


def entry_states(states: tuple[str, ...],
                 transitions: frozenset[tuple[str, str]]) -> frozenset[str]:
    """The states no transition leads into: where a new spec starts when `statuses:` does
    not name them (`initial`); none when every state has a way in (then any state)."""
    return frozenset(states) - {after for before, after in transitions if before != after}


def unknown_state(status: str, states: Sequence[str]) -> str | None:
    """Why `status` (text) is no state of a workflow whose states are `states`, with the
    state most likely meant (`did_you_mean`); None when it is one. The one rule of a
    known status: validate's `unknown-status` says it, and history (`VersionReader`)
    reads such a status as unreadable, so `report` and its gates never take `In Reveiw`
    for a status of its own (trial36b)."""
    if status in states:
        return None
    written = status
    status, suggestion = suggested(status, states)
    hint = f"did you mean '{suggestion}'?" if suggestion else \
        f"the states are {', '.join(shown_choices(states, (written,)))}"
    return f"'{status}' is not a state of the workflow; {hint}"
