"""The round of review a spec is in, and which approvals belong to it, over events made by
hand (the real-git cases are in tests/report/test_review_rounds.py)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from specrepo.model.event import Event
from specrepo.model.events import (
    APPROVED,
    CREATED,
    DELETED,
    STATUS_CHANGED,
    STATUS_TAKEN,
    EventKind,
)
from specrepo.model.review_round import (
    approved_in_round,
    entries_since_left,
    moves_into,
    reviewer_approvals,
)
from tests.support import fuzz

DAY = 86400
START = 1_767_312_000  # 2026-01-02T00:00:00Z
STATES = ("Draft", "In Review", "Approved")


def event(number: int, kind: EventKind, after: str | None, *, field: str = "status",
          item: str | None = None) -> Event:
    """The event of the `number`th commit on HEAD's first-parent line, one a day."""
    return Event("SPEC-0001", f"{number:040x}", "Ada Lovelace", "ada@example.com",
                 START + number * DAY, START + number * DAY, kind, field, None, after,
                 "specs/SPEC-0001.yaml", True, item=item)


def review(*approvals: Event) -> list[Event]:
    """Draft, In Review, Approved, Draft, then In Review again on 2026-01-06 (commit 4),
    with `approvals` (numbered by their commits) in history's order."""
    moves = [event(0, CREATED, "Draft"), event(1, STATUS_CHANGED, "In Review"),
             event(2, STATUS_CHANGED, "Approved"), event(3, STATUS_CHANGED, "Draft"),
             event(4, STATUS_CHANGED, "In Review")]
    return sorted([*moves, *approvals], key=lambda made: made.authored)


def grace_wrote(number: int, value: str) -> Event:
    return event(number, APPROVED, value, field="reviewers", item="Grace Hopper")


def test_a_value_that_names_no_day_belongs_to_the_round_its_commit_is_in() -> None:
    """A format's schema may let `approved:` be other text: its commit alone says."""
    reviewers = [("Grace Hopper", "LGTM")]
    assert approved_in_round(review(grace_wrote(2, "LGTM")), reviewers, "In Review",
                             None) == frozenset()
    assert approved_in_round(review(grace_wrote(5, "LGTM")), reviewers, "In Review",
                             None) == frozenset({"grace hopper"})


def test_a_value_the_spec_was_born_with_is_of_its_first_round() -> None:
    reviewers = [("Grace Hopper", "2026-01-10")]
    assert approved_in_round(review(), reviewers, "In Review", None) == frozenset()
    born = [event(0, CREATED, "In Review")]
    assert approved_in_round(born, reviewers, "In Review", None) == frozenset({"grace hopper"})


def test_no_move_into_the_status_is_no_round_known() -> None:
    assert approved_in_round([], [("Grace Hopper", "2026-01-10")], "In Review", None) is None


def _last_entry(events: list[Event], states: frozenset[str]) -> int | None:
    """The move that last put a spec in `states`, None when a later one took it out (a
    deletion does not), walked one event at a time (as `changed-after-approval` had it)."""
    status: str | None = None
    entered: int | None = None
    for index, made in enumerate(events):
        if made.kind == DELETED:
            continue
        if made.after in states and status not in states:
            entered = index
        elif made.after not in states:
            entered = None
        status = made.after
    return entered


@fuzz(200)
@given(st.lists(st.tuples(st.sampled_from((STATUS_CHANGED, DELETED)),
                          st.sampled_from(STATES)), max_size=12),
       st.sets(st.sampled_from(STATES), min_size=1))
def test_the_round_begins_with_the_moves_since_the_spec_last_left(
        moves: list[tuple[EventKind, str]], states: set[str]) -> None:
    events = [event(0, CREATED, "Draft"), *(
        event(number, kind, None if kind == DELETED else status)
        for number, (kind, status) in enumerate(moves, start=1))]
    entries = entries_since_left(events, frozenset(states))
    assert max(entries, default=None) == _last_entry(events, frozenset(states))
    assert all(events[index].after in states for index in entries)


def test_each_reviewer_approval_says_whether_it_counts_and_who_recorded_it() -> None:
    """`reviewer_approvals`, which every place that shows an approval reads: a date left
    from the first round waits; one written in this round by Ada (whose commits these
    are) counts, unless only the reviewer's own may."""
    reviewers = [("Grace Hopper <grace@example.com>", "2026-01-04")]
    [left] = reviewer_approvals(review(grace_wrote(2, "2026-01-04")), reviewers,
                                "In Review", {"In Review"}, None)
    assert (left.counts, left.earlier_round, left.recorded_by) == (False, True, "Ada Lovelace")
    events = review(grace_wrote(5, "2026-01-04"))
    [this] = reviewer_approvals(events, reviewers, "In Review", {"In Review"}, None)
    assert (this.counts, this.earlier_round, this.refused) == (True, False, False)
    [strict] = reviewer_approvals(events, reviewers, "In Review", {"In Review"}, None,
                                  "reviewer")
    assert (strict.counts, strict.refused) == (False, True)
    [elsewhere] = reviewer_approvals(review(grace_wrote(2, "2026-01-04")), reviewers,
                                     "Draft", {"In Review"}, None)
    assert elsewhere.counts and not elsewhere.earlier_round


def test_a_shallow_clones_first_version_is_no_move_in_but_its_compared_move_is() -> None:
    """At a boundary commit the spec's first version, already Approved, moved nothing in
    (the clone cannot tell who approved it); the move the clone's comparison shows there
    (`BoundaryMove`: Draft before) did. Elsewhere a creation in the status is a move in."""
    born = event(0, CREATED, "Approved")
    compared = replace(event(0, STATUS_CHANGED, "Approved"), before="Draft")
    approved = {"Approved"}
    assert moves_into([born], approved) == {0}
    assert moves_into([born], approved, boundary={born.commit}) == frozenset()
    assert moves_into([born, compared], approved) == {0}  # the creation, not the move
    assert moves_into([born, compared], approved, boundary={born.commit}) == {1}


@fuzz(200)
@given(st.lists(st.tuples(st.sampled_from((CREATED, STATUS_CHANGED, STATUS_TAKEN, DELETED)),
                          st.sampled_from((None, *STATES)), st.sampled_from(STATES),
                          st.integers(0, 2)), max_size=8),
       st.sets(st.sampled_from(STATES), min_size=1))
def test_at_a_boundary_a_move_in_is_a_status_change_from_outside(
        made: list[tuple[EventKind, str | None, str, int]], states: set[str]) -> None:
    """At a boundary commit, `moves_into` keeps the events `approves_at` named before it
    read them through it: a status change from a status outside `states` into one."""
    events = [replace(event(number, kind, None if kind == DELETED else after), before=before)
              for kind, before, after, number in made]
    boundary = f"{0:040x}"
    at_boundary = {index for index in moves_into(events, states, boundary={boundary})
                   if events[index].commit == boundary}
    assert at_boundary == {index for index, moved in enumerate(events)
                           if moved.commit == boundary and moved.kind == STATUS_CHANGED
                           and moved.after in states and moved.before not in states}
