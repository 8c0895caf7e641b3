"""Which tags a testcase stands over: its file named by path (relative or absolute) or module
path, its test's lines (the next testcase's line ends it, or a Python test's own end)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.load.junit import JunitResult, JunitTestcase
from specrepo.trace.tag_places import TagPlaces
from specrepo.trace.work_tree_tests import WorkTreeTests
from tests.support import fuzz

TAGGED = [("tests/test_login.py", 4, "a"), ("tests/test_login.py", 10, "b"),
          ("tests/test_login.py", 30, "c"), ("api/tests/test_login.py", 2, "api"),
          ("src/test/java/com/example/LoginTest.java", 5, "java"),
          ("web/login.test.js", 3, "js")]


def case(*, file: str | None = None, line: int | None = None, classname: str = "",
         name: str = "t", result: JunitResult = "failed") -> JunitTestcase:
    return JunitTestcase(Path("r.xml"), 1, "", classname, name, result, None, (),
                         test_file=file, test_line=line)


@pytest.mark.parametrize(("testcase", "file"), [
    (case(file="tests/test_login.py"), "tests/test_login.py"),
    (case(file="./tests/test_login.py"), "tests/test_login.py"),
    (case(file="/home/ci/work/repo/api/tests/test_login.py"), "api/tests/test_login.py"),
    (case(file="test_login.py"), None),  # two files end so: neither
    (case(file="tests/other.py"), None),
    (case(name="tests.test_login"), "tests/test_login.py"),  # xunit2 collection error
    (case(classname="com.example.LoginTest$Nested"),
     "src/test/java/com/example/LoginTest.java"),
    (case(classname="Test suite failed to run", name="web/login.test.js"),
     "web/login.test.js"),
    (case(classname="login", name="test_login"), None),
])
def test_the_file_a_testcase_names(testcase: JunitTestcase, file: str | None) -> None:
    assert TagPlaces(TAGGED, [testcase]).file_of(testcase) == file


def test_a_test_runs_to_the_next_reported_line() -> None:
    first, second = case(file="tests/test_login.py", line=3), \
        case(file="tests/test_login.py", line=10)
    places = TagPlaces(TAGGED, [first, second])
    assert places.locate(first)[0] == ["a"]
    assert places.locate(second)[0] == ["b", "c"]  # the last one runs to the end
    assert places.locate(case(file="tests/test_login.py"))[0] == []  # no line: no test
    assert places.in_file(case(name="tests.test_login")) == ["a", "b", "c"]
    assert places.in_file(case(name="nowhere")) == []


def test_a_python_test_ends_where_its_def_does(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests/test_login.py").write_text(
        "import pytest\n"
        "\n"
        "# SPEC-1/FR-1\n"                  # 3: the comment above belongs to it
        "# and its rationale\n"            # 4
        "@pytest.mark.parametrize('x', [\n"  # 5: pytest reports 4
        "    1])\n"
        "def test_one(x):\n"
        "    assert x  # SPEC-1/FR-2\n"    # 8
        "\n"
        "x = 'SPEC-1/FR-3'\n"              # 10: module level, in no test
        "class TestMore:\n"                # 11
        "    def test_two(self):  # SPEC-1/FR-4\n"  # 12: pytest reports 11
        "        pass\n", encoding="utf-8")
    tagged = [("tests/test_login.py", line, line) for line in (3, 8, 10, 12)]
    one, two = case(file="tests/test_login.py", line=4), \
        case(file="tests/test_login.py", line=11)
    places = TagPlaces(tagged, [one], WorkTreeTests(tmp_path))  # two left out of the run
    assert places.locate(one)[0] == [3, 8]
    assert TagPlaces(tagged, [one, two], WorkTreeTests(tmp_path)).locate(two)[0] == [12]
    assert TagPlaces(tagged, [one]).locate(one)[0] == [8, 10, 12]  # no extents: to the end


def test_a_python_file_that_cannot_be_parsed_falls_back(tmp_path: Path) -> None:
    (tmp_path / "test_x.py").write_text("def test(:\n  # SPEC-1/FR-1\n", encoding="utf-8")
    extents = WorkTreeTests(tmp_path)
    assert extents("test_x.py", 0) is None
    assert extents("missing.py", 0) is None
    assert extents("test_x.java", 0) is None


def test_python_tests_are_found_by_their_names(tmp_path: Path) -> None:
    """xunit2: no line; the classes after the module in the classname and the name without
    its parameters find one definition, with the comments above it; a function inside a
    test is no test; a name defined twice (in `if` branches too) finds none, and says so."""
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_login.py").write_text(
        "class TestOuter:\n"                 # 1
        "    class TestInner:\n"             # 2
        "        # SPEC-1/FR-1\n"            # 3
        "        def test_a(self):\n"        # 4
        "            def test_b():\n"        # 5: inside a test, no test
        "                pass\n"             # 6
        "\n"
        "# SPEC-1/FR-2\n"                    # 8
        "def test_b():\n"                    # 9
        "    pass\n"                         # 10
        "if True:\n"                         # 11
        "    def test_c(): pass  # SPEC-1/FR-3\n"  # 12
        "else:\n"
        "    def test_c(): pass\n", encoding="utf-8")
    tagged = [("tests/test_login.py", line, line) for line in (3, 8, 12)]
    inner = case(classname="tests.test_login.TestOuter.TestInner", name="test_a[1-x]")
    module = case(classname="tests.test_login", name="test_b")
    twice = case(classname="tests.test_login", name="test_c")
    places = TagPlaces(tagged, [inner, module, twice], WorkTreeTests(tmp_path))
    assert places.locate(inner) == ([3], True)
    assert places.locate(module) == ([8], True)
    assert places.locate(twice) == ([], False)
    assert places.unplaced["tests/test_login.py"] == [(twice, (
        "the report gives no line, and tests/test_login.py defines test_c 2 times"))]
    java = case(classname="example.Login", name="test()")
    assert TagPlaces([("src/example/Login.java", 1, 1)], [java],
                     WorkTreeTests(tmp_path)).locate(java) == ([], False)


@fuzz(100)
@given(st.lists(st.integers(1, 40), max_size=8), st.lists(st.integers(0, 40), max_size=6))
def test_each_tag_in_one_test_at_most(tag_lines: list[int], starts: list[int]) -> None:
    """Tests never overlap: a tag is inside one testcase's test or none (those of testcases
    starting on the same line share it)."""
    tagged = [("t.py", line, index) for index, line in enumerate(tag_lines)]
    cases = [case(file="t.py", line=start) for start in sorted(set(starts))]
    places = TagPlaces(tagged, cases)
    seen = [target for testcase in cases for target in places.locate(testcase)[0]]
    assert len(seen) == len(set(seen))
    assert set(seen) == {index for index, line in enumerate(tag_lines)
                         if cases and line >= cases[0].test_line}  # type: ignore[operator]


def test_a_name_that_fits_several_files_places_nothing_and_its_failure_counts_in_each() -> None:
    """Two services' `tests/test_api.py` (pytest's xunit2 classname `tests.test_api` for
    both): the test is placed in neither file, each file says why, and a failure of it is
    counted in both, never lost (final32 F9)."""
    places = TagPlaces([("a/tests/test_api.py", 1, "a"), ("b/tests/test_api.py", 1, "b")], [])
    failed = case(classname="tests.test_api", name="test_create")
    assert places.locate(failed) == ([], False)
    assert sorted(places.unplaced) == ["a/tests/test_api.py", "b/tests/test_api.py"]
    [(_, why)] = places.unplaced["a/tests/test_api.py"]
    assert why == ("its name fits 2 tagged test files (a/tests/test_api.py, "
                   "b/tests/test_api.py), so it names none")
    assert places.in_file(failed) == ["a", "b"]


def test_a_go_package_path_names_the_folder_of_its_test_files(tmp_path: Path) -> None:
    """go-junit-report and gotestsum name a test by its package's import path and its name:
    the path's last folders name the folder, the name its `func` in one of the folder's
    `_test.go` files (newuser74 #29); a testcase for the whole package (`[build failed]`,
    gotestsum's `TestMain` with no classname, named by its suite) is placed nowhere, and
    its failure counts in each tagged file of the folder."""
    (tmp_path / "app/login").mkdir(parents=True)
    (tmp_path / "app/login/a_test.go").write_text(
        "package login\n\n// SPEC-1/FR-1\nfunc TestA(t *testing.T) {\n}\n", encoding="utf-8")
    (tmp_path / "app/login/b_test.go").write_text(
        "package login\n\nfunc TestB(t *testing.T) {\n\t// SPEC-1/FR-2\n}\n", encoding="utf-8")
    tagged = [("app/login/a_test.go", 3, "a"), ("app/login/b_test.go", 4, "b")]
    places = TagPlaces(tagged, [], WorkTreeTests(tmp_path))
    assert places.locate(case(classname="example.com/app/login", name="TestA")) == (["a"], True)
    assert places.locate(case(classname="login", name="TestB/sub")) == (["b"], True)
    built = case(classname="example.com/app/login", name="[build failed]", result="error")
    main = JunitTestcase(Path("r.xml"), 1, "example.com/app/login", "", "TestMain", "failed",
                         None, ())
    for whole in (built, main):
        assert places.locate(whole) == ([], False)
        assert places.in_file(whole) == ["a", "b"]
    assert places.unplaced["app/login/a_test.go"][1] == (
        main, "the report gives no line, and it names the package, not a test in it")
    assert places.locate(case(classname="example.com/app/other", name="TestA")) == ([], False)


def test_a_go_package_path_is_read_by_the_go_mod_of_its_folder(tmp_path: Path) -> None:
    """Where a `go.mod` gives the folders their import paths, a package path names the
    folder of exactly that path: the top folder's (the module path itself, which named
    nothing), a nested module's folder by its own module path, and not a folder whose last
    names merely end the path (`example.com/app/login` is not `internal/login/`); the path
    below its module, or its last name, names it too, as gotestsum's `relative` and `short`
    classnames do."""
    for name, text in {"go.mod": "module example.com/app\n",
                       "app_test.go":
                           "package app\n\n// SPEC-1/FR-1\nfunc TestTop(t *testing.T) {\n}\n",
                       "internal/login/login_test.go":
                           "package login\n\n// SPEC-1/FR-2\nfunc TestTop(t *testing.T) {\n}\n",
                       "tools/gen/go.mod": "module example.com/generator\n",
                       "tools/gen/gen_test.go":
                           "package gen\n\n// SPEC-1/FR-3\nfunc TestGen(t *testing.T) {\n}\n"
                       }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    tagged = [("app_test.go", 3, "top"), ("internal/login/login_test.go", 3, "login"),
              ("tools/gen/gen_test.go", 3, "gen")]
    places = TagPlaces(tagged, [], WorkTreeTests(tmp_path))
    assert places.locate(case(classname="example.com/app", name="TestTop")) == (["top"], True)
    assert places.locate(case(classname="example.com/app/internal/login", name="TestTop")) \
        == (["login"], True)
    assert places.locate(case(classname="example.com/generator", name="TestGen/sub")) == \
        (["gen"], True)
    for short in ("internal/login", "login"):  # gotestsum's `relative`, `short` names
        assert places.locate(case(classname=short, name="TestTop")) == (["login"], True)
    assert places.locate(case(classname="generator", name="TestGen")) == (["gen"], True)
    for elsewhere in ("example.com/app/login", "example.com/app/tools/gen", "gen"):
        assert places.locate(case(classname=elsewhere, name="TestTop")) == ([], False)
    assert not places.unplaced
    built = case(classname="example.com/app", name="[build failed]", result="error")
    assert places.locate(built) == ([], False)
    assert places.in_file(built) == ["top"]
    assert places.fits_several(case(classname=".", name="TestTop"))  # two modules' tops
