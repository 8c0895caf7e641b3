"""What is kept of a spec once it is checked: what the checks across specs and the index page
need, in a few hundred bytes whatever the spec's size."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import field
from pathlib import Path

from specrepo.base.deferred_dataclass import dataclass
from specrepo.load.document import Document, JsonPath, KeptPositions, Position
from specrepo.model.fields import DEFAULT_FIELDS, FieldMap
from specrepo.model.spec_record import Reference, SpecRecord


@dataclass(frozen=True, slots=True)
class SpecSummary:
    """A checked spec without its document: its identity, the cells of its row in the
    index, the specs it references and the ids of its items, and the positions (`kept_paths`)
    that findings across specs stand at.

    Validate and render load one spec at a time and keep only this of each, so their memory
    does not grow with the size of the specs.
    """

    file: Path
    id: str
    title: str
    status: str
    authors: tuple[str, ...]
    updated: str | None
    open_questions: int
    """How many questions are still open."""
    references: tuple[Reference, ...]
    item_ids: tuple[str, ...]
    """The ids of the spec's items (requirements, questions), in document order."""
    fields: FieldMap = DEFAULT_FIELDS
    positions: KeptPositions = field(default_factory=lambda: KeptPositions({}))
    """The positions of the `kept_paths`, if the summary was made from a document."""
    list_item_ids: tuple[str, ...] = ()
    """The ids of the items of the format's item lists: what an item reference
    (`SPEC-0042/FR-3`) may name."""
    changed_places: Mapping[str, tuple[JsonPath, Position]] = field(default_factory=dict)
    """For `validate --history`: each change the history check reports on this spec, by its
    field label (its path with items named by id, `requirements.functional[FR-3]`, as history
    names it) -> the JSON path and position its finding stands at."""

    def __reduce__(self) -> tuple[type[SpecSummary], tuple[object, ...]]:
        """Pickled as its fields in order, made again by the constructor: summaries come
        back from worker processes by the thousand, and the generic pickling of a frozen
        dataclass with slots (its state read, then set, field by field) took twice as
        long."""
        return SpecSummary, (self.file, self.id, self.title, self.status, self.authors,
                             self.updated, self.open_questions, self.references,
                             self.item_ids, self.fields, self.positions, self.list_item_ids,
                             self.changed_places)


def kept_paths(record: SpecRecord) -> tuple[JsonPath, ...]:
    """The paths whose positions a summary keeps: the id and the status (where the rules on
    ids, pages and committed transitions report) and each reference."""
    fields = record.fields
    return (fields.id, *((fields.status,) if fields.status else ()),
            *(reference.path for reference in record.references))


def summarize(record: SpecRecord, document: Document | None = None,
              changed_places: Mapping[str, tuple[JsonPath, Position]] | None = None
              ) -> SpecSummary:
    """The summary of a spec's record, with the positions of `kept_paths` in its document
    (and the `changed_places` found in it)."""
    positions = KeptPositions.of(document, kept_paths(record)) if document is not None \
        else KeptPositions({})
    return SpecSummary(
        file=record.file, id=record.id, title=record.title, status=record.status,
        authors=record.authors, updated=record.updated,
        open_questions=len(record.open_questions), references=record.references,
        # Item ids repeat across specs (FR-1, Q-1…): one string each, however many specs.
        item_ids=tuple(sys.intern(item.id) for item in record.item_ids),
        fields=record.fields, positions=positions,
        list_item_ids=tuple(sys.intern(item.id) for item in record.list_items),
        changed_places=dict(changed_places or {}))
