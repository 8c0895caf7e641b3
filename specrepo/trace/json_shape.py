"""The JSON of `specrepo trace --format json`, as `schemas/trace.schema.json` documents it."""

from __future__ import annotations

from typing import Any, Final

from specrepo.base.timestamps import iso_time
from specrepo.load.junit import JunitTestcase
from specrepo.model.trace import (
    STATES,
    CommitStamp,
    DanglingReference,
    FailOn,
    IncomingLink,
    PrioritySummary,
    RequirementTrace,
    Suspicion,
    TagLink,
    TraceMatrix,
)

TRACE_JSON_VERSION: Final = 1
GENERATOR: Final = "specrepo trace"


def trace_json(matrix: TraceMatrix, failed: tuple[FailOn, ...] = ()) -> dict[str, Any]:
    """The documented JSON shape of `matrix`, with the `--fail-on` conditions that held."""
    return {
        "version": TRACE_JSON_VERSION,
        "generator": GENERATOR,
        "requirements": [_requirement(row) for row in matrix.requirements],
        "summary": {
            "total": _counts(matrix.summary),
            "by_priority": [{"priority": group.priority, **_counts((group,))}
                            for group in matrix.summary],
        },
        "dangling": [_dangling(entry) for entry in matrix.dangling],
        "failed_conditions": list(failed),
    }


def _requirement(row: RequirementTrace) -> dict[str, Any]:
    requirement = row.requirement
    return {
        "reference": str(requirement.reference),
        "spec": requirement.reference.spec_id,
        "id": requirement.reference.item_id,
        "priority": requirement.priority,
        "spec_status": requirement.spec_status,
        "state": row.state,
        "covered": row.covered,
        "failing": row.failing,
        "suspect": row.suspect,
        "implemented_by": [_tag(link) for link in row.implemented_by],
        "verified_by": [_tag(link) for link in row.verified_by],
        "results": [_result(case) for case in row.results],
        "linked_from": [_incoming(link) for link in row.linked_from],
    }


def _tag(link: TagLink) -> dict[str, Any]:
    tag = link.tag
    return {"file": tag.file, "line": tag.line, "column": tag.column, "written": tag.written,
            "suspect": _suspicion(link.suspect)}


def _result(case: JunitTestcase) -> dict[str, Any]:
    return {"file": case.file.as_posix(), "line": case.line, "suite": case.suite,
            "classname": case.classname, "name": case.name,
            "display_name": case.display_name, "result": case.result,
            "message": case.message}


def _incoming(incoming: IncomingLink) -> dict[str, Any]:
    link = incoming.link
    return {"spec": link.source_spec, "item": link.source_item, "relation": link.relation,
            "suspect": _suspicion(incoming.suspect)}


def _suspicion(suspicion: Suspicion | None) -> dict[str, Any] | None:
    if suspicion is None:
        return None
    return {"changed_in": _commit(suspicion.change.stamp),
            "change": {"before": suspicion.change.before, "after": suspicion.change.after},
            "confirmed_in": _commit(suspicion.confirmed)}


def _commit(stamp: CommitStamp) -> dict[str, str]:
    return {"commit": stamp.commit, "time": iso_time(stamp.time)}


def _counts(groups: tuple[PrioritySummary, ...]) -> dict[str, Any]:
    return {"total": sum(group.total for group in groups),
            "covered": sum(group.covered for group in groups),
            "states": {state: sum(group.states[state] for group in groups)
                       for state in STATES}}


def _dangling(entry: DanglingReference) -> dict[str, Any]:
    unknown = entry.unknown
    return {"written": entry.written, "found_in": entry.found_in, "file": entry.file,
            "line": entry.line, "column": entry.column,
            "reference": str(unknown.reference) if unknown else None,
            "unknown": unknown.unknown if unknown else None,
            "did_you_mean": unknown.suggestion if unknown else None,
            "message": entry.message}
