"""The files other tools read from specrepo's repository: the action and the hook list.

The composite action's steps are run here as GitHub runs them (bash, inputs through the
environment, each step's `if:` honoured), on real repositories, with the specrepo of this
checkout on PATH; only setup-python and the installation are taken as done.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

from specrepo.commands.ci_workflow import ACTION_REFERENCE, CI_WORKFLOW_PATHS
from specrepo.commands.init import init_repository
from specrepo.commands.new import NewSpec
from tests.history.gitrepo import DAY, EPOCH, GitRepo, spec_text

ROOT = Path(__file__).resolve().parent.parent
_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def load(name: str) -> Any:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


@dataclass
class ActionRun:
    """What running the action did: each step's outcome and output, and the job summary."""

    outcomes: dict[str, str]
    output: dict[str, str]
    summary: str

    @property
    def failed(self) -> bool:
        return "failure" in self.outcomes.values()


def condition_holds(condition: str, outcomes: dict[str, str]) -> bool:
    """A step's `if:`, for the status functions and step outcomes the action uses; anything
    else fails the test, so the action cannot use what this runner does not understand."""
    expression = _EXPRESSION.fullmatch(condition.strip())
    terms = (expression.group(1) if expression else condition).split("&&")
    held = True
    for term in (term.strip() for term in terms):
        if term in {"!cancelled()", "always()"}:
            continue
        if term == "success()":
            held &= "failure" not in outcomes.values()
        elif found := re.fullmatch(r"steps\.([\w-]+)\.outcome == '(\w+)'", term):
            held &= outcomes.get(found.group(1)) == found.group(2)
        else:
            raise AssertionError(f"this test cannot evaluate `{term}`")
    return held


def expand(value: str, inputs: dict[str, str], github: dict[str, str]) -> str:
    """A step's `env` value with its `${{ inputs.X }}` and `${{ github.X }}` expressions
    replaced as GitHub replaces them (a context value absent from the event is empty)."""
    def evaluate(found: re.Match[str]) -> str:
        expression = found.group(1)
        if expression.startswith("inputs."):
            return inputs[expression.removeprefix("inputs.")]
        if expression.startswith("github."):
            return github.get(expression.removeprefix("github."), "")
        raise AssertionError(f"this test cannot evaluate `{expression}`")
    return _EXPRESSION.sub(evaluate, value)


def run_action(workspace: Path, inputs: dict[str, str] | None = None,
               github: dict[str, str] | None = None) -> ActionRun:
    """Run the action's steps in `workspace`; `github` is the `github` context (such as
    `event.pull_request.base.sha`)."""
    action = load("action.yml")
    given = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    given.update(inputs or {})
    summary = workspace.parent / "summary.md"
    summary.write_text("")
    outcomes: dict[str, str] = {}
    output: dict[str, str] = {}
    for number, step in enumerate(action["runs"]["steps"]):
        name = step.get("id") or step.get("name") or step.get("uses") or f"step-{number}"
        if "uses" in step or step.get("id") == "install":
            outcomes[name] = "success"  # setup-python and `pip install` of this checkout
            continue
        condition = step.get("if", "success()")
        if not condition_holds(condition, outcomes):
            outcomes[name] = "skipped"
            continue
        assert "${{" not in step["run"], "inputs must reach scripts through the environment"
        environment = {
            **os.environ,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary),
            **{key: expand(str(value), given, github or {})
               for key, value in step.get("env", {}).items()},
        }
        assert step["shell"] == "bash"
        folder = workspace / expand(step.get("working-directory", "."), given, github or {})
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                               step["run"]], cwd=folder, env=environment,
                              capture_output=True, text=True, check=False)
        outcomes[name] = "success" if done.returncode == 0 else "failure"
        output[name] = done.stdout + done.stderr
    return ActionRun(outcomes, output, summary.read_text())


def commit_rendered(repo: GitRepo, message: str, spec: str) -> None:
    """Commit SPEC-0001 with this text, and its rendered pages with it."""
    repo.write("specs/SPEC-0001.yaml", spec)
    subprocess.run([Path(sys.executable).parent / "specrepo", "render"], cwd=repo.root,
                   check=False, capture_output=True)
    repo.commit(message)


def specs_repository(root: Path) -> GitRepo:
    """SPEC-0001 valid, its pages rendered, all committed."""
    repo = GitRepo(root)
    commit_rendered(repo, "first spec", spec_text())
    return repo


def test_every_check_runs_even_when_validate_fails_and_the_action_still_fails(
        tmp_path: Path) -> None:
    repo = specs_repository(tmp_path / "repo")
    repo.commit("break it", {"specs/SPEC-0001.yaml": spec_text(status="Aproved")})
    run = run_action(repo.root)
    assert run.outcomes == {"actions/setup-python@v5": "success", "install": "success",
                            "specrepo validate": "failure",
                            "specrepo render --check": "failure", "specrepo report": "success",
                            "specrepo diff": "success",
                            "specrepo site": "success",  # asked for no site: nothing to do
                            "specrepo trace": "success"}
    assert run.failed
    assert "::error file=specs/SPEC-0001.yaml,line=3" in run.output["specrepo validate"]
    assert "docs/specs/index.md: out of date" in run.output["specrepo render --check"]
    # Both the findings and the report reach the job summary.
    assert run.summary.startswith("## specrepo validate\n\n1 file checked: 1 error\n")
    assert "<!-- generated by specrepo report -->\n\n# Spec report" in run.summary


def test_a_clean_repository_passes_every_step(tmp_path: Path) -> None:
    root = specs_repository(tmp_path / "repo").root
    run = run_action(root)
    assert not run.failed
    assert "# Spec report" in run.summary
    assert not (root / "_site").exists()  # the site only when asked for


def test_the_site_input_builds_the_site_for_pages(tmp_path: Path) -> None:
    root = specs_repository(tmp_path / "repo").root
    run = run_action(root, {"site": "true"})
    assert run.outcomes["specrepo site"] == "success"
    assert (root / "_site" / "index.html").is_file()
    assert (root / "_site" / "specs" / "SPEC-0001.html").is_file()


def test_the_sites_links_to_repository_files_lead_to_the_commit_on_github(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = specs_repository(tmp_path / "repo").root
    page = root / "_site" / "specs" / "SPEC-0001.html"
    for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"):
        monkeypatch.delenv(name, raising=False)
    assert run_action(root, {"site": "true"}).outcomes["specrepo site"] == "success"
    assert "https://" not in page.read_text()  # outside GitHub: relative links, as before
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "acme/specs")
    monkeypatch.setenv("GITHUB_SHA", "0123abc")
    assert run_action(root, {"site": "true"}).outcomes["specrepo site"] == "success"
    source = 'href="https://github.com/acme/specs/blob/0123abc/specs/SPEC-0001.yaml"'
    assert source in page.read_text()
    assert run_action(root, {"site": "true", "repository-url": "none"}).outcomes[
        "specrepo site"] == "success"
    assert source not in page.read_text()
    other = run_action(root, {"site": "true", "repository-url": "https://git.example.com/r"})
    assert 'href="https://git.example.com/r/specs/SPEC-0001.yaml"' in page.read_text(), other
    wrong = run_action(root, {"site": "true", "repository-url": "git@github.com:acme/specs"})
    assert wrong.outcomes["specrepo site"] == "failure"
    assert "is not an http(s) URL" in wrong.output["specrepo site"]


def test_since_checks_the_status_changes_a_pull_request_adds(tmp_path: Path) -> None:
    repo = specs_repository(tmp_path / "repo")
    commit_rendered(repo, "reject", spec_text(status="Rejected"))
    repo.git("branch", "base")
    commit_rendered(repo, "revive", spec_text(status="Draft"))  # Rejected is final
    assert not run_action(repo.root).failed  # HEAD is valid: only history tells
    run = run_action(repo.root, {"since": "base"})
    assert run.outcomes["specrepo validate"] == "failure"
    assert "moved the status from Rejected to Draft" in run.output["specrepo validate"]
    assert run.outcomes["specrepo render --check"] == "success"


def test_a_push_checks_the_status_changes_it_pushed(tmp_path: Path) -> None:
    """A squash of legal moves (Draft -> In Review -> Approved) lands as one forbidden
    move: the push run reports it; a push whose earlier commit is unknown says it checked
    nothing of it."""
    repo = specs_repository(tmp_path / "repo")
    before = repo.git("rev-parse", "HEAD").strip()
    commit_rendered(repo, "Squashed (#12)", spec_text(
        status="Approved", extra="reviewers: [Grace Hopper]\n"))
    push = {"event_name": "push", "event.before": before}
    run = run_action(repo.root, github=push)
    assert run.outcomes["specrepo validate"] == "failure"
    assert "moved the status from Draft to Approved" in run.output["specrepo validate"]
    assert not run_action(repo.root, {"check-pushes": "false"}, github=push).failed
    for unknown, cause in (("0" * 40, "this push made a new branch"),
                           ("1" * 40, "a force push replaced it")):
        run = run_action(repo.root, github={**push, "event.before": unknown})
        assert run.outcomes["specrepo validate"] == "success"
        assert "status changes it pushed are not checked" in run.output["specrepo validate"]
        assert cause in run.output["specrepo validate"]


def test_a_merge_queue_run_checks_the_queued_commits_against_the_queue_s_base(
        tmp_path: Path) -> None:
    """merge_group events have no base_ref, so `since` is '': the squash the queue is about
    to land (Draft -> Approved in one commit) passed unchecked and unwarned (trial51a)."""
    repo = specs_repository(tmp_path / "repo")
    base = repo.git("rev-parse", "HEAD").strip()
    commit_rendered(repo, "Squashed (#7)", spec_text(
        status="Approved", extra="reviewers: [Grace Hopper]\n"))
    queue = {"event_name": "merge_group", "event.merge_group.base_sha": base}
    run = run_action(repo.root, {"check-pushes": "false"}, github=queue)
    assert run.outcomes["specrepo validate"] == "failure"
    assert "moved the status from Draft to Approved" in run.output["specrepo validate"]
    for unknown, said in (("", "this merge_group event names no base commit"),
                          ("1" * 40, f"the merge queue's base commit ({'1' * 40}) is not "
                                     "in the clone")):
        run = run_action(repo.root, github={**queue, "event.merge_group.base_sha": unknown})
        assert run.outcomes["specrepo validate"] == "success"
        assert f"::warning::specrepo: {said}" in run.output["specrepo validate"]
        assert "the status changes the queued commits make are not checked" \
            in run.output["specrepo validate"]


def test_a_push_in_a_shallow_clone_blames_the_shallow_clone(tmp_path: Path) -> None:
    """actions/checkout's default (fetch-depth: 1) holds no commit before the push: the
    warning says so and how to fetch it, not "a new branch, or a force push"."""
    repo = specs_repository(tmp_path / "repo")
    before = repo.git("rev-parse", "HEAD").strip()
    commit_rendered(repo, "Squashed (#12)", spec_text(
        status="Approved", extra="reviewers: [Grace Hopper]\n"))
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone))
    output = run_action(clone, github={"event_name": "push", "event.before": before}
                        ).output["specrepo validate"]
    assert f"the commit before this push ({before}) is not in this shallow clone" in output
    assert "set fetch-depth: 0" in output and "force push" not in output


def test_the_working_directory_input_runs_in_a_monorepos_folder(tmp_path: Path) -> None:
    top = tmp_path / "monorepo"
    repo = GitRepo(top)
    (top / "design").mkdir()
    init_repository(top / "design", NewSpec("Example", "Ada", date(2026, 1, 2)))
    subprocess.run([Path(sys.executable).parent / "specrepo", "render"], cwd=top / "design",
                   check=True, capture_output=True)
    repo.commit("design specs")
    assert run_action(top).outcomes["specrepo validate"] == "failure"  # no specrepo.yaml
    run = run_action(top, {"working-directory": "design"})
    assert not run.failed, run.output


def test_now_lets_a_scheduled_run_find_stale_specs_in_an_idle_repository(
        tmp_path: Path) -> None:
    repo = specs_repository(tmp_path / "repo")
    # Measured to the last commit, nothing is stale: the repository has been idle since.
    assert not run_action(repo.root, {"fail-on": "stale"}).failed
    later = datetime.fromtimestamp(EPOCH + 400 * DAY, tz=timezone.utc).date().isoformat()
    run = run_action(repo.root, {"fail-on": "stale", "now": later})
    assert run.outcomes["specrepo report"] == "failure"
    assert "Failing conditions: stale" in run.output["specrepo report"]


def pull_request(tmp_path: Path) -> tuple[GitRepo, dict[str, str]]:
    """A pull request that adds a requirement to SPEC-0001 while main moves on, checked
    out at its head; and the `github` context of its `pull_request` event."""
    requirements = ("requirements:\n  functional:\n"
                    "    - {id: FR-1, description: Count., priority: P1}\n")
    added = "    - {id: FR-2, description: Retry., priority: P1}\n"
    repo = specs_repository(tmp_path / "repo")
    commit_rendered(repo, "add FR-1", spec_text(extra=requirements))
    repo.git("checkout", "-q", "-b", "topic")
    commit_rendered(repo, "add FR-2", spec_text(extra=requirements + added))
    head = repo.git("rev-parse", "HEAD")
    repo.git("checkout", "-q", "main")
    commit_rendered(repo, "retitle", spec_text(title="Another title", extra=requirements))
    base = repo.git("rev-parse", "HEAD")
    repo.git("checkout", "-q", head)
    return repo, {"event_name": "pull_request", "event.pull_request.base.sha": base,
                  "event.pull_request.head.sha": head}


def test_a_pull_request_gets_its_spec_diff_in_the_job_summary(tmp_path: Path) -> None:
    repo, event = pull_request(tmp_path)
    run = run_action(repo.root, github=event)
    assert not run.failed, run.output
    diff = run.summary[run.summary.index("## Spec changes from"):]
    base, head = event["event.pull_request.base.sha"], event["event.pull_request.head.sha"]
    assert diff.startswith(f"## Spec changes from `{base}` to `{head}`\n\n1 spec changed")
    assert "| added | `requirements.functional[FR-2]` |" in diff
    assert "`title`" not in diff  # main's own change is not the pull request's


def test_the_diff_input_turns_it_off_and_other_events_have_none(tmp_path: Path) -> None:
    repo, event = pull_request(tmp_path)
    off = run_action(repo.root, {"diff": "false"}, github=event)
    assert off.outcomes["specrepo diff"] == "success" and not off.failed
    assert "Spec changes" not in off.summary and "# Spec report" in off.summary
    push = run_action(repo.root, github={"event_name": "push"})
    assert push.outcomes["specrepo diff"] == "success"
    assert "Spec changes" not in push.summary
    wrong = run_action(repo.root, {"diff": "yes"}, github=event)
    assert wrong.outcomes["specrepo diff"] == "failure"
    assert "the diff input is true or false, not 'yes'" in wrong.output["specrepo diff"]


def test_inputs_cannot_run_commands(tmp_path: Path) -> None:
    repo = specs_repository(tmp_path / "repo")
    hostile = "$(touch pwned-1); touch pwned-2 `touch pwned-3`"
    run_action(repo.root, {"paths": hostile, "since": hostile, "fail-on": hostile,
                           "now": hostile, "diff": hostile, "site": hostile, "trace": "true",
                           "junit": hostile, "trace-fail-on": hostile,
                           "repository-url": hostile},
               github={"event.pull_request.base.sha": hostile,
                       "event.pull_request.head.sha": hostile})
    assert not list(repo.root.glob("pwned-*"))


TRACED_SPEC = spec_text(extra="""\
requirements:
  functional:
    - {id: FR-1, description: Log in., priority: P0}
    - {id: FR-2, description: Log out., priority: P1}
""")
PASSED = """<testsuite><testcase classname="t" name="test_spec_0001_fr_1"/>
<testcase classname="t" name="test_spec_0001_fr_2"/></testsuite>"""


def test_trace_with_the_jobs_junit_files(tmp_path: Path) -> None:
    repo = specs_repository(tmp_path / "repo")
    repo.write("specrepo.yaml", "specs: specs\ntrace: {implementation: src/**}\n")
    commit_rendered(repo, "requirements", TRACED_SPEC)
    repo.commit("code", {"src/login.py": "# SPEC-0001/FR-1\n# SPEC-0001/FR-2\n"})
    untraced = run_action(repo.root)
    assert (untraced.outcomes["specrepo trace"], untraced.output["specrepo trace"]) == (
        "success", "")
    assert "# Traceability" not in untraced.summary
    assert run_action(repo.root, {"trace": "yes"}).outcomes["specrepo trace"] == "failure"
    repo.write("reports/a b/unit.xml", PASSED)
    repo.write("reports/slow.xml", '<testsuite><testcase classname="t" '
               'name="test_spec_0001_fr_1"><failure message="no"/></testcase></testsuite>')
    gated = {"trace": "true", "trace-fail-on": "uncovered,failing"}
    passing = run_action(repo.root, {**gated, "junit": "reports/a?b/*.xml"})
    assert passing.outcomes["specrepo trace"] == "success", passing.output
    assert "# Traceability" in passing.summary
    failing = run_action(repo.root, {**gated, "junit": "reports/a?b reports/slow.xml"})
    assert failing.outcomes["specrepo trace"] == "failure"
    assert "Failing conditions: failing" in failing.output["specrepo trace"]
    missing = run_action(repo.root, {**gated, "junit": "reports/none-*.xml"})
    assert missing.outcomes["specrepo trace"] == "failure"
    assert "reports/none-*.xml: cannot read the JUnit file" in missing.output["specrepo trace"]


def test_the_site_input_draws_the_trace_page_from_the_jobs_junit_files(
        tmp_path: Path) -> None:
    repo = specs_repository(tmp_path / "repo")
    repo.write("specrepo.yaml", "specs: specs\ntrace: {implementation: src/**}\n")
    commit_rendered(repo, "requirements", TRACED_SPEC)
    repo.commit("code", {"src/login.py": "# SPEC-0001/FR-1\n# SPEC-0001/FR-2\n"})
    repo.write("reports/a b/unit.xml", PASSED)
    run = run_action(repo.root, {"site": "true", "junit": "reports/a?b/*.xml"})
    assert run.outcomes["specrepo site"] == "success", run.output["specrepo site"]
    trace = (repo.root / "_site" / "trace.html").read_text()
    assert "test_spec_0001_fr_1" in trace and "test_spec_0001_fr_2" in trace
    missing = run_action(repo.root, {"site": "true", "junit": "reports/none-*.xml"})
    assert missing.outcomes["specrepo site"] == "failure"
    assert "reports/none-*.xml: cannot read the JUnit file" in missing.output["specrepo site"]


def passed(hook: dict[str, str], name: str) -> bool:
    """Whether pre-commit passes the staged file `name` to `hook` (its `files:` and
    `exclude:`, Python regular expressions searched in the path)."""
    return bool(re.search(hook.get("files", ""), name)
                and not re.search(hook.get("exclude", "^$"), name))


def test_pre_commit_hooks() -> None:
    hooks = {hook["id"]: hook for hook in load(".pre-commit-hooks.yaml")}
    assert hooks["specrepo-validate"]["entry"] == \
        "specrepo validate --quiet --allow-empty --changed-since HEAD --history --since HEAD " \
        "--allow-shallow"
    assert hooks["specrepo-validate"]["pass_filenames"] is True
    assert hooks["specrepo-validate"]["always_run"] is True  # deletions are never passed
    assert hooks["specrepo-render-check"]["entry"] == "specrepo render --check --staged"
    assert hooks["specrepo-render-check"]["pass_filenames"] is False
    assert hooks["specrepo-render-check"]["always_run"] is True  # a deleted spec's page
    for hook in ("specrepo-validate", "specrepo-render-check"):  # once a commit, not twice
        assert "commit-msg" not in hooks[hook]["stages"]
        assert "pre-commit" in hooks[hook]["stages"]
    # A spec file's ending matches in any case, as specrepo reads it.
    for name in ("specs/a.yaml", "x/specs/a.YML", "specs/b/c.Yaml", "docs/specs/a.yaml"):
        assert passed(hooks["specrepo-validate"], name), name
        assert re.search(hooks["specrepo-render-check"]["files"], name), name
    assert not passed(hooks["specrepo-validate"], "SPECS/a.yaml")
    # Markdown specs (front_matter: true) are passed too; specrepo skips other files.
    for name in ("specs/SPEC-0001.md", "specs/x/README.MD", "specs/a.markdown"):
        assert passed(hooks["specrepo-validate"], name), name
    # Not the pages render writes to its default folder (each would be a note).
    for name in ("docs/README.md", "docs/specs/index.md", "docs/specs/SPEC-0002.md",
                 "x/docs/specs/SPEC-0002.MD"):
        assert not passed(hooks["specrepo-validate"], name), name
    assert re.search(hooks["specrepo-render-check"]["files"], "docs/0009-x.MD")


def test_the_workflow_init_writes_uses_only_the_actions_inputs(tmp_path: Path) -> None:
    init_repository(tmp_path, NewSpec("Example", "Ada", date(2026, 1, 2)), ci="github")
    workflow = yaml.safe_load((tmp_path / CI_WORKFLOW_PATHS["github"]).read_text())
    [step] = [step for step in workflow["jobs"]["specs"]["steps"]
              if step["uses"] == ACTION_REFERENCE]
    assert set(step["with"]) <= set(load("action.yml")["inputs"])
    assert "since" in step["with"]


def readme_block(heading: str) -> str:
    """The first fenced block below the README's `### heading`."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(f"\n### {heading}\n", 1)[1]
    return section.split("```", 2)[1].split("\n", 1)[1]


def test_the_readme_s_github_recipe_runs_when_the_workflow_init_writes_runs(
        tmp_path: Path) -> None:
    """Both run on pushes, pull requests and merge queues, with the action's own inputs."""
    init_repository(tmp_path, NewSpec("Example", "Ada", date(2026, 1, 2)), ci="github")
    written = yaml.safe_load((tmp_path / CI_WORKFLOW_PATHS["github"]).read_text())
    shown = yaml.safe_load(readme_block("GitHub Actions"))
    assert set(shown[True]) == set(written[True]) == {"push", "pull_request", "merge_group"}
    [step] = [step for step in shown["jobs"]["specs"]["steps"]
              if step["uses"].startswith("specrepo/specrepo@")]
    assert step["uses"] == ACTION_REFERENCE
    assert set(step["with"]) <= set(load("action.yml")["inputs"])
