"""duplicate-item-id: requirement ids and question ids are unique within a spec, not even
differing only in letter case (the item's anchor on its page is its id in lower case, so
`R-1` and `r-1` would name one anchor, and a link to one would land on the other)."""

from __future__ import annotations

from collections.abc import Iterator

from specrepo.check.rules.rule import CheckedSpec, Problem, RuleContext, SpecRule
from specrepo.load.document import JsonPath
from specrepo.model.findings import Severity


def check(spec: CheckedSpec, _: RuleContext) -> Iterator[Problem]:
    """Every item id used a second time (compared without letter case), with the line of
    the first; each id where its item writes it: an item that repeats another's id by a
    merge key (`- <<: *first`) or an alias is reported at itself, not at the id it
    repeats (`Document.written_here`)."""
    seen: dict[str, tuple[str, JsonPath]] = {}
    for item in spec.record.item_ids:
        first_id, first = seen.setdefault(item.id.casefold(), (item.id, item.path))
        if first != item.path:
            first_line = spec.document.position(spec.document.written_here(first)).line
            written = "" if first_id == item.id else \
                f" (as '{first_id}': ids differing only in letter case name one anchor)"
            yield Problem(spec, spec.document.written_here(item.path),
                          f"id '{item.id}' is already used on line {first_line}{written}")


RULE = SpecRule(
    "duplicate-item-id", Severity.ERROR,
    "Two requirements or two questions of one spec share an id.",
    "requirement ids and question ids are unique within a spec, even differing only in "
    "letter case", check=check)
