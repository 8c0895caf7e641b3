"""`specrepo trace --junit` on real pytest reports (tests/load/junit/pytest9-*.xml) and a real
git repository holding the tests they were made from: results reach the requirements tagged
inside each test (comments too), a test file that failed to import fails its requirements,
results that vouch for nothing read `unverified`, and a failed test whose reference names
nothing still fails the gate (trial31 #1-#4)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from specrepo.load.schema_source import bundled_schema
from tests.commands.test_trace import JUNIT, LOGIN
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

TEST_LOGIN = """\
import pytest


# SPEC-0042/FR-3
def test_accepts_valid_password():
    assert True


def test_rejects_empty_password():
    # SPEC-0042/FR-4
    assert "" == "secret"


def test_stores_sessions():  # SPEC-0042/FR-5
    assert False


# SPEC-0042/NFR-1
@pytest.mark.skip(reason="needs a mail server")
def test_hashes_passwords():
    pass
"""
TEST_SESSION = """\
import session_store  # not installed: the module fails to import


def test_spec_0042_fr_5():
    assert session_store.open()
"""


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """The project the pytest9-*.xml reports were made from (tests/load/junit/README.md)."""
    git_repo.commit("Login, tagged with comments", {
        "specrepo.yaml": "specs: specs\ntrace: {tests: [tests/**]}\n",
        "specs/SPEC-0042-login.yaml": LOGIN, "tests/__init__.py": "",
        "tests/test_login.py": TEST_LOGIN, "tests/test_session.py": TEST_SESSION})
    return git_repo


def traced(*arguments: str) -> tuple[int, dict[str, str], dict[str, list[str]], Any]:
    """Exit code, each requirement's state and results (`name=result`), the document."""
    result = run_cli("trace", "--format", "json", *arguments)
    document = json.loads(result.stdout)
    jsonschema.validate(document, bundled_schema("trace.schema.json"))
    rows = document["requirements"]
    return (result.exit_code, {row["reference"]: row["state"] for row in rows},
            {row["reference"]: [f"{case['name']}={case['result']}" for case in row["results"]]
             for row in rows}, document)


@pytest.mark.parametrize("report", ["pytest9-comment-tags.xml",
                                    "pytest9-comment-tags-xunit2.xml"])
def test_tests_tagged_by_comment_get_their_own_results(repo: GitRepo, report: str) -> None:
    """trial31 #2: the comment above a test, inside it, or on its `def` line; pytest's
    xunit1 `file` and `line` say which test a result is. Its default family (xunit2)
    writes neither: the classname names the module, the name the test, and Python's
    parser finds its `def`; a failed test found so fails only its own requirements."""
    assert "warning" not in run_cli("trace", "--junit", str(JUNIT / report)).stderr
    code, states, results, _ = traced("--junit", str(JUNIT / report), "--fail-on", "failing")
    assert code == 1
    assert states == {"SPEC-0042/FR-3": "covered", "SPEC-0042/FR-4": "failing",
                      "SPEC-0042/FR-5": "failing", "SPEC-0042/NFR-1": "unverified"}
    assert results == {"SPEC-0042/FR-3": ["test_accepts_valid_password=passed"],
                       "SPEC-0042/FR-4": ["test_rejects_empty_password=failed"],
                       "SPEC-0042/FR-5": ["test_stores_sessions=failed"],
                       "SPEC-0042/NFR-1": ["test_hashes_passwords=skipped"]}


def test_a_test_left_out_of_the_run_lends_its_tags_to_no_other(repo: GitRepo) -> None:
    """`-k "not stores"`: FR-5's test did not run; the test before it ends at its own end,
    so FR-5 does not take its failure (nor, had it passed, its pass)."""
    code, states, results, _ = traced("--junit", str(JUNIT / "pytest9-deselected.xml"),
                                      "--fail-on", "unverified")
    assert code == 1
    assert states["SPEC-0042/FR-5"] == "unverified" and results["SPEC-0042/FR-5"] == []
    assert results["SPEC-0042/FR-4"] == ["test_rejects_empty_password=failed"]


@pytest.mark.parametrize("report", ["pytest9-collection-error-xunit1.xml",
                                    "pytest9-collection-error-xunit2.xml"])
def test_a_test_file_that_failed_to_import_fails_its_requirements(repo: GitRepo,
                                                                  report: str) -> None:
    """trial31 #1: pytest writes one `<error>` testcase naming the module (xunit1: and its
    file), and stops: no test ran. What is tagged in that file fails; what is tagged
    elsewhere has no passed result, so it is unverified, never covered."""
    code, states, results, _ = traced("--junit", str(JUNIT / report),
                                      "--fail-on", "failing,uncovered")
    assert code == 1
    assert states == {"SPEC-0042/FR-3": "unverified", "SPEC-0042/FR-4": "unverified",
                      "SPEC-0042/FR-5": "failing", "SPEC-0042/NFR-1": "unverified"}
    assert results["SPEC-0042/FR-5"] == ["tests.test_session=error"]


def test_unverified_only_when_results_are_given(repo: GitRepo) -> None:
    """trial31 #3: without `--junit` tags cover (and a gate on `unverified` could never
    fail: a usage error); with it, a tag needs a passed result."""
    refused = run_cli("trace", "--fail-on", "unverified")
    assert refused.exit_code == 2
    assert "--fail-on unverified needs test results (--junit)" in refused.output
    result = run_cli("trace")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        "Trace: 4 requirements: 4 covered (100%), 0 failing, 0 uncovered, 0 unverified, "
        "0 suspect.")
    gated = run_cli("trace", "--junit", str(JUNIT / "pytest9-comment-tags.xml"),
                    "--fail-on", "unverified")
    assert gated.exit_code == 1
    assert gated.output.splitlines()[0] == (
        "Trace: 4 requirements: 4 covered by tags or tests (100%), 1 verified by a passing "
        "test (25%), 2 failing, 0 uncovered, 1 unverified, 0 suspect.")
    assert gated.output.splitlines()[-1] == ("Failing conditions: unverified (2 requirements "
                                             "counted as failing)")


def implemented_elsewhere(repo: GitRepo) -> None:
    """Scan `src/`, where only FR-4 is implemented."""
    repo.commit("Implementation", {
        "specrepo.yaml": "specs: specs\ntrace: {tests: [tests/**], implementation: [src/**]}\n",
        "src/login.py": "# SPEC-0042/FR-4\n"})


def test_a_requirement_tested_but_not_implemented_says_what_it_lacks(repo: GitRepo) -> None:
    """final32 F5: where implementation files are scanned, FR-3's passing test verifies it,
    but nothing implements it: uncovered, and the summary says why rather than calling
    it neither covered by tests nor verified."""
    implemented_elsewhere(repo)
    code, states, _, _ = traced("--junit", str(JUNIT / "pytest9-comment-tags.xml"),
                                       "--fail-on", "uncovered")
    assert code == 1
    assert states == {"SPEC-0042/FR-3": "uncovered", "SPEC-0042/FR-4": "failing",
                      "SPEC-0042/FR-5": "failing", "SPEC-0042/NFR-1": "uncovered"}
    result = run_cli("trace", "--junit", str(JUNIT / "pytest9-comment-tags.xml"))
    assert result.output.splitlines()[0] == (
        "Trace: 4 requirements: 1 implemented and covered by tags or tests (25%), 1 verified "
        "by a passing test (25%), 2 failing, 2 uncovered (2 not implemented), 0 unverified, "
        "0 suspect.")
    site = run_cli("site", "--junit", str(JUNIT / "pytest9-comment-tags.xml"), "--out", "site")
    assert site.exit_code == 0, site.output
    assert "(25%), 1 verified by a passing test (25%); uncovered: 2 not implemented." \
        in (repo.root / "site" / "trace.html").read_text()


DANGLING = """\
<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="login" tests="4" failures="2">
<testcase classname="tests.test_login" name="test_spec_0042_fr_3"/>
<testcase classname="tests.test_login" name="test_password_rules"><properties>
<property name="requirements" value="SPEC-0042/FR-4  SPEC-0042/FR-5,SPEC-0042/NFR-1"/>
</properties></testcase>
<testcase classname="LoginTest" name="SPEC-0042/FR-03 rejects blank">
<failure message="x"/></testcase>
<testcase classname="LoginTest" name="SPEC-0042/FR-09 passes"/>
</testsuite></testsuites>
"""


def test_a_failed_test_whose_reference_names_nothing_fails_the_gate(repo: GitRepo,
                                                                     tmp_path: Path) -> None:
    """trial31 #4: README's gate `uncovered-p0,failing,suspect`: a failure is never lost
    because its test names a requirement that does not exist (a typo, a renumbered item);
    a passed test naming nothing is only dangling. `requirements` takes spaces too."""
    report = tmp_path / "junit.xml"
    report.write_text(DANGLING, encoding="utf-8")
    result = run_cli("trace", "--junit", str(report), "--fail-on",
                     "uncovered-p0,failing,suspect")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].endswith("0 failing, 0 uncovered, 0 unverified, 0 suspect; "
                             "2 dangling references (1 of failed tests).")
    assert any(line.split()[1:3] == ["junit", "(failed)"] and "FR-03" in line
               for line in lines)
    assert lines[-1] == "Failing conditions: failing"
    code, _, results, document = traced("--junit", str(report))
    assert code == 0
    assert results["SPEC-0042/NFR-1"] == ["test_password_rules=passed"]
    assert [entry["result"] for entry in document["dangling"]] == ["failed", "passed"]
    passed_only = DANGLING.replace('<failure message="x"/>', "")
    report.write_text(passed_only, encoding="utf-8")
    assert run_cli("trace", "--junit", str(report), "--fail-on", "failing").exit_code == 0


TEST_LOCKOUT = """\
import pytest


class TestLockout:
    # SPEC-0042/FR-3
    @pytest.mark.parametrize("attempts", [3, 5])
    def test_locks_after(self, attempts):
        assert attempts >= 3


# SPEC-0042/FR-4
def test_unlocks():
    pass


def test_unlocks():  # SPEC-0042/FR-5: defined twice, pytest runs this one
    pass
"""


def test_a_test_that_cannot_be_found_by_name_is_said(repo: GitRepo) -> None:
    """A class's test is found through its classname (`tests.test_lockout.TestLockout`) and
    its parametrised name; a name defined twice is ambiguous: its tags stay unverified, and
    a warning names the test and says why, never a silent `unverified`."""
    repo.commit("Lockout", {"tests/test_lockout.py": TEST_LOCKOUT})
    report = str(JUNIT / "pytest9-lockout-xunit2.xml")
    result = run_cli("trace", "--junit", report)
    assert result.exit_code == 0
    assert result.stderr == (
        "specrepo: warning: tests/test_lockout.py: no test result reaches the tags on lines "
        "11 (SPEC-0042/FR-4), 16 (SPEC-0042/FR-5), so they verify nothing (unverified): "
        "test tests.test_lockout.test_unlocks could not be placed in the file: the report "
        "gives no line, and tests/test_lockout.py defines test_unlocks 2 times; name the "
        "requirement in the test's name or a `requirement` property, or write reports with "
        "lines (pytest: -o junit_family=xunit1)\n")
    _, states, results, document = traced("--junit", report)
    assert document["unlinked"] == [{
        "file": "tests/test_lockout.py",
        "tags": [{"line": 11, "column": 3, "written": "SPEC-0042/FR-4"},
                 {"line": 16, "column": 24, "written": "SPEC-0042/FR-5"}],
        "tests": ["tests.test_lockout.test_unlocks"],
        "reason": "the report gives no line, and tests/test_lockout.py defines test_unlocks "
                  "2 times"}]
    assert results["SPEC-0042/FR-3"] == ["test_locks_after[3]=passed",
                                         "test_locks_after[5]=passed"]
    assert states == {"SPEC-0042/FR-3": "covered", "SPEC-0042/FR-4": "unverified",
                      "SPEC-0042/FR-5": "unverified", "SPEC-0042/NFR-1": "unverified"}


LOGIN_TEST_JAVA = """\
package example;

class LoginTest {

    @Test
    @DisplayName("SPEC-0042/FR-3 accepts a valid password")
    void acceptsValidPassword() {
    }

    // SPEC-0042/NFR-1
    @Test
    @Disabled("needs a mail server")
    void sendsResetMail() {
    }
}
"""


def test_junit5_comment_tags_without_lines_are_said(repo: GitRepo) -> None:
    """JUnit 5 reports (the console launcher, Maven Surefire) give a class and a method,
    no file nor line, and specrepo finds tests by name in Python only: a display name
    links its test, a comment tag is named in a warning with the reason."""
    repo.commit("Java", {
        "specrepo.yaml": "specs: specs\ntrace: {tests: [tests/**, src/test/**]}\n",
        "src/test/java/example/LoginTest.java": LOGIN_TEST_JAVA})
    result = run_cli("trace", "--junit", str(JUNIT / "junit5-console.xml"))
    warning = ("specrepo: warning: src/test/java/example/LoginTest.java: no test result "
               "reaches the tags on lines 10 (SPEC-0042/NFR-1), so they verify nothing "
               "(unverified): test example.LoginTest.acceptsValidPassword() could not be "
               "placed in the file: the report gives no line, and tests are found by name "
               "in Python files only; 5 more of its tests alike; name the requirement")
    assert warning in result.stderr
    _, states, _, _ = traced("--junit", str(JUNIT / "junit5-console.xml"))
    assert states["SPEC-0042/FR-3"] == "covered"
    assert states["SPEC-0042/NFR-1"] == "unverified"


def test_a_test_file_two_services_share_is_not_told_to_give_lines(
        repo: GitRepo, tmp_path: Path) -> None:
    """Two services' `tests/test_api.py`, a report with the file and the line (pytest's
    xunit1 family, run in one service): the file fits both, which no line tells apart, so
    the warning says to run from the repository's top, not to write lines it has
    (check59)."""
    test_api = "def test_create():\n    # {}\n    pass\n"
    repo.commit("Two services", {
        "specrepo.yaml": "specs: specs\ntrace: {tests: [tests/**, a/tests/**, b/tests/**]}\n",
        "a/tests/test_api.py": test_api.format("SPEC-0042/FR-3"),
        "b/tests/test_api.py": test_api.format("SPEC-0042/FR-4")})
    report = tmp_path / "a.xml"
    report.write_text('<testsuite name="pytest"><testcase classname="tests.test_api" '
                      'name="test_create" file="tests/test_api.py" line="0"/></testsuite>',
                      encoding="utf-8")
    result = run_cli("trace", "--junit", str(report), no_traceback=True)
    assert ("a/tests/test_api.py: no test result reaches the tags on lines 2 "
            "(SPEC-0042/FR-3)") in result.stderr
    assert ("its file fits 2 tagged test files (a/tests/test_api.py, b/tests/test_api.py), "
            "so it names none; name the requirement in the test's name or a `requirement` "
            "property, or run the tests from the repository's top, so that the report's "
            "paths tell the files apart") in result.stderr
    assert "junit_family" not in result.stderr


def test_references_in_any_letter_case_are_tags_and_results_alike(git_repo: GitRepo) -> None:
    """newuser71: a failed testcase named `spec-0042/fr-3` was neither linked nor dangling,
    and `--fail-on failing` passed, while `test_spec_0042_fr_3` was linked. Both spellings
    are read in any case, in a test file (found by git grep) as in a JUnit report."""
    git_repo.commit("Login", {
        "specrepo.yaml": "specs: specs\ntrace: {tests: [tests/**]}\n",
        "specs/SPEC-0042-login.yaml": LOGIN,
        "tests/login_test.go": '// spec-0042/fr-4\nfunc TestSpec_0042_Nfr_1(t *testing.T) {}\n'})
    report = git_repo.root / "report.xml"
    report.write_text('<testsuite name="s"><testcase classname="x" name="spec-0042/fr-3">'
                      '<failure/></testcase><testcase classname="x" name="spec-0042/fr-9">'
                      '<error/></testcase></testsuite>')
    code, states, results, document = traced("--junit", str(report), "--fail-on", "failing")
    assert code == 1
    assert states == {"SPEC-0042/FR-3": "failing", "SPEC-0042/FR-4": "unverified",
                      "SPEC-0042/FR-5": "uncovered", "SPEC-0042/NFR-1": "unverified"}
    assert results["SPEC-0042/FR-3"] == ["spec-0042/fr-3=failed"]
    assert [entry["written"] for entry in document["dangling"]] == ["spec-0042/fr-9"]


def test_a_failed_testcase_that_only_mentions_a_spec_gets_a_warning(git_repo: GitRepo) -> None:
    """newuser71: `SPEC-0042 FR-3 rejects` (no `/`) names no requirement; its failure is
    said on standard error, not dropped without a word."""
    git_repo.commit("Login", {"specrepo.yaml": "specs: specs\n",
                              "specs/SPEC-0042-login.yaml": LOGIN})
    report = git_repo.root / "report.xml"
    report.write_text('<testsuite name="s"><testcase classname="x" name="SPEC-0042 FR-3 '
                      'rejects"><failure/></testcase></testsuite>')
    result = run_cli("trace", "--junit", str(report))
    assert result.stderr.startswith(
        f"specrepo: warning: {report.as_posix()}:1: the testcase 'x.SPEC-0042 FR-3 rejects' "
        "failed and mentions SPEC-0042, but names no requirement"), result.stderr


UNCLAIMED_FAILURE = """\
<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="1" failures="1">
<testcase classname="tests.test_other" name="test_spec_0042_rejects" file="tests/test_other.py"
 line="3"><failure message="boom">boom</failure></testcase>
</testsuite></testsuites>
"""


@pytest.mark.parametrize("output_format", ["json", "markdown"])
def test_a_warning_reaches_the_json_and_markdown_outputs(
        repo: GitRepo, tmp_path: Path, output_format: str) -> None:
    """tr71's warning for a failed testcase that mentions a spec but reaches no requirement
    was said on stderr only: `--format json` (and the job summary's Markdown) lacked it, as
    every warning of the run, where `diff`'s JSON holds its own."""
    report = tmp_path / "report.xml"
    report.write_text(UNCLAIMED_FAILURE)
    result = run_cli("trace", "--format", output_format, "--junit", str(report))
    warned = [line.removeprefix("specrepo: warning: ") for line in result.stderr.splitlines()
              if "test_spec_0042_rejects" in line]
    assert len(warned) == 1, result.stderr
    if output_format == "json":
        document = json.loads(result.stdout)
        jsonschema.validate(document, bundled_schema("trace.schema.json"))
        assert warned[0] in document["warnings"]
    else:
        assert f"**Warning:** {report}:3: the testcase 'tests.test_other." \
               "test_spec_0042_rejects' failed and mentions spec_0042" in result.stdout


def test_a_failed_test_with_a_line_in_a_file_two_services_share_fails_both(
        repo: GitRepo, tmp_path: Path) -> None:
    """newuser74: a failed testcase with a file and a line (pytest's xunit1 family) whose
    file fits two tagged test files was placed in neither and its failure dropped: a
    property's passed result left the requirement `covered`. It now fails each file's
    requirements, as one without a line does."""
    test_api = "def test_create():\n    # {}\n    pass\n"
    repo.commit("Two services", {
        "specrepo.yaml": "specs: specs\ntrace: {tests: [tests/**, a/tests/**, b/tests/**]}\n",
        "a/tests/test_api.py": test_api.format("SPEC-0042/FR-3"),
        "b/tests/test_api.py": test_api.format("SPEC-0042/FR-4")})
    report = tmp_path / "a.xml"
    report.write_text(
        '<testsuite name="pytest"><testcase classname="tests.test_api" name="test_create" '
        'file="tests/test_api.py" line="0"><failure message="boom"/></testcase>'
        '<testcase classname="tests.test_other" name="test_other"><properties>'
        '<property name="requirement" value="SPEC-0042/FR-3"/></properties></testcase>'
        "</testsuite>", encoding="utf-8")
    code, states, _, _ = traced("--junit", str(report), "--fail-on", "failing")
    assert states["SPEC-0042/FR-3"] == "failing"
    assert states["SPEC-0042/FR-4"] == "failing"
    assert code == 1
