"""The command line, through Click's runner: output, exit codes, and no tracebacks."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from specrepo.commands import validate as validate_command
from specrepo.commands.ci_workflow import ACTION_REFERENCE
from specrepo.output.standard_output import use_color
from tests.support import WriteSpec, run_cli

BAD_SPEC = """\
id: SPEC-0002
title: Bad
status: Aproved
authors: [Ada]
created: 2026-01-02
updated: 2026-01-02
summary: S
"""


def test_validate_clean_repository(write_spec: WriteSpec) -> None:
    write_spec("SPEC-0001.yaml")
    result = run_cli("validate")
    assert result.exit_code == 0
    assert result.output == "1 file checked: no problems\n"


def test_validate_reports_findings_and_exits_1(write_spec: WriteSpec) -> None:
    write_spec("SPEC-0001.yaml")
    write_spec("SPEC-0002.yaml", BAD_SPEC)
    result = run_cli("validate")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "specs/SPEC-0002.yaml:3:9: error: 'Aproved' is not one of 'Draft', 'In Review', "
        "'Approved', 'Implemented', 'Rejected', 'Withdrawn', 'Superseded'; did you mean "
        "'Approved'? [schema] ($.status)",
        "2 files checked: 1 error",
    ]


def test_validate_selected_paths_only(write_spec: WriteSpec) -> None:
    good = write_spec("SPEC-0001.yaml")
    write_spec("SPEC-0002.yaml", BAD_SPEC)
    assert run_cli("validate", str(good)).exit_code == 0


def test_warnings_pass_unless_strict(repo: Path, write_spec: WriteSpec) -> None:
    (repo / "specrepo.yaml").write_text("rules: {file-name: warning}\n")
    write_spec("odd.yaml", spec_id="SPEC-0001")
    relaxed = run_cli("validate")
    assert relaxed.exit_code == 0
    assert "warning:" in relaxed.output
    assert run_cli("validate", "--strict").exit_code == 1


def test_json_format(write_spec: WriteSpec) -> None:
    write_spec("SPEC-0002.yaml", BAD_SPEC)
    result = run_cli("validate", "--format", "json")
    document = json.loads(result.output)
    assert document["summary"] == {"files": 1, "errors": 1, "warnings": 0}
    assert document["findings"][0]["file"] == "specs/SPEC-0002.yaml"


def test_github_format_is_chosen_inside_github_actions(write_spec: WriteSpec) -> None:
    write_spec("SPEC-0002.yaml", BAD_SPEC)
    result = run_cli("validate", env={"GITHUB_ACTIONS": "true"})
    assert result.output.startswith("::error file=specs/SPEC-0002.yaml,line=3,col=9,")
    explicit = run_cli("validate", "--format", "text", env={"GITHUB_ACTIONS": "true"})
    assert explicit.output.startswith("specs/SPEC-0002.yaml:3:9:")


def test_colour_only_on_a_terminal_and_never_with_no_color() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert use_color(Terminal(), {}) is True
    assert use_color(Terminal(), {"NO_COLOR": "1"}) is False
    assert use_color(io.StringIO(), {}) is False


def test_config_error_exits_2_with_one_line_and_no_traceback(repo: Path) -> None:
    (repo / "specrepo.yaml").write_text("specs: [a\n")
    result = run_cli("validate")
    assert result.exit_code == 2
    assert "specrepo: error:" in result.output
    assert result.output.startswith("specrepo: error: specrepo.yaml:1:8: YAML syntax error: "
                                     "the list opened here with '[' is never closed")
    assert "Traceback" not in result.output


def test_a_nested_repository_is_checked_with_its_own_specs_not_the_outer_ones(
        repo: Path, write_spec: WriteSpec, monkeypatch: pytest.MonkeyPatch) -> None:
    """The outer project's clean specs must not stand in for the inner repository's."""
    write_spec("SPEC-0001.yaml")
    inner = repo / "checkout"
    (inner / "specs").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(inner)], check=True)
    (inner / "specs" / "SPEC-0009.yaml").write_text("id: SPEC-0009\ntitel: broken\n")
    monkeypatch.chdir(inner)
    result = run_cli("validate")
    assert result.exit_code == 1
    assert "SPEC-0009.yaml" in result.output and "SPEC-0001" not in result.output


def test_missing_path_is_a_usage_error(repo: Path) -> None:
    result = run_cli("validate", "nope.yaml")
    assert result.exit_code == 2
    assert "nope.yaml: no such file or folder" in result.output


def test_unknown_option_is_a_usage_error() -> None:
    result = run_cli("validate", "--formt", "json")
    assert result.exit_code == 2
    assert "No such option" in result.output


def test_internal_error_is_one_line_and_exit_3(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(validate_command, "run", explode)
    result = run_cli("validate")
    assert result.exit_code == 3
    assert result.output == ("specrepo: internal error: RuntimeError: boom (run again with "
                             "--debug for the traceback, and please report it)\n")
    debug = run_cli("--debug", "validate")
    assert debug.exit_code == 3
    assert "Traceback" in debug.output


@pytest.mark.parametrize("command", [["validate"], ["report"], ["render", "--check"]])
def test_a_name_an_ascii_locale_cannot_express_is_an_environment_error(
        repo: Path, write_spec: WriteSpec, command: list[str]) -> None:
    """In the C locale without Python's UTF-8 mode (a minimal CI image) a folder named
    `spécs` cannot be passed to the operating system: exit 2 saying what to do, not an
    internal error (trial 32)."""
    (repo / "specrepo.yaml").write_text("specs: spécs\n", encoding="utf-8")
    (repo / "spécs").mkdir()
    write_spec("spécs/SPEC-0001.yaml")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0",
           "PYTHONCOERCECLOCALE": "0"}
    completed = subprocess.run([sys.executable, "-m", "specrepo", *command], cwd=repo,
                               capture_output=True, check=False, env=env)
    assert completed.returncode == 2, completed.stderr
    assert completed.stderr.endswith(
        b"cannot be written in this environment's file-system encoding (ascii); run with a "
        b"UTF-8 locale (LANG=C.UTF-8) or PYTHONUTF8=1\n")


def test_schema_command_prints_the_bundled_schema() -> None:
    spec_schema = json.loads(run_cli("schema").output)
    assert spec_schema["title"] == "specrepo technical specification"
    config_schema = json.loads(run_cli("schema", "--config-schema").output)
    assert "rules" in config_schema["properties"]


def test_version() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.output.startswith("specrepo, version ")


def test_python_dash_m_runs_the_cli(repo: Path, write_spec: WriteSpec) -> None:
    write_spec("SPEC-0001.yaml")
    completed = subprocess.run([sys.executable, "-m", "specrepo", "validate"], cwd=repo,
                               capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == "1 file checked: no problems\n"


_LOADED_BY_VALIDATE = """
import sys
sys.argv = ["specrepo", "validate"]
from specrepo.__main__ import main
try:
    main()
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)))
"""


def test_validate_starts_without_the_other_commands_layers(repo: Path,
                                                           write_spec: WriteSpec) -> None:
    """validate's start-up (most of its time on a few thousand specs, and not shared by its
    workers) loads neither the other commands, the miner, rendering, the site nor trace,
    nor what only Markdown specs or tables need, nor the package's metadata (the findings
    cache is keyed by the code's digest, not the version number)."""
    write_spec("SPEC-0001.yaml")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)  # with a findings cache
    completed = subprocess.run([sys.executable, "-c", _LOADED_BY_VALIDATE], cwd=repo,
                               capture_output=True, text=True, check=True)
    loaded = set(completed.stdout.split("\n")[-2].split())
    assert "specrepo.commands.validate" in loaded
    unwanted = {"specrepo.commands.render", "specrepo.commands.report",
                "specrepo.commands.site", "specrepo.commands.trace", "specrepo.commands.diff",
                "specrepo.commands.timeline", "specrepo.history.mine", "specrepo.render.pages",
                "specrepo.site.build", "specrepo.trace.repository", "jinja2",
                "markdown_it", "tabulate", "importlib.metadata"}  # YAML specs, text output
    assert loaded & unwanted == set()


_RESULT_KEPT = """
import sys
leaving = sys.argv.pop() == "leaving"
sys.argv = ["specrepo", "validate"]
from specrepo.__main__ import main
from specrepo.cli.ending import LAST_RESULT
try:
    main(leaving=leaving)
except SystemExit:
    pass
print(len(LAST_RESULT))
"""


def test_a_commands_result_is_kept_only_for_a_process_that_ends_with_it(
        repo: Path, write_spec: WriteSpec) -> None:
    """A command's result outlives the command only when the process ends right after
    (the console script, which frees nothing): freeing a mined history object by object
    costs more than that end. `main` called as a function lets it go as it returns, so
    neither its caller nor the interpreter's own exit carries it."""
    write_spec("SPEC-0001.yaml")
    kept = [subprocess.run([sys.executable, "-c", _RESULT_KEPT, how], cwd=repo,
                           capture_output=True, text=True, check=True).stdout.split()[-1]
            for how in ("returning", "leaving")]
    assert kept == ["0", "1"]


def test_render_with_nothing_changed_starts_without_the_templates_model(
        repo: Path, write_spec: WriteSpec) -> None:
    """With every page as its cache says, render draws none: the model pages are drawn
    from is not loaded, nor the Markdown parser some spec texts need."""
    write_spec("SPEC-0001.yaml")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)  # the cache's folder
    script = _LOADED_BY_VALIDATE.replace('"validate"', '"render"')
    first, again = (subprocess.run([sys.executable, "-c", script], cwd=repo,
                                   capture_output=True, text=True, check=True)
                    for _ in range(2))
    assert "specrepo.model.spec" in first.stdout.split("\n")[-2].split()
    assert "specrepo.commands.render" in again.stdout.split("\n")[-2].split()
    assert "specrepo.model.spec" not in again.stdout.split("\n")[-2].split()
    assert "markdown_it" not in again.stdout.split("\n")[-2].split()


def test_init_then_new_then_validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    first = run_cli("init", "--author", "Ada Lovelace")
    assert first.exit_code == 0
    assert first.output.splitlines() == [
        "created specrepo.yaml", "created .specrepo/spec.schema.json",
        "created specs/SPEC-0001-example-spec.yaml",
    ]
    assert run_cli("init", "--author", "Ada").output.startswith("nothing to do")
    new = run_cli("new", "Faster caching", "--author", "Grace Hopper")
    assert new.output == "specs/SPEC-0002-faster-caching.yaml\n"
    assert run_cli("validate").output == "2 files checked: no problems\n"


def test_new_takes_the_author_from_git(repo: Path) -> None:
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "config", "user.name", "Linus Pauling"], check=True)
    result = run_cli("new", "From git")
    assert result.exit_code == 0
    assert '"Linus Pauling"' in (repo / result.output.strip()).read_text()


def test_new_without_any_author_is_a_usage_error(repo: Path) -> None:
    result = run_cli("new", "Nobody")
    assert result.exit_code == 2
    assert "pass --author" in result.output


def test_sarif_and_junit_files_beside_the_main_format(repo: Path, write_spec: WriteSpec) -> None:
    write_spec("SPEC-0002.yaml", BAD_SPEC)
    result = run_cli("validate", "--sarif", "out.sarif", "--junit", "junit.xml")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "1 file checked: 1 error"
    sarif = json.loads((repo / "out.sarif").read_text(encoding="utf-8"))
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "specs/SPEC-0002.yaml"},
                        "region": {"startLine": 3, "startColumn": 9}}
    assert '<failure message="' in (repo / "junit.xml").read_text(encoding="utf-8")
    assert sorted(path.name for path in repo.iterdir()) == [
        "junit.xml", "out.sarif", "specrepo.yaml", "specs"]


@pytest.mark.parametrize("output_format", ["sarif", "junit"])
def test_sarif_and_junit_as_the_main_format(write_spec: WriteSpec, output_format: str) -> None:
    write_spec("SPEC-0001.yaml")
    result = run_cli("validate", "--format", output_format)
    assert result.exit_code == 0
    assert result.output.startswith("{" if output_format == "sarif" else "<?xml")


def test_quiet_prints_nothing_when_clean(write_spec: WriteSpec) -> None:
    write_spec("SPEC-0001.yaml")
    assert run_cli("validate", "--quiet").output == ""
    write_spec("SPEC-0002.yaml", BAD_SPEC)
    assert run_cli("validate", "-q").output.endswith("2 files checked: 1 error\n")


def test_github_format_appends_every_finding_to_the_step_summary(
        repo: Path, write_spec: WriteSpec) -> None:
    write_spec("SPEC-0002.yaml", BAD_SPEC)
    summary = repo / "summary.md"
    summary.write_text("before\n")
    run_cli("validate", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text()
    assert text.startswith("before\n## specrepo validate\n")
    assert "| specs/SPEC-0002.yaml | 3 | 9 | error | `schema` |" in text
    run_cli("validate", "--format", "text", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert summary.read_text() == text


def test_init_ci_github_writes_a_workflow_once(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    first = run_cli("init", "--author", "Ada Lovelace", "--ci", "github")
    assert "created .github/workflows/specs.yml" in first.output.splitlines()
    workflow = tmp_path / ".github/workflows/specs.yml"
    steps = yaml.safe_load(workflow.read_text())["jobs"]["specs"]["steps"]
    assert steps[0] == {"uses": "actions/checkout@v4", "with": {"fetch-depth": 0}}
    assert steps[1]["uses"] == ACTION_REFERENCE
    workflow.write_text("# mine\n")
    again = run_cli("init", "--author", "Ada Lovelace", "--ci", "github")
    assert again.output.startswith("nothing to do")
    assert workflow.read_text() == "# mine\n"


@pytest.mark.parametrize("arguments", [
    ("schema", "R\udce9Q"), ("report", "--fail-on", "R\udce9Q"), ("report", "R\udce9Q"),
    ("report", "--format", "R\udce9Q"), ("diff", "--max-bytes", "R\udce9Q")])
def test_a_usage_error_shows_an_argument_s_byte_that_is_not_utf8_as_the_byte(
        arguments: tuple[str, ...]) -> None:
    """Click's own usage errors wrote such a byte `\\udce9` where specrepo's messages write
    `\\xe9`, also where Click quotes the value with `repr` ("'R\\udce9Q' is not one of
    ...") (newuser68 L)."""
    result = run_cli(*arguments)
    assert result.exit_code == 2
    assert "R\\xe9Q" in result.stderr and "udce9" not in result.stderr, result.stderr


@pytest.mark.parametrize(("arguments", "shown"), [
    (("report", "st\u0430le"), "'st<U+0430>le' is not one of 'status', 'reviewers', "
     "'questions', 'stale'; did you mean 'stale'?"),
    (("validate", "--format", "js\u043en"), "'js<U+043E>n' is not one of 'github', 'json', "
     "'junit', 'sarif', 'text'; did you mean 'json'?"),
    (("report", "--fail-on", "st\u0430le"), "unknown condition st<U+0430>le; choose from "
     "stale, open-questions-on-approved"),
    (("report", "--fail-on", "st\u0430le"), "changed-after-approval; did you mean stale?"),
    (("validate", "--format", "json\u200b"), "'json<U+200B>' is not one of 'github',")])
def test_a_look_alike_choice_is_shown_apart_from_the_choices(
        arguments: tuple[str, ...], shown: str) -> None:
    """newuser71: Click's "'st\u0430le' is not one of ..., 'stale'." named two strings that
    look the same."""
    result = run_cli(*arguments)
    assert result.exit_code == 2
    assert shown in result.stderr, result.stderr


def test_a_usage_error_quoting_a_typed_backslash_leaves_it_as_typed() -> None:
    result = run_cli("report", "R\\udce9Q")
    assert result.exit_code == 2
    assert "'R\\\\udce9Q' is not one of" in result.stderr, result.stderr


@pytest.mark.parametrize("command", [("validate",), ("report",), ("init", "--author", "Ada")])
def test_a_deleted_working_folder_is_a_usage_error(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   command: tuple[str, ...]) -> None:
    """It was an internal error (exit 3: FileNotFoundError) (newuser70 L)."""
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    result = run_cli(*command, no_traceback=True)
    assert (result.exit_code, result.stderr) == (2, (
        "specrepo: error: the current folder no longer exists (it was deleted after the "
        "shell entered it); cd into a folder that exists\n"))
    assert run_cli("--version").exit_code == 0
