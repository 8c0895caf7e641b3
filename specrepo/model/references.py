"""References to items of specs (`SPEC-0042/FR-3`), and whether the item they name exists."""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Mapping
from functools import cached_property
from typing import Final, Literal, TypeAlias

from specrepo.base.caseless import shown_among, told_apart
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.digit_runs import DigitsKey, number_key
from specrepo.base.look_alike import alike_among, skeleton
from specrepo.base.suggest import did_you_mean

SEPARATOR: Final = "/"
ITEM_ID: Final = r"[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*"
"""What an item id a reference names is made of (a regular expression, Python's and
ECMA-262's alike): letters and digits, with single `-`, `_` or `.` between them (`FR-3`,
`NFR-12`, `req_login.v2`). The bundled schema's item references and the tag finder use it."""
_TRAILING_NUMBER: Final = re.compile(r"(.*?)([0-9]+)")
_DIGITS: Final = re.compile("[0-9]+")


class ReferenceSyntaxError(ValueError):
    """Text that is not a reference: `spec id/item id`, neither part empty, no spaces."""


@dataclass(frozen=True, order=True)
class ItemReference:
    """A reference to one item of one spec: `SPEC-0042/FR-3` is spec `SPEC-0042`, item `FR-3`.

    Any item of a list the format's field map names in `item_lists` (the bundled format:
    `requirements.functional` and `requirements.non_functional`) can be referred to.
    """

    spec_id: str
    item_id: str

    def __str__(self) -> str:
        return f"{self.spec_id}{SEPARATOR}{self.item_id}"


def parse_item_reference(text: str) -> ItemReference:
    """The reference `text` spells (`SPEC-0042/FR-3`), split at its last `/` (an item id has
    none; a spec id of a custom format may). Leading and trailing spaces are ignored.
    Raises ReferenceSyntaxError when there is no `/`, a part is empty or holds a space."""
    spec_id, separator, item_id = text.strip().rpartition(SEPARATOR)
    if not separator or not spec_id or not item_id or any(
            character.isspace() for character in spec_id + item_id):
        raise ReferenceSyntaxError(not_a_reference(text))
    return ItemReference(spec_id, item_id)


def not_a_reference(text: str) -> str:
    """The message for `text` given as a reference that is none."""
    return (f"'{text}' is not a reference to an item; write spec id/item id, such as "
            "SPEC-0042/FR-3")


UnknownPart = Literal["spec", "item"]
Folded: TypeAlias = dict[str, tuple[str, ...]]
"""Case-folded id -> the ids spelled so."""


@dataclass(frozen=True)
class UnknownReference:
    """A reference whose spec or item does not exist, and the likeliest one meant."""

    reference: ItemReference
    unknown: UnknownPart
    suggestion: str | None
    """`SPEC-0042/FR-3`, or only a spec id when no item of that spec comes close; None
    when nothing does."""
    renumbered: str | None = None
    """For an unknown spec that history shows renumbered: its id now (`SPEC-0042`)."""
    unreadable: str | None = None
    """For an unknown spec whose file exists but could not be read: that file, as findings
    name it (`specs/SPEC-0001-login.yaml`)."""

    @property
    def message(self) -> str:
        """`SPEC-0043/FR-3 names no spec SPEC-0043; did you mean SPEC-0042/FR-3?`, or
        `SPEC-0001/FR-3 names no spec SPEC-0001 (renumbered SPEC-0042 since); did you
        mean SPEC-0042/FR-3?` for a spec history shows renumbered, or `SPEC-0001/FR-3
        names SPEC-0001, which exists in specs/SPEC-0001-login.yaml but could not be
        read; see its own finding` (as validate's `unknown-reference` says it)."""
        if self.unreadable is not None:
            return (f"{self.reference} names {self.reference.spec_id}, which exists in "
                    f"{self.unreadable} but could not be read; see its own finding")
        # Each id shown apart from the one meant (`caseless.told_apart`): `SPEC<U+2011>0010`,
        # typed with a non-breaking hyphen, beside `SPEC-0010`.
        meant = () if self.suggestion is None else \
            (self.suggestion, *self.suggestion.rsplit(SEPARATOR, 1))
        spec_id = shown_among(self.reference.spec_id, meant)
        missing = (f"no spec {spec_id}" if self.unknown == "spec" else
                   f"no item {shown_among(self.reference.item_id, meant)} of {spec_id}")
        if self.renumbered is not None:
            missing += f" (renumbered {self.renumbered} since)"
        if self.suggestion is None:
            return f"{shown_among(str(self.reference), ())} names {missing}"
        written, suggestion = told_apart(str(self.reference), self.suggestion)
        return f"{written} names {missing}; did you mean {suggestion}?"


@dataclass(frozen=True)
class KnownItems:
    """The items references may name: each spec id with the ids of its items."""

    items: Mapping[str, frozenset[str]]

    @cached_property
    def _folded_specs(self) -> Folded:
        """The spec ids by their case-folded spelling (built when first needed: only a
        look-up that ignores case asks)."""
        return _fold(self.items)

    @cached_property
    def _folded_items(self) -> dict[str, Folded]:
        """Each spec's item ids by their case-folded spelling (as `_folded_specs`)."""
        return {spec: _fold(ids) for spec, ids in self.items.items()}

    @classmethod
    def of(cls, items: Mapping[str, Iterable[str]]) -> KnownItems:
        """From spec ids mapped to their item ids."""
        return cls({spec: frozenset(ids) for spec, ids in items.items()})

    @classmethod
    def pooled(cls, specs: Iterable[tuple[str, Iterable[str]]]) -> KnownItems:
        """From `(spec id, its item ids)` pairs; specs sharing an id pool their items."""
        items: dict[str, set[str]] = {}
        for spec_id, item_ids in specs:
            items.setdefault(spec_id, set()).update(item_ids)
        return cls.of(items)

    def resolve(self, reference: ItemReference, *,
                ignore_case: bool = False) -> ItemReference | UnknownReference:
        """The known reference `reference` names, or what is unknown with a did-you-mean
        on both parts (`_suggest`; for the spec, among the spec ids one character away, or
        with the same number: `SPEC-42` suggests `SPEC-0042`). With
        `ignore_case`, ids that differ only in case match, when just one does; the
        result is spelled as the spec has it."""
        spec_id = _match(reference.spec_id, self.items,
                         self._folded_specs if ignore_case else None)
        if spec_id is None:
            return UnknownReference(reference, "spec", self._suggest_spec(reference))
        items = self.items[spec_id]
        item_id = _match(reference.item_id, items,
                         self._folded_items[spec_id] if ignore_case else None)
        if item_id is None:
            close = likely_misspelling(reference.item_id, items)
            suggestion = str(ItemReference(spec_id, close)) if close else None
            return UnknownReference(reference, "item", suggestion)
        return ItemReference(spec_id, item_id)

    @cached_property
    def _near_spec_ids(self) -> dict[str | tuple[str, DigitsKey], set[str]]:
        """Each spec id under the keys a likely misspelling of it shares: every spelling
        left by deleting one character (case-folded; the symmetric-delete method of
        SymSpell: one wrong, missing, extra or swapped character), and its text before
        a trailing number with that number's value (`SPEC-42` for `SPEC-0042`). Built
        when first needed."""
        index: dict[str | tuple[str, DigitsKey], set[str]] = {}
        for spec_id in self.items:
            for key in _near_keys(spec_id):
                index.setdefault(key, set()).add(spec_id)
        return index

    def suggest_spec_id(self, unknown: str) -> str | None:
        """The known spec id `unknown` most likely misspells, or None: among those one
        character away, or with the same number (`SPEC-42` suggests `SPEC-0042`)."""
        # Comparing an unknown id with thousands of spec ids takes difflib seconds: only
        # the likely misspellings of it, and of the text it reads as
        # (`look_alike.skeleton`: fullwidth digits), are compared.
        index = self._near_spec_ids
        near = {spec_id for written in {unknown, skeleton(unknown)}
                for key in _near_keys(written) for spec_id in index.get(key, ())}
        return likely_misspelling(unknown, near)

    def spec_id_hint(self, unknown: str) -> tuple[str, str]:
        """`unknown` as a message that it names no spec shows it, and `; did you mean
        SPEC-0001?` to follow that message, for the id it most likely misspells
        (`suggest_spec_id`), "" when none is likely; the two shown apart
        (`caseless.told_apart`: `SPEC<U+2011>0010` typed with a non-breaking hyphen,
        beside `SPEC-0010`)."""
        suggestion = self.suggest_spec_id(unknown)
        if suggestion is None:
            return shown_among(unknown, ()), ""
        written, meant = told_apart(unknown, suggestion)
        return written, f"; did you mean {meant}?"

    def _suggest_spec(self, reference: ItemReference) -> str | None:
        spec_id = self.suggest_spec_id(reference.spec_id)
        if spec_id is None:
            return None
        items = self.items[spec_id]
        item_id = reference.item_id if reference.item_id in items else \
            likely_misspelling(reference.item_id, items)
        return str(ItemReference(spec_id, item_id)) if item_id else spec_id


def spec_id_hint(unknown: str, spec_ids: Iterable[str]) -> tuple[str, str]:
    """`KnownItems.spec_id_hint` among `spec_ids` (the ids a command knows)."""
    return KnownItems({spec_id: frozenset() for spec_id in spec_ids}).spec_id_hint(unknown)


def likely_misspelling(word: str, ids: Iterable[str]) -> str | None:
    """The id `word` most likely misspells (`suggest.did_you_mean`), among those with the
    same numbers: `SPEC-0002` and `SPEC-0004`, or `FR-6` and `FR-9`, are different things,
    not typos of each other, while `SPEC-42`, `SEPC-0042` and `fr3` are `SPEC-0042`'s and
    `FR-3`'s; first, the id it looks just like (`look_alike.alike_among`: `SPEC-0001` for
    `SPEC-<U+FF10><U+FF10><U+FF10>1` typed fullwidth, whose digits read as other numbers)."""
    known = sorted(ids)
    if (alike := alike_among(word, known)) is not None:
        return alike
    numbers = _numbers(word)
    return did_you_mean(word, [candidate for candidate in known
                               if _numbers(candidate) == numbers])


def _numbers(text: str) -> tuple[DigitsKey, ...]:
    return tuple(number_key(run) for run in _DIGITS.findall(text))


def _match(word: str, ids: Container[str], folded: Folded | None) -> str | None:
    """`word` if it is one of `ids`; given `folded` (case ignored), the one id spelled so
    in any case."""
    if word in ids:
        return word
    spelled = folded.get(word.casefold(), ()) if folded is not None else ()
    return spelled[0] if len(spelled) == 1 else None


def _near_keys(spec_id: str) -> set[str | tuple[str, DigitsKey]]:
    folded = spec_id.casefold()
    keys: set[str | tuple[str, DigitsKey]] = {
        folded, *(folded[:index] + folded[index + 1:] for index in range(len(folded)))}
    numbered = _TRAILING_NUMBER.fullmatch(folded)
    if numbered:
        keys.add((numbered.group(1), number_key(numbered.group(2))))
    return keys


def _fold(ids: Iterable[str]) -> Folded:
    folded: Folded = {}
    for spelled in sorted(ids):
        folded[spelled.casefold()] = (*folded.get(spelled.casefold(), ()), spelled)
    return folded
