"""`specrepo trace --junit` on Go reports (go-junit-report, gotestsum) and on a Jest suite
that failed to run: a Go test tagged by a comment gets its own result, found by its name in
the package its classname names; a package that did not build fails every requirement
tagged in it; a test that cannot be placed is said, never dropped in silence (newuser74)."""

from __future__ import annotations

import json

import pytest

from tests.commands.test_trace import JUNIT
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

SPEC = """\
id: SPEC-0001
title: Login
status: Draft
authors: [Ada Lovelace]
reviewers: []
created: 2026-11-01
updated: 2026-11-01
summary: Login.
requirements:
  functional:
    - {id: FR-1, description: Refuse an empty password., priority: P0}
    - {id: FR-2, description: Lock after three tries., priority: P0}
    - {id: FR-3, description: Keep sessions., priority: P0}
"""
LOGIN_TEST = """\
package login

import "testing"

// SPEC-0001/FR-1
func TestEmptyPassword(t *testing.T) {
\tt.Fatal("accepted")
}

func TestLockout(t *testing.T) {
\t// SPEC-0001/FR-2
\tt.Run("after three tries", func(t *testing.T) {})
}
"""
HELPERS_TEST = """\
package login

import "testing"

func TestHelper(t *testing.T) {
\tt.Fatal("broken helper")
}
"""
SESSION_TEST = """\
package session

import "testing"

// SPEC-0001/FR-3
func TestKeeps(t *testing.T) {
\tOpen()
}
"""


@pytest.fixture
def go_repo(git_repo: GitRepo) -> GitRepo:
    """The Go project the *-comment-tags.xml Go reports were made from."""
    git_repo.commit("Go", {
        "specrepo.yaml": 'specs: specs\ntrace: {tests: ["**/*_test.go"]}\n',
        "specs/SPEC-0001-login.yaml": SPEC, "go.mod": "module example.com/app\n",
        "login/login_test.go": LOGIN_TEST, "login/helpers_test.go": HELPERS_TEST,
        "session/session_test.go": SESSION_TEST})
    return git_repo


def states(*arguments: str) -> tuple[int, dict[str, str], dict[str, object]]:
    result = run_cli("trace", "--format", "json", *arguments)
    document = json.loads(result.stdout)
    return result.exit_code, {row["reference"]: row["state"]
                              for row in document["requirements"]}, document


@pytest.mark.parametrize("report", ["go-junit-report-comment-tags.xml",
                                    "gotestsum-comment-tags.xml"])
def test_go_tests_tagged_by_comment_get_their_own_results(go_repo: GitRepo,
                                                          report: str) -> None:
    """newuser74 #29: the failed `TestEmptyPassword` fails FR-1, which read `unverified`
    with no warning and passed `--fail-on failing`; a subtest's result is its parent's
    (FR-2); an untagged file's failed test (`TestHelper`) fails nothing; a package that
    did not build (`[build failed]`, gotestsum's `TestMain`) fails what is tagged in it."""
    code, found, document = states("--junit", str(JUNIT / report), "--fail-on", "failing")
    assert found == {"SPEC-0001/FR-1": "failing", "SPEC-0001/FR-2": "covered",
                     "SPEC-0001/FR-3": "failing"}
    assert code == 1
    assert document["unlinked"] == []


def test_a_go_test_no_file_of_its_package_defines_is_said(go_repo: GitRepo) -> None:
    """A passed testcase whose test no `_test.go` file of its package defines reaches no
    tag: a warning names it and why, and the tags it left read `unverified`."""
    report = go_repo.root / "renamed.xml"
    report.write_text(
        '<testsuites><testsuite name="example.com/app/login" tests="1">'
        '<testcase classname="example.com/app/login" name="TestEmptyPasswordRenamed"/>'
        "</testsuite></testsuites>", encoding="utf-8")
    result = run_cli("trace", "--junit", str(report))
    assert ("specrepo: warning: login/login_test.go: no test result reaches the tags on "
            "lines 5 (SPEC-0001/FR-1), 11 (SPEC-0001/FR-2), so they verify nothing "
            "(unverified): test example.com/app/login.TestEmptyPasswordRenamed could not be "
            "placed in the file: the report gives no line, and no _test.go file in login/ "
            "defines func TestEmptyPasswordRenamed;") in result.stderr
    _, found, document = states("--junit", str(report))
    assert found["SPEC-0001/FR-1"] == "unverified"
    assert [entry["file"] for entry in document["unlinked"]] == [  # type: ignore[attr-defined]
        "login/login_test.go"]


def test_a_jest_suite_that_failed_to_run_fails_its_requirements(git_repo: GitRepo) -> None:
    """newuser74 #46: jest-junit names a test file that does not parse only in its suite's
    name (the testcase is `Test suite failed to run`): its failure fails every
    requirement tagged in the file, not none of them."""
    git_repo.commit("Jest", {
        "specrepo.yaml": 'specs: specs\ntrace: {tests: ["tests/**"]}\n',
        "specs/SPEC-0001-login.yaml": SPEC,
        "tests/login.test.ts": '// SPEC-0001/FR-1\ntest("refuses", () => {});\n'})
    code, found, _ = states("--junit", str(JUNIT / "jest-junit-suite-failed.xml"),
                            "--fail-on", "failing")
    assert found["SPEC-0001/FR-1"] == "failing"
    assert code == 1


AUTH_SUITE_TEST = """\
package auth

import (
\t"testing"

\t"github.com/stretchr/testify/suite"
)

type AuthSuite struct{ suite.Suite }

func TestAuthSuite(t *testing.T) {
\tsuite.Run(t, new(AuthSuite))
}

// SPEC-0001/FR-2
func (s *AuthSuite) TestLockout() {
}

// SPEC-0001/FR-3
func (s *AuthSuite) TestLogin() {
\ts.Run("empty password", func() {})
\ts.True(false)
}
"""


@pytest.fixture
def suite_repo(git_repo: GitRepo) -> GitRepo:
    """The Go module go-junit-report-module-top-suite.xml was made from."""
    git_repo.commit("Go", {
        "specrepo.yaml": 'specs: specs\ntrace: {tests: ["**/*_test.go"]}\n',
        "specs/SPEC-0001-login.yaml": SPEC, "go.mod": "module example.com/app\n\ngo 1.22\n",
        "app_test.go": 'package app\n\nimport "testing"\n\n// SPEC-0001/FR-1\n'
                       'func TestVersion(t *testing.T) {\n\tt.Fatal("no version")\n}\n',
        "internal/auth/auth_test.go": AUTH_SUITE_TEST})
    return git_repo


def test_the_module_top_package_and_testify_suite_methods_get_their_results(
        suite_repo: GitRepo) -> None:
    """The top folder's package is named by the module path itself (`example.com/app`),
    which named no folder: its failed test's FR-1 read `unverified` in silence and passed
    `--fail-on failing`. A testify suite's test (`TestAuthSuite/TestLogin`) is its method,
    whose tags it reached none of (it was placed at the suite's runner)."""
    code, found, document = states(
        "--junit", str(JUNIT / "go-junit-report-module-top-suite.xml"), "--fail-on", "failing")
    assert found == {"SPEC-0001/FR-1": "failing", "SPEC-0001/FR-2": "covered",
                     "SPEC-0001/FR-3": "failing"}
    assert code == 1
    assert document["unlinked"] == []


def test_a_suite_method_no_test_file_defines_is_said(suite_repo: GitRepo) -> None:
    """A passed suite test whose method no `_test.go` file of its package defines (renamed
    since the run) reaches no tag: a warning names it and why, never placed at the runner."""
    report = suite_repo.root / "renamed.xml"
    report.write_text(
        '<testsuites><testsuite name="example.com/app/internal/auth" tests="2">'
        '<testcase classname="example.com/app/internal/auth" name="TestAuthSuite"/>'
        '<testcase classname="example.com/app/internal/auth" name="TestAuthSuite/TestLogout"/>'
        "</testsuite></testsuites>", encoding="utf-8")
    result = run_cli("trace", "--junit", str(report))
    assert ("test example.com/app/internal/auth.TestAuthSuite/TestLogout could not be "
            "placed in the file: the report gives no line, and TestAuthSuite runs a test "
            "suite, and no _test.go file in internal/auth/ defines a method TestLogout of "
            "it;") in result.stderr
    _, found, _ = states("--junit", str(report))
    assert found["SPEC-0001/FR-3"] == "unverified"
