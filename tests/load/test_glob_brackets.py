"""Which `[` of a glob is not written to match itself, so the bracket hint applies: one
that opens a set, or that no `]` closes; never an escaped one nor the set of `[` alone."""

from __future__ import annotations

import pytest

from specrepo.load.glob_patterns import bracket_unescaped


@pytest.mark.parametrize(("glob", "unescaped"), [
    ("docs/[lang]/*.yaml", True), ("docs/[x", True), ("a/[[]x/[ab]", True),
    ("keps/\\[x", False), ("keps/[[]x", False), ("keps/[[]x]/\\[y]", False),
    ("specs/*.yaml", False)])
def test_a_bracket_is_unescaped_unless_it_matches_itself(glob: str, unescaped: bool) -> None:
    assert bracket_unescaped(glob) is unescaped
