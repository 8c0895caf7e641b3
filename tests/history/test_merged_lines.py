"""`MergedLines` answers from the commit graph what git's `rev-list` answered for each merge
before (cold41): HEAD's first-parent line (`rev-list --first-parent`), the merge that
brought a commit (`rev-list --ancestry-path`) and where a merged branch forked
(`rev-list --first-parent --parents BRANCH ^FIRST`), on any commit graph, whole or after
a commit of HEAD's line, from the walk's graph or listed by git; and the branch's own
commits (`MergedLines.branch_line`) as `branch_departures.branch_line_of` lists them, with
commits dated behind (a bot's clock at 1970, which stops git's walk early: lines42)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from specrepo.gitio.git_command import Git
from specrepo.history.branch_departures import branch_line_of
from specrepo.history.merged_lines import MergedLines
from tests.graph_shapes import Shape, built, shapes


def _line_and_brought(git: Git, head: str, since: str | None,
                      commit: str) -> tuple[list[str], int | None]:
    """What git said before: HEAD's line after `since`, and the index in it of the oldest
    commit that `git rev-list --ancestry-path commit..head` lists (counted from HEAD)."""
    line = git.text("rev-list", "--first-parent",
                    f"{since}..{head}" if since else head).split()
    after = set(git.text("rev-list", "--ancestry-path", f"{commit}..{line[0]}").split()) \
        if line else set()
    held = 0
    while held < len(line) and line[held] in after:
        held += 1
    return line, held - 1 if held else None


@settings(max_examples=25, deadline=None)
@given(shapes(), st.integers(0, 20), st.booleans())
def test_the_graph_answers_as_git_did(shape: Shape, cut: int, walked: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="cold41-lines-") as folder:
        root = Path(folder)
        made = built(root, shape)
        git, head = Git(root), made[-1]
        listed = [names.split() for names in git.text("rev-list", "--parents", head).splitlines()]
        whole = {names[0]: tuple(names[1:]) for names in listed} if walked else None
        line = git.text("rev-list", "--first-parent", head).split()
        since = line[cut] if cut < len(line) and cut else None
        lines = MergedLines(git, head, since, whole)
        asked = set(git.text("rev-list", head, *([f"^{since}"] if since else [])).split())
        for commit in sorted(asked):
            assert (lines.line(), lines.bringing(commit)) \
                == _line_and_brought(git, head, since, commit)
        for merge in lines.line():
            parents = lines.parents(merge)
            assert list(parents) == git.text("rev-parse", f"{merge}^@").split()
            for other in parents[1:]:
                fork = lines.fork(other, parents[0])
                mine = git.text("rev-list", "--first-parent", "--parents", other,
                                f"^{parents[0]}").splitlines()
                assert fork is None if since is not None else fork == tuple(
                    mine[-1].split(" ")[1:2] if mine else ())
                found = lines.branch_line(other, parents[0])
                assert found is None if since is not None else found == (
                    {one.split(" ")[0]: len(one.split(" ")) - 1 for one in mine}, fork)


def _own_line(git: Git, branch: str, first: str) -> tuple[dict[str, int], tuple[str, ...]]:
    """The truth `branch_line` tells: `branch`'s first parents down to the first that
    `first` reaches, each asked of `git merge-base --is-ancestor` (which no date stops)."""
    mine: dict[str, int] = {}
    commit: str | None = branch
    while commit is not None and git.attempt(
            "merge-base", "--is-ancestor", commit, first).returncode != 0:
        parents = git.text("rev-parse", f"{commit}^@").split()
        mine[commit] = len(parents)
        commit = parents[0] if parents else None
    return mine, () if not mine or commit is None else (commit,)


# Seven commits dated behind on main after the branch forked (c1): git's walk of the
# branch's line stops before it reaches them, and lists c1 and c0 as the branch's own:
# no fork, and the branch's line went unread.
_SKEWED: Shape = [(-1, None), (0, None), *((at, None) for at in range(1, 8)), (8, None),
                  (1, None), (9, 10)]


@settings(max_examples=25, deadline=None)
@given(shapes(), st.sets(st.integers(0, 13)))
@example(_SKEWED, set(range(2, 9)))
def test_a_branch_line_is_the_graph_s_whatever_the_dates(shape: Shape, behind: set[int]
                                                          ) -> None:
    with tempfile.TemporaryDirectory(prefix="lines42-own-") as folder:
        root = Path(folder)
        made = built(root, shape, frozenset(behind))
        git, head = Git(root), made[-1]
        listed = [names.split() for names in git.text("rev-list", "--parents", head).splitlines()]
        lines = MergedLines(git, head, None, {names[0]: tuple(names[1:]) for names in listed})
        for merge in lines.line():
            parents = lines.parents(merge)
            for other in parents[1:]:
                truth = _own_line(git, other, parents[0])
                assert lines.branch_line(other, parents[0]) == truth
                assert branch_line_of(git, other, parents[0]) == truth
