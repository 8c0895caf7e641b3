"""A spec's last change in the walk (`Lineage.touch`): the commits that may be it once
times follow the graph keep the one that is, whatever times HEAD's line takes its commits
as (a commit dated behind, raised: later than its date)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from specrepo.history.kept_line_times import taken_times
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
    """Whatever times the line takes its commits as (a line that begins at 1970 counts
    from there), the walk keeps the latest
    change, each at the time of the line's commit that brought it there, its own dates
    (a branch's commit dated 1970, or ahead) left out."""
    line = [(f"l{index}", _dated(date), 0) for index, date in enumerate(line_dates)]
    listed = [(sha, date, date, offset) for sha, date, offset in reversed(line)]
    taken = taken_times(listed)
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
        # The line's commit that brought it at its time as taken, instead of its date (a
        # clock behind: later), whatever the change's own dates: a change counts from when
        # HEAD's line took it, as a status period does (fix52b stale-before-status-began).
        return taken.get(change.line, (change.line_committed, 0))[0]

    latest = max(map(as_taken, made), default=None)
    assert max(map(as_taken, lineage.touches), default=None) == latest
    assert lineage.touched == (made[-1].line_committed if made else 0)
