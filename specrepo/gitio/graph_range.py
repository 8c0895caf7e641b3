"""The commits of a range (`git rev-list A ^B`, `B..A`) as the graph has them, not as git's
walk by dates lists them.

git walks a range newest committer date first and stops once every commit it has queued
is one a negative (`^B`) reaches, five commits of slack aside. Where the negatives' side
holds six or more commits dated behind those after them (a bot's clock, a rebase that
kept its old dates), git stops before the mark of B's ancestry has reached commits it
took as A's alone, and lists commits B reaches too: at worst A's whole history (lines42
found it on a branch's line; lines43: every range). It never lists too few, and the
commits it lists that B reaches hold every parent of theirs it lists (B reaches those
too): so some commit at the range's bottom (none of whose parents the range lists) is
one of them whenever any is. The rule, for every caller: the bottom is asked of git once
(`git merge-base --independent`, which follows the graph whatever the dates); only where
B reaches some of it is B's whole ancestry listed (a walk without negatives never stops
early) and taken out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from specrepo.gitio.git_command import Git


def overrun(git: Git, listed: Mapping[str, Sequence[str]], negatives: Sequence[str], *,
            first_parent: bool = False) -> frozenset[str]:
    """The commits of `listed` (a range git listed, each commit with its parents, full
    ids) that a commit of `negatives` (the range's `^` revisions) reaches: none, unless
    git's walk stopped late. `first_parent`: a walk along first parents (a listed
    commit's other parents are none of the range's). Raises `HistoryError` when git
    fails."""
    if not negatives or not listed:
        return frozenset()
    bottom = [commit for commit, parents in listed.items()
              if not any(parent in listed for parent in parents[:1 if first_parent else None])]
    independent = set(git.text("merge-base", "--independent", *bottom, *negatives).split())
    if all(commit in independent for commit in bottom):
        return frozenset()
    return frozenset(listed.keys() & set(git.text("rev-list", *negatives).split()))


def range_parents(git: Git, positives: Sequence[str], negatives: Sequence[str], *,
                  first_parent: bool = False) -> dict[str, tuple[str, ...]]:
    """The commits `positives` reach and `negatives` do not (along first parents, with
    `first_parent`), each with its parents, in `git rev-list`'s order, as the graph has
    them (`overrun`). Raises `HistoryError` when git fails."""
    asked = "".join(f"{name}\n" for name in [*positives, *(f"^{one}" for one in negatives)])
    lines = git.run("rev-list", "--parents", *(("--first-parent",) if first_parent else ()),
                    "--stdin", stdin=asked.encode()).decode().split("\n")
    listed = {names[0]: tuple(names[1:]) for line in lines if (names := line.split())}
    outside = overrun(git, listed, negatives, first_parent=first_parent)
    return {commit: parents for commit, parents in listed.items() if commit not in outside}
