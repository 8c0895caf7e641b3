"""Trace matrices for the site's tests, built by trace's own code from made-up tags, test
results, item links and history (so the site is tested on the shape trace really gives)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from specrepo.load.document import JsonValue
from specrepo.load.junit import JunitResult, JunitTestcase
from specrepo.model.references import ItemReference, KnownItems, parse_item_reference
from specrepo.model.trace import (
    CommitStamp,
    ItemLink,
    LinkHistory,
    Requirement,
    RequirementChange,
    Tag,
    TraceMatrix,
)
from specrepo.trace.matrix import TraceInputs, build_trace_matrix
from specrepo.trace.tags import ReferenceFinder, reference_grammar

JUNIT_FILE = Path("reports/junit.xml")


@dataclass(frozen=True)
class Change:
    """A requirement's last change: its commit, its time, the item before and after."""

    commit: str
    time: int
    before: JsonValue = None
    after: JsonValue = None


@dataclass
class TraceSample:
    """What a matrix is made of: rows as (spec, item, priority); tags as (file, line,
    reference); test results as (name, result, reference); item links as (spec, item,
    reference); each requirement's last change, each tagging file's last commit and each
    spec's approval as (commit, time)."""

    rows: list[tuple[str, str, str | None]]
    implementation: list[tuple[str, int, str]] = field(default_factory=list)
    tests: list[tuple[str, int, str]] = field(default_factory=list)
    results: list[tuple[str, JunitResult, str]] = field(default_factory=list)
    links: list[tuple[str, str | None, str]] = field(default_factory=list)
    changes: Mapping[str, Change] = field(default_factory=dict)
    touched: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    approved: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    spec_status: str = "Approved"


def _tags(found: Iterable[tuple[str, int, str]]) -> tuple[Tag, ...]:
    return tuple(Tag(parse_item_reference(written), written, "canonical", file, line, 3)
                 for file, line, written in found)


def build_matrix(sample: TraceSample) -> TraceMatrix:
    """The matrix `trace.matrix.build_trace_matrix` makes of `sample`."""
    items: dict[str, set[str]] = {}
    for spec_id, item_id, _ in sample.rows:
        items.setdefault(spec_id, set()).add(item_id)
    for spec_id, source_item, _ in sample.links:
        items.setdefault(spec_id, set()).add(source_item or "FR-1")
    known = KnownItems({spec_id: frozenset(ids) for spec_id, ids in items.items()})
    history = LinkHistory(
        {parse_item_reference(reference): RequirementChange(
            CommitStamp(change.commit, change.time), change.before, change.after)
         for reference, change in sample.changes.items()},
        {file: (CommitStamp(*stamp),) for file, stamp in sample.touched.items()},
        {spec_id: CommitStamp(*stamp) for spec_id, stamp in sample.approved.items()})
    inputs = TraceInputs(
        known=known,
        requirements=tuple(Requirement(ItemReference(spec_id, item_id), priority,
                                       sample.spec_status)
                           for spec_id, item_id, priority in sample.rows),
        links=tuple(ItemLink(spec_id, item_id, "depends_on", parse_item_reference(target))
                    for spec_id, item_id, target in sample.links),
        implementation_tags=_tags(sample.implementation),
        test_tags=_tags(sample.tests),
        testcases=tuple(JunitTestcase(JUNIT_FILE, line, "suite", "tests", name, result,
                                      None if result == "passed" else f"{name} {result}",
                                      (("requirement", reference),))
                        for line, (name, result, reference) in enumerate(sample.results, 2)),
        history=history,
        implementation_scanned=bool(sample.implementation))
    return build_trace_matrix(inputs, ReferenceFinder(reference_grammar("SPEC", items)))
