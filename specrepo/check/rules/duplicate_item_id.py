"""duplicate-item-id: requirement ids and question ids are unique within a spec."""

from __future__ import annotations

from collections.abc import Iterator

from specrepo.check.rules.rule import CheckedSpec, Problem, RuleContext, SpecRule
from specrepo.load.document import JsonPath
from specrepo.model.findings import Severity


def check(spec: CheckedSpec, _: RuleContext) -> Iterator[Problem]:
    """Every item id used a second time, with the line of the first."""
    seen: dict[str, JsonPath] = {}
    for item in spec.record.item_ids:
        first = seen.setdefault(item.id, item.path)
        if first != item.path:
            first_line = spec.document.position(first).line
            yield Problem(spec, item.path,
                          f"id '{item.id}' is already used on line {first_line}")


RULE = SpecRule(
    "duplicate-item-id", Severity.ERROR,
    "Two requirements or two questions of one spec share an id.",
    "requirement ids and question ids are unique within a spec", check=check)
