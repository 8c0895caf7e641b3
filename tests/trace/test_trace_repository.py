"""The trace matrix on a real repository: git grep finds the tags, history's inputs (read
here from git by the test, as the history pass will give them) make links suspect, touching
the test or approving again clears them, and the JSON follows its schema throughout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from specrepo.load.document import JsonValue, value_at
from specrepo.load.junit import read_junit
from specrepo.load.schema_source import bundled_schema
from specrepo.load.yaml_loader import load_yaml
from specrepo.model.references import ItemReference, KnownItems
from specrepo.model.spec_record import SpecRecord, record_from_document
from specrepo.model.trace import (
    CommitStamp,
    ItemLink,
    LinkHistory,
    Requirement,
    RequirementChange,
    Tag,
    TraceMatrix,
)
from specrepo.model.trace_rows import item_links_of, requirements_of
from specrepo.output.json_trace import trace_document
from specrepo.trace.git_grep import tags_of_lines
from specrepo.trace.matrix import TraceInputs, build_trace_matrix
from specrepo.trace.tags import ReferenceFinder, reference_grammar
from tests.history.gitrepo import GitRepo, spec_text
from tests.trace.git_scans import grep_tracked_files

SPECS = {"SPEC-0042": "specs/SPEC-0042-login.yaml", "SPEC-0050": "specs/SPEC-0050-sso.yaml"}


def login_spec(fr1: str = "Log in with a password.") -> str:
    return spec_text("SPEC-0042", "Approved", extra=f"""\
requirements:
  functional:
    - id: FR-1
      description: {fr1}
      priority: P0
    - id: FR-2
      description: Lock out after three failures.
      priority: P1
""")


def sso_spec(status: str) -> str:
    return spec_text("SPEC-0050", status, extra="""\
requirements:
  functional:
    - id: FR-1
      description: Single sign-on builds on password login.
      priority: P2
background:
  related_work:
    - spec: SPEC-0042/FR-1
""")


def versions(repo: GitRepo, path: str) -> list[tuple[CommitStamp, dict[str, JsonValue]]]:
    """Every committed version of a spec, oldest first."""
    log = repo.git("log", "--reverse", "--format=%H %ct", "--", path).splitlines()
    found = []
    for entry in log:
        commit, time = entry.split()
        data = load_yaml(repo.git("show", f"{commit}:{path}").encode()).data
        assert isinstance(data, dict)
        found.append((CommitStamp(commit, int(time)), data))
    return found


def history(repo: GitRepo, files: set[str]) -> LinkHistory:
    """What the history pass will give: each item's last change, each file's last touch,
    each spec's latest approval."""
    changes: dict[ItemReference, RequirementChange] = {}
    approvals = {}
    for spec_id, path in SPECS.items():
        items: dict[str, JsonValue] = {}
        status = None
        for stamp, data in versions(repo, path):
            functional: Any = value_at(data, ("requirements", "functional"))
            for row in requirements_of(record(data)):
                item = next(i for i in functional if i["id"] == row.reference.item_id)
                if items.get(row.reference.item_id) != item:
                    changes[row.reference] = RequirementChange(
                        stamp, items.get(row.reference.item_id), item)
                    items[row.reference.item_id] = item
            if data["status"] == "Approved" and status != "Approved":
                approvals[spec_id] = stamp
            status = data["status"]
    touches: dict[str, tuple[CommitStamp, ...]] = {}
    for file in files:
        commit, time = repo.git("log", "-1", "--format=%H %ct", "--", file).split()
        touches[file] = (CommitStamp(commit, int(time)),)
    return LinkHistory(changes, touches, approvals)


def record(data: dict[str, JsonValue]) -> SpecRecord:
    found = record_from_document(Path("spec.yaml"), load_yaml(json.dumps(data).encode()))
    assert found is not None
    return found


def grep(repo: GitRepo, finder: ReferenceFinder, include: list[str],
         exclude: tuple[str, ...] = ()) -> tuple[Tag, ...]:
    return tags_of_lines(grep_tracked_files(repo.root, finder.git_pattern(), include,
                                            exclude), finder)


def trace(repo: GitRepo, junit: tuple[Path, ...] = ()) -> TraceMatrix:
    """The matrix of the repository's HEAD, as the trace command will build it."""
    requirements: list[Requirement] = []
    links: list[ItemLink] = []
    known: dict[str, list[str]] = {}
    for spec_id, path in SPECS.items():
        data = load_yaml((repo.root / path).read_bytes()).data
        assert isinstance(data, dict)
        rows = requirements_of(record(data))
        requirements.extend(rows)
        links.extend(item_links_of(record(data)))
        known[spec_id] = [row.reference.item_id for row in rows]
    finder = ReferenceFinder(reference_grammar("SPEC", known))
    implementation = grep(repo, finder, ["src/**"], ("tests/**",))
    tests = grep(repo, finder, ["tests/**"])
    testcases = tuple(case for file in junit for case in read_junit(file))
    inputs = TraceInputs(
        KnownItems.of(known), tuple(requirements), tuple(links), implementation, tests,
        testcases, history(repo, {tag.file for tag in implementation + tests}),
        implementation_scanned=True)
    matrix = build_trace_matrix(inputs, finder)
    document = json.loads(json.dumps(trace_document(matrix)))
    jsonschema.Draft202012Validator(bundled_schema("trace.schema.json")).validate(document)
    return matrix


def suspects(matrix: TraceMatrix) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for row in matrix.requirements:
        names = [link.tag.file for link in (*row.implemented_by, *row.verified_by)
                 if link.suspect]
        names += [f"{link.link.source_spec} ({link.link.relation})"
                  for link in row.linked_from if link.suspect]
        if names:
            found[str(row.requirement.reference)] = names
    return found


def test_suspect_links_appear_and_clear(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Specs", {SPECS["SPEC-0042"]: login_spec(),
                          SPECS["SPEC-0050"]: sso_spec("In Review")})
    repo.commit("Code and tests", {
        "src/login.py": "def login():  # SPEC-0042/FR-1\n    pass\n",
        "src/lockout.go": "// Lockout: SPEC-0042/FR-2\npackage auth\n",
        "tests/test_login.py": "def test_spec_0042_fr_1_logs_in():\n    pass\n",
        "tests/lockout_test.go": "func TestSPEC_0042_FR_2(t *testing.T) {}\n",
        "tests/sso.test.js": 'test("SPEC-0050/FR-1 signs in once", () => {});\n',
    })
    repo.commit("Approve SSO", {SPECS["SPEC-0050"]: sso_spec("Approved")})
    matrix = trace(repo)
    assert {str(row.requirement.reference): row.state for row in matrix.requirements} == {
        "SPEC-0042/FR-1": "covered", "SPEC-0042/FR-2": "covered", "SPEC-0050/FR-1": "uncovered"}
    assert suspects(matrix) == {}

    changed = repo.commit("FR-1 changes", {
        SPECS["SPEC-0042"]: login_spec("Log in with a password or a passkey.")})
    matrix = trace(repo)
    assert suspects(matrix) == {"SPEC-0042/FR-1": ["src/login.py", "tests/test_login.py",
                                                   "SPEC-0050 (related)"]}
    row = matrix.requirements[0]
    suspicion = row.implemented_by[0].suspect
    assert suspicion is not None
    assert suspicion.change.stamp.commit == changed
    assert suspicion.change.before == {"id": "FR-1", "description": "Log in with a password.",
                                       "priority": "P0"}

    repo.commit("Test passkeys", {
        "tests/test_login.py": "def test_spec_0042_fr_1_logs_in():\n    pass  # passkeys\n"})
    assert suspects(trace(repo)) == {"SPEC-0042/FR-1": ["src/login.py", "SPEC-0050 (related)"]}

    repo.commit("Passkeys", {"src/login.py": "def login():  # SPEC-0042/FR-1, passkeys\n"})
    repo.commit("SSO back in review", {SPECS["SPEC-0050"]: sso_spec("In Review")})
    repo.commit("SSO approved again", {SPECS["SPEC-0050"]: sso_spec("Approved")})
    assert suspects(trace(repo)) == {}


def test_junit_results_and_dangling_tags(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Specs and code", {
        SPECS["SPEC-0042"]: login_spec(), SPECS["SPEC-0050"]: sso_spec("Draft"),
        "src/login.py": "# SPEC-0042/FR-1\n# SPEC-0042/FR-7\n",
        "tests/test_login.py": "# SPEC-0043/FR-1\n"})
    report = tmp_path / "report.xml"
    report.write_text("""<testsuite name="pytest">
  <testcase classname="tests.test_login" name="test_spec_0042_fr_1"><failure message="no"/>
  </testcase>
  <testcase classname="tests.test_login" name="test_lockout">
    <properties><property name="requirement" value="SPEC-0042/FR-2"/></properties>
  </testcase>
  <testcase classname="tests.test_sso" name="test_single_sign_on">
    <properties><property name=" Requirement" value="spec-0050/fr-1"/></properties>
    <failure message="no"/>
  </testcase>
</testsuite>
""")
    matrix = trace(repo, (report,))
    assert {str(row.requirement.reference): (row.state, [case.result for case in row.results])
            for row in matrix.requirements} == {
        "SPEC-0042/FR-1": ("failing", ["failed"]),
        "SPEC-0042/FR-2": ("uncovered", ["passed"]),  # verified, but nothing implements it
        "SPEC-0050/FR-1": ("failing", ["failed"])}  # the property's name in any case
    assert [entry.message for entry in matrix.dangling] == [
        "SPEC-0042/FR-7 names no item FR-7 of SPEC-0042",
        "SPEC-0043/FR-1 names no spec SPEC-0043"]
