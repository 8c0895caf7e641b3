"""Suggest the name a user most likely meant ("did you mean …?")."""

from __future__ import annotations

from collections.abc import Sequence


def did_you_mean(word: str, choices: Sequence[str], cutoff: float = 0.6) -> str | None:
    """The choice that `word` most likely misspells (same letters in another case first,
    then the closest by difflib's ratio, at least `cutoff`; 1.0: letter case only), or
    None."""
    by_lower = {choice.lower(): choice for choice in choices}
    if word.lower() in by_lower:
        return by_lower[word.lower()]
    import difflib  # noqa: PLC0415 (a name not known: a warm report never loads it)

    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=cutoff)
    return by_lower[close[0]] if close else None
