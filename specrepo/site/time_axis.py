"""The ticks of a time axis: round days, months or years, at most seven of them."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Final

from specrepo.site.text import DAY

_STEPS: Final = ((1, "day"), (2, "day"), (7, "day"), (14, "day"), (1, "month"), (2, "month"),
                 (3, "month"), (6, "month"), (12, "month"), (24, "month"), (60, "month"),
                 (120, "month"))
_MOST_TICKS: Final = 7
_MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                  "Nov", "Dec")
_AVERAGE_MONTH_DAYS: Final = 30.44


def ticks(start: int, end: int) -> list[tuple[int, str]]:
    """(time, label) of round times from `start` to `end` (seconds since the epoch, UTC):
    days (`2026-01-31`), months (`Jan 2026`) or years (`2026`), whichever step gives at
    most seven."""
    span_days = (end - start) / DAY
    for step, unit in _STEPS:
        per_step = step if unit == "day" else step * _AVERAGE_MONTH_DAYS
        if span_days / per_step <= _MOST_TICKS or (step, unit) == _STEPS[-1]:
            break
    if unit == "day":
        return _day_ticks(start, end, step)
    return _month_ticks(start, end, step)


def _day_ticks(start: int, end: int, step: int) -> list[tuple[int, str]]:
    first = datetime.fromtimestamp(start, tz=timezone.utc)
    time = int(datetime(first.year, first.month, first.day, tzinfo=timezone.utc).timestamp())
    found = []
    while time <= end:
        if time >= start:
            found.append((time, datetime.fromtimestamp(time, tz=timezone.utc)
                          .strftime("%Y-%m-%d")))
        time += step * DAY
    return found


def _month_ticks(start: int, end: int, step: int) -> list[tuple[int, str]]:
    first = datetime.fromtimestamp(start, tz=timezone.utc)
    month = first.year * 12 + first.month - 1
    month -= month % step
    found: list[tuple[int, str]] = []
    while True:
        moment = datetime(month // 12, month % 12 + 1, 1, tzinfo=timezone.utc)
        time = int(moment.timestamp())
        if time > end:
            return found
        if time >= start:
            label = (str(moment.year) if step % 12 == 0
                     else f"{_MONTHS[moment.month - 1]} {moment.year}")
            found.append((time, label))
        month += step
