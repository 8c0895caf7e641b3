"""What a site shows, gathered from what the other layers already computed: the mined
history, the report built from it, the page drawn of each spec, and the trace matrix.

Nothing here reads a file or runs git: the command mines once, reports once, renders
once, traces once (with the history it mined), and hands the results over.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.links import NO_REBASE, LinkBase
from specrepo.base.one_line import one_line
from specrepo.check.rules.illegal_transition import leaves_from, starts_in
from specrepo.check.work_tree_lineage import moved_here
from specrepo.history.event_times import event_taken
from specrepo.load.document import JsonValue, value_at
from specrepo.model.ancestry import LineTimes, out_of_order
from specrepo.model.approval import DateRecorders
from specrepo.model.approval_standing import approval_of
from specrepo.model.event import Event
from specrepo.model.events import CONTENT_EVENTS, DELETED, HISTORY_STARTS
from specrepo.model.fields import DEFAULT_FIELDS, FieldMap
from specrepo.model.history import History, SpecHistory
from specrepo.model.report import OpenQuestion, Report
from specrepo.model.review_round import ReviewerApproval, reviewer_approvals
from specrepo.model.review_times import event_note, recorded_words
from specrepo.model.set_lives import lives_in_set
from specrepo.model.spec_record import SpecRecord, person_name
from specrepo.model.trace import TraceMatrix
from specrepo.model.unread_approval import since_readable
from specrepo.model.version import skipped_fields
from specrepo.model.workflow import Workflow
from specrepo.site.data import (
    ItemChange,
    Requirement,
    SiteData,
    SiteSpec,
    SpecEvent,
    SpecQuestion,
    SpecReviewer,
    StaleSpec,
    StatusPeriod,
    WaitingReview,
    format_columns,
)
from specrepo.site.events import RESTORED
from specrepo.site.markdown import summary_text

CHANGED_AFTER_APPROVAL: Final = "changed-after-approval"
"""The site's event for a content change no approval covers (rule changed-after-approval)."""


@dataclass(frozen=True)
class RenderedSpec:
    """A spec render could draw: its record, summary and requirements (as the work tree
    holds them), its page as HTML with its items' anchors (see `SiteSpec.content_html`),
    and its file relative to the repository's top."""

    record: SpecRecord
    summary: str
    requirements: tuple[Requirement, ...]
    content_html: str
    anchors: frozenset[str]
    source: str
    links: LinkBase = NO_REBASE
    """How the relative links of `content_html` are rebased for the site's spec pages."""


def rendered_spec(record: SpecRecord, data: JsonValue, content: tuple[str, frozenset[str]],
                  source: str, fields: FieldMap, links: LinkBase = NO_REBASE,
                  body: bool = False) -> RenderedSpec:
    """What the site keeps of a spec it drew (`content`: its page's HTML and anchors), while
    its data is loaded: its `summary` text (empty where it has none; for a page that is a
    Markdown spec's `body`, its Summary section or first paragraph when its data has no
    `summary`, see `summary_text`) and the items of the format's item lists."""
    summary = value_at(data, ("summary",))
    if not isinstance(summary, str):
        summary = summary_text(content[0]) if body else ""
    return RenderedSpec(record, summary, tuple(_requirements(data, fields)), *content,
                        source, links)


def site_data(name: str, history: History, report: Report,
              specs: Sequence[RenderedSpec], trace: TraceMatrix | None,
              workflow: Workflow, repository_url: str | None = None,
              fields: FieldMap = DEFAULT_FIELDS,
              dates_recorded_by: DateRecorders = "anyone",
              moved: Mapping[str, str] | None = None) -> SiteData:
    """The site of `specs`, each with its life from `history` as the spec set had it
    (`lives_in_set`: from where a configuration change took its file in; matched by its file at
    HEAD, or the spec it continues when moved in the work tree, `moved_here`: `moved`,
    the walk's pairing, `history.moved_specs`, never by path where it moved one; every
    protected change no approval covers is an event of its own, as
    `changed-after-approval` judges them in `workflow`) and its open questions' ages from
    `report`; reviewers waited on and stale specs as the report has them; the trace matrix
    as `specrepo trace` builds it (None: trace is not configured). A spec with no history
    yet (not committed) has no life. A spec whose work tree file cannot be read (the
    report's `SpecNote.unreadable`) is HEAD's, marked (`_unread_specs`). `repository_url`:
    see `SiteData`; `fields`, the format's field map, decides which optional columns the
    pages show; `dates_recorded_by` whose `approved:` dates count (`approval:
    dates_recorded_by:`)."""
    by_path = {spec.current_path: spec for spec in lives_in_set(history, history.at_head())}
    paired = {*(moved or {}), *(moved or {}).values()}
    raised = {(question.spec_id, question.question_id): question
              for question in report.open_questions}
    judge = _Judge(history, workflow,
                   frozenset(move.event for move in report.integrity.illegal_transitions),
                   {move.event: move.reason for move in report.integrity.accepted_transitions},
                   dates_recorded_by, out_of_order(history.line_times))
    drawn = tuple(_site_spec(spec, (None if spec.source in paired else by_path.get(
        spec.source)) or moved_here(history, spec.source, spec.record.id, moved),
        raised, judge) for spec in specs)
    return SiteData(
        repository=name,
        head=history.head,
        head_time=history.head_time,
        specs=(*drawn, *_unread_specs(report, by_path, judge, drawn)),
        waiting=tuple(WaitingReview(load.reviewer, wait.spec_id, wait.since, wait.since_offset)
                      for load in report.reviewers for wait in load.waiting),
        stale=tuple(StaleSpec(entry.spec_id, entry.limit_days) for entry in report.stale),
        trace=trace,
        repository_url=repository_url,
        columns=format_columns(fields),
        shallow_boundary=tuple(sorted(history.shallow_boundary)),
        integrity=report.integrity,
        illegal_problems=tuple(judge.problem(move.event)
                               for move in report.integrity.illegal_transitions),
        skipped=history.skipped,
    )


@dataclass(frozen=True)
class _Judge:
    """What the report's integrity section says of a spec's events: the illegal status
    moves it lists (the events of `Integrity.illegal_transitions`), the changes no
    approval covers (`changed-after-approval`, as the rule judges them in `workflow`),
    and its versions history could not read."""

    history: History
    workflow: Workflow
    illegal: frozenset[Event]
    accepted: dict[Event, str]
    """Forbidden moves `accepted_transitions:` accepts, and the reason given."""
    dates_recorded_by: DateRecorders = "anyone"
    line: LineTimes | None = None
    """HEAD's line when out of order (`model.ancestry.out_of_order`)."""

    def taken(self, spec: SpecHistory, event: Event) -> int:
        """When the commit graph takes `event` of `spec` as (`event_times.event_taken`,
        bounded by HEAD's time), as the report does: Unix time; its author date with no
        HEAD."""
        head = self.history.head_time
        if head is None:
            return event.authored
        return event_taken(event, spec, (head, self.history.head_offset), self.line)[0]

    def reviewers(self, record: SpecRecord,
                  spec: SpecHistory | None) -> dict[str, SpecReviewer]:
        """The record's reviewers by name, each approval judged as the report's
        `waiting-reviews` gate judges it (`reviewer_approvals`), from `spec`'s events
        (none: a spec not committed yet, whose every approval counts). A date the work
        tree has and HEAD has not is `not committed yet`: no commit recorded it, and the
        gate, judging HEAD, does not count it (nor does the page, in review)."""
        named = [(reviewer.name, reviewer.approved) for reviewer in record.reviewers]
        return self.named_reviewers(named, record.status, spec)

    def named_reviewers(self, named: Sequence[tuple[str, str | None]], status: str,
                        spec: SpecHistory | None) -> dict[str, SpecReviewer]:
        """`reviewers` of the reviewers `named` (name, approval date written) of a spec in
        `status`."""
        approvals = reviewer_approvals(spec.events if spec is not None else (), named,
                                       status or "", self.workflow.in_review,
                                       self.history.ancestry, self.dates_recorded_by)
        head = dict(spec.current.reviewers) if spec is not None and spec.current else None
        judged = {}
        for approval in approvals:
            if head is not None and approval.written \
                    and head.get(person_name(approval.name)) != approval.written:
                judged[approval.name] = SpecReviewer(
                    approval.name, approval.written, approval.counts, None,
                    f"approved {approval.written}, not committed yet")
            else:
                judged[approval.name] = SpecReviewer(
                    approval.name, approval.written, approval.counts, approval.recorded_by,
                    approval_words(approval))
        return judged

    def unapproved(self, spec: SpecHistory | None) -> frozenset[Event]:
        """Every protected change of `spec` that no approval covers (not only each item's
        first, as the report lists them), judged as `changed-after-approval` judges an
        approved version that could not be read (`since_readable`)."""
        approval = None if spec is None else approval_of(spec, self.workflow,
                                                         self.history.ancestry)
        if spec is None or approval is None:
            return frozenset()
        return frozenset(since_readable(spec, approval, self.history).unapproved)

    def problem(self, event: Event) -> str:
        """What is wrong with `event`, in words ("" when nothing): a status move the
        workflow does not allow, with the moves it allows from there (or, for an
        approved spec's removal, how a spec leaves), or one that
        `accepted_transitions:` accepts, with its reason."""
        if event in self.accepted:
            return (f"Accepted (accepted_transitions: {self.accepted[event]}); the workflow "
                    "does not allow it")
        if event not in self.illegal:
            return ""
        if event.before is None:  # a spec born in a status it may not start in
            return f"Not allowed by the workflow: {starts_in(self.workflow)}"
        if event.kind == DELETED:  # an approved spec removed from the spec set
            return f"Removed while {event.before}: {leaves_from(self.workflow, event.before)}"
        allowed = self.workflow.next_states(event.before) if event.before else []
        return ("Not allowed by the workflow; from " + (event.before or "none")
                + (f" it allows {', '.join(allowed)}" if allowed else " it allows no move"))

    def skipped(self, spec: SpecHistory | None) -> tuple[str, ...]:
        """The spec's historical versions history could not read, each in words."""
        if spec is None:
            return ()
        return tuple(f"{skipped_fields('a version').capitalize()}, each kept its last "
                     f"readable value: {one_line(skipped.said)}"
                     for skipped in self.history.skipped if skipped.spec == spec.key)


def _site_spec(spec: RenderedSpec, history: SpecHistory | None,
               raised: dict[tuple[str, str], OpenQuestion], judge: _Judge) -> SiteSpec:
    record = spec.record
    questions = []
    for question in record.open_questions:
        found = raised.get((record.id, question.id))
        questions.append(SpecQuestion(
            question.id, question.text, question.owner,
            found.raised_by if found else None, found.raised_at if found else None,
            found.raised_offset if found else 0))
    events, changelog = _life(history, judge.unapproved(history), judge)
    judged = judge.reviewers(record, history)
    return SiteSpec(
        id=record.id,
        other_ids=_other_ids(record.id, history),
        title=record.title,
        status=record.status,
        authors=record.authors,
        last_change=history.last_touched if history is not None else None,
        last_change_offset=history.last_touched_offset if history is not None else 0,
        source=spec.source,
        summary=spec.summary,
        content_html=spec.content_html,
        anchors=spec.anchors,
        links=spec.links,
        reviewers=tuple(judged[reviewer.name] for reviewer in record.reviewers),
        roles=tuple((role, tuple(judged.get(person.name) or SpecReviewer(person.name)
                                 for person in people)) for role, people in record.roles),
        open_questions=tuple(questions),
        requirements=spec.requirements,
        periods=tuple(StatusPeriod(period.status, period.since, period.until, period.offset,
                                   period.until_offset)
                      for period in history.statuses) if history is not None else (),
        events=events,
        changelog=changelog,
        problems=judge.skipped(history),
    )


def _unread_specs(report: Report, by_path: Mapping[str | None, SpecHistory], judge: _Judge,
                  drawn: Sequence[SiteSpec]) -> Iterator[SiteSpec]:
    """The specs whose work tree files cannot be read (the report's notes,
    `SpecNote.unreadable`: HEAD's version is reported), as HEAD has them (`by_path`: the
    specs at HEAD by file), each marked with why, as the report lists them; none whose id
    a spec `drawn` has (a copy the work tree holds). No page is drawn of them."""
    ids = {spec.id.casefold() for spec in drawn}
    for note in report.integrity.spec_notes:
        spec = by_path.get(note.path) if note.unreadable else None
        version = spec.current if spec is not None else None
        if spec is None or version is None or spec.spec_id.casefold() in ids:
            continue
        ids.add(spec.spec_id.casefold())
        judged = judge.named_reviewers(version.reviewers, version.status or "", spec)
        events, changelog = _life(spec, judge.unapproved(spec), judge)
        yield SiteSpec(
            id=spec.spec_id, other_ids=_other_ids(spec.spec_id, spec),
            title=version.title or "", status=version.status or "", authors=version.authors,
            last_change=spec.last_touched, last_change_offset=spec.last_touched_offset,
            source=note.path, reviewers=tuple(judged.values()),
            open_questions=tuple(
                SpecQuestion(question.question_id, question.text, question.owner,
                             question.raised_by, question.raised_at, question.raised_offset)
                for question in report.open_questions if question.spec_id == spec.spec_id),
            periods=tuple(StatusPeriod(period.status, period.since, period.until,
                                       period.offset, period.until_offset)
                          for period in spec.statuses),
            events=events, changelog=changelog, problems=judge.skipped(spec),
            unreadable=note.reason)


def _other_ids(spec_id: str, history: SpecHistory | None) -> tuple[str, ...]:
    """The ids other than `spec_id` that `history`'s spec had itself, sorted: HEAD's and
    its events' (not those of the events a copy inherited, which happened to the spec it
    was copied from)."""
    if history is None:
        return ()
    had = {history.spec_id, *(event.spec_id for event in history.events[history.inherited:])}
    return tuple(sorted(had - {spec_id}))


UNREAD_APPROVAL: Final = ("The approved version could not be read; what changed since "
                          "this approval is not known: approve it anew")
"""The problem of an approving event `since_readable` left unapproved (`_life`)."""


def _life(spec: SpecHistory | None, unapproved: Collection[Event], judge: _Judge
          ) -> tuple[tuple[SpecEvent, ...], tuple[ItemChange, ...]]:
    """A spec's events, oldest first, and its changelog: content events (an item or section
    added, changed, removed, moved) go to the changelog; each change no approval covers is
    also an event of its own (`changed-after-approval`), in its change's place. A first
    version at a shallow clone's boundary is `history-starts`, no creation, and one after
    its deletion `restored`; an event the integrity section lists carries its problem;
    each event the time the graph takes it as (`_Judge.taken`)."""
    events: list[SpecEvent] = []
    changelog: list[ItemChange] = []
    if spec is None:
        return (), ()
    for event in spec.events:
        if event.kind not in CONTENT_EVENTS:
            shown = replace(site_event(event, judge.dates_recorded_by),
                            taken=judge.taken(spec, event))
            if judge.history.begins_at_boundary(event):
                shown = replace(shown, kind=HISTORY_STARTS)
            elif event.kind == "created" and events and events[-1].kind == "deleted":
                shown = replace(shown, kind=RESTORED)
            events.append(replace(shown, problem=judge.problem(event) or (
                UNREAD_APPROVAL if event in unapproved else "")))
            continue
        changelog.append(ItemChange(
            event.kind, event.field_label, event.commit, event.author, event.authored,
            ("protected, not approved since" if event in unapproved else "protected")
            if event.protected else None, event.author_offset))
        if event in unapproved:
            events.append(SpecEvent(CHANGED_AFTER_APPROVAL, event.commit, event.author,
                                    event.authored, event.field_label,
                                    offset=event.author_offset,
                                    problem="Changed after approval; no approval since "
                                            "covers it", spec_id=event.spec_id,
                                    taken=judge.taken(spec, event)))
    return tuple(events), tuple(changelog)


def approval_words(approval: ReviewerApproval) -> str:
    """A reviewer's approval in words, as history judges it: `approved 2026-01-07`
    (`, recorded by Ada Lovelace` when the commit that wrote it was another's), `approved
    by a commit trailer on 2026-01-07`, or a date left from an earlier round of review
    (`approved 2026-01-04 in an earlier round of review; not in this one`), or one another
    recorded that `approval: dates_recorded_by: reviewer` does not count; "" for none."""
    recorded = "" if approval.recorded_by is None else \
        f", {recorded_words(approval.recorded_by, refused=approval.refused)}"
    if approval.written and not approval.earlier_round and not approval.refused:
        return f"approved {approval.written}{recorded}"
    if approval.trailer is not None:
        return f"approved by a commit trailer on {approval.trailer.day}"
    if approval.refused:
        return f"approved {approval.written}{recorded}"
    if approval.written:
        return f"approved {approval.written} in an earlier round of review; not in this one"
    return ""


def site_event(event: Event, recorders: DateRecorders = "anyone") -> SpecEvent:
    """A history event as the site shows it, dated by its author date, with its
    `event_note` under `recorders` (`approval: dates_recorded_by:`)."""
    return SpecEvent(event.kind, event.commit, event.author, event.authored,
                     event.field_label, event.before, event.after,
                     offset=event.author_offset, spec_id=event.spec_id,
                     note=event_note(event, recorders))


def _requirements(data: JsonValue, fields: FieldMap) -> Iterable[Requirement]:
    """Every item with an id in the format's item lists, its text the item's other text
    values (what the index's search reads)."""
    for where in fields.item_lists:
        items = value_at(data, where)
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                words = [value for key, value in item.items()
                         if key != "id" and isinstance(value, str)]
                yield Requirement(str(item["id"]), " ".join(words))
