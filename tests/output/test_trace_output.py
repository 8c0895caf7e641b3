"""The reporters of `specrepo trace`: the JSON's exact shape and its schema, the table and the
Markdown (safe, and cut to fit GitHub's job summary)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from specrepo.load.junit import JunitTestcase
from specrepo.load.schema_source import bundled_schema
from specrepo.model.references import ItemReference, UnknownReference
from specrepo.model.trace import (
    CommitStamp,
    DanglingReference,
    IncomingLink,
    ItemLink,
    PrioritySummary,
    Requirement,
    RequirementChange,
    RequirementTrace,
    Suspicion,
    Tag,
    TagLink,
    TraceMatrix,
)
from specrepo.output.json_trace import trace_document as trace_json
from specrepo.output.trace import MarkdownTraceReporter, formatted_trace
from tests.render.markdown_support import raw_html, tables

VALIDATOR = jsonschema.Draft202012Validator(bundled_schema("trace.schema.json"))
REFERENCE = ItemReference("SPEC-0042", "FR-3")
SUSPICION = Suspicion(
    RequirementChange(CommitStamp("c" * 40, 1_767_312_000), {"id": "FR-3", "priority": "P1"},
                      {"id": "FR-3", "priority": "P0"}),
    CommitStamp("a" * 40, 1_767_225_600))
ROW = RequirementTrace(
    requirement=Requirement(REFERENCE, "P0", "Approved"),
    implemented_by=(TagLink(Tag(REFERENCE, "SPEC-0042/FR-3", "canonical", "src/a.py", 3, 5),
                            SUSPICION),),
    verified_by=(TagLink(Tag(REFERENCE, "spec_0042_fr_3", "name", "tests/t.py", 1, 10), None),),
    results=(JunitTestcase(Path("out/report.xml"), 7, "pytest", "tests.t", "test_spec_0042_fr_3",
                           "failed", "assert 1 == 2", (), None),),
    linked_from=(IncomingLink(ItemLink("SPEC-0050", None, "related", REFERENCE), None),),
    covered=True, failing=True)
MATRIX = TraceMatrix(
    requirements=(ROW,),
    dangling=(
        DanglingReference("SPEC-0043/FR-3", "implementation", "src/b.py", 2, 4, UnknownReference(
            ItemReference("SPEC-0043", "FR-3"), "spec", "SPEC-0042/FR-3")),
        DanglingReference("FR-3", "junit", "out/report.xml", 9, None, None)),
    summary=(PrioritySummary("P0", 1, {"failing": 1, "uncovered": 0, "unverified": 0, "suspect": 0,
                                        "covered": 0}, 1, 1),))


def test_the_exact_shape() -> None:
    document = trace_json(MATRIX, ("failing", "dangling"))
    assert document == {
        "version": 3,
        "generator": "specrepo trace",
        "requirements": [{
            "reference": "SPEC-0042/FR-3", "spec": "SPEC-0042", "id": "FR-3", "priority": "P0",
            "spec_status": "Approved", "state": "failing", "covered": True, "failing": True,
            "unverified": False, "suspect": True,
            "implemented_by": [{
                "file": "src/a.py", "line": 3, "column": 5, "written": "SPEC-0042/FR-3",
                "suspect": {
                    "changed_in": {"commit": "c" * 40, "time": "2026-01-02T00:00:00Z"},
                    "change": {"before": {"id": "FR-3", "priority": "P1"},
                               "after": {"id": "FR-3", "priority": "P0"}},
                    "confirmed_in": {"commit": "a" * 40, "time": "2026-01-01T00:00:00Z"}}}],
            "verified_by": [{"file": "tests/t.py", "line": 1, "column": 10,
                             "written": "spec_0042_fr_3", "suspect": None}],
            "results": [{"file": "out/report.xml", "line": 7, "suite": "pytest",
                         "classname": "tests.t", "name": "test_spec_0042_fr_3",
                         "display_name": None, "result": "failed",
                         "message": "assert 1 == 2"}],
            "linked_from": [{"spec": "SPEC-0050", "item": None, "relation": "related",
                             "suspect": None}],
        }],
        "summary": {
            "total": {"total": 1, "covered": 1, "with_suspect_link": 1,
                      "states": {"failing": 1, "uncovered": 0, "unverified": 0, "suspect": 0,
                                 "covered": 0}},
            "by_priority": [{"priority": "P0", "total": 1, "covered": 1,
                             "with_suspect_link": 1,
                             "states": {"failing": 1, "uncovered": 0, "unverified": 0,
                                        "suspect": 0, "covered": 0}}],
        },
        "dangling": [
            {"written": "SPEC-0043/FR-3", "found_in": "implementation", "file": "src/b.py",
             "line": 2, "column": 4, "reference": "SPEC-0043/FR-3", "unknown": "spec",
             "did_you_mean": "SPEC-0042/FR-3",
             "message": "SPEC-0043/FR-3 names no spec SPEC-0043; did you mean SPEC-0042/FR-3?",
             "result": None},
            {"written": "FR-3", "found_in": "junit", "file": "out/report.xml", "line": 9,
             "column": None, "reference": None, "unknown": None, "did_you_mean": None,
             "message": "'FR-3' is not a reference to an item; write spec id/item id, such as "
                        "SPEC-0042/FR-3", "result": None},
        ],
        "unlinked": [],
        "suspect_judged": True,
        "suspect_not_judged": None,
        "failed_conditions": ["failing", "dangling"],
        "warnings": [],
    }
    VALIDATOR.validate(json.loads(json.dumps(document)))


def test_an_empty_matrix_follows_the_schema() -> None:
    VALIDATOR.validate(trace_json(TraceMatrix((), (), ())))


@pytest.mark.parametrize(("path", "value"), [
    (("requirements", 0, "state"), "fine"),
    (("requirements", 0, "implemented_by", 0, "suspect", "changed_in", "commit"), "HEAD"),
    (("requirements", 0, "implemented_by", 0, "line"), 0),
    (("dangling", 0, "unknown"), "both"),
    (("failed_conditions",), ["failing", "failing"]),
    (("failed_conditions",), ["suspicious"]),
    (("summary", "by_priority", 0, "states", "covered"), -1),
])
def test_the_schema_is_strict(path: tuple[str | int, ...], value: Any) -> None:
    document = json.loads(json.dumps(trace_json(MATRIX)))
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert not VALIDATOR.is_valid(document)


def test_every_schema_node_is_described() -> None:
    def undescribed(node: Any, where: str) -> list[str]:
        found = []
        if isinstance(node, dict):
            if "type" in node or "enum" in node or "const" in node or "anyOf" in node:
                found += [] if "description" in node else [where]
            for key, child in node.items():
                if key not in ("enum", "const", "required", "examples"):
                    found += undescribed(child, f"{where}/{key}")
        elif isinstance(node, list):
            for index, child in enumerate(node):
                found += undescribed(child, f"{where}/{index}")
        return found

    assert undescribed(bundled_schema("trace.schema.json"), "#") == []


def test_the_table() -> None:
    assert formatted_trace("table", MATRIX, ("failing",)).splitlines() == [
        "Trace: 1 requirement: 1 covered (100%), 1 failing, 0 uncovered, 0 unverified, "
        "1 suspect; 2 dangling references.",
        "",
        "Requirements",
        "",
        "spec       id    priority    status    state    implemented by    verified by",
        "---------  ----  ----------  --------  -------  ----------------  "
        "------------------------------------------",
        "SPEC-0042  FR-3  P0          Approved  failing  src/a.py:3        "
        "tests/t.py:1; test_spec_0042_fr_3 (failed)",
        "",
        "Suspect links",
        "",
        "requirement     link        changed in               confirmed in             change",
        "--------------  ----------  -----------------------  -----------------------  "
        "----------------------",
        "SPEC-0042/FR-3  src/a.py:3  cccccccccc (2026-01-02)  aaaaaaaaaa (2026-01-01)  "
        'priority: "P1" -> "P0"',
        "",
        "Coverage by priority",
        "",
        "priority    requirements    covered    coverage    failing    uncovered    unverified"
        "    suspect",
        "----------  --------------  ---------  ----------  ---------  -----------  ------------"
        "  ---------",
        "P0          1               1          100%        1          0            0"
        "             1",
        "total       1               1          100%        1          0            0"
        "             1",
        "",
        "Dangling references",
        "",
        "where             found in        problem",
        "----------------  --------------  " + "-" * 83,
        "src/b.py:2:4      implementation  SPEC-0043/FR-3 names no spec SPEC-0043; did you "
        "mean SPEC-0042/FR-3?",
        "out/report.xml:9  junit           'FR-3' is not a reference to an item; write spec "
        "id/item id, such as SPEC-0042/FR-3",
        "",
        "Failing conditions: failing",
    ]


def test_an_empty_table_says_none() -> None:
    text = formatted_trace("table", TraceMatrix((), (), ()))
    assert text.startswith("Trace: 0 requirements: 0 covered (-), 0 failing, 0 uncovered, "
                           "0 unverified, 0 suspect.\n")
    assert "Requirements\n\n(none)\n" in text and "Dangling references\n\n(none)\n" in text
    assert "Suspect links\n\n(none)\n" in text
    assert "Failing conditions" not in text


def test_the_markdown() -> None:
    text = formatted_trace("markdown", MATRIX, ("failing",))
    assert text.startswith("<!-- generated by specrepo trace -->\n\n# Traceability\n\n"
                           "1 requirement: 1 covered (100%), 1 failing, 0 uncovered, 0 "
                           "unverified, 1 suspect; 2 dangling references.\n\n"
                           "**Failing conditions: failing**\n")
    summary, suspect, dangling, rows = tables(text)
    assert summary.header == ("Priority", "Requirements", "Covered", "Coverage", "Failing",
                              "Uncovered", "Unverified", "Suspect")
    assert summary.rows == (("P0", "1", "1", "100%", "1", "0", "0", "1"),
                            ("total", "1", "1", "100%", "1", "0", "0", "1"))
    assert suspect.rows == (("SPEC-0042/FR-3", "src/a.py:3", "cccccccccc (2026-01-02)",
                             "aaaaaaaaaa (2026-01-01)", 'priority: "P1" -> "P0"'),)
    assert dangling.rows[0] == ("src/b.py:2:4", "implementation", "SPEC-0043/FR-3 names no "
                                "spec SPEC-0043; did you mean SPEC-0042/FR-3?")
    assert rows.header == ("Spec", "ID", "Priority", "Status", "State", "Implemented by",
                           "Verified by")
    assert rows.rows == (("SPEC-0042", "FR-3", "P0", "Approved", "failing", "src/a.py:3",
                          "tests/t.py:1; test_spec_0042_fr_3 (failed)"),)


def hostile_matrix(name: str, count: int = 1) -> TraceMatrix:
    case = JunitTestcase(Path("r.xml"), 1, "s", "c", name, "passed", None, ())
    row = RequirementTrace(Requirement(REFERENCE, None, "Draft | x"), (), (), (case,), (),
                           covered=True, failing=False)
    return TraceMatrix((row,) * count, (), (PrioritySummary(None, count, {
        "failing": 0, "uncovered": 0, "unverified": 0, "suspect": 0, "covered": count}, count),))


def test_names_cannot_break_a_table_or_the_markdown() -> None:
    name = "a | b\n# c <script>x</script> `d"
    table_text = formatted_trace("table", hostile_matrix(name))
    assert "a | b\\n# c <script>x</script> `d (passed)" in table_text
    assert len(table_text.splitlines()) == len(formatted_trace(
        "table", hostile_matrix("x")).splitlines())
    markdown = formatted_trace("markdown", hostile_matrix(name))
    assert raw_html(markdown) == []
    rows = tables(markdown)[-1]
    assert rows.rows[0][3] == "Draft | x"
    assert rows.rows[0][-1] == "a | b # c <script>x</script> `d (passed)"


def test_the_markdown_fits_the_job_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(MarkdownTraceReporter, "limit", 3000)
    text = formatted_trace("markdown", hostile_matrix("x" * 500, 50), ("uncovered",))
    assert len(text.encode()) <= 3000
    assert "**Failing conditions: uncovered**" in text  # the head survives the cut
    assert text.rstrip().endswith("`specrepo trace --format json` has everything._")


def test_the_gate_line_says_where_the_summary_counts_what_a_condition_holds_for() -> None:
    """newuser69: the summary counts states (`0 unverified`), a condition facts: a failing
    requirement that no passing test verifies is unverified too, and the gate line said
    `unverified` beside a count of 0 without a word."""
    unverified = replace(MATRIX, requirements=(replace(ROW, unverified=True),))
    text = formatted_trace("table", unverified, ("failing", "unverified", "suspect"))
    assert ", 0 unverified, 1 suspect;" in text.splitlines()[0]
    assert text.splitlines()[-1] == ("Failing conditions: failing, unverified (1 requirement "
                                     "counted as failing), suspect")
    markdown = formatted_trace("markdown", unverified, ("unverified",))
    assert "**Failing conditions: unverified (1 requirement counted as failing)**" in markdown
    uncovered = replace(MATRIX, requirements=(replace(ROW, covered=False),))
    assert formatted_trace("table", uncovered, ("uncovered-p0",)).splitlines()[-1] == \
        "Failing conditions: uncovered-p0 (1 requirement counted as failing)"
