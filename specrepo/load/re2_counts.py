"""Counted repetitions (`x{n,m}`) in RE2's syntax, whose counts RE2 bounds (`ecma_translation`)."""

from __future__ import annotations

from typing import Final

MOST_COUNTED: Final = 1000
"""The largest count RE2 takes in `{n,m}` (a larger one is refused, or from ten digits on
read as literal text)."""
MOST_PIECES: Final = 8


def re2_counted(atom: str, counts: str) -> str | None:
    """`atom{counts}` (`counts`: `n`, `n,` or `n,m` as written) in RE2's syntax: a count
    over RE2's largest as a run of pieces that add up to it (`x{0,2500}` matches where
    `x{0,1000}x{0,1000}x{0,500}` does); None for more pieces than RE2 could hold."""
    least, _, most_text = counts.partition(",")
    low = int(least)
    high = low if "," not in counts else None if most_text == "" else int(most_text)
    pieces: list[str] = []
    while low > MOST_COUNTED or (high is not None and high > MOST_COUNTED):
        part_low = min(low, MOST_COUNTED)
        part_high = MOST_COUNTED if high is not None else part_low
        pieces.append(f"{atom}{{{part_low},{part_high}}}")
        low -= part_low
        high = None if high is None else high - part_high
        if len(pieces) >= MOST_PIECES:
            return None
    last = f"{low}" if high == low else f"{low},{'' if high is None else high}"
    return "".join(pieces) + f"{atom}{{{last}}}"
