"""The specs the workflow judges (illegal-transition): the mined history's, with the changes
of the spec set that configuration changes made (`History.departures`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from specrepo.model.ancestry import Ancestry
from specrepo.model.events import CREATED, DELETED
from specrepo.model.history import Event, History, SpecHistory


def judged_specs(history: History) -> tuple[SpecHistory, ...]:
    """`specs` as the workflow judges them (illegal-transition), with the changes of
    the spec set a configuration change made (`departures`): each spec it took out, as
    a spec whose one event is that removal (none whose id a spec at HEAD holds, nor one
    the walk saw deleted in that commit); and each spec whose file it brought in, born
    before as no spec, from that commit on, its status then its first (no birth)."""
    events = history.departures.events() if history.departures is not None else ()
    if not events:
        return history.specs
    entries = {(event.path, event.spec_id): event for event in events
               if event.kind == CREATED}
    specs = tuple(_entered(spec, entries, history.ancestry) for spec in history.specs) \
        if entries and history.ancestry is not None else history.specs
    held = {spec.spec_id for spec in specs if spec.current_path is not None}
    seen = {(event.commit, event.spec_id) for spec in specs
            if spec.current_path is None and DELETED in spec.event_kinds
            for event in spec.events if event.kind == DELETED}
    return (*specs, *(
        SpecHistory(f"{event.commit}:{event.path}", event.spec_id, (event,), (),
                    (event.path,), None, None, event.committed)
        for event in events if event.kind == DELETED
        and event.spec_id not in held and (event.commit, event.spec_id) not in seen))


def _entered(spec: SpecHistory, entries: Mapping[tuple[str, str], Event],
             ancestry: Ancestry | None) -> SpecHistory:
    """`spec` from the commit a configuration change brought its file into the spec set
    (`entries`: by path and id), when its life began before it, at that path: the events
    of that commit and its ancestors are no spec's (the file was none then), and the
    entry's `created` event starts it, its status then its first; counted as inherited,
    so neither a birth nor a move is judged there. Else `spec` itself: one that was a spec
    at another path before it came there (a subtree import of a project's specs, a spec
    moved out and brought back in) keeps its life and its verdicts."""
    if ancestry is None or not spec.events:
        return spec
    entry = next((entries[key] for key in ((path, spec_id) for path in spec.paths
                                           for spec_id in spec.ids) if key in entries), None)
    if entry is None or spec.events[0].commit == entry.commit \
            or not ancestry.is_ancestor(spec.events[0].commit, entry.commit):
        return spec
    before = [ancestry.is_ancestor(event.commit, entry.commit) for event in spec.events]
    if any(event.path != entry.path for event, old in zip(spec.events, before, strict=True)
           if old):
        return spec  # a spec elsewhere before (a subtree import, a move): its life stands
    kept = [event for event, old in zip(spec.events, before, strict=True) if not old]
    return replace(spec, key=f"{entry.commit}:{entry.path}", events=(entry, *kept),
                   inherited=1)
