"""Which back references of an ECMA-262 pattern an engine would read otherwise than
ECMA-262 does: the `regex` package, or regress (a name two groups have).

ECMA-262 forgets the captures of the groups inside a repeated atom each time round
(RepeatMatcher, ECMAScript 2025 §22.2.2.3.1: "for each integer k in the range parenIndex + 1
to parenIndex + parenCount, set cap[k] to undefined"), and refuses an iteration that matches
nothing once the least count is met, so that it never overwrites a capture (`^(a|)*\\1$`
refuses `a`); the `regex` package keeps the last iteration's captures and takes an empty
one. Where every iteration sets the group the two would agree, but the `regex` package
2026.12.2 misses matches there (`^(a+)+-\\1$` against `aaaa-aaa`: check60), so a back
reference to any group inside an atom that may repeat more than once differs. So does one
to a group inside a lookbehind, which ECMA-262 matches from right to left.
`CaptureFates` follows a pattern's groups as a reading meets them.

ECMAScript 2025 lets groups in separate alternatives share a name
(`(?:(?<q>')|(?<q>"))`); `\\k<q>` then matches what the one that took part captured
(§22.2.2.7.2, BackreferenceMatcher with several group indices). regress 2026.9.1, the only
engine specrepo has that takes such a pattern, lets the reference match a group that took no
part, that is nothing: `^(?:(?<q>')|(?<q>"))[a-z]+\\k<q>$` takes the unterminated `'abc`
(check61): `CaptureFates.shared_name_referred` finds such a reference.
"""

from __future__ import annotations

from collections.abc import Mapping


class CaptureFates:
    """The capturing groups and back references of one pattern, in the order a reading
    meets them (groups are numbered as ECMA-262 numbers them: by their opening)."""

    def __init__(self) -> None:
        self.count = 0
        """How many capturing groups have opened so far."""
        self.names: dict[str, int] = {}
        self.references: list[str] = []
        """The groups back references name, as written (a number or a name), in order."""
        self._differing: dict[int, str] = {}
        self._open: list[int] = []
        self._shared: set[str] = set()
        self._named: list[str] = []

    def opened(self, name: str | None) -> None:
        """A capturing group opens (named `name`, if it has one)."""
        self.count += 1
        self._open.append(self.count)
        if name is not None:
            if name in self.names:
                self._shared.add(name)
            self.names[name] = self.count

    def closed(self) -> None:
        """The innermost open capturing group closes."""
        self._open.pop()

    def unset(self, written: str, names: Mapping[str, int], behind: bool) -> bool:
        """Whether the group `written` (a number or a name; `names` as `differs` takes it)
        cannot have been set where a back reference to it is read: it is open, or (outside
        a lookbehind, which ECMA-262 reads from right to left) it opens later. ECMA-262
        sets a capture when its group closes, and forgets the captures inside a repeated
        atom each time round (RepeatMatcher), so such a reference refers to an undefined
        capture and matches nothing, always (§22.2.2.7.2, BackreferenceMatcher)."""
        number = self.number(written, names)
        return number in self._open or (not behind and not 0 < number <= self.count)

    def named(self, name: str | None) -> None:
        """A back reference is met (`\\k<name>`, or one by number: `name` None), wherever
        it is, whatever it reads."""
        if name is not None:
            self._named.append(name)

    def shared_name_referred(self) -> str | None:
        """The first name a back reference met names (`named`) that two or more of the
        groups met have; None when none does (read once the whole pattern is)."""
        return next((name for name in self._named if name in self._shared), None)

    def referred(self, written: str) -> None:
        """A back reference to the group `written` (a number or a name)."""
        self.references.append(written)

    def read_otherwise(self, after: int, why: str) -> None:
        """Groups `after + 1` to `count` are inside an atom that may repeat more than once,
        or inside a lookbehind (which ECMA-262 matches from right to left), `why` says
        which in a user's words: a back reference to one differs."""
        self._differing.update(dict.fromkeys(range(after + 1, self.count + 1), why))

    def differs(self, names: Mapping[str, int]) -> str | None:
        """Why a back reference may read another capture in the other engine than in
        ECMA-262 (`read_otherwise`'s words for the first that may), None where none may
        (`names`: every named group's number, where a reference may come before its
        group)."""
        return next((self._differing[number] for written in self.references
                     if (number := self.number(written, names)) in self._differing), None)

    def number(self, written: str, names: Mapping[str, int]) -> int:
        """The group `written` names (a name met so far, else of `names`); 0 for neither."""
        if written.isdigit():
            return int(written)
        return self.names.get(written, names.get(written, 0))
