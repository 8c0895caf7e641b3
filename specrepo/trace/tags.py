"""Find references to requirements in a line of any language's source, and the git pattern
that finds the lines worth looking at.

Two spellings of one reference, `SPEC-0042/FR-3`, are found, in any letter case
(`spec-0042/fr-3`, `test_spec_0042_fr_3`): both are resolved as a JUnit property's value is,
ids that differ only in case naming the one id spelled so, so that no spelling of a
reference is read past in a file while found in a test result, or the other way round:

- as written (the canonical spelling): a spec id, `/`, an item id. It fits comments,
  strings, JUnit names of runners that allow any text (pytest parameter ids, Go subtests,
  JUnit 5 display names), property values. The spec id is a configured prefix (`id_prefix`,
  plus the prefixes of the known spec ids: upper-case letters and digits), `-` and digits;
  or one of the known spec ids of another shape (a custom format's: `0034`), found only
  when it exists. The item id is letters and digits, with single
  `-`, `_` or `.` between them (`FR-3`, `NFR-12`, `req_login.v2`); a character after
  that (`.` ending a sentence, `,`, `)`) ends it. Letters are ASCII ones, so that text
  written right after the id (`FR-3を実装`) ends it, except that a known item id with
  other letters (`Ä-2`, which a format of one's own may have) is found as it is, and an
  item id that starts with another letter is read in Unicode letters and digits (and is
  dangling when it names nothing).
- as a name (`test_spec_0042_fr_3`, `TestSPEC_0042_FR_3`): the canonical spelling with `_`
  for `-` and `/`, because the names of functions, methods and classes, which many
  runners take as test names, can hold neither. It is the prefix, `_`, digits, `_`,
  letters, `_`, digits: the shape of the bundled format's ids (`FR-3`, `NFR-1`); items of
  other shapes need the canonical spelling. The prefix starts the name, follows a `_` or,
  starting with a capital, follows a lower-case letter (CamelCase: `TestSPEC_0042_FR_3`,
  `testSpec_0042_fr_3`). The digits of the item end at the first character that is not a
  digit (`test_spec_0042_fr_3_rejects_empty`). It reads as `SPEC-0042/FR-3`.

Both spellings start where no letter or digit stands before them (`XSPEC-1/FR-1` is no
reference), except the CamelCase name above. Letter case is ASCII's (U+017F, a long s, is no `s`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.references import ITEM_ID, ItemReference
from specrepo.model.trace import Spelling

_PREFIXED_ID: Final = re.compile(r"([A-Z][A-Z0-9]*)-[0-9]+")
_PREFIXED_ANY_CASE: Final = re.compile(r"([A-Z][A-Z0-9]*)-[0-9]+", re.ASCII | re.IGNORECASE)
_NOT_AFTER_ALNUM: Final = r"(?<![A-Za-z0-9])"
_ITEM_ENDS: Final = r"(?![A-Za-z0-9]|[-_.][A-Za-z0-9])"
"""Where `ITEM_ID` ends, after a known item id of other letters."""
_DASHED_ITEM_ID: Final = ITEM_ID.replace("[-_.]", "[-_.\u2010\u2011\u2012\u2043\u2212\ufe63\uff0d]")
"""`ITEM_ID` with the characters that look like its `-` (a hyphen U+2010, a non-breaking
hyphen U+2011, a figure dash, a hyphen bullet, a minus sign, a small and a fullwidth
hyphen-minus; not the en and em dashes prose writes between words) read as part of it:
`FR<U+2011>1` is a look-alike of `FR-1` (a dangling reference that suggests it), not `FR`."""
_UNICODE_ITEM_ID: Final = r"[^\W_]+(?:[-_.][^\W_]+)*"
"""`ITEM_ID` in Unicode letters and digits: an item id starting with a letter that is not
ASCII."""


@dataclass(frozen=True)
class ReferenceGrammar:
    """Which spec ids references may start with."""

    prefixes: tuple[str, ...]
    """Upper-case prefixes of `PREFIX-digits` spec ids, longest first."""
    other_ids: frozenset[str]
    """Known spec ids of other shapes: found only those (in any letter case)."""
    other_items: frozenset[str] = frozenset()
    """Known item ids with characters `ITEM_ID` does not read (`Ä-2`)."""


def reference_grammar(id_prefix: str, known_spec_ids: Iterable[str],
                      known_item_ids: Iterable[str] = ()) -> ReferenceGrammar:
    """The grammar for a repository whose new ids take `id_prefix` (config `id_prefix`) and
    whose specs with items have `known_spec_ids`, their items `known_item_ids`. A spec id
    `PREFIX-digits` adds its prefix: a reference naming another number of it is then found
    (and dangling)."""
    prefixes = {id_prefix}
    others = set()
    for spec_id in known_spec_ids:
        shaped = _PREFIXED_ID.fullmatch(spec_id)
        if shaped:
            prefixes.add(shaped.group(1))
        else:
            others.add(spec_id)
    item_id = re.compile(ITEM_ID)
    return ReferenceGrammar(tuple(sorted(prefixes, key=lambda p: (-len(p), p))),
                            frozenset(others), frozenset(
                                item for item in known_item_ids if not item_id.fullmatch(item)))


@dataclass(frozen=True)
class FoundReference:
    """A reference found in a line of text."""

    reference: ItemReference
    """What it names, in the canonical spelling (`SPEC-0042/FR-3`, also for a name)."""
    written: str
    """The text as written (`test_spec_0042_fr_3` has `spec_0042_fr_3`)."""
    column: int
    """The 1-based column of its first character, counted in characters."""
    spelling: Spelling


class ReferenceFinder:
    """Finds the references of a `ReferenceGrammar` in text, and gives git a pattern."""

    def __init__(self, grammar: ReferenceGrammar) -> None:
        self.grammar = grammar
        prefixes = "|".join(grammar.prefixes)
        specs = [f"(?:{prefixes})-[0-9]+", *_shapes(grammar.other_ids, re.escape)]
        items = [*(f"{re.escape(item)}{_ITEM_ENDS}"
                   for item in sorted(grammar.other_items, key=lambda i: (-len(i), i))),
                 _DASHED_ITEM_ID, _UNICODE_ITEM_ID]
        self._other_ids = {spec_id.upper() for spec_id in grammar.other_ids}
        self._pattern = re.compile(
            f"{_NOT_AFTER_ALNUM}(?P<spec>(?ai:{'|'.join(specs)}))/(?P<item>{'|'.join(items)})"
            f"|(?P<prefix>{_NOT_AFTER_ALNUM}(?ai:{prefixes})|(?<=[a-z])(?=[A-Z])(?ai:{prefixes}))"
            "_(?P<number>[0-9]+)_(?P<letters>[A-Za-z]+)_(?P<item_number>[0-9]+)(?![0-9])")
        self._mention = re.compile(
            f"(?:{_NOT_AFTER_ALNUM}|(?<=[a-z])(?=[A-Z]))(?ai:{prefixes})[-_]?[0-9]+")
        self._named: dict[tuple[str, str], ItemReference] = {}
        """Each reference found so far, by its spec and item ids."""
        self._spec_ids: dict[str, bool] = {}
        """Whether each spec id written so far is one of the grammar's."""

    def find(self, text: str) -> list[FoundReference]:
        """Every reference in `text`, left to right; none overlap."""
        return [FoundReference(*found) for found in self.references(text)]

    def references(self, text: str) -> Iterator[tuple[ItemReference, str, int, Spelling]]:
        """`find`'s references as (reference, written, column, spelling) tuples. Each
        distinct reference is one `ItemReference` object, whatever the line: equal
        references found by this finder are the same object."""
        named, spec_ids = self._named, self._spec_ids
        for match in self._pattern.finditer(text):
            spec = match["spec"]
            if spec is not None:
                known = spec_ids.get(spec)
                if known is None:
                    known = spec_ids[spec] = self._is_spec_id(spec)
                if not known:
                    continue
                key = (spec, match["item"])
                spelling: Spelling = "canonical"
            else:
                key = (f"{match['prefix'].upper()}-{match['number']}",
                       f"{match['letters'].upper()}-{match['item_number']}")
                spelling = "name"
            reference = named.get(key)
            if reference is None:
                reference = named[key] = ItemReference(*key)
            yield reference, match[0], match.start() + 1, spelling

    def mentioned_spec(self, text: str) -> str | None:
        """The first spec id `text` mentions in any spelling, with or without its item
        (`SPEC-0042 FR-3`, `spec_0042_login`, `testSpec0042`), as written; None when it
        mentions none. For a failed test that names no requirement: so it is told why."""
        match = self._mention.search(text)
        return None if match is None else match[0]

    def in_id_case(self, spec: str) -> bool:
        """Whether the spec id `spec`, as a reference wrote it, is in the letter case ids
        are: a configured prefix's (`SPEC-0042`) or a known id's as it is (`kep-12`). A
        reference in another case (`spec-0042/fr-3`) counts where it names a requirement;
        naming nothing, it is no dangling reference: lower-case text such as a fixture's
        path (`tests/fixtures/spec-0001/valid.json`) is mostly not one (newuser72)."""
        shaped = _PREFIXED_ID.fullmatch(spec)
        return (shaped is not None and shaped.group(1) in self.grammar.prefixes) \
            or spec in self.grammar.other_ids

    def _is_spec_id(self, spec: str) -> bool:
        shaped = _PREFIXED_ANY_CASE.fullmatch(spec)
        return (shaped is not None and shaped.group(1).upper() in self.grammar.prefixes) \
            or spec.upper() in self._other_ids

    def git_pattern(self) -> str:
        """A POSIX extended regular expression (`git grep -E`) that matches every line
        `find` finds a reference in, and few others: git searches, Python confirms.

        ERE, not `-P`: git has Perl-compatible expressions only when built with PCRE, and
        ERE has no look-around nor case-insensitive groups, so the pattern is a wider net
        than `find` (no boundaries; each letter of a spec id as `[Ss]`; an item
        starting with any character outside printable ASCII: git runs with LC_ALL=C, where
        that is any byte of a character that is not ASCII).
        """
        folded = "|".join(_any_case(_ere_escape(prefix)) for prefix in self.grammar.prefixes)
        specs = [f"({folded})-[0-9]+", *_shapes(
            self.grammar.other_ids, lambda text: _any_case(_ere_escape(text)))]
        return f"({'|'.join(specs)})/([A-Za-z0-9]|[^ -~])|({folded})_[0-9]+_[A-Za-z]+_[0-9]"


def _shapes(spec_ids: Iterable[str], escape: Callable[[str], str]) -> list[str]:
    """Patterns for spec ids of other shapes: each id with its runs of digits as
    `[0-9]+`, the rest escaped by `escape`; one pattern per distinct shape, longest first."""
    shapes = {
        "".join("[0-9]+" if index % 2 else escape(part)
                for index, part in enumerate(re.split("([0-9]+)", spec_id)))
        for spec_id in spec_ids}
    return sorted(shapes, key=lambda shape: (-len(shape), shape))


_ERE_SPECIAL: Final = frozenset(".[]()*+?{}|^$\\")


def _ere_escape(text: str) -> str:
    return "".join(f"\\{character}" if character in _ERE_SPECIAL else character
                   for character in text)


def _any_case(text: str) -> str:
    """`text` (escaped for an ERE) with each ASCII letter in either case: `[Ss]`."""
    return "".join(f"[{character.upper()}{character.lower()}]"
                   if character.isascii() and character.isalpha() else character
                   for character in text)
