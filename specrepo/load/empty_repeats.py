"""Whether an ECMA-262 pattern quantifies what can match nothing inside a repetition
(`((a|)+)+b`, `((a?)+)+b`, `(?:b(?:a*)?)*c`, even `(?:b(?:a*){1})*c`): the shape on which
regress, the backtracking engine that patterns RE2 cannot take go to, asks for gigabytes
and aborts the process (regress 2026.9.1; check58 found it, on `^((a|)+)+$(?<!-)` against
`ab`: 10 GB asked, exit 134). Found by trying random shapes against regress in a process
of bounded memory: every one that aborted it is of this shape (some of this shape do not).
`EmptyRepeats` follows a pattern's terms as a reading (`ecma_translation`) meets them.

How deep repetitions (of more than once) nest is the other shape regress cannot match: a
repetition inside two others (`^(?:(a+)+)+\\1$` against `aa`, `^(?:(?:a+)+)+a$` against
`aa`) misses matches ECMA-262 finds (V8, node 20), where two deep it does not (pattern63:
of 6,000 random patterns with a back reference, regress and V8 disagreed on 693, all but 4
three deep or more; those 4 repeat a group that can match nothing, as
`^((?:[ab]{1,2})?){0,2}\\1$`, which regress takes `aabaab` on: left alone)."""

from __future__ import annotations


class _Group:
    """What is known of a group (or the whole pattern, or a lookaround's body) being read."""

    def __init__(self) -> None:
        self.empty_alternative = False
        """Whether an alternative read so far can match nothing."""
        self.empty_so_far = True
        """Whether every term of the alternative being read can match nothing."""
        self.quantifies_empty = False
        """Whether a term inside it (at any depth) quantifies what can match nothing."""
        self.nested = 0
        """The most repetitions (of more than once) a term inside it is nested in."""


class EmptyRepeats:
    """The terms of one pattern, in the order a reading meets them: `found` tells whether
    it quantifies (with any quantifier, `{1}` too) something that can match nothing, inside
    something repeated more than once. A lookaround matches nothing, and its body is
    searched for the shape too (check61: regress asked for gigabytes on
    `(?=(?:(a?)?1)+$)\\1` against `a1a`); so do `^`, `$`, `\\b`, `\\B` and a back
    reference."""

    def __init__(self) -> None:
        self.found = False
        self.nested = 0
        """The most repetitions (of more than once) any term is nested in, itself counted:
        `(?:(?:a+)+)+`'s `a` is in three."""
        self._groups = [_Group()]
        self._empty, self._quantifies_empty = False, False
        """The atom just read: whether it can match nothing, and whether it quantifies
        what can inside it."""

    def read(self, empty: bool) -> None:
        """An atom that is no group (nor lookaround) is read: one that matches nothing
        (`empty`: an assertion, a back reference) or a character."""
        self._empty, self._quantifies_empty, self._nested = empty, False, 0

    def opened(self) -> None:
        """A group or a lookaround opens."""
        self._groups.append(_Group())

    def alternative(self) -> None:
        """A `|` ends the alternative being read."""
        group = self._groups[-1]
        group.empty_alternative |= group.empty_so_far
        group.empty_so_far = True

    def closed(self, around: bool) -> None:
        """The innermost group closes (a lookaround's, `around`, which matches nothing)."""
        group = self._groups.pop()
        self._empty = around or group.empty_alternative or group.empty_so_far
        self._quantifies_empty = group.quantifies_empty
        self._nested = group.nested

    def quantified(self, optional: bool, many: bool) -> None:
        """The atom just read takes a quantifier, that may leave it out (`optional`) and
        may repeat it more than once (`many`)."""
        self.found |= many and self._quantifies_empty
        self._nested += many
        self.nested = max(self.nested, self._nested)
        self._quantifies_empty |= self._empty
        self._empty |= optional

    def ended(self) -> None:
        """The term just read (its atom and any quantifier) ends."""
        group = self._groups[-1]
        group.empty_so_far &= self._empty
        group.quantifies_empty |= self._quantifies_empty
        group.nested = max(group.nested, self._nested)
