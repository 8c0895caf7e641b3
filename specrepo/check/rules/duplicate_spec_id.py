"""duplicate-spec-id: no two spec files share an id, not even one differing only in letter
case (their pages would be one file on a case-insensitive file system, and readers would
take them for one spec)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from specrepo.base.paths import display_path
from specrepo.check.rules.rule import Problem, RuleContext, SpecRule
from specrepo.model.findings import Severity
from specrepo.model.spec_summary import SpecSummary


def check(specs: Sequence[SpecSummary], context: RuleContext) -> Iterator[Problem]:
    """Each spec whose id another spec has too (compared without letter case), naming the
    others."""
    by_id: dict[str, list[SpecSummary]] = defaultdict(list)
    for spec in specs:
        by_id[spec.id.casefold()].append(spec)
    for holders in by_id.values():
        for spec in holders if len(holders) > 1 else ():
            # Named as the findings' own files are: from the working folder.
            others = ", ".join(_named(other, spec) for other in holders if other is not spec)
            yield Problem(spec, spec.fields.id,
                          f"id '{spec.id}' is also used by {others}", at_value=True)


def _named(other: SpecSummary, spec: SpecSummary) -> str:
    """The other file, and its id when it differs from the spec's in letter case only."""
    if other.id == spec.id:
        return display_path(other.file)
    return (f"{display_path(other.file)} (as '{other.id}': ids differing only in letter case "
            "name one page)")


RULE = SpecRule(
    "duplicate-spec-id", Severity.ERROR, "Two spec files use the same id.",
    "no two spec files share an id, even one differing only in letter case (reported on "
    "each of them)", check_set=check)
