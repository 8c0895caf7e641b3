"""Words for counts and articles: `1 file`, `2 files`, `an Approved spec`."""

from __future__ import annotations


def plural(count: int, noun: str, many: str | None = None) -> str:
    """`noun` for one, else `many` (default: `noun` + `s`)."""
    return noun if count == 1 else (many or f"{noun}s")


def counted(count: int, noun: str, many: str | None = None) -> str:
    """`1 file`, `2 files`: the count and the word that fits it."""
    return f"{count} {plural(count, noun, many)}"


def with_article(word: str) -> str:
    """`a Draft`, `an Approved spec`: `word` after the indefinite article its first letter
    calls for (`an` before a vowel letter, by spelling, not sound: `an Approved`,
    `an integer`, `a Draft`)."""
    return f"{'an' if word[:1].casefold() in ('a', 'e', 'i', 'o', 'u') else 'a'} {word}"
