"""Which dates of HEAD's line are right (`kept_line_times.taken_times`), stated as
properties: commits dated by a wrong clock move no right commit's time, however many
there are when their dates lie before git began (2005-04-07), and when they are no more
than the right commits before them otherwise (trial40b: two bot commits dated 1970 after
two right ones took both as 1970, one after the first commit took it as 1970)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from hypothesis import example, given
from hypothesis import strategies as st

from specrepo.gitio.graph import CommitMeta
from specrepo.history.kept_line_times import Dates, _Listed, taken_times
from specrepo.model.ancestry import GIT_BEGAN

DAY = 86400
T0 = 1_767_225_600  # 2026-01-01T00:00:00Z
RIGHT = st.lists(st.integers(0, 400 * DAY), min_size=2, max_size=10).map(
    lambda days: [T0 + time for time in sorted(days)])
"""The right commits' dates, the oldest first (also their author dates)."""
AUTHORED = st.one_of(st.none(), st.integers(0, T0 + 500 * DAY))
"""A wrong commit's author date: its committer date (None), or another."""


def _line(right: list[int], wrong: list[tuple[int, int, int | None]]
          ) -> list[tuple[str, int, int, int]]:
    """The line, HEAD first: the right commits `r0`.. at `right`, each wrong one `w0`..
    (after the right commit at a position, dated, authored) after the right one."""
    line = []
    for position, time in enumerate(right):
        line.append((f"r{position}", time, time, 0))
        line.extend((f"w{index}", dated, dated if authored is None else authored, 60)
                    for index, (after, dated, authored) in enumerate(wrong)
                    if after == position)
    line.reverse()
    return line


def _between(right: list[int], wrong: list[tuple[int, int, int | None]],
             taken: dict[str, tuple[int, int]]) -> None:
    """No right commit moves, and every wrong one is taken between the right commits
    around it (raised: later than its date)."""
    assert not any(commit.startswith("r") for commit in taken)
    for index, (after, dated, _) in enumerate(wrong):
        assert right[after] <= taken[f"w{index}"][0] <= right[after + 1]
        assert taken[f"w{index}"][0] > dated


@given(RIGHT, st.lists(st.tuples(st.integers(0, 8), st.integers(0, GIT_BEGAN - 1),
                                 AUTHORED), min_size=1, max_size=12))
@example([T0, T0 + 9 * DAY], [(0, DAY, None)])  # one-commit-behind-second-on-line-sinks-root
@example([T0, T0 + DAY, T0 + 10 * DAY], [(1, DAY, None), (1, 2 * DAY, None)])
def test_commits_dated_before_git_began_move_no_right_commit(
        right: list[int], wrong: list[tuple[int, int, int | None]]) -> None:
    """However many commits dated before 2005-04-07 follow however few right ones (never
    HEAD, the line's first commit right): each is raised to the commit before it, or taken
    at its author date when that lies between its neighbours; no right commit moves."""
    wrong = [(after % (len(right) - 1), dated, authored) for after, dated, authored in wrong]
    _between(right, wrong, taken_times(_line(right, wrong)))


@st.composite
def _behind(draw: st.DrawFn) -> tuple[list[int], int, list[int]]:
    """Right commits' dates, a position among them (not HEAD's) and the dates of at most
    as many commits after it as there are right ones up to it, each after git began but
    behind the first right commit."""
    right = draw(RIGHT)
    after = draw(st.integers(0, len(right) - 2))
    return right, after, draw(st.lists(st.integers(GIT_BEGAN, right[0] - 1), min_size=1,
                                       max_size=after + 1))


@given(_behind())
@example(([T0, T0 + DAY, T0 + 10 * DAY, T0 + 11 * DAY], 1,  # a year behind
          [T0 - 365 * DAY, T0 - 364 * DAY]))
def test_commits_dated_behind_move_no_right_commit_when_no_more_than_those_before(
        case: tuple[list[int], int, list[int]]) -> None:
    """k commits dated after git began but behind every right commit before them (a
    clock a year behind), after j >= k right ones: the longest run in date order ties
    at k = j, and the run with the later dates, the right one, is kept; each of the k is
    raised (or taken at its author date between its neighbours)."""
    right, after, dates = case
    wrong: list[tuple[int, int, int | None]] = [(after, dated, None) for dated in dates]
    _between(right, wrong, taken_times(_line(right, wrong)))


def test_more_commits_dated_behind_than_right_ones_before_them_win() -> None:
    """The limit: dates after git began cannot say which clock was wrong, and the longest
    run decides: two commits dated a year behind after one right one take it as their
    date (a warning names the raised ones when they are the fewer)."""
    year = 365 * DAY
    line = [("head", T0 + 9 * DAY, T0 + 9 * DAY, 0), ("b2", T0 - year + 1, T0 - year + 1, 0),
            ("b1", T0 - year, T0 - year, 0), ("r0", T0, T0, 0)]
    assert taken_times(line) == {"r0": (T0 - year, 0)}
    assert taken_times(line[:1] + line[2:]) == {"b1": (T0, 0)}  # one: raised


def test_a_tie_keeps_the_later_dates() -> None:
    """One commit dated ahead of the next or that one behind it ([1, 3, 2, 4] after git
    began): the later dates are kept, the commit dated behind raised (trial40b: the same
    rule keeps a first commit at its date and raises the one after it dated behind)."""
    line = [(name, GIT_BEGAN + time, GIT_BEGAN + time, 0)
            for name, time in (("head", 4), ("c2", 2), ("c3", 3), ("c1", 1))]
    assert taken_times(line) == {"c2": (GIT_BEGAN + 3, 0)}


def test_history_imported_from_before_git_keeps_its_dates() -> None:
    """A line that begins before git did (imported from CVS or Subversion, dated 1990 on)
    counts dates from its first commit: a commit dated ahead inside it is taken as the
    next one, as after 2005, and none of the imported dates is taken as wrong."""
    year = 365 * DAY
    dates = [("head", 20 * year), ("c3", 19 * year), ("ahead", 40 * year), ("c1", 18 * year),
             ("c0", 17 * year)]
    line = [(name, time, time, 0) for name, time in dates]
    assert taken_times(line) == {"ahead": (19 * year, 0)}
    assert taken_times(line[:2] + line[3:]) == {}


def test_a_first_commit_committed_behind_its_author_date_is_taken_at_it() -> None:
    """The line's first commit committed at 1970 and authored 2026-01-01 (amended on a
    machine with no clock): taken at its author date, the commits after it as dated."""
    line = [("head", T0 + 2 * DAY, T0 + 2 * DAY, 0), ("c1", T0 + DAY, T0 + DAY, 0),
            ("root", DAY, T0, 60)]
    assert taken_times(line) == {"root": (T0, 60)}
    line = [("head", T0 + 2 * DAY, T0 + 2 * DAY, 0), ("root", DAY, T0 + 3 * DAY, 60)]
    assert taken_times(line) == {"root": (T0 + 2 * DAY, 0)}  # authored after HEAD


def test_a_merge_dated_behind_is_raised_to_the_branch_it_brought() -> None:
    """trial41 merge-1970-raised-below-its-branch-parent: a merge dated 1970 whose merged
    parent was committed after the commit before it on the line is raised to that parent
    (never past the next right commit); a merged parent dated before git began, or before
    the commit before it, leaves it raised to that commit. Only the commits outside the
    run are asked about."""
    line = [("head", T0 + 10 * DAY, T0 + 10 * DAY, 0), ("merge", DAY, DAY, 0),
            ("main", T0 + 2 * DAY, T0 + 2 * DAY, 0), ("root", T0, T0, 0)]
    asked: list[list[str]] = []

    def merged(latest: int, authored: int | None = None
               ) -> Callable[[Sequence[str]], Mapping[str, Dates]]:
        def answer(commits: Sequence[str]) -> Mapping[str, Dates]:
            asked.append(list(commits))
            return {"merge": [(latest, latest if authored is None else authored)]}
        return answer

    assert taken_times(line, merged(T0 + 5 * DAY)) == {"merge": (T0 + 5 * DAY, 0)}
    assert asked == [["merge"]]
    assert taken_times(line, merged(T0 + 20 * DAY)) == {"merge": (T0 + 10 * DAY, 0)}
    assert taken_times(line, merged(2 * DAY)) == {"merge": (T0 + 2 * DAY, 0)}
    assert taken_times(line, merged(T0 + DAY)) == {"merge": (T0 + 2 * DAY, 0)}
    # trial41b merge-1970-resolution-taken-1970: the merged parent committed at 1970 and
    # authored on day 5 is at its author date (`clock_time`), so the merge is too
    assert taken_times(line, merged(DAY, T0 + 5 * DAY)) == {"merge": (T0 + 5 * DAY, 0)}
    assert taken_times(line, merged(DAY, 2 * DAY)) == {"merge": (T0 + 2 * DAY, 0)}


@given(RIGHT, st.lists(st.tuples(st.integers(0, 8), st.integers(0, T0 + 500 * DAY),
                                 AUTHORED), max_size=12))
def test_a_line_read_from_its_commits_as_asked_is_the_line_listed(
        right: list[int], wrong: list[tuple[int, int, int | None]]) -> None:
    """HEAD's line is read from its commits as each is asked for (`_Listed`: a list of
    them held 9 MB more at 100,000 commits, mem66b): in any order, sliced, and for
    `taken_times`, it is the line listed whole."""
    wrong = [(after % (len(right) - 1), dated, authored) for after, dated, authored in wrong]
    line = _line(right, wrong)
    metas = [CommitMeta(sha, "A", "a@example.com", authored, committed, offset)
             for sha, committed, authored, offset in line]
    listed = _Listed(metas)
    assert (list(listed), list(reversed(listed)), listed[-1:], listed[1]) \
        == (line, line[::-1], line[-1:], line[1])
    assert taken_times(listed) == taken_times(line)
