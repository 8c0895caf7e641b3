"""Runs of digits compared by value at any length: `int` refuses a run of more digits than
Python converts (4,300), which a spec may write (`SPEC-99…9/FR-1`)."""

from __future__ import annotations

import unicodedata

DigitsKey = tuple[int, str]
"""A run of digits by value: its count of digits without leading zeros, then those digits
in ASCII (`number_key`)."""


def number_key(digits: str) -> DigitsKey:
    """A key that orders and equates runs of decimal digits (ASCII, or of any script, as
    `int` reads them: `٤٢` is 42) by value, at any length: `0042` and `42` are one key,
    `9` comes before `10`."""
    if not digits.isascii():
        digits = "".join(str(unicodedata.decimal(digit)) for digit in digits)
    significant = digits.lstrip("0")
    return len(significant), significant


def incremented(digits: str) -> str:
    """The ASCII run of decimal `digits` plus one, at any length, without leading zeros
    (`0041` gives `42`, `99` gives `100`)."""
    significant = digits.lstrip("0")
    kept = significant.rstrip("9")
    nines = len(significant) - len(kept)
    if not kept:
        return "1" + "0" * nines
    return kept[:-1] + str(int(kept[-1]) + 1) + "0" * nines
