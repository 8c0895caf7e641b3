"""`GraphAncestry` answers as git's lists of ancestors do, on any commit graph, whole or
cut below a commit (then the listed commits' parents include some the graph lacks: the
edges are built one commit at a time, else all at once, report67), its questions asked
in any order (either walk kept)."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from specrepo.gitio.ancestry import GraphAncestry
from specrepo.gitio.git_command import Git
from tests.graph_shapes import Shape, built, shapes


@settings(max_examples=25, deadline=None)
@given(shapes(), st.integers(0, 13), st.integers(0, 1000))
def test_the_graph_answers_as_git_does(shape: Shape, cut: int, seed: int) -> None:
    with tempfile.TemporaryDirectory(prefix="report67-ancestry-") as folder:
        root = Path(folder)
        head = built(root, shape)[-1]
        git = Git(root)
        since = git.text("rev-list", head).split()[cut:cut + 1] if cut else []
        listed = [names.split() for names in git.text(
            "rev-list", "--parents", head, *(f"^{commit}" for commit in since)).splitlines()]
        parents = {names[0]: tuple(names[1:]) for names in listed}
        ancestors = {commit: set(git.text("rev-list", commit).split()) for commit in parents}
        ancestry = GraphAncestry(git, head, parents)
        pairs = [(older, newer) for older in parents for newer in parents]
        random.Random(seed).shuffle(pairs)
        for older, newer in pairs:
            assert ancestry.is_ancestor(older, newer) is (older in ancestors[newer])
        for commit, above in parents.items():
            assert ancestry.first_parent(commit) == (above[0] if above else None)
