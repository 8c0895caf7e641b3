"""What `specrepo report` tells: plain data, built once, formatted by the reporters. The
rows a report has hundreds of (a spec's status and periods, a reviewer's load and waits,
a stale spec) are NamedTuples: made in a tenth of a frozen dataclass's time."""

from __future__ import annotations

from dataclasses import field, replace
from typing import Final, Literal, NamedTuple

from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.event import Event
from specrepo.model.fields import FieldMap
from specrepo.model.unread_approval import UnreadApproval
from specrepo.model.version import place_of

Section = Literal["status", "reviewers", "questions", "stale"]
SECTIONS: Final[tuple[Section, ...]] = ("status", "reviewers", "questions", "stale")

Condition = Literal["stale", "open-questions-on-approved", "open-questions",
                    "illegal-transitions", "waiting-reviews", "skipped-versions", "shallow",
                    "changed-after-approval"]
CONDITIONS: Final[tuple[Condition, ...]] = (
    "stale", "open-questions-on-approved", "open-questions", "illegal-transitions",
    "waiting-reviews", "skipped-versions", "shallow", "changed-after-approval",
)
CONDITION_SECTIONS: Final[dict[Condition, Section | None]] = {
    "stale": "stale", "open-questions-on-approved": "questions", "open-questions": "questions",
    "illegal-transitions": None, "waiting-reviews": "reviewers", "skipped-versions": None,
    "shallow": None, "changed-after-approval": None,
}
"""The section that shows what makes each condition hold (None: the integrity section)."""
INTEGRITY_CONDITIONS: Final[frozenset[str]] = frozenset(
    condition for condition, section in CONDITION_SECTIONS.items() if section is None)
"""The conditions the integrity section shows."""
CONTENT_CONDITIONS: Final[frozenset[Condition]] = frozenset(
    {"open-questions-on-approved", "open-questions"})
"""The conditions the specs' content alone decides; the others read their history."""


def format_sections(fields: FieldMap) -> tuple[Section, ...]:
    """The report's sections a format can have: every one, but `questions` when the
    format has no questions (`fields: questions: null`: no page, heading or table then
    presents open questions)."""
    return tuple(section for section in SECTIONS
                 if section != "questions" or fields.questions is not None)


@dataclass(frozen=True)
class SpecNote:
    """A spec that validate and the history see differently, and why."""

    spec_id: str
    path: str
    reason: str
    in_work_tree: bool = True
    """False for a spec HEAD holds whose file is gone from the work tree."""
    unreadable: bool = False
    """True for a spec HEAD holds whose file the work tree has but cannot be read (a folder
    above it that cannot be searched): HEAD's version is reported; and for a file with no
    history that does not load (`at_head` False)."""
    at_head: bool = True
    """False for a work-tree file with no history (not committed yet, in a submodule...)."""


class StatusPeriodRow(NamedTuple):
    """One stretch of time a spec spent in one status."""

    status: str
    since: int
    until: int | None
    days: float


class SpecStatus(NamedTuple):
    """Where one spec stands and how it got there."""

    spec_id: str
    title: str
    status: str
    authors: tuple[str, ...]
    path: str
    since: int | None
    days_in_status: float | None
    days_by_status: dict[str, float]
    days_in_review: float | None
    """None for a spec with no history (nothing dates its review)."""
    days_to_approval: float | None
    periods: tuple[StatusPeriodRow, ...]
    since_offset: int = 0
    """The offset from UTC (minutes east) `since`'s day is shown in (`StatusPeriod`)."""
    title_unreadable: bool = False
    """Whether no version had a readable title and HEAD's writes no text the schema
    refuses either (`title` is then empty; the text formats say so, JSON keeps "")."""
    reviewed: bool = True
    """Whether one of its status periods was in a review status (`Workflow.in_review`):
    the text formats show no days in review for a spec never in review, JSON keeps 0."""


class Waiting(NamedTuple):
    """A spec waiting on a reviewer, and for how long."""

    spec_id: str
    days: float | None
    """None when nothing dates the wait (a spec with no history)."""
    since: int | None = None
    """When the wait began: the later of the spec's entering review and the reviewer's
    being added (seconds since the epoch); None when nothing dates it."""
    since_offset: int = 0
    """The offset from UTC (minutes east) of the author of the commit of `since`: its day
    is shown in it."""


class RecordedApproval(NamedTuple):
    """A reviewer's `approved:` value in a spec that somebody else recorded: the git author
    of the commit that last wrote it (`ReviewerApproval.recorded_by`)."""

    spec_id: str
    recorded_by: str
    commit: str


class ReviewerLoad(NamedTuple):
    """One reviewer: what they review, what they approved, what waits on them, and the
    approvals of theirs others recorded."""

    reviewer: str
    reviewing: tuple[str, ...]
    approvals: int
    waiting: tuple[Waiting, ...]
    recorded_by_others: tuple[RecordedApproval, ...] = ()


@dataclass(frozen=True)
class OpenQuestion:
    """A question still open, who raised it and when."""

    spec_id: str
    spec_status: str
    question_id: str
    text: str
    owner: str | None
    raised_by: str | None
    raised_at: int | None
    """When it was raised as its age counts from it (Unix time): its commit's author date,
    or an earlier time the commit graph takes it as (`history.event_times`)."""
    age_days: float | None
    on_approved_spec: bool
    raised_offset: int = 0
    """The offset from UTC (minutes east) of the author who raised it (or of the commit
    whose time `raised_at` was taken as): `raised_at`'s day is shown in it."""


@dataclass(frozen=True)
class ResolvedQuestion:
    """A question resolved inside the report's window."""

    spec_id: str
    question_id: str
    text: str
    resolved_by: str
    resolved_at: int
    days_to_resolve: float | None
    resolved_offset: int = 0
    """The offset from UTC of the author who resolved it (`raised_offset`)."""


class StaleSpec(NamedTuple):
    """A spec in a non-final status that nobody has touched for too long."""

    spec_id: str
    status: str
    last_commit: int
    idle_days: float
    limit_days: int
    last_commit_offset: int = 0
    """The offset from UTC its author recorded: `last_commit`'s day is shown in it."""


@dataclass(frozen=True)
class UnapprovedChange:
    """A change to an approved spec's protected content that no approval since covers:
    the change's event, and the latest approval's (the version it is compared with: the
    move into the approved state, or a later approval such as a trailer)."""

    spec_id: str
    change: Event
    approved: Event
    unread: UnreadApproval | None = None
    """Set where the approved version could not be read (`model.unread_approval`):
    `approved` is then the last readable version before the approval, or, with none,
    the approval itself and `change` too (what changed since is not known)."""
    unread_since: str | None = None
    """The first of the unread versions a change read across them may have been made in
    (`model.unread_span.unread_since`); None for a change between versions that read."""


@dataclass(frozen=True)
class StatusMove:
    """A status change the workflow forbids, and the spec it happened to: `spec_id` is the
    spec's id now (HEAD's; a deleted spec's last), `event.spec_id` the id it had then. The
    two differ when the spec was renumbered after the move."""

    spec_id: str
    event: Event
    unread_since: str | None = field(default=None, kw_only=True)
    """The first of the unread versions a move read across them may have been made in
    (`model.unread_span.unread_since`); None for a move between versions that read."""

    @property
    def renumbered(self) -> bool:
        """Whether the spec had another id when it moved."""
        return self.event.spec_id != self.spec_id


@dataclass(frozen=True)
class AcceptedMove(StatusMove):
    """A status change the workflow forbids that `accepted_transitions:` accepts, and the
    entry's reason."""

    reason: str


class UnreadableFields(NamedTuple):
    """Fields of a spec's version at HEAD (or, with no history, in the work tree) that
    cannot be read for one reason: present, but of a shape specrepo cannot read (validate's
    `spec-field`), off the schema, or in a file that does not load. The report shows the
    spec with each one's last readable value, so no gate that reads one of them can say it
    holds or not: each of `gates` fails."""

    spec_id: str
    path: str
    fields: tuple[str, ...]
    """The mined fields (`MinedField`: `questions`, `reviewers`, `status`...)."""
    why: str
    line: int | None = None
    column: int | None = None
    """Where the value that cannot be read stands (None: the whole field, or file)."""
    gates: tuple[Condition, ...] = ()
    """The `--fail-on` conditions that read one of `fields` of this spec (it is selected,
    and concerned: questions for a gate on approved specs when it is approved, or its
    status cannot be read), which hold for it."""
    committed: bool = True
    """False for a spec with no history (not committed yet): the fields are the work
    tree's, not HEAD's."""

    @property
    def place(self) -> str:
        """`rfcs/RFC-1.yaml:6:3`, or the path alone when no place is known."""
        return place_of(self.path, self.line, self.column)


@dataclass(frozen=True)
class Integrity:
    """Whether the history behind the report can be trusted."""

    illegal_transitions: tuple[StatusMove, ...]
    skipped_versions: int
    shallow: bool
    unreadable_specs: tuple[SpecNote, ...]
    """Committed spec files whose version at HEAD cannot be read, wholly or in part, with
    why: the report shows each with the last readable value of every field (a spec none of
    whose versions had a readable status is in no other section)."""
    spec_notes: tuple[SpecNote, ...] = ()
    """Spec files validate sees that the history cannot speak for (not committed yet, in a
    submodule...), and specs at HEAD missing from the work tree: each with why. None of
    them is in `unreadable_specs`."""
    changed_after_approval: tuple[UnapprovedChange, ...] = ()
    accepted_transitions: tuple[AcceptedMove, ...] = ()
    """Forbidden status changes `accepted_transitions:` accepts: listed, never failing."""
    unreadable_fields: tuple[UnreadableFields, ...] = ()
    """The specs' fields at HEAD that cannot be read, each with the gates they fail."""


@dataclass(frozen=True)
class Report:
    """The whole report; sections not asked for are empty."""

    head: str | None
    now: int
    window_start: int | None
    window_day: str | None
    """The day `--since DATE` gave (the window holds what is shown on it or later)."""
    window_ref: str | None
    """The revision `--since REF` gave (the window holds what its history does not)."""
    counts: dict[str, int]
    specs: tuple[SpecStatus, ...]
    reviewers: tuple[ReviewerLoad, ...]
    open_questions: tuple[OpenQuestion, ...]
    resolved_questions: tuple[ResolvedQuestion, ...]
    stale: tuple[StaleSpec, ...]
    integrity: Integrity
    sections: tuple[Section, ...] = field(default=SECTIONS)
    available: tuple[Section, ...] = field(default=SECTIONS)
    """The sections the format can have (`format_sections`): the report is whole when it
    shows them all."""
    unreviewed: tuple[Waiting, ...] = ()
    """The specs in review that name no reviewer (validate's `in-review-needs-reviewer`),
    and how long they have been in review: each waits on a review nobody was asked for,
    which `waiting-reviews` counts as surely as one a reviewer owes (trial36)."""
    stale_unknown: tuple[StaleSpec, ...] = ()
    """The specs within their `stale_after_days` limit as far as a shallow clone shows,
    whose last change is before its history starts: their idle days are a lower bound, so
    `stale` can neither hold nor not hold of them (`--fail-on stale` refuses to judge)."""
    warnings: tuple[str, ...] = ()
    """The run's warnings in words, as stderr says them (`commands.report.ReportResult`):
    the JSON carries them too (small62: stderr said them, the JSON did not)."""

    def showing(self, sections: tuple[Section, ...]) -> Report:
        """This report showing only `sections`, each of them among those it was built
        with: the others' fields emptied, as `build_report` leaves them, nothing built
        again (a section measured for a `--fail-on` gate that passed is not shown)."""
        status, reviewers, questions, stale = (section in sections for section in SECTIONS)
        return replace(
            self, sections=sections, specs=self.specs if status else (),
            reviewers=self.reviewers if reviewers else (),
            unreviewed=self.unreviewed if reviewers else (),
            open_questions=self.open_questions if questions else (),
            resolved_questions=self.resolved_questions if questions else (),
            stale=self.stale if stale else (), stale_unknown=self.stale_unknown if stale else ())

    def holds(self, condition: Condition) -> bool:
        """Whether a `--fail-on` condition holds: what it measures says so, or a field it
        reads of a spec it concerns cannot be read (`UnreadableFields.gates`)."""
        if any(condition in unread.gates for unread in self.integrity.unreadable_fields):
            return True
        return {
            "stale": bool(self.stale),
            "open-questions-on-approved": any(q.on_approved_spec for q in self.open_questions),
            "open-questions": bool(self.open_questions),
            "illegal-transitions": bool(self.integrity.illegal_transitions),
            "waiting-reviews": bool(self.unreviewed)
            or any(load.waiting for load in self.reviewers),
            "skipped-versions": self.integrity.skipped_versions > 0,
            "shallow": self.integrity.shallow,
            "changed-after-approval": bool(self.integrity.changed_after_approval),
        }[condition]
