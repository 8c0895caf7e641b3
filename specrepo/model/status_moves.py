"""A spec's status moves: the events that move its status from one value to another,
which the workflow judges (the illegal-transition rule)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Final

from specrepo.model.event import Event, FactualEvents
from specrepo.model.events import CREATED, DELETED, MERGE_RESOLVED, SETS_STATUS, STATUS_CHANGED
from specrepo.model.history import SpecHistory

MOVING_KINDS: Final = frozenset({STATUS_CHANGED, MERGE_RESOLVED, DELETED})
"""The kinds of event a spec with a status move has (`status_moves`: a status change, a
merge's settling, or a return after its deletion)."""

MovePair = tuple[str | None, str | None]
"""A move's statuses: (before, after)."""


def status_moves(events: Iterable[Event]) -> list[Event | None]:
    """For each of a spec's events (oldest first), the status move it makes (None: none): a
    status change, a merge's settling of a status a merged branch changed (from a status
    to a status: a merge that keeps a spec a branch deleted, or drops one a branch added,
    is no move), or the return of a deleted spec, from the status it was deleted in."""
    moves: list[Event | None] = []
    deleted_as: str | None = None
    for event in events:
        if event.kind == STATUS_CHANGED or (event.kind == MERGE_RESOLVED
                                            and None not in (event.before, event.after)):
            moves.append(event)
        elif event.kind == CREATED and deleted_as is not None:
            moves.append(replace(event, before=deleted_as))
        else:
            moves.append(None)
        if event.kind in SETS_STATUS:
            deleted_as = event.before if event.kind == DELETED else None
    return moves


def move_pairs(events: Iterable[Event]) -> frozenset[MovePair]:
    """The (before, after) of each of the events' status moves (`status_moves`): what a
    check of every move against the workflow needs, without the events."""
    return frozenset((move.before, move.after) for move in status_moves(events)
                     if move is not None)


def spec_move_pairs(spec: SpecHistory) -> frozenset[MovePair]:
    """The spec's `move_pairs` (for the history cache's events, known without decoding
    them)."""
    if isinstance(spec.events, FactualEvents):
        return spec.events.moves
    return move_pairs(spec.events)
