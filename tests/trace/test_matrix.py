"""The trace matrix: rows, states, coverage by priority, dangling references, and the links
history's inputs make suspect."""

from __future__ import annotations

from pathlib import Path

from specrepo.load.junit import JunitTestcase, read_junit
from specrepo.model.references import ItemReference, KnownItems
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

SAMPLES = Path(__file__).parent.parent / "load" / "junit"
KNOWN = KnownItems.of({"SPEC-0042": ["FR-1", "FR-2", "FR-3", "FR-4", "FR-5", "FR-6", "NFR-1"],
                       "SPEC-0050": ["FR-1"]})
FINDER = ReferenceFinder(reference_grammar("SPEC", KNOWN.items))


def requirement(item: str, priority: str | None = "P0", spec: str = "SPEC-0042") -> Requirement:
    return Requirement(ItemReference(spec, item), priority, "Approved")


def tag(text: str, file: str = "src/a.py", line: int = 1) -> Tag:
    (found,) = FINDER.find(text)
    return Tag(found.reference, found.written, found.spelling, file, line, found.column)


def case(name: str, result: str = "passed", properties: tuple[tuple[str, str], ...] = (),
         line: int = 1) -> JunitTestcase:
    return JunitTestcase(Path("report.xml"), line, "suite", "tests", name, result,  # type: ignore[arg-type]
                         None, properties)


ROWS = (requirement("FR-1"), requirement("FR-2", "P1"), requirement("FR-3"),
        requirement("NFR-1", None))


def states(matrix: TraceMatrix) -> dict[str, str]:
    return {str(row.requirement.reference): row.state for row in matrix.requirements}


def test_states_coverage_and_dangling() -> None:
    inputs = TraceInputs(
        known=KNOWN, requirements=ROWS, implementation_scanned=True,
        implementation_tags=(tag("# SPEC-0042/FR-1", "src/b.py", 9), tag("# SPEC-0042/FR-1"),
                             tag("# SPEC-0042/FR-2"), tag("# SPEC-0043/FR-1", "src/c.py", 2)),
        test_tags=(tag("def test_spec_0042_fr_1():", "tests/t.py"),
                   tag('"SPEC-0042/FR-3"', "tests/t.py", 5),
                   tag("SPEC-0042/FR-9", "tests/t.py", 7)),
        testcases=(case("test_two", "failed", (("requirement", "SPEC-0042/FR-2"),)),
                   case("test_spec_0042_nfr_1", "skipped"),
                   case("test_typo", properties=(("requirements", "FR-3, SPEC-0042/FR-1"),))))
    matrix = build_trace_matrix(inputs, FINDER)
    assert states(matrix) == {"SPEC-0042/FR-1": "covered", "SPEC-0042/FR-2": "failing",
                              "SPEC-0042/FR-3": "uncovered", "SPEC-0042/NFR-1": "uncovered"}
    first = matrix.requirements[0]
    assert [(link.tag.file, link.tag.line) for link in first.implemented_by] == [
        ("src/a.py", 1), ("src/b.py", 9)]
    assert [link.tag.written for link in first.verified_by] == ["spec_0042_fr_1"]
    assert [result.name for result in first.results] == ["test_typo"]
    assert [(row.covered, row.failing) for row in matrix.requirements] == [
        (True, False), (True, True), (False, False), (False, False)]
    assert [(entry.found_in, entry.file, entry.line, entry.column, entry.message)
            for entry in matrix.dangling] == [
        ("junit", "report.xml", 1, None, "'FR-3' is not a reference to an item; write spec "
         "id/item id, such as SPEC-0042/FR-3"),
        ("implementation", "src/c.py", 2, 3, "SPEC-0043/FR-1 names no spec SPEC-0043"),
        ("test", "tests/t.py", 7, 1, "SPEC-0042/FR-9 names no item FR-9 of SPEC-0042"),
    ]
    summary = [(group.priority, group.total, group.covered, group.states)
               for group in matrix.summary]
    assert summary == [
        ("P0", 2, 1, {"failing": 0, "uncovered": 1, "unverified": 0, "suspect": 0, "covered": 1}),
        ("P1", 1, 1, {"failing": 1, "uncovered": 0, "unverified": 0, "suspect": 0, "covered": 0}),
        (None, 1, 0, {"failing": 0, "uncovered": 1, "unverified": 0, "suspect": 0, "covered": 0}),
    ]
    assert matrix.failed_conditions(("uncovered", "uncovered-p0", "failing", "dangling",
                                     "suspect")) == (
        "uncovered", "uncovered-p0", "failing", "dangling")


def test_without_implementation_scanning_a_test_covers() -> None:
    inputs = TraceInputs(known=KNOWN, requirements=ROWS[:1],
                         test_tags=(tag("SPEC-0042/FR-1", "tests/t.py"),))
    assert states(build_trace_matrix(inputs, FINDER)) == {"SPEC-0042/FR-1": "covered"}
    scanned = TraceInputs(known=KNOWN, requirements=ROWS[:1], implementation_scanned=True,
                          test_tags=(tag("SPEC-0042/FR-1", "tests/t.py"),))
    assert states(build_trace_matrix(scanned, FINDER)) == {"SPEC-0042/FR-1": "uncovered"}


def test_a_passing_result_alone_covers_and_a_test_named_twice_counts_once() -> None:
    inputs = TraceInputs(known=KNOWN, requirements=ROWS[:1], testcases=(
        case("SPEC-0042/FR-1 spec_0042_fr_1", properties=(("requirement", "SPEC-0042/FR-1"),)),))
    (row,) = build_trace_matrix(inputs, FINDER).requirements
    assert (row.state, len(row.results)) == ("covered", 1)


def test_rows_left_out_are_not_dangling() -> None:
    inputs = TraceInputs(known=KNOWN, requirements=ROWS[:1],
                         implementation_tags=(tag("SPEC-0050/FR-1"), tag("SPEC-0042/FR-2")))
    matrix = build_trace_matrix(inputs, FINDER)
    assert matrix.dangling == ()
    assert [len(row.implemented_by) for row in matrix.requirements] == [0]


def test_junit_reports_of_real_runners() -> None:
    rows = tuple(requirement(item) for item in ("FR-3", "FR-4", "FR-5", "FR-6", "NFR-1"))
    testcases = tuple(testcase for name in ("pytest-xunit1.xml", "junit5-console.xml",
                                            "surefire.xml", "go-junit-report.xml", "nested.xml")
                      for testcase in read_junit(SAMPLES / name))
    matrix = build_trace_matrix(TraceInputs(KNOWN, rows, testcases=testcases), FINDER)
    results = {str(row.requirement.reference): [(case.file.name, case.name, case.result)
                                                for case in row.results]
               for row in matrix.requirements}
    assert results == {
        "SPEC-0042/FR-3": [
            ("pytest-xunit1.xml", "test_accepts_valid_password", "passed"),
            ("pytest-xunit1.xml", "test_rejects_empty_password", "failed"),
            ("junit5-console.xml", "acceptsValidPassword()", "passed"),
            ("go-junit-report.xml", "TestLogin/SPEC-0042/FR-3", "passed")],
        "SPEC-0042/FR-4": [
            ("pytest-xunit1.xml", "test_rejects_empty_password", "failed"),
            ("junit5-console.xml", "spec_0042_fr_4_rejectsEmptyPassword()", "failed"),
            ("go-junit-report.xml", "TestSPEC_0042_FR_4_RejectsEmptyPassword", "failed"),
            ("nested.xml", "shows an error for SPEC-0042/FR-4", "failed")],
        "SPEC-0042/FR-5": [
            ("pytest-xunit1.xml", "test_spec_0042_fr_5_stores_sessions", "error"),
            ("junit5-console.xml", "SPEC_0042_FR_5_storesSessions()", "error"),
            ("nested.xml", "test_spec_0042_fr_5", "passed")],
        "SPEC-0042/FR-6": [
            ("surefire.xml", "SPEC_0042_FR_6_expiresIdleSessions", "passed"),
            ("nested.xml", "keeps the session", "passed")],
        "SPEC-0042/NFR-1": [
            ("pytest-xunit1.xml", "test_by_reference[SPEC-0042/NFR-1]", "passed")],
    }
    assert states(matrix) == {"SPEC-0042/FR-3": "failing", "SPEC-0042/FR-4": "failing",
                              "SPEC-0042/FR-5": "failing", "SPEC-0042/FR-6": "covered",
                              "SPEC-0042/NFR-1": "covered"}
    assert matrix.dangling == ()


def stamp(commit: str, time: int) -> CommitStamp:
    return CommitStamp(commit * 40, time)


def test_suspect_tags_and_links() -> None:
    change = RequirementChange(stamp("c", 200), {"id": "FR-1", "description": "old"},
                               {"id": "FR-1", "description": "new"})
    history = LinkHistory(
        changes={ItemReference("SPEC-0042", "FR-1"): change},
        file_touches={"src/a.py": (stamp("a", 100),), "tests/t.py": (stamp("b", 300),)},
        approvals={"SPEC-0050": stamp("d", 150), "SPEC-0051": stamp("e", 250)})
    inputs = TraceInputs(
        known=KNOWN, requirements=ROWS[:2], history=history,
        implementation_tags=(tag("SPEC-0042/FR-1", "src/a.py"),
                             tag("SPEC-0042/FR-2", "src/a.py")),
        test_tags=(tag("SPEC-0042/FR-1", "tests/t.py"),),
        links=(ItemLink("SPEC-0050", "FR-1", "depends_on", ItemReference("SPEC-0042", "FR-1")),
               ItemLink("SPEC-0051", None, "related", ItemReference("SPEC-0042", "FR-1")),
               ItemLink("SPEC-0050", "FR-1", "refines", ItemReference("SPEC-0042", "FR-2")),
               ItemLink("SPEC-0050", "FR-1", "refines", ItemReference("SPEC-0042", "FR-8"))))
    matrix = build_trace_matrix(inputs, FINDER)
    first, second = matrix.requirements
    (implemented,) = first.implemented_by
    assert implemented.suspect is not None
    assert (implemented.suspect.change, implemented.suspect.confirmed) == (change, stamp("a", 100))
    assert [link.suspect for link in first.verified_by] == [None]  # touched after the change
    assert [(link.link.source_spec, link.suspect is not None) for link in first.linked_from] == [
        ("SPEC-0050", True), ("SPEC-0051", False)]
    assert [link.suspect for link in second.implemented_by] == [None]  # FR-2 did not change
    assert [link.suspect for link in second.linked_from] == [None]
    assert (first.state, second.state) == ("suspect", "uncovered")
    assert matrix.failed_conditions(("suspect",)) == ("suspect",)


def test_a_go_subtest_name_with_words_after_the_reference() -> None:
    # t.Run("SPEC-0042/FR-3 rejects empty", ...) reports TestLogin/SPEC-0042/FR-3_rejects_empty.
    inputs = TraceInputs(known=KNOWN, requirements=(requirement("FR-3"),), testcases=(
        case("TestLogin/SPEC-0042/FR-3_rejects_empty"),
        case("TestLogin/SPEC-0042/FR-33_x", "failed"),
        case("TestLogin/SPEC-0042/FR-3x_y", "failed")))
    matrix = build_trace_matrix(inputs, FINDER)
    (row,) = matrix.requirements
    assert [case.name for case in row.results] == ["TestLogin/SPEC-0042/FR-3_rejects_empty"]
    assert [entry.written for entry in matrix.dangling] == ["SPEC-0042/FR-33_x",
                                                            "SPEC-0042/FR-3x_y"]


def test_references_in_any_letter_case_link_in_tags_and_results_alike() -> None:
    # A failing test named `spec-0042/fr-1` was read past (a test named
    # `test_spec_0042_fr_1` was linked), so `--fail-on failing` passed.
    inputs = TraceInputs(
        known=KNOWN, requirements=ROWS[:3],
        test_tags=(tag("// spec-0042/fr-2", "tests/t.go"), tag("SPEC-0042/fr-3", "tests/t.go")),
        testcases=(case("spec-0042/fr-1", "failed"), case("TestSpec_0042_Fr_2"),
                   case("Spec-0042/Fr-9 empty", "error")), results_given=True)
    matrix = build_trace_matrix(inputs, FINDER)
    assert states(matrix) == {"SPEC-0042/FR-1": "failing", "SPEC-0042/FR-2": "covered",
                              "SPEC-0042/FR-3": "unverified"}
    assert [(entry.written, entry.result, entry.message) for entry in matrix.dangling] == [
        ("Spec-0042/Fr-9", "error", "Spec-0042/Fr-9 names no item Fr-9 of Spec-0042")]


def test_a_tag_in_another_case_naming_nothing_is_no_dangling_reference() -> None:
    """newuser72: read in any letter case, a fixture's path in scanned code
    (`tests/fixtures/spec-0042/valid.json`) dangled and failed `--fail-on dangling`; in
    the case ids have, it dangles as before."""
    inputs = TraceInputs(known=KNOWN, requirements=ROWS[:1], implementation_tags=(
        tag('"tests/fixtures/spec-0042/valid.json"'), tag("# see spec-2/index.html"),
        tag("# SPEC-0042/FR-99"), tag("# spec-0042/fr-1")))
    matrix = build_trace_matrix(inputs, FINDER)
    assert [entry.written for entry in matrix.dangling] == ["SPEC-0042/FR-99"]
    assert [link.tag.written for link in matrix.requirements[0].implemented_by] == [
        "spec-0042/fr-1"]


def test_a_renumbered_spec_is_named_whatever_the_case_of_the_reference() -> None:
    inputs = TraceInputs(known=KNOWN, requirements=ROWS[:1], renumbered={"SPEC-0041": "SPEC-0042"},
                         test_tags=(tag("# spec-0041/fr-1", "tests/t.py"),))
    assert [entry.message for entry in build_trace_matrix(inputs, FINDER).dangling] == [
        "spec-0041/fr-1 names no spec spec-0041 (renumbered SPEC-0042 since); did you mean "
        "SPEC-0042/FR-1?"]


def test_a_failed_testcase_mentioning_a_spec_but_reaching_no_requirement_is_told() -> None:
    """newuser71: a failed test named `SPEC-0042 FR-1 rejects` (a space for the `/`) reached
    no requirement, and nothing said so."""
    inputs = TraceInputs(known=KNOWN, requirements=ROWS[:1], results_given=True, testcases=(
        case("SPEC-0042 FR-1 rejects", "failed"), case("test_spec_0042_login", "error"),
        case("SPEC-0042 FR-1 passes"), case("test_other", "failed"),
        case("SPEC-0042/FR-1", "failed")))
    matrix = build_trace_matrix(inputs, FINDER)
    assert [message.split(" but ")[0] for message in matrix.unclaimed] == [
        "report.xml:1: the testcase 'tests.SPEC-0042 FR-1 rejects' failed and mentions SPEC-0042,",
        "report.xml:1: the testcase 'tests.test_spec_0042_login' errored and mentions spec_0042,"]
    assert matrix.unclaimed[0].endswith(
        "but names no requirement (write spec id/item id, as SPEC-0042/FR-3, in its name or a "
        "`requirement` property), nor is one tagged in its test: its failure counts for no "
        "requirement")


def test_a_spec_mentioned_in_any_spelling() -> None:
    assert [FINDER.mentioned_spec(text) for text in (
        "SPEC-0042 FR-1", "spec_0042_x", "testSpec0042", "specs_0042", "XSPEC-0042", "none")] == [
        "SPEC-0042", "spec_0042", "Spec0042", None, None, None]
