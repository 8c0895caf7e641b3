"""The rules, each declared in a module of its own (`registry` lists them all), and what a
command that runs one rule, or none, needs of them: a rule's severity under the
configuration, findings on specrepo.yaml itself, and those findings as notes.

Importing one rule's module (`from specrepo.check.rules import illegal_transition`) runs
this module first, so it imports no rule: `report` judges transitions and approvals and
checks the configuration's `fields:` and `acceptance:` with four rules' modules, and would
otherwise load every rule of the registry (22 modules) on every run (warm40).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from specrepo.base.paths import display_path
from specrepo.check.rules.rule import Rule
from specrepo.load.document import JsonPath, Position
from specrepo.model.config import CONFIG_FILE_NAME, Config
from specrepo.model.findings import Finding, Severity

Severities = Mapping[str, "Severity | None"]
"""Rule id -> the severity the configuration gives it (None: off); rules it does not name
have their default."""


def severity_of(rule: Rule, overrides: Severities) -> Severity | None:
    """The severity of `rule` under the configuration's `overrides` (its id there), else
    its default; None when off."""
    return overrides.get(rule.id, rule.severity)


def config_findings(config: Config, rule: Rule,
                    problems: Iterable[tuple[Position, str, JsonPath]]) -> tuple[Finding, ...]:
    """Findings of `rule` on specrepo.yaml itself (where it is, or would be): each problem
    at its position there, with its message and the JSON path of the setting; none when
    the configuration turns the rule off."""
    severity = severity_of(rule, config.severities)
    if severity is None:
        return ()
    file = config.file or config.root / CONFIG_FILE_NAME
    return tuple(Finding.at(file, position, severity, rule.id, message, json_path)
                 for position, message, json_path in problems)


def config_notes(findings: Iterable[Finding]) -> tuple[str, ...]:
    """Findings on specrepo.yaml as notes, for commands that report no findings:
    `specrepo.yaml:9: message`."""
    return tuple(f"{display_path(finding.path)}:{finding.line}: {finding.message}"
                 for finding in findings)
