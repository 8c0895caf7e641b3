"""A range (`A ^B`) holds the commits the graph says, whatever their dates (lines43): git's
walk by committer dates lists commits B reaches when B's side holds six or more commits
dated behind (a bot's clock at 1970), and every caller that asks git for a range with
`^`, `--not` or `B..A` takes them out by one rule (`graph_range`). The callers whose
ranges git answers from the graph (a merge base: `diff A...B`, `--changed-since`'s
paths; a first-parent line cut at a commit on it; `--ancestry-path`) are checked against
the truth too."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from specrepo.gitio.config_log import first_parent_changes
from specrepo.gitio.git_command import Git
from specrepo.gitio.graph import CommitGraph
from specrepo.gitio.graph_range import range_parents
from specrepo.gitio.revisions import commits_after
from specrepo.gitio.watched_log import file_commits, watched_changes
from tests.graph_shapes import Shape, built, shapes

# c0, c1; c2..c8 on from c1, each dated in 1970 (a clock behind); c9 from c1, dated right:
# `git rev-list c9 ^c8` lists c9, c1 and c0 (git stops before c8's marks reach c1).
_FORKED: Shape = [(-1, None), (0, None), *((at, None) for at in range(1, 8)), (1, None)]
_BEHIND = frozenset(range(2, 9))
# c10 merges c9 into c8 (the run dated behind on the first parent's side).
_MERGED: Shape = [*_FORKED, (8, 9)]


def truth(git: Git, head: str, since: str, *, first_parent: bool = False
          ) -> dict[str, tuple[str, ...]]:
    """The commits `head` reaches (along first parents) and `since` does not, with their
    parents, from whole listings (a walk with no `^` never stops by dates)."""
    reached = set(git.text("rev-list", since).split())
    whole = {names[0]: tuple(names[1:]) for line in git.text(
        "rev-list", "--parents", head).splitlines() if (names := line.split())}
    if not first_parent:
        return {commit: parents for commit, parents in whole.items() if commit not in reached}
    line: dict[str, tuple[str, ...]] = {}
    commit: str | None = head
    while commit is not None and commit not in reached:
        line[commit] = whole[commit]
        commit = whole[commit][0] if whole[commit] else None
    return line


@settings(max_examples=40, deadline=None)
@given(shapes(), st.sets(st.integers(0, 13)), st.integers(0, 13), st.integers(0, 13),
       st.booleans())
@example(_FORKED, set(_BEHIND), 9, 8, False)
@example(_FORKED, set(_BEHIND), 9, 8, True)
@example(_MERGED, set(_BEHIND), 10, 8, False)
def test_a_range_is_the_graph_s_whatever_the_dates(shape: Shape, behind: set[int],
                                                   positive: int, negative: int,
                                                   first_parent: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="lines43-range-") as folder:
        made = built(Path(folder), shape, frozenset(behind))
        git = Git(Path(folder))
        head, since = made[positive % len(made)], made[negative % len(made)]
        assert range_parents(git, [head], [since], first_parent=first_parent) \
            == truth(git, head, since, first_parent=first_parent)


def test_git_s_walk_by_dates_overruns_where_the_rule_does_not(tmp_path: Path) -> None:
    """The example the property test starts from is one git answers wrong."""
    made = built(tmp_path, _FORKED, _BEHIND)
    git = Git(tmp_path)
    assert set(git.text("rev-list", made[9], f"^{made[8]}").split()) == {made[9], made[1],
                                                                          made[0]}
    assert set(range_parents(git, [made[9]], [made[8]])) == {made[9]}


def test_commits_after_a_revision_are_the_graph_s(tmp_path: Path) -> None:
    """`report --since REF`, `validate --since`, `--changed-since`'s commits: was c9, c1
    and c0 (c1 and c0 are c8's too)."""
    made = built(tmp_path, _FORKED, _BEHIND)
    git = Git(tmp_path)
    assert commits_after(git, made[8], made[9]) == frozenset({made[9]})


def test_a_walk_on_from_a_cached_head_reads_the_graph_s_range(tmp_path: Path) -> None:
    """`CommitGraph` from a cache's HEAD (c8) to a merge of a branch forked before the
    run dated behind: was c10, c9, c1 and c0 (a walk on that read c1 and c0 again)."""
    made = built(tmp_path, _MERGED, _BEHIND)
    git = Git(tmp_path)
    graph = CommitGraph(git, made[10], made[8])
    try:
        graph.load()
        assert graph.parents == truth(git, made[10], made[8])
        assert set(graph.parents) == {made[10], made[9]}
    finally:
        graph.close()


def test_the_look_ahead_from_a_cached_head_reads_the_graph_s_range(tmp_path: Path) -> None:
    """`watched_changes` and `file_commits` (the look-ahead, `--sparse`): c1's change of
    the file was listed as the range's."""
    made = built(tmp_path, _MERGED, _BEHIND, files={0: "a\n", 1: "b\n", 9: "c\n"})
    git = Git(tmp_path)
    assert [sha for sha, _ in file_commits(git, made[10], made[8], ["notes.txt"])] \
        == [made[9]]
    assert [record.sha for record in watched_changes(git, made[10], made[8], ["notes.txt"])] \
        == [made[9], made[10]]


def test_ranges_git_answers_from_the_graph(tmp_path: Path) -> None:
    """Checked, and right without the rule: a merge base (`diff A...B`, `--changed-since`'s
    paths), a first-parent line cut at one of its own commits (`first_parent_changes`
    since a commit of the line, a merged line's log from its fork), `--ancestry-path`
    (`set_membership`)."""
    made = built(tmp_path, _MERGED, _BEHIND, files={0: "a\n", 1: "b\n", 9: "c\n"})
    git = Git(tmp_path)
    assert git.text("merge-base", made[8], made[9]) == made[1]
    assert git.text("rev-parse", f"{made[8]}...{made[9]}").split()[-1] == f"^{made[1]}"
    assert set(git.text("rev-list", "--ancestry-path", made[10], f"^{made[8]}").split()) \
        == {made[10]}
    assert set(git.text("rev-list", "--first-parent", made[10], f"^{made[8]}").split()) \
        == {made[10]}
    assert first_parent_changes(git, made[10], "notes.txt", made[8]) == []
    assert [change.commit for change in first_parent_changes(
        git, made[9], "notes.txt", made[1]) or []] == [made[9]]


# c0; c1 changes the file on main; c2 from c0 (no change), merged by c3 (its line forked
# before c1: the parents bring different files); c4 from c1 (no change), merged by c5
# (both lines hold c1, no change since: nothing to join); c6, c7 from c5 change the file
# and change it back, merged by c8 (the files as c5 had them, but c6 and c7's renames).
_LOOKED_AHEAD: Shape = [(-1, None), (0, None), (0, None), (1, 2), (1, None), (3, 4),
                        (5, None), (6, None), (5, 7)]


def test_the_look_ahead_follows_the_merges_that_join_something(tmp_path: Path) -> None:
    """lines43: every merge was listed (`git log --sparse`: 4,429 on the benchmark);
    those whose lines bring the same changes join nothing and are left out."""
    made = built(tmp_path, _LOOKED_AHEAD, files={0: "a\n", 1: "b\n", 6: "c\n", 7: "b\n"})
    git = Git(tmp_path)
    whole = {names[0]: tuple(names[1:]) for line in git.text(
        "rev-list", "--parents", made[8]).splitlines() if (names := line.split())}
    for graph in ((whole, list(reversed(git.text("rev-list", "--topo-order", made[8]).split()))),
                  None):
        assert [record.sha for record in watched_changes(
            git, made[8], None, ["notes.txt"], graph)] == [made[index] for index in (
                0, 1, 3, 6, 7, 8)]
