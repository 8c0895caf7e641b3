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

from collections.abc import Iterator
from pathlib import Path

from specrepo.base.timestamps import iso_time
from specrepo.check.rules.rule import CheckedSpec, Rule
from specrepo.load.document import JsonPath, JsonValue, Position
from specrepo.load.markdown_body import body_sections, heading_key, parse_body
from specrepo.model.approval_standing import Approval, approval_of
from specrepo.model.boundary_approval import own_mover
from specrepo.model.boundary_change import BoundaryChange, compared_with
from specrepo.model.change_paths import BODY_KEY, ItemId, parse_path
from specrepo.model.event import Event
from specrepo.model.events import APPROVED
from specrepo.model.findings import Finding, Severity
from specrepo.model.history import PENDING_COMMIT, History, SpecHistory
from specrepo.model.review_times import is_coauthor
from specrepo.model.spec_record import person_name
from specrepo.model.spec_summary import SpecSummary
from specrepo.model.unread_approval import since_readable
from specrepo.model.unread_span import seen_in, unread_versions
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


def unapproved_changes(history: History, workflow: Workflow,
                       commits: frozenset[str] | None = None
                       ) -> Iterator[tuple[SpecHistory, Approval, list[Event]]]:
    """For each spec with protected changes no approval covers (only those in `commits`, if
    given): its approval, and its first unapproved change of each item or section. An
    approval whose approved version could not be read is judged from the last readable
    version before it (`model.unread_approval.since_readable`)."""
    for spec in history.specs:
        if not spec.protected_changes and not (history.skipped
                                               and unread_versions(spec, history)):
            continue  # nothing to approve (its events left unread)
        approval = approval_of(spec, workflow, history.ancestry)
        if approval is None:
            continue
        approval = since_readable(spec, approval, history)
        first: dict[str, Event] = {}
        for event in approval.unapproved:
            if commits is None or event.commit in commits:
                first.setdefault(event.field_label, event)
        if first:
            yield spec, approval, list(first.values())


def approval_finding(spec: SpecHistory, approval: Approval, change: Event, file: Path,
                     summary: SpecSummary | None, severity: Severity,
                     from_start: bool = False, since: str | None = None) -> Finding:
    """A change no approval covers, on the spec's file at HEAD (at the changed field where
    it still is: `summary.changed_places`, see `changed_place`); the change's commit,
    author, date and path are the finding's properties, with the commit of the latest
    approval (`Approval.latest`: the version the check, and `diff --since-approval`,
    compare HEAD's with), said given at or before it when it is the spec's appearance where
    a shallow clone's history starts (`from_start`: `History.begins_at_boundary`), as
    `model.boundary_approval` says it; a change read across unreadable versions names the
    first of them, `since` (`model.unread_span.unread_since`), a `unread_since` property
    too."""
    pending = change.commit == PENDING_COMMIT
    message = (
        _what_changed(spec, approval, change, from_start, since)
        + "), and not approved since: add an "
        + ("Approved-by: trailer naming one of its reviewers to this commit's message"
           if pending else "Approved-by: trailer to a commit that touches the spec")
        + ", a reviewer's approved: date, or review it again (approved by someone other "
        "than its author)" + _squashed(spec, change))
    facts = (*(() if pending else (("commit", change.commit),)), ("author", change.author),
             ("date", iso_time(change.authored)), ("change", change.kind),
             ("path", change.field_label), ("approved_commit", approval.latest.commit),
             *(() if approval.unread is None else (
                 ("approved_version_unread", ", ".join(approval.unread.unread)),)),
             *(() if since is None else (("unread_since", since),)))
    if summary is None:
        return Finding.at(file, None, severity, RULE.id, message, properties=facts)
    where, position = summary.changed_places[change.field_label]
    return Finding.at(summary.file, position, severity, RULE.id, message, where,
                      properties=facts)


def _what_changed(spec: SpecHistory, approval: Approval, change: Event,
                  from_start: bool, since: str | None) -> str:
    """The finding's words up to what it asks for: the change, and the approval it is
    judged against (at or before a shallow clone's start: `from_start`; not known where an
    author's own move is no approval: `Approval.own_move`); where the
    approved version could not be read (`Approval.unread`), the last readable one before
    it, or, with none or with no protected change since it, that what changed is not
    known (`change` is then the approval); `since` as `approval_finding`'s."""
    unread = approval.unread
    if unread is not None and change == unread.approving:
        return (f"what changed after {spec.spec_id} was approved is not known (its approved "
                f"version could not be read: commit {unread.shown}; its approval "
                f"is read at commit {change.commit[:10]} by {change.author} on {change.day}, "
                + ("and no earlier version of it reads" if unread.baseline is None else
                   f"and its last readable version before it, in commit "
                   f"{unread.baseline.commit[:10]}, holds the protected content HEAD does"))
    later = sum(1 for event in approval.unapproved
                if event.field_label == change.field_label and event is not change)
    return (
        f"{change.field_label} changed after {spec.spec_id} was approved ({change.kind} in "
        + (f"the commit being made{_coauthored(change)}, staged and not committed yet"
           if change.commit == PENDING_COMMIT else
           seen_in(change, since, _coauthored(change)))
        + (", " + compared_with(change.seen_from, "change", "an approval given", "one")
           if isinstance(change, BoundaryChange) else "")
        + (f", and {later} later change{'s' if later > 1 else ''}" if later else "")
        + (f"; the approved version could not be read (commit {unread.shown}), "
           "so it is compared with its last readable version before its approval, in "
           f"commit {approval.latest.commit[:10]} on {approval.latest.day}"
           if unread is not None else
           f"; its approval not known: {approval.own_move.author}'s move to "
           f"{approval.own_move.after} in commit {approval.own_move.commit[:10]} was made "
           f"by {own_mover(spec, approval.own_move)}, and this shallow clone's history "
           "starts at boundary commit "
           f"{approval.latest.commit[:10]}" if from_start and approval.own_move is not None
           else f"; approved at or before boundary commit {approval.latest.commit[:10]}, "
           "where this shallow clone's history starts" if from_start else
           f"; approved in commit {approval.latest.commit[:10]} on {approval.latest.day}"))


def _coauthored(change: Event) -> str:
    """` (co-authored by Grace Hopper)` for a change its commit's `Co-authored-by:`
    trailers name others as authors of (whose approval of it is no review either); ""
    otherwise."""
    names = [person_name(coauthor) for coauthor in change.coauthors]
    return f" (co-authored by {', '.join(names)})" if names else ""


def _squashed(spec: SpecHistory, change: Event) -> str:
    """Why an approval of a co-author of `change`'s commit that the commit carries (her
    `approved:` date, a trailer naming her) counts for nothing, and how a squash merge
    keeps one (README "Squash merges"); "" when the commit carries none."""
    approving = [event.after if event.field == "trailer" else event.item
                 for event in spec.events
                 if event.commit == change.commit and event.kind == APPROVED]
    named = [coauthor for coauthor in change.coauthors
             if any(name and is_coauthor(name, coauthor) for name in approving)]
    if not named:
        return ""
    people = ", ".join(person_name(coauthor) for coauthor in named)
    return (f". The approval this commit carries from {people} counts for nothing: a "
            "co-author (Co-authored-by:) approving a change of her commit is no review, and "
            "once a squash merge has folded a reviewer's own approval commit into the "
            "change git cannot tell the one from the other; to keep a reviewer's approval, "
            "merge with a merge commit or rebase, or write "
            + " and ".join(f"Approved-by: {coauthor}" for coauthor in named)
            + " in the squash message in place of the Co-authored-by: line")


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
    body's first line. Headings are compared as everywhere (`heading_key`): the label a
    change was recorded with (`## Sécurité`, composed) names the section the spec now
    writes decomposed, where the commit that did so puts it."""
    assert checked.body is not None
    lines = {tuple(map(heading_key, section.path)): section.line
             for section in body_sections(parse_body(checked.body, checked.body_line))}
    parts = tuple(map(heading_key, label.split(" > ")))
    return next((lines[parts[:end]] for end in range(len(parts), 0, -1)
                 if parts[:end] in lines), checked.body_line)


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
