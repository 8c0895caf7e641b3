"""The links' history with the work tree's uncommitted change: a requirement the work tree
changed since HEAD changed last there, after every commit (`UNCOMMITTED`), and a tagging
file the work tree changed was last touched there, as the commit to come will have it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from specrepo.base.paths import relative_below
from specrepo.history.uncommitted import UncommittedChange
from specrepo.load.document import JsonValue
from specrepo.model.references import ItemReference
from specrepo.model.spec_record import SpecRecord
from specrepo.model.trace import UNCOMMITTED, LinkHistory, RequirementChange
from specrepo.model.workflow import Workflow
from specrepo.trace.link_history import TraceHistory


def with_uncommitted(found: TraceHistory, records: Iterable[SpecRecord],
                     change: UncommittedChange, top: Path, workflow: Workflow) -> TraceHistory:
    """`found` (the history of the links to the items of `records`, specs as the work tree
    has them) with `change`, the uncommitted change of the work tree whose top is `top`:
    each item it changed gets a last change at `UNCOMMITTED` (its item in HEAD, and now),
    each file it changed its one last touch there, and each spec it changed that is not in an
    approved state of `workflow` (whose links its last change confirms) a last change
    there."""
    if not change.specs and not change.files:
        return found
    from_top = relative_below(top)
    changes = dict(found.links.changes)
    uncommitted: dict[ItemReference, tuple[JsonValue, JsonValue]] = {}
    approvals = dict(found.links.approvals)
    for record in records:
        path = from_top(record.file)
        if path is None or path not in change.specs:
            continue
        if record.status not in workflow.approved:
            approvals[record.id] = UNCOMMITTED
        for item in record.list_items:
            around = change.item_change(path, item.path[:-2], item.id)
            if around is None:
                continue
            reference = ItemReference(record.id, item.id)
            last = changes.get(reference)
            earlier = () if last is None else (*last.earlier, replace(last, earlier=()))
            changes[reference] = RequirementChange(UNCOMMITTED, *around, earlier=earlier)
            uncommitted[reference] = around
    links = found.links
    touches = {**links.file_touches, **dict.fromkeys(change.files, (UNCOMMITTED,))}
    return replace(found, links=LinkHistory(changes, touches, approvals, links.ancestry),
                   uncommitted=uncommitted)
