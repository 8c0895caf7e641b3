"""The rule registry: every rule by id, each declared in a module of its own, and the runs
of the spec rules: on one spec, and across the summaries of a set of specs.

A new rule is one module in this package (its `RULE`, with id, default severity, summary,
help and check), listed here (in `SPEC_RULES` when it checks specs); its id goes into
`model.findings.SpecRuleId` and the configuration schema's list. The README's rule table
and SARIF's rule descriptions read this registry. A command that runs a rule or two
imports their modules, never this one (`specrepo.check.rules`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

from specrepo.check.rules import (
    Severities,
    approved_needs_reviewers,
    approved_open_questions,
    changed_after_approval,
    date_order,
    duplicate_item_id,
    duplicate_spec_id,
    file_name,
    illegal_transition,
    in_review_needs_reviewer,
    required_sections,
    severity_of,
    skipped_version,
    squash_approval,
    superseded_by_ended,
    superseded_cycle,
    unknown_reference,
    unknown_status,
    unread_yaml_spec,
    unreadable_history,
    unused_acceptance,
    unused_field,
)
from specrepo.check.rules.loading import LOADING_RULES, RENDER_RULES
from specrepo.check.rules.rule import CheckedSpec, Problem, Rule, RuleContext, SpecRule
from specrepo.model.findings import Finding, RuleId, Severity
from specrepo.model.spec_summary import SpecSummary

SPEC_RULES: Final[tuple[SpecRule, ...]] = (
    duplicate_spec_id.RULE, duplicate_item_id.RULE, date_order.RULE, unknown_reference.RULE,
    superseded_cycle.RULE, superseded_by_ended.RULE, file_name.RULE,
    in_review_needs_reviewer.RULE, approved_needs_reviewers.RULE, approved_open_questions.RULE,
    unknown_status.RULE,
)
"""The rules run on every loaded spec, in the README's order."""
CONFIGURABLE_RULES: Final[tuple[Rule, ...]] = (*SPEC_RULES, illegal_transition.RULE,
                                               changed_after_approval.RULE,
                                               squash_approval.RULE,
                                               required_sections.RULE,
                                               unreadable_history.RULE, skipped_version.RULE,
                                               unused_field.RULE, unused_acceptance.RULE,
                                               unread_yaml_spec.RULE)
"""The rules whose severity `rules:` in specrepo.yaml sets."""
RULES: Final[dict[RuleId, Rule]] = {
    rule.id: rule for rule in (*LOADING_RULES, *CONFIGURABLE_RULES, *RENDER_RULES)}
"""Every kind of finding, by id."""


def check_spec(spec: CheckedSpec, overrides: Severities, context: RuleContext) -> list[Finding]:
    """The findings of every enabled rule that sees one spec alone, while its document is
    loaded."""
    findings: list[Finding] = []
    for rule in SPEC_RULES:
        severity = severity_of(rule, overrides)
        if rule.check is not None and severity is not None:
            findings.extend(_finding(problem, rule.id, severity)
                            for problem in rule.check(spec, context))
    return findings


def check_across(specs: Sequence[SpecSummary], overrides: Severities, context: RuleContext,
                 report_on: Callable[[Path], bool] = lambda _: True) -> list[Finding]:
    """The findings of every enabled rule that checks specs against each other; only the
    files `report_on` accepts get findings.

    All specs take part (ids must be unique across the whole repository even when only some
    files are being checked). `context.unreadable` are the spec files that could not be
    loaded: a reference to the id one of them is named for says so, rather than that no
    spec has it.
    """
    findings: list[Finding] = []
    for rule in SPEC_RULES:
        severity = severity_of(rule, overrides)
        if rule.check_set is not None and severity is not None:
            findings.extend(_finding(problem, rule.id, severity)
                            for problem in rule.check_set(specs, context)
                            if report_on(problem.spec.file))
    return findings


def _finding(problem: Problem, rule: RuleId, severity: Severity) -> Finding:
    return Finding.at(problem.spec.file, problem.position, severity, rule, problem.message,
                      problem.path)
