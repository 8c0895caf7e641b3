"""A class escape inside an `i` modifier group, in a class or not, negated or not, means
what ECMA-262 with the `i` and `u` flags means by it (patfix63: `(?i:[\\W])` took `k`, `K`
and `s`, `(?i:[^\\W])` refused `k`), whichever engine matches it."""

from __future__ import annotations

import itertools
from functools import cache

import pytest
import regress

from specrepo.load.ecma_regex import UnsafePattern, ecma_regex
from specrepo.load.ecma_to_re2 import re2_syntax

ESCAPES = ["\\d", "\\D", "\\s", "\\S", "\\w", "\\W", "\\p{Lu}", "\\P{Lu}", "\\p{Ll}",
           "\\P{Ll}", "\\P{Script=Latin}"]
SHAPES = [("[{}]", False), ("[^{}]", True), ("[{}\\d]", False), ("[^{}\\s]", True),
          ("[{}k]", False), ("[^{}\\u017f]", True)]
"""Each class around an escape, and whether it is negated."""


@cache
def _points() -> list[str]:
    """Each code point regress finds cased or changed by case mapping or folding (as
    `test_re2_folds_as_regress_folds_but_the_pairs_named` scans them), and a few others."""
    cased = regress.Regex("^[\\p{Cased}\\p{CWCM}\\p{CWCF}]$", "u")
    return [chr(point) for point in range(0x110000) if not 0xD800 <= point <= 0xDFFF
            and cased.find(chr(point)) is not None] + list("0123456789_ -!\t")


def _items(shape: str, escape: str) -> list[str]:
    """The items of `shape`'s class around `escape`, each as a pattern of its own."""
    return [escape] + ["\\d"] * ("\\d" in shape) + ["\\s"] * ("\\s" in shape) + [
        "k"] * ("k]" in shape) + ["\\u017f"] * ("\\u017f" in shape)


@pytest.mark.parametrize(("escape", "shape"), list(itertools.product(ESCAPES, SHAPES)))
def test_a_class_escape_in_an_i_group_means_what_ecma_262_means(escape: str,
                                                               shape: tuple[str, bool]) -> None:
    """On every cased code point, `(?i:[…])`'s verdict (through RE2 where it spells the
    pattern) against the oracle: the same class as regress reads it without brackets,
    `(?:a|b)` for `[ab]` and `(?!a|b)[^]` for `[^ab]` (regress reads a lone escape as node 20
    does with `iu`: checked on these points; inside brackets it misreads `\\W`)."""
    spelling, negated = shape
    pattern = "^(?i:" + spelling.format(escape) + ")$"
    items = "|".join(_items(spelling, escape))
    oracle_class = f"(?!{items})[^]" if negated else f"(?:{items})"
    oracle = regress.Regex(f"^(?i:{oracle_class})$", "u")
    compiled = ecma_regex(pattern)
    assert compiled.linear == (re2_syntax(pattern) is not None)
    wrong = [hex(ord(point)) for point in _points()
             if (compiled.find(point) is not None) != (oracle.find(point) is not None)]
    assert not wrong, (pattern, wrong[:8])


@pytest.mark.parametrize(("pattern", "matched", "refused"), [
    ("^(?i:[\\W])$", ["-", "!"], ["k", "K", "s", "\u017f", "\u212a"]),
    ("^(?i:[\\W\\d])$", ["1", "-"], ["\u017f"]),
    ("^(?i:[^\\W])$", ["k", "K", "\u212a", "\u017f"], ["-"]),
    ("^(?i:[^\\s\\W])$", ["\u212a", "s"], [" ", "-"]),
    ("^(?i:[^k])$", ["a", "s"], ["k", "K", "\u212a"])])
def test_the_testers_classes_are_spelt_for_re2(pattern: str, matched: list[str],
                                               refused: list[str]) -> None:
    """The verdicts node 20 (`new RegExp(p, "iu")`) gives, through RE2."""
    compiled = ecma_regex(pattern)
    assert compiled.linear
    assert all(compiled.find(text) is not None for text in matched)
    assert all(compiled.find(text) is None for text in refused)


def test_a_class_regress_misreads_is_refused_where_only_regress_could_match() -> None:
    """A back reference keeps RE2 out; regress would take `k` for `[\\W]`: refused, the
    user's own class quoted."""
    with pytest.raises(UnsafePattern, match=r"its class `\[a\\W\]` holds `\\W` inside an `i`"):
        ecma_regex("^(a)(?i:[a\\W])\\1$")
    assert ecma_regex("^(a)(?i:[\\\\W])\\1$").find("aWa") is not None  # `\\` then `W`
