"""duplicate-spec-id: no two spec files share an id."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from specrepo.base.paths import display_path
from specrepo.check.rules.rule import Problem, RuleContext, SpecRule
from specrepo.model.findings import Severity
from specrepo.model.spec_summary import SpecSummary


def check(specs: Sequence[SpecSummary], context: RuleContext) -> Iterator[Problem]:
    """Each spec whose id another spec has too, naming the others."""
    by_id: dict[str, list[SpecSummary]] = defaultdict(list)
    for spec in specs:
        by_id[spec.id].append(spec)
    for spec_id, holders in by_id.items():
        for spec in holders if len(holders) > 1 else ():
            # Named as the findings' own files are: from the working folder.
            others = ", ".join(display_path(other.file)
                               for other in holders if other is not spec)
            yield Problem(spec, spec.fields.id,
                          f"id '{spec_id}' is also used by {others}", at_value=True)


RULE = SpecRule(
    "duplicate-spec-id", Severity.ERROR, "Two spec files use the same id.",
    "no two spec files share an id (reported on each of them)", check_set=check)
