"""The content events of a spec's first version that reads after versions that do not
(`unread_starts.UnreadStart`): its content first read there, as its title and reviewers
are (check60 LOW: a timeline showed the title changed there, and no item added)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from specrepo.history.events import FieldChange
from specrepo.model.version import VersionContent

if TYPE_CHECKING:
    from specrepo.history.lineage import Step
    from specrepo.history.lineage_lookups import Lookups
    from specrepo.load.document import JsonValue


def first_content(step: Step, lookups: Lookups) -> list[FieldChange]:
    """The content events of a spec's first version that reads after versions that do not
    (`UnreadStart`), marked `after_unreadable`: what it holds, compared with the same
    document emptied (`_emptied`), each item it lists added and each section it has
    changed, as its title and reviewers, first read there, are changed from no value (a
    change across unreadable versions belongs to the commit that reads again). None when
    its content does not load."""
    new = None if step.new_blob is None else lookups.content(step.new_blob, step.path)
    if new is None:
        return []
    emptied = VersionContent(_emptied(new.data), None if new.body is None else ())
    return [FieldChange(event.kind, event.field, None, None, True, event.item, event.protected)
            for event in lookups.compare(emptied, new)]


def _emptied(data: JsonValue) -> JsonValue:
    """`data` with every list empty and every other value but a mapping None: a mapping
    keeps its keys, so that an item of a list is added to it (`item-added`), not the
    whole section written."""
    if isinstance(data, dict):
        return {key: _emptied(value) for key, value in data.items()}
    return [] if isinstance(data, list) else None
