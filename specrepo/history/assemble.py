"""Turn commits and the versions of their blobs into each spec's events and status periods.

Pure functions over data the git layer read; no git here (look-ups go through `Lookups`).
Policy, for branchy histories:
- Commits are walked in an order the commit graph alone decides (`order.walk_order`), at
  once or in parts the same way, so a cold and a warm run give the same answer.
- Each change is attributed once, to the commit that made it: a merge adds events only for
  values that differ from those of every parent that has the spec's file, wherever it has
  it (a conflict resolved by hand, a file moved while merging); what a merge brings from a
  branch was already recorded on that branch's commits.
- Status periods follow HEAD's first-parent line: a status starts when it reaches that
  line (a merge's time, for work done on a branch). So the last period is always the status
  HEAD holds, whatever a stale branch said later.
- Events replay to the periods: a spec whose events after a merge's commits leave it in
  another status than the merge settled on gets an event of the merge (`settle_merge`);
  a merge off that line taking another parent's status, `status-taken` (`taken_status`).
- Each mined field is judged alone; an unreadable field keeps its last readable value, and
  a change across unreadable versions is the change of the commit that made the field
  readable again (marked `after_unreadable`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import field
from functools import partial
from typing import TYPE_CHECKING

from specrepo.base.deferred_dataclass import dataclass
from specrepo.history.lineage_state import Lineage
from specrepo.model.ancestry import LastChange
from specrepo.model.event import Event
from specrepo.model.events import AGE_EVENTS, APPROVED, REPLAYS_STATUS, changes_content
from specrepo.model.version import FieldProblem, Version

if TYPE_CHECKING:  # a warm run never walks: the walk's modules are imported as it walks
    from specrepo.gitio.graph import CommitMeta
    from specrepo.gitio.log import CommitRecord, FileChange
    from specrepo.history.events import (
        FieldChange,
        compare_step,
        settled_by_merge,
        status_taking,
        taken_status,
    )
    from specrepo.history.first_content import first_content
    from specrepo.history.identity_events import identity_changes
    from specrepo.history.lineage import Step, identify
    from specrepo.history.lineage_lookups import Lookups, status_in
    from specrepo.history.merge_changes import merge_changes
    from specrepo.history.merge_settling import merge_meta, settle_merge
    from specrepo.history.status_periods import follow_status
    from specrepo.history.unread_starts import UnreadStart, claim_start, note_versions

_walk_imported = False


def _import_walk() -> None:
    """Bind the names above that the walk's steps call, once, as the first walk starts: a
    warm run never walks, so never imports their modules; an import statement in each
    step's function cost about a microsecond each time it ran (tens of thousands of times
    in a cold walk of 11,000 commits: cold46)."""
    global _walk_imported, FieldChange, compare_step, settled_by_merge  # noqa: PLW0603
    global status_taking, taken_status, identity_changes, Step, identify  # noqa: PLW0603
    global status_in, merge_changes, merge_meta, settle_merge, follow_status  # noqa: PLW0603
    global claim_start, first_content, note_versions  # noqa: PLW0603
    from specrepo.history.events import (  # noqa: PLC0415 (walk only: above)
        FieldChange,
        compare_step,
        settled_by_merge,
        status_taking,
        taken_status,
    )
    from specrepo.history.first_content import first_content  # noqa: PLC0415
    from specrepo.history.identity_events import identity_changes  # noqa: PLC0415
    from specrepo.history.lineage import Step, identify  # noqa: PLC0415
    from specrepo.history.lineage_lookups import status_in  # noqa: PLC0415
    from specrepo.history.merge_changes import merge_changes  # noqa: PLC0415
    from specrepo.history.merge_settling import merge_meta, settle_merge  # noqa: PLC0415
    from specrepo.history.status_periods import follow_status  # noqa: PLC0415
    from specrepo.history.unread_starts import claim_start, note_versions  # noqa: PLC0415

    _walk_imported = True


@dataclass
class Assembly:
    """The running state of the walk over commits: resumable, and plain data to cache."""

    lineages: dict[str, Lineage] = field(default_factory=dict)
    at_path: dict[str, str] = field(default_factory=dict)
    """Path -> the spec whose file was last seen there."""
    fills: dict[tuple[str, str], Version] = field(default_factory=dict)
    """(path, blob) -> the version with its unreadable fields filled, for blobs that have
    some: what the spec said there, as far as anyone can tell."""
    content_sources: dict[tuple[str, str], str] = field(default_factory=dict)
    """(path, blob) -> the blob whose content stands for it, for blobs whose content does
    not load: the last one before it there that did, so a change across a broken version
    is compared with what the spec said before it broke."""
    committed_blobs: set[str] = field(default_factory=set)
    owners: dict[tuple[str, str], str] = field(default_factory=dict)
    """(path, blob) -> the spec whose version that blob is at that path: which spec a
    branch's commit changes, wherever the walk saw the spec last (`Lookups.owner`)."""
    head_files: dict[str, str] = field(default_factory=dict)
    """Path -> blob, for every spec file on HEAD's line at the commit walked last."""
    skipped: dict[str, tuple[str, tuple[FieldProblem, ...], str, str]] = field(default_factory=dict)
    """Blob -> (a path it had, why and where (`Version.problems`), the commit that wrote it
    there, the key of the spec whose file it was then or "") for every version of a spec
    file with fields that could not be read."""
    unread_starts: dict[str, UnreadStart] = field(default_factory=dict)
    """Path -> the versions there, none of which loads, that no spec has claimed yet."""
    groups: int = 0
    """How many commits of HEAD's first-parent line the walk has passed."""
    followed: set[str] = field(default_factory=set)
    """Files today's `exclude:` names that a spec was read in (`ExcludedVersions`)."""
    by_id: dict[str, set[str]] = field(default_factory=dict)
    """Id -> keys of the specs with that id (rebuilt from `lineages`, never cached)."""
    head_owners: dict[str, str] = field(default_factory=dict)
    """Path -> the spec whose file it is on HEAD's line (rebuilt, never cached)."""
    side_starts: dict[str, str | None] = field(default_factory=dict)
    """Key -> where the commits off HEAD's line walked in this group left the spec's
    status from (`settle_merge`'s `starts`; never cached: a walk stops between groups)."""
    line_before: dict[str, str | None] = field(default_factory=dict)
    """Key -> the status HEAD's line held before the merge that ends this group."""
    side_made: set[str] = field(default_factory=set)
    """Keys whose file a commit off HEAD's line walked in this group made (no version
    before it: added, or at a shallow clone's boundary): its moves are that commit's, so
    the branch starts from the line's status (never cached)."""
    side_left: dict[str, str | None] = field(default_factory=dict)
    """Key -> the status the commits off HEAD's line walked in this group last moved the
    spec to (never cached)."""
    stepping: set[str] = field(default_factory=set)
    """Keys of the specs the commit being walked has a step of (never cached): a spec
    whose path another takes there goes on by its own step (a swap, a rotation)."""

    def index(self) -> None:
        """Rebuild `by_id` and `head_owners` from the lineages."""
        self.by_id = {}
        self.head_owners = {}
        for key, lineage in self.lineages.items():
            self.by_id.setdefault(lineage.spec_id, set()).add(key)
            if lineage.head_path is not None:
                self.head_owners[lineage.head_path] = key

    def effective(self, path: str, blob: str, version: Callable[[str, str], Version]) -> Version:
        """A blob's version at a path, filled with the last readable values it had there."""
        return self.fills.get((path, blob)) or version(blob, path)

    def feed(self, commits: Iterable[CommitRecord], order: dict[str, tuple[int, int]],
             line: list[str], lookups: Lookups, meta: Callable[[str], CommitMeta],
             is_spec_path: Callable[[str], bool]) -> None:
        """Walk more commits: those of `line` (HEAD's first-parent line after the commits
        walked so far, oldest first) and of the branches they merged, in `order`."""
        if not _walk_imported:
            _import_walk()
        mainline = set(line)
        walk = sorted(commits, key=lambda commit: order[commit.sha])
        records = {commit.sha: commit for commit in walk}
        touched: set[str] = set()
        group: int | None = None
        for commit in walk:
            if group is not None and order[commit.sha][0] != group:
                self._reconcile(touched, records, line[group - self.groups], meta, lookups)
                touched = set()
            group = order[commit.sha][0]
            is_mainline = commit.sha in mainline
            # Off HEAD's line: the line's commit that brought it, asked when it changes content.
            via = None if is_mainline else partial(_brought_by, line[group - self.groups],
                                                   records, meta)
            # On HEAD's line, the spec a path belongs to is the one HEAD's line holds there;
            # elsewhere, the one whose version the change starts from.
            owner_of = self._head_owner if is_mainline else self._version_owner
            steps = identify(commit, self.lineages, self.at_path, self.by_id, lookups,
                             owner_of)
            self.stepping = {step.key for step in steps if step.key is not None}
            for step in steps:
                touched.update(self._take(commit, step, is_mainline, lookups, via))
            note_versions(self, commit, is_mainline, lookups, is_spec_path)
        if group is not None:
            self._reconcile(touched, records, line[group - self.groups], meta, lookups)
        self.groups += len(line)

    def _reconcile(self, keys: set[str], records: dict[str, CommitRecord], sha: str,
                   meta: Callable[[str], CommitMeta], lookups: Lookups) -> None:
        """Settle what the merge `sha` brought onto HEAD's line (`settle_merge`)."""
        starts = {key: self.line_before.get(key) for key in self.side_made} | self.side_starts
        settle_merge(self.lineages, keys, starts, self.line_before, records, sha,
                     meta, lambda commit, lineage: status_in(commit, lineage, lookups))
        self.side_starts, self.line_before, self.side_left = {}, {}, {}
        self.side_made = set()

    def _head_owner(self, change: FileChange) -> str | None:
        return self.head_owners.get(change.path)

    def _version_owner(self, change: FileChange) -> str | None:
        if change.old_blob is None:
            return None
        return self.owners.get((change.path, change.old_blob))

    def _take(self, commit: CommitRecord, step: Step, is_mainline: bool,
              lookups: Lookups, via: Callable[[], tuple[str, int, int]] | None) -> list[str]:
        """Apply one step (of a commit off HEAD's line: `via` brought it there,
        `LastChange.line`); returns the keys of the specs it changed."""
        lineage = self._begin(commit, step) if step.key is None \
            else self.lineages[step.key]
        claimed = claim_start(self, commit, step, lineage.key)
        start_path, start = claimed or (step.path, None)
        if step.key is not None or len(commit.parents) > 1:
            start = None  # a merge compares with its parents' versions (`merge_changes`)
        new = self._filled(step, lookups)
        changes = self._changes(commit, step, lineage, new, lookups, start, start_path)
        if start is not None:  # the spec was created where its file was added
            lineage.walked_events().extend(start.events(lineage.spec_id, start_path))
            if start_path != step.path:
                lineage.paths.append(start_path)
        if new is not None:
            lineage.exists = True
            if lineage.path != step.path and self.at_path.get(lineage.path) == lineage.key:
                del self.at_path[lineage.path]  # moved away: the old path is free
            lineage.path, lineage.blob = step.path, step.new_blob
            self.at_path[step.path] = lineage.key
            assert step.new_blob is not None
            self.owners[(step.path, step.new_blob)] = lineage.key
            # A branch that still has the spec at a path it left on HEAD's line does not
            # move it back there.
            if not lineage.paths or (lineage.paths[-1] != step.path and (
                    is_mainline or step.path not in lineage.paths)):
                lineage.paths.append(step.path)
            if step.new is not None and step.new.readable("id") \
                    and new.spec_id and new.spec_id != lineage.spec_id:
                self._rename(lineage, new.spec_id)
        else:
            lineage.exists = False
        changes = self._sides(commit, step, lineage, new, changes, is_mainline)
        for change in changes:
            lineage.walked_events().append(Event(
                lineage.spec_id, commit.sha, commit.author, commit.email, commit.authored,
                commit.committed, change.kind, change.field, change.before, change.after,
                step.path, is_mainline, change.after_unreadable, change.item,
                change.protected, commit.author_offset, coauthors=commit.coauthors))
            if change.kind in REPLAYS_STATUS:
                lineage.replay_status = change.after
        self._note_content_source(step, lookups)
        if any(changes_content(change.kind) for change in changes):
            lineage.touch(LastChange(commit.sha, commit.committed, commit.author_offset, *(
                via() if via else (commit.sha, commit.committed, commit.author_offset)),
                commit.authored),
                brought=via is not None and any(change.kind in AGE_EVENTS for change in changes))
        return [lineage.key, *(self._follow(lineage, commit, step, new) if is_mainline else ())]

    def _sides(self, commit: CommitRecord, step: Step, lineage: Lineage,
               new: Version | None, changes: list[FieldChange], is_mainline: bool
               ) -> list[FieldChange]:
        """`changes` (of `step` of `commit`), settled as `settle_merge` will need: where
        the commits off HEAD's line start the spec's status from (`side_starts`: a merge
        of theirs that took another parent's status, `taken_status`, goes on from it,
        unless one of them walked before moved it there, `side_left`: a branch's merge
        of its own branch), and the line's status before a merge onto it; a merge's
        status set by hand settles its merged branches' (`settled_by_merge`)."""
        key = lineage.key
        if not is_mainline and step.old is not None:  # where the branch started
            self.side_starts.setdefault(key, step.old.status)
        elif not is_mainline:
            self.side_made.add(key)
        elif is_mainline and len(commit.parents) > 1 and lineage.on_mainline:
            self.line_before.setdefault(key, lineage.mainline_status)
        taken = None if is_mainline or len(commit.parents) < 2 else \
            taken_status(changes, step, new)
        if taken is not None:  # the branch goes on from the status it took
            if self.side_left.get(key) != taken:
                self.side_starts[key] = taken
            changes = [*status_taking(lineage.replay_status, step, taken), *changes]
        if len(commit.parents) > 1:
            changes = settled_by_merge(changes, lineage.replay_status)
        if not is_mainline:
            for change in changes:
                if change.kind in REPLAYS_STATUS:
                    self.side_left[key] = change.after
        return changes

    def _follow(self, lineage: Lineage, commit: CommitRecord, step: Step,
                new: Version | None) -> list[str]:
        """Record what a commit on HEAD's line did to a spec; returns the keys of other
        specs that left HEAD's line with it (a spec whose file is now this one's)."""
        if lineage.head_path is not None and self.head_owners.get(lineage.head_path) \
                == lineage.key:
            del self.head_owners[lineage.head_path]
        follow_status(lineage, commit, step, new)
        if lineage.head_path is None:
            return []
        replaced = self.head_owners.get(lineage.head_path)
        self.head_owners[lineage.head_path] = lineage.key
        # A spec whose file another takes in a commit that also moves it (files swapped,
        # rotated) goes on by its own step: its status period is not broken here.
        if replaced is None or replaced == lineage.key or replaced in self.stepping:
            return []
        follow_status(self.lineages[replaced], commit,
                       Step(replaced, lineage.head_path, None, None, None), None)
        return [replaced]

    def _begin(self, commit: CommitRecord, step: Step) -> Lineage:
        assert step.new is not None and step.new.spec_id is not None
        key = f"{commit.sha}:{step.path}"
        lineage = Lineage(key, step.new.spec_id, step.path)
        source = self.lineages.get(step.copied_from or "")
        if source is not None:  # a copy starts with the history of its original
            lineage.paths = list(source.paths)
            lineage.events = list(source.walked_events())
            lineage.inherited = len(lineage.events)
            lineage.periods = list(source.periods)
            lineage.on_mainline = source.on_mainline
            lineage.mainline_status = source.mainline_status
            lineage.replay_status = source.replay_status
            lineage.touched, lineage.touched_offset = source.touched, source.touched_offset
            lineage.touches = list(source.touches)
            lineage.brought = list(source.brought)
        self.lineages[key] = lineage
        self.by_id.setdefault(lineage.spec_id, set()).add(key)
        return lineage

    def _rename(self, lineage: Lineage, spec_id: str) -> None:
        self.by_id.get(lineage.spec_id, set()).discard(lineage.key)
        lineage.spec_id = spec_id
        self.by_id.setdefault(spec_id, set()).add(lineage.key)

    def _filled(self, step: Step, lookups: Lookups) -> Version | None:
        """The new version with unreadable fields given their last readable values."""
        if step.new is None or step.new_blob is None:
            return None
        if step.old is None:
            return self.effective(step.path, step.new_blob, lookups.version)
        new = step.new.filled_from(step.old)
        if step.new.unreadable:
            self.fills[(step.path, step.new_blob)] = new
        return new

    def _changes(self, commit: CommitRecord, step: Step, lineage: Lineage,
                 new: Version | None, lookups: Lookups, start: UnreadStart | None,
                 start_path: str) -> list[FieldChange]:
        """The changes of `step`; a spec begun over versions that do not load (`start`, at
        `start_path`) moves from the last of them, as a change across unreadable versions
        does."""
        approvals = [FieldChange(APPROVED, "trailer", None, approver)
                     for approver in commit.approvers]
        if len(commit.parents) > 1:  # a merge's trailer approves what the merge brings
            return [*merge_changes(self, commit, step, new, lookups), *approvals]
        changes = identity_changes(step, lineage, new, None if step.copied_from is None
                                   else step.old_path or self.lineages[step.copied_from].path)
        changes.extend(compare_step(step, step.old if start is None else lookups.version(
            start.blobs[-1], start_path), new, lookups))
        changes.extend(self.content_changes(step.old_path, step.old_blob, step, lookups)
                       if start is None else first_content(step, lookups))
        return [*changes, *approvals]

    def _content_source(self, path: str | None, blob: str | None,
                        lookups: Lookups) -> str | None:
        """The blob whose content stands for `blob` at `path` (see `content_sources`), or
        None when none loads."""
        if path is None or blob is None:
            return None
        source = self.content_sources.get((path, blob), blob)
        return source if lookups.content(source, path) is not None else None

    def _note_content_source(self, step: Step, lookups: Lookups) -> None:
        """Remember what stands for a new blob whose content does not load."""
        if step.new_blob is None or lookups.content(step.new_blob, step.path) is not None:
            return
        source = self._content_source(step.old_path, step.old_blob, lookups)
        if source is not None:
            self.content_sources[(step.path, step.new_blob)] = source

    def content_changes(self, old_path: str | None, old_blob: str | None, step: Step,
                         lookups: Lookups) -> list[FieldChange]:
        """The content events from the version at `old_path`/`old_blob` to the step's
        new one; none when either does not load (see `content_sources`)."""
        source = self._content_source(old_path, old_blob, lookups)
        if source is None or step.new_blob is None or source == step.new_blob:
            return []
        old = lookups.content(source, old_path or step.path)
        new = lookups.content(step.new_blob, step.path)
        if old is None or new is None:
            return []
        return [FieldChange(event.kind, event.field, None, None, source != old_blob,
                            event.item, event.protected)
                for event in lookups.compare(old, new)]

    def head_versions(self) -> set[tuple[str, str]]:
        """The (blob, path) whose versions a later run needs without reading them again."""
        return {(lineage.head_blob, lineage.head_path) for lineage in self.lineages.values()
                if lineage.head_blob is not None and lineage.head_path is not None}


def _brought_by(sha: str, records: dict[str, CommitRecord], meta: Callable[[str], CommitMeta]
                ) -> tuple[str, int, int]:
    """The commit `sha` of HEAD's line as `LastChange` holds it: id, committer time,
    author's offset."""
    found = merge_meta(records, sha, meta)
    return found.sha, found.committed, found.author_offset
