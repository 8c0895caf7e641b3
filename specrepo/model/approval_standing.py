"""Where a spec's approval stands (`approval_of`): the judgement of approvals and protected
changes that `changed-after-approval` (`check.rules.changed_after_approval`, whose module
says the rule), the report, `diff --since-approval`, the net changes mined history keeps
(`history.approved_changes`) and `trace` all read. A model module: mining history needs
it on every warm run, and it brings no rule registry with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import groupby
from operator import attrgetter
from typing import TYPE_CHECKING

from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.ancestry import Ancestry
from specrepo.model.boundary_approval import unseen_own_moves
from specrepo.model.boundary_change import BoundaryChange
from specrepo.model.event import Event
from specrepo.model.events import (
    APPROVED,
    CONTENT_EVENTS,
    REVIEWER_ADDED,
    REVIEWER_REMOVED,
)
from specrepo.model.history import PENDING_COMMIT, SpecHistory
from specrepo.model.review_round import (
    approved_day,
    date_origins,
    entries_since_left,
    moves_into,
)
from specrepo.model.review_times import is_git_author, names_author, same_person
from specrepo.model.spec_record import person_key
from specrepo.model.workflow import Workflow

if TYPE_CHECKING:
    from specrepo.model.unread_approval import UnreadApproval


@dataclass(frozen=True)
class Approval:
    """Where a spec's approval stands: the event that put it in its approved state, the
    latest approval (that event, a trailer, or the last change a reviewer's date covers:
    the version reviewers last approved is the one after its commit), the protected
    changes since that no approval covers, oldest first, and the last approving event that
    approved that version (`confirmed`: the `latest` move or trailer, or a reviewer's date
    set since, on or after its day, by a commit that leaves no change it contains
    unapproved; what `trace` counts as the spec's links last confirmed)."""

    entered: Event
    latest: Event
    unapproved: tuple[Event, ...]
    confirmed: Event
    unread: UnreadApproval | None = None
    """Set where the approved version could not be read (`model.unread_approval.
    since_readable`): `latest` is then the last readable version before the approval and
    `unapproved` the protected changes since it; with none, `latest` is the approving event
    and `unapproved` it alone (what changed since the approval is not known)."""
    own_move: Event | None = None
    """Set where a shallow clone's history of the spec starts outside the approved states
    and the move that put it there is one of its own authors'
    (`model.boundary_approval.unseen_own_moves`: that move): no approval, `latest` is then
    the spec's version at the clone's start, its approval not known."""


def approval_of(spec: SpecHistory, workflow: Workflow,
                ancestry: Ancestry | None) -> Approval | None:
    """The approval of a spec that HEAD holds in an approved state (today's, or the one
    its configuration counted where the spec entered it: `SpecHistory.approved_then`);
    None for any other.
    `ancestry` (the history's) says which commit contains which off HEAD's first-parent
    line; without it, only approvals on that line (or in the change's own commit) count."""
    approved = workflow.approved | spec.approved_then  # README: stays covered
    if spec.current is None or spec.current.status not in approved:
        return None
    events = spec.events
    entries = moves_into(events, approved)
    # the move that last put it there; None when a later one took it out (a deletion
    # does not: a spec brought back in an approved state is the one approved, and
    # bringing it back approves nothing)
    entered = max(entries_since_left(events, approved), default=None)
    if entered is None:
        return None
    own = unseen_own_moves(spec, entries)
    if own:  # no approval: the clone's start stands for the one it cannot see
        entries = (entries - own) | {0}
    reviewers = reviewers_before(spec)
    origins = date_origins(events)  # a re-spelt name's date is no new one
    approvals = [index for index, event in enumerate(events)
                 if index in entries or (event.kind == APPROVED and (
                     (event.field == "reviewers" and origins.get(index) == index)
                     or (event.field == "trailer" and (
                         not reviewers[event.commit]
                         or person_key(event.after or "") in reviewers[event.commit]))))]
    first = events[min(entries)].commit  # what the spec's first approval approved
    unapproved = [index for index, event in enumerate(events)
                  if event.kind in CONTENT_EVENTS and event.protected
                  and not any(_approves(events[approval], approval > index, event, ancestry,
                                        reentry=approval in entries and index > min(entries)
                                        and event.commit != first)
                              for approval in approvals)]
    latest, confirmed = _latest(events, approvals, entries, entered, unapproved, ancestry)
    net = spec.changed_since_approval  # a change undone since `latest` needs no approval
    return Approval(events[entered], events[latest], tuple(
        events[index] for index in unapproved
        if net is None or index < latest or events[index].field_label in net),
        events[confirmed], own_move=events[max(own)] if own and latest == 0 else None)


def squash_voided(spec: SpecHistory, workflow: Workflow, ancestry: Ancestry | None,
                  commits: frozenset[str]) -> list[tuple[Event, Event]]:
    """The approvals of `spec` that a squash merge of `commits` (a pull request's) would
    void, each with the first change of an item or section it approves: a change those
    commits make, which an approval `approval_of` counts covers only from a commit of its
    own among them, whose git author is not the change's (a reviewer's `approved:` date
    that reviewer set, or a move into an approved state). Squashed, both are one commit
    by the change's author, co-authored by the approver: a co-author's approval and an
    author's move are no review (README "Squash merges")."""
    approval = approval_of(spec, workflow, ancestry)
    if approval is None:
        return []
    events, unapproved = spec.events, {id(event) for event in approval.unapproved}
    entries = moves_into(events, workflow.approved | spec.approved_then)
    first = min(entries)  # what was written before it, the first approval approves
    voided: dict[str, tuple[Event, Event]] = {}
    for index, change in enumerate(events):
        if index < first or change.commit not in commits or change.kind not in \
                CONTENT_EVENTS or not change.protected or id(change) in unapproved:
            continue
        for later in range(index + 1, len(events)):
            approving = events[later]
            own = later in entries or (_is_date(approving) and is_git_author(
                approving.item or "", "", approving))
            if own and approving.commit in commits and approving.commit != change.commit \
                    and _approves(approving, True, change, ancestry, reentry=later in entries):
                voided.setdefault(change.field_label, (approving, change))
                break
    return list(voided.values())


def _latest(events: Sequence[Event], approvals: list[int], entries: frozenset[int],
            entered: int, unapproved: list[int],
            ancestry: Ancestry | None) -> tuple[int, int]:
    """The indexes of the latest approval, whose version is the one reviewers last approved
    (a move into an approved state, up to `entered`, the last one, that leaves no change it
    contains unapproved: a re-approval by a change's own author approved nothing of it;
    then a later trailer that does the same, or the last change a reviewer's date covers),
    and of the last approving event that approved that version (`Approval.confirmed`)."""
    def leaves_unapproved(index: int) -> bool:  # a change of its own commit included
        return any((change < index or events[change].commit == events[index].commit)
                   and _contains(events[index], events[change], ancestry)
                   for change in unapproved)

    latest: int | None = None
    confirmed = entered
    for index in approvals:
        event = events[index]
        if index in entries:
            if index <= entered and (latest is None or not leaves_unapproved(index)):
                latest = confirmed = index
        elif latest is None or index <= latest:
            continue
        elif event.field == "trailer" and (_contains(event, events[latest], ancestry)
                                           or _follows(event, events[latest], events)) \
                and not leaves_unapproved(index):
            latest = confirmed = index  # the version at the trailer's commit is approved
        elif event.field == "reviewers":  # a date approves the version after the change
            covered = [change for change in range(latest + 1, index)
                       if events[change].kind in CONTENT_EVENTS and events[change].protected
                       and _approves(event, True, events[change], ancestry)]
            if covered:
                latest, confirmed = max(covered), index
            elif _contains(event, events[latest], ancestry) \
                    and _dated_after(event, events[latest]) and not leaves_unapproved(index):
                confirmed = index  # the same version approved again, by a later date
    return (entered, entered) if latest is None else (latest, confirmed)


def _follows(later: Event, earlier: Event, events: Sequence[Event]) -> bool:
    """Whether `later`'s commit is a shallow clone's boundary commit whose changes of
    content are compared with `earlier`'s commit (`BoundaryChange.seen_from`): as far as
    the clone can tell, it comes after it, as one change."""
    return any(isinstance(event, BoundaryChange) and event.commit == later.commit
               and event.seen_from == earlier.commit for event in events)


def _approves(approval: Event, later: bool, change: Event, ancestry: Ancestry | None, *,
              reentry: bool = False) -> bool:
    """Whether an approving event (a move into an approved state, a trailer, a reviewer's
    date) approves a change: its commit is the change's, or comes `later` in history's order
    and contains it; a date must also be on or after the day of the change. A move back
    into an approved state (`reentry`: the change came after the spec's first approval)
    and a reviewer's date approve only a change someone else authored: the change's author
    moving it there, or writing a reviewer's date (in the change's own commit or a later
    one), is no review, as a trailer naming her is none. A trailer she commits naming
    someone else counts: authors carry their reviewers' trailers (the kernel's and
    Gerrit's convention). This is the one judgement every command reads (`approval_of`)."""
    if approval.commit != change.commit and not (later and _contains(approval, change,
                                                                      ancestry)):
        return False
    if (reentry or _is_date(approval)) and same_person(approval, change):
        return False
    return not names_author(approval, change) and _dated_after(approval, change)


def _is_date(approval: Event) -> bool:
    """Whether an approving event is a reviewer's `approved:` date being set."""
    return approval.kind == APPROVED and approval.field == "reviewers"


def reviewers_before(spec: SpecHistory) -> dict[str, frozenset[str]]:
    """Commit -> the spec's reviewers (`person_key`) just before that commit changed it:
    HEAD's list with the later `reviewer-added` and `reviewer-removed` events undone, a
    commit's at once (one that re-spells a name removes and adds one person, who was on
    the list before it)."""
    assert spec.current is not None
    reviewers = frozenset(person_key(name) for name, _ in spec.current.reviewers)
    before: dict[str, frozenset[str]] = {}
    for commit, changes in groupby(reversed(spec.events), key=attrgetter("commit")):
        events = list(changes)
        added = {person_key(event.after) for event in events
                 if event.kind == REVIEWER_ADDED and event.after}
        removed = {person_key(event.before) for event in events
                   if event.kind == REVIEWER_REMOVED and event.before}
        reviewers = before[commit] = (reviewers - added) | removed
    return before


def _contains(later: Event, earlier: Event, ancestry: Ancestry | None) -> bool:
    """Whether `later`'s commit contains `earlier`'s (`earlier` comes first in history's
    order: on HEAD's first-parent line, that order is ancestry; the commit being made
    contains all HEAD does)."""
    if later.commit in (earlier.commit, PENDING_COMMIT) or (later.mainline
                                                             and earlier.mainline):
        return True
    return ancestry is not None and ancestry.is_ancestor(earlier.commit, later.commit)


def _dated_after(approval: Event, change: Event) -> bool:
    """A trailer or a move into an approved state approves what its commit contains; a
    reviewer's `approved:` date only what was authored on or before that day (the day of
    the change in its author's own offset from UTC, as `git log` shows it)."""
    if not _is_date(approval):
        return True
    day = reviewer_day(approval)
    return day is not None and change.day <= day.isoformat()


def reviewer_day(event: Event) -> date | None:
    """The day of a reviewer's `approved:` date an `approved` event set (`YYYY-MM-DD`, a
    time after it ignored); None for another event or a date that is no real day."""
    if event.kind != APPROVED or event.field != "reviewers":
        return None
    return approved_day(event.after)
