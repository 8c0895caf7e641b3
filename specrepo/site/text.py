"""Text as the site shows it: characters no page may carry, dates, durations, sort order."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from functools import lru_cache
from typing import Final

from specrepo.base.digit_runs import number_key
from specrepo.base.one_line import escaped_character
from specrepo.base.timestamps import DAY_SECONDS, elapsed_days

DAY: Final = DAY_SECONDS
SHORT_COMMIT: Final = 7
"""The length git abbreviates commit ids to by default."""

# Characters that HTML (https://html.spec.whatwg.org/#preprocessing-the-input-stream) or
# XML 1.0 (https://www.w3.org/TR/xml/#charsets) does not allow in a document: controls
# other than tab and line feed, noncharacters, lone surrogates. And the bidirectional
# embeddings, overrides and isolates, which reorder the text shown around them (the "Trojan
# Source" attack, CVE-2021-42574); marks such as U+200F stay, as writing needs them.
_UNSHOWABLE: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff"
    "\u202a-\u202e\u2066-\u2069]"
)
_DIGITS: Final = re.compile(r"(\d+)")


def _escape(match: re.Match[str]) -> str:
    return escaped_character(match.group())


def showable(text: str) -> str:
    """`text` with line breaks as `\\n`, and every character a page may not carry (or that
    would reorder the text around it) written as a visible escape, spelt as the text
    outputs spell it (`base.one_line.escaped_character`): `\\x1b`, `\\u202e`, a file
    name's byte that is not UTF-8 as the byte, `\\xe9`; beyond U+FFFF `\\U0001fffe`."""
    if text.isprintable():  # no control, surrogate, noncharacter or format character
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSHOWABLE.sub(_escape, text)


def natural_key(text: str) -> tuple[tuple[int, str], ...]:
    """A sort key that orders numbers inside text by value: `SPEC-2` before `SPEC-10`, at
    any length (`base.digit_runs`); text between them (`²` too) by its case-folded text."""
    return tuple(number_key(part) if index % 2 else (-1, part.casefold())
                 for index, part in enumerate(_DIGITS.split(text)) if part)


@lru_cache(maxsize=65536)  # a site formats each commit's time several times
def _utc(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, tz=timezone.utc)


@lru_cache(maxsize=65536)
def display_time(epoch: int, offset: int = 0) -> str:
    """A time for people at an offset from UTC (minutes east), as `git log` shows a
    commit's: `2026-01-10 21:30 -0500`; `2026-01-31 14:05 UTC` at offset 0."""
    if not offset:
        return _utc(epoch).strftime("%Y-%m-%d %H:%M UTC")
    sign, minutes = ("-" if offset < 0 else "+"), abs(offset)
    return (_utc(epoch + offset * 60).strftime("%Y-%m-%d %H:%M ")
            + f"{sign}{minutes // 60:02d}{minutes % 60:02d}")


def days_between(start: int, end: int | None) -> float | None:
    """Days from `start` to `end` (never negative), to two decimals; None without an end."""
    return None if end is None else elapsed_days(start, end)


def duration(days: float | None) -> str:
    """A number of days for people: `under a day`, `1 day`, `12 days`; `unknown` for None."""
    if days is None:
        return "unknown"
    whole = int(days)
    if whole < 1:
        return "under a day"
    return "1 day" if whole == 1 else f"{whole} days"
