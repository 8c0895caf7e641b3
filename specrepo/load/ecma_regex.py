"""JSON Schema's regular expressions: ECMA-262's dialect with the `u` flag, not Python's `re`.

JSON Schema 2020-12 (core §6.4, validation §6.3.3; the same in drafts 4 to 2019-09) says a
`pattern` or a `patternProperties` key SHOULD be an ECMA-262 regular expression, built with
the `u` flag. Python's `re` differs where it matters to a gate: its `$` also matches before
a final line break (`^FR-[0-9]+$` takes "FR-1\\n"), its `\\d` and `\\w` take any Unicode
digit or letter (`^ADR-\\d{4}$` takes "ADR-١٢٣٤"). The `regress` package (Rust's regress
engine, by jsonschema's author; jsonschema uses it for the `regex` format) implements
ECMA-262 and decides whether a pattern is one; every schema pattern specrepo runs goes through
`ecma_regex`, which matches with RE2 in time linear in the text wherever RE2 can spell the
pattern (`ecma_to_re2`), so that no value can hold a CI gate for hours.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Final

import re2
import regex
import regress

from specrepo.base.signals import ended_at_once
from specrepo.load.ecma_to_re2 import re2_conditions, re2_superset
from specrepo.load.ecma_to_regex import regex_refusal, regex_syntax
from specrepo.load.ecma_translation import Translation, read_through
from specrepo.load.no_verdict import SlowMatch
from specrepo.load.regress_process import bounded_regress

EcmaRegexError = regress.RegressError
"""What `ecma_regex` raises for a pattern that is not an ECMA-262 regular expression."""


class UnsafePattern(regress.RegressError):
    """What `ecma_regex` raises for a pattern only regress can match (neither RE2 nor the
    `regex` package can take it with ECMA-262's meaning) of a shape regress 2026.9.1
    cannot match either: one that quantifies what can match nothing inside a repetition
    (it asks for gigabytes and aborts: `empty_repeats`), one that nests a repetition in two
    others (it misses matches: `empty_repeats`), one that counts a part holding a choice
    inside a repetition (it loses the count or the captures: `empty_repeats`), one that
    holds `\\W` in a class inside an `i` modifier group (it folds `k` and `s` in:
    `Translation.misread_by_regress`), or one that refers back to a name two groups have
    (it reads the one that took no part: `ecma_captures`)."""


_ONLY_REGRESS: Final = "only a backtracking engine of ECMA-262's own can match it ({why}), and "
_UNSAFE: Final = (
    "it quantifies what can match nothing inside a repetition (`{part}`), on which that "
    "engine (regress) runs out of memory and ends the process; write the inner part so "
    "that it cannot match nothing (`a*` for `(a|)+`)")
_NESTED: Final = (
    "it nests a repetition inside two others (`{part}`), on which that engine "
    "(regress) misses matches ECMA-262 finds (`^(?:(a+)+)+\\1$` refuses `aa`); nest "
    "repetitions at most two deep (`(?:a+)+` for `(?:(?:a+)+)+`)")
_MISCOUNTED: Final = (
    "it counts `{inner}`, a part holding a choice (an alternation or a quantifier), "
    "inside a repetition (`{part}`), on which that engine (regress) loses the count or "
    "the captures (`^(?:(?:a|aa)?){{2}}$` takes `aaaaa`); write the counted part "
    "without a choice (`[ab]{{0,2}}` for `(?:[ab]{{1,2}})?`)")
_MISREAD: Final = (
    "its class `{part}` holds `\\W` inside an `i` modifier group, which that engine "
    "(regress) reads as holding `k`, `s`, U+017F and U+212A too (ECMA-262's `\\W` holds "
    "none of them with `i`: `(?i:[\\W])` would take `k`); write `\\W` outside a class, or "
    "the class as `[^\\w…]`")
_DUPLICATE: Final = (
    "'\\k<{name}>' refers to a name two groups have; the engine that reads such a pattern "
    "(regress) lets it match the group that took no part, that is nothing, so "
    "`(?:(?<q>')|(?<q>\"))[a-z]+\\k<q>` would take `'abc`: give each group a name of its "
    "own and refer to both in a row (`\\k<q1>\\k<q2>`: the one that took no part matches "
    "nothing)")


MATCH_SECONDS: Final = 10.0
"""How long one match of a schema pattern may take (the `regex` package's `timeout`): a
match of a few kilobytes takes microseconds; past this, the pattern backtracks without end."""


_SURROGATE: Final = re.compile("[\ud800-\udfff]")
"""A lone UTF-16 surrogate, which JSON's `\\uD800` escapes give a Python text and neither
engine (reading UTF-8) can take as it is."""

_RE2_OPTIONS: Final = re2.Options()
_RE2_OPTIONS.never_capture = True
_RE2_OPTIONS.log_errors = False  # a pattern beyond RE2 goes to regress, said nowhere


class EcmaRegex:
    """A compiled ECMA-262 regular expression (`u` flag). `find(text)`: where it first
    matches in `text`, or None (JSON Schema patterns are not anchored). `linear`: whether
    `find` takes time linear in the text (RE2); otherwise it backtracks (a pattern with
    lookaround, a back reference or `\\B`, or one beyond RE2's bounds), within
    `MATCH_SECONDS` (`SlowMatch` past them), on a text that RE2 finds a wider pattern in
    (`re2_superset`: any other is refused in linear time)."""

    __slots__ = ("find", "linear")

    def __init__(self, find: Callable[[str], object | None], linear: bool) -> None:
        self.find = find
        self.linear = linear


@cache
def ecma_regex(pattern: str) -> EcmaRegex:
    """`pattern` compiled as ECMA-262 with the `u` flag (kept: a schema's patterns are few
    and run on every document); raises `EcmaRegexError` when it is not one. A lone
    surrogate in it is given to the engine as ECMA-262 spells one, `\\uD800`; one in a text
    is matched as U+FFFD, which UTF-8 can carry (no YAML spec holds one). Matched by RE2
    where it can spell the pattern, else by the `regex` package, else by regress in a
    process of its own (`regress_process`), both within `MATCH_SECONDS` (its `find` raises
    `SlowMatch` past them, `EngineEnded` when regress's process ended before answering).
    Raises `UnsafePattern` (an `EcmaRegexError`) for one only regress can match and that
    aborts it."""
    ecma_backtracking(pattern)  # raises EcmaRegexError for one that is not ECMA-262
    spelt = _SURROGATE.sub(_escaped, pattern)
    linear = _linear(spelt)
    if linear is not None:
        return EcmaRegex(_readable(linear), linear=True)
    budgeted = _budgeted(spelt, pattern)
    reading = read_through(spelt)
    if reading is not None and budgeted is None:
        _refuse_unmatchable(spelt, reading)
    if reading is not None and (name := reading.captures.shared_name_referred()) is not None:
        raise UnsafePattern(_DUPLICATE.format(name=name))
    found = budgeted or bounded_regress(
        spelt if reading is None else _without_unset_references(reading), pattern,
        _match_seconds)
    return EcmaRegex(_readable(_prefiltered(spelt, found)), linear=False)


def _refuse_unmatchable(pattern: str, reading: Translation) -> None:
    """Raise `UnsafePattern` where `pattern` (one only regress can match, `reading` its
    reading) has a shape regress cannot match (`empty_repeats`), naming why regress alone
    can match it and why it cannot."""
    repeats = reading.repeats
    parts = repeats.parts
    shape = _UNSAFE.format(part=parts["found"]) if repeats.found else _NESTED.format(
        part=parts["nested"]) if repeats.nested > 2 else _MISCOUNTED.format(
        part=parts["miscounted"], inner=parts["inner"]) if parts["miscounted"] else (
        _MISREAD.format(part=reading.misread_by_regress) if reading.misread_by_regress else "")
    if shape:
        raise UnsafePattern(_ONLY_REGRESS.format(why=regex_refusal(pattern)) + shape)


def _without_unset_references(reading: Translation) -> str:
    """The pattern `reading` read, each back reference in it that cannot have been set
    (`Translation.unset_references`: inside its own group, or before its group) spelt
    `(?:)`, which matches nothing as ECMA-262's does; regress 2026.9.1 lets one inside its
    own group match otherwise (`^(a|\\1){2}\\1$` refuses `aa`: patfix64b, node 20 the
    oracle). Group numbers are kept: `(?:)` captures nothing."""
    pattern = reading.text
    for start, end in reversed(reading.unset_references):
        pattern = pattern[:start] + "(?:)" + pattern[end:]
    return pattern


def _match_seconds() -> float:
    return MATCH_SECONDS


@cache
def ecma_backtracking(pattern: str) -> regress.Regex:
    """`pattern` compiled by regress alone: enough to learn whether it is ECMA-262 with the
    `u` flag (the `regex` format asks no more); raises `EcmaRegexError` when it is not."""
    return regress.Regex(_SURROGATE.sub(_escaped, pattern), "u")


def _linear(pattern: str) -> Callable[[str], object | None] | None:
    """`pattern`'s search through RE2 (`re2_conditions`), or None where RE2 cannot take it."""
    conditions = re2_conditions(pattern)
    try:
        compiled = [(wanted, re2.compile(syntax, _RE2_OPTIONS).search)
                    for wanted, syntax in conditions or ()]
    except re2.error:  # beyond RE2's bound on memory (a class of many ranges, counted)
        return None
    if not compiled:
        return None
    if len(compiled) == 1:
        search: Callable[[str], object | None] = compiled[0][1]
        return search

    def meets(text: str) -> object | None:
        return True if all((search(text) is not None) == wanted
                           for wanted, search in compiled) else None
    return meets


def _budgeted(pattern: str, written: str) -> Callable[[str], object | None] | None:
    """`pattern`'s search through the `regex` package (`regex_syntax`), raising `SlowMatch`
    (naming it as `written`) on a text it has not decided on within `MATCH_SECONDS`; None
    where that package cannot match it as ECMA-262 does."""
    syntax = regex_syntax(pattern)
    if syntax is None:
        return None
    try:
        search = regex.compile(syntax, regex.ASCII).search
    except (regex.error, OverflowError, RecursionError):  # beyond its bounds
        return None
    return _bounded(lambda text, timeout: search(_SURROGATE.sub("\ufffd", text),
                                                 timeout=timeout), written)


def _bounded(search: Callable[..., object | None], written: str
             ) -> Callable[[str], object | None]:
    """`search` (a `regex` package search) given `MATCH_SECONDS` a text, raising
    `SlowMatch` (naming the pattern as `written`) past them."""
    def find(text: str) -> object | None:
        try:
            return search(text, timeout=MATCH_SECONDS)
        except TimeoutError:
            raise SlowMatch(written, text, MATCH_SECONDS) from None
    return ended_at_once(find)


def _prefiltered(pattern: str, backtracking: Callable[[str], object | None]
                 ) -> Callable[[str], object | None]:
    """`backtracking`, asked only about a text RE2 finds a match of `re2_superset(pattern)`
    in: a text with none is no match, known in linear time (where a backtracking engine
    takes longest: `^((?!-)[a-z0-9-]+)+$` against a slug ending in `!`); `backtracking`
    alone where RE2 cannot take the superset."""
    superset = re2_superset(pattern)
    if superset is None:
        return backtracking
    try:
        search = re2.compile(superset, _RE2_OPTIONS).search
    except re2.error:  # beyond RE2's bound on memory
        return backtracking

    def find(text: str) -> object | None:
        return None if search(text) is None else backtracking(text)
    return find


def _readable(find: Callable[[str], object | None]) -> Callable[[str], object | None]:
    """`find`, taking a text with a lone surrogate as if it held U+FFFD there."""
    def found(text: str) -> object | None:
        try:
            return find(text)
        except UnicodeEncodeError:
            return find(_SURROGATE.sub("\ufffd", text))
    return found


def _escaped(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def ecma_search(pattern: str, text: str) -> object | None:
    """Where `pattern` first matches in `text` (anywhere: JSON Schema patterns are not
    anchored), or None; raises `EcmaRegexError` for a pattern neither ECMA-262 nor Python
    takes, `SlowMatch` as `ecma_regex` does. A pattern ECMA-262 refuses and Python's `re`
    compiles is matched as `re` reads it: only a past version of a schema holds one (read
    as specrepo read it when it was committed, `past_regex`); loading today's schema
    refuses it."""
    try:
        compiled = ecma_regex(pattern)
    except EcmaRegexError:
        if (past := past_regex(pattern)) is None:
            raise
        return past(text)
    return compiled.find(text)


@cache
def past_regex(pattern: str) -> Callable[[str], object | None] | None:
    """The search of `pattern` as Python's `re` reads it (as jsonschema, and specrepo before
    it matched patterns as ECMA-262, read every schema), or None where `re` refuses it. It
    is run by the `regex` package, whose default syntax is `re`'s, within `MATCH_SECONDS`
    (`SlowMatch`), where that package takes the pattern; else by `re`, unbounded."""
    try:
        native = re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    try:
        search = regex.compile(pattern).search
    except (regex.error, RecursionError, OverflowError):
        return native.search
    return _bounded(search, pattern)


def ecma_matches(pattern: str, text: str) -> bool:
    """Whether `pattern` matches somewhere in `text`, as `pattern` and `patternProperties`
    test it (`ecma_search`; false for a pattern neither ECMA-262 nor Python takes)."""
    try:
        return ecma_search(pattern, text) is not None
    except EcmaRegexError:
        return False


_SYNTAX: Final = frozenset("^$\\.*+?()[]{}|/")
"""The characters ECMA-262 lets a `\\` escape with the `u` flag (its SyntaxCharacter and
`/`); `-` too, inside a class."""
_ESCAPE_LETTERS: Final = frozenset("dDwWsSbBfnrtvcxupPk0123456789")
"""What may follow a `\\` as an escape of its own (a class, a control character, a code
point, a property, a back reference); whether it is well formed, the engine says."""
_PYTHON_ANCHORS: Final = {"A": "^", "Z": "$", "z": "$"}


def needless_escape(pattern: str) -> str | None:
    """Why the first escape of `pattern` that ECMA-262 with the `u` flag refuses is none,
    and what to write instead (`'\\-' outside a [...] class: write '-'`); None when every
    escape is one (a pattern refused for another reason)."""
    in_class, index = False, 0
    while index < len(pattern) - 1:
        char = pattern[index]
        if char != "\\":
            in_class = (in_class or char == "[") and not (in_class and char == "]")
            index += 1
            continue
        escaped = pattern[index + 1]
        if escaped in _PYTHON_ANCHORS:
            return f"'\\{escaped}' is Python's, not ECMA-262's: write '{_PYTHON_ANCHORS[escaped]}'"
        if escaped.isalnum() and escaped not in _ESCAPE_LETTERS:
            return f"'\\{escaped}' is no escape of ECMA-262"
        if not (escaped.isalnum() or escaped in _SYNTAX or (in_class and escaped == "-")):
            where = " outside a [...] class" if escaped == "-" else ""
            return (f"'\\{escaped}'{where} escapes a character that needs no escape: "
                    f"write '{escaped}'")
        index += 2
    return None
