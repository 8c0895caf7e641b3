"""The code points an ECMA-262 character class stands for (ECMAScript 2025, §22.2 with the
`u` flag), as sorted inclusive ranges: the class escapes (`\\d`, `\\w`, `\\s` are ASCII or
ECMA-262's own, not Unicode's), `.`, property escapes in regress's Unicode tables, and
their union and complement. What `ecma_translation` spells in another engine's syntax."""

from __future__ import annotations

from functools import cache
from typing import Final

import regress

Ranges = list[tuple[int, int]]
"""Code points as sorted inclusive (first, last) ranges."""

LAST: Final = 0x10FFFF
SURROGATES: Final = (0xD800, 0xDFFF)
_DIGIT: Final[Ranges] = [(0x30, 0x39)]
_WORD: Final[Ranges] = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]
_SPACE: Final[Ranges] = [
    (0x09, 0x0D), (0x20, 0x20), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A),
    (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000), (0xFEFF, 0xFEFF)]
"""ECMA-262's `\\s`: WhiteSpace (tab, vertical tab, form feed, space, no-break space, the
byte order mark, Unicode's Space_Separator) and LineTerminator (\\n, \\r, U+2028, U+2029)."""
FOLDED_WORD: Final[Ranges] = [(0x17F, 0x17F), (0x212A, 0x212A)]
"""What ECMA-262's `\\w` holds with the `i` and `u` flags besides the ASCII word characters
(WordCharacters, ECMAScript 2025 §22.2.2.9.3): LATIN SMALL LETTER LONG S and KELVIN SIGN,
whose simple case folds are `s` and `k`."""
LINE_TERMINATORS: Final[Ranges] = [(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)]


def class_escape(letter: str, folding: bool = False) -> Ranges:
    """What `\\d`, `\\D`, `\\s`, `\\S`, `\\w` or `\\W` stands for (`letter`: its letter),
    with the `i` flag where `folding`: `\\w` and `\\W` then closed under case folding
    (`FOLDED_WORD`), so that RE2's `(?i)` adds nothing to them."""
    ranges = {"d": _DIGIT, "s": _SPACE, "w": _WORD}[letter.lower()]
    if folding and letter.lower() == "w":
        ranges = normal(_WORD + FOLDED_WORD)
    return complement(ranges) if letter.isupper() else ranges


@cache
def property_ranges(escape: str) -> tuple[tuple[int, int], ...]:
    """The code points a property escape (`\\p{Lu}`, `\\P{Script=Greek}`) stands for in
    regress's Unicode tables (RE2's and Python's are of other Unicode versions): the runs
    that a scan of every code point in order finds (about 10 ms an escape)."""
    text, utf8 = _every_code_point()
    found = regress.Regex(f"[{escape}]+", "u").find_iter(text) or ()
    runs = (utf8[each.range().start:each.range().stop].decode() for each in found)
    return tuple((ord(run[0]), ord(run[-1])) for run in runs)


@cache
def _every_code_point() -> tuple[str, bytes]:
    """Every code point but the surrogates, in order, and its UTF-8."""
    text = "".join(map(chr, range(SURROGATES[0]))) + "".join(
        map(chr, range(SURROGATES[1] + 1, LAST + 1)))
    return text, text.encode()


def normal(ranges: Ranges) -> Ranges:
    """`ranges` sorted and merged."""
    merged: Ranges = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def complement(ranges: Ranges) -> Ranges:
    """Every code point but those of `ranges` (surrogates included: no text either engine
    reads holds one, `ecma_regex`)."""
    rest: Ranges = []
    following = 0
    for first, last in normal(ranges):
        if first > following:
            rest.append((following, first - 1))
        following = max(following, last + 1)
    if following <= LAST:
        rest.append((following, LAST))
    return rest


def without_surrogates(ranges: Ranges) -> Ranges:
    """`ranges` less the UTF-16 surrogates, which no text matched holds."""
    low, high = SURROGATES
    kept: Ranges = []
    for first, last in ranges:
        kept += [(first, min(last, low - 1))] if first < low else []
        kept += [(max(first, high + 1), last)] if last > high else []
    return kept


FOLDED_APART_IN_RE2: Final = (
    (0x19B, 0x19B, 0xA641), (0x264, 0x264, 0xA567), (0x1C89, 0x1C89, 1), (0xA7CC, 0xA7CC, 1),
    (0xA7CE, 0xA7CE, 1), (0xA7D2, 0xA7D2, 1), (0xA7D4, 0xA7D4, 1), (0xA7DA, 0xA7DA, 1),
    (0x10D50, 0x10D65, 0x20), (0x16EA0, 0x16EB8, 0x1B))
"""The case pairs ECMA-262 with the `u` flag folds together (simple case folding, in
regress 2026.9.1's Unicode tables: Unicode 16 and 17's new letters) and RE2's `(?i)` does
not (google-re2 1.1.20251105's older tables), as runs (first, last, offset): each code
point from first to last and it plus offset are a pair. Every other cased code point RE2
folds as regress does (pattern63: each one's matches compared)."""


def splits_a_fold(ranges: Ranges) -> bool:
    """Whether `ranges` holds one code point of a pair `FOLDED_APART_IN_RE2` names but not
    the other: a class RE2's `(?i)` would match otherwise than ECMA-262's `i` does."""
    def holds(point: int) -> bool:
        return any(first <= point <= last for first, last in ranges)
    return any(holds(point) != holds(point + offset)
               for first, last, offset in FOLDED_APART_IN_RE2 for point in range(first, last + 1))
