"""`specrepo site` with traceability, on real git repositories: the trace page and each spec
page's table show `specrepo trace`'s own matrix (suspect links judged against the history
the site mined, once), JUnit results from `--junit`, errors as trace raises them; no
`trace:`, no trace page."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest

from specrepo.base.errors import ConfigError, ExitCode
from specrepo.commands import site as site_command
from specrepo.commands.site import SiteOptions, SiteResult, run
from specrepo.commands.trace import TraceOptions
from specrepo.commands.trace import run as run_trace
from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from specrepo.history.options import MineOptions
from specrepo.load.junit import JunitError
from specrepo.model.config import Config
from specrepo.model.history import History
from specrepo.model.trace import TraceMatrix
from tests.commands.test_site import site_files
from tests.commands.test_trace import JUNIT, LOGIN, SOURCES
from tests.history.gitrepo import DAY, EPOCH, GitRepo
from tests.site.html_support import elements, parse_page, text_of
from tests.support import run_cli

CHANGED_LOGIN = LOGIN.replace("Accept a valid password.", "Accept a password or a passkey.")
RESULTS = (JUNIT / "pytest-xunit1.xml", JUNIT / "go-junit-report.xml")


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """trace's repository; then FR-3 changes, its test is reviewed in the same commit, its
    code is not: the code's tag is suspect."""
    git_repo.commit("Specs, code and tests", dict(SOURCES), date=EPOCH)
    git_repo.commit("FR-3 takes passkeys", {
        "specs/SPEC-0042-login.yaml": CHANGED_LOGIN,
        "tests/test_login.py": "def test_spec_0042_fr_3():\n    assert True\n"},
        date=EPOCH + DAY)
    return git_repo


def build(repo: GitRepo, **options: object) -> SiteResult:
    return run(load_config(None, repo.root), SiteOptions(**options))  # type: ignore[arg-type]


def cells(row: Element) -> list[str]:
    return [" ".join(" ".join(cell.itertext()).split()) for cell in row
            if cell.tag in ("td", "th")]


def table(page: Element, table_class: str) -> list[list[str]]:
    [found] = [element for element in elements(page, "table")
               if table_class in (element.get("class") or "").split()]
    [body] = elements(found, "tbody")
    return [cells(row) for row in elements(body, "tr")]


def trace_section(page: Element) -> Element | None:
    found = [section for section in elements(page, "section") if section.get("id") == "trace"]
    return found[0] if found else None


def matrix_rows(matrix: TraceMatrix) -> list[tuple[str, str, str]]:
    return [(row.requirement.reference.spec_id, row.requirement.reference.item_id, row.state)
            for row in matrix.requirements]


def test_the_trace_page_shows_traces_matrix_with_its_suspect_links(repo: GitRepo) -> None:
    result = build(repo)
    assert result.exit_code is ExitCode.CLEAN
    files = site_files(repo.root / "_site")
    page = parse_page(files["trace.html"])
    rows = table(page, "trace")
    assert rows == [
        ["SPEC-0042", "FR-3", "P0", "suspect", "src/login.py:1 suspect",
         "tests/test_login.py:1", "SPEC-0050/FR-1 (depends_on) suspect"],
        ["SPEC-0042", "FR-4", "P0", "covered", "src/web/form.ts:1", "auth/login_test.go:1",
         "none"],
        ["SPEC-0042", "FR-5", "P1", "uncovered", "src/store/db.go:3", "none", "none"],
        ["SPEC-0042", "NFR-1", "", "uncovered", "src/hash.rs:1", "none", "none"],
        ["SPEC-0050", "FR-1", "P2", "uncovered", "main.c:1", "none", "none"],
    ]
    traced = run_trace(load_config(None, repo.root), TraceOptions())
    assert [tuple(row[:2] + row[3:4]) for row in rows] == matrix_rows(traced.matrix)
    suspect, draft = table(page, "suspects")  # the Draft SPEC-0050 was not changed since
    assert suspect[:2] == ["SPEC-0042/FR-3", "src/login.py:1"]
    assert draft[:2] == ["SPEC-0042/FR-3", "SPEC-0050/FR-1 (depends_on)"]
    assert suspect[4] == ('description: "Accept a valid password." -> '
                          '"Accept a password or a passkey."')
    assert table(page, "dangling") == [
        ["src/hash.rs:1:41", "implementation",
         "SPEC-0042/NFR-2 names no item NFR-2 of SPEC-0042"]]
    links = {link.get("href") for link in elements(page, "a")}
    assert {"specs/SPEC-0042.html#fr-3", "specs/SPEC-0050.html#fr-1"} <= links
    assert not any("login.py" in (link or "") for link in links)  # code is text
    spec_page = parse_page(files["specs/SPEC-0042.html"])
    assert "fr-3" in {element.get("id") for element in spec_page.iter()}
    index = parse_page(files["index.html"])
    assert "trace.html" in [link.get("href") for link in elements(index, "a")]


def test_each_spec_page_has_its_rows_and_specs_json_its_coverage(repo: GitRepo) -> None:
    build(repo, junit=RESULTS)
    files = site_files(repo.root / "_site")
    section = trace_section(parse_page(files["specs/SPEC-0042.html"]))
    assert section is not None
    rows = table(section, "trace")
    assert [row[:3] for row in rows] == [["FR-3", "P0", "failing"], ["FR-4", "P0", "failing"],
                                         ["FR-5", "P1", "failing"], ["NFR-1", "", "covered"]]
    assert rows[0][4].startswith("tests/test_login.py:1 test_accepts_valid_password passed")
    assert "test_rejects_empty_password failed" in rows[0][4]
    assert [row[:2] for row in table(section, "suspects")] == [
        ["SPEC-0042/FR-3", "src/login.py:1"], ["SPEC-0042/FR-3", "SPEC-0050/FR-1 (depends_on)"]]
    index = json.loads(files["specs.json"])
    assert {spec["id"]: spec["trace"] for spec in index["specs"]} == {
        "SPEC-0042": {"requirements": 4, "covered": 4, "states": {
            "failing": 3, "uncovered": 0, "unverified": 0, "suspect": 0, "covered": 1},
            "with_suspect_link": 1},  # FR-3, failing, with two suspect links
        "SPEC-0050": {"requirements": 1, "covered": 0, "states": {
            "failing": 0, "uncovered": 1, "unverified": 0, "suspect": 0, "covered": 0},
            "with_suspect_link": 0}}
    traced = run_trace(load_config(None, repo.root), TraceOptions(junit=RESULTS))
    assert matrix_rows(traced.matrix)[:4] == [
        ("SPEC-0042", row[0], row[2]) for row in rows]


def test_the_history_is_mined_once_for_the_site_and_its_trace(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    mined: list[History] = []

    def counted(config: Config, options: MineOptions) -> History:
        mined.append(mine_history(config, options))
        return mined[-1]

    monkeypatch.setattr(site_command, "mine_history", counted)
    build(repo)
    assert len(mined) == 1
    page = parse_page((repo.root / "_site" / "trace.html").read_bytes())
    assert table(page, "trace")[0][3] == "suspect"  # judged against that one history


def test_without_trace_there_is_no_trace_page_nav_entry_or_table(repo: GitRepo) -> None:
    repo.commit("no trace", {"specrepo.yaml": "specs: specs\n"})
    assert build(repo).exit_code is ExitCode.CLEAN
    files = site_files(repo.root / "_site")
    assert "trace.html" not in files
    for path, content in files.items():
        if path.endswith(".html"):
            page = parse_page(content)
            assert "trace.html" not in [link.get("href") for link in elements(page, "a")]
            assert trace_section(page) is None, path
    assert {spec["trace"] for spec in json.loads(files["specs.json"])["specs"]} == {None}


def test_junit_results_alone_give_a_trace_page(repo: GitRepo) -> None:
    repo.commit("no trace", {"specrepo.yaml": "specs: specs\n"})
    build(repo, junit=RESULTS)
    page = parse_page((repo.root / "_site" / "trace.html").read_bytes())
    assert [row[1:4] for row in table(page, "trace")] == [
        ["FR-3", "P0", "failing"], ["FR-4", "P0", "failing"], ["FR-5", "P1", "failing"],
        ["NFR-1", "", "covered"], ["FR-1", "P2", "uncovered"]]


def test_trace_configured_without_globs_traces_item_links(repo: GitRepo) -> None:
    repo.commit("links only", {"specrepo.yaml": "specs: specs\ntrace: {}\n"})
    build(repo)
    page = parse_page((repo.root / "_site" / "trace.html").read_bytes())
    assert table(page, "trace")[0] == [
        "SPEC-0042", "FR-3", "P0", "uncovered", "none", "none",
        "SPEC-0050/FR-1 (depends_on) suspect"]  # the Draft was not changed since FR-3


def test_two_builds_are_byte_identical(repo: GitRepo) -> None:
    build(repo, junit=RESULTS)
    build(repo, junit=RESULTS, out=repo.root / "again")
    first = site_files(repo.root / "_site")
    assert "trace.html" in first
    assert site_files(repo.root / "again") == first


def test_a_glob_matching_nothing_stops_the_site_as_it_stops_trace(repo: GitRepo) -> None:
    repo.commit("typo", {"specrepo.yaml": "specs: specs\ntrace: {tests: [tset/**]}\n"})
    with pytest.raises(ConfigError) as raised:
        build(repo)
    with pytest.raises(ConfigError) as from_trace:
        run_trace(load_config(None, repo.root), TraceOptions())
    assert str(raised.value) == str(from_trace.value)
    assert "trace.tests 'tset/**' matches no file git tracks" in str(raised.value)
    assert not (repo.root / "_site").exists()


def test_a_bad_junit_file_stops_the_site(repo: GitRepo, tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<testsuite><testcase name='x'>\n")
    with pytest.raises(JunitError, match=r"broken\.xml"):
        build(repo, junit=(broken,))
    with pytest.raises(JunitError, match=r"missing\.xml"):
        build(repo, junit=(tmp_path / "missing.xml",))
    assert not (repo.root / "_site").exists()


@pytest.mark.parametrize(("config", "junit", "message"), [
    ("specs: specs\ntrace: {implementation: [scr/**]}\n", None,
     "trace.implementation 'scr/**' matches no file git tracks"),
    (None, "broken.xml", "broken.xml"),
])
def test_on_the_command_line_errors_exit_2_with_the_same_message_as_trace(
        repo: GitRepo, tmp_path: Path, config: str | None, junit: str | None,
        message: str) -> None:
    if config:
        repo.commit("typo", {"specrepo.yaml": config})
    arguments = []
    if junit:
        (tmp_path / junit).write_text("<testsuite>\n")
        arguments = ["--junit", str(tmp_path / junit)]
    site = run_cli("site", *arguments)
    trace = run_cli("trace", *arguments)
    assert site.exit_code == trace.exit_code == 2
    assert message in site.output
    assert site.output == trace.output


def test_the_command_line_reads_junit_and_warns_of_what_it_left_out(
        repo: GitRepo, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "pytest.xml").write_bytes((JUNIT / "pytest-xunit1.xml").read_bytes())
    (reports / "coverage.xml").write_text("<coverage/>\n")
    result = run_cli("site", "--junit", str(reports))
    assert result.exit_code == 0, result.output
    assert "coverage.xml" in result.output  # left out, with a warning
    page = parse_page((repo.root / "_site" / "trace.html").read_bytes())
    assert "test_rejects_empty_password failed" in text_of(page)
