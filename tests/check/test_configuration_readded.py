"""A configuration deleted in one commit and added back in a later one, under another name
or in the commit being made (trial37b): the file the run uses goes on from the deleted one
(the last configuration the line had), whose workflow and protected fields stay in force
through the deletion (a deletion widens nothing), so the version that comes back judges
nothing in the change that brings it."""

from __future__ import annotations

import shutil

import pytest

from tests.check.test_configuration_line import PATH, REOPENED, TEAM, approved
from tests.gitio.test_config_log import committed_on_line
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

WIDER = TEAM.replace("Approved: [Implemented, Superseded]",
                     "Approved: [Implemented, Superseded, Draft]")
HOOK = ("validate", "--quiet", "--allow-empty", "--changed-since", "HEAD", "--history",
        "--since", "HEAD", "--allow-shallow")
"""The pre-commit hook's command (README, "pre-commit")."""


def drop(git_repo: GitRepo, config: str = TEAM) -> str:
    """main: `config`, SPEC-0001 reviewed, then approved (that commit returned: the base);
    a branch `feature` whose commit deletes specrepo.yaml."""
    git_repo.commit("Start", {"specrepo.yaml": config, PATH: approved(status="In Review")})
    base = git_repo.commit("Approve", {PATH: approved()})
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.commit("Drop the configuration", {"specrepo.yaml": None})
    return base


@pytest.fixture
def dropped(git_repo: GitRepo) -> tuple[GitRepo, str]:
    """`drop` under the team's workflow: the repository and the base."""
    return git_repo, drop(git_repo)


def exit_codes(base: str, *options: str, fail_on: str) -> tuple[list[int], str]:
    """`validate --history`, with `--since base`, and `report --fail-on`'s exit codes (with
    the global `options`), and their output."""
    runs = [run_cli(*options, "validate", "--history"),
            run_cli(*options, "validate", "--history", "--since", base),
            run_cli(*options, "report", "--fail-on", fail_on)]
    return [run.exit_code for run in runs], "".join(run.output for run in runs)


def back_wider_and_reopened(git_repo: GitRepo, base: str, held: str) -> None:
    """Commit `cfg.yaml`, widened, with the spec reopened: every gate (`--config
    cfg.yaml`) fails, judged by the workflow of `held` (the deleted file) at `base`."""
    git_repo.commit("Back as cfg.yaml, widened; reopen",
                    {"cfg.yaml": WIDER, PATH: approved(status="Draft")})
    codes, output = exit_codes(base, "--config", "cfg.yaml", fail_on="illegal-transitions")
    assert codes == [1, 1, 1], output
    assert REOPENED in output
    assert f"({held} as commit {base[:10]} holds it)" in output


def test_added_back_under_another_name_widened_with_the_move_it_allows(
        dropped: tuple[GitRepo, str]) -> None:
    """trial37b repro 2 (was: `validate --history` and `report` passed)."""
    back_wider_and_reopened(*dropped, "specrepo.yaml")


def test_added_back_under_another_name_narrowing_protection(git_repo: GitRepo) -> None:
    """trial37b repro 1: `approval: {protected: []}` in the file added back as cfg.yaml,
    with the approved spec rewritten (was: every gate passed)."""
    base = drop(git_repo, "specs: specs\n")
    git_repo.commit("Back as cfg.yaml, narrowed; rewrite", {
        "cfg.yaml": "specs: specs\napproval: {protected: []}\n",
        PATH: approved().replace("summary: Why and what.", "summary: Rewritten.")})
    codes, output = exit_codes(base, "--config", "cfg.yaml",
                               fail_on="changed-after-approval")
    assert codes == [1, 1, 1], output
    assert "[changed-after-approval]" in output


@pytest.mark.parametrize("name", ["specrepo.yaml", "cfg.yaml"])
def test_the_commit_being_made_adds_it_back_widened_with_the_move(
        dropped: tuple[GitRepo, str], name: str) -> None:
    """trial37b repro 3: HEAD deleted the configuration; the work tree adds it back wider
    and reopens the spec: the pre-commit hook stops it (was: passed), as it does with HEAD
    still holding the file."""
    git_repo, _ = dropped
    git_repo.write(name, WIDER)
    git_repo.write(PATH, approved(status="Draft"))
    git_repo.git("add", "-A")
    options = ("--config", name)
    for arguments in (HOOK, ("validate", "--history")):
        validated = run_cli(*options, *arguments)
        assert validated.exit_code == 1, validated.output
    assert "the work tree moves the status from Approved (HEAD's) to Draft" \
        in run_cli(*options, "validate", "--history").stdout
    git_repo.commit("Back, widened; reopen")  # the caches the runs left are HEAD's parent's
    warm = run_cli(*options, "validate", "--history")
    shutil.rmtree(git_repo.root / ".git" / "specrepo")
    cold = run_cli(*options, "validate", "--history")
    assert (warm.exit_code, warm.output) == (cold.exit_code, cold.output) == (1, cold.output)
    assert REOPENED in cold.output


def drop_third_name(git_repo: GitRepo, *, merged: bool = False) -> str:
    """`spec-config.yaml` the team's workflow (no `specrepo.yaml`), SPEC-0001 reviewed, then
    approved (that commit returned: the base); then a commit that deletes it, on the line
    or on a branch it merges."""
    git_repo.commit("Start", {"specrepo.yaml": None, "spec-config.yaml": TEAM,
                              PATH: approved(status="In Review")})
    base = git_repo.commit("Approve", {PATH: approved()})
    committed_on_line(git_repo, {"spec-config.yaml": None}, merged=merged)
    return base


@pytest.mark.parametrize("merged", [False, True])
def test_deleted_under_a_third_name_and_added_back_widened(git_repo: GitRepo,
                                                           merged: bool) -> None:
    """cfgdel37: `spec-config.yaml` (`--config spec-config.yaml`) deleted, on the line or
    on a merged branch, then added back as `cfg.yaml`, widened, with the move it allows
    (was: every gate passed, and the spec's history began there): git's rename detection
    pairs the two files across the commits between, as it would in one commit."""
    back_wider_and_reopened(git_repo, drop_third_name(git_repo, merged=merged),
                            "spec-config.yaml")
    timeline = run_cli("--config", "cfg.yaml", "timeline", "SPEC-0001").output
    assert "In Review  Approved" in timeline, timeline


def test_the_commit_being_made_adds_it_back_under_a_third_name(git_repo: GitRepo) -> None:
    """cfgdel37: HEAD deleted `spec-config.yaml`; the index adds `cfg.yaml`, widened, and
    reopens the spec: the pre-commit hook stops it (was: passed)."""
    drop_third_name(git_repo)
    git_repo.write("cfg.yaml", WIDER)
    git_repo.write(PATH, approved(status="Draft"))
    git_repo.git("add", "-A")
    for arguments in (HOOK, ("validate", "--history")):
        validated = run_cli("--config", "cfg.yaml", *arguments)
        assert validated.exit_code == 1, validated.output
        assert "moves the status from Approved (HEAD's) to Draft" \
            in validated.stdout
