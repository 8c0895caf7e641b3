"""Commit graphs of any shape for tests of git's walks: a hypothesis strategy and a
builder of real repositories (`git commit-tree`, dates chosen, some behind)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from hypothesis import strategies as st

Shape = list[tuple[int, int | None]]
"""Commit i's first parent (an earlier commit; -1: none, a root) and its second (None:
not a merge)."""


@st.composite
def shapes(draw: st.DrawFn) -> Shape:
    count = draw(st.integers(2, 14))
    shape: Shape = [(-1, None)]
    for commit in range(1, count):
        first = draw(st.integers(-1, commit - 1))
        second = draw(st.one_of(st.none(), st.integers(0, commit - 1)))
        shape.append((first, None if second == first or first < 0 else second))
    return shape


def built(root: Path, shape: Shape, behind: frozenset[int] = frozenset(),
          files: dict[int, str] | None = None) -> list[str]:
    """The commits of `shape` in a new repository at `root`, one day apart in order but
    for those of `behind` (dated in 1970); commit i writes `files[i]` to `notes.txt` (else
    the tree of its first parent). Their ids, in order."""
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    made: list[str] = []
    trees: list[str] = []
    for number, (first, second) in enumerate(shape):
        parents = [made[at] for at in (first, second) if at is not None and at >= 0]
        text = (files or {}).get(number)
        if text is None:
            tree = trees[first] if first >= 0 else _tree(root, b"")
        else:
            blob = _git(root, ["hash-object", "-w", "--stdin"], text.encode())
            tree = _tree(root, f"100644 blob {blob}\tnotes.txt\n".encode())
        stamp = f"@{(100_000 if number in behind else 1_600_000_000) + 86_400 * number} +0000"
        made.append(_git(root, ["commit-tree", tree, "-m", f"c{number}",
                                *(item for parent in parents for item in ("-p", parent))],
                         env={"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}))
        trees.append(tree)
    return made


def _tree(root: Path, listing: bytes) -> str:
    return _git(root, ["mktree"], listing)


def _git(root: Path, arguments: list[str], stdin: bytes = b"",
         env: dict[str, str] | None = None) -> str:
    return subprocess.run(["git", *arguments], cwd=root, input=stdin, capture_output=True,
                          check=True, env={
                              **os.environ, "GIT_AUTHOR_NAME": "A",
                              "GIT_AUTHOR_EMAIL": "a@example.com", "GIT_COMMITTER_NAME": "A",
                              "GIT_COMMITTER_EMAIL": "a@example.com", **(env or {})}
                          ).stdout.decode().strip()
