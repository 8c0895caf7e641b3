"""One reading of an ECMA-262 regular expression (`u` flag) that an ECMA-262 engine has
compiled, spelt in another engine's syntax with the same meaning (`Target`): RE2's, which
matches in time linear in the text (`ecma_to_re2`), or the `regex` package's, a
backtracking engine with a time budget (`ecma_to_regex`).

Each construct keeps ECMA-262's meaning (ECMAScript 2025, §22.2 with the `u` flag): `.` is
any code point but the four line terminators, `\\d`, `\\w` and `\\b` are ASCII, `\\s` is
ECMA-262's WhiteSpace and LineTerminator code points, `^` and `$` are the text's ends, a
property escape (`\\p{Lu}`) the code points regress's Unicode tables give it: every class
is spelt as its code points (`ecma_classes`), never as the target's own escape.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import Enum
from typing import Final

from specrepo.load.ecma_captures import CaptureFates
from specrepo.load.ecma_classes import (
    LINE_TERMINATORS,
    SURROGATES,
    Ranges,
    class_escape,
    complement,
    normal,
    property_ranges,
    splits_a_fold,
    without_surrogates,
)
from specrepo.load.empty_repeats import EmptyRepeats
from specrepo.load.re2_counts import re2_counted

_CONTROL_ESCAPES: Final = {"f": 0x0C, "n": 0x0A, "r": 0x0D, "t": 0x09, "v": 0x0B, "0": 0}
_QUANTIFIER: Final = re.compile(r"[*+?]|\{([0-9]+)(?:(,)([0-9]*))?\}")
_REFERENCE: Final = re.compile(r"\\(?:k<([^>]*)>|([1-9][0-9]*))")
"""A back reference (ECMA-262's DecimalEscape or `\\k<name>`)."""
_FOLDED_NON_WORD: Final = re.compile(r"(?<!\\)(?:\\\\)*\\W")  # `\W`, its `\` unescaped


class Unspellable(Exception):
    """The pattern uses what the target cannot spell as ECMA-262 means it (what: its message)."""


class Target(Enum):
    """The syntax a `Translation` spells: RE2's, exactly (`RE2`) or loosened (`RE2_SUPERSET`:
    each lookaround and `\\B` left out, each back reference any text), or the `regex`
    package's (`REGEX`: lookaround, `\\B` and back references kept, captures numbered as
    ECMA-262 numbers them, laziness kept, as a back reference can see it); or none
    (`READING`)."""

    RE2 = "re2"
    RE2_SUPERSET = "re2-superset"
    REGEX = "regex"
    READING = "reading"
    """No engine's: the pattern read for what `CaptureFates` and `EmptyRepeats` learn of
    it, whatever an engine can spell (the spelling is no engine's syntax)."""


class Translation:
    """One pass over a well-formed pattern: each ECMA-262 construct at `at` read and spelt
    for `target`, its groups and back references followed (`captures`), and its empty
    repeats (`repeats`): the one place the pattern's syntax is read. Raises `Unspellable`,
    or ValueError or IndexError on a malformed pattern."""

    def __init__(self, pattern: str, target: Target = Target.RE2,
                 names: Mapping[str, int] | None = None) -> None:
        self.text = pattern
        self.at = 0
        self.target = target
        self.known = names or {}
        """The number of each named group, where an earlier pass has learnt them (a back
        reference may come before its group)."""
        self.captures = CaptureFates()
        self.repeats = EmptyRepeats()
        self.behind = 0
        """How many lookbehinds `at` is inside."""
        self.unset_references: list[tuple[int, int]] = []
        """Where each back reference that cannot have been set (`CaptureFates.unset`) is:
        its first character, and the one after its last."""
        self.misread_by_regress = ""
        """The first class holding `\\W` in an `i` group, which regress misreads (`ecma_regex`)."""
        self.flags = [""]
        """The modifiers (`i`, `m`, `s`) in force at `at`, innermost last (`modifiers`)."""

    def whole(self) -> str:
        spelt = self.disjunction()
        if self.at != len(self.text):  # an unmatched `)`: not a well-formed pattern
            raise Unspellable
        if self.target is Target.REGEX and (why := self.captures.differs(self.known)):
            raise Unspellable(f"it has a back reference to a group {why}")
        return spelt

    def around(self, opening: int) -> str:
        """The body of the lookaround whose opening (`opening` characters) is at `at`."""
        self.at += opening
        self.repeats.opened()
        body = self.disjunction()
        if self.peek() != ")":
            raise Unspellable
        self.at += 1
        self.repeats.closed(around=True)
        return body

    def peek(self, length: int = 1) -> str:
        return self.text[self.at:self.at + length]

    def disjunction(self) -> str:
        alternatives = [self.alternative()]
        while self.peek() == "|":
            self.at += 1
            self.repeats.alternative()
            alternatives.append(self.alternative())
        return "|".join(alternatives)

    def alternative(self) -> str:
        terms: list[str] = []
        while self.peek() not in ("", "|", ")"):
            terms.append(self.term())
            self.repeats.ended()
        return "".join(terms)

    def term(self) -> str:
        self.repeats.read(empty=True)  # an assertion's; an atom's, read below, replaces it
        for spelling, spelt, flag in (("^", r"\A", "m"), ("$", r"\z", "m"), ("\\b", r"\b", "i")):
            if self.peek(len(spelling)) == spelling:
                self.at += len(spelling)
                if self.modifies(flag):  # `m`: at line ends too; `i`: U+017F and U+212A are words
                    raise Unspellable
                return spelt
        if (assertion := self.lookaround()) is not None:
            return assertion
        opened, start = self.captures.count, self.at
        self.repeats.read(empty=False)  # a character's; a group's or a reference's replaces it
        atom = self.atom()
        found = _QUANTIFIER.match(self.text, self.at)
        if found is None:
            return atom
        self.at = found.end()
        lazy = "?" if self.peek() == "?" else ""
        self.at += len(lazy)
        least, most = _bounds(found)
        if most is None or most > 1:
            self.captures.read_otherwise(opened, "inside a repetition")
        self.repeats.quantified(least, most, self.text[start:self.at])
        if self.target is not Target.REGEX:  # whether a match exists does not depend on it
            lazy = ""
        if found.group()[0] != "{" or self.target in (Target.REGEX, Target.READING):
            return atom + found.group() + lazy
        if (counted := re2_counted(atom, found.group()[1:-1])) is None:
            raise Unspellable
        return counted

    def lookaround(self) -> str | None:
        """The lookaround or `\\B` at `at` as the target spells it (none where it is left
        out); None where there is none."""
        opening = 3 if self.peek(3) in ("(?=", "(?!") else 4 if self.peek(4) in (
            "(?<=", "(?<!") else 2 if self.peek(2) == "\\B" else 0
        if not opening:
            return None
        if self.target is Target.RE2:  # RE2's \B holds inside a character's UTF-8 bytes
            raise Unspellable
        head, opened = self.peek(opening), self.captures.count
        self.behind += opening == 4
        body = "" if opening == 2 else self.around(opening)  # no quantifier may follow one
        self.behind -= opening == 4
        self.at += 2 if opening == 2 else 0
        if opening == 4:
            self.captures.read_otherwise(opened, "inside a lookbehind")
        if self.target is Target.RE2_SUPERSET:
            return ""
        return head if opening == 2 else f"{head}{body})"

    def atom(self) -> str:
        char = self.peek()
        if char == "(":
            return self.group()
        if char == "[":
            return self.spelt_class(*self.character_class())
        if char == ".":
            self.at += 1
            return self.spelt_class(complement([] if "s" in self.flags[-1] else LINE_TERMINATORS))
        if char == "\\":
            escaped = self.peek(2)[1:]
            if escaped in ("d", "D", "s", "S", "w", "W"):
                return self.spelt_class(self.escaped_class())
            if escaped in ("p", "P"):
                return self.spelt_class(self.property_escape())
            if (reference := _REFERENCE.match(self.text, self.at)) is not None:
                return self.reference(reference)
            return self.literal(self.character_escape())
        self.at += 1
        return self.literal(self.code_point(ord(char)))

    def reference(self, found: re.Match[str]) -> str:
        """The back reference `found` (at `at`) as the target spells it: one to a group that
        has not taken part matches nothing in ECMA-262, and fails in the `regex` package
        unless asked whether the group took part first; one that cannot have been set
        (`CaptureFates.unset`) matches nothing, spelt `(?:)` (`unset_references`)."""
        if self.target is Target.RE2:
            raise Unspellable
        self.at = found.end()
        name, number = found.groups()
        set_here = not self.behind and self.repeats.set_before(
            self.captures.number(number or name, self.known))  # a lookbehind reads backwards
        self.repeats.read(empty=not set_here)
        self.captures.named(name)
        if self.captures.unset(number or name, self.known, bool(self.behind)):
            self.unset_references.append((found.start(), found.end()))
            return "(?:)"  # matches nothing, and may take a quantifier
        if self.target is Target.RE2_SUPERSET:
            return r"(?s:.*)"
        if self.behind and self.target is Target.REGEX:  # read from right to left
            raise Unspellable("it has a back reference inside a lookbehind")
        self.captures.referred(number or name)
        group = number or self.known.get(name, 0)
        return f"(?({group})(?:\\{group}))"

    def group(self) -> str:
        capturing = self.peek(2) != "(?" or self.peek(3) == "(?<"
        name, opening = None, ""
        if self.peek(3) == "(?:":
            self.at += 3
        elif self.peek(3) == "(?<":
            name_end = self.text.index(">", self.at)
            name = self.text[self.at + 3:name_end]
            if name in self.captures.names and self.target is Target.REGEX:
                raise Unspellable("two of its groups share a name")  # ECMAScript 2025's
            self.at = name_end + 1
        elif self.peek(2) == "(?":  # a modifier group, `(?i:...)`
            opening = self.modifiers()
        else:
            self.at += 1
        if capturing:
            self.captures.opened(name)
        number = self.captures.count
        self.repeats.opened()
        inner = self.disjunction()
        if self.peek() != ")":
            raise Unspellable
        self.at += 1
        self.repeats.closed(around=False, group=number if capturing else 0)
        if capturing:
            self.captures.closed()
        if opening:
            self.flags.pop()
            return f"{opening}{inner})"
        return f"({inner})" if self.target is Target.REGEX and capturing else f"(?:{inner})"

    def modifiers(self) -> str:
        """The opening of the modifier group at `at` (`(?i:`, `(?m-s:`: ECMAScript 2025's
        RegularExpressionModifiers) as RE2 spells it, its flags now in force: with the `u` flag
        `i` folds by simple case folding (Canonicalize), as RE2's does (`splits_a_fold`)."""
        if self.target is Target.REGEX:
            raise Unspellable("it has a modifier group, `(?i:…)`, not given to the `regex` package")
        colon = self.text.index(":", self.at)
        on, _, off = self.text[self.at + 2:colon].partition("-")
        self.at = colon + 1
        self.flags.append("".join(flag for flag in "ims" if flag in on or (
            flag in self.flags[-1] and flag not in off)))
        return f"(?{'i' if 'i' in on else '-i' if 'i' in off else ''}:"

    def modifies(self, flag: str) -> bool:
        """Whether the modifier `flag` is in force where the target spells it otherwise."""
        return flag in self.flags[-1] and self.target is not Target.READING

    def escaped_class(self) -> Ranges:
        """The class of the escape at `at` (`\\d` to `\\W`), as `i` in force reads it."""
        escaped = self.peek(2)[1:]
        self.at += 2
        return class_escape(escaped, folding="i" in self.flags[-1])

    def character_class(self) -> tuple[Ranges, bool]:
        """The class at `at` as its items' code points, and whether it is negated (`[^…]`)."""
        start = self.at
        self.at += 1
        negated = self.peek() == "^"
        self.at += negated
        ranges: Ranges = []
        while self.peek() != "]":
            if self.peek() == "":
                raise Unspellable
            first = self.class_atom()
            if isinstance(first, int) and self.peek() == "-" and self.peek(2) != "-]":
                self.at += 1
                last = self.class_atom()
                if not isinstance(last, int):
                    raise Unspellable
                ranges.append((first, last))
            else:
                ranges += [(first, first)] if isinstance(first, int) else first
        self.at += 1
        if "i" in self.flags[-1] and _FOLDED_NON_WORD.search(self.text, start, self.at):
            self.misread_by_regress = self.misread_by_regress or self.text[start:self.at]
        return normal(ranges), negated

    def class_atom(self) -> int | Ranges:
        if self.peek() != "\\":
            self.at += 1
            return self.code_point(ord(self.text[self.at - 1]))
        escaped = self.peek(2)[1:]
        if escaped in ("d", "D", "s", "S", "w", "W"):
            return self.escaped_class()
        if escaped in ("p", "P"):
            return self.property_escape()
        if escaped in ("b", "-"):
            self.at += 2
            return 0x08 if escaped == "b" else 0x2D
        return self.character_escape()

    def property_escape(self) -> Ranges:
        end = self.text.index("}", self.at) + 1
        escape, self.at = self.text[self.at:end], end
        return list(property_ranges(escape))

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
            return self.code_point(self.unicode_escape())
        if escaped == "" or escaped.isalnum():  # \k, a back reference
            raise Unspellable
        self.at += 2
        return self.code_point(ord(escaped))

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

    def code_point(self, value: int) -> int:
        """`value`, unless a lone surrogate, which no text matched holds (`ecma_regex`):
        no engine's syntax spells one."""
        if SURROGATES[0] <= value <= SURROGATES[1] and self.target is not Target.READING:
            raise Unspellable("it holds a lone surrogate")
        if self.modifies("i") and splits_a_fold([(value, value)]):
            raise Unspellable
        return value

    def literal(self, value: int) -> str:
        """The code point `value` as the target spells it in a pattern or a class."""
        if chr(value).isascii() and chr(value).isalnum():
            return chr(value)
        return f"\\U{value:08x}" if self.target is Target.REGEX else f"\\x{{{value:x}}}"

    def spelt_class(self, ranges: Ranges, negated: bool = False) -> str:
        """The target's class of `ranges` (of all but them where `negated`: with `i`, spelt so,
        as ECMA-262 and RE2 fold its items, then complement, §22.2.2.7.3); one that matches
        nothing where they are empty."""
        if negated and not (self.modifies("i") and ranges):
            ranges, negated = complement(ranges), False
        usable = without_surrogates(ranges)
        if self.modifies("i") and splits_a_fold(usable):
            raise Unspellable
        if not usable:
            return f"[^{self.literal(0)}-{self.literal(0x10FFFF)}]"
        return "[^"[:1 + negated] + "".join(
            self.literal(first) if first == last else f"{self.literal(first)}-{self.literal(last)}"
            for first, last in usable) + "]"


def _bounds(quantifier: re.Match[str]) -> tuple[int, int | None]:
    """How many times the `_QUANTIFIER` found repeats its atom: at least, at most (None:
    without end)."""
    least, comma, most = quantifier.groups()
    if least is not None:
        return int(least), int(most) if most else None if comma else int(least)
    return {"*": (0, None), "+": (1, None), "?": (0, 1)}[quantifier.group()]


def read_through(pattern: str) -> Translation | None:
    """`pattern` (one regress has compiled) read once through (`Target.READING`): its
    `captures` and `repeats` as the whole pattern gives them; None where it is not well
    formed."""
    reading = Translation(pattern, Target.READING)
    try:
        reading.whole()
    except (Unspellable, ValueError, IndexError):
        return None
    return reading
