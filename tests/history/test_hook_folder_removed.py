"""A hook's run (`validate --history --changed-since HEAD`) judges the commit being made when
the whole configured spec folder (`specs: specs`) is gone from the work tree (hookleft45
item 1; was: "the specs folder 'specs' does not exist", exit 2, in both cases):

- `git rm -r specs`: gone from the index too, the commit removes every spec; the removal
  of an Approved spec fails the hook, a commit removing only Drafts passes;
- `rm -r specs`: the index still holds the files, so the commit keeps them: their staged
  versions are judged.

A configured folder missing from the index and the work tree with no commit yet (or one
no commit ever held) is the configuration error it is for plain `validate`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_changed_after_approval import PATH, spec
from tests.support import run_cli

HOOK = ("validate", "--format", "json", "--allow-empty", "--changed-since", "HEAD",
        "--history", "--since", "HEAD", "--allow-shallow")
"""The hooks' command (`.pre-commit-hooks.yaml`), JSON instead of --quiet."""
OTHER = "specs/SPEC-0002.yaml"
MISSING = "the specs folder 'specs' does not exist"


def findings(output: str) -> list[tuple[str, str]]:
    """Each finding's rule and file name."""
    return sorted((item["rule"], Path(item["file"]).name)
                  for item in json.loads(output)["findings"])


@pytest.fixture
def drafts(git_repo: GitRepo) -> GitRepo:
    """Two Draft specs, committed."""
    git_repo.commit("Drafts", {PATH: spec("Draft"), OTHER: spec_text("SPEC-0002")})
    return git_repo


@pytest.fixture
def approved(drafts: GitRepo) -> GitRepo:
    """SPEC-0001 approved by Grace Hopper beside the Draft SPEC-0002."""
    drafts.commit("Review", {PATH: spec("In Review")})
    drafts.commit("Approve", {PATH: spec()}, author="Grace Hopper")
    return drafts


def test_git_rm_of_the_folder_removing_an_approved_spec_fails(approved: GitRepo) -> None:
    approved.git("rm", "-rq", "specs")
    assert not (approved.root / "specs").exists()
    hook = run_cli(*HOOK)
    assert hook.exit_code == 1, hook.output
    assert MISSING not in hook.output
    assert findings(hook.stdout) == [("illegal-transition", "SPEC-0001.yaml")]
    assert "the commit being made removes SPEC-0001 from the spec set" in hook.stdout
    named = run_cli(*HOOK, PATH, OTHER)  # a raw hook: `git diff --cached --name-only`
    assert named.exit_code == 1, named.output


def test_git_rm_of_a_folder_of_drafts_passes(drafts: GitRepo) -> None:
    drafts.git("rm", "-rq", "specs")
    hook = run_cli(*HOOK)
    assert hook.exit_code == 0, hook.output
    assert findings(hook.stdout) == []


@pytest.mark.parametrize("staged", [None, "invalid"], ids=["as committed", "edit staged"])
def test_rm_of_the_folder_alone_keeps_the_staged_files(approved: GitRepo,
                                                       staged: str | None) -> None:
    if staged is not None:  # staged, then the folder deleted: the index's version judged
        approved.write(OTHER, spec_text("SPEC-0002").replace("authors: [Ada Lovelace]",
                                                             "authors: 7"))
        approved.git("add", OTHER)
    shutil.rmtree(approved.root / "specs")
    hook = run_cli(*HOOK)
    assert MISSING not in hook.output
    assert "removes SPEC-0001" not in hook.output  # the commit keeps it
    if staged is None:
        assert hook.exit_code == 0, hook.output
        assert findings(hook.stdout) == []
    else:
        assert hook.exit_code == 1, hook.output
        assert findings(hook.stdout) == [("schema", "SPEC-0002.yaml")]
        assert "its staged version differs from the work tree's" in hook.stderr
    approved.git("commit", "-q", "--no-verify", "--allow-empty", "-m", "Edit")
    approved.git("reset", "-q", "--hard")  # CI's verdict on the commit made
    after = run_cli("validate", "--format", "json", "--history")
    assert after.exit_code == hook.exit_code, after.output
    assert set(findings(hook.stdout)) <= set(findings(after.stdout))  # (+ skipped-version)


def test_a_folder_no_commit_holds_stays_missing(git_repo: GitRepo) -> None:
    (git_repo.root / "specs").rmdir()  # no commit yet, nothing staged there
    git_repo.git("add", "specrepo.yaml")
    plain = run_cli("validate", "--allow-empty")
    assert plain.exit_code == 2, plain.output
    assert MISSING in plain.output
    hook = run_cli(*HOOK)
    assert (hook.exit_code, hook.stderr) == (plain.exit_code, plain.stderr)
    git_repo.commit("Configuration")  # committed: HEAD never held the folder either
    hook = run_cli(*HOOK)
    assert hook.exit_code == 2, hook.output
    assert MISSING in hook.output
