"""The commit order the site tells events in: every chain's order (one spec's events, in
history's order) kept, dates deciding only between commits no chain orders."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from specrepo.site.event_order import commit_ranks
from tests.support import fuzz

COMMITS = [f"c{number:02}" for number in range(12)]


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[str], dict[str, int], list[list[str]]]:
    """A walk of commits (history's order), their dates (any: clocks may be skewed), and
    chains taken from the walk (each spec's commits, a commit possibly several times)."""
    walk = draw(st.permutations(COMMITS))
    dates = {commit: draw(st.integers(0, 20)) for commit in walk}
    chains = []
    for _ in range(draw(st.integers(1, 5))):
        picked = sorted(draw(st.lists(st.integers(0, len(walk) - 1), max_size=8)))
        chains.append([walk[position] for position in picked])
    return walk, dates, chains


@fuzz(100)
@given(histories())
def test_every_chains_order_is_kept(
        history: tuple[list[str], dict[str, int], list[list[str]]]) -> None:
    _, dates, chains = history
    ranks = commit_ranks([(commit, dates[commit]) for commit in chain] for chain in chains)
    assert set(ranks) == {commit for chain in chains for commit in chain}
    assert sorted(ranks.values()) == list(range(len(ranks)))
    for chain in chains:
        assert [ranks[commit] for commit in chain] == sorted(ranks[commit] for commit in chain)


@fuzz(100)
@given(histories())
def test_with_clocks_that_agree_with_the_graph_the_order_is_the_dates(
        history: tuple[list[str], dict[str, int], list[list[str]]]) -> None:
    walk, _, chains = history
    agreeing = {commit: 2 * place for place, commit in enumerate(walk)}
    ranks = commit_ranks([(commit, agreeing[commit]) for commit in chain] for chain in chains)
    assert sorted(ranks, key=ranks.__getitem__) == sorted(ranks, key=agreeing.__getitem__)


def test_unrelated_commits_go_by_date_then_id() -> None:
    assert commit_ranks([[("b", 5)], [("a", 5)], [("c", 1)]]) == {"c": 0, "a": 1, "b": 2}


def test_a_commit_dated_before_its_parent_still_comes_after_it() -> None:
    assert commit_ranks([[("parent", 10), ("child", 3)], [("other", 5)]]) == {
        "other": 0, "parent": 1, "child": 2}


def test_chains_that_disagree_leave_their_commits_last_by_date() -> None:
    assert commit_ranks([[("a", 1), ("b", 2)], [("b", 2), ("a", 1)], [("c", 9)]]) == {
        "c": 0, "a": 1, "b": 2}
