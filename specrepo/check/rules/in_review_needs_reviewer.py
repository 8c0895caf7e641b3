"""in-review-needs-reviewer: a spec in review names a reviewer."""

from __future__ import annotations

from collections.abc import Iterator

from specrepo.check.rules.reviewers import without_reviewer
from specrepo.check.rules.rule import CheckedSpec, Problem, RuleContext, SpecRule
from specrepo.model.findings import Severity


def check(spec: CheckedSpec, context: RuleContext) -> Iterator[Problem]:
    """A spec in an in-review state with no reviewer."""
    return without_reviewer(spec, context.workflow.in_review, context.schema)


RULE = SpecRule("in-review-needs-reviewer", Severity.ERROR,
                "A spec in an in-review state names no reviewer but its authors.",
                "a spec in an in-review state (`statuses.in_review`) names a reviewer who is "
                "not one of its `authors`",
                check=check)
