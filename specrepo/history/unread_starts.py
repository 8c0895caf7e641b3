"""The versions of spec files that could not be read, noted as the walk writes them
(`Assembly.skipped`), and the run of them a file held before it first read as a spec.

A version that does not load (a Git LFS pointer whose content is not here, a duplicate
key, a file over `max_file_size`) has no readable id, so no spec begins at it: the spec
begins at the first version that reads. The versions before it at that path, back to the
file's addition, are that spec's first versions, unseen (hist60: they were listed as no
spec's, so no `skipped-version` finding named them, and the first version that read was
said to have created the spec in its status). `UnreadStart` keeps such a run until a spec
claims it: its versions are then the spec's skipped versions, and its first commit is the
one that created the spec, in a status nobody can read. A commit message reads whatever its
version does: the approvals its trailers give (`Approved-by:`, `Reviewed-by:`) are the
spec's too (hist61: a reviewer's timeline and the report lost them)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from specrepo.model.event import Event
from specrepo.model.events import APPROVED, CREATED, EventKind

if TYPE_CHECKING:
    from specrepo.gitio.log import CommitRecord
    from specrepo.history.assemble import Assembly
    from specrepo.history.lineage import Step
    from specrepo.history.lineage_lookups import Lookups


class WritingCommit(NamedTuple):
    """A commit that wrote a version of a run (`UnreadStart`), as an event of it says it."""

    sha: str
    author: str
    email: str
    authored: int
    committed: int
    author_offset: int
    coauthors: tuple[str, ...]
    mainline: bool
    """Whether the commit is on HEAD's first-parent line."""

    @classmethod
    def of(cls, commit: CommitRecord, mainline: bool) -> WritingCommit:
        return cls(commit.sha, commit.author, commit.email, commit.authored, commit.committed,
                   commit.author_offset, commit.coauthors, mainline)

    def as_row(self) -> list[Any]:
        """As the history cache keeps it (`from_row` reads it back)."""
        return [*self[:6], list(self.coauthors), self.mainline]

    @classmethod
    def from_row(cls, sha: str, rest: Sequence[Any]) -> WritingCommit:
        """The commit `sha` from the rest of its `as_row` (each column's type checked)."""
        return cls(sha, rest[0], rest[1], rest[2], rest[3], rest[4], tuple(rest[5]), rest[6])

    def event(self, spec_id: str, path: str, kind: EventKind, source: str,
              value: str | None) -> Event:
        """The event of kind `kind` (its `source`, its `value`) this commit gives the spec
        `spec_id` at `path`."""
        return Event(spec_id, self.sha, self.author, self.email, self.authored,
                     self.committed, kind, source, None, value, path, self.mainline,
                     author_offset=self.author_offset, coauthors=self.coauthors)


class Trailer(NamedTuple):
    """An approval a trailer gives in the message of a commit that wrote a version of a
    run (`UnreadStart`): the commit and the approver."""

    commit: WritingCommit
    approver: str

    def approved(self, spec_id: str, path: str) -> Event:
        """The `approved` event (`trailer`) it gives the spec whose first versions these are."""
        return self.commit.event(spec_id, path, APPROVED, "trailer", self.approver)


class UnreadStart(NamedTuple):
    """A run of versions at one path, none of which loads, that no spec's file held: the
    file's first versions, or those after its last version that loaded (a template)."""

    blobs: tuple[str, ...]
    """The versions, oldest first."""
    commit: WritingCommit
    """The commit that wrote the first of them."""
    trailers: tuple[Trailer, ...] = ()
    """The approvals the trailers of the commits that wrote them give, oldest first."""

    def created(self, spec_id: str, path: str) -> Event:
        """The `created` event of the spec whose first versions these are: at the first
        one's commit, in no readable status (`model.event.birth_event` then judges the
        first status that reads, marked `after_unreadable`)."""
        return self.commit.event(spec_id, path, CREATED, "status", None)

    def events(self, spec_id: str, path: str) -> list[Event]:
        """The events of the spec `spec_id` whose first versions these are, at `path`: its
        creation (`created`), then the approvals of their commits' trailers."""
        return [self.created(spec_id, path),
                *(trailer.approved(spec_id, path) for trailer in self.trailers)]


def note_versions(assembly: Assembly, commit: CommitRecord, is_mainline: bool,
                  lookups: Lookups, is_spec_path: Callable[[str], bool]) -> None:
    """Note what each version `commit` wrote means to the walk: HEAD's files (on HEAD's
    line), each version of a spec file (or of a file at a spec location) that has a field
    that cannot be read (`Assembly.skipped`, with the spec whose file it is, or ""), and
    the runs of versions that do not load before a spec (`Assembly.unread_starts`)."""
    for change in commit.changes:
        if change.new_blob is None:
            if is_mainline:
                assembly.head_files.pop(change.path, None)
            assembly.unread_starts.pop(change.path, None)
            continue
        assembly.committed_blobs.add(change.new_blob)
        if is_mainline:
            assembly.head_files[change.path] = change.new_blob
        version = lookups.version(change.new_blob, change.path)
        spec_file = bool(version.unreadable) and _is_spec_file(assembly, change.path)
        if not version.unreadable or not (spec_file or is_spec_path(change.path)):
            assembly.unread_starts.pop(change.path, None)
            continue
        owner = assembly.at_path[change.path] if spec_file else ""
        assembly.skipped.setdefault(change.new_blob, (change.path, version.problems,
                                                      commit.sha, owner))
        if spec_file or version.loads:
            assembly.unread_starts.pop(change.path, None)
            continue
        before = assembly.unread_starts.get(change.path)
        writing = WritingCommit.of(commit, is_mainline)
        trailers = tuple(Trailer(writing, approver) for approver in commit.approvers)
        assembly.unread_starts[change.path] = before._replace(
            blobs=(*before.blobs, change.new_blob), trailers=(*before.trailers, *trailers)) \
            if before is not None and before.blobs[-1] == change.old_blob else UnreadStart(
            (change.new_blob,), writing, trailers)


def claim_start(assembly: Assembly, commit: CommitRecord, step: Step,
                key: str) -> tuple[str, UnreadStart] | None:
    """The run of unread versions (`UnreadStart`) the version `step` wrote replaces, with
    its path, now the spec `key`'s: its versions become that spec's skipped versions (and
    its own, as `Lookups.owner` asks). The run at the step's path, or, when the commit adds
    the step's file and deletes one path's run as the only file it adds and the only run
    it ends, that run's (`_moved_run`: the file moved and fixed in one commit, hist61).
    None when the step replaces no such run (the file is added, or its version before it
    read)."""
    if step.new_blob is None or step.moved_from is not None or step.copied_from is not None:
        return None
    path, start = step.path, assembly.unread_starts.get(step.path)
    replaced = next((change.old_blob for change in commit.changes
                     if change.path == step.path and change.new_blob == step.new_blob), None)
    if start is None or replaced is None or start.blobs[-1] != replaced:
        found = _moved_run(assembly, commit, step)
        if found is None:
            return None
        path, start = found
    del assembly.unread_starts[path]
    for blob in start.blobs:
        where, problems, sha, owner = assembly.skipped[blob]
        if not owner:  # a blob another spec's file held too (one LFS object) stays its
            assembly.skipped[blob] = (where, problems, sha, key)
        assembly.owners[(path, blob)] = key
    return path, start


def _moved_run(assembly: Assembly, commit: CommitRecord, step: Step
               ) -> tuple[str, UnreadStart] | None:
    """The path and run of unread versions that `commit` deletes when it adds the file of
    `step` and no other, and ends no other run: the file moved (and fixed) in one commit.
    Git's rename detection is not asked (the walk reads no diff), so two files added or
    two runs ended are left unpaired: no run is claimed rather than the wrong one."""
    added = [change.path for change in commit.changes
             if change.old_blob is None and change.new_blob is not None]
    if added != [step.path]:
        return None
    ended = [(change.path, start) for change in commit.changes
             if change.new_blob is None and change.old_blob is not None
             and (start := assembly.unread_starts.get(change.path)) is not None
             and start.blobs[-1] == change.old_blob]
    return ended[0] if len(ended) == 1 else None


def _is_spec_file(assembly: Assembly, path: str) -> bool:
    """Whether `path` is the file of a spec that exists, as the walk last saw it."""
    key = assembly.at_path.get(path)
    return key is not None and assembly.lineages[key].path == path \
        and assembly.lineages[key].exists
