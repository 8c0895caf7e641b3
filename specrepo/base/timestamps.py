"""Times as specrepo writes them: UTC, ISO 8601 (`2026-11-26T14:24:00Z`, `2026-11-26`)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Final

DAY_SECONDS: Final = 86400


@lru_cache(maxsize=65536)  # a site writes each commit's time on several pages
def iso_time(epoch: int) -> str:
    """A Unix time (seconds) as `2026-11-26T14:24:00Z` (RFC 3339, section 5.6)."""
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


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
