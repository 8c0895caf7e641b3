"""The JSON documents of findings, timelines and reports, each shape in one place (those of
diffs and trace matrices: `json_diff`, `json_trace`).

Each `*_document` is a versioned, documented output (the README; `schemas/report.schema.json`
for the report, `schemas/diff.schema.json` for the diff, `schemas/trace.schema.json`
for the trace matrix); the smaller shapes (an event, a status period, a finding) are
shared by them. Times are UTC ISO 8601 strings (`base.timestamps`). A command imports the
shapes of its own output only.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from specrepo.base.paths import display_path
from specrepo.base.timestamps import iso_time, optional_iso_time
from specrepo.model.approval import DateRecorders
from specrepo.model.event import Event, StatusPeriod
from specrepo.model.findings import Finding, ValidationResult
from specrepo.model.history import History, SpecHistory
from specrepo.model.report import (
    Report,
    ReviewerLoad,
    SpecNote,
    StatusMove,
    UnapprovedChange,
    UnreadableFields,
)
from specrepo.model.review_times import event_note

FINDINGS_VERSION: Final = 1
TIMELINE_VERSION: Final = 1
REPORT_VERSION: Final = 1
REPORT_GENERATOR: Final = "specrepo report"
"""The report's `generator`, by which specrepo knows a report file it may replace."""


def finding_json(finding: Finding, base: Path, *, details: bool = False) -> dict[str, Any]:
    """One finding: where, which rule, how serious, what; its `properties` when it has
    some, its `details` (`--verbose`) when asked for. On a file the work tree no longer
    has (`Finding.file_gone`), `line` and `column` are null and `removed_in` is the
    commit that removed it (null when not known: the work tree removes it)."""
    gone = finding.file_gone
    return {
        "file": display_path(finding.path, base),
        "line": None if gone else finding.line,
        "column": None if gone else finding.column,
        **({"removed_in": finding.removed_in} if gone else {}),
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
        "summary": {"files": result.checked, "errors": result.errors,
                    "warnings": result.warnings},
        "findings": [finding_json(finding, base, details=details)
                     for finding in result.findings],
        "warnings": list(result.said),
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
    commit, author, date, from and to, and the first unread version's commit of a move
    read across unread versions (`unread_since`, else null)."""
    shown = event_json(move.event)
    return {"spec": move.event.spec_id, "spec_now": move.spec_id,
            **{key: shown[key] for key in ("commit", "author", "date", "from", "to")},
            "unread_since": move.unread_since}


def _period(status: str, since: int, until: int | None, days: float) -> dict[str, Any]:
    return {"status": status, "since": iso_time(since), "until": optional_iso_time(until),
            "days": days}


def status_period_json(period: StatusPeriod, now: int) -> dict[str, Any]:
    """A status a spec held, measured up to `now` while it lasts, and the commit that
    brought it onto HEAD's line."""
    return {**_period(period.status, period.since, period.until, period.days(now)),
            "commit": period.commit}


def timeline_document(history: History, spec: SpecHistory, warnings: Sequence[str],
                      recorders: DateRecorders = "anyone") -> dict[str, Any]:
    """`timeline --format json`: one spec's events and status periods, and how much of the
    history they come from (`history`, as the site's specs.json says it): a spec's first
    version at a shallow clone's boundary is a `history-starts` event, not `created`. An
    event's `note` is its `event_note` under `recorders` (`approval:
    dates_recorded_by:`)."""
    now = history.head_time or 0  # relative times end at HEAD's commit: reproducible
    return {
        "version": TIMELINE_VERSION,
        "spec": spec.spec_id,
        "head": history.head,
        "history": {"complete": not (history.shallow or history.shallow_boundary),
                    "starts_at": sorted(history.shallow_boundary)},
        "paths": list(spec.paths),
        "events": [{**event_json(event), "kind": history.shown_kind(event),
                    "note": event_note(event, recorders) or None} for event in spec.events],
        "statuses": [status_period_json(period, now) for period in spec.statuses],
        "warnings": list(warnings),
    }


def _spec_note(note: SpecNote) -> dict[str, Any]:
    return {"id": note.spec_id, "path": note.path, "reason": note.reason}


def _unreadable_json(unread: UnreadableFields) -> dict[str, Any]:
    return {"spec": unread.spec_id, "path": unread.path, "line": unread.line,
            "column": unread.column, "fields": list(unread.fields), "why": unread.why,
            "fails": list(unread.gates)}


def _reviewer_json(r: ReviewerLoad) -> dict[str, Any]:
    """A row of the report's reviewers section, as `report_document` gives it."""
    return {
        "reviewer": r.reviewer, "reviewing": list(r.reviewing), "approvals": r.approvals,
        "waiting": [{"spec": w.spec_id, "days": w.days} for w in r.waiting],
        "recorded_by_others": [{"spec": o.spec_id, "recorded_by": o.recorded_by,
                                "commit": o.commit} for o in r.recorded_by_others],
    }


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
        "window_ref": report.window_ref,
        "sections": list(report.sections),
        "counts": report.counts,
        "specs": [{
            "id": s.spec_id, "title": s.title, "status": s.status, "authors": list(s.authors),
            "path": s.path, "since": optional_iso_time(s.since),
            "days_in_status": s.days_in_status, "days_by_status": s.days_by_status,
            "days_in_review": s.days_in_review, "days_to_approval": s.days_to_approval,
            "periods": [_period(p.status, p.since, p.until, p.days) for p in s.periods],
        } for s in report.specs],
        "reviewers": list(map(_reviewer_json, report.reviewers)),
        "unreviewed": [{"spec": w.spec_id, "days": w.days} for w in report.unreviewed],
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
            "spec_notes": [{**_spec_note(note), "in_work_tree": note.in_work_tree,
                            "unreadable": note.unreadable} for note in integrity.spec_notes],
            "unreadable_fields": list(map(_unreadable_json, integrity.unreadable_fields)),
            "changed_after_approval": list(map(_unapproved_json,
                                               integrity.changed_after_approval)),
        },
        "failed_conditions": list(failed),
        "warnings": list(report.warnings),
    }


def _unapproved_json(u: UnapprovedChange) -> dict[str, Any]:
    """A change after approval, as `integrity.changed_after_approval` lists it."""
    return {
        "spec": u.spec_id, "path": u.change.field_label, "kind": u.change.kind,
        "commit": u.change.commit, "author": u.change.author,
        "date": iso_time(u.change.authored), "approved_commit": u.approved.commit,
        "approved_date": iso_time(u.approved.authored),
        "approved_version_unread": None if u.unread is None else {
            "commits": list(u.unread.unread), "why": u.unread.warning},
        "unread_since": u.unread_since}
