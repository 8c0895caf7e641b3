"""What the two reviewer rules share: a spec in some states must name a reviewer who is not
one of its authors (an author's approval of her own spec is no review)."""

from __future__ import annotations

from collections.abc import Iterator, Set

from specrepo.check.rules.rule import CheckedSpec, Problem, status_problem
from specrepo.model.own_review import independent_reviewers


def without_reviewer(spec: CheckedSpec, states: Set[str]) -> Iterator[Problem]:
    """A spec in one of `states` that names no reviewer, or only its own authors, in a
    format that has a place for them (a format without one has nothing these rules could
    check)."""
    record = spec.record
    has_field = record.fields.reviewers is not None or record.fields.approvers is not None
    if record.status not in states or not has_field:
        return
    where = record.fields.reviewers or record.fields.approvers
    assert where is not None
    field = f"`{'.'.join(map(str, where))}:`"
    if not record.reviewers:
        yield status_problem(spec, f"the spec is {record.status} but names no reviewer; add "
                             f"{field}")
    elif not independent_reviewers((reviewer.name for reviewer in record.reviewers),
                                   record.authors):
        names = ", ".join(dict.fromkeys(reviewer.name for reviewer in record.reviewers))
        yield status_problem(spec, f"the spec is {record.status} but its only reviewers are "
                             f"its authors ({names}): an author's approval of her own spec "
                             f"is no review; add a reviewer who is not an author to {field}")
