"""Validate a repository's specs: load, check the schema, run the rules, collect findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jsonschema.protocols import Validator

from specrepo.check.rules import CheckedSpec, check_rules
from specrepo.check.schema_check import check_schema
from specrepo.config import Config
from specrepo.document import Document
from specrepo.errors import ExitCode
from specrepo.findings import Finding, Severity
from specrepo.model import record_from_document
from specrepo.schema_loader import SPEC_SCHEMA, build_validator, bundled_source, load_schema_source
from specrepo.spec_files import discover_spec_files, read_spec_file
from specrepo.yaml_loader import LoadLimits, YamlError, load_yaml


@dataclass(frozen=True)
class LoadedSpec:
    """One spec file after loading and the schema check: its document, or why there is none."""

    path: Path
    document: Document | None
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class ValidationResult:
    """Everything validate found, in file and line order."""

    files: tuple[Path, ...]
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(finding.severity is Severity.ERROR for finding in self.findings)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return len(self.findings) - self.errors

    def exit_code(self, strict: bool = False) -> ExitCode:
        """1 when there are errors (or warnings, when strict), else 0."""
        if self.errors or (strict and self.warnings):
            return ExitCode.FINDINGS
        return ExitCode.CLEAN


def spec_validator(config: Config) -> Validator:
    """The validator for the configured spec schema."""
    if config.schema_path is None:
        return build_validator(bundled_source(SPEC_SCHEMA))
    return build_validator(load_schema_source(config.schema_path))


def load_spec(path: Path, config: Config, validator: Validator) -> LoadedSpec:
    """Load one spec file and check it against the schema; problems become findings."""
    try:
        raw = read_spec_file(path, config.root, config.max_file_size)
        document = load_yaml(raw, LoadLimits(max_bytes=config.max_file_size))
    except YamlError as error:
        finding = Finding.at(path, error.position, Severity.ERROR, error.rule, error.message)
        return LoadedSpec(path, None, (finding,))
    return LoadedSpec(path, document, tuple(check_schema(validator, path, document)))


def validate(config: Config, selected: Sequence[Path] | None = None) -> ValidationResult:
    """Validate the selected files (default: every configured spec).

    Cross-spec rules (unique ids, references) see every configured spec, so checking a few
    files gives the same verdict on them as checking the whole repository.
    """
    validator = spec_validator(config)
    configured = discover_spec_files(config, missing_ok=selected is not None)
    targets = sorted(set(selected)) if selected is not None else configured
    wanted = set(targets)
    loaded = [load_spec(path, config, validator) for path in sorted(wanted | set(configured))]
    findings = [finding for spec in loaded if spec.path in wanted for finding in spec.findings]
    checked = []
    for spec in loaded:
        if spec.document is None:
            continue
        record = record_from_document(spec.path, spec.document)
        if record is not None:
            checked.append(CheckedSpec(record, spec.document))
    findings.extend(
        check_rules(checked, config.severities, config.root,
                    lambda spec: spec.record.file in wanted)
    )
    return ValidationResult(tuple(targets), tuple(sorted(findings)))
