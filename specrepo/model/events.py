"""The kinds of event history records, as one vocabulary."""

from __future__ import annotations

from typing import Final, Literal

EventKind = Literal["created", "deleted", "moved", "copied", "id-changed", "status-changed",
                    "title-changed", "reviewer-added", "reviewer-removed", "approved",
                    "question-added", "question-resolved", "question-reopened",
                    "question-removed", "merge-resolved", "status-taken", "item-added",
                    "item-changed", "item-removed", "item-moved", "section-changed"]
"""What happened to a spec in a commit (the README's history section says each)."""

CREATED: Final = "created"
DELETED: Final = "deleted"
MOVED: Final = "moved"
COPIED: Final = "copied"
ID_CHANGED: Final = "id-changed"
STATUS_CHANGED: Final = "status-changed"
TITLE_CHANGED: Final = "title-changed"
REVIEWER_ADDED: Final = "reviewer-added"
REVIEWER_REMOVED: Final = "reviewer-removed"
APPROVED: Final = "approved"
QUESTION_ADDED: Final = "question-added"
QUESTION_RESOLVED: Final = "question-resolved"
QUESTION_REOPENED: Final = "question-reopened"
QUESTION_REMOVED: Final = "question-removed"
MERGE_RESOLVED: Final = "merge-resolved"
STATUS_TAKEN: Final = "status-taken"
ITEM_ADDED: Final = "item-added"
ITEM_CHANGED: Final = "item-changed"
ITEM_REMOVED: Final = "item-removed"
ITEM_MOVED: Final = "item-moved"
SECTION_CHANGED: Final = "section-changed"

EVENT_KINDS: Final[frozenset[EventKind]] = frozenset({
    CREATED, DELETED, MOVED, COPIED, ID_CHANGED, STATUS_CHANGED, TITLE_CHANGED,
    REVIEWER_ADDED, REVIEWER_REMOVED, APPROVED, QUESTION_ADDED, QUESTION_RESOLVED,
    QUESTION_REOPENED, QUESTION_REMOVED, MERGE_RESOLVED, STATUS_TAKEN, ITEM_ADDED,
    ITEM_CHANGED, ITEM_REMOVED, ITEM_MOVED, SECTION_CHANGED})
APPROVAL_TRAILERS: Final = ("Reviewed-by", "Approved-by")
"""The commit message trailers that approve what the commit contains (`approved` events
on the field `trailer`), their keys in any letter case, as git matches them."""
COAUTHOR_TRAILER: Final = "Co-authored-by"
"""The commit message trailer naming another author of the commit (GitHub's squash merges
write one per contributor): an author of its changes, whose approval of them is no review
(`Event.coauthors`)."""

CONTENT_EVENTS: Final[frozenset[EventKind]] = frozenset({
    ITEM_ADDED, ITEM_CHANGED, ITEM_REMOVED, ITEM_MOVED, SECTION_CHANGED})
"""The kinds that say what changed in the spec's content, item by item and section by
section (`compare.content_events`), rather than in the fields history follows."""
PLACE_ONLY: Final[frozenset[EventKind]] = frozenset({MOVED, COPIED})
"""The kinds that say where a spec's file went, not what the spec says (see
`changes_content`)."""

AGE_EVENTS: Final[frozenset[EventKind]] = frozenset({
    CREATED, QUESTION_ADDED, QUESTION_RESOLVED, REVIEWER_ADDED})
"""The kinds ages count from or to: a question's raising (its own event, or the spec's
creation) and resolution, a reviewer's addition (`history.event_times`)."""


def changes_content(kind: str) -> bool:
    """Whether an event of kind `kind` says its commit changed what the spec says: any
    kind but `PLACE_ONLY`'s. The one rule of a spec's last change, for its idle days and
    staleness (`SpecHistory.last_touched`: report, site, the graph's times) and for what
    confirms the links of a spec not approved (trace): a commit that records no such
    event changed none of its content (a mode change, `chmod +x`; git's exact rename or
    copy, a folder moved; an edit that only reformats the YAML, or touches only the
    spec's dates `created` and `updated`, which are bookkeeping and give no event)."""
    return kind not in PLACE_ONLY


HISTORY_STARTS: Final = "history-starts"
"""Not a kind history records: how a spec's first version at a shallow clone's boundary is
shown (`History.shown_kind`), its state there rather than its creation (timeline, site)."""
SETS_STATUS: Final[frozenset[EventKind]] = frozenset({CREATED, STATUS_CHANGED,
                                                     MERGE_RESOLVED, DELETED})
"""The kinds whose `after` is the spec's status from then on (None: gone)."""
REPLAYS_STATUS: Final[frozenset[EventKind]] = SETS_STATUS | {STATUS_TAKEN}
"""The kinds whose `after` is where the spec's events leave its status, as the walk
replays them (`Lineage.replay_status`) and the history cache checks: `SETS_STATUS` and
`status-taken`, a merge off HEAD's first-parent line taking a status another parent's
commits made (GitHub's "Update branch" taking main's), which is no move of its own: never
judged by the workflow, no approval, no birth."""
