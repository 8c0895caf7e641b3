"""A spec's last change in the walk (`Lineage.touch`): the commits that may be it once
times follow the graph keep the one that is, whatever times HEAD's line takes its commits
as (a commit dated behind, raised: later than its date)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from specrepo.history.kept_line_times import plausible_floor, taken_times
from specrepo.history.lineage_state import Lineage
from specrepo.model.ancestry import GIT_BEGAN, LastChange

CHANGES = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 30), st.booleans(),
                             st.integers(0, 30)), max_size=10)
"""Content changes in the walk's order: (how many commits of HEAD's line later than the
last one, date, made off the line: brought by the line's commit, author date)."""


def _dated(value: int) -> int:
    """A date of the test's: 0 is a bot's clock at 1970, before git began; others after."""
    return 0 if value == 0 else GIT_BEGAN + value


@given(st.lists(st.integers(0, 30), min_size=1, max_size=8), CHANGES)
@example([3, 5, 0, 10], [(2, 0, False, 0), (1, 2, True, 2)])  # a change on l2, raised to 5
@example([1], [(0, 0, False, 0), (0, 0, True, 0)])  # a branch's commit dated 1970
@example([1, 2], [(0, 5, True, 5), (1, 0, True, 9)])  # committed 1970, authored later
def test_the_last_change_is_the_latest_as_the_graph_takes_it(
        line_dates: list[int], changes: list[tuple[int, int, bool, int]]) -> None:
    """Whatever times the line takes its commits as, and whatever its floor (a line that
    begins at 1970 counts from there: `plausible_floor`), the walk keeps the latest
    change; a commit off the line dated before the floor is at its author date, or at the
    line's commit that brought it when that is before the floor too (`LastChange.own_time`,
    trial41b merge-1970-resolution-taken-1970)."""
    line = [(f"l{index}", _dated(date), 0) for index, date in enumerate(line_dates)]
    listed = [(sha, date, date, offset) for sha, date, offset in reversed(line)]
    taken, floor = taken_times(listed), plausible_floor(listed[::-1])
    lineage, made, position = Lineage("k", "SPEC-0001", "specs/SPEC-0001.yaml"), [], 0
    for number, (later, date, off_line, authored) in enumerate(changes):
        position = min(position + later, len(line) - 1)
        sha, line_date, _ = line[position]
        change = LastChange(f"c{number}" if off_line else sha,
                            _dated(date) if off_line else line_date, 0, sha, line_date, 0,
                            _dated(authored) if off_line else line_date)
        lineage.touch(change)
        made.append(change)

    def as_taken(change: LastChange) -> int:
        # The line's commit at its time as taken, instead of its date (a clock behind:
        # later); a branch's commit no later than it, and dated after the merge that
        # brought it, or before the floor: its author date, unless that is before too.
        line_time = taken.get(change.line, (change.line_committed, 0))[0]
        if change.commit == change.line:
            return line_time
        own: int | None = change.committed
        if not floor <= change.committed <= change.line_committed:
            own = change.authored if change.authored >= floor else None
        return line_time if own is None else min(own, line_time)

    latest = max(map(as_taken, made), default=None)
    assert max(map(as_taken, lineage.touches), default=None) == latest
    if line_dates == sorted(line_dates) and floor == GIT_BEGAN:  # no time taken otherwise
        known = max(reversed(made), key=lambda change: min(
            change.committed if change.commit == change.line else as_taken(change),
            change.line_committed), default=None)
        assert lineage.touched == (known.committed if known is not None else 0)
