"""How long a spec has been in review, from its status periods: the days of its round of
review, a stay out of the spec set it came back from in the same status included (README
"report", days in review); and the periods of its current life, which its days to
approval are counted in."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from specrepo.base.timestamps import elapsed_days
from specrepo.model.event import StatusPeriod


def review_days(periods: Sequence[StatusPeriod], in_review: Iterable[str], now: int
                ) -> float:
    """The days a spec's status `periods` (oldest first; the last one's until `now`, a
    Unix time) spent in review (a status of `in_review`), each stay out of the spec set
    between two periods of the same such status counted too: a spec that came back in
    the status it left in made no move into it, its round of review went on
    (`review_round.moves_into`). README "report", days in review."""
    statuses = frozenset(in_review)
    total = 0.0
    for before, period in zip((None, *periods), periods, strict=False):
        if period.status in statuses:
            total += period.days(now)
            if before is not None and before.status == period.status \
                    and before.until is not None and before.until < period.since:
                total += elapsed_days(before.until, period.since)
    return total


def round_start(periods: Sequence[StatusPeriod]) -> StatusPeriod | None:
    """The first of the last `periods` (oldest first) in the status the last one is in,
    each one after a stay out of the spec set that it came back from in that status: where
    the spec's round in that status began (`review_days`); None for no periods."""
    start = len(periods) - 1
    while start > 0 and periods[start - 1].status == periods[start].status:
        start -= 1
    return periods[start] if periods else None


def current_life(periods: Sequence[StatusPeriod], approved: Collection[str]
                 ) -> Sequence[StatusPeriod]:
    """The last of `periods` (oldest first) since the spec's last stay out of the spec set
    (a gap between two periods: deleted and brought back, excluded and included again),
    where it came back in another status than an approved one it left in: an approval
    carried across a stay out (no move) is the earlier life's, whose periods count too.
    What `report` tells of the spec as it now is (days to approval, README "report")
    reads these: a spec approved, deleted and brought back a Draft is not approved."""
    start = len(periods) - 1
    while start > 0:
        before, period = periods[start - 1], periods[start]
        if before.until is not None and before.until < period.since and not (
                period.status in approved and before.status in approved):
            break
        start -= 1
    return periods[max(start, 0):]
