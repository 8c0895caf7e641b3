"""A pattern only regress can match (neither RE2 nor the `regex` package) that quantifies
what can match nothing inside a repetition is refused at its schema line (exit 2), not
handed to regress, which asks for gigabytes and aborts the process (check58:
`^((a|)+)+$(?<!-)` against "ab", exit 134)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.load.ecma_regex import EcmaRegexError, UnsafePattern, ecma_regex
from tests.load.test_ecma_to_regex import BODY
from tests.support import fuzz, regress_aborts_on, run_cli

# Each shape found to abort regress, and shapes near them that do not (checked against
# regress in a process of bounded memory).
ABORTING = ["((a|)+)+b", "((?:a|)+)+b", "((a?)+)+b", "((a*)+)+b", "((a|)*)*b", "((a|)+)*b",
            "(?:(a|)+)+b", "((a|)+){2}b", "((a|){2,})+b", "(?:(?:a*)?)*c", "(b(a|)?)+c",
            "(?:b(?:a*){1})*c", "(?:(a{2,}(?:a*)?){2})*c", "^((a|)+)+$(?<!-)",
            # inside a lookaround (check61: 5.6 GB asked on `a1a`, 2.7-3.1 GB on the others)
            "(?=(?:(a?)?1)+$)\\1", "(?=((a|)+)+$(?<!-))\\1", "(?=(?:(a|)+)+$)(?<=\\1)",
            "(?!((a?)??\\d)+\\1)",
            # inside a modifier group (ECMAScript 2025), which only regress takes: exit 134
            # on `ab` (tidy62: read as its characters `?i:` before, so never found)
            "^((?i:a*)+)+$(?<!-)", "((?i:|a)+)+b", "(?:(?-i:a|)+)+b"]
SAFE = ["(a*)*b", "(a|)+b", "((a|b)+)+c", "(((a|)))+b", "(?:b(?:a)?)*c", "(?:b(?:a*))*c",
        "(a+)+c", "^(?=x)([a-z]+-?)+$", "(?:(?=a)|b)+", "[(a|)+]+", "\\((a|)+\\)+",
        "((?i:a)+)+b", "(?i:(a|)+)b"]
REFUSED = "(?:(x)|(a|)+)+b\\1"
"""Of the aborting shape, with a back reference to a group inside a repetition."""


@pytest.mark.parametrize("pattern", ABORTING)
def test_each_aborting_shape_is_found(pattern: str) -> None:
    assert regress_aborts_on(pattern)


@pytest.mark.parametrize("pattern", SAFE)
def test_shapes_that_do_not_abort_are_not(pattern: str) -> None:
    assert not regress_aborts_on(pattern)


def test_only_a_pattern_left_to_regress_is_refused() -> None:
    """RE2 matches the shape safely where it can spell the pattern (a lookbehind at `$`
    too: a condition of its own), the `regex` package where it has lookaround elsewhere;
    regress is left only a back reference to a group inside a repetition."""
    for linear in ("^((a|)+)+$", "^((a|)+)+$(?<!-)"):
        assert ecma_regex(linear).linear
        assert ecma_regex(linear).find("aaaa") is not None
    budgeted = ecma_regex("((a|)+)+b(?=c)")
    assert budgeted.find("aabc") is not None and budgeted.find("aab") is None
    with pytest.raises(UnsafePattern):
        ecma_regex(REFUSED)
    assert issubclass(UnsafePattern, EcmaRegexError)


def test_a_modifier_group_is_read_as_a_group() -> None:
    """A modifier group RE2 spells is matched there, the shape and all (a lookbehind at `$`
    a condition of its own); where regress alone can take it (a lookahead elsewhere too: the
    `regex` package is not given a modifier group), the shape is refused before regress is
    asked (it asked for gigabytes and, bounded, took `MATCH_SECONDS` to fail: tidy62), and
    the refusal names the modifier group, not a back reference it does not have (pattern63)."""
    assert ecma_regex("^((?i:a*)+)+$(?<!-)").linear
    assert ecma_regex("^((?i:a*)+)+$(?<!-)").find("aA") is not None
    with pytest.raises(UnsafePattern) as refused:
        ecma_regex("^((?i:a*)+)+(?=-)")
    assert ("(it has a modifier group, `(?i:…)`, not given to the `regex` package), "
            "and it quantifies what can match nothing") in str(refused.value)
    assert "back reference" not in str(refused.value)
    assert ecma_regex("^((?i:a)+)+$(?<!-)").find("aA") is not None


@pytest.mark.parametrize(("pattern", "why"), [
    ("(?:(x)|(a|)+)+b\\1", "a back reference to a group inside a repetition"),
    ("(?<=(a))(?:(a|)+)+b(?<=\\1)", "a back reference inside a lookbehind"),
    ("(?<=(x))(?:(a|)+)+b\\1", "a back reference to a group inside a lookbehind"),
    ("(?:(?<q>x)|(?<q>y))(?:(a|)+)+b(?=c)", "two of its groups share a name"),
    ("(?:\\ud800|(a|)+)+b(?=c)", "it holds a lone surrogate")])
def test_each_refusal_names_why_regress_alone_can_match_it(pattern: str, why: str) -> None:
    with pytest.raises(UnsafePattern, match="quantifies what can match nothing") as refused:
        ecma_regex(pattern)
    assert "only a backtracking engine of ECMA-262's own can match it (" in str(refused.value)
    assert why in str(refused.value)


@fuzz(200)
@given(body=BODY, modifiers=st.sampled_from(["i", "-i", "m-s", "ims"]))
def test_a_modifier_group_is_read_as_the_group_it_modifies(body: str, modifiers: str) -> None:
    """Whether a pattern has the shape does not hang on the flags a group sets."""
    for repeated in ("({0})+", "(?:a|({0})+)*", "{0}"):
        plain = repeated.format(f"(?:{body})")
        modified = repeated.format(f"(?{modifiers}:{body})")
        assert regress_aborts_on(plain) == regress_aborts_on(modified), (plain, modified)


def refused_at_its_line(folder: Path, monkeypatch: pytest.MonkeyPatch, pattern: str,
                        slug: str) -> str:
    """The output of `validate` run in `folder` on one spec whose `slug` the schema `s.json`
    matches with `pattern`, asserted to refuse the pattern at its line (exit 2)."""
    monkeypatch.chdir(folder)
    (folder / "specrepo.yaml").write_text("specs: specs\nschema: s.json\n", encoding="utf-8")
    (folder / "s.json").write_text('{"properties": {\n"slug": {"type": "string", "pattern": '
                                   + json.dumps(pattern) + "}}}", encoding="utf-8")
    (folder / "specs").mkdir()
    (folder / "specs" / "SPEC-0001.yaml").write_text(f"slug: {slug}\n", encoding="utf-8")
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 2
    assert f"s.json:2:28: the pattern '{pattern}' cannot be matched safely" in result.output
    return result.output


def test_validate_refuses_the_pattern_at_its_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = refused_at_its_line(tmp_path, monkeypatch, "(?:(x)|(a|)+)+b\\1", "ab")
    assert "write the inner part so that it cannot match nothing" in output


def test_the_refusal_quotes_the_patterns_own_repetition() -> None:
    """The repetition that holds what can match nothing, as the user wrote it (patfix63)."""
    with pytest.raises(UnsafePattern) as refused:
        ecma_regex("^(?:(x)|(?:ab?|)+)+c\\1$")
    assert "inside a repetition (`(?:(x)|(?:ab?|)+)+`)" in str(refused.value)


@pytest.mark.parametrize(("pattern", "matched", "refused"), [
    ("^(?:(a|b)\\1+)+$", ["aabbb", "aa"], ["abba", "ab"]),
    ("^(?:(?<l>[a-z])\\k<l>{1,3})+$", ["aabbbcc"], ["abc"])])
def test_a_back_reference_to_a_group_just_set_is_not_empty(
        pattern: str, matched: list[str], refused: list[str]) -> None:
    """`(a|b)` is set earlier in the same round, to one letter, so `\\1+` cannot match
    nothing: not the shape regress aborts on (node 20 agrees on each text)."""
    compiled = ecma_regex(pattern)
    assert all(compiled.find(text) is not None for text in matched)
    assert all(compiled.find(text) is None for text in refused)


@pytest.mark.parametrize("pattern", ["^(?:(a|)\\1+)+$", "^(?:(a)?\\1+)+$",
                                     "^(?:(?<=\\1+(a))b)+$"])
def test_a_back_reference_that_may_match_nothing_is_still_refused(pattern: str) -> None:
    """The group may match nothing, may be left out, or a lookbehind reads the reference
    before the group (one before its group outside a lookbehind, `^(?:\\1+(a))+$`, is
    `(?:)`, which the `regex` package matches: test_unset_references)."""
    with pytest.raises(UnsafePattern, match="quantifies what can match nothing"):
        ecma_regex(pattern)
