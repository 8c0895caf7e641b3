"""A pattern only regress can match that nests a repetition inside two others
(`(?:(?:a+)+)+`) is refused at its schema line (exit 2): regress 2026.9.1 misses matches
there that ECMA-262 (V8, node 20) finds, `^(?:(a+)+)+\\1$` against `aa` (`empty_repeats`)."""

from __future__ import annotations

from pathlib import Path

import pytest
import regress

from specrepo.load.ecma_regex import UnsafePattern, ecma_regex
from specrepo.load.ecma_translation import read_through
from tests.load.test_empty_repeats import refused_at_its_line

MISSED = [("^(?:(a+)+)+\\1$", "aa"), ("^(?:(a+){2})+\\1$", "aaa"), ("^(?:(a+)+){2}\\1$", "aaa"),
          ("^(?:a(?:a+)+)+aa(?<=(a))\\1?$", "aaaa")]
"""Patterns only regress can match and a text V8 (node 20.20) finds a match in and regress
does not."""
TAKEN = [("^((?:(?:a+)+)+)\\1$", "aa"), ("^(?:(?:a+)+)+(a)\\1$", "aaa"),
         ("^(?:(?:a{1,2}){1,2}){2}(a)\\1", "aaaa")]
"""As `MISSED`, but the `regex` package can match them (no repetition passes the group by)."""


@pytest.mark.parametrize(("pattern", "text"), TAKEN)
def test_the_regex_package_finds_what_regress_misses(pattern: str, text: str) -> None:
    assert regress.Regex(pattern, "u").find(text) is None
    assert ecma_regex(pattern).find(text) is not None


@pytest.mark.parametrize(("pattern", "text"), MISSED)
def test_regress_misses_matches_three_deep(pattern: str, text: str) -> None:
    assert regress.Regex(pattern, "u").find(text) is None
    assert (reading := read_through(pattern)) is not None and reading.repeats.nested == 3
    with pytest.raises(UnsafePattern, match="nests a repetition inside two others"):
        ecma_regex(pattern)


@pytest.mark.parametrize(("pattern", "nested"), [
    ("a", 0), ("a?", 0), ("a{1}", 0), ("a+", 1), ("a{2}", 1), ("(?:a+)+", 2), ("(?:(a+)?)+", 2),
    ("(?:a+b)+c+", 2), ("(?:(?:a+)+)+", 3), ("(?:b(?:a+)+)*", 3), ("(?=(?:(?:a+)+)+)", 3),
    ("(?:(?:(?:a)+)+)+", 3), ("(?:(?i:(?:a+)+))+", 3), ("(?:(?:(?:a+)+)+)+", 4)])
def test_the_reading_counts_how_deep_repetitions_nest(pattern: str, nested: int) -> None:
    assert (reading := read_through(pattern)) is not None
    assert reading.repeats.nested == nested


def test_only_a_pattern_left_to_regress_is_refused() -> None:
    """Two deep, regress finds what V8 finds; three deep, RE2 (no back reference) and the
    `regex` package (a lookahead) match it as ECMA-262 does."""
    for pattern, text in (("^(?:(a)+)+\\1$", "aa"), ("^(a+)+\\1$", "aa"),
                          ("^(?:(a+)b?)+\\1$", "aa")):
        assert ecma_regex(pattern).find(text) is not None
    assert ecma_regex("^(?:(?:a+)+)+a$").linear
    assert ecma_regex("^(?:(?:a+)+)+a$").find("aa") is not None
    assert ecma_regex("^(?:(?:a+)+)+(?=a$)").find("aa") is not None


def test_validate_refuses_the_pattern_at_its_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = refused_at_its_line(tmp_path, monkeypatch, "^(?:(a+)+)+\\1$", "aa")
    assert ("(it has a back reference to a group inside a repetition), and it nests "
            "a repetition inside two others") in output
    assert "nest repetitions at most two deep" in output


def test_the_refusal_quotes_the_patterns_own_repetition() -> None:
    """The repetition three deep as the user wrote it, not a fixed example (patfix63)."""
    with pytest.raises(UnsafePattern) as refused:
        ecma_regex("^(?:(a)(?:b+)+)+\\1$")
    assert "inside two others (`(?:(a)(?:b+)+)+`)" in str(refused.value)
    assert "(it has a back reference to a group inside a repetition)" in str(refused.value)
