"""A spec's life as the spec set had it, each commit's own configuration (`specs:` and
`exclude:`) deciding what it read, where the walk reads the whole history with today's
`exclude:` and every location any configuration named: a life ends where a commit's
configuration stopped reading the spec, and begins where one took its file in
(`History.departures`). The workflow's judgement (`judged_specs`) and `timeline` read
lives so."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Final

from specrepo.model.ancestry import Adoption, Ancestry
from specrepo.model.event import Event, FactualEvents, StatusPeriod
from specrepo.model.events import DELETED, MERGE_RESOLVED, MOVED, REPLAYS_STATUS
from specrepo.model.history import Departures, History, SpecHistory
from specrepo.model.move_lives import UnreadMoves, moves_out, moves_unread, with_moves
from specrepo.model.stay_out import changes_across

LEAVING: Final = frozenset({DELETED, MERGE_RESOLVED})
"""The kinds of event that may leave a spec out of the spec set (`after` None)."""


def lives_in_set(history: History, specs: Sequence[SpecHistory]) -> tuple[SpecHistory, ...]:
    """`specs` (some of `history`'s) with the lives the spec set gave them: each one the
    walk saw deleted ending where it left the set (`left_where_read`, in any status);
    each one a configuration change took out, its file kept where the walk still follows
    it, ending with that removal (its events after it dropped, no longer at HEAD); each
    one whose file a configuration change brought in beginning there, and each one taken
    out (by a move or such a change) and brought back with its stay out folded into a
    return (`entered`). The ancestry's answers are kept for the next run
    (`Ancestry.keep_answers`)."""
    departures = history.departures
    if departures is None or not specs:
        return tuple(specs)
    lives = left_where_read(tuple(specs), departures, held_at_head(history.specs))
    events = departures.events()
    unread = moves_unread(departures, lives)
    if not (events or unread) or history.ancestry is None:
        return lives
    changes = set_changes(events)
    lives = tuple(entered(spec, changes, history.ancestry, unread) for spec in lives)
    history.ancestry.keep_answers()
    return lives


def held_at_head(specs: Sequence[SpecHistory]) -> set[str]:
    """The ids of the specs of `specs` that HEAD holds."""
    return {spec.spec_id for spec in specs if spec.current_path is not None}


def periods_until(periods: tuple[StatusPeriod, ...], removal: Event | None
                   ) -> tuple[StatusPeriod, ...]:
    """`periods` ending at `removal` (None: the last one goes on): those begun after it
    left out, the one it was in ended there."""
    if removal is None:
        return (*periods[:-1], replace(periods[-1], until=None, until_offset=0)) \
            if periods else periods
    kept = [period for period in periods if period.since < removal.committed]
    if kept and (kept[-1].until is None or kept[-1].until != removal.committed):
        kept[-1] = replace(kept[-1], until=removal.committed,
                           until_offset=removal.author_offset)
    return tuple(kept)


def moved_out(history: History, specs: Sequence[SpecHistory]) -> dict[str, SpecHistory]:
    """For each of `specs` (the walk has them at HEAD where HEAD's configuration reads no
    spec, or deleted after a move where it reads none) that a move took where a commit's
    own configuration read no spec (`Departures.moved_out`: the move's own, into a folder
    only an older `specs:` read; the merge that brought it after the branch's base
    narrowed `specs:`), the spec ending where it left (`_left_by_moving`), by key: a
    `deleted` event (`before`: its status then, `path`: where it was read last) in place
    of its events since (moves on while out, edits, its file's deletion). README "Which
    spec a file is": a file moved where a changed `specs:` no longer reads it left the
    set."""
    if history.departures is None or history.ancestry is None:
        return {}
    ancestry, ended = history.ancestry, {}
    for spec, left in _left_by_moving(history.departures, ancestry, specs):
        kept = tuple(event for event in spec.events
                     if not ancestry.is_ancestor(left.commit, event.commit))
        removal = replace(left, before=next((event.after for event in reversed(kept)
                                             if event.kind in REPLAYS_STATUS), None))
        ended[spec.key] = replace(
            spec, events=(*kept, removal), current=None, current_path=None,
            paths=(*(path for path in spec.paths if path != removal.path), removal.path),
            statuses=periods_until(spec.statuses, removal))
    return ended


def left_the_set(history: History, outside: Sequence[SpecHistory],
                 in_locations: Callable[[str], bool]) -> dict[str, SpecHistory]:
    """The specs of `history` that left the spec set for good, ending there, by key: of
    `outside` (at HEAD where HEAD's configuration, `in_locations`, reads no spec), those a
    move took out (`moved_out`) or else a configuration change (`taken_out`); of the
    deleted ones, those a move took out before (`moved_where_unread`). The ancestry's
    answers are kept (`Ancestry.keep_answers`)."""
    ended = moved_out(history, [*outside, *(spec for spec in history.specs
                                            if moved_where_unread(spec, in_locations))])
    ended = {**taken_out(history, [spec for spec in outside if spec.key not in ended]),
             **ended}
    if history.ancestry is not None:
        history.ancestry.keep_answers()
    return ended


def taken_out(history: History, specs: Sequence[SpecHistory]) -> dict[str, SpecHistory]:
    """For each of `specs` (the walk has them at HEAD where HEAD's configuration reads no
    spec) that a configuration change took out of the spec set last (`specs:` narrowed)
    with its file left where it was, the spec ending there (`ended`), by key: its life
    in the set stays one the workflow judges (a move made while it was read)."""
    if history.departures is None or history.ancestry is None or not specs:
        return {}
    changes = set_changes(history.departures.events())
    found = {}
    for spec in specs:
        last = changes_of(spec, changes)[-1:]
        if last and last[0].kind == DELETED and last[0].path == spec.current_path:
            life = ended(spec, last[0], history.ancestry)
            if life.current_path is None:
                found[spec.key] = life
    return found


def moved_where_unread(spec: SpecHistory, in_locations: Callable[[str], bool]) -> bool:
    """Whether `spec`, deleted, was moved where HEAD's configuration reads no spec
    (`in_locations`), so where a commit's own may have read none (`moved_out`): known
    without decoding the history cache's events of a spec that never moved."""
    return spec.current_path is None and MOVED in spec.event_kinds and any(
        move.after is not None and not in_locations(move.after) for move in spec.file_moves)


def _left_by_moving(departures: Departures, ancestry: Ancestry,
                    specs: Sequence[SpecHistory]) -> list[tuple[SpecHistory, Event]]:
    """Each of `specs` whose trailing moves (the last, then each one before while the
    later took it from where it already was no spec: moved out, then on inside what no
    configuration read) left the spec set, with where the first of them did
    (`Departures.moved_out`), that commit before the spec's next move or deletion: one
    question to git for each round of moves asked."""
    asked = [(spec, len(moves) - 1, moves) for spec in specs
             if (moves := [index for index, event in enumerate(spec.events)
                           if event.kind == MOVED])]
    found: dict[str, tuple[SpecHistory, Event]] = {}
    while asked:
        answers = departures.moved_out([spec.events[moves[at]] for spec, at, moves in asked])
        again = []
        for (spec, at, moves), left in zip(asked, answers, strict=True):
            move = spec.events[moves[at]]
            bound = next((event for event in spec.events[moves[at] + 1:]
                          if event.kind in LEAVING or event.kind == MOVED), None)
            if left is None or (bound is not None and (
                    left.commit == bound.commit
                    or not ancestry.is_ancestor(left.commit, bound.commit))):
                continue
            found[spec.key] = spec, left
            if left.commit == move.commit and at > 0:
                again.append((spec, at - 1, moves))
        asked = again
    return list(found.values())


def _periods_from(periods: tuple[StatusPeriod, ...], entry: Event
                  ) -> tuple[StatusPeriod, ...]:
    """`periods` from `entry` (a file brought into the spec set) on: those ended before
    it left out, the one it was in begun there."""
    kept = [period for period in periods
            if period.until is None or period.until > entry.committed]
    if kept and kept[0].since < entry.committed:
        kept[0] = replace(kept[0], since=entry.committed, commit=entry.commit,
                          offset=entry.author_offset)
    return tuple(kept)


SetChanges = Mapping[str, Mapping[str, tuple[tuple[int, Event], ...]]]
"""The configuration changes of the spec set (`Departures.events`) by path and id, each
with its place among them (oldest first)."""


def set_changes(events: Sequence[Event]) -> SetChanges:
    """`events` (`Departures.events`, oldest first) by path and id."""
    grouped: dict[str, dict[str, list[tuple[int, Event]]]] = {}
    for index, event in enumerate(events):
        grouped.setdefault(event.path, {}).setdefault(event.spec_id, []).append(
            (index, event))
    return {path: {spec_id: tuple(found) for spec_id, found in by_id.items()}
            for path, by_id in grouped.items()}


def changes_of(spec: SpecHistory, changes: SetChanges) -> list[Event]:
    """The configuration changes (`changes`) of any of the spec's paths and ids, oldest
    first (none known without reading the history cache's events of a spec none of whose
    paths a change names)."""
    paths = [changes[path] for path in set(spec.paths) if path in changes]
    if not paths:
        return []
    found = sorted((item for by_id in paths for spec_id in spec.ids
                    for item in by_id.get(spec_id, ())), key=lambda item: item[0])
    return [event for _, event in found]


def entered(spec: SpecHistory, changes: SetChanges, ancestry: Ancestry | None,
            unread: UnreadMoves | None = None) -> SpecHistory:
    """`spec` with every configuration change (`changes`) that took its file out of the
    spec set or brought it in, and every move (`unread`: `move_lives.with_moves`) that
    did, oldest first: one that took it out and a later one that brought it back (an
    `exclude:` added and taken out again, a move into a folder a narrowed `specs:` does
    not read and back or `specs:` widened again, each time) fold into a
    return (`returned`), each judged at its own commit; the first that brought its file
    in, none having taken it out before, starts it there when its life began before it at
    that path (`started`); one that took it out and none brought back ends it there when
    its file stayed where it was (`ended`), at the last such removal where a later one (a
    merge that left out the status a merged branch moved the spec to while the line had
    it out: `merge_departures`) removed it from another status; brought back after such
    a merge, the return is judged from the first removal, as for any branch merged while
    it was out. Else `spec` itself: one
    that was a spec at another path before it came there (a subtree import of a project's
    specs, a spec moved out and brought back in) keeps its life and its verdicts."""
    if ancestry is None:
        return spec
    configured = changes_of(spec, changes)
    if not (configured or moves_out(spec, unread)) or not spec.events:
        return spec  # (the history cache's events decoded only where a change may name it)
    life, left, first = spec, None, None  # `first`: the removal a return is judged from
    for index, change in enumerate(with_moves(spec, configured, unread or {}, ancestry)):
        if change.kind == DELETED:
            if left is None and not ancestry.is_ancestor(change.commit, life.events[0].commit):
                left = first = change
            elif left is not None and left.before != change.before \
                    and ancestry.is_ancestor(left.commit, change.commit):
                left = change  # a merge left out the status a merged branch moved it to
        elif left is not None and first is not None:
            if first.commit != change.commit and ancestry.is_ancestor(first.commit,
                                                                      change.commit):
                life = returned(life, first, change, ancestry)
            left = None
        elif index == 0:
            life = started(spec, change, ancestry)
    if left is not None and first is not None and left is not first:  # (a merge's, later)
        life = replace(life, events=tuple(event for event in life.events if not (
            event.kind == DELETED and event.commit == first.commit)))
    return life if left is None or left not in configured else ended(life, left, ancestry)


def started(spec: SpecHistory, entry: Event, ancestry: Ancestry) -> SpecHistory:
    """`spec` from the commit a configuration change brought its file into the spec set
    (`entry`, its `created` event), when its life began before it, at that path: the
    events of that commit and its ancestors are no spec's (the file was none then), and
    `entry` starts it, its status then its first; counted as inherited, so neither a birth
    nor a move is judged there. Else `spec` itself (a spec elsewhere before)."""
    if spec.events[0].commit == entry.commit \
            or not ancestry.is_ancestor(spec.events[0].commit, entry.commit):
        return spec
    before = [ancestry.is_ancestor(event.commit, entry.commit) for event in spec.events]
    if any(event.path != entry.path for event, old in zip(spec.events, before, strict=True)
           if old):
        return spec  # a spec elsewhere before (a subtree import, a move): its life stands
    kept = [event for event, old in zip(spec.events, before, strict=True) if not old]
    return replace(spec, key=f"{entry.commit}:{entry.path}", events=(entry, *kept),
                   inherited=1, statuses=_periods_from(spec.statuses, entry))


def ended(spec: SpecHistory, removal: Event, ancestry: Ancestry) -> SpecHistory:
    """`spec`, which a configuration change took out of the spec set (`removal`, its
    `deleted` event) and none brought back, ending there when its file stayed at that
    path (its later edits, or its deletion, are no spec's); else `spec` itself."""
    later = [ancestry.is_ancestor(removal.commit, event.commit) for event in spec.events]
    if any(event.path != removal.path for event, after in zip(spec.events, later,
                                                               strict=True) if after) \
            or (spec.current_path is not None and spec.current_path != removal.path):
        return spec
    kept = tuple(event for event, after in zip(spec.events, later, strict=True) if not after)
    return replace(spec, events=(*kept, removal), current=None, current_path=None,
                   statuses=periods_until(spec.statuses, removal))


def returned(spec: SpecHistory, gone: Event, entry: Event, ancestry: Ancestry
             ) -> SpecHistory:
    """`spec`, which a configuration change took out of the spec set (`gone`, its
    `deleted` event) and a later one brought back (`entry`, its `created` event), with
    its life kept: its events from `gone`'s commit to `entry`'s, those of a branch merged
    in between included (the return judges what they did: `gone`'s status is that of
    its commit's first parent), are no spec's (the file was none then on HEAD's line)
    and give way to those two and what they changed net (`stay_out.changes_across`: its
    title, reviewers, approvals and questions on return against before it left, as
    `compare_return` has a file deleted and brought back), so that coming back in another
    status than it left in is a status move (`status_moves`, as for a file deleted and
    brought back), judged at the return, and nothing it changed is lost; its status
    periods likewise, with a gap where it was out (the
    one it left in ended at `gone`, the one it came back in begun at `entry`), as for a
    file deleted and brought back: no spec holds a status outside the spec set. README
    "Which spec a file is": a spec removed and brought back left nothing."""
    parent = ancestry.first_parent(gone.commit)

    def out(event: Event) -> bool:
        return not ancestry.is_ancestor(event.commit, parent) if parent is not None \
            else ancestry.is_ancestor(gone.commit, event.commit)

    events: list[Event] = []
    away: list[Event] = []
    for event in spec.events:
        if ancestry.is_ancestor(event.commit, entry.commit):
            (away if out(event) else events).append(event)
    events += [gone, entry, *changes_across(away, entry),
               *(event for event in spec.events
                 if not ancestry.is_ancestor(event.commit, entry.commit))]
    return replace(spec, events=tuple(events), statuses=(
        *periods_until(tuple(period for period in spec.statuses
                             if period.since <= gone.committed), gone),
        *_periods_from(spec.statuses, entry)))


def left_where_read(specs: tuple[SpecHistory, ...], departures: Departures, held: set[str],
                    approved: frozenset[str] | None = None, adoption: Adoption | None = None
                    ) -> tuple[SpecHistory, ...]:
    """`specs`, each one HEAD lacks whose last event is the walk's deletion (or a merge's
    that left it out, `merge-resolved` to nothing), its id among
    no spec's at HEAD (`held`), ending where it left the spec set as each commit's own
    configuration reads it (`Departures.removals`): that removal in place of the walk's,
    its status period ended there; or no removal while HEAD's configuration still reads
    it. With `approved`, only a deletion in one of its states after `adoption` (the
    removals the workflow judges, `forbidden_removal`): only such specs cost a look at
    git."""
    asked = [index for index, spec in enumerate(specs)
             if _left(spec, held, approved, adoption)]
    if not asked:
        return specs
    found = departures.removals([specs[index].events[-1] for index in asked])
    judged = list(specs)
    for index, removal in zip(asked, found, strict=True):
        spec = specs[index]
        kept = tuple(spec.events[:-1])
        if removal is None:
            judged[index] = replace(spec, events=kept, statuses=periods_until(
                spec.statuses, None))
        elif removal != spec.events[-1]:  # its last file is where it was removed
            judged[index] = replace(
                spec, events=(*kept, removal),
                paths=(*(path for path in spec.paths if path != removal.path), removal.path),
                statuses=periods_until(spec.statuses, removal))
    return tuple(judged)


def _left(spec: SpecHistory, held: set[str], approved: frozenset[str] | None,
          adoption: Adoption | None) -> bool:
    """Whether `left_where_read` asks where `spec` left the spec set."""
    if spec.current_path is not None or spec.event_kinds.isdisjoint(LEAVING) \
            or spec.spec_id in held \
            or (approved is not None and approved.isdisjoint(statuses_had(spec))):
        return False  # (known without decoding the history cache's events)
    last = spec.events[-1] if spec.events else None
    if last is None or last.kind not in LEAVING or last.after is not None:
        return False
    return approved is None or (last.before in approved and adoption is not None
                                and adoption.checks_births_in(last.commit))


def statuses_had(spec: SpecHistory) -> set[str | None]:
    """Every status the spec had, known without decoding the history cache's `events`
    where it holds them: the one it was born in, those its moves led to, those of its
    periods."""
    if not isinstance(spec.events, FactualEvents):
        return {event.after for event in spec.events} | {
            period.status for period in spec.statuses}
    return {spec.events.born_as, *(after for _, after in spec.events.moves),
            *(period.status for period in spec.statuses)}
