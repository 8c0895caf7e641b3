"""Rules a schema cannot express, each with a stable id and a configurable severity."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from specrepo.base.paths import display_path
from specrepo.base.suggest import did_you_mean
from specrepo.check.schema_predicates import is_calendar_date
from specrepo.load.document import Document, JsonPath
from specrepo.model.findings import Finding, Severity
from specrepo.model.spec_record import SpecRecord
from specrepo.model.workflow import DEFAULT_WORKFLOW, Workflow


@dataclass(frozen=True)
class Rule:
    """A semantic rule: its id, default severity and what it checks."""

    id: str
    severity: Severity
    summary: str


RULES: Final = {
    rule.id: rule
    for rule in (
        Rule("duplicate-spec-id", Severity.ERROR, "Two spec files use the same id."),
        Rule("duplicate-item-id", Severity.ERROR,
             "Two requirements or two questions of one spec share an id."),
        Rule("date-order", Severity.ERROR, "`updated` is earlier than `created`."),
        Rule("unknown-reference", Severity.ERROR,
             "A related spec, reference or `superseded_by` names no existing spec."),
        Rule("file-name", Severity.ERROR,
             "The file name does not start with the spec's id (SPEC-0042.yaml or "
             "SPEC-0042-some-title.yaml)."),
        Rule("in-review-needs-reviewer", Severity.ERROR,
             "A spec In Review names no reviewer."),
        Rule("approved-needs-reviewers", Severity.ERROR,
             "An Approved or Implemented spec names no reviewer."),
        Rule("approved-open-questions", Severity.ERROR,
             "An Approved or Implemented spec still has open questions."),
        Rule("unknown-status", Severity.ERROR,
             "The status is not one of the workflow's states (`statuses.states`)."),
        Rule("illegal-transition", Severity.ERROR,
             "A commit moved a spec's status in a way the workflow does not allow "
             "(`validate --history`)."),
    )
}

LOADING_RULES: Final = {
    rule.id: rule
    for rule in (
        Rule("file-read", Severity.ERROR, "The file cannot be read (missing, a folder, too big)."),
        Rule("yaml-encoding", Severity.ERROR, "The file is not UTF-8 text."),
        Rule("yaml-syntax", Severity.ERROR, "The file is not valid YAML."),
        Rule("yaml-duplicate-key", Severity.ERROR, "A mapping repeats a key."),
        Rule("yaml-key", Severity.ERROR, "A mapping key is not a plain string."),
        Rule("yaml-merge", Severity.ERROR,
             "A merge key `<<` names something other than mappings."),
        Rule("yaml-invisible-character", Severity.ERROR,
             "An invisible character (U+00A0, U+200B, U+FEFF…) where YAML reads text but a "
             "reader sees a space or nothing: in indentation, or at the edge of an unquoted "
             "key or value."),
        Rule("yaml-tag", Severity.ERROR,
             "A YAML tag or a value that specrepo does not accept (custom tags, bad dates)."),
        Rule("yaml-structure", Severity.ERROR, "The file holds more or less than one document."),
        Rule("yaml-empty", Severity.ERROR, "The file holds no YAML document."),
        Rule("yaml-limit", Severity.ERROR,
             "The file exceeds a safety limit (size, nesting, aliases)."),
        Rule("schema", Severity.ERROR, "The spec does not match the spec schema."),
    )
}
"""Checks done while loading a file; always errors, never configurable."""

Severities = Mapping[str, "Severity | None"]
"""Rule id to severity; None switches the rule off."""


def default_severities() -> dict[str, Severity | None]:
    """Every rule at its default severity."""
    return {rule.id: rule.severity for rule in RULES.values()}


@dataclass(frozen=True)
class CheckedSpec:
    """A spec that passed the schema: its record and document (for positions)."""

    record: SpecRecord
    document: Document


_Report = Callable[[str, JsonPath, str], None]


def check_rules(specs: Sequence[CheckedSpec], severities: Severities, root: Path,
                report_on: Callable[[CheckedSpec], bool] = lambda _: True,
                workflow: Workflow = DEFAULT_WORKFLOW,
                unreadable: Sequence[Path] = ()) -> list[Finding]:
    """Run every enabled rule over `specs`; only specs `report_on` accepts get findings.

    All specs take part in the cross-spec rules (ids must be unique across the whole
    repository even when only some files are being checked). `unreadable` are the spec
    files that could not be loaded: a reference to the id one of them is named for says
    so, rather than that no spec has it.
    """
    findings: list[Finding] = []
    for spec in specs:
        if not report_on(spec):
            continue

        def report(rule: str, path: JsonPath, message: str, spec: CheckedSpec = spec) -> None:
            severity = severities.get(rule)
            if severity is not None:
                findings.append(Finding.at(spec.record.file, spec.document.key_position(path),
                                           severity, rule, message, path))

        _check_one(spec, report, workflow)
    findings.extend(_check_across(specs, severities, root, report_on, unreadable))
    return findings


def _check_one(spec: CheckedSpec, report: _Report, workflow: Workflow) -> None:
    record = spec.record
    for duplicate, first in _duplicates((item.id, item.path) for item in record.item_ids):
        first_line = spec.document.position(first[1]).line
        report("duplicate-item-id", duplicate[1],
               f"id '{duplicate[0]}' is already used on line {first_line}")
    created, updated = record.created, record.updated
    if (created and updated and is_calendar_date(created) and is_calendar_date(updated)
            and updated < created):
        report("date-order", record.fields.updated or record.fields.id,
               f"updated ({record.updated}) is earlier than created ({record.created})")
    if not file_name_fits(record.file, record.id):
        report("file-name", record.fields.id,
               f"the file name '{record.file.name}' does not start with the id '{record.id}'; "
               f"rename it to {record.id}.yaml or {record.id}-<title>.yaml")
    if record.fields.status is not None and record.status and \
            record.status not in workflow.states:
        suggestion = did_you_mean(record.status, workflow.states)
        hint = f"did you mean '{suggestion}'?" if suggestion else \
            f"the states are {', '.join(workflow.states)}"
        report("unknown-status", record.fields.status,
               f"'{record.status}' is not a state of the workflow; {hint}")
    # A format with no reviewer field at all has nothing these two rules could check.
    has_reviewers = record.fields.reviewers is not None or record.fields.approvers is not None
    if record.status in workflow.in_review and has_reviewers and not record.reviewers:
        report("in-review-needs-reviewer", record.fields.status or record.fields.id,
               f"the spec is {record.status} but names no reviewer; add `reviewers:`")
    if record.status in workflow.approved:
        if has_reviewers and not record.reviewers:
            report("approved-needs-reviewers", record.fields.status or record.fields.id,
                   f"the spec is {record.status} but names no reviewer; add `reviewers:`")
        for question in record.open_questions:
            report("approved-open-questions", (*question.path, "state"),
                   f"question {question.id} is still open but the spec is {record.status}; "
                   "resolve it (state: resolved, with a resolution) or move the spec back")


def file_name_fits(file: Path, spec_id: str) -> bool:
    """Whether a file's name starts with the spec id, as the `file-name` rule wants:
    `SPEC-0042.yaml`, `SPEC-0042-some-title.yaml` or `SPEC-0042_some_title.yaml`."""
    stem = file.name.rsplit(".", 1)[0]
    return stem == spec_id or stem.startswith((f"{spec_id}-", f"{spec_id}_"))


def _check_across(specs: Sequence[CheckedSpec], severities: Severities, root: Path,
                  report_on: Callable[[CheckedSpec], bool],
                  unreadable: Sequence[Path]) -> Iterator[Finding]:
    by_id: dict[str, list[CheckedSpec]] = defaultdict(list)
    for spec in specs:
        by_id[spec.record.id].append(spec)
    duplicate_severity = severities.get("duplicate-spec-id")
    if duplicate_severity is not None:
        for spec_id, holders in by_id.items():
            for spec in holders if len(holders) > 1 else ():
                if report_on(spec):
                    others = ", ".join(display_path(other.record.file, root)
                                       for other in holders if other is not spec)
                    yield Finding.at(
                        spec.record.file, spec.document.position(spec.record.fields.id),
                        duplicate_severity,
                        "duplicate-spec-id", f"id '{spec_id}' is also used by {others}",
                        spec.record.fields.id)
    reference_severity = severities.get("unknown-reference")
    if reference_severity is None:
        return
    for spec in specs:
        if not report_on(spec):
            continue
        for reference in spec.record.references:
            if reference.spec_id not in by_id:
                yield Finding.at(
                    spec.record.file, spec.document.position(reference.path), reference_severity,
                    "unknown-reference", _missing_reference(reference.spec_id, unreadable, root),
                    reference.path)
            elif (reference.spec_id == spec.record.id
                  and reference.path == spec.record.fields.superseded_by):
                yield Finding.at(
                    spec.record.file, spec.document.position(reference.path), reference_severity,
                    "unknown-reference", "a spec cannot be superseded by itself", reference.path)


def _missing_reference(spec_id: str, unreadable: Sequence[Path], root: Path) -> str:
    holder = next((path for path in unreadable if file_name_fits(path, spec_id)), None)
    if holder is None:
        return f"no spec has the id '{spec_id}'"
    return (f"{spec_id} exists in {display_path(holder, root)} but could not be read; see "
            "its own finding")


def _duplicates(items: Iterable[tuple[str, JsonPath]]
                ) -> Iterator[tuple[tuple[str, JsonPath], tuple[str, JsonPath]]]:
    seen: dict[str, tuple[str, JsonPath]] = {}
    for item in items:
        if item[0] in seen:
            yield item, seen[item[0]]
        else:
            seen[item[0]] = item
