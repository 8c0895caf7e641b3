"""Requirement rows and item links read from spec data; states and `--fail-on` conditions."""

from __future__ import annotations

import json
from pathlib import Path

from specrepo.load.document import JsonValue
from specrepo.load.yaml_loader import load_yaml
from specrepo.model.fields import DEFAULT_FIELDS, FieldMap
from specrepo.model.references import ItemReference
from specrepo.model.spec_record import SpecRecord, record_from_document
from specrepo.model.trace import (
    FAIL_ON,
    ItemLink,
    Requirement,
    RequirementTrace,
    TraceMatrix,
)
from specrepo.model.trace_rows import item_links_of, requirements_of

ROOT = Path(__file__).resolve().parents[2]

SPEC: JsonValue = {
    "id": "SPEC-0050",
    "requirements": {
        "functional": [
            {"id": "FR-1", "description": "d", "priority": "P0",
             "depends_on": ["SPEC-0042/FR-3", "not a reference", 7],
             "refines": ["SPEC-0042/NFR-1"]},
            {"id": "FR-2", "description": "d"},
            {"description": "no id"},
            "not an item",
        ],
        "non_functional": [
            {"id": "NFR-1", "category": "c", "requirement": "r", "target": "t"},
            {"category": "c", "requirement": "an NFR without id is no row", "target": "t"},
        ],
    },
    "background": {"related_work": [{"spec": "SPEC-0042"}, {"spec": "SPEC-0042/FR-1"},
                                    {"note": "no spec"}]},
    "appendix": {"references": ["SPEC-0007/FR-2", "SPEC-0007"]},
}


def record(data: JsonValue, fields: FieldMap = DEFAULT_FIELDS,
           status: str = "Approved") -> SpecRecord:
    assert isinstance(data, dict)
    found = record_from_document(Path("spec.yaml"), load_yaml(json.dumps(
        {"status": status, **data}).encode()), fields)
    assert found is not None
    return found


def test_requirement_rows_of_the_bundled_format() -> None:
    assert requirements_of(record(SPEC)) == (
        Requirement(ItemReference("SPEC-0050", "FR-1"), "P0", "Approved"),
        Requirement(ItemReference("SPEC-0050", "FR-2"), None, "Approved"),
        Requirement(ItemReference("SPEC-0050", "NFR-1"), None, "Approved"),
    )


def test_item_links() -> None:
    assert item_links_of(record(SPEC)) == (
        ItemLink("SPEC-0050", None, "related", ItemReference("SPEC-0042", "FR-1")),
        ItemLink("SPEC-0050", None, "related", ItemReference("SPEC-0007", "FR-2")),
        ItemLink("SPEC-0050", "FR-1", "depends_on", ItemReference("SPEC-0042", "FR-3")),
        ItemLink("SPEC-0050", "FR-1", "refines", ItemReference("SPEC-0042", "NFR-1")),
    )


def test_rows_of_this_projects_own_specs() -> None:
    data = load_yaml((ROOT / "specs" / "SPEC-0001-validate.yaml").read_bytes()).data
    rows = requirements_of(record(data))
    assert [str(row.reference) for row in rows][:2] == ["SPEC-0001/FR-1", "SPEC-0001/FR-2"]
    assert {row.priority for row in rows if row.reference.item_id.startswith("FR-")} <= {
        "P0", "P1", "P2", "P3"}
    assert {row.priority for row in rows if row.reference.item_id.startswith("NFR-")} == {None}


def test_rows_of_a_custom_format() -> None:
    data = load_yaml((ROOT / "examples" / "madr" / "decisions" /
                      "ADR-0001-use-postgresql.yaml").read_bytes()).data
    fields = FieldMap(item_lists=(("considered_options",),), related=(("links",),))
    rows = requirements_of(record(data, fields, "accepted"))
    assert [(str(row.reference), row.priority) for row in rows] == [
        ("ADR-0001/O-1", None), ("ADR-0001/O-2", None)]


def trace(priority: str | None, *, covered: bool, failing: bool = False) -> RequirementTrace:
    return RequirementTrace(
        Requirement(ItemReference("S-1", f"R-{priority}"), priority, "Draft"),
        (), (), (), (), covered=covered, failing=failing)


def test_states_and_fail_on_look_at_the_facts() -> None:
    failing_and_uncovered = trace("P0", covered=False, failing=True)
    assert failing_and_uncovered.state == "failing"
    assert trace("P1", covered=False).state == "uncovered"
    assert trace("P1", covered=True).state == "covered"
    matrix = TraceMatrix((failing_and_uncovered, trace("P1", covered=True)), (), ())
    everything = FAIL_ON
    assert matrix.failed_conditions(everything) == ("uncovered", "uncovered-p0", "failing")
    assert matrix.failed_conditions(("failing",)) == ("failing",)
    p1_only = TraceMatrix((trace("P1", covered=False),), (), ())
    assert p1_only.failed_conditions(everything) == ("uncovered",)
    assert TraceMatrix((), (), ()).failed_conditions(everything) == ()
