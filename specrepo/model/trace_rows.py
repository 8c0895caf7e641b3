"""The rows and links of the trace matrix a spec gives: its requirements, and the item
links it makes."""

from __future__ import annotations

from typing import Final

from specrepo.model.references import ItemReference
from specrepo.model.spec_record import ReferenceKind, SpecRecord
from specrepo.model.trace import ItemLink, Relation, Requirement

_RELATIONS: Final[dict[ReferenceKind, Relation]] = {
    "depends_on": "depends_on", "refines": "refines", "related": "related"}


def requirements_of(record: SpecRecord) -> tuple[Requirement, ...]:
    """The requirement rows of a spec: the items with a text `id` of each list the field
    map names in `item_lists`, in order, with their priority where it is text."""
    return tuple(
        Requirement(ItemReference(record.id, item.id), item.priority, record.status)
        for item in record.list_items)


def item_links_of(record: SpecRecord) -> tuple[ItemLink, ...]:
    """The item links a spec makes: its items' `depends_on` and `refines` entries, and
    the entries of its related lists that name an item (`validate` reports those that
    name nothing, or are no reference)."""
    return tuple(
        ItemLink(record.id, reference.source_item, _RELATIONS[reference.kind],
                 ItemReference(reference.spec_id, reference.item_id))
        for reference in record.references
        if reference.item_id is not None and reference.kind in _RELATIONS)
