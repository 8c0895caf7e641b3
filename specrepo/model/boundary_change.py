"""A change of content a shallow clone shows at a merged branch's boundary commit."""

from __future__ import annotations

from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.event import Event


@dataclass(frozen=True)
class BoundaryChange(Event):
    """A content event (`model.events.CONTENT_EVENTS`) at a shallow clone's boundary commit
    that a merge merges (`history.boundary_changes`): the spec's content there differs from
    that of the merge's first parent, `seen_from`, which the clone holds, and the merge
    takes the branch's. The commits between are not in the clone, so it is one change, of
    the boundary commit (its author is the one the clone can name), and no approval given
    between the two is seen. Never cached: made from the mined history in each run."""

    seen_from: str = ""
