"""The colour tone of a status: the same tone for a status on every page and in every chart.

Statuses are the workflow's own names, so common names (and their usual synonyms in PEPs,
KEPs and ADRs) get a tone that says what they mean; any other status gets one of three
tones that mean nothing (teal, magenta, orange), by a stable hash of its name. Each tone
has a badge (text on a background) and a bar colour in `assets/site.css`, for the light and
the dark theme.
"""

from __future__ import annotations

import zlib
from typing import Final

MEANING_TONES: Final = ("draft", "review", "approved", "done", "rejected", "withdrawn",
                        "superseded")
OTHER_TONES: Final = ("teal", "magenta", "orange")
TONES: Final = MEANING_TONES + OTHER_TONES
_BY_NAME: Final = {
    name: tone
    for tone, names in (
        ("draft", ("draft", "proposed", "provisional", "pending", "idea", "discussion")),
        ("review", ("in review", "in-review", "review", "under review", "reviewing",
                    "in progress")),
        ("approved", ("approved", "accepted", "final", "active", "agreed",
                      "implementable")),
        ("done", ("implemented", "done", "completed", "complete", "shipped", "released")),
        ("rejected", ("rejected", "declined", "refused")),
        ("withdrawn", ("withdrawn", "deferred", "abandoned", "postponed", "deprecated",
                       "inactive")),
        ("superseded", ("superseded", "replaced", "obsolete")),
    )
    for name in names
}


def status_tone(status: str) -> str:
    """The tone of a status: one of TONES."""
    key = " ".join(status.casefold().split())
    known = _BY_NAME.get(key)
    if known is not None:
        return known
    return OTHER_TONES[zlib.crc32(key.encode("utf-8")) % len(OTHER_TONES)]
