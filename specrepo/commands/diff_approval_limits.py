"""What `diff --since-approval` cannot know, so that a gate never passes it as unchanged:
an approval the history within reach does not hold, said in a warning: one before a
shallow clone's start (compared with the version there), one after earlier versions whose
Git LFS content was not fetched (not compared), one whose approved version could not be
read (compared with the last readable version before it; the warning fails
`--exit-code`). (A spec file of the work tree that is a
Git LFS pointer is refused by `load.lfs_pointer`, as every loader refuses one.)"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from specrepo.base.deferred_dataclass import dataclass
from specrepo.history.skipped import LFS_MISSING
from specrepo.model.approval_standing import Approval, approval_of
from specrepo.model.boundary_approval import approved_before, moved_by_author
from specrepo.model.boundary_change import SHALLOW_FETCH
from specrepo.model.history import History, SpecHistory
from specrepo.model.unread_approval import before_unread_approval
from specrepo.model.unread_span import unread_versions
from specrepo.model.workflow import Workflow


@dataclass(frozen=True)
class KnownApprovals:
    """The approvals of the specs `diff --since-approval` shows, as far as the history
    within reach knows them: those compared (`approvals`), the specs whose approval is
    not known at all (`unknown`: key -> why, not compared), and those approved before a
    shallow clone's history starts (`from_start`: key -> the warning; compared with their
    version there, `approvals` holding it)."""

    approvals: tuple[tuple[SpecHistory, Approval], ...]
    unknown: Mapping[str, str]
    from_start: Mapping[str, str]
    unread: Mapping[str, str]
    """The specs whose approved version could not be read: key -> the warning (a diff
    warning: it fails `--exit-code`); `approvals` holds each with its last readable
    version before it as `latest` (`model.unread_approval.before_unread_approval`)."""

    def starts(self) -> frozenset[tuple[str | None, str]]:
        """The (commit, path) of each version compared that is a shallow clone's start."""
        return self._compared(self.from_start)

    def before_unread(self) -> frozenset[tuple[str | None, str]]:
        """The (commit, path) of each version compared that is the last readable one
        before an approved version that could not be read."""
        return self._compared(self.unread)

    def _compared(self, keys: Mapping[str, str]) -> frozenset[tuple[str | None, str]]:
        return frozenset((approval.latest.commit, approval.latest.path)
                         for spec, approval in self.approvals if spec.key in keys)


def known_approvals(specs: Sequence[SpecHistory], workflow: Workflow,
                    history: History) -> KnownApprovals:
    """The approvals of `specs` (those in an approved state: `approval_of`), sorted as
    `KnownApprovals` says."""
    found = [(spec, approval) for spec in specs
             if (approval := approval_of(spec, workflow, history.ancestry)) is not None]
    unknown = {spec.key: why for spec, _ in found
               if (why := unknown_approval(spec, history)) is not None}
    unread: dict[str, str] = {}
    approvals = []
    for spec, approval in found:
        if spec.key in unknown:
            continue
        before = before_unread_approval(spec, approval, history)
        if before is None:
            approvals.append((spec, approval))
        elif before.baseline is None:
            unknown[spec.key] = before.warning
        else:
            unread[spec.key] = before.warning
            approvals.append((spec, replace(approval, latest=before.baseline)))
    return KnownApprovals(tuple(approvals), unknown, {
        spec.key: why for spec, approval in approvals
        if (why := from_shallow_start(spec, approval, history)) is not None}, unread)


def from_shallow_start(spec: SpecHistory, approval: Approval, history: History) -> str | None:
    """The warning that `spec`'s approval (`approval`: what the history found) is not known
    within a shallow clone's history: it was already approved where the history starts
    (approved at or before that boundary commit: `model.boundary_approval`), so it is
    compared with its version there and a change before it is not seen; None when its
    approval is within the history."""
    if not history.begins_at_boundary(approval.latest):
        return None
    if approval.own_move is not None:
        return (f"{spec.current_path or spec.key}: "
                f"{moved_by_author(spec, approval.latest, approval.own_move)}: "
                f"compared with its version there, a change before it is not seen; "
                f"{SHALLOW_FETCH}")
    return (f"{spec.current_path or spec.key}: "
            f"{approved_before([(spec.spec_id, approval.latest.commit)])}, so it is not "
            "known: compared with its version there, a change before it is not seen; "
            f"{SHALLOW_FETCH}")


def unknown_approval(spec: SpecHistory, history: History) -> str | None:
    """Why the history cannot say which version of `spec` was approved, as a warning naming
    its file at HEAD (the spec is not compared); None when it can: an approval found after
    versions whose Git LFS content is not here may be one of those versions' moves
    (`History.skipped`)."""
    unfetched = [version for version in unread_versions(spec, history)
                 if LFS_MISSING in version.why]
    if not unfetched:
        return None
    return (f"{spec.current_path or spec.key}: not compared: {len(unfetched)} earlier "
            f"version(s) of it (the first in commit {unfetched[0].commit[:10]}) are Git LFS "
            f"pointers whose content is {LFS_MISSING}, so the approval of {spec.spec_id} is "
            "not known (`git lfs fetch --all` brings every version)")
