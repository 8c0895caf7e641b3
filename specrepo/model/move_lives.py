"""Where a spec's moves took it out of the spec set and brought it back, each move's own
commit's configuration deciding (`Departures.moved_unread`): a move into a file its
commit's configuration reads no spec at (a folder a narrowed `specs:` no longer reads),
made while the spec was in the set, takes it out; a later move into a file its commit's
configuration reads brings it back. `set_lives.entered` folds each stay out, with those
a configuration change made, into a return judged at the commit that brought it back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from specrepo.model.ancestry import Ancestry
from specrepo.model.event import Event, FileMove
from specrepo.model.events import CREATED, DELETED, MOVED, SETS_STATUS
from specrepo.model.history import Departures, SpecHistory

UnreadMoves = Mapping[FileMove, bool]
"""For a move (`move_key`), whether its own commit's configuration reads no spec where it
put the file."""


def moves_unread(departures: Departures | None, specs: Sequence[SpecHistory]
                 ) -> UnreadMoves:
    """For each move of `specs` that may have taken its spec out of the spec set and
    brought it back, a status move between (a spec with more than one status period),
    whether it put the file where its commit's configuration reads no spec: asked of git
    only when a commit of HEAD's first-parent line changed the spec locations
    (`Departures.changed_locations`; none: no move left the set)."""
    if departures is None:
        return {}
    candidates = [spec for spec in specs if moves_asked(spec)]
    if not candidates or not departures.changed_locations():
        return {}
    moves = [move for spec in candidates for move in spec.file_moves]
    return dict(zip(moves, departures.moved_unread(moves), strict=True))


def moves_asked(spec: SpecHistory) -> bool:
    """Whether `moves_unread` asks about `spec`'s moves: it has some, and more than one
    status period (known without decoding the history cache's events)."""
    return MOVED in spec.event_kinds and len(spec.statuses) > 1


def moves_out(spec: SpecHistory, unread: UnreadMoves | None) -> bool:
    """Whether a move of `spec` put its file where its commit's configuration reads no
    spec (`unread`): else its moves change nothing of its life in the set (`with_moves`
    finds none), known without decoding the history cache's events."""
    return unread is not None and bool(unread) and moves_asked(spec) and any(
        unread.get(move, False) for move in spec.file_moves)


def move_key(move: Event) -> FileMove:
    """What `moves_unread` knows `move` by."""
    return FileMove(move.commit, move.spec_id, move.before, move.after)


def with_moves(spec: SpecHistory, changes: list[Event], unread: UnreadMoves,
               ancestry: Ancestry) -> list[Event]:
    """`changes` (the configuration changes of the spec set for `spec`'s files, oldest
    first) with the changes `spec`'s moves (`unread`) made, in order: a move made while
    the spec was in the set that put its file where its commit's configuration reads no
    spec, a `deleted` event (`before`: its status before that commit; `path`: where it
    moved from); one made while it was out (taken out by a move or a configuration
    change) that put it where its commit's configuration reads a spec, a `created` event
    (`after`: its status after that commit; `path`: where it moved to). A spec is in the
    set until the first of them."""
    moves = [event for event in spec.events
             if event.kind == MOVED and move_key(event) in unread]
    if not moves:
        return changes
    found: list[Event] = []
    inside = True
    for event in _merged(changes, moves, ancestry):
        if event.kind != MOVED:
            found.append(event)
            inside = event.kind == CREATED
        elif inside and unread[move_key(event)]:
            found.append(replace(event, kind=DELETED, field="status", after=None,
                                 before=_status(spec, event, until=False), path=event.before
                                 or event.path))
            inside = False
        elif not inside and not unread[move_key(event)]:
            found.append(replace(event, kind=CREATED, field="status", before=None,
                                 after=_status(spec, event, until=True),
                                 path=event.after or event.path))
            inside = True
    return found


def _merged(changes: list[Event], moves: list[Event], ancestry: Ancestry) -> list[Event]:
    """`changes` and `moves` (each oldest first) in one list, oldest first: a change
    before a move when its commit is an ancestor of the move's (or the same: a commit
    that changed the configuration and moved the file is judged as the configuration
    change after the move), else when it is older."""
    merged: list[Event] = []
    changes_left, moves_left = list(changes), list(moves)
    while changes_left and moves_left:
        change, move = changes_left[0], moves_left[0]
        first = change.commit != move.commit and (
            ancestry.is_ancestor(change.commit, move.commit)
            or (not ancestry.is_ancestor(move.commit, change.commit)
                and change.committed < move.committed))
        merged.append(changes_left.pop(0) if first else moves_left.pop(0))
    return [*merged, *changes_left, *moves_left]


def _status(spec: SpecHistory, move: Event, *, until: bool) -> str | None:
    """`spec`'s status before `move`'s commit (`until` False) or after it (True): the
    `after` of its last status-setting event before (or in) that commit."""
    at = spec.events.index(move)
    last = at
    while until and last + 1 < len(spec.events) and spec.events[last + 1].commit == move.commit:
        last += 1
    earlier = spec.events[:last + 1] if until else [
        event for event in spec.events[:at] if event.commit != move.commit]
    return next((event.after for event in reversed(earlier) if event.kind in SETS_STATUS),
                None)
