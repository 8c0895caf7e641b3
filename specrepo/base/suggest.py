"""Suggest the name a user most likely meant ("did you mean …?")."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from specrepo.base.caseless import shown_among, shown_apart
from specrepo.base.look_alike import alike_among, skeleton


def did_you_mean(word: str, choices: Sequence[str], cutoff: float = 0.6) -> str | None:
    """The choice that `word` most likely misspells (one it looks just like first,
    `look_alike.alike_among`: `P0` for a Cyrillic `<U+0420>0`; then the same letters in
    another case, then the closest by difflib's ratio, at least `cutoff`; 1.0: letter case
    only), or None."""
    if (alike := alike_among(word, choices)) is not None:
        return alike
    by_lower = {choice.lower(): choice for choice in choices}
    if word.lower() in by_lower:
        return by_lower[word.lower()]
    import difflib  # noqa: PLC0415 (a name not known: a warm report never loads it)

    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=cutoff)
    return by_lower[close[0]] if close else None


def one_edit_apart(one: str, other: str) -> bool:
    """Whether one insertion, deletion, substitution or swap of two neighbours makes
    `one` into `other` (a typo), for words of three letters or more."""
    if min(len(one), len(other)) < 3 or abs(len(one) - len(other)) > 1 or one == other:
        return False
    if len(one) == len(other):
        differ = [index for index, (a, b) in enumerate(zip(one, other, strict=True)) if a != b]
        return len(differ) == 1 or (len(differ) == 2 and differ[1] == differ[0] + 1
                                    and one[differ[0]] == other[differ[1]]
                                    and one[differ[1]] == other[differ[0]])
    shorter, longer = sorted((one, other), key=len)
    return any(longer[:index] + longer[index + 1:] == shorter for index in range(len(longer)))


def suggested(word: str, choices: Sequence[str], cutoff: float = 0.6) -> tuple[str, str | None]:
    """`word` as a message shows it beside `choices` (`caseless.shown_among`), and the
    choice it most likely misspells (`did_you_mean`) or None, shown apart from `word`
    (`caseless.shown_apart`: `'In Pru<U+0308>fung' ...; did you mean 'In Pr<U+00FC>fung'?`,
    `unknown condition st<U+0430>le; choose from stale, ...`, not two strings that look
    the same). The one rule of a message naming a value the user wrote beside the values
    allowed or meant, with `shown_choices` for the list of those."""
    meant = did_you_mean(word, choices, cutoff)
    return shown_among(word, choices), None if meant is None else shown_apart(meant, word)


def shown_choices(choices: Iterable[str], words: Iterable[str]) -> list[str]:
    """`choices` as a message lists them beside `words`, the values the user wrote that
    are none of them: each shown apart from all of `words` (`caseless.shown_among`)."""
    written = tuple(words)
    return [shown_among(choice, written) for choice in choices]


def read_as(word: str, fits: Callable[[str], bool]) -> tuple[str, str | None]:
    """`word` as a message shows it, and the text it reads as (`look_alike.skeleton`:
    `SPEC-0001` for `SPEC-<U+FF10><U+FF10><U+FF10>1` typed fullwidth, `HEAD` for
    `HEAD<U+200B>`) when that differs and `fits` (a revision git knows, a file that exists,
    a value of the pattern), the two shown apart; else `word` with what shows nothing
    written `<U+200B>`, and None. The one rule of a message naming a value whose allowed
    values cannot be listed (`suggested` is the one for those that can)."""
    meant = skeleton(word)
    if meant != word and fits(meant):
        return shown_apart(word, meant), meant
    return shown_among(word, ()), None
