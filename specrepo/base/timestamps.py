"""Times as specrepo writes them: UTC, ISO 8601 (`2026-11-26T14:24:00Z`, `2026-11-26`)."""

from __future__ import annotations

import time
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Final

DAY_SECONDS: Final = 86400
LATEST_TIME: Final = 253401696000
"""9999-12-25T00:00:00Z: later commit times are read as it, so that Python's `datetime`
(to 9999-12-31) can show it at any offset from UTC git records (up to 99:59 hours)."""


def git_time(shown: str | bytes) -> int:
    """A commit's Unix time as git shows it (`%at`, `%ct`). git shows nothing for a date it
    cannot read (no time zone, a negative time, an ident without `<email>`: commits imported
    from CVS or Subversion, which `git fsck` flags), and dates such commits at 1970, as
    `git log`'s `%ad` shows them: 0 here too. A time after `LATEST_TIME` is read as it."""
    text = shown.strip()
    if not text.isascii() or not text.isdigit():  # `²` is a digit int() refuses
        return 0
    return min(int(text), LATEST_TIME)


@lru_cache(maxsize=65536)  # a site writes each commit's time on several pages
def iso_time(epoch: int) -> str:
    """A Unix time (seconds) as `2026-11-26T14:24:00Z` (RFC 3339, section 5.6)."""
    if type(epoch) is int and 0 <= epoch < _YEAR_10000:  # the usual case: a third the time
        t = time.gmtime(epoch)
        return f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}T{t[3]:02d}:{t[4]:02d}:{t[5]:02d}Z"
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


_YEAR_10000: Final = 253402300800
"""10000-01-01T00:00:00Z: every time before it (and from 1970 on) has a four-digit year,
as `strftime` writes it too."""


def utc_offset(shown: str) -> int:
    """The offset from UTC, in minutes east, of a time as git shows it with `%ai`
    (`2026-01-10 21:30:00 -0500`: -300); 0 when it ends in no `+HHMM` or `-HHMM`."""
    zone = shown.strip().rpartition(" ")[2]
    if len(zone) != 5 or zone[0] not in "+-" or not (zone[1:].isascii()
                                                      and zone[1:].isdigit()):
        return 0
    minutes = int(zone[1:3]) * 60 + int(zone[3:])
    return -minutes if zone[0] == "-" else minutes


def local_date(epoch: int | None, offset: int) -> str:
    """The day of a Unix time at an offset from UTC (minutes east), as `2026-11-26`: the
    day `git log` shows for a commit whose date has that offset; empty for no time. Every
    day specrepo shows for a commit is this day, in its author's offset (see the README's
    "Days and times")."""
    return "" if epoch is None else iso_time(epoch + offset * 60)[:10]


def optional_iso_time(epoch: int | None) -> str | None:
    """`iso_time`, or None for no time."""
    return None if epoch is None else iso_time(epoch)


def iso_date(epoch: int | None) -> str:
    """The UTC day of a Unix time as `2026-11-26`; empty for no time."""
    return "" if epoch is None else iso_time(epoch)[:10]


def date_epoch(text: str) -> int:
    """The Unix time of midnight UTC starting the day `YYYY-MM-DD`; raises ValueError for
    anything else."""
    day = date.fromisoformat(text)
    return int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp())


def elapsed_days(start: int, end: int) -> float:
    """Days from `start` to `end` (Unix times), never negative, to two decimals."""
    return round(max(0, end - start) / DAY_SECONDS, 2)
