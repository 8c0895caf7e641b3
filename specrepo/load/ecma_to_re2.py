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
surrogate) goes to a backtracking engine (`ecma_regex`), after a linear-time test of a
looser pattern (`re2_superset`). The reading of each construct is `ecma_translation`'s.
"""

from __future__ import annotations

from specrepo.load.ecma_translation import Target, Translation, Unspellable


def re2_syntax(pattern: str) -> str | None:
    """`pattern`, an ECMA-262 regular expression with the `u` flag that an ECMA-262 engine
    has compiled, in RE2's syntax with the same meaning; None where it uses what RE2 cannot
    express (lookaround, a back reference, `\\B`, a lone surrogate, `\\b` inside an `i`
    modifier group, `^` or `$` inside an `m` one)."""
    try:
        return Translation(pattern).whole()
    except (Unspellable, ValueError, IndexError):  # the last two: a malformed pattern
        return None


def re2_superset(pattern: str) -> str | None:
    """`pattern` (as `re2_syntax` takes it) loosened to what RE2 can spell: each lookaround
    and `\\B` left out, each back reference read as any text. Every text `pattern` matches
    somewhere in, this matches somewhere in too (leaving out an assertion or reading a
    reference as anything only widens what matches), so a text it does not match is no
    match of `pattern`, found in linear time. None where RE2 cannot spell even that (a
    lone surrogate, a modifier group RE2 would read otherwise: `Translation.modifiers`)."""
    try:
        return Translation(pattern, Target.RE2_SUPERSET).whole()
    except (Unspellable, ValueError, IndexError):
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
        return _AtTheEnds(pattern).conditions()
    except (Unspellable, ValueError, IndexError):
        return None


class _AtTheEnds(Translation):
    """A pattern read as `re2_conditions` reads it: its lookarounds at the text's ends."""

    def conditions(self) -> tuple[Condition, ...]:
        conditions: list[Condition] = []
        head = ""
        if self.peek() == "^":
            self.at, head = self.at + 1, r"\A"
            while self.peek(3) in ("(?=", "(?!"):
                conditions.append((self.peek(3) == "(?=", rf"\A(?:{self.around(3)})"))
        terms: list[str] = []
        while self.peek() not in ("", "$") and self.peek(4) not in ("(?<=", "(?<!"):
            if self.peek() in ("|", ")"):  # more than one alternative
                raise Unspellable
            terms.append(self.term())
        ends, behind = False, False
        while self.peek() != "":
            if self.peek() == "$" and not ends:
                self.at, ends = self.at + 1, True
            elif self.peek(4) in ("(?<=", "(?<!"):
                behind = True
                conditions.append((self.peek(4) == "(?<=", rf"(?:{self.around(4)})\z"))
            else:
                raise Unspellable
        if behind and not ends:  # a lookbehind not at the text's end
            raise Unspellable
        return ((True, head + "".join(terms) + (r"\z" if ends else "")), *conditions)
