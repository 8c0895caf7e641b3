"""How `specrepo diff` reads a revision expression, as `git diff` does."""

from __future__ import annotations

import pytest

from specrepo.base.errors import UsageError
from specrepo.gitio.diff_sides import revision_range


@pytest.mark.parametrize(("expression", "sides"), [
    (None, ("HEAD", None, False)),
    ("main", ("main", None, False)),
    ("main..topic", ("main", "topic", False)),
    ("main...topic", ("main", "topic", True)),
    ("..topic", ("HEAD", "topic", False)),
    ("main...", ("main", "HEAD", True)),
])
def test_sides_of_an_expression(expression: str | None,
                                sides: tuple[str, str | None, bool]) -> None:
    assert revision_range(expression) == sides


@pytest.mark.parametrize("expression", ["-x..HEAD", "HEAD..--output=x", "-p", " ..HEAD"])
def test_a_side_that_would_read_as_an_option_is_refused(expression: str) -> None:
    with pytest.raises(UsageError, match="is not a revision or a range of revisions"):
        revision_range(expression)
