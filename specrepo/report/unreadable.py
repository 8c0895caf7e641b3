"""The fields of the report's specs that cannot be read at HEAD, and the `--fail-on` gates
each one fails: a gate that reads a field it cannot read must not pass in silence (an
approved spec whose questions cannot be read cannot be said to have no open question)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from specrepo.model.report import CONDITIONS, Condition, UnreadableFields
from specrepo.model.spec_record import is_open_state
from specrepo.model.version import FieldProblem, MinedField, Version

if TYPE_CHECKING:
    from specrepo.report.build import ReportScope
    from specrepo.report.spec_set import SpecFile


def unreadable_fields(files: Iterable[SpecFile], options: ReportScope,
                      selected: Callable[[Version], bool]) -> tuple[UnreadableFields, ...]:
    """For each spec of `files` whose version has fields that cannot be read
    (`Version.unreadable`: `VersionReader` says why, with validate's definition of a
    readable field), one row per reason, with where it stands (`FieldProblem`) and the
    gates it fails (`_gates`; none for a spec the filters leave out, `selected`, unless
    a field a filter reads cannot be read), ordered by path and place."""
    rows = []
    for file in files:
        version = file.version
        if not version.unreadable:
            continue
        spec_id = file.history.spec_id if file.history is not None \
            else version.spec_id or file.shown_id or file.path
        chosen = selected(version) or not all(map(version.readable, _filtered(options)))
        reasons: dict[FieldProblem, list[str]] = {}
        for name, why in version.unreadable:
            reasons.setdefault(why, []).append(name)
        for why, names in reasons.items():
            committed = file.history is not None
            gates = _gates(version, names, options, committed=committed) if chosen else ()
            rows.append(UnreadableFields(spec_id, file.path, tuple(names), why.why, why.line,
                                         why.column, gates, committed))
    return tuple(sorted(rows, key=lambda row: (row.path, row.line or 0, row.column or 0)))


def _filtered(options: ReportScope) -> Sequence[MinedField]:
    """The fields the report's filters read (`--status`, `--author`, `--reviewer`)."""
    filters: tuple[tuple[MinedField, frozenset[str]], ...] = (
        ("status", options.statuses), ("authors", options.authors),
        ("reviewers", options.reviewers))
    return [name for name, wanted in filters if wanted]


def _gates(version: Version, names: Sequence[str], options: ReportScope, *,
           committed: bool) -> tuple[Condition, ...]:
    """The gates that read one of the fields `names` of `version` for a spec they concern:
    the questions for `open-questions`, and for `open-questions-on-approved` when the spec
    is approved or its status cannot be read; the reviewers for `waiting-reviews` when it
    is in review (or its status cannot be read); the status for every gate that asks what
    it is of a spec that has what the gate measures (open questions, reviewers, a
    `stale_after_days` limit for a committed spec, a history of moves)."""
    workflow = options.workflow
    status_unread = not version.readable("status")
    questions_unread = not version.readable("questions")
    gates: set[Condition] = set()
    if "questions" in names:
        gates.add("open-questions")
        if status_unread or version.status in workflow.approved:
            gates.add("open-questions-on-approved")
    if "reviewers" in names and (status_unread or version.status in workflow.in_review):
        gates.add("waiting-reviews")
    if "status" in names:
        gates.update(("illegal-transitions", "changed-after-approval"))
        if questions_unread or any(is_open_state(q.state) for q in version.questions):
            gates.add("open-questions-on-approved")
        if version.reviewers or not version.readable("reviewers"):
            gates.add("waiting-reviews")
        if options.stale_after_days and committed:
            gates.add("stale")
    return tuple(condition for condition in CONDITIONS if condition in gates)
