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
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from typing import Any

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


@dataclass
class Assembly:
    """The running state of the walk over commits: resumable, and plain data to cache.

    Feeding commits in topological order, in any number of batches, gives the same result
    as feeding them all at once; so after new commits only those are fed.
    """

    path_ids: dict[str, str] = field(default_factory=dict)
    path_blobs: dict[str, str] = field(default_factory=dict)
    """The latest blob seen at each path: the versions a later commit may start from."""
    events: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    paths: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    periods: dict[str, list[StatusPeriod]] = field(default_factory=lambda: defaultdict(list))
    current: dict[str, str | None] = field(default_factory=dict)
    """Spec id -> the blob HEAD's line holds (None: deleted)."""
    touched: dict[str, int] = field(default_factory=dict)
    committed_blobs: set[str] = field(default_factory=set)

    def feed(self, commits: Iterable[CommitRecord], versions: dict[str, Version],
             mainline: Container[str], blob_at: BlobLookup) -> None:
        """Walk more commits, in topological order (parents first)."""
        for commit in commits:
            is_mainline = commit.sha in mainline
            for transition in transitions_of(commit, versions, self.path_ids):
                self._take(commit, transition, versions, blob_at, is_mainline)
            for change in commit.changes:
                if change.new_blob is not None:
                    self.committed_blobs.add(change.new_blob)
                    self.path_blobs[change.path] = change.new_blob
                else:
                    self.path_blobs.pop(change.path, None)

    def _take(self, commit: CommitRecord, transition: Transition,
              versions: dict[str, Version], blob_at: BlobLookup, is_mainline: bool) -> None:
        spec_id = transition.spec_id
        paths = self.paths[spec_id]
        if not paths or paths[-1] != transition.path:
            paths.append(transition.path)
        if len(commit.parents) > 1:
            changes = _merge_changes(commit, transition, versions, blob_at,
                                     self.committed_blobs)
        else:
            changes = compare_versions(transition.old, transition.new)
            if transition.moved_from is not None:
                changes.insert(0, Change(MOVED, "path", transition.moved_from,
                                         transition.path))
            changes.extend(Change(APPROVED, "trailer", None, approver)
                           for approver in commit.approvers)
        self.events[spec_id].extend(_event(commit, transition, change, is_mainline)
                                    for change in changes)
        self.touched[spec_id] = max(self.touched.get(spec_id, 0), commit.committed)
        if is_mainline:
            _follow_status(self.periods[spec_id], commit, transition)
            self.current[spec_id] = transition.new_blob

    def order_events(self, order: dict[str, int]) -> None:
        """Sort each spec's events by the commits' places in `order` (git's topological
        order of the whole history), so that walking the history in one go or in batches
        gives the same lists."""
        for events in self.events.values():
            events.sort(key=lambda event: order.get(event.commit, -1))

    def histories(self, versions: dict[str, Version]) -> dict[str, SpecHistory]:
        """Each spec's history so far."""
        return {
            spec_id: SpecHistory(
                spec_id, tuple(self.events[spec_id]), tuple(self.periods[spec_id]),
                tuple(self.paths[spec_id]), _version(versions, self.current.get(spec_id)),
                self.touched[spec_id])
            for spec_id in sorted(self.paths)
        }

    def blobs_in_use(self) -> set[str]:
        """The blobs whose versions a later walk or result may need."""
        return {*self.path_blobs.values(),
                *(blob for blob in self.current.values() if blob is not None)}


def _version(versions: dict[str, Version], blob: str | None) -> Version | None:
    return versions.get(blob) if blob is not None else None


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


def assembly_to_json(assembly: Assembly) -> dict[str, Any]:
    """The assembly as plain data for the cache."""
    return {
        "path_ids": assembly.path_ids,
        "path_blobs": assembly.path_blobs,
        "events": {spec_id: [[e.commit, e.author, e.email, e.authored, e.committed, e.kind,
                              e.field, e.before, e.after, e.path, e.mainline] for e in events]
                   for spec_id, events in assembly.events.items()},
        "paths": assembly.paths,
        "periods": {spec_id: [[p.status, p.since, p.until, p.commit] for p in periods]
                    for spec_id, periods in assembly.periods.items()},
        "current": assembly.current,
        "touched": assembly.touched,
        "committed_blobs": sorted(assembly.committed_blobs),
    }


def assembly_from_json(data: dict[str, Any]) -> Assembly:
    """The inverse of `assembly_to_json`; raises KeyError, TypeError or ValueError if the
    data is not an assembly."""
    assembly = Assembly(
        path_ids={str(k): str(v) for k, v in data["path_ids"].items()},
        path_blobs={str(k): str(v) for k, v in data["path_blobs"].items()},
        current={str(k): (str(v) if v is not None else None)
                 for k, v in data["current"].items()},
        touched={str(k): int(v) for k, v in data["touched"].items()},
        committed_blobs=set(map(str, data["committed_blobs"])),
    )
    for spec_id, events in data["events"].items():
        assembly.events[spec_id] = [
            Event(spec_id, str(c), str(a), str(m), int(t), int(u), str(k), str(f), b, af,
                  str(pa), bool(ml))
            for c, a, m, t, u, k, f, b, af, pa, ml in events]
    for spec_id, paths in data["paths"].items():
        assembly.paths[spec_id] = [str(path) for path in paths]
    for spec_id, periods in data["periods"].items():
        assembly.periods[spec_id] = [StatusPeriod(str(st), int(si), None if un is None
                                                  else int(un), str(co))
                                     for st, si, un, co in periods]
    return assembly
