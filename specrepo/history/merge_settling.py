"""What a merge onto HEAD's first-parent line settles: each spec whose events, after the
commits the merge brought, leave it in another status than the line holds gets an event
of the merge, a `merge-resolved` move (judged by the workflow) or `status-taken` (none).

Pure functions over the walk's state (`Assembly`); git is asked only who made a merge
that changed no spec file (`meta`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from specrepo.model.events import MERGE_RESOLVED, STATUS_TAKEN, EventKind
from specrepo.model.history import Event

if TYPE_CHECKING:  # only the walk settles merges: a warm run never imports this module
    from specrepo.gitio.graph import CommitMeta
    from specrepo.gitio.log import CommitRecord
    from specrepo.history.lineage_state import Lineage


def settle_merge(lineages: Mapping[str, Lineage], keys: set[str],
                 starts: Mapping[str, str | None], line_before: Mapping[str, str | None],
                 records: Mapping[str, CommitRecord], sha: str,
                 meta: Callable[[str], CommitMeta]) -> None:
    """After the commits the merge `sha` brought onto HEAD's line: give each spec of
    `keys` whose events leave it in another status than the line holds an event of the
    merge, from the status the events left (`Lineage.replay_status`) to the line's (None:
    the merge left the spec out). It is `merge-resolved` (a move the workflow judges, as a
    merge that keeps its first parent's status over a merged branch's move overrides it:
    trial30a) unless the merged commits left the spec where they started (`starts`: key ->
    the status of the version the first of them that changed it started from, or a
    status one of them took from another parent: `taken_status`): a branch that moved it
    Draft -> In Review -> Draft, merged while main moved it on, made no move a merge could
    override, and the merge took main's status as git's three-way merge does:
    `status-taken`, no move (final34 F1). And where the events leave the spec in the
    line's status but the merged commits started from another status than the line held
    before the merge (`line_before`: key -> that status), the merge moved the line's status
    over them (a branch's Draft -> In Review kept over main's Rejected): `merge-resolved`
    from the line's status before to after, unless a move of the merge's own says so
    (trial35b). Who made the merge and when is asked of git only then, when the walk has
    no record of it (it changed no spec file)."""
    for key in sorted(keys):
        lineage = lineages[key]
        target = lineage.mainline_status if lineage.on_mainline else None
        before = line_before.get(key)
        if lineage.replay_status != target:
            kind: EventKind = STATUS_TAKEN if target is not None and key in starts \
                and starts[key] == lineage.replay_status else MERGE_RESOLVED
            _settle(lineage, _meta(records, sha, meta), kind, lineage.replay_status, target)
        elif None not in (before, target) and before != target and key in starts \
                and starts[key] != before and not any(
                    event.commit == sha and (event.before, event.after) == (before, target)
                    for event in lineage.walked_events()):
            _settle(lineage, _meta(records, sha, meta), MERGE_RESOLVED, before, target)


def _settle(lineage: Lineage, merge: CommitMeta, kind: EventKind, before: str | None,
            target: str | None) -> None:
    """Give `lineage` the event of `merge` that settles its status from `before` on the
    line's `target`, and replay to it."""
    lineage.walked_events().append(Event(
        lineage.spec_id, merge.sha, merge.author, merge.email, merge.authored,
        merge.committed, kind, "status", before, target,
        lineage.head_path or lineage.path, True, author_offset=merge.author_offset))
    lineage.replay_status = target


def _meta(records: Mapping[str, CommitRecord], sha: str,
          meta: Callable[[str], CommitMeta]) -> CommitMeta:
    from specrepo.gitio.graph import CommitMeta  # noqa: PLC0415 (walk only: above)

    record = records.get(sha)
    if record is None:
        return meta(sha)
    return CommitMeta(sha, record.author, record.email, record.authored, record.committed,
                      record.author_offset)
