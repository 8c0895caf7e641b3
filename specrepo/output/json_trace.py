"""The JSON document of `trace --format json`: every requirement with its tags, results,
links and state (see `schemas/trace.schema.json`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from specrepo.base.collection import cycle_collection_paused
from specrepo.base.timestamps import iso_time
from specrepo.load.junit import JunitTestcase
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

TRACE_VERSION: Final = 3
TRACE_GENERATOR: Final = "specrepo trace"


def _counts(groups: Sequence[PrioritySummary], judged: bool) -> dict[str, Any]:
    """The counts of `groups`; the suspect count is null where no link was `judged`."""
    return {"total": sum(group.total for group in groups),
            "covered": sum(group.covered for group in groups),
            "states": {state: sum(group.states[state] for group in groups)
                       if judged or state != "suspect" else None for state in STATES},
            "with_suspect_link": sum(group.with_suspect_link for group in groups)
            if judged else None}


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


def _commit(stamp: CommitStamp) -> dict[str, str | None]:
    """The commit and its time; both null for the work tree's uncommitted change."""
    if stamp.uncommitted:
        return {"commit": None, "time": None}
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


def trace_document(matrix: TraceMatrix, failed: Sequence[str] = (),
                   warnings: Sequence[str] = ()) -> dict[str, Any]:
    """`trace --format json` (see `schemas/trace.schema.json`): every requirement with its
    tags, results, incoming links and state; coverage by priority; dangling references; the
    `--fail-on` conditions that held; the run's warnings, as stderr says them. Tens of
    thousands of dicts, none in a cycle: built with the cycle collector paused, then left
    to its oldest generation (see
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
            "warnings": list(warnings),
        }
