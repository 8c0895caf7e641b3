"""unused-field: each path `fields:` in specrepo.yaml names (single, or in a list) is one
the spec schema can hold, and one some spec has or the schema describes or allows by a
pattern: a typo (`approvers: approver`, `related: [see-allso]`) would make every spec's
approvers, dates or references vanish from the rules, the report and the pages, silently."""

from __future__ import annotations

from specrepo.check.rules.rule import Rule
from specrepo.model.findings import Severity

RULE = Rule(
    "unused-field", Severity.WARNING,
    "A `fields:` entry of specrepo.yaml names a field the spec schema cannot hold, or one "
    "no spec has and the schema does not describe.",
    "each path `fields:` names in specrepo.yaml (a single field's, or an entry of "
    "`related`, `item_lists`, `read_as_text`) is one the spec schema can hold, and one that "
    "some spec has or the schema describes or allows by a pattern (reported at its place in "
    "specrepo.yaml, with a did-you-mean; a warning by default)",
    configurable=True)
