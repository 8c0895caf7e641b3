"""The commits that changed what one item of a spec says (a requirement's history)."""

from __future__ import annotations

from specrepo.model.event import Event
from specrepo.model.events import ITEM_ADDED, ITEM_CHANGED, ITEM_REMOVED
from specrepo.model.history import SpecHistory


def item_changes(spec: SpecHistory, field: str, item: str) -> tuple[Event, ...]:
    """The events of `spec` that changed what an item says since it last came into the
    spec, oldest first: its `item-added` and `item-changed` events (`field` names its list,
    `requirements.functional`; `item` is its id, `FR-3`), after the spec's first event
    where no `item-added` is among them (the item came with the spec). Empty when its last
    event removed it. A change undone later (a revert) is one of them."""
    changes: list[Event] = []
    for event in reversed(spec.events):
        if event.field == field and event.item == item:
            if event.kind == ITEM_REMOVED:
                return tuple(reversed(changes))
            if event.kind in (ITEM_ADDED, ITEM_CHANGED):
                changes.append(event)
            if event.kind == ITEM_ADDED:
                return tuple(reversed(changes))
    if spec.events and (not changes or changes[-1] is not spec.events[0]):
        changes.append(spec.events[0])
    return tuple(reversed(changes))
