"""A spec's last change in the walk (`Lineage.touch`): the commits that may be it once
times follow the graph keep the one that is, whatever times HEAD's line takes its commits
as (a commit dated behind, raised: later than its date)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from specrepo.history.kept_line_times import taken_times
from specrepo.history.lineage_state import Lineage
from specrepo.model.ancestry import LastChange

CHANGES = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 30), st.booleans(),
                             st.integers(0, 30)), max_size=10)
"""Content changes in the walk's order: (how many commits of HEAD's line later than the
last one, date, made off the line: brought by the line's commit, author date)."""


@given(st.lists(st.integers(0, 30), min_size=1, max_size=8), CHANGES)
@example([3, 5, 0, 10], [(2, 0, False, 0), (1, 2, True, 2)])  # a change on l2, raised to 5
def test_the_last_change_is_the_latest_as_the_graph_takes_it(
        line_dates: list[int], changes: list[tuple[int, int, bool, int]]) -> None:
    line = [(f"l{index}", date, 0) for index, date in enumerate(line_dates)]  # oldest first
    taken = taken_times((sha, date, date, offset) for sha, date, offset in reversed(line))
    lineage, made, position = Lineage("k", "SPEC-0001", "specs/SPEC-0001.yaml"), [], 0
    for number, (later, date, off_line, authored) in enumerate(changes):
        position = min(position + later, len(line) - 1)
        sha, line_date, _ = line[position]
        change = LastChange(f"c{number}" if off_line else sha,
                            date if off_line else line_date, 0, sha, line_date, 0,
                            authored if off_line else line_date)
        lineage.touch(change)
        made.append(change)

    def as_taken(change: LastChange) -> int:
        # The line's commit at its time as taken, instead of its date (a clock behind:
        # later); a branch's commit no later than it, and dated after the merge that
        # brought it: its author date.
        line_time = taken.get(change.line, (change.line_committed, 0))[0]
        if change.commit == change.line:
            return line_time
        own = change.authored if change.committed > change.line_committed \
            else change.committed
        return min(own, line_time)

    latest = max(map(as_taken, made), default=None)
    assert max(map(as_taken, lineage.touches), default=None) == latest
    if line_dates == sorted(line_dates):  # no time taken otherwise: the walk's is right
        known = max(reversed(made), key=lambda change: min(
            change.committed if change.commit == change.line else as_taken(change),
            change.line_committed), default=None)
        assert lineage.touched == (known.committed if known is not None else 0)
