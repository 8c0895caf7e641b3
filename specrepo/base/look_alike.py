"""Names that look the same and are not: the same text written with other Unicode code
points (canonically equivalent, Unicode Standard Annex #15: `café` typed precomposed, NFC,
or as `e` and a combining accent, NFD, as macOS file names and PDFs give it; compatibility
equivalent: the ff ligature U+FB00, a fullwidth O U+FF2F), or a word that mixes the
letters of alphabets that share shapes (a Cyrillic o, U+043E, in a Latin word: Unicode
Technical Standard #39, section 5.1, mixed-script detection)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Final


def canonical_form(name: str) -> str:
    """`name`'s canonical form (NFC: `K` for the Kelvin sign too); ASCII text is its own, and
    is never normalized, so two ASCII names are never twins."""
    return name if name.isascii() else unicodedata.normalize("NFC", name)


def canonical_twin(name: str, others: Iterable[str]) -> str | None:
    """The first of `others` that differs from `name` but has its canonical form, or None."""
    form = canonical_form(name)
    return next((other for other in others if other != name and canonical_form(other) == form),
                None)


def looks_alike(text: str, other: str) -> bool:
    """Whether `text` and `other` differ but a reader may take one for the other: the same
    text in other code points (`canonical_form`, or NFKC: compatibility equivalents, with
    dashes and spaces read as `-` and ` `: `_skeleton`), or either mixes letters of
    alphabets that share shapes (`mixes_scripts`)."""
    if text == other or (text.isascii() and other.isascii()):
        return False
    return canonical_form(text) == canonical_form(other) \
        or _skeleton(text) == _skeleton(other) or mixes_scripts(text) or mixes_scripts(other)


def _skeleton(text: str) -> str:
    """`text` compatibility-normalized (NFKC), each dash (Unicode category Pd, and the
    minus sign U+2212) written `-` and each space (Zs) ` `: a non-breaking hyphen U+2011,
    an en dash or a no-break space reads as the ASCII one (UTS #39's confusables map them
    so)."""
    return "".join("-" if character == "\u2212" or unicodedata.category(character) == "Pd"
                   else " " if unicodedata.category(character) == "Zs" else character
                   for character in unicodedata.normalize("NFKC", text))


def mixes_scripts(text: str) -> bool:
    """Whether `text` holds letters of two or more of the alphabets whose letters share
    shapes (Latin, Greek, Cyrillic, Armenian, Cherokee, Coptic: `_SHARED_SHAPES`), each
    letter's script read from the first word of its Unicode name (`CYRILLIC SMALL LETTER
    O`): UTS #39's mixed-script detection, narrowed to the scripts its confusables pair
    (a Japanese word that mixes Han and Hiragana mixes none of them)."""
    if text.isascii():
        return False
    scripts = {unicodedata.name(character, "").partition(" ")[0]
               for character in text if character.isalpha()}
    return len(scripts & _SHARED_SHAPES) > 1


_SHARED_SHAPES: Final = frozenset({"LATIN", "GREEK", "CYRILLIC", "ARMENIAN", "CHEROKEE",
                                   "COPTIC"})
"""The scripts whose letters look like each other's (Latin O, Greek Omicron U+039F,
Cyrillic O U+041E)."""


def code_points(text: str) -> str:
    """`text` with every non-ASCII character written as its escape, as a YAML
    double-quoted string writes it (`cafe\\u0301`, `caf\\u00e9`), so that two look-alikes
    read differently."""
    return "".join(character if character.isascii() else
                   f"\\u{ord(character):04x}" if ord(character) < 0x10000 else
                   f"\\U{ord(character):08x}" for character in text)
