"""`specrepo trace` as a library call, on real git repositories: the configured files scanned
with git grep (tracked files only; spec files and pages never), JUnit results, filters,
`--fail-on` gates and exit codes; nothing printed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from specrepo.base.errors import ConfigError, ExitCode, UsageError
from specrepo.commands.trace import TraceOptions, TraceResult, run
from specrepo.configuration.config_file import load_config
from specrepo.gitio.git_command import NotARepositoryError
from specrepo.load.junit import JunitError
from specrepo.model.trace import FailOn
from tests.history.gitrepo import GitRepo, spec_text

JUNIT = Path(__file__).parent.parent / "load" / "junit"
CONFIG = """\
specs: specs
trace:
  implementation: [src/**, "*.c"]
  tests: [tests/**, "**/*_test.go"]
"""
REVIEWED = "reviewers: [Grace Hopper]\n"
LOGIN = spec_text("SPEC-0042", "Approved", "Login", extra=REVIEWED + """\
requirements:
  functional:
    - {id: FR-3, description: Accept a valid password., priority: P0}
    - {id: FR-4, description: Refuse an empty password., priority: P0}
    - {id: FR-5, description: Store sessions., priority: P1}
  non_functional:
    - {id: NFR-1, category: Security, requirement: Hash passwords., target: bcrypt}
""")
SSO = spec_text("SPEC-0050", "Draft", "SSO", extra="""\
requirements:
  functional:
    - id: FR-1
      description: Single sign-on.
      priority: P2
      depends_on: [SPEC-0042/FR-3]
""")
SOURCES = {
    "specrepo.yaml": CONFIG,
    "specs/SPEC-0042-login.yaml": LOGIN,
    "specs/SPEC-0050-sso.yaml": SSO,
    "src/login.py": "def login():  # implements SPEC-0042/FR-3\n    pass\n",
    "src/web/form.ts": "// SPEC-0042/FR-4: refuse empty passwords\nexport const x = 1;\n",
    "src/store/db.go": "package store\n\n/* SPEC-0042/FR-5 */\nfunc Open() {}\n",
    "src/hash.rs": 'const NOTE: &str = "SPEC-0042/NFR-1 and SPEC-0042/NFR-2";\n',
    "main.c": "/* SPEC-0050/FR-1 */\n",
    "tests/test_login.py": "def test_spec_0042_fr_3():\n    pass\n",
    "auth/login_test.go": 'func TestLogin(t *testing.T) { t.Run("SPEC-0042/FR-4", nil) }\n',
    "docs/specs/SPEC-0042.md": "SPEC-0042/FR-9 in a rendered page is a link, not a tag\n",
    "README.md": "SPEC-0042/FR-8 outside the globs\n",
}


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    git = GitRepo(tmp_path / "repo")
    git.commit("Specs, code and tests", dict(SOURCES))
    return git


def trace(repo: GitRepo, *fail_on: FailOn, **options: object) -> TraceResult:
    return run(load_config(None, repo.root), TraceOptions(fail_on=fail_on, **options))  # type: ignore[arg-type]


def rows(result: TraceResult) -> list[tuple[str, str, list[str], list[str], list[str]]]:
    return [(str(row.requirement.reference), row.state,
             [f"{link.tag.file}:{link.tag.line}" for link in row.implemented_by],
             [f"{link.tag.file}:{link.tag.line}" for link in row.verified_by],
             [f"{case.name}={case.result}" for case in row.results])
            for row in result.matrix.requirements]


def test_tags_of_every_language_in_the_configured_tracked_files(repo: GitRepo) -> None:
    repo.write("src/untracked.py", "# SPEC-0042/NFR-1\n")  # not tracked: not scanned
    result = trace(repo)
    assert rows(result) == [
        ("SPEC-0042/FR-3", "covered", ["src/login.py:1"], ["tests/test_login.py:1"], []),
        ("SPEC-0042/FR-4", "covered", ["src/web/form.ts:1"], ["auth/login_test.go:1"], []),
        ("SPEC-0042/FR-5", "uncovered", ["src/store/db.go:3"], [], []),
        ("SPEC-0042/NFR-1", "uncovered", ["src/hash.rs:1"], [], []),
        ("SPEC-0050/FR-1", "uncovered", ["main.c:1"], [], []),
    ]
    assert [(entry.written, entry.file, entry.line, entry.column, entry.message)
            for entry in result.matrix.dangling] == [
        ("SPEC-0042/NFR-2", "src/hash.rs", 1, 41,
         "SPEC-0042/NFR-2 names no item NFR-2 of SPEC-0042")]
    (first, *_) = result.matrix.requirements
    assert [(incoming.link.source_spec, incoming.link.source_item, incoming.link.relation)
            for incoming in first.linked_from] == [("SPEC-0050", "FR-1", "depends_on")]
    assert result.exit_code is ExitCode.CLEAN
    assert result.validation.errors == 0


def test_junit_results_verify_and_fail(repo: GitRepo) -> None:
    result = trace(repo, junit=(JUNIT / "pytest-xunit1.xml", JUNIT / "go-junit-report.xml"))
    states = {reference: state for reference, state, *_ in rows(result)}
    assert states == {"SPEC-0042/FR-3": "failing", "SPEC-0042/FR-4": "failing",
                      "SPEC-0042/FR-5": "failing", "SPEC-0042/NFR-1": "covered",
                      "SPEC-0050/FR-1": "uncovered"}
    fr3 = result.matrix.requirements[0]
    assert [(case.name, case.result) for case in fr3.results] == [
        ("test_accepts_valid_password", "passed"), ("test_rejects_empty_password", "failed"),
        ("TestLogin/SPEC-0042/FR-3", "passed")]
    assert result.exit_code is ExitCode.CLEAN  # no gate asked for
    gated = trace(repo, "failing", "uncovered-p0",
                  junit=(JUNIT / "pytest-xunit1.xml", JUNIT / "go-junit-report.xml"))
    assert gated.failed == ("failing",)
    assert gated.exit_code is ExitCode.FINDINGS


@pytest.mark.parametrize(("fail_on", "failed"), [
    (("uncovered",), ("uncovered",)),
    (("uncovered-p0",), ()),
    (("dangling",), ("dangling",)),
    (("failing",), ()),
    (("uncovered", "uncovered-p0", "failing", "dangling"), ("uncovered", "dangling")),
])
def test_gates(repo: GitRepo, fail_on: tuple[FailOn, ...], failed: tuple[FailOn, ...]) -> None:
    result = trace(repo, *fail_on)
    assert result.failed == failed
    assert result.exit_code is (ExitCode.FINDINGS if failed else ExitCode.CLEAN)


def test_an_uncovered_p0_requirement(repo: GitRepo) -> None:
    repo.commit("No test for FR-3", {"tests/test_login.py": "def test_nothing(): pass\n"})
    assert trace(repo, "uncovered-p0").failed == ("uncovered-p0",)


def test_rows_of_the_specs_and_statuses_asked_for(repo: GitRepo) -> None:
    by_id = trace(repo, specs=("SPEC-0050",))
    assert [str(row.requirement.reference) for row in by_id.matrix.requirements] == [
        "SPEC-0050/FR-1"]
    assert by_id.matrix.dangling  # every spec is known: other specs' tags still resolve
    by_file = trace(repo, specs=(str(repo.root / "specs" / "SPEC-0042-login.yaml"),))
    assert len(by_file.matrix.requirements) == 4
    by_folder = trace(repo, specs=(str(repo.root / "specs"),))
    assert len(by_folder.matrix.requirements) == 5
    drafts = trace(repo, statuses=("Draft",))
    assert [row.requirement.spec_status for row in drafts.matrix.requirements] == ["Draft"]


@pytest.mark.parametrize(("options", "message"), [
    ({"specs": ("SPEC-0043",)}, "SPEC-0043: no such file or folder, and no spec has this id"),
    ({"specs": ("SPEC-042",)}, "no spec has this id; did you mean SPEC-0042?"),
    ({"specs": ("README.md",)}, "README.md: holds none of the specs specrepo.yaml configures"),
    ({"statuses": ("Aproved",)}, "--status 'Aproved' is not a status of this repository's "
                                 "workflow; did you mean 'Approved'[?]"),
    ({"junit": (Path("missing.xml"),)}, "missing.xml: cannot read the JUnit file"),
])
def test_what_cannot_be_traced_is_an_error(repo: GitRepo, monkeypatch: pytest.MonkeyPatch,
                                           options: dict[str, object], message: str) -> None:
    monkeypatch.chdir(repo.root)
    with pytest.raises((UsageError, JunitError), match=message) as caught:
        trace(repo, **options)
    assert caught.value.exit_code is ExitCode.USAGE


def test_a_junit_folder(repo: GitRepo, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    shutil.copytree(JUNIT, reports)
    result = trace(repo, junit=(reports,))
    assert {case.file.name for row in result.matrix.requirements for case in row.results} >= {
        "pytest-xunit1.xml", "go-junit-report.xml"}
    (reports / "empty").mkdir()
    with pytest.raises(JunitError, match="the folder holds no JUnit XML file"):
        trace(repo, junit=(reports / "empty",))


def test_a_broken_spec_makes_the_trace_incomplete(repo: GitRepo) -> None:
    repo.write("specs/SPEC-0050-sso.yaml", SSO.replace("status: Draft", "status: Drafty"))
    result = trace(repo)
    assert result.validation.errors == 1
    assert result.exit_code is ExitCode.FINDINGS
    only_login = trace(repo, specs=("SPEC-0042",))
    assert only_login.validation.errors == 0  # findings of the specs traced only
    assert only_login.exit_code is ExitCode.CLEAN


def test_a_spec_status_the_workflow_lacks_may_be_asked_for(repo: GitRepo) -> None:
    repo.write("specrepo.yaml", CONFIG + "rules: {unknown-status: off}\n"
               "schema: schema.json\n")
    repo.write("schema.json", '{"type": "object"}')
    repo.write("specs/SPEC-0050-sso.yaml", SSO.replace("status: Draft", "status: Parked"))
    parked = trace(repo, statuses=("Parked",))
    assert [str(row.requirement.reference) for row in parked.matrix.requirements] == [
        "SPEC-0050/FR-1"]


def test_no_trace_settings_scan_nothing_and_need_no_repository(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    (root / "specs").mkdir(parents=True)
    (root / "specrepo.yaml").write_text("specs: specs\n")
    (root / "specs" / "SPEC-0042-login.yaml").write_text(LOGIN)
    (root / "login.py").write_text("# SPEC-0042/FR-3\n")
    result = run(load_config(None, root), TraceOptions())
    assert [row.state for row in result.matrix.requirements] == ["uncovered"] * 4
    assert result.matrix.dangling == ()
    (root / "specrepo.yaml").write_text(CONFIG)
    with pytest.raises(NotARepositoryError, match="is not inside a git repository"):
        run(load_config(None, root), TraceOptions())


def test_globs_are_relative_to_the_configurations_folder(tmp_path: Path) -> None:
    git = GitRepo(tmp_path / "repo")
    nested: dict[str, str | bytes | None] = {f"project/{path}": text
                                             for path, text in SOURCES.items()}
    nested["src/login.py"] = "# SPEC-0042/FR-4 outside the project: not scanned\n"
    git.commit("A project in a folder", nested)
    result = run(load_config(None, git.root / "project"), TraceOptions())
    assert [f"{link.tag.file}:{link.tag.line}" for link in
            result.matrix.requirements[1].implemented_by] == ["project/src/web/form.ts:1"]


def test_a_glob_that_matches_no_tracked_file_is_a_configuration_error(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo.root)
    repo.write("specrepo.yaml", CONFIG.replace("tests/**", "tset/**").replace(
        '"*.c"', '"*.c", "*.cobol"'))
    repo.write("tset/untracked.py", "# SPEC-0042/FR-3\n")  # not tracked: matches nothing
    with pytest.raises(ConfigError) as caught:
        trace(repo)
    assert str(caught.value) == (
        "specrepo.yaml:3:19: trace.implementation '*.cobol', trace.tests 'tset/**' match no file "
        "git tracks; correct the glob (git's glob pathspecs, relative to the folder of "
        "specrepo.yaml), or `git add` the files")


def test_spec_files_rendered_pages_and_the_site_are_never_tags(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo.root)
    repo.commit("Scan everything",
                {"specrepo.yaml": "specs: specs\ntrace: {implementation: '**'}\n",
                 "_site/specs/SPEC-0050.html": "<a href='x.html#fr-3'>SPEC-0042/FR-3</a>\n"})
    result = trace(repo)
    tagged = {link.tag.file for row in result.matrix.requirements
              for link in row.implemented_by}
    assert "src/login.py" in tagged and "README.md" not in tagged  # FR-8: dangling
    assert not any(name.startswith(("specs/", "docs/specs/", "_site/")) for name in tagged)
    assert [entry.file for entry in result.matrix.dangling] == ["README.md", "src/hash.rs"]
