"""Each spec's history (`model.history.SpecHistory`) from a walk's running state."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from specrepo.base.restore import restored
from specrepo.model.history import SpecHistory

if TYPE_CHECKING:
    from specrepo.history.assemble import Assembly
    from specrepo.model.event import Event
    from specrepo.model.version import Version


def spec_histories(assembly: Assembly, version: Callable[[str, str], Version],
                   events: Mapping[str, Sequence[Event]]) -> tuple[SpecHistory, ...]:
    """Each spec's history of the walk `assembly`, sorted by id and path; events by key from
    `events`, if any (a cache's), else the walk's."""
    found = []
    for lineage in assembly.lineages.values():
        current = None if lineage.head_blob is None or lineage.head_path is None \
            else assembly.effective(lineage.head_path, lineage.head_blob, version)
        # Still the cache's line when no new commit changed it (read when asked for).
        walked = tuple(lineage.events) if lineage.cached is None else lineage.cached
        # Made as a cache restores (`restored`): a warm run makes one for every spec.
        found.append(restored(SpecHistory, (
            lineage.key, current.spec_id if current is not None and current.spec_id
            else lineage.spec_id,
            events[lineage.key] if events else walked,
            tuple(lineage.periods), tuple(lineage.paths), current,
            lineage.head_path, lineage.touched, lineage.inherited, None,
            lineage.touched_offset, frozenset(), tuple(lineage.touches),
            tuple(lineage.brought), False, ())))
    return tuple(sorted(found, key=lambda spec: (spec.spec_id, spec.current_path or "",
                                                 spec.paths[-1], spec.key)))
