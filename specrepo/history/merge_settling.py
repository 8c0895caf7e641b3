"""What a merge onto HEAD's first-parent line settles: each spec whose events, after the
commits the merge brought, leave it in another status than the line holds gets an event
of the merge, a `merge-resolved` move (judged by the workflow) or `status-taken` (none).

Pure functions over the walk's state (`Assembly`); git is asked only who made a merge
that changed no spec file (`meta`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from specrepo.gitio.graph import CommitMeta
from specrepo.model.event import Event
from specrepo.model.events import MERGE_RESOLVED, STATUS_TAKEN, EventKind
from specrepo.model.merging import overrides_branch, removed_from, takes_over_line

if TYPE_CHECKING:  # only the walk settles merges: a warm run never imports this module
    from specrepo.gitio.log import CommitRecord
    from specrepo.history.lineage_state import Lineage


def settle_merge(lineages: Mapping[str, Lineage], keys: set[str],
                 starts: Mapping[str, str | None], line_before: Mapping[str, str | None],
                 records: Mapping[str, CommitRecord], sha: str,
                 meta: Callable[[str], CommitMeta],
                 status_at: Callable[[str, Lineage], str | None]) -> None:
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
    `status-taken`, no move (final34 F1). And where the merge changed the line's status
    (`line_before`: key -> the status the line held before it) to a merged branch's, it
    moved the line's status over the branch's start (a branch's Draft -> In Review kept
    over main's Rejected; `_settle_taken`): `merge-resolved` from the line's status
    before, unless a move of the merge's own says so (trial35b), whatever status the
    walk's events of the branch left last (one its own merge of another branch overrode;
    so a move from the branch's status is from its tip's, `status_at`: a commit's status
    of the spec). Who made the merge and when is asked of git only then, when the walk
    has no record of it (it changed no spec file). A commit of one parent brought no
    branch: nothing to settle, its own events are its moves (trial36: a move to no status
    on a plain commit was settled back by a `merge-resolved` event of it)."""
    record = records.get(sha)
    if record is not None and len(record.parents) < 2:
        return
    for key in sorted(keys):
        lineage = lineages[key]
        target = lineage.mainline_status if lineage.on_mainline else None
        before = line_before.get(key)
        if target is None and before is not None and lineage.replay_status is None \
                and key in starts:  # the merge took a branch's removal over the line's spec
            _settle_removal(lineage, merge_meta(records, sha, meta), before, starts[key])
            continue
        merge = merge_meta(records, sha, meta) if lineage.replay_status != target or (
            None not in (before, target) and before != target) else None
        if merge is None:
            continue
        if None not in (before, target) and before != target:
            # A branch whose commits did not change the spec starts where it left it
            # (one that made its file starts from the line's: `Assembly.side_made`).
            _settle_taken(lineage, merge, before, target, starts[key] if key in starts
                          else _branch_left(lineage, merge, status_at))
        else:
            left = _branch_left(lineage, merge, status_at)
            kind: EventKind = STATUS_TAKEN if target is not None and key in starts \
                and not overrides_branch(left, starts[key], target) else MERGE_RESOLVED
            _settle(lineage, merge, kind, left, target)


def _branch_left(lineage: Lineage, merge: CommitMeta,
                 status_at: Callable[[str, Lineage], str | None]) -> str | None:
    """The status the branches `merge` merged left the spec in: where the walk's events
    left it (`Lineage.replay_status`), unless the merged tips hold another, one status
    (`status_at`: a commit's status of the spec): a branch's events walked last may be
    those of a branch it merged itself and overrode (the tip's merge kept its own)."""
    replayed = lineage.replay_status
    held = {status_at(parent, lineage) for parent in merge.parents[1:]} - {None}
    return replayed if replayed in held or len(held) != 1 else held.pop()


def _settle_removal(lineage: Lineage, merge: CommitMeta, before: str,
                    start: str | None) -> None:
    """Settle a spec the line held in `before` that the merge `merge` left out, taking a
    merged branch's removal (its commits took it out, from `start`): a removal from the
    line's status, `merge-resolved` to nothing, where `model.merging.removed_from` names
    it (the branch took out a Draft main approved: the merge left out an Approved spec),
    unless a move of the merge's own says so; a branch that took it out from the line's
    status made the removal itself, judged at its commit."""
    own = any(event.commit == merge.sha and (event.before, event.after) == (before, None)
              for event in lineage.walked_events())
    if not own and before in removed_from(before, [(None, start)]):
        _settle(lineage, merge, MERGE_RESOLVED, before, None, from_line=True)


def _settle_taken(lineage: Lineage, merge: CommitMeta, before: str | None,
                  target: str | None, start: str | None) -> None:
    """Settle a spec whose status the merge `merge` changed on HEAD's line, from `before`
    to a merged branch's `target` (a status of its own has its own event): the branch's
    status kept over the line's is a `merge-resolved` move from the line's, unless the
    branch started from it (`start`: its moves are its commits' own, judged there). The
    walk's events may leave the spec elsewhere (a status the branch's own merge of
    another branch overrode, walked after it): a `status-taken` event, no move, replays
    them to `target`."""
    own = any(event.commit == merge.sha and (event.before, event.after) == (before, target)
              for event in lineage.walked_events())
    if not own and takes_over_line(before, target, start):
        _settle(lineage, merge, MERGE_RESOLVED, before, target, from_line=True)
    elif lineage.replay_status != target:
        _settle(lineage, merge, STATUS_TAKEN, lineage.replay_status, target)


def _settle(lineage: Lineage, merge: CommitMeta, kind: EventKind, before: str | None,
            target: str | None, *, from_line: bool = False) -> None:
    """Give `lineage` the event of `merge` that settles its status from `before` (the
    line's status before the merge with `from_line`, else a merged branch's) on the line's
    `target`, and replay to it."""
    lineage.walked_events().append(Event(
        lineage.spec_id, merge.sha, merge.author, merge.email, merge.authored,
        merge.committed, kind, "status", before, target,
        lineage.head_path or lineage.path, True, author_offset=merge.author_offset,
        from_line=from_line))
    lineage.replay_status = target


def merge_meta(records: Mapping[str, CommitRecord], sha: str,
               meta: Callable[[str], CommitMeta]) -> CommitMeta:
    """Who made commit `sha` and when: from its record in `records` when the walk has
    one, else from `meta` (which may ask git)."""
    record = records.get(sha)
    if record is None:
        return meta(sha)
    return CommitMeta(sha, record.author, record.email, record.authored, record.committed,
                      record.author_offset, record.parents)
