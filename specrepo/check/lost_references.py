"""The specs whose references a change elsewhere broke (`validate --changed-since`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from specrepo.model.references import KnownItems
from specrepo.model.spec_record import Reference
from specrepo.model.spec_summary import SpecSummary


def referencing_lost(summaries: Sequence[SpecSummary], earlier: KnownItems) -> list[Path]:
    """The specs of `summaries` with a reference to a spec or an item of `earlier` (what
    changed specs held before a change) that none of `summaries` has now: a reference
    the change broke, though the referencing spec did not change."""
    if not earlier.items:
        return []
    now = KnownItems.pooled((summary.id, summary.list_item_ids) for summary in summaries)

    def lost(reference: Reference) -> bool:
        if reference.kind == "related" and reference.written in earlier.items:
            return reference.written not in now.items  # an id of a format that holds a `/`
        before = earlier.items.get(reference.spec_id)
        after = now.items.get(reference.spec_id)
        return before is not None and (after is None or (
            reference.item_id in before and reference.item_id not in after))

    return [summary.file for summary in summaries if any(map(lost, summary.references))]
