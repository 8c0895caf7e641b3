"""ECMAScript 2025's modifier groups (`(?i:abc)`, `(?-i:...)`, `(?s:.)`) are matched by RE2
where RE2 spells them with ECMA-262's meaning (the `u` flag folds case by simple case
folding, as RE2's `(?i)` does), not sent to regress, which took a linear pattern to the
10 s budget per value (pattern63, newuser62)."""

from __future__ import annotations

import itertools

import pytest
import re2
import regress
from hypothesis import assume, given
from hypothesis import strategies as st

from specrepo.load import ecma_regex as ecma_regex_module
from specrepo.load.ecma_classes import FOLDED_APART_IN_RE2
from specrepo.load.ecma_regex import ecma_regex
from specrepo.load.ecma_to_re2 import re2_conditions, re2_syntax
from specrepo.load.ecma_translation import read_through
from tests.load.test_ecma_to_re2 import ALPHABET, PATTERN
from tests.support import fuzz, regress_aborts_on

FOLDING = ALPHABET + "ABSskKK\u017f\u212a\u0130\u0131iI\u03a3\u03c3\u03c2É"
"""Letters whose case ECMA-262 folds (U+017F, the long s, folds to s, U+212A KELVIN SIGN to
k; U+0130 and U+0131, dotted and dotless i, to nothing else), and the generated patterns'."""
MODIFIERS = st.sampled_from(["i", "-i", "s", "-s", "m", "i-s", "s-i", "ims", "-ims"])


def test_a_modifier_group_needs_no_regress_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """`^(?i:abc)$` against 11,000 values (every one of 3 and 4 of ten letters, the 8 that
    match among them): RE2's verdicts, regress's, and no worker."""
    asked: list[str] = []
    monkeypatch.setattr(ecma_regex_module, "bounded_regress",
                        lambda pattern, *_: asked.append(pattern))
    ecma_regex.cache_clear()
    compiled, backtracking = ecma_regex("^(?i:abc)$"), regress.Regex("^(?i:abc)$", "u")
    assert compiled.linear
    values = ["".join(letters) for size in (3, 4)
              for letters in itertools.product("aAbBcCdK\u212a\u017f", repeat=size)]
    verdicts = [compiled.find(value) is not None for value in values]
    assert verdicts == [backtracking.find(value) is not None for value in values]
    assert sum(verdicts) == 8
    assert compiled.find("AbC") is not None and compiled.find("ABCD") is None
    assert not asked
    ecma_regex.cache_clear()


@pytest.mark.parametrize(("pattern", "matched", "refused"), [
    ("^(?i:abc)$", ["ABC", "aBc"], ["ABD", "ABC\n"]),
    ("^(?i:x)y$", ["Xy", "xy"], ["XY"]),
    ("^(?i:a(?-i:b)c)$", ["AbC"], ["ABC"]),
    ("^(?i:[a-z]+)$", ["K\u212a\u017f", "Abc"], ["a1"]),
    ("^(?s:.)(?-s:.)?$", ["\n", "\na"], ["\n\n"]),
    ("^(?i:\\w)$", ["\u017f", "\u212a"], ["-"])])
def test_modifier_groups_are_spelt_for_re2(pattern: str, matched: list[str],
                                           refused: list[str]) -> None:
    assert re2_syntax(pattern) is not None
    compiled = ecma_regex(pattern)
    assert compiled.linear
    assert all(compiled.find(text) is not None for text in matched)
    assert all(compiled.find(text) is None for text in refused)


@pytest.mark.parametrize("pattern", ["(?i:a\\b)", "(?m:^a)", "(?m:a$)", "(?i:(?m:$))"])
def test_what_re2_would_read_otherwise_is_not_spelt(pattern: str) -> None:
    """ECMA-262's `\\w` inside an `i` group holds U+017F and U+212A (so its `\\b` differs
    from RE2's ASCII one); `m`'s `^` and `$` stand at any line terminator, RE2's at `\\n`
    alone."""
    assert re2_syntax(pattern) is None
    assert re2_conditions(pattern) is None
    assert not ecma_regex(pattern).linear


def test_re2_folds_as_regress_folds_but_the_pairs_named() -> None:
    """Each code point regress finds cased (or changed by case mapping or folding), and
    what `(?i:it)` matches among them in each engine: they differ on `FOLDED_APART_IN_RE2`'s
    pairs alone (a newer regress or RE2 changes them: this names the new pairs)."""
    cased = regress.Regex("^[\\p{Cased}\\p{CWCM}\\p{CWCF}]$", "u")
    points = [point for point in range(0x110000) if not 0xD800 <= point <= 0xDFFF
              and cased.find(chr(point)) is not None]
    text = "\n".join(map(chr, points))
    encoded = text.encode()
    apart = set()
    for point in points:
        pattern = f"(?i:\\u{{{point:x}}})"
        ecma = {encoded[found.range()].decode()
                for found in regress.Regex(pattern, "u").find_iter(text) or ()}
        if ecma != set(re2.findall(re2_syntax(pattern) or pattern.replace("\\u{", "\\x{"),
                                   text)):
            apart.add(tuple(sorted(map(ord, ecma))))
    assert len(points) > 4000
    assert apart == {(point, point + offset) if offset > 0 else (point + offset, point)
                     for first, last, offset in FOLDED_APART_IN_RE2
                     for point in range(first, last + 1)}


@pytest.mark.parametrize("pattern", ["^(?i:\\u{a7cb})$", "^(?i:\\u0264)$", "^(?i:\\p{Lu})$",
                                     "^(?i:[\\u{10d50}-\\u{10d52}])$"])
def test_a_class_re2_folds_apart_is_not_spelt(pattern: str) -> None:
    assert re2_syntax(pattern) is None
    compiled = ecma_regex(pattern)
    assert not compiled.linear
    assert (compiled.find("\u0264") is not None) == (
        regress.Regex(pattern, "u").find("\u0264") is not None)


@fuzz(300)
@given(body=PATTERN, modifiers=MODIFIERS, tail=PATTERN,
       texts=st.lists(st.text(FOLDING, max_size=8), min_size=1, max_size=6))
def test_re2_agrees_with_regress_on_modifier_groups(body: str, modifiers: str, tail: str,
                                                    texts: list[str]) -> None:
    pattern = f"(?{modifiers}:{body}){tail}"
    assume(not regress_aborts_on(pattern))
    try:
        backtracking = regress.Regex(pattern, "u")
    except regress.RegressError:  # a name twice, `(?-:`: no pattern
        assume(False)
    syntax = re2_syntax(pattern)
    assume(syntax is not None)
    reading = read_through(pattern)
    assume(reading is not None and not reading.misread_by_regress)  # test_ecma_fold_classes
    assert syntax is not None
    linear = re2.compile(syntax)
    for text in texts:
        assert (linear.search(text) is not None) == (backtracking.find(text) is not None), (
            pattern, syntax, text)
