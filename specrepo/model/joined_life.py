"""A spec's life joined to the lineage the walk began for it at another path, where it
could not see the two are one spec (a shallow clone's boundary: their common past is beyond
it; `history.boundary_changes.Compared.joined`): events, paths and status periods agree."""

from __future__ import annotations

from dataclasses import replace

from specrepo.model.event import StatusPeriod
from specrepo.model.history import SpecHistory


def joined_life(spec: SpecHistory, source: SpecHistory, path: str) -> SpecHistory:
    """`spec`, whose events hold the appearance of the lineage `source` at `path` before
    its own (the same spec, which the walk began apart), with its paths beginning with
    `path` and its status periods on HEAD's line with those of `source` begun no later
    than its own first one (`_joined_periods`). The one way such a life is made, so every
    reader of it (report's days in a status and waits for review, timeline's periods and
    paths, the site) sees one life, as with the whole history."""
    return replace(spec, paths=tuple(dict.fromkeys((path, *spec.paths))),
                   statuses=_joined_periods(source.statuses, spec.statuses))


def _joined_periods(earlier: tuple[StatusPeriod, ...], own: tuple[StatusPeriod, ...]
                    ) -> tuple[StatusPeriod, ...]:
    """`earlier`'s periods (Unix times) begun no later than `own`'s first, then `own`'s:
    the last of `earlier`'s ends where `own`'s first begins, or is one period with it when
    they are of the same status (the spec did not change status there, as HEAD's line of
    the whole history shows: only its file moved). `own` when either is empty."""
    before = [period for period in earlier if own and period.since <= own[0].since]
    if not before:
        return own
    last, first = before[-1], own[0]
    if last.status == first.status:
        return (*before[:-1], replace(last, until=first.until,
                                      until_offset=first.until_offset), *own[1:])
    if last.until is None or last.until > first.since:
        before[-1] = replace(last, until=first.since, until_offset=first.offset)
    return (*before, *own)
