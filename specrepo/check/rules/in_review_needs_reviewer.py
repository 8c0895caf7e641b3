"""in-review-needs-reviewer: a spec in review names a reviewer."""

from __future__ import annotations

from collections.abc import Iterator

from specrepo.check.rules.reviewers import lacks_reviewers
from specrepo.check.rules.rule import CheckedSpec, Problem, RuleContext, SpecRule
from specrepo.model.findings import Severity


def check(spec: CheckedSpec, context: RuleContext) -> Iterator[Problem]:
    """A spec in an in-review state with no reviewer."""
    record = spec.record
    if record.status in context.workflow.in_review and lacks_reviewers(record):
        yield Problem(spec, record.fields.status or record.fields.id,
                      f"the spec is {record.status} but names no reviewer; add `reviewers:`")


RULE = SpecRule("in-review-needs-reviewer", Severity.ERROR,
                "A spec In Review names no reviewer.", "an In Review spec names a reviewer",
                check=check)
