"""An ECMA-262 regular expression (`u` flag) spelt in RE2's syntax, for matching in time
linear in the text.

A backtracking engine (regress, as every ECMAScript engine) takes time exponential in the
text's length for a pattern with nested quantifiers (`^([a-z0-9]+-?)+$` against a 40-character
slug that ends in `!`: hours) and quadratic for a common one (`\\s+$` against 40,000 spaces:
5 s). RE2 (https://github.com/google/re2/wiki/Syntax) matches any pattern without back
references or lookaround in time linear in the text. Whether a pattern matches somewhere in a
text (all JSON Schema asks of `pattern` and `patternProperties`) does not depend on the
order a backtracking engine tries alternatives in, so the two engines agree on every pattern
`re2_syntax` spells; what RE2 cannot express (lookaround, back references, `\\B`, a lone
surrogate) it leaves to regress.

Each construct keeps ECMA-262's meaning (ECMAScript 2025, §22.2 with the `u` flag): `.` is
any code point but the four line terminators, `\\d`, `\\w` and `\\b` are ASCII, `\\s` is
ECMA-262's WhiteSpace and LineTerminator code points, `^` and `$` are the text's ends, a
property escape (`\\p{Lu}`) the code points regress's Unicode tables give it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

import regress

_Ranges = list[tuple[int, int]]
"""Code points as sorted inclusive (first, last) ranges."""

_LAST: Final = 0x10FFFF
_SURROGATES: Final = (0xD800, 0xDFFF)
_DIGIT: Final[_Ranges] = [(0x30, 0x39)]
_WORD: Final[_Ranges] = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]
_SPACE: Final[_Ranges] = [
    (0x09, 0x0D), (0x20, 0x20), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A),
    (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000), (0xFEFF, 0xFEFF)]
"""ECMA-262's `\\s`: WhiteSpace (tab, vertical tab, form feed, space, no-break space, the
byte order mark, Unicode's Space_Separator) and LineTerminator (\\n, \\r, U+2028, U+2029)."""
_LINE_TERMINATORS: Final[_Ranges] = [(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)]
_CONTROL_ESCAPES: Final = {"f": 0x0C, "n": 0x0A, "r": 0x0D, "t": 0x09, "v": 0x0B, "0": 0}
_QUANTIFIER: Final = re.compile(r"[*+?]|\{[0-9]+(?:,[0-9]*)?\}")
_REFERENCE: Final = re.compile(r"\\(?:k<[^>]*>|[1-9][0-9]*)")
"""A back reference (ECMA-262's DecimalEscape or `\\k<name>`)."""


class _Unspellable(Exception):
    """The pattern uses what RE2 lacks."""


def re2_syntax(pattern: str) -> str | None:
    """`pattern`, an ECMA-262 regular expression with the `u` flag that an ECMA-262 engine
    has compiled, in RE2's syntax with the same meaning; None where it uses what RE2 cannot
    express (lookaround, a back reference, `\\B`, a lone surrogate)."""
    try:
        return _Translation(pattern).whole()
    except (_Unspellable, ValueError, IndexError):  # the last two: a malformed pattern
        return None


def re2_superset(pattern: str) -> str | None:
    """`pattern` (as `re2_syntax` takes it) loosened to what RE2 can spell: each lookaround
    and `\\B` left out, each back reference read as any text. Every text `pattern` matches
    somewhere in, this matches somewhere in too (leaving out an assertion or reading a
    reference as anything only widens what matches), so a text it does not match is no
    match of `pattern`, found in linear time. None where RE2 cannot spell even that (a
    lone surrogate, a modifier group)."""
    try:
        return _Translation(pattern, loose=True).whole()
    except (_Unspellable, ValueError, IndexError):
        return None


Condition = tuple[bool, str]
"""Whether a text must (True) or must not (False) hold a match of an RE2 pattern."""


def re2_conditions(pattern: str) -> tuple[Condition, ...] | None:
    """`pattern` (as `re2_syntax` takes it) as RE2 patterns a text matches it exactly when
    it meets every one: `re2_syntax`'s one, or, for a pattern of one alternative whose
    lookaheads follow its `^` and whose lookbehinds stand at its `$` (`^(?=[a-z])…$(?<!-)`,
    the common use), the pattern without them and one condition each (a lookahead at the
    text's start is whether its body matches there, a lookbehind at its end whether its
    body matches ending there); None where RE2 cannot express it."""
    plain = re2_syntax(pattern)
    if plain is not None:
        return ((True, plain),)
    try:
        return _Translation(pattern).at_the_ends()
    except (_Unspellable, ValueError, IndexError):
        return None


class _Translation:
    """One pass over a well-formed pattern: each ECMA-262 construct at `at` read and spelt."""

    def __init__(self, pattern: str, *, loose: bool = False) -> None:
        self.text = pattern
        self.at = 0
        self.loose = loose
        """Whether a lookaround and `\\B` are left out and a back reference is any text
        (`re2_superset`), rather than unspellable."""

    def whole(self) -> str:
        spelt = self.disjunction()
        if self.at != len(self.text):  # an unmatched `)`: not a well-formed pattern
            raise _Unspellable
        return spelt

    def at_the_ends(self) -> tuple[Condition, ...]:
        conditions: list[Condition] = []
        head = ""
        if self.peek() == "^":
            self.at, head = self.at + 1, r"\A"
            while self.peek(3) in ("(?=", "(?!"):
                conditions.append((self.peek(3) == "(?=", rf"\A(?:{self.around(3)})"))
        terms: list[str] = []
        while self.peek() not in ("", "$") and self.peek(4) not in ("(?<=", "(?<!"):
            if self.peek() in ("|", ")"):  # more than one alternative
                raise _Unspellable
            terms.append(self.term())
        ends, behind = False, False
        while self.peek() != "":
            if self.peek() == "$" and not ends:
                self.at, ends = self.at + 1, True
            elif self.peek(4) in ("(?<=", "(?<!"):
                behind = True
                conditions.append((self.peek(4) == "(?<=", rf"(?:{self.around(4)})\z"))
            else:
                raise _Unspellable
        if behind and not ends:  # a lookbehind not at the text's end
            raise _Unspellable
        return ((True, head + "".join(terms) + (r"\z" if ends else "")), *conditions)

    def around(self, opening: int) -> str:
        """The body of the lookaround whose opening (`opening` characters) is at `at`."""
        self.at += opening
        body = self.disjunction()
        if self.peek() != ")":
            raise _Unspellable
        self.at += 1
        return body

    def peek(self, length: int = 1) -> str:
        return self.text[self.at:self.at + length]

    def disjunction(self) -> str:
        alternatives = [self.alternative()]
        while self.peek() == "|":
            self.at += 1
            alternatives.append(self.alternative())
        return "|".join(alternatives)

    def alternative(self) -> str:
        terms: list[str] = []
        while self.peek() not in ("", "|", ")"):
            terms.append(self.term())
        return "".join(terms)

    def term(self) -> str:
        assertion = {"^": r"\A", "$": r"\z", "\\b": r"\b"}
        for spelling, spelt in assertion.items():
            if self.peek(len(spelling)) == spelling:
                self.at += len(spelling)
                return spelt
        opening = 3 if self.peek(3) in ("(?=", "(?!") else 4 if self.peek(4) in (
            "(?<=", "(?<!") else 2 if self.peek(2) == "\\B" else 0
        if opening:  # RE2's \B holds inside a character's UTF-8 bytes
            if not self.loose:
                raise _Unspellable
            if opening == 2:
                self.at += 2
            else:
                self.around(opening)  # no quantifier may follow, with the `u` flag
            return ""
        atom = self.atom()
        found = _QUANTIFIER.match(self.text, self.at)
        if found is None:
            return atom
        self.at = found.end()
        self.at += self.peek() == "?"  # lazy: whether a match exists does not depend on it
        if found.group() in ("*", "+", "?"):
            return atom + found.group()
        return _counted(atom, found.group()[1:-1])

    def atom(self) -> str:
        char = self.peek()
        if char == "(":
            return self.group()
        if char == "[":
            return _class(self.character_class())
        if char == ".":
            self.at += 1
            return _class(_complement(_LINE_TERMINATORS))
        if char == "\\":
            escaped = self.peek(2)[1:]
            if escaped in ("d", "D", "s", "S", "w", "W"):
                self.at += 2
                return _class(_class_escape(escaped))
            if escaped in ("p", "P"):
                return _class(self.property_escape())
            reference = _REFERENCE.match(self.text, self.at)
            if reference is not None and self.loose:
                self.at = reference.end()
                return r"(?s:.*)"
            return _literal(self.character_escape())
        self.at += 1
        return _literal(_code_point(ord(char)))

    def group(self) -> str:
        if self.peek(3) == "(?:":
            self.at += 3
        elif self.peek(3) == "(?<":
            self.at = self.text.index(">", self.at) + 1
        elif self.peek(2) == "(?":  # a modifier group, `(?i:...)`
            raise _Unspellable
        else:
            self.at += 1
        inner = self.disjunction()
        if self.peek() != ")":
            raise _Unspellable
        self.at += 1
        return f"(?:{inner})"

    def character_class(self) -> _Ranges:
        self.at += 1
        negated = self.peek() == "^"
        self.at += negated
        ranges: _Ranges = []
        while self.peek() != "]":
            if self.peek() == "":
                raise _Unspellable
            first = self.class_atom()
            if isinstance(first, int) and self.peek() == "-" and self.peek(2) != "-]":
                self.at += 1
                last = self.class_atom()
                if not isinstance(last, int):
                    raise _Unspellable
                ranges.append((first, last))
            else:
                ranges += [(first, first)] if isinstance(first, int) else first
        self.at += 1
        return _complement(ranges) if negated else _normal(ranges)

    def class_atom(self) -> int | _Ranges:
        if self.peek() != "\\":
            self.at += 1
            return _code_point(ord(self.text[self.at - 1]))
        escaped = self.peek(2)[1:]
        if escaped in ("d", "D", "s", "S", "w", "W"):
            self.at += 2
            return _class_escape(escaped)
        if escaped in ("p", "P"):
            return self.property_escape()
        if escaped in ("b", "-"):
            self.at += 2
            return 0x08 if escaped == "b" else 0x2D
        return self.character_escape()

    def property_escape(self) -> _Ranges:
        end = self.text.index("}", self.at) + 1
        escape, self.at = self.text[self.at:end], end
        return list(_property(escape))

    def character_escape(self) -> int:
        """The code point a `\\` escape at `at` stands for (ECMA-262's CharacterEscape)."""
        escaped = self.peek(2)[1:]
        if escaped in _CONTROL_ESCAPES:  # `\0` before a digit: no well-formed pattern
            self.at += 2
            return _CONTROL_ESCAPES[escaped]
        if escaped == "c":
            self.at += 3
            return ord(self.text[self.at - 1]) % 32
        if escaped == "x":
            self.at += 4
            return int(self.text[self.at - 2:self.at], 16)
        if escaped == "u":
            return _code_point(self.unicode_escape())
        if escaped == "" or escaped.isalnum():  # \k, a back reference
            raise _Unspellable
        self.at += 2
        return _code_point(ord(escaped))

    def unicode_escape(self) -> int:
        if self.peek(3) == "\\u{":
            end = self.text.index("}", self.at)
            value = int(self.text[self.at + 3:end], 16)
            self.at = end + 1
            return value
        value = int(self.text[self.at + 2:self.at + 6], 16)
        self.at += 6
        low = self.text[self.at + 2:self.at + 6] if self.peek(2) == "\\u" else ""
        if 0xD800 <= value <= 0xDBFF and re.fullmatch("[dD][c-fC-F][0-9a-fA-F]{2}", low):
            self.at += 6  # a surrogate pair spelt as two escapes is one code point
            return 0x10000 + ((value - 0xD800) << 10) + (int(low, 16) - 0xDC00)
        return value


@cache
def _property(escape: str) -> tuple[tuple[int, int], ...]:
    """The code points a property escape (`\\p{Lu}`, `\\P{Script=Greek}`) stands for in
    regress's Unicode tables (RE2's are of an older Unicode): the runs that a scan of every
    code point in order finds (about 10 ms an escape)."""
    text, utf8 = _every_code_point()
    found = regress.Regex(f"[{escape}]+", "u").find_iter(text) or ()
    runs = (utf8[each.range().start:each.range().stop].decode() for each in found)
    return tuple((ord(run[0]), ord(run[-1])) for run in runs)


@cache
def _every_code_point() -> tuple[str, bytes]:
    """Every code point but the surrogates, in order, and its UTF-8."""
    text = "".join(map(chr, range(_SURROGATES[0]))) + "".join(
        map(chr, range(_SURROGATES[1] + 1, _LAST + 1)))
    return text, text.encode()


_MOST_COUNTED: Final = 1000
"""The largest count RE2 takes in `{n,m}` (a larger one is refused, or from ten digits on
read as literal text)."""
_MOST_PIECES: Final = 8


def _counted(atom: str, counts: str) -> str:
    """`atom{counts}` (`counts`: `n`, `n,` or `n,m` as written) in RE2's syntax: a count
    over RE2's largest as a run of pieces that add up to it (`x{0,2500}` matches where
    `x{0,1000}x{0,1000}x{0,500}` does); more than a few pieces, RE2 could not hold."""
    least, _, most_text = counts.partition(",")
    low = int(least)
    high = low if "," not in counts else None if most_text == "" else int(most_text)
    pieces: list[str] = []
    while low > _MOST_COUNTED or (high is not None and high > _MOST_COUNTED):
        part_low = min(low, _MOST_COUNTED)
        part_high = _MOST_COUNTED if high is not None else part_low
        pieces.append(f"{atom}{{{part_low},{part_high}}}")
        low -= part_low
        high = None if high is None else high - part_high
        if len(pieces) >= _MOST_PIECES:
            raise _Unspellable
    last = f"{low}" if high == low else f"{low},{'' if high is None else high}"
    return "".join(pieces) + f"{atom}{{{last}}}"


def _code_point(value: int) -> int:
    """`value`, unless a lone surrogate, which RE2 (reading UTF-8) cannot match."""
    if _SURROGATES[0] <= value <= _SURROGATES[1]:
        raise _Unspellable
    return value


def _class_escape(letter: str) -> _Ranges:
    ranges = {"d": _DIGIT, "s": _SPACE, "w": _WORD}[letter.lower()]
    return _complement(ranges) if letter.isupper() else ranges


def _normal(ranges: _Ranges) -> _Ranges:
    """`ranges` sorted and merged."""
    merged: _Ranges = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def _complement(ranges: _Ranges) -> _Ranges:
    """Every code point but those of `ranges` (surrogates included: no text RE2 reads
    holds one)."""
    rest: _Ranges = []
    following = 0
    for first, last in _normal(ranges):
        if first > following:
            rest.append((following, first - 1))
        following = max(following, last + 1)
    if following <= _LAST:
        rest.append((following, _LAST))
    return rest


def _literal(value: int) -> str:
    return chr(value) if chr(value).isascii() and chr(value).isalnum() else f"\\x{{{value:x}}}"


def _class(ranges: _Ranges) -> str:
    """RE2's class of `ranges`; one that matches nothing where they are empty."""
    usable = _without_surrogates(ranges)
    if not usable:
        return f"[^\\x{{0}}-\\x{{{_LAST:x}}}]"
    return "[" + "".join(_literal(first) if first == last else
                         f"{_literal(first)}-{_literal(last)}" for first, last in usable) + "]"


def _without_surrogates(ranges: _Ranges) -> _Ranges:
    low, high = _SURROGATES
    kept: _Ranges = []
    for first, last in ranges:
        kept += [(first, min(last, low - 1))] if first < low else []
        kept += [(max(first, high + 1), last)] if last > high else []
    return kept
