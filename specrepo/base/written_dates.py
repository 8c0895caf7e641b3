"""Calendar dates as spec formats write them, read only in the forms whose day and month
no reader can mistake: ISO 8601's `2001-07-05` (a time after it allowed), year first with
`/` or `.` (`2001/07/05`), and the month by its English name (`05-Jul-2001` as PEPs write
it, `5 July 2001`, `July 5, 2001`). A form such as `01/02/2003` is January 2 in one
country and February 1 in another: it is never read."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Final

_MONTHS: Final = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
    ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
    ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), start=1) for name in names}
_MONTH: Final = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY: Final = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR: Final = r"(?P<year>\d{4})"
_ISO: Final = (  # ISO 8601 (RFC 3339): the day, maybe with a time (`2001-07-05T10:00:00Z`;
    # `t` and `z` too, RFC 3339 section 5.6; YAML 1.1's timestamp `2001-12-14 21:59:43.10 -5`)
    r"(?P<year>\d{4})-(?P<number>\d{2})-(?P<day>\d{2})(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:\.(?P<fraction>\d+))?)?"
    r"[ \t]*(?P<zone>Z|(?P<sign>[+-])(?P<zone_hours>\d{1,2})(?::?(?P<zone_minutes>\d{2}))?)?)?")
_FORMS: Final = tuple(re.compile(form, re.ASCII | re.IGNORECASE) for form in (
    _ISO,
    r"(?P<year>\d{4})(?P<mark>[/.])(?P<number>\d{1,2})(?P=mark)(?P<day>\d{1,2})",
    rf"{_DAY}[-/ .]\s*{_MONTH}[-/ .,]\s*{_YEAR}",
    rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",
))
READ_FORMS: Final = ("YYYY-MM-DD (a time may follow), year first (2001/07/05) or with the "
                     "month's English name (05-Jul-2001; 5 July 2001; July 5, 2001)")
"""The forms `read_date` reads, for messages."""


def read_date(text: str) -> date | None:
    """The calendar day `text` writes in one of the forms the module's docstring lists
    (spaces around it ignored, month names in any case); None for any other text and for
    a day the calendar does not have (`31-Feb-2001`)."""
    written = text.strip()
    for form in _FORMS:
        found = form.fullmatch(written)
        if found is None:
            continue
        parts = found.groupdict()
        month = int(parts["number"]) if parts.get("number") \
            else _MONTHS.get(parts["month"].lower())
        if month is None:
            return None
        try:
            return date(int(parts["year"]), month, int(parts["day"]))
        except ValueError:
            return None
    return None


def read_time(text: str) -> datetime | None:
    """The moment `text` writes as an ISO 8601 day with a time of day (`2001-07-05T10:00`,
    seconds and their fraction optional, `Z` or an offset such as `+03:00` (`+0300`, `+03`,
    after a space or not) making it a moment in UTC terms, an aware datetime; none, a
    naive one); None for a day alone, any other form, and a time the clock does not have
    (`25:00`)."""
    found = _FORMS[0].fullmatch(text.strip())
    if found is None or found["hour"] is None:
        return None
    zone = None
    if found["zone"] in ("Z", "z"):
        zone = timezone.utc
    elif found["zone"]:
        offset = timedelta(hours=int(found["zone_hours"]),
                           minutes=int(found["zone_minutes"] or 0))
        if offset >= timedelta(days=1):
            return None
        zone = timezone(-offset if found["sign"] == "-" else offset)
    microseconds = int((found["fraction"] or "0")[:6].ljust(6, "0"))
    try:
        return datetime(int(found["year"]), int(found["number"]), int(found["day"]),
                        int(found["hour"]), int(found["minute"]), int(found["second"] or 0),
                        microseconds, zone)
    except ValueError:
        return None
