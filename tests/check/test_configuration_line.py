"""The workflow in force at an earlier commit is found where the configuration file was
then (trial36): a pull request that deletes specrepo.yaml (the defaults then judge
today), renames it away, or moves it with the specs into another folder, and makes a move
the team's workflow forbids, fails `validate --history`, its `--since BASE` check and
`report --fail-on illegal-transitions`; an `accepted_transitions:` entry the moving pull
request adds is no acceptance, wherever it moved the file; and a message names the
configuration file as `--config` named it."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
TEAM = """\
specs: specs
statuses:
  states: [Draft, In Review, Approved, Implemented, Rejected, Withdrawn, Superseded]
  transitions:
    Draft: [In Review, Rejected, Withdrawn, Superseded]
    In Review: [Approved, Rejected, Withdrawn, Superseded]
    Approved: [Implemented, Superseded]
    Implemented: [Superseded]
  terminal: [Rejected, Withdrawn, Superseded]
  initial: [Draft]
"""
"""The team's workflow: an approved spec is never reopened (the defaults allow it)."""
REOPENED = "from Approved to Draft"


def approved(spec_id: str = "SPEC-0001", status: str = "Approved") -> str:
    return spec_text(spec_id, status=status, extra="reviewers: [Grace Hopper]\n")


@pytest.fixture
def repo(git_repo: GitRepo) -> tuple[GitRepo, str]:
    """main: the team's workflow, SPEC-0001 approved; and that commit (the base)."""
    return git_repo, git_repo.commit("Start", {"specrepo.yaml": TEAM, PATH: approved()})


def fails(*arguments: str, move: str = REOPENED) -> str:
    validated = run_cli("validate", "--history", *arguments)
    assert validated.exit_code == 1, validated.output
    assert "[illegal-transition]" in validated.stdout
    assert move in validated.stdout
    return validated.stdout


def every_gate_fails(base: str, move: str = REOPENED) -> str:
    output = fails(move=move)
    fails("--since", base, move=move)
    reported = run_cli("report", "--fail-on", "illegal-transitions")
    assert reported.exit_code == 1, reported.output
    return output


def test_deleting_the_configuration_in_the_commit_that_reopens(
        repo: tuple[GitRepo, str]) -> None:
    git_repo, base = repo
    git_repo.commit("Drop the configuration, reopen",
                    {"specrepo.yaml": None, PATH: approved(status="Draft")})
    output = every_gate_fails(base)
    assert f"(specrepo.yaml as commit {base[:10]} holds it)" in output
    # trial36c: what allows it today is the default workflow, not a deleted file
    assert "today's workflow allows it (specrepo's default)" in output


def test_deleting_the_configuration_then_reopening(repo: tuple[GitRepo, str]) -> None:
    """A deletion widens nothing: the workflow in force before it judges the later move,
    merged or not (an emptied file, which loads as the defaults, is a widening)."""
    git_repo, base = repo
    git_repo.commit("Drop the configuration", {"specrepo.yaml": None})
    git_repo.commit("Reopen", {PATH: approved(status="Draft")})
    every_gate_fails(base)


def test_renaming_the_configuration_away(repo: tuple[GitRepo, str]) -> None:
    git_repo, base = repo
    git_repo.git("mv", "specrepo.yaml", "specrepo.yaml.bak")
    git_repo.commit("Park the configuration, reopen", {PATH: approved(status="Draft")})
    every_gate_fails(base)


def test_moving_it_with_the_specs_and_widening_it_there(
        repo: tuple[GitRepo, str], monkeypatch: pytest.MonkeyPatch) -> None:
    git_repo, base = repo
    (git_repo.root / "design").mkdir()
    git_repo.git("mv", "specrepo.yaml", "specs", "design/")
    git_repo.commit("Restructure, widen, reopen", {
        "design/specrepo.yaml": TEAM.replace("Approved: [Implemented, Superseded]",
                                             "Approved: [Implemented, Superseded, Draft]"),
        f"design/{PATH}": approved(status="Draft")})
    monkeypatch.chdir(git_repo.root / "design")
    output = every_gate_fails(base)
    assert f"(specrepo.yaml as commit {base[:10]} holds it)" in output


def test_a_move_of_the_configuration_alone_judges_as_before(
        repo: tuple[GitRepo, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Moved unchanged, the workflow stays today's: the moves it allows pass, those it
    forbids fail as in place."""
    git_repo, base = repo
    (git_repo.root / "design").mkdir()
    git_repo.git("mv", "specrepo.yaml", "specs", "design/")
    git_repo.commit("Restructure")
    git_repo.commit("Implement", {f"design/{PATH}": approved(status="Implemented")})
    monkeypatch.chdir(git_repo.root / "design")
    assert run_cli("validate", "--history").exit_code == 0
    assert run_cli("validate", "--history", "--since", base).exit_code == 0


def test_an_earlier_workflow_comes_back_with_the_file(repo: tuple[GitRepo, str]) -> None:
    """Deleted, then added again wider: the moves between are judged by the workflow
    before the deletion, those after the new file by the new one."""
    git_repo, _ = repo
    git_repo.commit("Drop the configuration", {"specrepo.yaml": None})
    git_repo.commit("Back, wider", {"specrepo.yaml": TEAM.replace(
        "Approved: [Implemented, Superseded]", "Approved: [Implemented, Superseded, Draft]")})
    git_repo.commit("Reopen", {PATH: approved(status="Draft")})
    assert run_cli("validate", "--history").exit_code == 0


def test_an_acceptance_added_with_the_moved_configuration(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pull request un-rejects, then moves the configuration into design/ and adds an
    entry for its own move: its check fails, as without the move."""
    base = git_repo.commit("Start", {PATH: spec_text(status="Rejected")})
    git_repo.git("checkout", "-q", "-b", "topic")
    revive = git_repo.commit("Revive", {PATH: spec_text()})
    (git_repo.root / "design").mkdir()
    git_repo.git("mv", "specrepo.yaml", "specs", "design/")
    git_repo.commit("Restructure, accept it", {"design/specrepo.yaml": (
        f"specs: specs\naccepted_transitions:\n  - commit: {revive}\n    spec: SPEC-0001\n"
        "    reason: we say so\n")})
    monkeypatch.chdir(git_repo.root / "design")
    output = fails("--since", base, move="from Rejected to Draft")
    assert "came in the change that makes the move" in output


def test_the_message_names_the_configuration_file_given(git_repo: GitRepo) -> None:
    (git_repo.root / "specrepo.yaml").unlink()
    git_repo.commit("Start", {"spec-config.yaml": TEAM, PATH: approved()})
    widened = git_repo.commit("Widen, reopen", {
        "spec-config.yaml": TEAM.replace("Approved: [Implemented, Superseded]",
                                         "Approved: [Implemented, Superseded, Draft]"),
        PATH: approved(status="Draft")})
    validated = run_cli("--config", "spec-config.yaml", "validate", "--history")
    assert validated.exit_code == 1, validated.output
    output = validated.stdout
    assert f"(spec-config.yaml as commit {git_repo.git('rev-parse', 'HEAD~1')[:10]}" in output
    assert "specrepo.yaml" not in output
    assert widened[:10] in output


def test_an_acceptance_in_the_moving_change_is_named_in_the_file_given(
        git_repo: GitRepo) -> None:
    """trial36c: the entry was named `on specrepo.yaml line N` with --config."""
    (git_repo.root / "specrepo.yaml").unlink()
    git_repo.commit("Start", {"spec-config.yaml": TEAM, PATH: approved()})
    reopen = git_repo.commit("Reopen", {PATH: approved(status="Draft")})
    git_repo.commit("Accept", {"spec-config.yaml": TEAM + (
        f"accepted_transitions:\n  - commit: {reopen}\n    spec: SPEC-0001\n"
        "    reason: reopened\n")})
    validated = run_cli("--config", "spec-config.yaml", "validate", "--history",
                        "--since", "HEAD~2")
    assert validated.exit_code == 1, validated.output
    line = TEAM.count("\n") + 2
    assert f"the accepted_transitions: entry at spec-config.yaml:{line}:13 that names it " \
        "came in the change that makes the move" in validated.stdout
    assert "specrepo.yaml" not in validated.stdout


def test_the_work_tree_deleting_the_configuration_and_reopening(
        repo: tuple[GitRepo, str]) -> None:
    """A pre-commit hook: the commit being made deletes specrepo.yaml and reopens; HEAD's
    workflow, found where HEAD has the file, judges it."""
    git_repo, _ = repo
    (git_repo.root / "specrepo.yaml").unlink()
    git_repo.write(PATH, approved(status="Draft"))
    validated = run_cli("validate", "--history")
    assert validated.exit_code == 1, validated.output
    assert "the work tree moves the status from Approved (HEAD's) to Draft" \
        in validated.stdout


@pytest.mark.parametrize("moved", [False, True], ids=["deleted", "moved"])
def test_a_warm_run_continues_the_line(repo: tuple[GitRepo, str],
                                       monkeypatch: pytest.MonkeyPatch, moved: bool) -> None:
    """The caches written at the base are continued (deleted: the same path) or replaced
    (moved and widened: another file) by the pull request's check after its commits."""
    git_repo, base = repo
    assert run_cli("validate", "--history").exit_code == 0
    if moved:
        (git_repo.root / "design").mkdir()
        git_repo.git("mv", "specrepo.yaml", "specs", "design/")
        git_repo.commit("Restructure, widen", {"design/specrepo.yaml": TEAM.replace(
            "Approved: [Implemented, Superseded]", "Approved: [Implemented, Superseded, Draft]")})
        git_repo.commit("Reopen", {f"design/{PATH}": approved(status="Draft")})
        monkeypatch.chdir(git_repo.root / "design")
    else:
        git_repo.commit("Drop the configuration", {"specrepo.yaml": None})
        git_repo.commit("Reopen", {PATH: approved(status="Draft")})
    fails("--since", base)
