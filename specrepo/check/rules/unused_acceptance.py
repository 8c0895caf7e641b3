"""unused-acceptance: each `accepted_transitions:` entry of specrepo.yaml accepts a
forbidden status move of the history: a gate must not lean on an exception that no longer
says what it meant (its commit rewritten, beyond a shallow clone's boundary, or mistyped;
or the workflow allows the move now), nor repeat another entry."""

from __future__ import annotations

from specrepo.check.rules.rule import Rule
from specrepo.model.findings import Severity

RULE = Rule(
    "unused-acceptance", Severity.WARNING,
    "An `accepted_transitions:` entry of specrepo.yaml accepts no forbidden status move "
    "of the history, or repeats another entry (`validate --history`).",
    "each `accepted_transitions:` entry in specrepo.yaml accepts a status move of the "
    "history that the workflow forbids, and repeats no other entry (`validate --history`, "
    "reported at its commit in specrepo.yaml; a warning by default)",
    configurable=True)
