"""approved-open-questions: an approved spec has no open question."""

from __future__ import annotations

from collections.abc import Iterator

from specrepo.check.rules.rule import CheckedSpec, Problem, RuleContext, SpecRule
from specrepo.model.findings import Severity


def check(spec: CheckedSpec, context: RuleContext) -> Iterator[Problem]:
    """Each question still open on a spec in an approved state."""
    record = spec.record
    if record.status not in context.workflow.approved:
        return
    for question in record.open_questions:
        yield Problem(spec, (*question.path, "state"),
                      f"question {question.id} is still open but the spec is {record.status}; "
                      "resolve it (state: resolved, with a resolution) or move the spec back")


RULE = SpecRule("approved-open-questions", Severity.ERROR,
                "A spec in an approved state still has open questions.",
                "a spec in an approved state (`statuses.approved`) has no open question",
                check=check)
