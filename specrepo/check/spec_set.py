"""Check a set of spec files: load each, check the schema, run the rules, collect findings."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from specrepo.check.compiled_schema import CompiledSchema, compile_source
from specrepo.check.mapped_fields import check_mapped_fields
from specrepo.check.rules import (
    changed_after_approval,
    check_rules,
    illegal_transition,
    required_sections,
    severity_of,
)
from specrepo.check.rules.required_sections import check_required_sections
from specrepo.check.rules.rule import CheckedSpec
from specrepo.check.schema_check import check_schema
from specrepo.load.document import Document
from specrepo.load.markdown_body import parse_body
from specrepo.load.schema_source import SPEC_SCHEMA, bundled_source, load_schema_source
from specrepo.load.spec_files import (
    SpecContent,
    discover_spec_files,
    load_spec_content,
    read_spec_file,
)
from specrepo.load.yaml_loader import LoadLimits, YamlError
from specrepo.model.config import Config
from specrepo.model.fields import require_field
from specrepo.model.findings import Finding, Severity, ValidationResult
from specrepo.model.history import History, SpecHistory
from specrepo.model.spec_record import record_from_document


@dataclass(frozen=True)
class LoadedSpec:
    """One spec file after loading and the schema check: its document, or why there is none."""

    path: Path
    document: Document | None
    findings: tuple[Finding, ...]
    body: str | None = None
    """A Markdown spec's body (None for YAML), whose first line is line `body_line`."""
    body_line: int = 1


def spec_schema(config: Config) -> CompiledSchema:
    """The configured spec schema, ready to check documents."""
    if config.schema_path is None:
        return compile_source(bundled_source(SPEC_SCHEMA))
    return compile_source(load_schema_source(config.schema_path))


def load_spec(path: Path, config: Config, schema: CompiledSchema) -> LoadedSpec:
    """Load one spec file and check it against the schema and, for a Markdown spec, its
    body against the required sections; problems become findings."""
    try:
        raw = read_spec_file(path, config.root, config.max_file_size)
        limits = LoadLimits(max_bytes=config.max_file_size)
        content = load_spec_content(raw, config.fields.read_as_text, limits,
                                    front_matter=config.front_matter)
    except YamlError as error:
        return LoadedSpec(path, None, tuple(
            Finding.at(path, problem.position, Severity.ERROR, problem.rule, problem.message)
            for problem in error.every))
    schema_findings = check_schema(schema, path, content.document)
    findings = [*schema_findings, *check_mapped_fields(path, content.document, config.fields,
                                                       schema_findings),
                *_body_findings(path, content, config)]
    return LoadedSpec(path, content.document, tuple(findings), content.body, content.body_line)


def _body_findings(path: Path, content: SpecContent, config: Config) -> list[Finding]:
    """The required-sections rule's findings on a Markdown spec's body."""
    severity = severity_of(required_sections.RULE.id, config.severities)
    if content.body is None or not config.required_sections or severity is None:
        return []
    body = parse_body(content.body, content.body_line)
    return check_required_sections(path, body, config.required_sections, severity)


@dataclass(frozen=True)
class HistoryCheck:
    """Mined history to check against the workflow; only commits in `commits` if given."""

    history: History
    commits: frozenset[str] | None = None


def check_spec_set(config: Config, selected: Sequence[Path] | None = None,
             history_check: HistoryCheck | None = None, *, allow_empty: bool = True,
             earlier_ids: frozenset[str] = frozenset()) -> ValidationResult:
    """Validate the selected files (default: every configured spec).

    Cross-spec rules (unique ids, references) see every configured spec, so checking a few
    files gives the same verdict on them as checking the whole repository. `earlier_ids`
    are the ids the selected specs had before a change (`validate --changed-since`): the
    specs that reference one of them that no spec has any more are checked too. With a
    `history_check`, every status change ever committed is checked against the workflow,
    and every change to approved content for a new approval.
    Unless `allow_empty`, a configured location that yields no spec file is a
    `ConfigError` (when no files are selected).
    """
    if history_check is not None:
        require_field(config.fields, "status", "validate --history")
    schema = spec_schema(config)
    configured = discover_spec_files(config, missing_ok=selected is not None,
                                     allow_empty=allow_empty or selected is not None)
    wanted = set(selected) if selected is not None else set(configured)
    loaded = [load_spec(path, config, schema) for path in sorted(wanted | set(configured))]
    checked = []
    unreadable = []  # no document, or no id: a reference to such a file's id says so
    for spec in loaded:
        record = (record_from_document(spec.path, spec.document, config.fields)
                  if spec.document is not None else None)
        if record is None or spec.document is None:
            unreadable.append(spec.path)
        else:
            checked.append(CheckedSpec(record, spec.document, spec.body, spec.body_line))
    gone = earlier_ids - {spec.record.id for spec in checked}
    wanted.update(spec.record.file for spec in checked
                  if any(reference.spec_id in gone for reference in spec.record.references))
    findings = [finding for spec in loaded if spec.path in wanted for finding in spec.findings]
    refused = {(finding.path, finding.json_path) for finding in findings
               if finding.rule == "schema"}
    findings.extend(  # a value the schema refused gets no second finding from a rule
        finding for finding in check_rules(checked, config.severities, config.root,
                                           lambda spec: spec.record.file in wanted,
                                           config.workflow, unreadable=unreadable)
        if (finding.path, finding.json_path) not in refused)
    if history_check is not None:
        findings.extend(_history_findings(config, history_check, checked,
                                          None if selected is None else wanted))
    documents = {spec.path: spec.document for spec in loaded
                 if spec.path in wanted and spec.document is not None}
    records = {spec.record.file: spec.record for spec in checked if spec.record.file in wanted}
    return ValidationResult(tuple(sorted(wanted)), tuple(sorted(findings)), documents,
                            records)


def _history_findings(config: Config, history_check: HistoryCheck,
                      checked: Sequence[CheckedSpec],
                      wanted: set[Path] | None) -> Iterator[Finding]:
    """The findings of the history rules (illegal-transition, changed-after-approval) on
    the specs `wanted` (None: every spec the history has, deleted ones too)."""
    by_file = {spec.record.file.resolve(): spec for spec in checked}
    chosen = None if wanted is None else {path.resolve() for path in wanted}
    history = history_check.history

    def located(mined: SpecHistory) -> tuple[Path, CheckedSpec | None] | None:
        file = history.work_tree / (mined.current_path or mined.paths[-1])
        if chosen is not None and file.resolve() not in chosen:
            return None
        return file, by_file.get(file.resolve())

    severity = severity_of(illegal_transition.RULE.id, config.severities)
    if severity is not None:
        for mined, event in illegal_transition.illegal_transitions(
                history.specs, config.workflow, history_check.commits):
            if (place := located(mined)) is not None:
                yield illegal_transition.transition_finding(event, *place, severity,
                                                            config.workflow)
    severity = severity_of(changed_after_approval.RULE.id, config.severities)
    if severity is not None:
        for mined, approval, changes in changed_after_approval.unapproved_changes(
                history.specs, config.workflow, history_check.commits):
            if (place := located(mined)) is not None:
                yield from (changed_after_approval.approval_finding(
                    mined, approval, change, *place, severity) for change in changes)
