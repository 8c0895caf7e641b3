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
