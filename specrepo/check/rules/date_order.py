"""date-order: `updated` is not earlier than `created`."""

from __future__ import annotations

from collections.abc import Iterator

from specrepo.check.rules.rule import CheckedSpec, Problem, RuleContext, SpecRule
from specrepo.check.schema_predicates import is_calendar_date
from specrepo.model.findings import Severity


def check(spec: CheckedSpec, _: RuleContext) -> Iterator[Problem]:
    """Both dates valid, and the update before the creation."""
    record = spec.record
    created, updated = record.created, record.updated
    if (created and updated and is_calendar_date(created) and is_calendar_date(updated)
            and updated < created):
        yield Problem(spec, record.fields.updated or record.fields.id,
                      f"updated ({updated}) is earlier than created ({created})")


RULE = SpecRule("date-order", Severity.ERROR, "`updated` is earlier than `created`.",
                "`updated` is not earlier than `created`", check=check)
