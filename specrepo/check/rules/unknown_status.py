"""unknown-status: the status is one of the workflow's states."""

from __future__ import annotations

from collections.abc import Iterator

from specrepo.base.suggest import did_you_mean
from specrepo.check.rules.rule import CheckedSpec, Problem, RuleContext, SpecRule
from specrepo.model.findings import Severity


def check(spec: CheckedSpec, context: RuleContext) -> Iterator[Problem]:
    """A status the workflow does not have, with the state most likely meant."""
    record, states = spec.record, context.workflow.states
    if record.fields.status is not None and record.status and record.status not in states:
        suggestion = did_you_mean(record.status, states)
        hint = f"did you mean '{suggestion}'?" if suggestion else \
            f"the states are {', '.join(states)}"
        yield Problem(spec, record.fields.status,
                      f"'{record.status}' is not a state of the workflow; {hint}")


RULE = SpecRule(
    "unknown-status", Severity.ERROR,
    "The status is not one of the workflow's states (`statuses.states`).",
    "the status is one of the workflow's states (`statuses.states`), so a narrowed "
    "workflow is enforced by validate itself", check=check)
