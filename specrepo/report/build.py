"""Build the report from mined history: the specs as HEAD holds them, and how they got there."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import NamedTuple

from specrepo.base.timestamps import DAY_SECONDS, elapsed_days
from specrepo.check.rules.changed_after_approval import unapproved_changes
from specrepo.check.rules.illegal_transition import accepted_moves, illegal_transitions
from specrepo.history.event_times import event_taken, reviewer_added
from specrepo.history.graph_times import latest_start
from specrepo.model.ancestry import Ancestry, LineTimes
from specrepo.model.approval import DateRecorders
from specrepo.model.event import Event
from specrepo.model.history import History, SpecHistory
from specrepo.model.judged_specs import judged_specs
from specrepo.model.own_review import independent_reviewers, is_spec_author
from specrepo.model.report import (
    SECTIONS,
    AcceptedMove,
    Integrity,
    RecordedApproval,
    Report,
    ReviewerLoad,
    Section,
    SpecStatus,
    StaleSpec,
    StatusMove,
    StatusPeriodRow,
    UnapprovedChange,
    Waiting,
)
from specrepo.model.review_periods import current_life, review_days, round_start
from specrepo.model.review_round import ReviewerApproval, reviewer_approvals
from specrepo.model.review_times import ReviewTimes, spec_review_times
from specrepo.model.set_lives import lives_in_set
from specrepo.model.spec_record import person_key, shown_spellings
from specrepo.model.unread_span import unread_since
from specrepo.model.version import Version
from specrepo.model.workflow import DEFAULT_WORKFLOW, Workflow
from specrepo.model.workflow_line import earlier_workflows
from specrepo.report.question_rows import open_questions, resolved_questions
from specrepo.report.spec_set import SpecFile, SpecSet, unreadable_at_head
from specrepo.report.unreadable import unreadable_fields


class ReportScope(NamedTuple):
    """What to report on, as of when (a NamedTuple: a tenth of a dataclass's import)."""

    now: int
    window_start: int | None = None
    """Questions resolved since then are listed (None: all of history)."""
    window_day: str | None = None
    """With `--since DATE` (`2026-01-06`): questions resolved on that day or later, by the
    day shown for them (in their author's offset from UTC, README "Days"), not by the
    instant `window_start` (midnight UTC), so no row shows a day before the window's."""
    window_ref: str | None = None
    """With `--since REF`: the revision as given (`v1`); `window_start` is its commit time,
    shown, and `window_commits` the window."""
    window_commits: frozenset[str] | None = None
    """With `--since REF`: the commits REF's history does not hold (git's `REF..HEAD`);
    questions resolved in one of them are listed, by the commit graph, never by dates (a
    resolution merged after REF was made is in the window, whenever it was committed)."""
    sections: tuple[Section, ...] = SECTIONS
    statuses: frozenset[str] = frozenset()
    authors: frozenset[str] = frozenset()
    reviewers: frozenset[str] = frozenset()
    """Filters: empty means no filter. Names are matched without emails, case-insensitively."""
    stale_after_days: Mapping[str, int] = MappingProxyType({})
    workflow: Workflow = DEFAULT_WORKFLOW
    dates_recorded_by: DateRecorders = "anyone"
    """Whose commit may record a reviewer's `approved:` date (`approval:
    dates_recorded_by:`)."""
    latest: int | None = None
    """The latest time an age can start from (`graph_times.latest_start`: HEAD's commit
    time, or `now` if earlier), which `build_report` sets: an event dated later (a
    committer's clock ahead) is taken as happening then."""

    latest_offset: int = 0
    """The offset from UTC (minutes east) `latest` is shown in: HEAD's for HEAD's time."""
    line_times: LineTimes | None = None
    """`History.line_times`, which `build_report` sets (`event_times.event_taken`)."""

    def taken(self, time: int) -> int:
        """An event's time as ages count from it: no later than `latest` (or `now`)."""
        return min(time, self.now if self.latest is None else self.latest)

    def bound(self) -> tuple[int, int]:
        """`latest` (or `now`) and the offset it is shown in."""
        return (self.now, 0) if self.latest is None else (self.latest, self.latest_offset)

    def taken_event(self, event: Event, spec: SpecHistory) -> tuple[int, int]:
        """`event_times.event_taken` of `event` (of `spec`): time and offset."""
        return event_taken(event, spec, self.bound(), self.line_times)
    available: tuple[Section, ...] = SECTIONS
    """The sections the format can have (`Report.available`)."""
    names_reviewers: bool = True
    """Whether the format has a place for reviewers (`fields: reviewers:` or `approvers:`):
    without one, a spec in review names none and `Report.unreviewed` lists none."""


class _Current(NamedTuple):
    history: SpecHistory
    version: Version
    committed: bool = True
    """False for a spec file with no history (not committed yet, in a submodule...)."""
    status: str = ""
    """Its status as the report shows and counts it (`shown_status`)."""


UNREADABLE_STATUS = "(unreadable)"
"""The status shown of a spec whose file does not load, or whose status cannot be read."""
NO_STATUS = "(no status)"
"""The status shown of a spec that has none (absent, null or empty)."""


def shown_status(file: SpecFile) -> str:
    """The status the report shows and counts `file`'s spec under: its own (or last
    readable) one; else, so that no spec file drops out of the report, `(unreadable)`
    for a file that does not load, `(no status)` for one with none, the status its
    status line writes, flagged (`Aproved (invalid status)`), for one that is no state,
    else `(unreadable)`."""
    version = file.version
    if version.status:
        return version.status
    if not version.loads:
        return UNREADABLE_STATUS
    if version.readable("status") or version.lacks("status"):
        return NO_STATUS
    return f"{file.shown_status} (invalid status)" if file.shown_status else UNREADABLE_STATUS


def _names(people: Iterable[str]) -> frozenset[str]:
    return frozenset(person_key(person) for person in people)


def build_report(history: History, options: ReportScope,
                 spec_set: SpecSet | None = None) -> Report:
    """The report on every spec of `spec_set` (default: every spec HEAD holds), after the
    filters. A spec whose version at HEAD cannot be read is reported with the last readable
    value of each field (as the history keeps them), and named in the integrity section."""
    latest = latest_start(history, options.now)
    options = options._replace(latest=latest, line_times=history.line_times, latest_offset=(
        history.head_offset if latest == history.head_time else 0))
    files = spec_set.specs if spec_set is not None else tuple(
        SpecFile(spec, spec.current, spec.current_path or "") for spec in history.at_head()
        if spec.current is not None)
    current = _current_specs(history, files)
    unreadable = spec_set.unreadable if spec_set is not None else tuple(
        note for note in map(unreadable_at_head, history.at_head()) if note is not None)
    selected = [spec for spec in current if _selected(spec.version, options)]
    wanted = set(options.sections)
    judged = judged_specs(history, options.workflow.approved)
    earlier = earlier_workflows(options.workflow, history)
    illegal = tuple(StatusMove(spec.spec_id, event,
                               unread_since=unread_since(spec, event, history))
                    for spec, event in illegal_transitions(judged, options.workflow,
                                                              adoption=history.adoption,
                                                              earlier=earlier))
    unapproved = tuple(UnapprovedChange(spec.spec_id, change, approval.latest, approval.unread,
                                        unread_since(spec, change, history))
                       for spec, approval, changes
                       in unapproved_changes(history, options.workflow)
                       for change in changes)
    stale, stale_unknown = _stale(selected, options, history) if "stale" in wanted \
        else ((), ())
    return Report(
        head=history.head,
        now=options.now,
        window_start=options.window_start,
        window_day=options.window_day,
        window_ref=options.window_ref,
        counts=dict(sorted(Counter(spec.status for spec in selected).items())),
        specs=tuple(_spec_status(spec, options) for spec in selected) if "status" in wanted
        else (),
        reviewers=_reviewers(selected, options, history.ancestry) if "reviewers" in wanted
        else (),
        open_questions=tuple(open_questions(_versions(selected), options))
        if "questions" in wanted else (),
        resolved_questions=tuple(resolved_questions(_versions(selected), options))
        if "questions" in wanted else (),
        stale=stale,
        integrity=Integrity(illegal, history.skipped_versions, history.shallow,
                            unreadable, spec_set.notes if spec_set else (), unapproved,
                            tuple(AcceptedMove(spec.spec_id, event, entry.reason)
                                  for spec, event, entry
                                  in accepted_moves(judged, options.workflow,
                                                   history.adoption, earlier)),
                            unreadable_fields(files, options,
                                              lambda version: _selected(version, options))),
        sections=options.sections,
        available=options.available,
        unreviewed=_unreviewed(selected, options) if "reviewers" in wanted else (),
        stale_unknown=stale_unknown,
    )


def _current_specs(history: History, files: tuple[SpecFile, ...]) -> list[_Current]:
    """The specs to report on: each with a status, its own or the last readable one, and
    its life as the spec set had it (`lives_in_set`: one whose file a configuration
    change brought in begins there)."""
    known = [file.history for file in files if file.history is not None]
    lives = dict(zip(map(id, known), lives_in_set(history, known), strict=True))
    current = []
    for file in files:  # one with no readable status too, shown so (`shown_status`)
        if file.history is None:
            name = file.version.spec_id or file.shown_id or file.path
            stub = SpecHistory(f"work-tree:{file.path}", name, (), (), (file.path,),
                               file.version, file.path, 0)
            current.append(_Current(stub, file.version, False, shown_status(file)))
        else:
            current.append(_Current(lives[id(file.history)], file.version, True,
                                    shown_status(file)))
    return current


def _versions(specs: list[_Current]) -> list[tuple[SpecHistory, Version]]:
    """Each spec's history and the version HEAD holds (`question_rows` reads them)."""
    return [(spec.history, spec.version) for spec in specs]


def _selected(version: Version, options: ReportScope) -> bool:
    if options.statuses and version.status not in options.statuses:
        return False
    if options.authors and not _names(options.authors) & _names(version.authors):
        return False
    return not options.reviewers or bool(
        _names(options.reviewers) & _names(name for name, _ in version.reviewers))


def _spec_status(spec: _Current, options: ReportScope) -> SpecStatus:
    periods = spec.history.statuses
    now = options.now
    approved = options.workflow.approved
    by_status: dict[str, float] = {}
    rows = []
    for period in periods:
        days = period.days(now)
        status, since = period.status, period.since
        by_status[status] = by_status.get(status, 0.0) + days
        rows.append(StatusPeriodRow(status, since, period.until, days))
    life = current_life(periods, approved)  # not an approval of an earlier life's
    first_approval = next((period.since for period in life if period.status in approved),
                          None)
    last = periods[-1] if periods else None
    in_review = options.workflow.in_review
    return SpecStatus(
        spec_id=spec.history.spec_id,
        title=(title := spec.version.title or spec.version.written_title or ""),
        status=spec.status,
        authors=spec.version.authors,
        path=spec.history.current_path or spec.history.paths[-1],
        since=last.since if last else None,
        days_in_status=rows[-1].days if rows else None,  # the last period's
        days_by_status={status: round(days, 2) for status, days in by_status.items()},
        days_in_review=round(review_days(periods, in_review, now), 2)
        if spec.committed else None,
        days_to_approval=elapsed_days(life[0].since, first_approval)
        if first_approval is not None else None,
        periods=tuple(rows),
        since_offset=last.offset if last else 0,
        title_unreadable=not title and not spec.version.readable("title"),
        reviewed=any(period.status in in_review for period in periods),
    )


def _reviewers(specs: list[_Current], options: ReportScope,
               ancestry: Ancestry | None) -> tuple[ReviewerLoad, ...]:
    """Per reviewer (`person_key`, shown as `shown_spellings` has it, those of
    `options.reviewers` only when given): the specs they review, the approvals they gave
    (an `approved:` date, but one `dates_recorded_by` refuses, or a trailer ever; none of
    a spec they are an author of: `own_review`), the
    specs in review waiting on them: those with no approval of theirs from the round of
    review the spec is in (`reviewer_approvals`: by the commit graph), and their
    `approved:` values somebody else recorded."""
    reviewing: dict[str, list[str]] = defaultdict(list)
    approvals: Counter[str] = Counter()
    waiting: dict[str, list[Waiting]] = defaultdict(list)
    recorded: dict[str, list[RecordedApproval]] = defaultdict(list)
    written: list[str] = []
    for spec in specs:
        named = spec.version.reviewers
        if not named:
            continue  # nobody to tally
        history = spec.history
        reviews = spec_review_times(history)
        in_review = (spec.version.status or "") in options.workflow.in_review
        last = round_start(history.statuses)
        review_since = (last.since, last.offset) if last is not None else None
        judged = _approvals(spec, reviews, ancestry, options)
        for index, (name, _) in enumerate(named):
            key = person_key(name)
            written.append(name)
            reviewing[key].append(history.spec_id)
            approval = judged[index] if judged is not None else None
            # an author reviewing her own spec: her approval is no review, none awaited
            own = is_spec_author(name, spec.version.authors)
            if approval is not None and not own and (
                    (approval.written and not approval.refused) or key in reviews.approvals):
                approvals[key] += 1
            if in_review and not own and (approval is None or not approval.counts):
                added = reviewer_added(history, name, reviews.added.get(name),
                                       options.bound(), options.line_times)
                waiting[key].append(_waiting(history.spec_id, review_since, added, options))
            if approval is not None and approval.recorded_by and approval.recorder:
                recorded[key].append(RecordedApproval(history.spec_id, approval.recorded_by,
                                                      approval.recorder.commit))
    wanted = _names(options.reviewers)
    display = shown_spellings(written)
    return tuple(
        ReviewerLoad(display[key], tuple(reviewing[key]), approvals[key],
                     tuple(sorted(waiting[key], key=_longest_first)), tuple(recorded[key]))
        for key in sorted(reviewing)
        if not wanted or key in wanted
    )


def _unreviewed(specs: list[_Current], options: ReportScope) -> tuple[Waiting, ...]:
    """The specs in review whose reviewers can be read and name nobody but the spec's own
    authors (validate's `in-review-needs-reviewer`), each with how long it has been in
    review, longest first (one whose reviewers cannot be read fails the gate as unreadable
    instead)."""
    found = []
    for spec in specs:
        version = spec.version
        if options.names_reviewers and (version.status or "") in options.workflow.in_review \
                and not independent_reviewers((name for name, _ in version.reviewers),
                                              version.authors) \
                and version.readable("reviewers"):
            last = spec.history.statuses[-1] if spec.history.statuses else None
            found.append(_waiting(spec.history.spec_id, None if last is None
                                  else (last.since, last.offset), None, options))
    return tuple(sorted(found, key=_longest_first))


def _approvals(spec: _Current, reviews: ReviewTimes, ancestry: Ancestry | None,
               options: ReportScope) -> tuple[ReviewerApproval, ...] | None:
    """The `reviewer_approvals` of the spec's reviewers as HEAD names them, one for each,
    in their order (`reviews`: the spec's `spec_review_times`); None, its events left
    unread, when none of them approved, ever (an `approved:` value or a review trailer):
    nobody's approval to judge, none counts, and none was recorded by another."""
    named = spec.version.reviewers
    if not any(value or person_key(name) in reviews.approvals for name, value in named):
        return None
    return reviewer_approvals(spec.history.events, named, spec.version.status or "",
                              options.workflow.in_review, ancestry, options.dates_recorded_by)


def _longest_first(waiting: Waiting) -> tuple[float, str]:
    return -(waiting.days or 0), waiting.spec_id


def _waiting(spec_id: str, review_since: tuple[int, int] | None,
             added: tuple[int, int] | None, options: ReportScope) -> Waiting:
    """How long a spec has waited on a reviewer: since the later of its entering review
    and the reviewer's being `added` (each a time and its author's offset; a time no later
    than `ReportScope.taken`); no time at all when neither has a date (a spec with no
    history)."""
    if added is None:
        if review_since is None:
            return Waiting(spec_id, None, None)
        since, offset = options.taken(review_since[0]), review_since[1]
    elif review_since is None:
        since, offset = options.taken(added[0]), added[1]
    else:
        since, offset = max((options.taken(review_since[0]), review_since[1]),
                            (options.taken(added[0]), added[1]))
    return Waiting(spec_id, elapsed_days(since, options.now), since, offset)


def _stale(specs: list[_Current], options: ReportScope, history: History
           ) -> tuple[tuple[StaleSpec, ...], tuple[StaleSpec, ...]]:
    """The stale specs (idle longer than their status allows), and those within their
    limit whose last change is their appearance at a shallow clone's boundary (their idle
    days a lower bound: `Report.stale_unknown`)."""
    stale, unknown = [], []
    for spec in specs:
        status = spec.version.status or ""
        limit = options.stale_after_days.get(status)
        if limit is None or not spec.committed:
            continue
        idle = elapsed_days(spec.history.last_touched, options.now)
        found = StaleSpec(spec.history.spec_id, status, spec.history.last_touched, idle, limit,
                          spec.history.last_touched_offset)
        # compared unrounded: idle 14.0035 days is past 14, though shown as 14.0
        if options.now - spec.history.last_touched > limit * DAY_SECONDS:
            stale.append(found)
        elif any(event.committed >= spec.history.last_touched
                 for event in history.seen_at_boundary(spec.history)):
            unknown.append(found)
    return tuple(stale), tuple(unknown)
