"""Words for counts: `1 file`, `2 files`."""

from __future__ import annotations


def plural(count: int, noun: str, many: str | None = None) -> str:
    """`noun` for one, else `many` (default: `noun` + `s`)."""
    return noun if count == 1 else (many or f"{noun}s")


def counted(count: int, noun: str, many: str | None = None) -> str:
    """`1 file`, `2 files`: the count and the word that fits it."""
    return f"{count} {plural(count, noun, many)}"
