"""An approval whose approved version could not be read: the commit that moved a spec into
an approved state, or whose `Approved-by:` trailer approved it, broke its YAML, and a later
commit fixed it (README "A change across unreadable versions"). What was approved is not
known, so `diff --since-approval`, `changed-after-approval` (`validate --history`) and the
report compare HEAD's version with the last readable one before the approval, and say so;
with none, the change since the approval is not known (broken61 f2, broken62)."""

from __future__ import annotations

from dataclasses import replace

from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.approval_standing import Approval
from specrepo.model.event import Event
from specrepo.model.events import CONTENT_EVENTS
from specrepo.model.history import History, SpecHistory
from specrepo.model.unread_span import shown_commits, unread_before, unread_versions


@dataclass(frozen=True)
class UnreadApproval:
    """A spec's approval whose approved version could not be read: the last readable
    version before it (`baseline`: the spec's latest event before the approval at a
    version that reads, and not of the approval's commit; None when no earlier version
    reads), and the warning that says so (`diff --since-approval`'s)."""

    baseline: Event | None
    warning: str
    unread: tuple[str, ...]
    """The commits of the versions not read between `baseline` and the approval (that of
    the approval when none is known), full ids, as machine outputs give every commit."""
    approving: Event
    """The approving event, as read (at the commit that reads again)."""

    @property
    def shown(self) -> str:
        """`unread` as messages name commits: short (10 characters), comma-separated."""
        return shown_commits(self.unread)


def before_unread_approval(spec: SpecHistory, approval: Approval,
                           history: History) -> UnreadApproval | None:
    """Whether the version `approval` approved could not be read (its move into an approved
    state read across unreadable versions, dated at the commit that reads again, or its
    trailer's commit's version unreadable), and what reads before it; None when the
    approved version reads."""
    latest = approval.latest
    places = {(version.commit, version.path) for version in unread_versions(spec, history)}
    if not latest.after_unreadable and (latest.commit, latest.path) not in places:
        return None
    baseline, between = unread_before(spec, latest, history)
    shown = tuple(between) or (latest.commit,)
    said = (f"{spec.current_path or spec.key}: the approved version of {spec.spec_id} could "
            f"not be read (commit {shown_commits(shown)}; its approval is read at commit "
            f"{latest.commit[:10]}), so what was approved is not known")
    if baseline is None:
        return UnreadApproval(None, f"{said}: not compared (no earlier version of it reads)",
                              shown, latest)
    return UnreadApproval(baseline, (
        f"{said}: compared with its last readable version before it, in commit "
        f"{baseline.commit[:10]}; approve it anew to compare with what is approved"), shown,
        latest)


def since_readable(spec: SpecHistory, approval: Approval, history: History) -> Approval:
    """`approval` as `changed-after-approval` and the report judge it: where its approved
    version could not be read (`before_unread_approval`), `latest` is the last readable
    version before it and `unapproved` every protected change since (those in the net
    change, `SpecHistory.changed_since_approval`, when it was compared), `unread` saying
    so; where none reads before, or HEAD's protected content is that version's, what
    changed since the approval is not known (what was approved is not: its commit may have
    changed what a later one changed back), and `unapproved` is the approving event alone
    (`UnreadApproval.approving`): never silent, as `diff --since-approval`'s warning fails
    `--exit-code`. `approval` itself when its version reads."""
    unread = before_unread_approval(spec, approval, history) if history.skipped else None
    if unread is None:
        return approval
    if unread.baseline is None:
        return replace(approval, unapproved=(unread.approving,), unread=unread)
    events = list(spec.events)
    net = spec.changed_since_approval
    changed = tuple(
        event for event in events[events.index(unread.baseline) + 1:]
        if event.kind in CONTENT_EVENTS and event.protected
        and (net is None or event.field_label in net))
    return replace(approval, latest=unread.baseline, unread=unread,
                   unapproved=changed or (unread.approving,))
