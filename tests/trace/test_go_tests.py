"""Where a Go test is, by its package folder and name: its `func` to gofmt's lone `}`, with
the comments right above; a subtest runs in its parent; a name that is no test is said."""

from __future__ import annotations

from pathlib import Path

from specrepo.trace.go_tests import GoTestFunctions

LOGIN_TEST = """\
package login

// SPEC-1/FR-1
// and why
func TestOne(t *testing.T) {
\tt.Run("sub", func(t *testing.T) {
\t})
}

func TestShort(t *testing.T) { t.Skip() }

func (s *Suite) TestMethod() {
}

func TestUnclosed(t *testing.T) {
\tif true {
"""


def test_go_tests_are_found_by_name_in_their_package(tmp_path: Path) -> None:
    (tmp_path / "login").mkdir()
    (tmp_path / "login/login_test.go").write_text(LOGIN_TEST, encoding="utf-8")
    (tmp_path / "login/other_test.go").write_text(
        "package login\n\nfunc TestTwice(t *testing.T) {\n}\n", encoding="utf-8")
    (tmp_path / "login/more_test.go").write_text(
        "package login\n\nfunc TestTwice(t *testing.T) {\n}\n", encoding="utf-8")
    (tmp_path / "login/login.go").write_text("package login\n\nfunc TestNot() {\n}\n",
                                             encoding="utf-8")
    (tmp_path / "top_test.go").write_text("package app\n\nfunc TestTop(t *testing.T) {\n}\n",
                                          encoding="utf-8")
    tests = GoTestFunctions(tmp_path)
    assert tests.in_package("login", "TestOne") == ("login/login_test.go", (3, 8))
    assert tests.in_package("login", "TestOne/sub") == ("login/login_test.go", (3, 8))
    assert tests.in_package("login", "TestShort") == ("login/login_test.go", (10, 10))
    assert tests.in_package("login", "TestUnclosed") == ("login/login_test.go", (15, 16))
    assert tests.in_package("", "TestTop") == ("top_test.go", (3, 4))
    assert tests.in_package("login", "TestMethod") == \
        "no _test.go file in login/ defines func TestMethod"
    assert tests.in_package("login", "TestNot") == \
        "no _test.go file in login/ defines func TestNot"  # not a test file
    assert tests.in_package("login", "TestTwice") == \
        "the _test.go files in login/ define TestTwice 2 times"
    assert tests.in_package("login", "[build failed]") == \
        "it names the package in login/, not a test in it"
    assert tests.in_package("gone", "TestOne") == "no _test.go file in gone/ defines func TestOne"


def test_a_package_path_is_its_go_mods_module_path_and_the_folders_below(
        tmp_path: Path) -> None:
    """The nearest `go.mod` at or above a folder gives its import path (Go's rule): the top
    folder's package is the module path itself; a module in a sub-folder (a go.work's, or
    nested) maps its own path onto that folder, whatever its name; no `go.mod`, or one
    without a module line, tells nothing."""
    files = {"go.mod": "// the service\nmodule github.com/acme/svc // main\n\ngo 1.22\n",
             "go.work": "go 1.22\n\nuse (\n\t.\n\t./tools/gen\n)\n",
             "tools/gen/go.mod": 'module "github.com/acme/generator"\n',
             "broken/go.mod": "go 1.22\n"}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    tests = GoTestFunctions(tmp_path)
    assert tests.package_path("") == ("github.com/acme/svc", "")
    assert tests.package_path("internal/auth") == ("github.com/acme/svc", "internal/auth")
    assert tests.package_path("tools/gen") == ("github.com/acme/generator", "")
    assert tests.package_path("tools/gen/parse") == ("github.com/acme/generator", "parse")
    assert tests.package_path("tools") == ("github.com/acme/svc", "tools")
    assert tests.package_path("broken/x") is None
    assert GoTestFunctions(tmp_path / "tools").package_path("") is None  # no go.mod above


SUITE_TEST = """\
package auth

type AuthSuite struct{ suite.Suite }

type OtherSuite struct{ suite.Suite }

func TestAuthSuite(t *testing.T) {
\tsuite.Run(t, new(AuthSuite))
}

func TestOtherSuite(tt *testing.T) { suite.Run(tt, &OtherSuite{}) }

func TestMadeSuite(t *testing.T) {
\tsuite.Run(t, newSuite())
}

func TestTable(t *testing.T) {
\tt.Run("TestLogin", func(t *testing.T) {})
}

// SPEC-1/FR-1
func (s *AuthSuite) TestLogin() {
\ts.Run("empty", func() {})
}

func (s *OtherSuite) TestLogin() {
}

func (s OtherSuite) TestOnlyHere() {
}
"""


def test_a_testify_suite_test_is_its_method(tmp_path: Path) -> None:
    """`TestAuthSuite/TestLogin` (and its subtests) is the method `TestLogin` of the suite
    `TestAuthSuite` runs, told from another suite's by the type the runner names; a suite
    method no test file defines is said, never placed at the runner; a plain subtest
    (`t.Run`) stays in its test."""
    (tmp_path / "auth").mkdir()
    (tmp_path / "auth/auth_test.go").write_text(SUITE_TEST, encoding="utf-8")
    tests = GoTestFunctions(tmp_path)
    assert tests.in_package("auth", "TestAuthSuite") == ("auth/auth_test.go", (7, 9))
    assert tests.in_package("auth", "TestAuthSuite/TestLogin") == ("auth/auth_test.go", (21, 24))
    assert tests.in_package("auth", "TestAuthSuite/TestLogin/empty") == \
        ("auth/auth_test.go", (21, 24))
    assert tests.in_package("auth", "TestOtherSuite/TestLogin") == ("auth/auth_test.go", (26, 27))
    assert tests.in_package("auth", "TestOtherSuite/TestOnlyHere") == \
        ("auth/auth_test.go", (29, 30))
    assert tests.in_package("auth", "TestMadeSuite/TestOnlyHere") == \
        ("auth/auth_test.go", (29, 30))  # the one method of that name
    assert tests.in_package("auth", "TestMadeSuite/TestLogin") == (
        "the _test.go files in auth/ define the suite method TestLogin 2 times "
        "(AuthSuite.TestLogin, OtherSuite.TestLogin)")
    assert tests.in_package("auth", "TestAuthSuite/TestLogout") == (
        "TestAuthSuite runs a test suite, and no _test.go file in auth/ defines a method "
        "TestLogout of it")
    assert tests.in_package("auth", "TestTable/TestLogin") == ("auth/auth_test.go", (17, 19))
    assert tests.in_package("auth", "TestTable/TestLogout") == ("auth/auth_test.go", (17, 19))
    assert tests.in_package("auth", "TestLogin") == \
        "no _test.go file in auth/ defines func TestLogin"  # a method is no test
