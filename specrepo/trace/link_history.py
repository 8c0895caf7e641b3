"""What history says about the links of a trace: each requirement's last change (from the
item-level content events of the one history pass), each tagging file's last commit, each
spec's latest approval (`LinkHistory`, which `trace.suspect` reads)."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field, replace
from pathlib import Path

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.paths import relative_below
from specrepo.base.timestamps import DAY_SECONDS
from specrepo.gitio.touches import Touch
from specrepo.history.item_versions import ItemAt
from specrepo.load.document import JsonPath, JsonValue
from specrepo.model.ancestry import Ancestry
from specrepo.model.approval_standing import Approval, approval_of, reviewer_day
from specrepo.model.change_paths import format_path
from specrepo.model.event import Event
from specrepo.model.events import PLACE_ONLY, changes_content
from specrepo.model.history import History, SpecHistory
from specrepo.model.item_changes import item_changes
from specrepo.model.references import ItemReference
from specrepo.model.spec_record import SpecRecord
from specrepo.model.trace import CommitStamp, LinkHistory, RequirementChange
from specrepo.model.unread_approval import since_readable
from specrepo.model.workflow import Workflow
from specrepo.trace.renumbered_specs import renumbered_specs

_Changed = tuple[tuple[Event, ...], JsonPath, Sequence[Event], str]
"""A requirement's committed changes, its item list, its spec's events, its file at HEAD."""


@dataclass(frozen=True)
class TraceHistory:
    """The links' history, and where each requirement's last change can be read (to show
    the item before and after it: `changed_item`)."""

    links: LinkHistory
    changed: dict[ItemReference, _Changed]
    """Each requirement's committed changes (oldest first), the list its item stands in,
    all its spec's events (where its file was before each change: `changed_items`) and
    its spec's file at HEAD (`item_now`)."""
    renumbered: dict[str, str] = field(default_factory=dict)
    """Spec ids no spec at HEAD has -> the id now of the spec renumbered from each
    (`renumbered_specs`)."""
    uncommitted: dict[ItemReference, tuple[JsonValue, JsonValue]] = field(default_factory=dict)
    """Each requirement the work tree changed since HEAD: its item in HEAD and in the work
    tree (the last of its changes in `links`, at `UNCOMMITTED`)."""
    head: str | None = None
    """HEAD's commit id (None: no commit yet, or not known)."""

    def changed_items(self, reference: ItemReference) -> list[ItemAt]:
        """Where each committed change of the requirement `reference` left its item,
        oldest first (none for an item added in the work tree), and where the spec's
        file was just before: the spec's lineage (a commit that moved or copied its file
        there, history's `moved` or `copied` event), not the path, says."""
        if reference not in self.changed:
            return []
        events, list_path, spec_events, _ = self.changed[reference]
        commits = {event.commit for event in events}
        came_from = {(event.commit, event.after): event.before for event in spec_events
                     if event.commit in commits and event.kind in PLACE_ONLY}
        return [ItemAt(event.commit, event.path, list_path, reference.item_id,
                       came_from.get((event.commit, event.path))) for event in events]

    def item_held(self, reference: ItemReference, commit: str) -> ItemAt | None:
        """Where `commit` holds the item of the requirement `reference`: in the spec's file
        as the last of the spec's events `commit` contains left it, a move after the
        item's last change included (None: it contains no change of the item, or history
        has no commit graph)."""
        ancestry = self.links.ancestry
        if reference not in self.changed or ancestry is None:
            return None
        events, list_path, spec_events, _ = self.changed[reference]
        if not any(_contains(ancestry, commit, event) for event in events):
            return None
        path = next(event.path for event in reversed(spec_events)
                    if _contains(ancestry, commit, event))
        return ItemAt(commit, path, list_path, reference.item_id)

    def item_now(self, reference: ItemReference) -> ItemAt | None:
        """Where HEAD holds the item of the requirement `reference` (None: history has no
        committed change of it, nor so its file at HEAD)."""
        if reference not in self.changed:
            return None
        _, list_path, _, path = self.changed[reference]
        return ItemAt("HEAD", path, list_path, reference.item_id)


def _contains(ancestry: Ancestry, commit: str, event: Event) -> bool:
    """Whether `commit` is `event`'s commit or a descendant of it."""
    return event.commit == commit or ancestry.is_ancestor(event.commit, commit)


def trace_history(history: History, records: Iterable[SpecRecord],
                  touches: Mapping[str, Sequence[Touch]], workflow: Workflow) -> TraceHistory:
    """The history of the links to the items of `records` (specs at HEAD): a requirement's
    last change is its item's last `item-added` or `item-changed` event, found by the spec's
    lineage (through moves and renumbering) and the item's id; `touches` are the tagging
    files' last touches (`gitio.touches.LastTouches`); a spec's approval is its latest
    (`changed-after-approval`'s: its move into an approved state, a later trailer, or a
    reviewer's date), or for a spec not in an approved state its last change. The
    changes carry no item yet (see `with_items`)."""
    return SpecLinksHistory(history, workflow).trace_history(records, touches)


_SpecLinks = tuple[CommitStamp | None, list[tuple[ItemReference, RequirementChange, _Changed]]]
"""What history says of one spec's links: its approval, each item's last change."""


class SpecLinksHistory:
    """`trace_history`, one spec at a time: what history says of each spec's links can be
    read as each spec is checked (`read`), the rest when all are (`trace_history`)."""

    def __init__(self, history: History, workflow: Workflow) -> None:
        self.history, self.workflow = history, workflow
        self.at_head = {spec.current_path: spec for spec in history.specs if spec.current_path}
        self.from_top = relative_below(history.work_tree)  # records name files by identity
        self.fields: dict[tuple[str | int, ...], str] = {}  # each list's path, spelled once
        self.stamps: dict[str, CommitStamp] = {}  # one per commit, however many items
        self.read_specs: dict[Path, _SpecLinks | None] = {}

    def read(self, record: SpecRecord) -> None:
        """Read what history says of the links of `record` (a spec at HEAD)."""
        self.read_specs[record.file] = self._links(record)

    def trace_history(self, records: Iterable[SpecRecord],
                      touches: Mapping[str, Sequence[Touch]]) -> TraceHistory:
        """`trace_history` of `records` (each one read, or read now) and `touches`."""
        changes: dict[ItemReference, RequirementChange] = {}
        changed: dict[ItemReference, _Changed] = {}
        approvals: dict[str, CommitStamp] = {}
        for record in records:
            links = self.read_specs[record.file] if record.file in self.read_specs \
                else self._links(record)
            if links is None:
                continue
            approval, items = links
            if approval is not None:
                approvals[record.id] = approval
            for reference, change, where in items:
                changes[reference] = change
                changed[reference] = where
        file_touches = {path: tuple(CommitStamp(touch.commit, touch.committed,
                                                touch.author_offset) for touch in found)
                        for path, found in touches.items()}
        return TraceHistory(LinkHistory(changes, file_touches, approvals,
                                        self.history.ancestry), changed,
                            renumbered_specs(self.history), head=self.history.head)

    def _links(self, record: SpecRecord) -> _SpecLinks | None:
        path = self.from_top(record.file) or ""
        spec = self.at_head.get(path)
        if spec is None:
            return None
        approval = approval_of(spec, self.workflow, self.history.ancestry)
        if approval is not None:
            approval = since_readable(spec, approval, self.history)
        items = []
        for item in record.list_items:
            list_path = item.path[:-2]
            field = self.fields.get(list_path)
            if field is None:
                field = self.fields[list_path] = format_path(map(str, list_path))
            events = item_changes(spec, field, item.id)
            if events:
                *earlier, last = (RequirementChange(self._stamp(event), None, None)
                                  for event in events)
                items.append((ItemReference(record.id, item.id),
                              replace(last, earlier=tuple(earlier)),
                              (events, list_path, spec.events, path)))
        confirmed = _last_change(spec) if approval is None else _confirmed(spec, approval)
        return confirmed, items

    def _stamp(self, event: Event) -> CommitStamp:
        """The commit of `event`, one per commit however many items it changed."""
        stamp = self.stamps.get(event.commit)
        if stamp is None:
            stamp = self.stamps[event.commit] = CommitStamp(
                event.commit, event.committed, event.author_offset)
        return stamp


def _last_change(spec: SpecHistory) -> CommitStamp | None:
    """Where a spec not in an approved state last confirmed its links, as a file its tags: its last
    commit that changed its content (`changes_content`); None when history has none."""
    for event in reversed(spec.events):
        if changes_content(event.kind):
            return CommitStamp(event.commit, event.committed, event.author_offset)
    return None


def _confirmed(spec: SpecHistory, approval: Approval) -> CommitStamp:
    """Where the spec's links were last confirmed: the last approving event that approved
    the version reviewers last approved (`Approval.confirmed`, the one judgement of
    `changed-after-approval`: a date or a trailer that approves nothing does not count);
    for a reviewer's `approved:` date, at the end of that day (in the offset from UTC of
    that commit's author, as `changed-after-approval` reads a date) when it is earlier
    than the commit (`CommitStamp.day_end`). Where the approved version could not be read
    (`Approval.unread`, as `since_readable` judges it for `changed-after-approval` and
    `diff --since-approval`), what it confirmed is not known: the last readable version
    before it (`UnreadApproval.baseline`), or, with none, the spec's first event, so a
    requirement changed since is suspect, never taken as seen."""
    if approval.unread is not None:
        last = approval.unread.baseline or spec.events[0]
        return CommitStamp(last.commit, last.committed, last.author_offset)
    last = approval.confirmed
    day = reviewer_day(last)
    if day is None:
        return CommitStamp(last.commit, last.committed, last.author_offset)
    day_end = calendar.timegm(day.timetuple()) + DAY_SECONDS - 1 - last.author_offset * 60
    if day_end >= last.committed:
        return CommitStamp(last.commit, last.committed, last.author_offset)
    return CommitStamp(last.commit, day_end, last.author_offset, day_end=True)


def with_items(links: LinkHistory,
               items: Mapping[ItemReference, Sequence[tuple[JsonValue, JsonValue]]],
               now: Mapping[ItemReference, JsonValue],
               held: Mapping[ItemReference, dict[str, JsonValue]] | None = None) -> LinkHistory:
    """`links` with only the changes of `items`, each with the item before and after each
    of its last changes (oldest first, as `TraceHistory.changed_items`: those from the
    earliest one a suspect link did not see; the earlier ones keep no item, as no link
    judges by them), the last with what the requirement says `now` (HEAD's item, or the
    work tree's; one missing there: the last change's) and the item as the commits that
    confirmed its links hold it (`held`: commit id -> item; `RequirementChange.held`)."""
    def read(reference: ItemReference, around: Sequence[tuple[JsonValue, JsonValue]]
             ) -> RequirementChange:
        change = links.changes[reference]
        steps = (*change.earlier, change)
        read_from = len(steps) - len(around)
        *earlier, last = (*steps[:read_from], *(
            RequirementChange(step.stamp, before, after)
            for step, (before, after) in zip(steps[read_from:], around, strict=True)))
        return replace(last, earlier=tuple(earlier), now=now.get(reference),
                       held=dict((held or {}).get(reference, {})))
    return LinkHistory({reference: read(reference, around)
                        for reference, around in items.items()},
                       links.file_touches, links.approvals, links.ancestry, items_read=True)
