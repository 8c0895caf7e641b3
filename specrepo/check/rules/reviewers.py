"""What the two reviewer rules share: a spec in some states must name a reviewer."""

from __future__ import annotations

from collections.abc import Iterator, Set

from specrepo.check.rules.rule import CheckedSpec, Problem, status_problem


def without_reviewer(spec: CheckedSpec, states: Set[str]) -> Iterator[Problem]:
    """A spec in one of `states` that names no reviewer, in a format that has a place for
    them (a format without one has nothing these rules could check)."""
    record = spec.record
    has_field = record.fields.reviewers is not None or record.fields.approvers is not None
    if record.status in states and has_field and not record.reviewers:
        where = record.fields.reviewers or record.fields.approvers
        assert where is not None
        yield status_problem(spec, f"the spec is {record.status} but names no reviewer; add "
                             f"`{'.'.join(map(str, where))}:`")
