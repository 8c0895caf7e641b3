"""Names that look the same and are not: the same text written with other Unicode code
points (canonically equivalent, Unicode Standard Annex #15: `café` typed precomposed, NFC,
or as `e` and a combining accent, NFD, as macOS file names and PDFs give it)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def canonical_form(name: str) -> str:
    """`name`'s canonical form (NFC: `K` for the Kelvin sign too); ASCII text is its own, and
    is never normalized, so two ASCII names are never twins."""
    return name if name.isascii() else unicodedata.normalize("NFC", name)


def canonical_twin(name: str, others: Iterable[str]) -> str | None:
    """The first of `others` that differs from `name` but has its canonical form, or None."""
    form = canonical_form(name)
    return next((other for other in others if other != name and canonical_form(other) == form),
                None)


def code_points(text: str) -> str:
    """`text` with every non-ASCII character written as its escape, as a YAML
    double-quoted string writes it (`cafe\\u0301`, `caf\\u00e9`), so that two look-alikes
    read differently."""
    return "".join(character if character.isascii() else
                   f"\\u{ord(character):04x}" if ord(character) < 0x10000 else
                   f"\\U{ord(character):08x}" for character in text)
