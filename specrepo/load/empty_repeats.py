"""Whether an ECMA-262 pattern quantifies what can match nothing inside a repetition
(`((a|)+)+b`, `((a?)+)+b`, `(?:b(?:a*)?)*c`, even `(?:b(?:a*){1})*c`): the shape on which
regress, the backtracking engine that patterns RE2 cannot take go to, asks for gigabytes
and aborts the process (regress 2026.9.1; check58 found it, on `^((a|)+)+$(?<!-)` against
`ab`: 10 GB asked, exit 134). Found by trying random shapes against regress in a process
of bounded memory: every one that aborted it is of this shape (some of this shape do not)."""

from __future__ import annotations

import re
from typing import Final

_QUANTIFIER: Final = re.compile(r"(?:([*+?])|\{([0-9]+)(,([0-9]*))?\})\??")
_Term = tuple["_Node", bool, bool, bool]
"""What a term repeats, whether it has a quantifier, whether it may be left out (at least 0
times), and whether it may repeat it more than once."""


class _Node:
    """A group's alternatives (each a list of terms), or a single atom (`alternatives`
    None) that can or cannot match nothing; a lookaround is one that matches nothing
    (`empty`) whose alternatives are searched for the shape too (check61: regress asked
    for gigabytes on `(?=(?:(a?)?1)+$)\\1` against `a1a`)."""

    def __init__(self, alternatives: list[list[_Term]] | None, empty: bool = False) -> None:
        self.alternatives = alternatives
        self.atom_empty = empty

    def can_match_nothing(self) -> bool:
        if self.alternatives is None or self.atom_empty:
            return self.atom_empty
        return any(all(optional or term.can_match_nothing()
                       for term, _, optional, _ in alternative)
                   for alternative in self.alternatives)


def repeats_nothing_inside_a_repeat(pattern: str) -> bool:
    """Whether `pattern` (well formed, ECMA-262 with the `u` flag) quantifies (with any
    quantifier, `{1}` too) something that can match nothing, inside something repeated
    more than once."""
    reading = _Reading(pattern)
    try:
        whole = reading.group_body()
    except (ValueError, IndexError):  # not well formed: regress says so
        return False
    return _nested(whole, inside=False)


def _nested(node: _Node, inside: bool) -> bool:
    for alternative in node.alternatives or ():
        for term, quantified, _, many in alternative:
            if quantified and inside and term.can_match_nothing():
                return True
            if term.alternatives is not None and _nested(term, inside or many):
                return True
    return False


class _Reading:
    """One pass over the pattern's groups, quantifiers and atoms."""

    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.at = 0

    def group_body(self) -> _Node:
        alternatives: list[list[_Term]] = [[]]
        while self.at < len(self.text) and self.text[self.at] != ")":
            if self.text[self.at] == "|":
                self.at += 1
                alternatives.append([])
                continue
            atom = self.atom()
            found = _QUANTIFIER.match(self.text, self.at)
            optional, many = False, False
            if found is not None:
                self.at = found.end()
                sign, least, counted, most = found.groups()
                optional = sign in ("*", "?") or (least is not None and int(least) == 0)
                many = sign in ("*", "+") or (least is not None and (
                    int(least) > 1 if counted is None else most == "" or int(most) > 1))
            alternatives[-1].append((atom, found is not None, optional, many))
        return _Node(alternatives)

    def atom(self) -> _Node:
        char = self.text[self.at]
        if char == "(":
            opening = re.match(r"\(\?(?:[:=!]|<[=!]|<[^>]*>)|\(", self.text[self.at:])
            assert opening is not None
            around = opening.group() in ("(?=", "(?!", "(?<=", "(?<!")
            self.at += len(opening.group())
            body = self.group_body()
            self.at += 1  # the `)`
            return _Node(body.alternatives, empty=True) if around else body
        if char == "[":
            self.at = _class_end(self.text, self.at)
            return _Node(None)
        if char in "^$":
            self.at += 1
            return _Node(None, empty=True)
        if char == "\\":
            return self.escape()
        self.at += 1
        return _Node(None)

    def escape(self) -> _Node:
        letter = self.text[self.at + 1]
        if letter in "bB":
            self.at += 2
            return _Node(None, empty=True)
        if letter == "k" or (letter.isdigit() and letter != "0"):  # a back reference
            found = re.match(r"\\(?:k<[^>]*>|[0-9]+)", self.text[self.at:])
            self.at += len(found.group()) if found else 2
            return _Node(None, empty=True)
        found = re.match(r"\\(?:[pPu]\{[^}]*\}|u[0-9a-fA-F]{4}|x..|c.|.)", self.text[self.at:],
                         re.DOTALL)
        self.at += len(found.group()) if found else 2
        return _Node(None)


def _class_end(text: str, at: int) -> int:
    """Where the class `[...]` opening at `at` ends (after its `]`)."""
    at += 1
    while text[at] != "]":
        at += 2 if text[at] == "\\" else 1
    return at + 1
