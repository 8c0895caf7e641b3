"""Names that look the same and are not: the same text written with other Unicode code
points (canonically equivalent, Unicode Standard Annex #15: `café` typed precomposed, NFC,
or as `e` and a combining accent, NFD, as macOS file names and PDFs give it)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def canonical_twin(name: str, others: Iterable[str]) -> str | None:
    """The first of `others` that differs from `name` but is canonically equivalent to it
    (the same NFC form: `K` and the Kelvin sign too), or None. Two ASCII names are never
    twins: only where one is not ASCII is either normalized."""
    composed = unicodedata.normalize("NFC", name)
    ascii_name = name.isascii()
    return next((other for other in others if other != name
                 and not (ascii_name and other.isascii())
                 and unicodedata.normalize("NFC", other) == composed), None)


def code_points(text: str) -> str:
    """`text` with every non-ASCII character written as its escape, as a YAML
    double-quoted string writes it (`cafe\\u0301`, `caf\\u00e9`), so that two look-alikes
    read differently."""
    return "".join(character if character.isascii() else
                   f"\\u{ord(character):04x}" if ord(character) < 0x10000 else
                   f"\\U{ord(character):08x}" for character in text)
