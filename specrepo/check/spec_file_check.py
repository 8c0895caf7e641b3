"""Check one spec file alone: load it, check it against the schema, the fields every
command reads and the rules that see one spec; its problems become findings. With many
files, this runs in worker processes as well as in the process that checks the set
(`check.spec_set`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Generic, TypeVar

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.paths import display_path
from specrepo.check.compiled_schema import CompiledSchema, compile_source, plainly_valid
from specrepo.check.findings_cache import entry_text, file_digest, file_status
from specrepo.check.mapped_fields import (
    blocked_title,
    check_mapped_fields,
    untitled,
    with_body_title,
)
from specrepo.check.rules import changed_after_approval, required_sections, severity_of
from specrepo.check.rules.registry import check_spec
from specrepo.check.rules.required_sections import check_required_sections
from specrepo.check.rules.rule import CheckedSpec, RuleContext
from specrepo.check.template_findings import template_noted
from specrepo.load.conflict_markers import DEFAULT_MARKER_SIZE, conflict_problems
from specrepo.load.document import Document
from specrepo.load.no_verdict import NoVerdict
from specrepo.load.schema_source import SchemaSource
from specrepo.load.spec_files import SpecContent, load_spec_content, read_spec_file
from specrepo.load.staged_versions import StagedVersion, read_staged
from specrepo.load.yaml_loader import LoadLimits, YamlError
from specrepo.model.config import Config
from specrepo.model.findings import Finding, Severity
from specrepo.model.spec_record import SpecRecord, record_from_content
from specrepo.model.spec_summary import SpecSummary, summarize
from specrepo.model.spec_title import titled_document

Prepared = TypeVar("Prepared")


@dataclass(frozen=True)
class LoadedSpec:
    """One spec file while its document is loaded, after its own checks: what a
    `Preparation` sees. `record` is None when the spec has no id."""

    path: Path
    raw: bytes
    document: Document
    record: SpecRecord | None
    findings: tuple[Finding, ...]
    body: str | None = None
    """A Markdown spec's body (None for YAML), whose first line is line `body_line`."""
    body_line: int = 1


@dataclass(frozen=True)
class ExaminedSpec(Generic[Prepared]):
    """One spec file after its own checks: its findings, its summary (None when it did not
    load or has no id), and what a preparation made of it."""

    path: Path
    findings: tuple[Finding, ...]
    summary: SpecSummary | None
    prepared: Prepared | None = None
    digest: str | None = None
    """The SHA-256 of the bytes checked (None when the file could not be read)."""
    entry: str | None = None
    """The findings cache's entry of the file (`entry_text`), when a cache is kept."""


class SpecExaminer(Generic[Prepared]):
    """`examine_spec_file` with a run's settings; the schema is compiled on first use (a
    run that has every file's findings from the cache compiles none)."""

    def __init__(self, config: Config, source: Callable[[], SchemaSource],
                 prepare: Callable[[LoadedSpec], Prepared] | None, prepared_for: frozenset[Path],
                 changed_fields: Mapping[Path, Sequence[tuple[str, str]]],
                 marker_sizes: Mapping[Path, int], settled: int | None = None,
                 staged: Mapping[Path, StagedVersion] | None = None) -> None:
        self.config, self.source, self.prepare = config, source, prepare
        self.prepared_for, self.changed_fields = prepared_for, changed_fields
        self.marker_sizes = marker_sizes
        self.staged: Mapping[Path, StagedVersion] = staged or {}
        """In a hook's run, the files (by identity) whose staged version differs from the
        work tree's, with the bytes the index stages (or why it holds none to read:
        `load.staged_versions`): those are examined, the commit's
        (`history.staged_specs`), and their entries keep no status (the work tree's file
        is not what was read)."""
        self.settled = settled
        """With a findings cache, when the run started (`settled_before`): each file's
        entry is made too, with its status (`file_status`) taken just before the file is
        read, in the process that examines it (in the workers too: the 2,000 statuses of a
        cold run are no longer taken one by one before they start)."""

    @cached_property
    def schema(self) -> CompiledSchema:
        """The schema, ready to check documents, compiled only when a file is examined (a
        run the findings cache answers compiles none). Where it compiles to a verdict, a
        valid spec never reaches jsonschema: the schema check (and jsonschema) is loaded by
        the first process that meets a spec the verdict refuses. Where it does not, every
        spec needs jsonschema: it is loaded and the validator built now, before any worker
        is forked (they inherit both)."""
        compiled = compile_source(self.source())
        if compiled.accepts is None:
            from specrepo.check import schema_check  # noqa: F401, PLC0415 (see above)

            _ = compiled.validator
        return compiled

    def __call__(self, path: Path) -> ExaminedSpec[Prepared]:
        staged = self.staged.get(path)
        status = None if self.settled is None or staged is not None \
            else file_status(path, self.settled)
        examined = examine_spec_file(
            path, config=self.config, schema=self.schema, prepare=self.prepare,
            prepared_for=self.prepared_for, changed_fields=self.changed_fields,
            marker_size=self.marker_sizes.get(path, DEFAULT_MARKER_SIZE), staged=staged)
        examined = replace(examined, findings=template_noted(path, examined.findings,
                                                             self.config))
        if self.settled is None or examined.digest is None:
            return examined
        return replace(examined, entry=entry_text(
            path, examined.digest, self.changed_fields.get(path, ()),
            (examined.findings, examined.summary), self.config, status))


def read_spec(path: Path, config: Config, staged: StagedVersion | None = None
              ) -> tuple[bytes, SpecContent]:
    """A spec file's bytes (or those of its `staged` version, `spec_bytes`) and content
    (its document and, for a Markdown spec, its body), read as the configuration says.
    Raises `YamlError`."""
    raw = spec_bytes(path, config, staged)
    limits = LoadLimits(max_bytes=config.max_file_size)
    return raw, load_spec_content(raw, config.fields.read_as_text, limits,
                                  front_matter=config.front_matter)


def spec_bytes(path: Path, config: Config, staged: StagedVersion | None = None) -> bytes:
    """The bytes of the spec file `path`, or of its `staged` version (the index's, which a
    hook's run reads in its place: `load.staged_versions`). Raises `YamlError` (and
    `ConfigError` for a Git LFS pointer) as `read_spec_file` and `read_staged` do."""
    if staged is None:
        return read_spec_file(path, config.root, config.max_file_size)
    return read_staged(path, staged, config.max_file_size)


def examine_spec_file(path: Path, *, config: Config, schema: CompiledSchema,
             prepare: Callable[[LoadedSpec], Prepared] | None, prepared_for: frozenset[Path],
             changed_fields: Mapping[Path, Sequence[tuple[str, str]]],
             marker_size: int, staged: StagedVersion | None = None) -> ExaminedSpec[Prepared]:
    """Load one spec file and check it alone (schema, the fields every command reads, then
    the rules that see one spec); problems become findings. With many files, runs in worker
    processes as well as in this one. `staged`: the bytes the index stages for the file,
    which a hook's run checks in place of the work tree's (`SpecExaminer.staged`)."""
    try:
        raw = spec_bytes(path, config, staged)
    except YamlError as error:
        return ExaminedSpec(path, _load_findings(path, error.every), None)
    digest = file_digest(raw)
    conflicts = _load_findings(path, conflict_problems(raw, markdown=config.front_matter,
                                                       size=marker_size))
    try:
        content = load_spec_content(raw, config.fields.read_as_text,
                                    LoadLimits(max_bytes=config.max_file_size),
                                    front_matter=config.front_matter)
    except YamlError as error:
        return ExaminedSpec(path, (*conflicts, *_load_findings(path, error.every)), None,
                         digest=digest)
    document = content.document
    judged = titled_document(content, config.fields)
    try:
        schema_findings = [] if plainly_valid(schema, judged.data) else with_body_title(
            _schema_findings(schema, path, judged), content, config.fields)
    except NoVerdict as error:  # no verdict on the file: exit 2, naming the value's place
        raise error.at(display_path(path), document) from None
    findings = [*conflicts, *schema_findings,
                *check_mapped_fields(path, document, config.fields, schema_findings,
                                     markdown=config.front_matter),
                *blocked_title(path, content, config.fields, schema_findings),
                *untitled(path, content, config.fields, schema_findings),
                *_body_findings(path, content, config)]
    record = record_from_content(path, content, config.fields)
    summary = None
    if record is not None:
        refused = {finding.json_path for finding in findings if finding.rule == "schema"}
        checked = CheckedSpec(record, document, content.body, content.body_line)
        own = check_spec(checked, config.severities,
                         RuleContext(config.workflow, config.root, schema=schema,
                                     new_file_name=config.new_name_pattern))
        findings.extend(finding for finding in own if finding.json_path not in refused)
        changed = changed_fields.get(path, ())
        summary = summarize(record, document, {
            label: changed_after_approval.changed_place(checked, field, label)
            for field, label in changed})
    prepared = None
    if prepare is not None and path in prepared_for:
        prepared = prepare(LoadedSpec(path, raw, document, record, tuple(findings),
                                      content.body, content.body_line))
    return ExaminedSpec(path, tuple(findings), summary, prepared, digest)


def _schema_findings(schema: CompiledSchema, path: Path, document: Document) -> list[Finding]:
    """The schema's findings on a document its compiled verdict does not accept: the
    schema check (and jsonschema) loads now, in the process that meets the first such
    spec (see `SpecExaminer.schema`)."""
    from specrepo.check.schema_check import refused_findings  # noqa: PLC0415 (see above)

    return refused_findings(schema, path, document)


def _load_findings(path: Path, problems: Iterable[YamlError]) -> tuple[Finding, ...]:
    """Problems reading a file (always errors) as findings on it."""
    return tuple(Finding.at(path, problem.position, Severity.ERROR, problem.rule,
                            problem.message) for problem in problems)


def _body_findings(path: Path, content: SpecContent, config: Config) -> list[Finding]:
    """The required-sections rule's findings on a Markdown spec's body."""
    severity = severity_of(required_sections.RULE, config.severities)
    if content.body is None or not config.required_sections or severity is None:
        return []
    assert content.parsed_body is not None
    return check_required_sections(path, content.parsed_body, config.required_sections,
                                   severity)
