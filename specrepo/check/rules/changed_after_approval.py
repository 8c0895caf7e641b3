"""changed-after-approval: a spec in an approved state whose protected content changed after
it was approved, with no new approval since (`validate --history`; the report and
`diff --since-approval` show them too).

An approval is the spec entering an approved state (`statuses.approved`). A change is a
content event that touches protected content (`approval: protected:`). A change is
approved again by a commit that contains it (the change's own commit or a descendant: order
comes from the commit graph, never from dates) and touches the spec with a `Reviewed-by:`
or `Approved-by:` trailer naming one of its reviewers (as the spec listed them just before
the approving commit, names matched as `person_key` does; any name when it listed none),
or sets a reviewer's `approved:` date on or after the day the change was authored; the
spec going back to review and being approved again starts over, when someone other than
the change's author (git's, through .mailmap) makes the move back into the approved state.
None approves a change whose author it names or who made it: the change's author
approving it is no review (the first approval approves what was written before it).
An approval on a branch that forked before the change never saw it, and a date written
before the change (a future date, say) approves nothing written after it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from itertools import groupby
from operator import attrgetter
from pathlib import Path

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.timestamps import iso_time
from specrepo.check.rules.rule import CheckedSpec, Rule
from specrepo.load.document import JsonPath, JsonValue, Position
from specrepo.load.markdown_body import body_sections, parse_body
from specrepo.model.ancestry import Ancestry
from specrepo.model.boundary_change import BoundaryChange
from specrepo.model.change_paths import BODY_KEY, ItemId, parse_path
from specrepo.model.events import (
    APPROVED,
    CONTENT_EVENTS,
    REVIEWER_ADDED,
    REVIEWER_REMOVED,
)
from specrepo.model.findings import Finding, Severity
from specrepo.model.history import PENDING_COMMIT, Event, History, SpecHistory
from specrepo.model.review_round import (
    approved_day,
    date_origins,
    entries_since_left,
    moves_into,
)
from specrepo.model.review_times import is_author, names_author
from specrepo.model.spec_record import person_key, person_name
from specrepo.model.spec_summary import SpecSummary
from specrepo.model.workflow import Workflow

RULE = Rule(
    "changed-after-approval", Severity.ERROR,
    "A commit changed an approved spec's protected content, and no approval since covers "
    "it (`validate --history`).",
    "what reviewers approved (`approval: protected:`) changes after approval only with a new "
    "approval: an `Approved-by:` or `Reviewed-by:` trailer naming one of the spec's "
    "reviewers, or a reviewer's `approved:` date "
    "on or after the change, in a commit that contains the change; or another review, "
    "approved by someone other than the change's author (a date set, or a status move "
    "made, by the change's own author approves nothing of it; `validate --history`)",
    configurable=True)


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


def approval_of(spec: SpecHistory, workflow: Workflow,
                ancestry: Ancestry | None) -> Approval | None:
    """The approval of a spec that HEAD holds in an approved state; None for any other.
    `ancestry` (the history's) says which commit contains which off HEAD's first-parent
    line; without it, only approvals on that line (or in the change's own commit) count."""
    if spec.current is None or spec.current.status not in workflow.approved:
        return None
    events = spec.events
    entries = moves_into(events, workflow.approved)
    # the move that last put it there; None when a later one took it out (a deletion
    # does not: a spec brought back in an approved state is the one approved, and
    # bringing it back approves nothing)
    entered = max(entries_since_left(events, workflow.approved), default=None)
    if entered is None:
        return None
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
        events[confirmed])


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


def same_person(first: Event, second: Event) -> bool:
    """Whether two events' commits have one git author (through .mailmap): the same name
    as `person_key` matches it, or the same email."""
    return is_author(first.author, first.email, second)


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


def unapproved_changes(history: History, workflow: Workflow,
                       commits: frozenset[str] | None = None
                       ) -> Iterator[tuple[SpecHistory, Approval, list[Event]]]:
    """For each spec with protected changes no approval covers (only those in `commits`, if
    given): its approval, and its first unapproved change of each item or section."""
    for spec in history.specs:
        if not spec.protected_changes:  # nothing to approve (its events left unread)
            continue
        approval = approval_of(spec, workflow, history.ancestry)
        if approval is None:
            continue
        first: dict[str, Event] = {}
        for event in approval.unapproved:
            if commits is None or event.commit in commits:
                first.setdefault(event.field_label, event)
        if first:
            yield spec, approval, list(first.values())


def approval_finding(spec: SpecHistory, approval: Approval, change: Event, file: Path,
                     summary: SpecSummary | None, severity: Severity) -> Finding:
    """A change no approval covers, on the spec's file at HEAD (at the changed field where
    it still is: `summary.changed_places`, see `changed_place`); the change's commit,
    author, date and path are the finding's properties, with the commit of the latest
    approval (`Approval.latest`: the version the check, and `diff --since-approval`,
    compare HEAD's with)."""
    later = sum(1 for event in approval.unapproved
                if event.field_label == change.field_label and event is not change)
    pending = change.commit == PENDING_COMMIT
    message = (
        f"{change.field_label} changed after {spec.spec_id} was approved ({change.kind} in "
        + ("the commit being made, staged and not committed yet" if pending else
           f"commit {change.commit[:10]} by {change.author} on {change.day}")
        + (f", compared with commit {change.seen_from[:10]}: this shallow clone holds no "
           "commit between them, so it is one change, and an approval given between them "
           "is not seen" if isinstance(change, BoundaryChange) else "")
        + (f", and {later} later change{'s' if later > 1 else ''}" if later else "")
        + f"; approved in commit {approval.latest.commit[:10]} on "
        f"{approval.latest.day}), and not approved since: add an "
        + ("Approved-by: trailer naming one of its reviewers to this commit's message"
           if pending else "Approved-by: trailer to a commit that touches the spec")
        + ", a reviewer's approved: date, or review it again (approved by someone other "
        "than its author)")
    facts = (*(() if pending else (("commit", change.commit),)), ("author", change.author),
             ("date", iso_time(change.authored)), ("change", change.kind),
             ("path", change.field_label), ("approved_commit", approval.latest.commit))
    if summary is None:
        return Finding.at(file, None, severity, RULE.id, message, properties=facts)
    where, position = summary.changed_places[change.field_label]
    return Finding.at(summary.file, position, severity, RULE.id, message, where,
                      properties=facts)


def changed_place(checked: CheckedSpec, changed_field: str,
                  field_label: str) -> tuple[JsonPath, Position]:
    """Where a finding on a change of `changed_field` (a field path as history names it;
    `field_label` with items named by id) stands in the spec now: at the line of a Markdown
    spec's body section it names (no JSON path; a section removed: at the section above it,
    else the body's first line), else at the longest part of the path the data still has
    (an item found by its id; the document for a top-level field removed), its JSON path
    naming a removed field (`$.goals`) under it."""
    path = parse_path(changed_field)
    if checked.body is not None and len(path) == 2 and path[0] == BODY_KEY:
        return (), Position(_section_line(checked, str(path[1])), 1)
    found, named = _where(checked, field_label)
    return named, checked.document.key_position(found) if found else checked.document.root


def _section_line(checked: CheckedSpec, label: str) -> int:
    """The line of a Markdown spec's body section (`label`: `Proposal > Design`); for one
    the body no longer has, that of the nearest section above it that it has, else the
    body's first line."""
    assert checked.body is not None
    lines = {section.label: section.line
             for section in body_sections(parse_body(checked.body, checked.body_line))}
    parts = label.split(" > ")
    return next((lines[" > ".join(parts[:end])] for end in range(len(parts), 0, -1)
                 if " > ".join(parts[:end]) in lines), checked.body_line)


def _where(checked: CheckedSpec, field_label: str) -> tuple[JsonPath, JsonPath]:
    """The longest part of the change's field path the document still has (an item found
    in its list by its id), and the JSON path naming the change there: that part and, for
    a field removed from a mapping, the field's key."""
    data = checked.document.data
    found: JsonPath = ()
    for step in parse_path(field_label):
        if isinstance(step, ItemId) and isinstance(data, list):
            index = _index_of(data, step.id)
            if index is None:
                break
            data, found = data[index], (*found, index)
            continue
        if isinstance(data, dict) and isinstance(step, str) and step not in data:
            return found, (*found, step)  # removed
        if not isinstance(data, dict) or not isinstance(step, str):
            break
        data = data[step]
        found = (*found, step)
    return found, found


def _index_of(items: list[JsonValue], item_id: str) -> int | None:
    """Where the item with id `item_id` stands: an item that is that id, or a mapping whose
    `id` (else whose first text field, as tables name their rows) is it, a person by name."""
    for index, item in enumerate(items):
        values: list[JsonValue]
        if isinstance(item, (str, int)) and not isinstance(item, bool):
            values = [item]
        elif isinstance(item, dict):
            values = [item["id"]] if "id" in item else list(item.values())[:1]
        else:
            continue
        if any(isinstance(value, (str, int))
               and item_id in (str(value), person_name(str(value))) for value in values):
            return index
    return None
