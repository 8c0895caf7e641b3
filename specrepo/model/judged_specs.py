"""The specs the workflow judges (illegal-transition): the mined history's, with the changes
of the spec set that configuration changes made (`History.departures`)."""

from __future__ import annotations

from specrepo.model.events import CREATED, DELETED
from specrepo.model.history import History, SpecHistory
from specrepo.model.set_lives import entered, held_at_head, left_where_read, set_changes


def judged_specs(history: History, approved: frozenset[str]) -> tuple[SpecHistory, ...]:
    """`specs` as the workflow judges them (illegal-transition), with the changes of
    the spec set a configuration change made (`departures`): each spec it took out, as
    a spec whose one event is that removal (none whose id a spec at HEAD holds, nor one
    the walk saw deleted in that commit); and each spec whose file it brought in, born
    before as no spec, from that commit on, its status then its first (no birth). A spec
    the walk saw deleted in a state of `approved` ends where each commit's own
    configuration stopped reading it (`set_lives.left_where_read`), not where today's
    `exclude:` hides its file."""
    specs = history.specs
    if approved and history.departures is not None:
        specs = left_where_read(specs, history.departures, held_at_head(specs), approved,
                                history.adoption)
    events = history.departures.events() if history.departures is not None else ()
    if not events:
        return specs
    changes = set_changes(events)
    specs = tuple(entered(spec, changes, history.ancestry) for spec in specs) \
        if history.ancestry is not None and any(kind == CREATED for kind, _, _ in changes) \
        else specs
    held = held_at_head(specs)
    seen = {(event.commit, event.spec_id) for spec in specs
            if spec.current_path is None and DELETED in spec.event_kinds
            for event in spec.events if event.kind == DELETED}
    return (*specs, *(
        SpecHistory(f"{event.commit}:{event.path}", event.spec_id, (event,), (),
                    (event.path,), None, None, event.committed)
        for event in events if event.kind == DELETED
        and event.spec_id not in held and (event.commit, event.spec_id) not in seen))

