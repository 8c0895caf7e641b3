"""RE2 (linear time) and regress (ECMA-262, backtracking) agree on whether a pattern matches
somewhere in a text, for every pattern `re2_syntax` spells (check57 P1: `^([a-z0-9]+-?)+$`
against a 40-character slug held validate for hours)."""

from __future__ import annotations

from pathlib import Path

import pytest
import re2
import regress
from hypothesis import assume, given
from hypothesis import strategies as st

from specrepo.load.ecma_regex import ecma_regex
from specrepo.load.ecma_to_re2 import re2_superset, re2_syntax
from tests.support import fuzz, regress_aborts_on, run_cli

ALPHABET = "ab-_ 0\n\r\t\u00a0\u2028\ufeffé😀"
LITERAL = st.sampled_from(["a", "b", "-", "_", " ", "0", "é", "😀", "\\.", "\\/", "\\$"])
ESCAPE = st.sampled_from([
    ".", "\\d", "\\D", "\\s", "\\S", "\\w", "\\W", "\\n", "\\r", "\\t", "\\v", "\\f", "\\0",
    "\\x61", "\\u0062", "\\u{1F600}", "\\uD83D\\uDE00", "\\cJ", "\\u00a0", "\\u2028", "\\p{L}",
    "\\P{Lu}", "\\p{Script=Latin}", "\\p{sc=Grek}", "\\p{Nd}", "\\p{White_Space}"])
CLASS_ATOM = st.sampled_from([
    "a", "b", "-", "0", "é", "😀", " ", "\\d", "\\D", "\\s", "\\S", "\\w", "\\W", "\\b",
    "\\-", "\\]", "\\n", "\\u{1F600}", "\\p{Ll}", "\\P{L}", "a-b", "0-9", "\\x00-\\x2f",
    "\\u00a0-\\uffff"])
QUANTIFIER = st.sampled_from(["", "", "*", "+", "?", "{2}", "{1,}", "{0,2}", "*?", "+?", "{1,3}?"])


def _class(atoms: list[str], negated: bool) -> str:
    return "[" + "^" * negated + "".join(atoms) + "]"


ATOM = st.one_of(LITERAL, ESCAPE, st.builds(_class, st.lists(CLASS_ATOM, max_size=3),
                                            st.booleans()))


def _patterns(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    group = st.builds(lambda opening, body: f"{opening}{body})",
                      st.sampled_from(["(", "(?:", "(?<name>"]), inner)
    term = st.one_of(st.builds(str.__add__, st.one_of(ATOM, group), QUANTIFIER),
                     st.sampled_from(["^", "$", "\\b"]))
    alternative = st.lists(term, max_size=4).map("".join)
    return st.lists(alternative, min_size=1, max_size=3).map("|".join)


PATTERN = st.recursive(st.lists(ATOM, max_size=3).map("".join), _patterns, max_leaves=8)


@fuzz(300)
@given(pattern=PATTERN, texts=st.lists(st.text(ALPHABET, max_size=8), min_size=1, max_size=6))
def test_re2_agrees_with_regress(pattern: str, texts: list[str]) -> None:
    try:
        backtracking = regress.Regex(pattern, "u")
    except regress.RegressError:  # a name twice: no pattern
        assume(False)
    syntax = re2_syntax(pattern)
    assert syntax is not None, pattern  # nothing generated needs lookaround or references
    linear = re2.compile(syntax)
    for text in texts:
        assert (linear.search(text) is not None) == (
            backtracking.find(text) is not None), (
            pattern, syntax, text)


LOOKAROUND = st.builds(lambda kind, body: f"({kind}{body})", st.sampled_from(["?=", "?!"]),
                      PATTERN)
LOOKBEHIND = st.builds(lambda kind, body: f"({kind}{body})", st.sampled_from(["?<=", "?<!"]),
                       PATTERN)


@fuzz(200)
@given(ahead=st.lists(LOOKAROUND, max_size=2), body=PATTERN, ends=st.booleans(),
       behind=st.lists(LOOKBEHIND, max_size=2),
       texts=st.lists(st.text(ALPHABET, max_size=8), min_size=1, max_size=6))
def test_lookarounds_at_the_ends_agree_with_regress(ahead: list[str], body: str, ends: bool,
                                                    behind: list[str], texts: list[str]) -> None:
    """`^(?=…)(?!…)BODY$(?<=…)(?<!…)` is RE2's BODY and one condition a lookaround
    (newuser58: `^(?=[a-z])([a-z0-9]+-?)+$` held validate a minute on 41 characters)."""
    pattern = "^" + "".join(ahead) + f"(?:{body})" + ("$" if ends else "") + (
        "".join(behind) if ends else "")
    try:
        backtracking = regress.Regex(pattern, "u")
    except regress.RegressError:
        assume(False)
    compiled = ecma_regex(pattern)
    assert compiled.linear, pattern
    for text in texts:
        assert (compiled.find(text) is None) == (backtracking.find(text) is None), (
            pattern, text)


LOOSE_TERM = st.one_of(LOOKAROUND, LOOKBEHIND, st.sampled_from(["\\B", "\\1", "\\k<g>"]),
                      PATTERN.map(lambda body: f"(?:{body})"))


@fuzz(200)
@given(group=PATTERN, terms=st.lists(LOOSE_TERM, min_size=1, max_size=4),
       texts=st.lists(st.text(ALPHABET, max_size=8), min_size=1, max_size=6))
def test_a_loosened_pattern_matches_every_text_the_pattern_does(
        group: str, terms: list[str], texts: list[str]) -> None:
    """A pattern with lookaround, back references or `\\B` anywhere: RE2's loosened form
    (`re2_superset`) matches in every text regress matches in, and `ecma_regex` agrees with
    regress (it asks regress only where the loosened form matches)."""
    pattern = f"(?<g>{group})" + "".join(terms)
    assume(not regress_aborts_on(pattern))  # regress aborts the process on it
    try:
        backtracking = regress.Regex(pattern, "u")
    except regress.RegressError:
        assume(False)
    superset = re2_superset(pattern)
    assert superset is not None, pattern
    wider = re2.compile(superset)
    for text in texts:
        found = backtracking.find(text) is not None
        assert wider.search(text) is not None or not found, (pattern, superset, text)
        assert (ecma_regex(pattern).find(text) is not None) == found, (pattern, text)


def test_a_value_the_loosened_pattern_refuses_is_refused_at_once() -> None:
    """A lookaround inside nested quantifiers: regress alone would take hours on a slug
    ending in `!`; RE2 refuses it first, in linear time."""
    for pattern in ("^((?!--)[a-z0-9-]+)+$", "^([a-z0-9]+(?<=[a-z])-?)+$", "^(a)\\1((a)+)+$"):
        compiled = ecma_regex(pattern)
        assert not compiled.linear and re2_superset(pattern) is not None  # else: hours
        assert compiled.find("a" * 5000 + "!") is None, pattern
        assert compiled.find("a" * 41) is not None, pattern


def test_classes_agree_on_every_code_point() -> None:
    """`.`, `\\s`, `\\w`, `\\d`, their complements, property escapes (RE2's own tables are
    of an older Unicode) and `\\b` are ECMA-262's, code point by code point (the whole Basic
    Multilingual Plane and a sample of the others)."""
    points = [*range(0xD800), *range(0xE000, 0x10000), *range(0x10000, 0x110000, 251)]
    cases = [(f"^{one}$", chr) for one in (".", "\\s", "\\S", "\\w", "\\W", "\\d", "\\D",
                                          "[^\\s\\d]", "\\p{L}", "\\P{Lu}", "\\p{C}",
                                          "\\p{Script=Han}", "[\\p{Nd}\\p{Pd}]")]
    cases.append(("x\\b", lambda point: f"x{chr(point)}"))
    for pattern, text in cases:
        linear, backtracking = re2.compile(re2_syntax(pattern)), regress.Regex(pattern, "u")
        differ = [hex(point) for point in points if (linear.search(text(point)) is None)
                  != (backtracking.find(text(point)) is None)]
        assert not differ, (pattern, differ[:10])


def test_what_re2_cannot_spell_stays_with_regress() -> None:
    for pattern in ("(?=a)b", "(?!a)", "(?<=a)b", "(?<!a)b", "^a(?=b)", "^(?=a)b|c",
                    "a(?<!b)c$", "^(?<=a)b$x", "(a)\\1", "(?<n>a)\\k<n>",
                    "a\\B", "\\uD800", "[\\uD800-\\uDBFF]"):
        compiled = ecma_regex(pattern)
        assert not compiled.linear, pattern
    assert ecma_regex("a(?=b)").find("ab") is not None


def test_nested_quantifiers_match_in_linear_time() -> None:
    """The patterns of check57 P1 against texts a backtracking engine would take hours (or
    years) for; RE2 answers at once."""
    slug, nested, trailing = (ecma_regex(pattern) for pattern in (
        "^([a-z0-9]+-?)+$", "^(a+)+$", "\\s+$"))
    assert slug.linear and nested.linear and trailing.linear  # else the calls below hang
    assert slug.find("my-long-feature-name-for-something-great") is not None
    assert slug.find("my-long-feature-name-for-something-great-and-more-than-that!") is None
    assert nested.find("a" * 5000 + "!") is None
    assert trailing.find(" " * 200_000 + "x") is None
    for pattern in ("^(?=[a-z])([a-z0-9]+-?)+$", "^([a-z0-9]+-?)+$(?<!-)", "^(a|a)+$(?<!-)"):
        compiled = ecma_regex(pattern)  # newuser58: a minute on 41 characters
        assert compiled.linear, pattern
        assert compiled.find("a" * 40 + "!") is None
        assert compiled.find("a" * 40) is not None


def test_validate_reports_a_slug_that_fails_a_nested_pattern(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The finding at its line and column, as for any pattern, not a gate held for hours."""
    pattern = "^([a-z0-9]+-?)+$"
    assert ecma_regex(pattern).linear
    (tmp_path / "specrepo.yaml").write_text("specs: specs\nschema: s.json\n", encoding="utf-8")
    (tmp_path / "s.json").write_text(
        '{"$schema": "https://json-schema.org/draft/2020-12/schema", "properties": '
        f'{{"slug": {{"type": "string", "pattern": "{pattern}"}}}}}}', encoding="utf-8")
    (tmp_path / "specs").mkdir()
    slug = "my-long-feature-name-for-something-great-and-more-than-that!"
    (tmp_path / "specs" / "SPEC-0001.yaml").write_text(f"slug: {slug}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 1
    assert "specs/SPEC-0001.yaml:1:7: error" in result.output
    assert pattern in result.output


@pytest.mark.parametrize("pattern", ["^a{1001,1003}$", "^a{2500}$", "^a{0,2500}$", "^a{1001,}$",
                                     "^a{999,1001}$", "^a{1000,2000}?$", "^(?:ab){1000}$"])
def test_counts_over_a_thousand_are_spelt_in_pieces(pattern: str) -> None:
    """RE2 takes counts up to 1,000 (check58: from ten digits on it read `{1,1000000000}`
    as literal text, so `^[0-9]{1,1000000000}$` refused "123")."""
    compiled = ecma_regex(pattern)
    assert compiled.linear
    backtracking = regress.Regex(pattern, "u")
    for count in (0, 1, 999, 1000, 1001, 1002, 1003, 1004, 1999, 2000, 2001, 2499, 2500, 2501):
        for text in ("a" * count, "ab" * count):
            assert (compiled.find(text) is None) == (backtracking.find(text) is None), (
                pattern, len(text))


@pytest.mark.parametrize("pattern", ["^a{1,1000000000}$", "^a{9000}$", "^a{99999999999}$"])
def test_counts_too_large_to_spell_stay_with_regress(pattern: str) -> None:
    compiled, backtracking = ecma_regex(pattern), regress.Regex(pattern, "u")
    assert not compiled.linear
    for text in ("aaa", pattern[1:-1]):
        assert (compiled.find(text) is None) == (backtracking.find(text) is None)
