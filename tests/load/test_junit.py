"""JUnit XML from real runners, and hostile or broken files refused with a clear message."""

from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.errors import ExitCode
from specrepo.base.paths import display_path
from specrepo.load.junit import (
    DEFAULT_MAX_JUNIT_BYTES,
    MAX_DEPTH,
    TEXT_LIMIT,
    JunitError,
    JunitResult,
    JunitTestcase,
    junit_files,
    parse_junit,
    read_junit,
    read_junit_reports,
)
from tests.support import fuzz

SAMPLES = Path(__file__).parent / "junit"

Summary = tuple[str, str, JunitResult, str | None, tuple[tuple[str, str], ...], str | None]


def summary(case: JunitTestcase) -> Summary:
    return (case.classname, case.name, case.result, case.message, case.properties,
            case.display_name)


def test_pytest_record_property() -> None:
    cases = read_junit(SAMPLES / "pytest-xunit1.xml")
    assert [summary(case) for case in cases] == [
        ("test_login", "test_accepts_valid_password", "passed", None,
         (("requirement", "SPEC-0042/FR-3"),), None),
        ("test_login", "test_rejects_empty_password", "failed",
         "AssertionError: assert '' == 'secret'",
         (("requirements", "SPEC-0042/FR-3, SPEC-0042/FR-4"),), None),
        ("test_login", "test_spec_0042_fr_5_stores_sessions", "error",
         'failed on setup with "ConnectionError: database unreachable"', (), None),
        ("test_login", "test_sends_reset_mail", "skipped", "needs a mail server", (), None),
        ("test_login.TestLockout", "test_locks_after[3]", "passed", None, (), None),
        ("test_login.TestLockout", "test_locks_after[5]", "passed", None, (), None),
        ("test_login.TestLockout", "test_by_reference[SPEC-0042/NFR-1]", "passed", None, (),
         None),
    ]
    assert {case.suite for case in cases} == {"pytest"}
    assert all(case.file == SAMPLES / "pytest-xunit1.xml" for case in cases)


def test_junit5_display_names_come_from_the_output() -> None:
    cases = read_junit(SAMPLES / "junit5-console.xml")
    assert [summary(case) for case in cases] == [
        ("example.LoginTest", "acceptsValidPassword()", "passed", None, (),
         "SPEC-0042/FR-3 accepts a valid password"),
        ("example.LoginTest", "spec_0042_fr_4_rejectsEmptyPassword()", "failed",
         "an empty password must be refused ==> expected: <secret> but was: <>", (),
         "spec_0042_fr_4_rejectsEmptyPassword()"),
        ("example.LoginTest$Lockout", "locksAfter(int)[1]", "passed", None, (), "[1] 3"),
        ("example.LoginTest", "SPEC_0042_FR_5_storesSessions()", "error",
         "database unreachable", (), "SPEC_0042_FR_5_storesSessions()"),
        ("example.LoginTest$Lockout", "locksAfter(int)[2]", "passed", None, (), "[2] 5"),
        ("example.LoginTest", "sendsResetMail()", "skipped", "needs a mail server", (),
         "sendsResetMail()"),
    ]
    assert [case.line for case in cases] == [9, 15, 25, 31, 41, 47]


def test_surefire_reruns_and_suite_properties() -> None:
    cases = read_junit(SAMPLES / "surefire.xml")
    assert [summary(case) for case in cases] == [
        ("example.SessionTest", "SPEC_0042_FR_6_expiresIdleSessions", "passed", None, (),
         None),
        ("example.SessionTest", "refreshesToken", "failed", "expected: <200> but was: <401>",
         (), None),
        ("example.SessionTest", "storesSessionInRedis", "error", "Connection refused", (),
         None),
        ("example.SessionTest", "clusterFailover", "skipped", "requires three nodes", (), None),
        # A flaky failure that passed on a rerun is a pass.
        ("example.SessionTest", "logsOut", "passed", None, (), None),
    ]


def test_go_junit_report() -> None:
    cases = read_junit(SAMPLES / "go-junit-report.xml")
    assert [(case.suite, case.name, case.result, case.message) for case in cases] == [
        ("example.com/shop/auth", "TestLogin", "passed", None),
        ("example.com/shop/auth", "TestLogin/SPEC-0042/FR-3", "passed", None),
        ("example.com/shop/auth", "TestSPEC_0042_FR_4_RejectsEmptyPassword", "failed",
         "Failed"),
        ("example.com/shop/auth", "TestResetMail", "skipped", "Skipped"),
        ("example.com/shop/store", "[build failed]", "error", "Build error"),
    ]
    assert all(case.properties == () for case in cases)  # go.version is the suite's


def test_nested_suites() -> None:
    cases = read_junit(SAMPLES / "nested.xml")
    assert [(case.suite, case.name, case.result, case.properties) for case in cases] == [
        ("login form", "shows an error for SPEC-0042/FR-4", "failed", ()),
        ("remember me", "keeps the session", "passed", (("requirement", "SPEC-0042/FR-6"),)),
        ("backend", "test_spec_0042_fr_5", "passed", ()),
    ]


def test_a_bare_testsuite_root_and_an_empty_report() -> None:
    cases = parse_junit(b'<testsuite name="s"><testcase name="t"/></testsuite>', Path("r.xml"))
    assert [(case.suite, case.classname, case.name, case.result) for case in cases] == [
        ("s", "", "t", "passed")]
    assert parse_junit(b"<testsuites/>", Path("r.xml")) == ()


def test_the_worst_of_several_results_wins() -> None:
    data = b"""<testsuite>
      <testcase name="t"><skipped/><error message="teardown"/><failure message="assert"/>
        <skipped message="later"/></testcase>
    </testsuite>"""
    (case,) = parse_junit(data, Path("r.xml"))
    assert (case.result, case.message) == ("failed", "assert")


def test_messages_are_one_line_and_bounded() -> None:
    long = "x" * (TEXT_LIMIT * 3)
    data = f"""<testsuite>
      <testcase name="a"><failure message="first&#10;second"/></testcase>
      <testcase name="b"><failure>

        boom
        at frame</failure></testcase>
      <testcase name="c"><error message="{long}"/></testcase>
      <testcase name="d"><skipped>{long}</skipped></testcase>
      <testcase name="e"><failure><![CDATA[]]></failure></testcase>
    </testsuite>""".encode()
    messages = [case.message for case in parse_junit(data, Path("r.xml"))]
    assert messages[:2] == ["first", "boom"]
    assert messages[2] == messages[3] == "x" * TEXT_LIMIT
    assert messages[4] is None


def test_property_text_and_nested_testcases() -> None:
    data = b"""<testsuite><testcase name="outer">
      <properties><property name="requirements"> SPEC-1/FR-1,SPEC-1/FR-2 </property>
        <property value="no name"/></properties>
      <testcase name="inner"><failure/></testcase>
      <system-out><property name="requirement" value="printed, not a property"/></system-out>
    </testcase></testsuite>"""
    (case,) = parse_junit(data, Path("r.xml"))
    assert case.properties == (("requirements", "SPEC-1/FR-1,SPEC-1/FR-2"), ("", "no name"))
    assert case.result == "passed"  # a testcase inside a testcase is not one of its results


def test_other_encodings_and_a_namespace() -> None:
    text = '<?xml version="1.0" encoding="UTF-16"?><testsuite><testcase name="é"/></testsuite>'
    assert parse_junit(text.encode("utf-16"), Path("r.xml"))[0].name == "é"
    latin = '<?xml version="1.0" encoding="ISO-8859-1"?><testsuite><testcase name="é"/></testsuite>'
    assert parse_junit(latin.encode("latin-1"), Path("r.xml"))[0].name == "é"
    spaced = b'<testsuites xmlns="urn:x"><testsuite><testcase name="t"/></testsuite></testsuites>'
    assert parse_junit(spaced, Path("r.xml"))[0].name == "t"


def refused(tmp_path: Path, content: bytes, **options: int) -> str:
    path = tmp_path / "report.xml"
    path.write_bytes(content)
    with pytest.raises(JunitError) as caught:
        read_junit(path, **options)
    assert caught.value.exit_code == ExitCode.USAGE
    return str(caught.value)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<testsuite><testcase name="&lol9;"/></testsuite>
"""


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    message = refused(tmp_path, BILLION_LAUGHS)
    assert message.startswith(f"{display_path(tmp_path / 'report.xml')}:2:")
    assert "document type declaration (<!DOCTYPE ...>) is not allowed" in message


def test_external_entities_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    external_entity = (f'<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY x SYSTEM '
                       f'"{secret.as_uri()}">]>\n<testsuite><testcase name="&x;"/></testsuite>')
    external_dtd = (f'<!DOCTYPE testsuite SYSTEM "{secret.as_uri()}">'
                    '<testsuite><testcase name="t"/></testsuite>')
    parameter_entity = (f'<!DOCTYPE t [<!ENTITY % p SYSTEM "{secret.as_uri()}"> %p;]>'
                        '<testsuite/>')
    for content in (external_entity, external_dtd, parameter_entity):
        message = refused(tmp_path, content.encode())
        assert "document type declaration" in message
        assert "TOP-SECRET" not in message


def test_the_size_is_capped_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "report.xml"
    with path.open("wb") as stream:  # sparse: 50 MiB and one byte of NULs, cheap to make
        stream.truncate(DEFAULT_MAX_JUNIT_BYTES + 1)
    with pytest.raises(JunitError) as caught:
        read_junit(path)
    assert str(caught.value) == (f"{display_path(path)}: the JUnit file is 52,428,801 bytes, "
                                 "over the limit of 52,428,800")
    small = b'<testsuite><testcase name="t"/></testsuite>'
    assert "44 bytes, over the limit of 43" in refused(tmp_path, small + b" ",
                                                       max_bytes=len(small))
    path.write_bytes(small)
    assert len(read_junit(path, max_bytes=len(small))) == 1


@pytest.mark.parametrize(("content", "where", "problem"), [
    (b"", "1:1", "malformed XML: no element found"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "1:1", "malformed XML: not well-formed (invalid token)"),
    (b'{"tests": 3}', "1:1", "malformed XML: not well-formed (invalid token)"),
    (b"tests passed\n", "1:1", "malformed XML: syntax error"),
    (b"<testsuite>\n  <testcase name='a'>\n</testsuite>", "3:3",
     "malformed XML: mismatched tag"),
    (b"<testsuite><testcase name='&nbsp;'/></testsuite>", "1:12",
     "malformed XML: undefined entity"),
    (b"<testsuite/>\n<testsuite/>", "2:1", "malformed XML: junk after document element"),
    (b"<html><body>404</body></html>", "1:1",
     "the root element is <html>, not <testsuites> or <testsuite>: not a JUnit XML report"),
    (b'<?xml version="1.0" encoding="no-such"?><testsuite/>', "1:1",
     "malformed XML: the declared encoding cannot be read (unknown encoding: no-such)"),
    (b'<?xml version="1.0" encoding="shift_jis"?><testsuite/>', "1:1",
     "malformed XML: the declared encoding cannot be read (multi-byte encodings are not "
     "supported)"),
    (b'<?xml version="1.0" encoding="rot13"?><testsuite/>', "1:1",
     "malformed XML: the declared encoding cannot be read ('rot13' is not a text encoding; use "
     "codecs.decode() to handle arbitrary codecs)"),
    (b'<?xml version="1.0" encoding="cp037"?><testsuite/>', "1:31",
     "malformed XML: unknown encoding"),
])
def test_not_junit_xml(tmp_path: Path, content: bytes, where: str, problem: str) -> None:
    assert refused(tmp_path, content) == (
        f"{display_path(tmp_path / 'report.xml')}:{where}: {problem}")


def test_a_truncated_report(tmp_path: Path) -> None:
    whole = (SAMPLES / "surefire.xml").read_bytes()
    message = refused(tmp_path, whole[:len(whole) // 2])
    line = whole[:len(whole) // 2].count(b"\n") + 1
    assert message.startswith(f"{display_path(tmp_path / 'report.xml')}:{line}:")
    assert "malformed XML: " in message


def test_nesting_is_bounded(tmp_path: Path) -> None:
    deep = b"<testsuites>" + b"<testsuite>" * MAX_DEPTH + b"</testsuite>" * MAX_DEPTH + \
        b"</testsuites>"
    assert f"elements nest deeper than {MAX_DEPTH} levels" in refused(tmp_path, deep)
    fits = b"<testsuite>" * MAX_DEPTH + b"</testsuite>" * MAX_DEPTH
    assert parse_junit(fits, Path("r.xml")) == ()


def test_unreadable_paths(tmp_path: Path) -> None:
    with pytest.raises(JunitError, match=r"the JUnit file is not a regular file \(a folder"):
        read_junit(tmp_path)
    os.mkfifo(tmp_path / "pipe.xml")  # opening it would wait for a writer forever
    with pytest.raises(JunitError, match="not a regular file"):
        read_junit(tmp_path / "pipe.xml")
    with pytest.raises(JunitError, match=r"missing\.xml: cannot read the JUnit file: No such file"):
        read_junit(tmp_path / "missing.xml")


@fuzz(200)
@given(st.binary(max_size=300))
def test_any_bytes_give_testcases_or_a_junit_error(data: bytes) -> None:
    try:
        parse_junit(data, Path("r.xml"))
    except JunitError as error:
        assert str(error).startswith("r.xml:")


TOKENS = st.sampled_from([
    b"<testsuites>", b"</testsuites>", b"<testsuite name='s'>", b"</testsuite>",
    b"<testcase name='t' classname='c'>", b"</testcase>", b"<failure message='m'/>",
    b"<error>e</error>", b"<skipped/>", b"<properties>", b"</properties>",
    b"<property name='requirement' value='SPEC-1/FR-1'/>", b"<property name='p'>",
    b"</property>", b"<system-out>display-name: d\n</system-out>", b"<![CDATA[x]]>",
    b"<!DOCTYPE t>", b"&amp;", b"&x;", b"<?xml version='1.0' encoding='latin-1'?>",
    b"<!-- c -->", b"text", b"\xff", b"<", b">", b"'", b"\n"])


@fuzz(300)
@given(st.lists(TOKENS, max_size=30).map(b"".join))
def test_any_mix_of_junit_pieces_gives_testcases_or_a_junit_error(data: bytes) -> None:
    try:
        cases = parse_junit(data, Path("r.xml"))
    except JunitError as error:
        assert str(error).startswith("r.xml:")
    else:
        assert all(case.result in ("passed", "failed", "error", "skipped") for case in cases)


NAMES = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)
RESULTS = st.sampled_from(["passed", "failed", "error", "skipped"])
RESULT_ELEMENTS = {"failed": "failure", "error": "error", "skipped": "skipped"}


@fuzz(50)
@given(st.lists(st.tuples(NAMES, NAMES, RESULTS, st.lists(st.tuples(NAMES, NAMES),
                                                          max_size=3)), max_size=8))
def test_what_a_report_says_is_what_is_read(cases: list[tuple[str, str, str, list[tuple[
        str, str]]]]) -> None:
    parts = ["<testsuites><testsuite name='s'>"]
    for classname, name, result, properties in cases:
        parts.append(f"<testcase classname={quoteattr(classname)} name={quoteattr(name)}>")
        if properties:
            parts.append("<properties>" + "".join(
                f"<property name={quoteattr(key)} value={quoteattr(value)}/>"
                for key, value in properties) + "</properties>")
        if result != "passed":
            parts.append(f"<{RESULT_ELEMENTS[result]} message='m'/>")
        parts.append("<system-out>noise</system-out></testcase>")
    parts.append("</testsuite></testsuites>")
    read = parse_junit("".join(parts).encode(), Path("r.xml"))
    assert [(case.classname, case.name, case.result, list(case.properties))
            for case in read] == [(c, n, r, p) for c, n, r, p in cases]


def test_junit_files_of_folders(tmp_path: Path) -> None:
    """trial31 8: every report below a folder is read or refused, never left out unseen:
    hidden folders, `.XML`, linked folders (once, whatever loops), dangling links; only a
    git folder is not looked into."""
    for name in ("b/two.xml", "a/one.xml", "a/notes.txt", ".retry/hidden.xml", "top.xml",
                 "c/TEST-Upper.XML", ".git/x.xml", "../elsewhere/linked.xml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<testsuite/>")
    (tmp_path / "d").symlink_to(tmp_path.parent / "elsewhere", target_is_directory=True)
    (tmp_path / "b" / "loop").symlink_to(tmp_path / "b", target_is_directory=True)
    named = junit_files([tmp_path / "top.xml", tmp_path, tmp_path / "a" / "one.xml"])
    assert [path.relative_to(tmp_path).as_posix() for path in named] == [
        "top.xml", ".retry/hidden.xml", "a/one.xml", "b/two.xml", "c/TEST-Upper.XML",
        "d/linked.xml"]
    (tmp_path / "e2e.xml").symlink_to(tmp_path / "never-written.xml")
    with pytest.raises(JunitError, match=r"e2e\.xml: cannot read the JUnit file"):
        read_junit_reports([tmp_path])
    (tmp_path / "none").mkdir()
    with pytest.raises(JunitError, match="none: the folder holds no JUnit XML file") as caught:
        junit_files([tmp_path / "none"])
    assert caught.value.exit_code is ExitCode.USAGE


def test_a_coverage_report_in_a_folder_of_reports_is_left_out_with_a_warning(
        tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "junit.xml").write_text('<testsuite><testcase name="t"/></testsuite>')
    coverage = reports / "coverage.xml"
    coverage.write_text('<?xml version="1.0" ?>\n<coverage line-rate="0.9"/>')
    cases, warnings = read_junit_reports([reports])
    assert [case.name for case in cases] == ["t"]
    assert warnings == (f"{display_path(coverage)}:2:1: the root element is <coverage>, not "
                        "<testsuites> or <testsuite>: not a JUnit XML report; left out",)
    with pytest.raises(JunitError, match="not a JUnit XML report"):
        read_junit_reports([coverage])  # a file named itself must be a report
    (reports / "junit.xml").unlink()
    with pytest.raises(JunitError, match="no JUnit XML report among the files named"):
        read_junit_reports([reports])


def test_the_tests_own_file_and_line() -> None:
    """pytest's xunit1 family: the test's file and its 0-based line; a collection error has
    a file and no line; xunit2 writes neither."""
    cases = read_junit(SAMPLES / "pytest9-comment-tags.xml")
    assert [(case.test_file, case.test_line) for case in cases] == [
        ("tests/test_login.py", 4), ("tests/test_login.py", 8), ("tests/test_login.py", 13),
        ("tests/test_login.py", 18)]
    error, = read_junit(SAMPLES / "pytest9-collection-error-xunit1.xml")
    assert (error.name, error.test_file, error.test_line, error.result) == (
        "tests.test_session", "tests/test_session.py", None, "error")
    error, = read_junit(SAMPLES / "pytest9-collection-error-xunit2.xml")
    assert (error.test_file, error.test_line) == (None, None)


@pytest.mark.parametrize(("file", "line", "expected"), [
    ("C:\\ci\\tests\\test_x.py", "7", ("C:/ci/tests/test_x.py", 7)),
    ("  ", " 12 ", (None, 12)),
    ("t.php", "-3", ("t.php", None)),
    ("t.php", "1.5", ("t.php", None)),
    ("t.php", "٣", ("t.php", None)),
    ("t.php", "9" * 20, ("t.php", None)),
])
def test_odd_files_and_lines(file: str, line: str, expected: tuple[str | None, int | None]
                             ) -> None:
    case, = parse_junit(f"<testsuite><testcase name='t' file={quoteattr(file)} "
                        f"line={quoteattr(line)}/></testsuite>".encode(), Path("r.xml"))
    assert (case.test_file, case.test_line) == expected
