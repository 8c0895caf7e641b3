"""superseded-by-ended: a spec is not superseded by one that ended without taking its
place: a spec in a terminal state outside the approved ones (`statuses.terminal` less
`statuses.approved`: Rejected, Withdrawn, Superseded in the bundled workflow) that names
no successor of its own replaces nothing, so nothing is in force where the spec was."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from specrepo.check.rules.rule import Problem, RuleContext, SpecRule
from specrepo.check.rules.superseded_cycle import by_id, successor
from specrepo.model.findings import Severity
from specrepo.model.spec_summary import SpecSummary


def check(specs: Sequence[SpecSummary], context: RuleContext) -> Iterator[Problem]:
    """Each spec whose `superseded_by` names a spec in a terminal state that is not an
    approved one and that is itself superseded by no spec, at its `superseded_by` value."""
    workflow = context.workflow
    ended = workflow.terminal - workflow.approved
    if not ended:
        return
    known = by_id(specs)
    for spec in specs:
        reference = successor(spec)
        named = known.get(reference.spec_id) if reference is not None else None
        if reference is None or named is None or named is spec \
                or named.status not in ended or successor(named) is not None:
            continue
        yield Problem(spec, reference.path, _replaces_nothing(named), at_value=True)


def _replaces_nothing(named: SpecSummary) -> str:
    """Why the spec `superseded_by` names replaces nothing."""
    return (f"superseded by {named.id}, which is {named.status} (a terminal state that is "
            "not approved) and superseded by no spec: it replaces nothing; name the spec "
            "that replaces this one, if one does")


RULE = SpecRule(
    "superseded-by-ended", Severity.WARNING,
    "A spec is superseded by one that ended without taking its place.",
    "`superseded_by` names no spec in a terminal state outside the approved ones "
    "(`statuses.terminal` less `statuses.approved`) with no `superseded_by` of its own, "
    "which replaces nothing (a warning by default)",
    check_set=check)
