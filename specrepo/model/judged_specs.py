"""The specs the workflow judges (illegal-transition): the mined history's, with the changes
of the spec set that configuration changes made (`History.departures`)."""

from __future__ import annotations

from collections.abc import Sequence
from operator import is_

from specrepo.model.event import Event
from specrepo.model.events import CREATED, DELETED
from specrepo.model.history import History, SpecHistory
from specrepo.model.move_lives import moves_unread
from specrepo.model.set_lives import entered, held_at_head, left_where_read, set_changes


def judged_specs(history: History, approved: frozenset[str]) -> tuple[SpecHistory, ...]:
    """`specs` as the workflow judges them (illegal-transition), with the changes of
    the spec set a configuration change made (`departures`), each in one life: the
    mined specs' folded in (`set_lives.entered`: taken out and brought back, by such a
    change or by a move its commit's configuration did not read (`move_lives`), a return
    from the status it left in; brought in as no spec before, started there; taken out
    for good, ended there); and, for each file the mined history has no spec of there
    (today's `exclude:` names it, or its id held by no spec at HEAD), one spec of its
    changes whose last took it out (`_unmined`). A spec the walk saw deleted in a state
    of `approved` ends where each commit's own configuration stopped reading it
    (`set_lives.left_where_read`), not where today's `exclude:` hides its file. The
    ancestry's answers are kept (`Ancestry.keep_answers`).

    The last answer is kept for the same inputs, the very objects (frozen, or, as the
    ancestry, answering alike each time): a run judges the mined history for the
    `unused-acceptance` rule and the history of today's specs for the rest, mostly the
    same specs."""
    inputs = (history.departures, history.ancestry, history.adoption, *history.specs)
    if _LAST and _LAST[0][0] == approved and len(_LAST[0][1]) == len(inputs) \
            and all(map(is_, _LAST[0][1], inputs)):
        return _LAST[0][2]
    judged = _judged(history, approved)
    _LAST[:] = [(approved, inputs, judged)]
    return judged


_LAST: list[tuple[frozenset[str], tuple[object, ...], tuple[SpecHistory, ...]]] = []
"""The last call's `approved`, inputs (`judged_specs`) and answer."""


def _judged(history: History, approved: frozenset[str]) -> tuple[SpecHistory, ...]:
    specs = history.specs
    if approved and history.departures is not None:
        specs = left_where_read(specs, history.departures, held_at_head(specs), approved,
                                history.adoption)
    events = history.departures.events() if history.departures is not None else ()
    unread = moves_unread(history.departures, specs)
    if not (events or unread):
        return specs
    changes = set_changes(events)
    folded = specs
    if history.ancestry is not None:
        folded = tuple(entered(spec, changes, history.ancestry, unread) for spec in specs)
        history.ancestry.keep_answers()  # for the next run
    used = {_said(event) for spec, life in zip(specs, folded, strict=True)
            if life is not spec for event in life.events if event.kind in (CREATED, DELETED)}
    held = held_at_head(folded)
    seen = {(event.commit, event.spec_id) for spec in folded
            if spec.current_path is None and DELETED in spec.event_kinds
            for event in spec.events if event.kind == DELETED}
    return (*folded, *_unmined([event for event in events if _said(event) not in used
                                and event.spec_id not in held
                                and (event.commit, event.spec_id) not in seen]))


def _unmined(events: Sequence[Event]) -> list[SpecHistory]:
    """For each path and id of `events` (configuration changes, oldest first, of files no
    mined spec's life holds), one spec of them when the last took it out: taken out and
    brought back is a return from the status it left in (`status_moves`), the last
    removal judged as any; its first bringing its file in is its start (inherited: no
    birth)."""
    grouped: dict[tuple[str, str], list[Event]] = {}
    for event in events:
        grouped.setdefault((event.path, event.spec_id), []).append(event)
    return [SpecHistory(f"{found[0].commit}:{found[0].path}", found[0].spec_id, tuple(found),
                        (), (found[0].path,), None, None, found[-1].committed,
                        inherited=int(found[0].kind == CREATED))
            for found in grouped.values() if found[-1].kind == DELETED]


def _said(event: Event) -> tuple[str, str, str, str]:
    """What a configuration change is known by: its commit, kind, spec and file."""
    return event.commit, event.kind, event.spec_id, event.path
