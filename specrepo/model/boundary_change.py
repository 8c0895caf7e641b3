"""A change of content a shallow clone shows at a merged branch's boundary commit."""

from __future__ import annotations

from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.event import BoundaryMove, Event

SHALLOW_FETCH: Final = ("fetch all of it (`git fetch --unshallow`, or `fetch-depth: 0` in "
                        "actions/checkout)")
"""How to make a shallow clone whole, in every message that says what it cannot show."""


@dataclass(frozen=True)
class BoundaryChange(Event):
    """A content event (`model.events.CONTENT_EVENTS`) at a shallow clone's boundary commit
    that a merge merges (`history.boundary_changes`): the spec's content there differs from
    that of the merge's first parent, `seen_from`, which the clone holds, and the merge
    takes the branch's. The commits between are not in the clone, so it is one change, of
    the boundary commit (its author is the one the clone can name), and no approval given
    between the two is seen. Never cached: made from the mined history in each run."""

    seen_from: str = ""


def compared_note(event: Event) -> str:
    """What a move or change seen at a shallow clone's boundary commit only by comparing it
    with an earlier commit the clone holds is (`BoundaryMove`, `BoundaryChange`), for
    every place that shows the event (timeline, site): `compared_with` of its
    `seen_from`, `compared with commit 1a2b3c4d5e: this shallow clone holds no commit
    between them, so it is one move, and what happened between them is not seen: fetch
    all of it (...) to see it`; "" for any other event (the commit's own change)."""
    seen_from = getattr(event, "seen_from", "")
    if not seen_from:
        return ""
    return compared_with(seen_from, "move" if isinstance(event, BoundaryMove) else "change",
                         "what happened", "it")


def compared_with(seen_from: str, what: str, unseen: str, seen: str) -> str:
    """The one wording of a move or change (`what`) a shallow clone sees at its boundary
    commit only by comparing it with the commit `seen_from` (40 hex digits): that it is
    one, that `unseen` (`an approval given`) between the two is not seen, and how to
    fetch the rest (`SHALLOW_FETCH`) to see `seen` (`one`): the timeline's note
    (`compared_note`) and `changed-after-approval`'s message alike."""
    return (f"compared with commit {seen_from[:10]}: this shallow clone holds no commit "
            f"between them, so it is one {what}, and {unseen} between them is not seen: "
            f"{SHALLOW_FETCH} to see {seen}")
