"""approved-needs-reviewers: an approved spec names its reviewers."""

from __future__ import annotations

from collections.abc import Iterator

from specrepo.check.rules.reviewers import lacks_reviewers
from specrepo.check.rules.rule import CheckedSpec, Problem, RuleContext, SpecRule
from specrepo.model.findings import Severity


def check(spec: CheckedSpec, context: RuleContext) -> Iterator[Problem]:
    """A spec in an approved state with no reviewer."""
    record = spec.record
    if record.status in context.workflow.approved and lacks_reviewers(record):
        yield Problem(spec, record.fields.status or record.fields.id,
                      f"the spec is {record.status} but names no reviewer; add `reviewers:`")


RULE = SpecRule("approved-needs-reviewers", Severity.ERROR,
                "An Approved or Implemented spec names no reviewer.",
                "an Approved or Implemented spec names reviewers", check=check)
