"""unused-field: each field `fields:` in specrepo.yaml maps to a path names a field some
spec has, or one the spec schema describes: a typo (`approvers: approver`) would make every
spec's approvers or dates vanish from the rules, the report and the pages, silently."""

from __future__ import annotations

from specrepo.check.rules.rule import Rule
from specrepo.model.findings import Severity

RULE = Rule(
    "unused-field", Severity.WARNING,
    "A `fields:` entry of specrepo.yaml names a field no spec has and the spec schema "
    "does not describe.",
    "each field `fields:` maps to a path in specrepo.yaml names one that some spec has or "
    "the spec schema describes (reported at its line of specrepo.yaml, with a did-you-mean; "
    "a warning by default)",
    configurable=True)
