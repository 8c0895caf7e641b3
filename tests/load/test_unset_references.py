"""A back reference that cannot have been set, inside the group it names or before it
(ECMA-262 §22.2.2.7.2: it refers to an undefined capture and matches nothing, always), is
matched as nothing: regress 2026.9.1 is handed `(?:)` in its place, the `regex` package
spells it so (patfix64b, V8 in node 20 the oracle: tests/load/test_regress_differential.py)."""

from __future__ import annotations

import pytest
import regress

from specrepo.load.ecma_regex import ecma_regex
from specrepo.load.ecma_to_regex import regex_syntax
from specrepo.load.ecma_translation import read_through

MISREAD = [("^(a|\\1){2}\\1$", "aa"), ("^(?<n>a|\\k<n>){2}\\k<n>$", "aa")]
"""Patterns only regress can match, with a reference inside its own group, and a text V8
(node 20.20) takes and regress refuses."""
UNSET = [("^(a|\\1){2}\\1$", ["\\1"]), ("^\\2(a)(b)\\2$", ["\\2"]),
         ("^\\k<n>(?<n>a\\k<n>)\\k<n>$", ["\\k<n>", "\\k<n>"]),
         ("^(a)(?<=\\1b)b$", []), ("^(?<=\\1(a))b$", [])]
"""Patterns and their references that cannot have been set, as written: a lookbehind is
read from right to left, so a reference in one before its group is no such reference."""


@pytest.mark.parametrize(("pattern", "text"), MISREAD)
def test_a_reference_inside_its_own_group_matches_nothing(pattern: str, text: str) -> None:
    assert regress.Regex(pattern, "u").find(text) is None
    assert ecma_regex(pattern).find(text) is not None


@pytest.mark.parametrize(("pattern", "unset"), UNSET)
def test_the_reading_finds_each_reference_that_cannot_have_been_set(
        pattern: str, unset: list[str]) -> None:
    assert (reading := read_through(pattern)) is not None
    assert [pattern[start:end] for start, end in reading.unset_references] == unset


def test_the_regex_package_is_given_a_forward_reference_as_nothing() -> None:
    assert regex_syntax("^(?:\\2(a)(b))+$") == "\\A(?:(?:)(a)(b))+\\z"
    assert ecma_regex("^(?:\\2(a)(b))+$").find("abab") is not None


def test_a_forward_reference_quantified_in_a_repetition_is_matched() -> None:
    """Once refused (regress would abort on `\\1+`, able to match nothing, repeated), now
    the `regex` package's: node 20 takes `a` and `aa`, refuses ``, `b` and `ab`."""
    compiled = ecma_regex("^(?:\\1+(a))+$")
    assert [compiled.find(text) is not None for text in ("a", "aa", "", "b", "ab")] == [
        True, True, False, False, False]
