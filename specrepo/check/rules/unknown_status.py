"""unknown-status: the status is one of the workflow's states."""

from __future__ import annotations

from collections.abc import Iterator

from specrepo.check.rules.rule import CheckedSpec, Problem, RuleContext, SpecRule, status_problem
from specrepo.model.findings import Severity
from specrepo.model.workflow import unknown_state


def check(spec: CheckedSpec, context: RuleContext) -> Iterator[Problem]:
    """A status the workflow does not have, with the state most likely meant."""
    record = spec.record
    if record.fields.status is None or not record.status:
        return
    why = unknown_state(record.status, context.workflow.states)
    if why is not None:
        yield status_problem(spec, why)


RULE = SpecRule(
    "unknown-status", Severity.ERROR,
    "The status is not one of the workflow's states (`statuses.states`).",
    "the status is one of the workflow's states (`statuses.states`), so a narrowed "
    "workflow is enforced by validate itself", check=check)
