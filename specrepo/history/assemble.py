"""Turn commits and the versions of their blobs into each spec's events and status periods.

Pure functions over data the git layer read; no git here.

Policy, for branchy histories:
- Events are ordered by the commit graph (parents before children), never by date.
- Each change is attributed once, to the commit that made it: a merge adds events only for
  values that differ from every parent (a conflict resolved by hand); what a merge brings
  from a branch was already recorded on that branch's commits.
- Status periods follow HEAD's first-parent line: a status starts when it reaches that
  line (a merge's time, for work done on a branch). So the last period is always the status
  HEAD holds, whatever a stale branch said later.
- A spec is its id: a file moved or renamed in one commit keeps its timeline; a spec
  deleted and later re-added continues it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from specrepo.history.events import APPROVED, MOVED, Change, compare_versions
from specrepo.history.git_log import CommitRecord
from specrepo.history.timeline import Event, SpecHistory, StatusPeriod
from specrepo.history.versions import Version

BlobLookup = Callable[[str, str], "str | None"]
"""(commit, path) -> the blob id of path in that commit, or None."""


@dataclass(frozen=True)
class Transition:
    """One spec going from one version to another in one commit."""

    spec_id: str
    path: str
    old: Version | None
    new: Version | None
    new_blob: str | None
    moved_from: str | None = None


def transitions_of(commit: CommitRecord, versions: dict[str, Version],
                   path_ids: dict[str, str]) -> list[Transition]:
    """The commit's changes as transitions of spec ids; updates `path_ids` as it goes."""
    additions: dict[str, Transition] = {}
    deletions: dict[str, Transition] = {}
    found: list[Transition] = []
    for change in commit.changes:
        old = versions.get(change.old_blob) if change.old_blob else None
        new = versions.get(change.new_blob) if change.new_blob else None
        old_id = (old.spec_id if old else None) or (path_ids.get(change.path)
                                                    if change.old_blob else None)
        new_id = (new.spec_id if new else None) or (path_ids.get(change.path)
                                                    if change.new_blob and old else None)
        if new_id is not None:
            path_ids[change.path] = new_id
        else:
            path_ids.pop(change.path, None)
        if old_id is not None and old_id == new_id:
            found.append(Transition(old_id, change.path, old, new, change.new_blob))
            continue
        if old_id is not None:
            deletions[old_id] = Transition(old_id, change.path, old, None, None)
        if new_id is not None:
            additions[new_id] = Transition(new_id, change.path, None, new, change.new_blob)
    for spec_id, deleted in deletions.items():
        added = additions.pop(spec_id, None)
        if added is None:
            found.append(deleted)
        else:  # deleted here and added there with the same id: a move
            found.append(Transition(spec_id, added.path, deleted.old, added.new,
                                    added.new_blob, moved_from=deleted.path))
    found.extend(additions.values())
    return found


def _event(commit: CommitRecord, transition: Transition, change: Change,
           mainline: bool) -> Event:
    return Event(transition.spec_id, commit.sha, commit.author, commit.email, commit.authored,
                 commit.committed, change.kind, change.field, change.before, change.after,
                 transition.path, mainline)


def _merge_changes(commit: CommitRecord, transition: Transition, versions: dict[str, Version],
                   blob_at: BlobLookup, committed_blobs: set[str]) -> list[Change]:
    """The changes a merge made itself: values that differ from every parent's."""
    if transition.new_blob is None or transition.new_blob in committed_blobs:
        # Content some earlier commit already made (blob ids are content hashes): the merge
        # took a branch's version as it was, and that branch's commits have its events.
        return []
    changes = compare_versions(transition.old, transition.new)
    for parent in commit.parents[1:]:
        parent_blob = blob_at(parent, transition.path)
        if parent_blob == transition.new_blob:
            return []  # the merged branch's version, taken as it was
        parent_version = versions.get(parent_blob) if parent_blob else None
        from_parent = {(change.kind, change.field, change.after)
                       for change in compare_versions(parent_version, transition.new)}
        changes = [change for change in changes
                   if (change.kind, change.field, change.after) in from_parent]
    return changes


def assemble(commits: Iterable[CommitRecord], versions: dict[str, Version],
             mainline: Iterable[str], blob_at: BlobLookup) -> dict[str, SpecHistory]:
    """Each spec's history, from commits in topological order (parents first)."""
    on_mainline = set(mainline)
    path_ids: dict[str, str] = {}
    events: dict[str, list[Event]] = defaultdict(list)
    paths: dict[str, list[str]] = defaultdict(list)
    periods: dict[str, list[StatusPeriod]] = defaultdict(list)
    committed_blobs: set[str] = set()
    for commit in commits:
        is_mainline = commit.sha in on_mainline
        for transition in transitions_of(commit, versions, path_ids):
            spec_id = transition.spec_id
            if not paths[spec_id] or paths[spec_id][-1] != transition.path:
                paths[spec_id].append(transition.path)
            if len(commit.parents) > 1:
                changes = _merge_changes(commit, transition, versions, blob_at,
                                         committed_blobs)
            else:
                changes = compare_versions(transition.old, transition.new)
                if transition.moved_from is not None:
                    changes.insert(0, Change(MOVED, "path", transition.moved_from,
                                             transition.path))
                changes.extend(Change(APPROVED, "trailer", None, approver)
                               for approver in commit.approvers)
            events[spec_id].extend(_event(commit, transition, change, is_mainline)
                                   for change in changes)
            if is_mainline:
                _follow_status(periods[spec_id], commit, transition)
        committed_blobs.update(change.new_blob for change in commit.changes
                               if change.new_blob is not None)
    return {
        spec_id: SpecHistory(spec_id, tuple(events[spec_id]), tuple(periods[spec_id]),
                             tuple(paths[spec_id]))
        for spec_id in sorted(paths)
    }


def _follow_status(periods: list[StatusPeriod], commit: CommitRecord,
                   transition: Transition) -> None:
    """Extend a spec's status periods with what a mainline commit did to it."""
    new = transition.new
    if new is not None and (new.problem or new.status is None):
        return  # an untrusted version leaves the status as it was
    status = new.status if new is not None else None
    current = periods[-1] if periods and periods[-1].until is None else None
    if current is not None and current.status == status:
        return
    if current is not None:
        periods[-1] = StatusPeriod(current.status, current.since, commit.committed,
                                   current.commit)
    if status is not None:
        periods.append(StatusPeriod(status, commit.committed, None, commit.sha))
