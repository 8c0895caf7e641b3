"""Names that look the same and are not: the same text written with other Unicode code
points (canonically equivalent, Unicode Standard Annex #15: `café` typed precomposed, NFC,
or as `e` and a combining accent, NFD, as macOS file names and PDFs give it; compatibility
equivalent: the ff ligature U+FB00, a fullwidth O U+FF2F), or a word that mixes the
letters of alphabets that share shapes (a Cyrillic o, U+043E, in a Latin word: Unicode
Technical Standard #39, section 5.1, mixed-script detection), or a word written in one
alphabet that reads as a word of another (a Cyrillic `<U+0420>0` for `P0`: UTS #39's confusable
skeleton, `skeleton`)."""

from __future__ import annotations

import re
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
    text in other code points (`canonical_form`, or `skeleton`: compatibility equivalents,
    dashes, spaces, invisible characters and letters of other alphabets that read as the
    Latin ones), or either mixes letters of alphabets that share shapes
    (`mixes_scripts`)."""
    if text == other or (text.isascii() and other.isascii()):
        return False
    return canonical_form(text) == canonical_form(other) \
        or skeleton(text) == skeleton(other) or mixes_scripts(text) or mixes_scripts(other)


def alike_among(text: str, others: Iterable[str]) -> str | None:
    """The first of `others` a reader may take `text` for because they share a `skeleton`
    (`HEAD` for `HEAD<U+200B>`, `P0` for a Cyrillic `<U+0420>0`), or None. The one "did you mean"
    that no spelling distance finds: a look-alike may differ in every letter."""
    form = skeleton(text)
    return next((other for other in others if other != text and skeleton(other) == form),
                None)


def skeleton(text: str) -> str:
    """What `text` looks like, UTS #39 section 4's skeleton narrowed to what specrepo's
    names are written in: compatibility-normalized (NFKC: fullwidth `<U+FF10>` is `0`), without
    the default-ignorable code points that show nothing (`DEFAULT_IGNORABLE`: a zero-width
    space), each dash (Unicode category Pd, and the minus sign U+2212) written `-`, each
    space (Zs) ` `, and each Cyrillic or Greek letter that looks like a Latin one written
    as that (`_LATIN_SHAPES`: Cyrillic Er U+0420 as `P`). Two texts of one skeleton read
    the same."""
    shaped = (_LATIN_SHAPES.get(character, character) for character in
              unicodedata.normalize("NFKC", DEFAULT_IGNORABLE.sub("", text)))
    return "".join("-" if character == "\u2212" or unicodedata.category(character) == "Pd"
                   else " " if unicodedata.category(character) == "Zs" else character
                   for character in shaped)


DEFAULT_IGNORABLE: Final = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")
"""Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 15.1)."""

_LATIN_SHAPES: Final = dict(zip(
    "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0423\u0425"
    "\u0405\u0406\u0408\u04ae\u04ba\u04c0\u051a\u051c"
    "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0455\u0456\u0458\u04bb\u04cf"
    "\u0501\u051b\u051d\u04af"
    "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4"
    "\u03a5\u03a7\u03b1\u03b9\u03bd\u03bf\u03c1\u03c5\u03b3",
    "ABEKMHOPCTYXSIJYHlQWaeopcyxsijhldqwyABEZHIKMNOPTYXaivopuy", strict=True))
"""Cyrillic and Greek letters that look like a Latin letter, and that letter: the part of
UTS #39's confusables.txt (its "MA" table) that maps a letter of those alphabets to one
Latin letter (Cyrillic A U+0410, Er U+0420, small o U+043E; Greek Omicron U+039F)."""


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
