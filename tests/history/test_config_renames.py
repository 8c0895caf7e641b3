"""The configuration file's history follows it renamed to any name, in any folder (trial36c):
`git mv spec-config.yaml cfg.yaml` (with `--config cfg.yaml`), a rename with an edit too big
for git's similarity (read as a delete and an add: still the same configuration), a rename
after a move with the specs, a configuration moved and then deleted. Every rule that reads
an earlier configuration (the workflow in force, the protected fields, the spec locations,
adoption) reads it where the rename says."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

REVIEWED = "reviewers: [Grace Hopper]\n"
WORKFLOW = """specs: specs
statuses:
  states: [Draft, In Review, Approved, Implemented, Rejected, Withdrawn, Superseded]
  transitions:
    Draft: [In Review, Rejected, Withdrawn, Superseded]
    In Review: [Approved, Draft, Rejected, Withdrawn, Superseded]
    Approved: [Implemented, Rejected, Withdrawn, Superseded]
    Implemented: [Rejected, Withdrawn, Superseded]
  initial: [Draft]
"""
WIDER = WORKFLOW.replace("Approved: [Implemented,", "Approved: [Draft, Implemented,")


def spec(status: str, summary: str = "Why and what.") -> str:
    return spec_text("SPEC-0001", status=status, extra=REVIEWED).replace(
        "summary: Why and what.", f"summary: {summary}")


def approved(repo: GitRepo, config_name: str = "specrepo.yaml",
             config: str = WORKFLOW) -> str:
    """SPEC-0001 Draft -> In Review -> Approved under `config` at `config_name`; a branch
    `feature` made at the end (checked out); returns main's commit."""
    repo.commit("Drafts", {config_name: config, "specs/SPEC-0001.yaml": spec("Draft")})
    repo.commit("Review", {"specs/SPEC-0001.yaml": spec("In Review")})
    head = repo.commit("Approve", {"specs/SPEC-0001.yaml": spec("Approved")})
    if config_name != "specrepo.yaml":
        (repo.root / "specrepo.yaml").unlink(missing_ok=True)
        repo.git("rm", "-q", "--cached", "--ignore-unmatch", "specrepo.yaml")
        head = repo.commit("Only the named configuration")
    repo.git("checkout", "-q", "-b", "feature")
    return head


def exit_codes(folder: Path, monkeypatch: pytest.MonkeyPatch, *options: str,
               fail_on: str = "illegal-transitions") -> tuple[int, int, int, str]:
    """`validate --history`, `validate --history --since main` and `report --fail-on`'s exit
    codes, cold, and their output."""
    monkeypatch.chdir(folder)
    shutil.rmtree(folder / ".git" / "specrepo", ignore_errors=True)
    runs = [run_cli(*options, "validate", "--history"),
            run_cli(*options, "validate", "--history", "--since", "main"),
            run_cli(*options, "report", "--fail-on", fail_on)]
    return (*(run.exit_code for run in runs), "".join(run.output for run in runs))  # type: ignore[return-value]


def test_a_widening_in_a_renamed_configuration_is_judged_by_the_one_before(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """trial36c repro 1: widen, reopen (Approved -> Draft), then `git mv spec-config.yaml
    cfg.yaml`; `--config cfg.yaml` (was: every gate passed)."""
    approved(git_repo, "spec-config.yaml")
    git_repo.commit("Widen and reopen", {"spec-config.yaml": WIDER,
                                         "specs/SPEC-0001.yaml": spec("Draft")})
    git_repo.git("mv", "spec-config.yaml", "cfg.yaml")
    git_repo.commit("Rename the configuration")
    *codes, output = exit_codes(git_repo.root, monkeypatch, "--config", "cfg.yaml")
    assert codes == [1, 1, 1], output
    assert "moved the status from Approved to Draft" in output
    assert "spec-config.yaml as commit" in output  # the file as that commit had it


def test_a_rename_with_a_big_edit_narrowing_protection_is_still_the_same_configuration(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """trial36c repro 2: the approved summary rewritten, `specrepo.yaml` renamed to
    `cfg.yaml` and narrowed to `approval: {protected: []}` in one commit (too big an edit
    for git to see a rename: a delete and an add, one configuration all the same)."""
    git_repo.commit("Drafts", {"specs/SPEC-0001.yaml": spec("Draft")})
    git_repo.commit("Review", {"specs/SPEC-0001.yaml": spec("In Review")})
    git_repo.commit("Approve", {"specs/SPEC-0001.yaml": spec("Approved")})
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.git("mv", "specrepo.yaml", "cfg.yaml")
    git_repo.commit("Rewrite, narrow and rename", {
        "specs/SPEC-0001.yaml": spec("Approved", "Rewritten after approval."),
        "cfg.yaml": "specs: specs\napproval: {protected: []}\n"})
    assert "R" not in git_repo.git("diff-tree", "-r", "-M", "--name-status", "HEAD~1", "HEAD")
    *codes, output = exit_codes(git_repo.root, monkeypatch, "--config", "cfg.yaml",
                                fail_on="changed-after-approval")
    assert codes == [1, 1, 1], output
    assert "[changed-after-approval]" in output


def test_a_rename_after_a_move_with_the_specs_keeps_the_whole_history(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """trial36c repro 3: `git mv specrepo.yaml specs design/`, then `git mv
    design/specrepo.yaml design/cfg.yaml`: the spec's life before the first move stays
    (was: created at the move, its review days lost)."""
    approved(git_repo, config="specs: specs\n")
    (git_repo.root / "design").mkdir()
    git_repo.git("mv", "specrepo.yaml", "specs", "design/")
    git_repo.commit("Move into design/")
    git_repo.git("mv", "design/specrepo.yaml", "design/cfg.yaml")
    git_repo.commit("Rename the configuration")
    monkeypatch.chdir(git_repo.root / "design")
    timeline = run_cli("--config", "cfg.yaml", "timeline", "SPEC-0001", "--format", "json")
    assert timeline.exit_code == 0, timeline.output
    kinds = [event["kind"] for event in json.loads(timeline.stdout)["events"]]
    assert kinds == ["created", "status-changed", "status-changed", "moved"], kinds


def test_a_configuration_moved_then_deleted_keeps_the_history_and_its_workflow(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """trial36c repro 4 (a): moved into design/ with the specs, then deleted (the defaults,
    run from design/): no false birth in Approved at the move, the move Approved -> Draft
    the deletion allowed is judged by the workflow in force before it."""
    approved(git_repo, config=WORKFLOW)
    (git_repo.root / "design").mkdir()
    git_repo.git("mv", "specrepo.yaml", "specs", "design/")
    git_repo.commit("Move into design/")
    git_repo.git("rm", "-q", "design/specrepo.yaml")
    git_repo.commit("Drop the configuration, reopen",
                    {"design/specs/SPEC-0001.yaml": spec("Draft")})
    *codes, output = exit_codes(git_repo.root / "design", monkeypatch)
    assert codes == [1, 1, 1], output
    assert "created the spec in Approved" not in output
    assert "moved the status from Approved to Draft" in output
    timeline = run_cli("timeline", "SPEC-0001", "--format", "json")
    kinds = [event["kind"] for event in json.loads(timeline.stdout)["events"]]
    assert kinds[:3] == ["created", "status-changed", "status-changed"], kinds


def test_a_widening_moved_then_deleted_in_a_pull_request_is_judged(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """trial36c repro 4 (b): widen and reopen, move into design/, delete: `--since main`
    fails (was: passed)."""
    approved(git_repo, config=WORKFLOW)
    git_repo.commit("Widen and reopen", {"specrepo.yaml": WIDER,
                                         "specs/SPEC-0001.yaml": spec("Draft")})
    (git_repo.root / "design").mkdir()
    git_repo.git("mv", "specrepo.yaml", "specs", "design/")
    git_repo.commit("Move into design/")
    git_repo.git("rm", "-q", "design/specrepo.yaml")
    git_repo.commit("Drop the configuration")
    *codes, output = exit_codes(git_repo.root / "design", monkeypatch)
    assert codes == [1, 1, 1], output
    assert "moved the status from Approved to Draft" in output


def test_adoption_is_where_the_configuration_was_first_added_before_a_rename(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """A spec born Approved after adoption, before `specrepo.yaml` became `cfg.yaml` with a
    big edit: specrepo was adopted where `specrepo.yaml` was added, not at the rename
    (was: the birth passed, git's `--follow` seeing an add at the rename)."""
    git_repo.commit("Before specrepo", {"README.md": "r\n", "specrepo.yaml": None})
    git_repo.commit("Adopt specrepo", {"specrepo.yaml": "specs: specs\n",
                                       "specs/SPEC-0001.yaml": spec("Draft")})
    git_repo.commit("Born approved", {"specs/SPEC-0002.yaml": spec_text(
        "SPEC-0002", status="Approved", extra=REVIEWED)})
    git_repo.git("mv", "specrepo.yaml", "cfg.yaml")
    git_repo.commit("Rename", {"cfg.yaml": "specs: specs\n# the team's\n" + WIDER[13:]})
    monkeypatch.chdir(git_repo.root)
    result = run_cli("--config", "cfg.yaml", "validate", "--history")
    assert result.exit_code == 1, result.output
    assert "specs/SPEC-0002.yaml" in result.output and "in Approved" in result.output


def test_a_staged_rename_that_widens_is_judged_by_the_hook(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """`git mv spec-config.yaml cfg.yaml` staged with a widening and the move it allows:
    the pre-commit hook judges the move by HEAD's workflow, in HEAD's `spec-config.yaml`
    (was: HEAD had no `cfg.yaml`, so no workflow of HEAD's judged)."""
    approved(git_repo, "spec-config.yaml")
    git_repo.git("mv", "spec-config.yaml", "cfg.yaml")
    git_repo.write("cfg.yaml", WIDER)
    git_repo.write("specs/SPEC-0001.yaml", spec("Draft"))
    git_repo.git("add", "-A")
    monkeypatch.chdir(git_repo.root)
    hook = run_cli("--config", "cfg.yaml", "validate", "--quiet", "--allow-empty",
                   "--changed-since", "HEAD", "--history", "--since", "HEAD",
                   "specs/SPEC-0001.yaml")
    assert hook.exit_code == 1, hook.output
    assert "moves the status from Approved (HEAD's) to Draft" in hook.output
