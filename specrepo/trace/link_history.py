"""What history says about the links of a trace: each requirement's last change (from the
item-level content events of the one history pass), each tagging file's last commit, each
spec's latest approval (`LinkHistory`, which `trace.suspect` reads)."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from specrepo.base.paths import relative_below
from specrepo.check.rules.changed_after_approval import Approval, approval_of, reviewer_day
from specrepo.gitio.touches import Touch
from specrepo.history.item_versions import ItemAt
from specrepo.load.document import JsonPath, JsonValue
from specrepo.model.change_paths import format_path
from specrepo.model.events import APPROVED
from specrepo.model.history import Event, History, SpecHistory
from specrepo.model.references import ItemReference
from specrepo.model.spec_record import SpecRecord
from specrepo.model.trace import CommitStamp, LinkHistory, RequirementChange
from specrepo.model.workflow import Workflow


@dataclass(frozen=True)
class TraceHistory:
    """The links' history, and where each requirement's last change can be read (to show
    the item before and after it: `changed_item`)."""

    links: LinkHistory
    changed: dict[ItemReference, tuple[Event, JsonPath]]
    """Each requirement's last change, and the list its item stands in."""

    def changed_item(self, reference: ItemReference) -> ItemAt:
        """Where the last change of the requirement `reference` (one of `changed`) left
        its item."""
        event, list_path = self.changed[reference]
        return ItemAt(event.commit, event.path, list_path, reference.item_id)


def trace_history(history: History, records: Iterable[SpecRecord],
                  touches: Mapping[str, Touch], workflow: Workflow) -> TraceHistory:
    """The history of the links to the items of `records` (specs at HEAD): a requirement's
    last change is its item's last `item-added` or `item-changed` event, found by the spec's
    lineage (through moves and renumbering) and the item's id; `touches` are the tagging
    files' last commits; a spec's approval is its latest (`changed-after-approval`'s: its
    move into an approved state, a later trailer, or a reviewer's date). The changes carry
    no item yet (see `with_items`)."""
    changes: dict[ItemReference, RequirementChange] = {}
    changed: dict[ItemReference, tuple[Event, JsonPath]] = {}
    stamps: dict[str, CommitStamp] = {}  # one per commit, however many items it changed
    approvals: dict[str, CommitStamp] = {}
    at_head = {spec.current_path: spec for spec in history.specs if spec.current_path}
    from_top = relative_below(history.work_tree)  # records name files by their identity
    fields: dict[tuple[str | int, ...], str] = {}  # each list's field path, spelled once
    for record in records:
        spec = at_head.get(from_top(record.file) or "")
        if spec is None:
            continue
        approval = approval_of(spec, workflow, history.ancestry)
        if approval is not None:
            approvals[record.id] = _confirmed(approval, spec)
        for item in record.list_items:
            list_path = item.path[:-2]
            field = fields.get(list_path)
            if field is None:
                field = fields[list_path] = format_path(map(str, list_path))
            event = spec.last_item_change(field, item.id)
            if event is not None:
                reference = ItemReference(record.id, item.id)
                stamp = stamps.get(event.commit)
                if stamp is None:
                    stamp = stamps[event.commit] = CommitStamp(event.commit, event.committed)
                changes[reference] = RequirementChange(stamp, None, None)
                changed[reference] = (event, list_path)
    file_touches = {path: CommitStamp(touch.commit, touch.committed)
                    for path, touch in touches.items()}
    return TraceHistory(LinkHistory(changes, file_touches, approvals, history.ancestry),
                        changed)


def _confirmed(approval: Approval, spec: SpecHistory) -> CommitStamp:
    """Where the spec's links were last confirmed: the last commit since it entered its
    approved state that approved it (that move, a trailer, or a reviewer's `approved:`
    date set, as `changed-after-approval` counts them); for a date, at the end of that day
    (UTC) when it is earlier than the commit."""
    start = spec.events.index(approval.entered)
    last = approval.entered
    for event in spec.events[start + 1:]:
        if event.kind == APPROVED:
            last = event
    day = reviewer_day(last)
    if day is None:
        return CommitStamp(last.commit, last.committed)
    day_end = calendar.timegm(day.timetuple()) + 24 * 60 * 60 - 1
    return CommitStamp(last.commit, min(last.committed, day_end))


def with_items(links: LinkHistory,
               items: Mapping[ItemReference, tuple[JsonValue, JsonValue]]) -> LinkHistory:
    """`links` with only the changes of `items`, each with the item before and after."""
    return LinkHistory(
        {reference: RequirementChange(links.changes[reference].stamp, before, after)
         for reference, (before, after) in items.items()},
        links.file_touches, links.approvals, links.ancestry)
