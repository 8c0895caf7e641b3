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
`^((?:[ab]{1,2})?){0,2}\\1$`, which regress takes `aabaab` on).

The third is what those 4 share (patfix64, node 20 the oracle:
tests/load/test_regress_differential.py): inside a repetition (of more than once), a term
that counts a part holding a choice, where regress 2026.9.1 loses the inner count or the
captures made in it. The part holds a capturing group and a choice (`([ab]|a){2}`,
`([ab]+)?`), or the term's count has an end and the part holds a quantifier whose count is
not fixed (`(?:aa?){2}`, `(?:a{1,2})?`) or an alternation the count does not fix
(`(?:a|aa)?`). `^(?:(?:a|aa)?){2}$` takes any number of `a`s, `^(?:(?:aa?){2}){2}$`
refuses `aaaa`; a count over a part without a choice (`(?:a{1,2}|b)+`, `(?:(a|b)\\1+)+`),
a fixed count over alternatives that capture nothing (`(?:(?:a|aa){2}){2}`) and a count
without end over a part that captures nothing (`(?:(?:a|aa)+){2}`) are matched as V8
does. Some of the shape are matched rightly too: of 2,368 patterns generated (six seeds),
169 were refused for it, 42 of them answered wrongly by regress and 127 rightly on every
text tried (alternatives that never start alike, `(?:(?:a|b)?){2}`; a lone `(a+)?`
repeated, `^(?:(a+)?)+\\1$`), which the reading cannot tell apart."""

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
        self.choices = _Choices()
        """What the terms inside it (at any depth) hold (`_Choices`)."""
        self.set_groups: set[int] = set()
        """The capturing groups that terms of the alternative being read have set, each
        one that cannot match nothing, whenever the reading reaches past them."""


class _Choices:
    """What a part of a pattern holds, as far as regress's counts inside a repetition go."""

    def __init__(self, captures: bool = False) -> None:
        self.alternates = False
        """Whether it holds an alternation (`a|aa`)."""
        self.counts = False
        """Whether it holds a quantifier whose count is not fixed (`a?`, `a+`, `a{1,2}`)."""
        self.captures = captures
        """Whether it holds (or is) a capturing group."""
        self.miscounted = ""
        """The first term inside it that regress miscounts in a repetition, as written."""

    def joined(self, other: _Choices) -> None:
        """What `other`, a part of this one, holds, held by this one too."""
        self.alternates |= other.alternates
        self.counts |= other.counts
        self.captures |= other.captures
        self.miscounted = self.miscounted or other.miscounted


class EmptyRepeats:
    """The terms of one pattern, in the order a reading meets them: `found` tells whether
    it quantifies (with any quantifier, `{1}` too) something that can match nothing, inside
    something repeated more than once. A lookaround matches nothing, and its body is
    searched for the shape too (check61: regress asked for gigabytes on
    `(?=(?:(a?)?1)+$)\\1` against `a1a`); so do `^`, `$`, `\\b`, `\\B` and a back
    reference, but for one to a group set before it in the same round (`set_before`)."""

    def __init__(self) -> None:
        self.found = False
        self.nested = 0
        """The most repetitions (of more than once) any term is nested in, itself counted:
        `(?:(?:a+)+)+`'s `a` is in three."""
        self.parts = {"found": "", "nested": "", "miscounted": "", "inner": ""}
        """The pattern's own text of the first repetition that makes `found` true, of the
        first that makes `nested` over two (as written: `(?:(?:b+)+)+`), and of the first
        that holds a term regress miscounts (`miscounted`; that term as `inner`)."""
        self._groups = [_Group()]
        self._empty, self._quantifies_empty, self._nested, self._set = False, False, 0, 0
        """The atom just read: whether it can match nothing, and whether it quantifies
        what can inside it."""
        self._choices = _Choices()
        """What the atom just read holds."""

    def read(self, empty: bool) -> None:
        """An atom that is no group (nor lookaround) is read: one that matches nothing
        (`empty`: an assertion, a back reference) or a character."""
        self._empty, self._quantifies_empty, self._nested, self._set = empty, False, 0, 0
        self._choices = _Choices()

    def opened(self) -> None:
        """A group or a lookaround opens."""
        self._groups.append(_Group())

    def alternative(self) -> None:
        """A `|` ends the alternative being read."""
        group = self._groups[-1]
        group.empty_alternative |= group.empty_so_far
        group.empty_so_far, group.set_groups = True, set()
        group.choices.alternates = True

    def closed(self, around: bool, group: int = 0) -> None:
        """The innermost group closes (a lookaround's, `around`, which matches nothing; the
        capturing group numbered `group`, where it is one)."""
        inner = self._groups.pop()
        self._empty = around or inner.empty_alternative or inner.empty_so_far
        self._set = 0 if self._empty else group
        self._quantifies_empty = inner.quantifies_empty
        self._nested = inner.nested
        self._choices = _Choices() if around else inner.choices  # a lookaround is atomic
        self._choices.captures |= bool(group)

    def set_before(self, group: int) -> bool:
        """Whether the capturing group `group` is set, to text that is not empty, wherever
        the reading is now reached: an earlier term of the alternatives being read (at any
        depth) set it, and no repetition since has forgotten it (a back reference to it
        cannot match nothing: `\\1+` in `(?:(a|b)\\1+)+`)."""
        return any(group in each.set_groups for each in self._groups)

    def quantified(self, least: int, most: int | None, part: str) -> None:
        """The atom just read takes a quantifier that repeats it `least` to `most` times
        (None: without end); `part`: the two as written. Where it repeats it more than once,
        a term inside it that regress miscounts (a choice counted) is of the third shape
        the module names."""
        optional, many, choices = least == 0, most is None or most > 1, self._choices
        if many and self._quantifies_empty and not self.found:
            self.found, self.parts["found"] = True, part
        if many and choices.miscounted and not self.parts["miscounted"]:
            self.parts["miscounted"], self.parts["inner"] = part, choices.miscounted
        chooses = choices.counts or choices.alternates
        if (chooses and choices.captures) or (most is not None and (
                choices.counts or (choices.alternates and most != least))):
            choices.miscounted = choices.miscounted or part
        choices.counts |= most != least
        self._nested += many
        if self._nested > 2 and self.nested <= 2:
            self.parts["nested"] = part
        self.nested = max(self.nested, self._nested)
        self._quantifies_empty |= self._empty
        self._empty |= optional
        self._set = 0 if optional else self._set

    def ended(self) -> None:
        """The term just read (its atom and any quantifier) ends."""
        group = self._groups[-1]
        group.empty_so_far &= self._empty
        group.quantifies_empty |= self._quantifies_empty
        group.nested = max(group.nested, self._nested)
        group.choices.joined(self._choices)
        if self._set:
            group.set_groups.add(self._set)
