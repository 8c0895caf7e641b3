"""approved-needs-reviewers: an approved spec names its reviewers."""

from __future__ import annotations

from collections.abc import Iterator

from specrepo.check.rules.reviewers import without_reviewer
from specrepo.check.rules.rule import CheckedSpec, Problem, RuleContext, SpecRule
from specrepo.model.findings import Severity


def check(spec: CheckedSpec, context: RuleContext) -> Iterator[Problem]:
    """A spec in an approved state with no reviewer."""
    return without_reviewer(spec, context.workflow.approved, context.schema)


RULE = SpecRule("approved-needs-reviewers", Severity.ERROR,
                "A spec in an approved state names no reviewer but its authors.",
                "a spec in an approved state (`statuses.approved`) names reviewers, not its "
                "`authors` alone: an author's approval of her own spec is no review",
                check=check)
