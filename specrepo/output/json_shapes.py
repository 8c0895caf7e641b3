"""Every JSON document specrepo writes, each shape in one place: findings, timelines, reports,
diffs, trace matrices.

Each `*_document` is a versioned, documented output (the README; `schemas/report.schema.json`
for the report, `schemas/diff.schema.json` for the diff, `schemas/trace.schema.json`
for the trace matrix); the smaller shapes (an event, a status period, a finding) are
shared by them. Times are UTC ISO 8601 strings (`base.timestamps`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from specrepo.base.collection import cycle_collection_paused
from specrepo.base.paths import display_path
from specrepo.base.timestamps import iso_time, optional_iso_time
from specrepo.compare.groups import group_changes
from specrepo.compare.protected import is_protected
from specrepo.compare.text_diff import unified_hunks
from specrepo.load.document import JsonValue
from specrepo.load.junit import JunitTestcase
from specrepo.model.change_paths import ChangePath, FieldPath, ItemId
from specrepo.model.diff import Change, ContentChange, Diff, SpecDiff, SpecVersion, TextDiff
from specrepo.model.findings import Finding, ValidationResult
from specrepo.model.history import Event, History, SpecHistory, StatusPeriod
from specrepo.model.report import Report, SpecNote, StatusMove
from specrepo.model.trace import (
    STATES,
    CommitStamp,
    DanglingReference,
    PrioritySummary,
    RequirementTrace,
    Suspicion,
    TagLink,
    TraceMatrix,
)

FINDINGS_VERSION: Final = 1
TIMELINE_VERSION: Final = 1
REPORT_VERSION: Final = 1
REPORT_GENERATOR: Final = "specrepo report"
"""The report's `generator`, by which specrepo knows a report file it may replace."""
DIFF_VERSION: Final = 1
DIFF_GENERATOR: Final = "specrepo diff"
TRACE_VERSION: Final = 2
TRACE_GENERATOR: Final = "specrepo trace"


def finding_json(finding: Finding, base: Path, *, details: bool = False) -> dict[str, Any]:
    """One finding: where, which rule, how serious, what; its `properties` when it has
    some, its `details` (`--verbose`) when asked for."""
    return {
        "file": display_path(finding.path, base),
        "line": finding.line,
        "column": finding.column,
        "json_path": finding.json_path_text,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        **({"properties": dict(finding.properties)} if finding.properties else {}),
        **({"details": list(finding.details)} if details else {}),
    }


def findings_document(result: ValidationResult, base: Path, *,
                      details: bool = False) -> dict[str, Any]:
    """`validate --format json`: a summary and every finding."""
    return {
        "version": FINDINGS_VERSION,
        "summary": {"files": len(result.files), "errors": result.errors,
                    "warnings": result.warnings},
        "findings": [finding_json(finding, base, details=details)
                     for finding in result.findings],
    }


def event_json(event: Event) -> dict[str, Any]:
    """One event of a spec's timeline."""
    return {
        "commit": event.commit, "author": event.author, "email": event.email,
        "date": iso_time(event.authored), "committed": iso_time(event.committed),
        "kind": event.kind, "field": event.field_label, "from": event.before,
        "to": event.after, "path": event.path, "mainline": event.mainline,
        "after_unreadable": event.after_unreadable, "item": event.item,
        "protected": event.protected,
    }


def illegal_transition_json(move: StatusMove) -> dict[str, Any]:
    """A status change the workflow forbids, as the report lists it: the spec's id then
    (`spec`) and now (`spec_now`: they differ after a renumbering), and the event's
    commit, author, date, from and to."""
    shown = event_json(move.event)
    return {"spec": move.event.spec_id, "spec_now": move.spec_id,
            **{key: shown[key] for key in ("commit", "author", "date", "from", "to")}}


def _period(status: str, since: int, until: int | None, days: float) -> dict[str, Any]:
    return {"status": status, "since": iso_time(since), "until": optional_iso_time(until),
            "days": days}


def status_period_json(period: StatusPeriod, now: int) -> dict[str, Any]:
    """A status a spec held, measured up to `now` while it lasts, and the commit that
    brought it onto HEAD's line."""
    return {**_period(period.status, period.since, period.until, period.days(now)),
            "commit": period.commit}


def timeline_document(history: History, spec: SpecHistory,
                      warnings: Sequence[str]) -> dict[str, Any]:
    """`timeline --format json`: one spec's events and status periods, and how much of the
    history they come from (`history`, as the site's specs.json says it): a spec's first
    version at a shallow clone's boundary is a `history-starts` event, not `created`."""
    now = history.head_time or 0  # relative times end at HEAD's commit: reproducible
    return {
        "version": TIMELINE_VERSION,
        "spec": spec.spec_id,
        "head": history.head,
        "history": {"complete": not (history.shallow or history.shallow_boundary),
                    "starts_at": sorted(history.shallow_boundary)},
        "paths": list(spec.paths),
        "events": [{**event_json(event), "kind": history.shown_kind(event)}
                   for event in spec.events],
        "statuses": [status_period_json(period, now) for period in spec.statuses],
        "warnings": list(warnings),
    }


def _spec_note(note: SpecNote) -> dict[str, Any]:
    return {"id": note.spec_id, "path": note.path, "reason": note.reason}


def report_document(report: Report, failed: Sequence[str] = ()) -> dict[str, Any]:
    """The documented JSON shape (see `schemas/report.schema.json`)."""
    integrity = report.integrity
    return {
        "version": REPORT_VERSION,
        "generator": REPORT_GENERATOR,
        "head": report.head,
        "now": iso_time(report.now),
        "window_start": optional_iso_time(report.window_start or None),
        "window_day": report.window_day,
        "sections": list(report.sections),
        "counts": report.counts,
        "specs": [{
            "id": s.spec_id, "title": s.title, "status": s.status, "authors": list(s.authors),
            "path": s.path, "since": optional_iso_time(s.since),
            "days_in_status": s.days_in_status, "days_by_status": s.days_by_status,
            "days_in_review": s.days_in_review, "days_to_approval": s.days_to_approval,
            "periods": [_period(p.status, p.since, p.until, p.days) for p in s.periods],
        } for s in report.specs],
        "reviewers": [{
            "reviewer": r.reviewer, "reviewing": list(r.reviewing), "approvals": r.approvals,
            "waiting": [{"spec": w.spec_id, "days": w.days} for w in r.waiting],
        } for r in report.reviewers],
        "open_questions": [{
            "spec": q.spec_id, "spec_status": q.spec_status, "id": q.question_id,
            "text": q.text, "owner": q.owner, "raised_by": q.raised_by,
            "raised_at": optional_iso_time(q.raised_at),
            "age_days": q.age_days, "on_approved_spec": q.on_approved_spec,
        } for q in report.open_questions],
        "resolved_questions": [{
            "spec": q.spec_id, "id": q.question_id, "text": q.text,
            "resolved_by": q.resolved_by, "resolved_at": iso_time(q.resolved_at),
            "days_to_resolve": q.days_to_resolve,
        } for q in report.resolved_questions],
        "stale": [{
            "spec": s.spec_id, "status": s.status, "last_commit": iso_time(s.last_commit),
            "idle_days": s.idle_days, "limit_days": s.limit_days,
        } for s in report.stale],
        "integrity": {
            "illegal_transitions": [illegal_transition_json(move)
                                    for move in integrity.illegal_transitions],
            "accepted_transitions": [{**illegal_transition_json(a), "reason": a.reason}
                                     for a in integrity.accepted_transitions],
            "skipped_versions": integrity.skipped_versions,
            "shallow": integrity.shallow,
            "unreadable_specs": [note.spec_id for note in integrity.unreadable_specs],
            "unreadable_at_head": [_spec_note(note) for note in integrity.unreadable_specs],
            "spec_notes": [_spec_note(note) for note in integrity.spec_notes],
            "changed_after_approval": [{
                "spec": u.spec_id, "path": u.change.field_label, "kind": u.change.kind,
                "commit": u.change.commit, "author": u.change.author,
                "date": iso_time(u.change.authored), "approved_commit": u.approved.commit,
                "approved_date": iso_time(u.approved.authored),
            } for u in integrity.changed_after_approval],
        },
        "failed_conditions": list(failed),
    }


def diff_document(diff: Diff) -> dict[str, JsonValue]:
    """`diff --format json` (see `schemas/diff.schema.json`): the specs that differ, in
    their order, each change of each item or section; with protected paths
    (`--since-approval`), whether each change touches protected content."""
    return {
        "version": DIFF_VERSION,
        "generator": DIFF_GENERATOR,
        "from": diff.from_revision,
        "to": diff.to_revision,
        "specs": [_diff_spec(spec, diff.protected_for(spec)) for spec in diff.changed],
        "warnings": list(diff.warnings),
    }


def _diff_spec(spec: SpecDiff, protected: tuple[FieldPath, ...] | None) -> dict[str, JsonValue]:
    return {
        "kinds": list(spec.kinds),
        "old": _spec_version(spec.old),
        "new": _spec_version(spec.new),
        "changes": [_content_change(group, protected) for group in group_changes(spec.changes)],
    }


def _spec_version(version: SpecVersion | None) -> JsonValue:
    if version is None:
        return None
    return {"id": version.id, "path": version.path, "commit": version.commit,
            "title": version.title}


def _content_change(group: ContentChange, protected: tuple[FieldPath, ...] | None) -> JsonValue:
    return {
        "kind": group.kind,
        "path": _change_path(group.path),
        "path_text": group.path_text,
        "changes": [change_json(change, protected) for change in group.changes],
    }


def change_json(change: Change,
                   protected: tuple[FieldPath, ...] | None = None) -> dict[str, JsonValue]:
    """One change as JSON data: its values and positions only where its kind has them."""
    data: dict[str, JsonValue] = {"kind": change.kind, "path": _change_path(change.path),
                                  "path_text": change.path_text}
    if change.kind in ("removed", "changed"):
        data["before"] = change.before
    if change.kind in ("added", "changed"):
        data["after"] = change.after
    if change.old_index is not None:
        data["old_index"] = change.old_index
    if change.new_index is not None:
        data["new_index"] = change.new_index
    if change.text is not None:
        data["text_diff"] = _text_diff(change.text)
    if protected is not None:
        data["protected"] = is_protected(change, protected)
    return data


def _change_path(path: ChangePath) -> JsonValue:
    return [{"id": step.id} if isinstance(step, ItemId) else step for step in path]


def _text_diff(diff: TextDiff) -> JsonValue:
    data: dict[str, JsonValue] = {
        "unit": diff.unit, "segments": [[op, text] for op, text in diff.segments]}
    if diff.unit == "line":
        data["unified"] = unified_hunks(diff)
    return data


def _counts(groups: Sequence[PrioritySummary], judged: bool) -> dict[str, Any]:
    """The counts of `groups`; the suspect count is null where no link was `judged`."""
    return {"total": sum(group.total for group in groups),
            "covered": sum(group.covered for group in groups),
            "states": {state: sum(group.states[state] for group in groups)
                       if judged or state != "suspect" else None for state in STATES}}


def _tag(link: TagLink) -> dict[str, Any]:
    tag = link.tag
    return {"file": tag.file, "line": tag.line, "column": tag.column, "written": tag.written,
            "suspect": _suspicion(link.suspect)}


def _suspicion(suspicion: Suspicion | None) -> dict[str, Any] | None:
    if suspicion is None:
        return None
    return {"changed_in": _commit(suspicion.change.stamp),
            "change": {"before": suspicion.change.before, "after": suspicion.change.after},
            "confirmed_in": _commit(suspicion.confirmed)}


def _commit(stamp: CommitStamp) -> dict[str, str]:
    return {"commit": stamp.commit, "time": iso_time(stamp.time)}


def _result(case: JunitTestcase) -> dict[str, Any]:
    return {"file": case.file.as_posix(), "line": case.line, "suite": case.suite,
            "classname": case.classname, "name": case.name,
            "display_name": case.display_name, "result": case.result, "message": case.message}


def _requirement(row: RequirementTrace, judged: bool) -> dict[str, Any]:
    reference = row.requirement.reference
    return {
        "reference": str(reference), "spec": reference.spec_id, "id": reference.item_id,
        "priority": row.requirement.priority, "spec_status": row.requirement.spec_status,
        "state": row.state, "covered": row.covered, "failing": row.failing,
        "unverified": row.unverified, "suspect": row.suspect if judged else None,
        "implemented_by": [_tag(link) for link in row.implemented_by],
        "verified_by": [_tag(link) for link in row.verified_by],
        "results": [_result(case) for case in row.results],
        "linked_from": [{"spec": incoming.link.source_spec, "item": incoming.link.source_item,
                         "relation": incoming.link.relation,
                         "suspect": _suspicion(incoming.suspect)}
                        for incoming in row.linked_from],
    }


def _dangling(entry: DanglingReference) -> dict[str, Any]:
    unknown = entry.unknown
    return {"written": entry.written, "found_in": entry.found_in, "file": entry.file,
            "line": entry.line, "column": entry.column,
            "reference": str(unknown.reference) if unknown else None,
            "unknown": unknown.unknown if unknown else None,
            "did_you_mean": unknown.suggestion if unknown else None,
            "message": entry.message, "result": entry.result}


def trace_document(matrix: TraceMatrix, failed: Sequence[str] = ()) -> dict[str, Any]:
    """`trace --format json` (see `schemas/trace.schema.json`): every requirement with its
    tags, results, incoming links and state; coverage by priority; dangling references; the
    `--fail-on` conditions that held. Tens of thousands of dicts, none in a cycle: built with
    the cycle collector paused, then left to its oldest generation (see
    `cycle_collection_paused`)."""
    judged = matrix.suspect_not_judged is None
    with cycle_collection_paused(promote=True):
        return {
            "version": TRACE_VERSION,
            "generator": TRACE_GENERATOR,
            "requirements": [_requirement(row, judged) for row in matrix.requirements],
            "summary": {"total": _counts(matrix.summary, judged),
                        "by_priority": [{"priority": group.priority,
                                         **_counts((group,), judged)}
                                        for group in matrix.summary]},
            "dangling": [_dangling(entry) for entry in matrix.dangling],
            "unlinked": [{"file": entry.file,
                          "tags": [{"line": tag.line, "column": tag.column,
                                    "written": tag.written} for tag in entry.tags],
                          "tests": list(entry.tests), "reason": entry.reason}
                         for entry in matrix.unlinked],
            "suspect_judged": judged,
            "suspect_not_judged": matrix.suspect_not_judged,
            "failed_conditions": list(failed),
        }
