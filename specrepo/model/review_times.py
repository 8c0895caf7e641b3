"""What a spec's events say of its reviews (the report's reviewers section): when each
reviewer last approved it by a commit trailer, and when each was last added to it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field
from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.ancestry import GIT_BEGAN
from specrepo.model.approval import DateRecorders
from specrepo.model.boundary_change import compared_note
from specrepo.model.event import Event, FactualEvents
from specrepo.model.events import APPROVED, REVIEWER_ADDED
from specrepo.model.history import SpecHistory
from specrepo.model.spec_record import person_key

REVIEW_KINDS: Final = frozenset({APPROVED, REVIEWER_ADDED})
"""The kinds of event `review_times` reads: a spec with none has no review times."""


@dataclass(frozen=True)
class ReviewTimes:
    """A spec's review times, from one pass over its events (`review_times`)."""

    approvals: Mapping[str, int] = field(default_factory=dict)
    """Reviewer (`person_key`) -> the time of their last approval trailer on the spec
    (`own_time`; a trailer naming its own commit's author is no review: `names_author`)."""
    added: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    """Reviewer (as the spec names them) -> when last added (`own_time`), with its
    author's offset from UTC (the latest of equal times: the greater offset)."""


def review_times(events: Iterable[Event]) -> ReviewTimes:
    """The review times of a spec's `events` (oldest first)."""
    approvals: dict[str, int] = {}
    added: dict[str, tuple[int, int]] = {}
    for event in events:
        if is_review_trailer(event):
            name = person_key(event.after or "")
            approvals[name] = max(approvals.get(name, 0), own_time(event))
        elif event.kind == REVIEWER_ADDED and event.after is not None:
            added[event.after] = max(added.get(event.after, (own_time(event), 0)),
                                     (own_time(event), event.author_offset))
    return ReviewTimes(approvals, added)


def own_time(event: Event) -> int:
    """The time `event` happened at by its own commit's dates, as ages count from it
    where nothing after it in the commit graph bounds it (`history.event_times.event_taken`:
    README "Order comes from the commit graph"): its author date, no later than its
    commit's committer date (a commit dated behind its author's date, by a committer's
    clock behind: a rebase or cherry-pick on such a machine), each counted only from the
    day git began (`model.ancestry.GIT_BEGAN`: a date before is a wrong clock's). Where the
    graph moves the time further (a commit dated behind a commit before it, or off HEAD's
    line after the merge that brought it), `event_times.may_be_moved` says so and the
    events are read again."""
    if event.authored < GIT_BEGAN or event.committed < GIT_BEGAN:
        return max(event.authored, event.committed)
    return min(event.authored, event.committed)


def is_review_trailer(event: Event) -> bool:
    """Whether an event is a `Reviewed-by:` / `Approved-by:` trailer that reviews its
    commit: one naming somebody other than the commit's authors (`names_author`: its git
    author and its co-authors)."""
    return event.kind == APPROVED and event.field == "trailer" and bool(event.after) \
        and not names_author(event, event)


def approval_note(event: Event, recorders: DateRecorders = "anyone") -> str:
    """What an `approved` event is, when it is not a reviewer's own approval: a reviewer's
    `approved:` value whose commit's git author is not that reviewer (`recorded_words`:
    `recorded by Ada Lovelace`, which counts, as a trailer an author carries does; with
    `recorders` `reviewer`, `approval: dates_recorded_by:`, it does not, and says so), or
    a trailer naming its own commit's author or a co-author (`names its commit's author: no review`,
    counted nowhere); "" for any other event."""
    if event.kind != APPROVED or not event.after:
        return ""
    if event.field == "trailer":
        return "" if is_review_trailer(event) else "names its commit's author: no review"
    if event.item and not is_git_author(event.item, contact_email(event.item), event):
        return recorded_words(event.author, refused=recorders == "reviewer")
    return ""


def event_note(event: Event, recorders: DateRecorders = "anyone") -> str:
    """What an event is when not what its kind alone says, for every place that shows it
    (timeline, site): an approval's `approval_note`, or, for a move or change a shallow
    clone sees at its boundary only by comparison, its `compared_note`; "" otherwise."""
    return approval_note(event, recorders) or compared_note(event)


def recorded_words(recorder: str, *, refused: bool) -> str:
    """Who recorded a reviewer's `approved:` date that is not theirs, in words, for every
    place that shows it (timeline, site): `recorded by Ada Lovelace`, and when
    `approval: dates_recorded_by: reviewer` refuses it (`refused`), `: not the reviewer's
    own, so it does not count` after it."""
    refusal = ": not the reviewer's own, so it does not count" if refused else ""
    return f"recorded by {recorder}{refusal}"


def spec_review_times(spec: SpecHistory) -> ReviewTimes:
    """The spec's `review_times` (for the history cache's events, known without decoding
    them)."""
    if not spec.event_kinds & REVIEW_KINDS:
        return ReviewTimes()
    if isinstance(spec.events, FactualEvents):
        return spec.events.reviews
    return review_times(spec.events)


def names_author(approval: Event, change: Event) -> bool:
    """Whether an approval (a trailer, a reviewer's date) names the author of `change`
    (git's author, through .mailmap: names matched by `person_key`, or the same email):
    the change's author approving it is no review."""
    if approval.kind != APPROVED:
        return False
    named = approval.after if approval.field == "trailer" else approval.item
    if not named:
        return False
    return is_author(named, contact_email(named), change)


def contact_email(named: str) -> str:
    """The email of a `Name <email>` value; "" for a name alone."""
    return named.rpartition("<")[2].rstrip(">").strip() if named.endswith(">") else ""


def is_author(name: str, email: str, change: Event) -> bool:
    """Whether `name` (matched by `person_key`) or `email` (when there is one) is an author
    of `change`'s commit: its git author, or one its `Co-authored-by:` trailers name (a
    squash merge's contributors wrote the change as much as the one it is credited to)."""
    return is_git_author(name, email, change) or any(
        same_identity(name, email, coauthor, contact_email(coauthor))
        for coauthor in change.coauthors)


def same_person(first: Event, second: Event) -> bool:
    """Whether `first`'s commit's git author (through .mailmap) is an author of `second`'s
    (`is_author`: its git author or a co-author): a move back or a date set by a change's
    own author approves nothing of it (`approval_standing`), and a shallow clone cannot
    take a move by its boundary commit's author for a review (`boundary_approval`)."""
    return is_author(first.author, first.email, second)


def is_coauthor(name: str, coauthor: str) -> bool:
    """Whether `name` (matched by `person_key`, or by the email it writes) is `coauthor`
    (a `Co-authored-by:` value, `Name <email>`)."""
    return same_identity(name, contact_email(name), coauthor, contact_email(coauthor))


def is_git_author(name: str, email: str, event: Event) -> bool:
    """Whether `name` (matched by `person_key`) or `email` (when there is one) is the git
    author of `event`'s commit, co-authors left out (who recorded a reviewer's date)."""
    return same_identity(name, email, event.author, event.email)


def same_identity(name: str, email: str, other: str, other_email: str) -> bool:
    """Whether `name` with `email` and `other` with `other_email` are one person: the same
    name as `person_key` matches it, or the same email (caseless) where the first has one.
    The one matching of people every self-review check reads (a change's author and its
    approver, a spec's authors and its reviewers or the mover of a shallow clone's spec)."""
    return person_key(name) == person_key(other) or (
        bool(email) and email.casefold() == other_email.casefold())
