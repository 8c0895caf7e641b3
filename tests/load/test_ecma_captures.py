"""A back reference to a name two groups have (ECMAScript 2025) is refused: regress, the
only engine that takes it, matches it as nothing where the group of that name that took
part captured text (check61: `^(?:(?<q>')|(?<q>"))[a-z]+\\k<q>$` took `'abc`)."""

from __future__ import annotations

import pytest

from specrepo.load.ecma_regex import UnsafePattern, ecma_regex
from specrepo.load.ecma_translation import read_through


@pytest.mark.parametrize(("pattern", "name"), [
    ("^(?:(?<q>')|(?<q>\"))[a-z]+\\k<q>$", "q"),
    ("^(?:(?<a>x)|(?<a>y))+\\k<a>$", "a"),
    ("\\k<b>(?:(?<a>x)|(?<b>y)|(?<b>z))", "b"),  # a reference before its groups
    ("^(?:(?<a>x)|(?<b>y))\\k<a>$", None),  # names of their own
    ("^(?:(?<a>x)|(?<a>y))$", None),  # duplicates no reference reads
    ("[(?<a>](?<a>x)\\k<a>", None),  # a class is no group
    ("\\(?<a>x\\)(?<a>y)\\k<a>", None),  # nor an escaped parenthesis
    ("(?i:(?<a>x))|(?<a>y)\\k<a>", "a"),  # one inside a modifier group
    ("(?<b>x)|(?<b>y)(?<=\\k<b>)", "b"),  # one read inside a lookbehind
])
def test_a_reference_to_a_shared_name_is_found(pattern: str, name: str | None) -> None:
    reading = read_through(pattern)
    assert reading is not None
    assert reading.captures.shared_name_referred() == name


def test_such_a_pattern_is_refused_with_what_to_write() -> None:
    with pytest.raises(UnsafePattern, match=r"give each group a name of its own and refer "
                                            r"to both in a row \(`\\k<q1>\\k<q2>`"):
        ecma_regex("^(?:(?<q>')|(?<q>\"))[a-z]+\\k<q>$")
    rewritten = ecma_regex("^(?:(?<q1>')|(?<q2>\"))[a-z]+\\k<q1>\\k<q2>$")
    assert rewritten.find("'abc'") is not None and rewritten.find("\"abc\"") is not None
    assert rewritten.find("'abc") is None and rewritten.find("'abc\"") is None
