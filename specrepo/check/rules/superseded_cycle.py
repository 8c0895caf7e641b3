"""superseded-cycle: following `superseded_by` from spec to spec never comes back to where
it started (SPEC-0002 superseded by SPEC-0003, superseded by SPEC-0002): in such a cycle
no spec is in force, and a reader following "superseded by" goes round in circles. A spec
superseded by itself is `unknown-reference`'s."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from specrepo.check.rules.rule import Problem, RuleContext, SpecRule
from specrepo.model.findings import Severity
from specrepo.model.spec_record import Reference
from specrepo.model.spec_summary import SpecSummary


def successor(spec: SpecSummary) -> Reference | None:
    """The spec's `superseded_by` reference, if it names a whole spec."""
    return next((reference for reference in spec.references
                 if reference.kind == "superseded_by" and reference.item_id is None), None)


def by_id(specs: Sequence[SpecSummary]) -> dict[str, SpecSummary]:
    """Each id to the first spec that has it (two that share one are
    `duplicate-spec-id`'s)."""
    found: dict[str, SpecSummary] = {}
    for spec in specs:
        found.setdefault(spec.id, spec)
    return found


def cycles(specs: Mapping[str, SpecSummary]) -> dict[str, list[str]]:
    """Each id of a spec on a `superseded_by` cycle of two specs or more -> the cycle's
    ids as it follows them from that spec, back to it. Each spec names one successor at
    most, so each walk meets a cycle once, or none."""
    found: dict[str, list[str]] = {}
    done: set[str] = set()
    for start in specs:
        walked: list[str] = []
        current: str | None = start
        while current is not None and current not in done and current not in walked:
            walked.append(current)
            reference = successor(specs[current])
            current = reference.spec_id if reference is not None \
                and reference.spec_id in specs else None
        if current is not None and current in walked:
            ring = walked[walked.index(current):]
            for index, member in enumerate(ring if len(ring) > 1 else ()):
                found[member] = [*ring[index:], *ring[:index], member]
        done.update(walked)
    return found


def check(specs: Sequence[SpecSummary], context: RuleContext) -> Iterator[Problem]:
    """Each spec on a `superseded_by` cycle, once, at its `superseded_by` value, in the
    order of `specs`, naming the whole cycle from it."""
    known = by_id(specs)
    ring = cycles(known)
    for spec in specs:
        reference = successor(spec)
        if reference is None or known.get(spec.id) is not spec or spec.id not in ring:
            continue
        path = " -> ".join(ring[spec.id])
        yield Problem(spec, reference.path,
                      f"superseded_by goes round in a cycle ({path}): no spec of it is in "
                      "force; let the spec that replaces the others name none (or one "
                      "outside the cycle)", at_value=True)


RULE = SpecRule(
    "superseded-cycle", Severity.ERROR,
    "Specs are superseded by each other in a cycle.",
    "following `superseded_by` from spec to spec never comes back to a spec already passed "
    "(`SPEC-0002` superseded by `SPEC-0003`, superseded by `SPEC-0002`: none is in force; "
    "reported on each spec of the cycle)", check_set=check)
