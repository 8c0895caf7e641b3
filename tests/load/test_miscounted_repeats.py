"""A pattern only regress can match that counts a part holding a choice inside a repetition
(`((?:[ab]{1,2})?){0,2}`) is refused at its schema line (exit 2): regress 2026.9.1 loses the
inner count or the captures made in it there (`empty_repeats`' third shape; patfix64, V8
in node 20 the oracle: tests/load/test_regress_differential.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import regress

from specrepo.load.ecma_regex import UnsafePattern, ecma_regex
from specrepo.load.ecma_translation import read_through
from tests.load.test_empty_repeats import refused_at_its_line

MISREAD = [("^((?:[ab]{1,2})?){0,2}\\1$", "aabaab", False),
           ("^((?:aa?|b){2}){2}\\1$", "aaaaaa", True),
           ("^(?:([ab]|a){2}){0,2}\\1$", "aaaaaaa", False),
           ("^(?:([ab]+)?b)+\\1$", "aaba", False)]
"""Patterns only regress can match, a text, and V8's verdict on it (node 20.20), which
regress's is not."""
TAKEN = ["^(?:(a|b)\\1+)+$", "^(?:((?:a|aa){2})b)+\\1$", "^(?:(?:a{1,2}|b)(a))+\\1$",
         "^(?:(a+)b?)+\\1$"]
"""Near them, but no choice counted inside the repetition (a fixed count over alternatives
that capture nothing, a count over a part without a choice): regress agrees with V8."""


@pytest.mark.parametrize(("pattern", "text", "v8"), MISREAD)
def test_regress_misreads_a_counted_choice_inside_a_repetition(
        pattern: str, text: str, v8: bool) -> None:
    assert (regress.Regex(pattern, "u").find(text) is not None) is not v8
    with pytest.raises(UnsafePattern, match="a part holding a choice"):
        ecma_regex(pattern)


@pytest.mark.parametrize("pattern", TAKEN)
def test_a_repetition_without_a_counted_choice_is_taken(pattern: str) -> None:
    assert (reading := read_through(pattern)) is not None
    assert not reading.repeats.parts["miscounted"]
    ecma_regex(pattern)


def test_re2_and_the_regex_package_match_the_shape_rightly() -> None:
    """Without a back reference RE2 takes the shape, which regress would take any number of
    `a`s on; with a lookahead that captures, the `regex` package: neither is refused."""
    linear = ecma_regex("^(?:(?:a|aa)?){2}$")
    assert linear.linear
    assert [size for size in range(8) if linear.find("a" * size)] == [0, 1, 2, 3, 4]
    assert regress.Regex("^(?:(?:a|aa)?){2}$", "u").find("a" * 7) is not None
    budgeted = ecma_regex("^(?:(?:a|aa)?){2}(?=(a))\\1$")
    assert not budgeted.linear
    assert budgeted.find("aaaaa") is not None and budgeted.find("aaaaaa") is None


@pytest.mark.parametrize(("pattern", "inner", "outer"), [
    ("^((?:[ab]{1,2})?){0,2}\\1$", "(?:[ab]{1,2})?", "((?:[ab]{1,2})?){0,2}"),
    ("^x(?:y|((?:a|aa)??z)+)*\\1$", "(?:a|aa)??", "((?:a|aa)??z)+"),
    ("^(?:(?:aa?|b){2}(a)){2}\\1$", "(?:aa?|b){2}", "(?:(?:aa?|b){2}(a)){2}")])
def test_the_reading_finds_the_counted_choice_and_its_repetition(
        pattern: str, inner: str, outer: str) -> None:
    assert (reading := read_through(pattern)) is not None
    assert reading.repeats.parts["inner"] == inner
    assert reading.repeats.parts["miscounted"] == outer


def test_validate_refuses_the_pattern_at_its_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The refusal says why only regress can match it, and quotes the counted part and the
    repetition around it as the user wrote them."""
    output = refused_at_its_line(tmp_path, monkeypatch, "^((?:[ab]{1,2})?){0,2}\\1$", "aabaab")
    for said in ("(it has a back reference to a group inside a repetition), and it counts "
                 "`(?:[ab]{1,2})?`, a part holding a choice",
                 "inside a repetition (`((?:[ab]{1,2})?){0,2}`)",
                 "write the counted part without a choice"):
        assert said in output
