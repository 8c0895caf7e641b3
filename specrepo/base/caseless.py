"""How specrepo compares text people type: headings, section paths and people's names; and
when such text shows nothing at all (`is_blank`).

One rule, Unicode's compatibility caseless match (The Unicode Standard, section 3.13,
D146: NFKD, case folding, NFKD and case folding again, after NFD), composed again (NFC,
so the key reads as the text: `é` one letter, as UAX #15's NFKC writes it), with the
default-ignorable code points dropped (UAX #44's `Default_Ignorable_Code_Point`: zero-width
spaces and joiners, bidirectional marks, soft hyphens, variation selectors, which show
nothing; UAX #31 section 5's `NFKC_Casefold` drops them for the same reason) and runs of
white space as one space. So `Sécurité` typed composed (NFC, as most keyboards give it) or
decomposed (`e` + U+0301, as macOS file names and PDFs give it), `SÉCURITÉ`, `Sécu<U+200B>rité`
with a zero-width space inside and `Grace   Hopper` with a no-break space are each one key.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Final

from specrepo.base.look_alike import DEFAULT_IGNORABLE, looks_alike, skeleton
from specrepo.base.one_line import one_line

__all__ = ["DEFAULT_IGNORABLE", "caseless_key", "is_blank", "shown_among", "shown_apart",
           "told_apart"]


@cache
def caseless_key(text: str) -> str:
    """What every spelling of `text` that reads the same shares (see the module
    docstring). Kept per text: a history compares the same few headings and names
    thousands of times."""
    text = DEFAULT_IGNORABLE.sub("", text)
    folded = unicodedata.normalize("NFKD", unicodedata.normalize(
        "NFKD", unicodedata.normalize("NFD", text).casefold()).casefold())
    return " ".join(unicodedata.normalize("NFC", folded).split())


def is_blank(text: str) -> bool:
    """Whether `text` shows nothing a reader could read as a title, heading or name: no
    letter, digit, punctuation or symbol (Unicode general categories L, N, P, S) that is
    not a default-ignorable code point (`DEFAULT_IGNORABLE`: the Hangul fillers are letters
    that show nothing). Empty text, white space (a no-break space too), zero-width and
    bidirectional format characters, controls and lone combining marks are blank. The one
    rule for "is this title, heading or name empty" (`title: "\u200b"` is no title, as
    `title: ""` is none)."""
    for character in text:
        if unicodedata.category(character)[0] in "LNPS" \
                and not DEFAULT_IGNORABLE.match(character):
            return False
    return True


_SHOWS_NOTHING: Final = frozenset("\u2800")
"""Printable characters that show nothing (the braille pattern blank)."""


def shown_apart(text: str, other: str) -> str:
    """`text` as a message shows it beside `other`, which it may look just like: each
    character that shows nothing and that `caseless_key` keeps (a control or format
    character, a private-use or unassigned code point, the braille blank: not
    `str.isprintable`, Unicode categories C and Z but the space) written `<U+FFF9>`, but
    a line break or control character written as `one_line` writes it on the same line
    (`\\n`, `\\x1b`, `\\u2028`: a finding's JSON path beside it writes it so); each
    character past ASCII written so too when a reader may take one text for the other
    (`look_alike.looks_alike`: `Pru<U+0308>fung` typed decomposed, as macOS and PDFs give
    it, beside `Pr<U+00FC>fung`; `<U+FF30>roposed` typed fullwidth, `Pr<U+043E>posed` with a
    Cyrillic o (U+043E), `SPEC<U+2011>0010` with a non-breaking hyphen, beside `Proposed`
    and `SPEC-0010`); else `text`. The one rule for a message naming a word and the word
    likely meant ("did you mean"), or the words allowed (`shown_among`)."""
    return shown_among(text, (other,))


def shown_among(text: str, others: Iterable[str]) -> str:
    """`text` as a message shows it beside all of `others` (a list of choices): as
    `shown_apart` shows it beside the one of them it looks most like. Text that reads as
    ASCII text and is not (`look_alike.skeleton`: `Gr<U+2011>ace`, `<U+0420>0`) looks like
    that text, which a reader may take it for beside no choice at all."""
    alike = any(looks_alike(text, other) for other in others) \
        or (not text.isascii() and skeleton(text).isascii())
    if not alike and all(not _shows_nothing(character) for character in text):
        return text
    return "".join(_shown(character, alike) for character in text)


def _shown(character: str, alike: bool) -> str:
    """One character of `shown_among`'s text (`alike`: its text looks like another)."""
    if _is_surrogate(character):
        return character
    if (escaped := one_line(character)) != character:
        return escaped
    return f"<U+{ord(character):04X}>" if _shows_nothing(character) \
        or (alike and not character.isascii()) else character


def told_apart(word: str, meant: str) -> tuple[str, str]:
    """`word` and `meant` as a "did you mean" message shows them side by side
    (`shown_apart` each beside the other)."""
    return shown_apart(word, meant), shown_apart(meant, word)


def _shows_nothing(character: str) -> bool:
    return (not character.isprintable() or character in _SHOWS_NOTHING) \
        and not _is_surrogate(character)


def _is_surrogate(character: str) -> bool:
    """A lone surrogate: a byte of an argument or file name that is not UTF-8
    (`surrogateescape`), which the CLI's boundary writes as the byte (`\\xe9`)."""
    return "\ud800" <= character <= "\udfff"
