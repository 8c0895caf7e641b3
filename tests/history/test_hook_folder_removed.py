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
        assert "specrepo: note: specs/SPEC-0002.yaml: deleted from the work tree, not " \
               "from the index: its staged version is checked" in hook.stderr
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


# CI's verdict on the commit made (emptyfolder45; was: every `validate --history`, `report`
# and `timeline` exited 2, "the specs folder 'specs' does not exist", git keeping no empty
# folder): a folder some commit held is an emptied spec set whose removals are judged; a
# folder no commit ever held (a typo) stays exit 2.

CI = ("validate", "--format", "json", "--history")


def _removed(repo: GitRepo) -> tuple[int, int]:
    """Remove the spec folder as a commit does: the hook's exit codes (with --allow-empty,
    as the hooks run it, and without), then committed."""
    repo.git("rm", "-rq", "specs")
    hook = run_cli(*HOOK)
    bare = run_cli(*(option for option in HOOK if option != "--allow-empty"))
    repo.git("commit", "-q", "--no-verify", "-m", "Remove every spec")
    assert not (repo.root / "specs").exists()
    return hook.exit_code, bare.exit_code


def test_removing_an_approved_spec_fails_in_ci_as_in_the_hook(approved: GitRepo) -> None:
    assert _removed(approved) == (1, 1)
    for options in ((), ("--allow-empty",)):
        ci = run_cli(*CI, *options)
        assert ci.exit_code == 1, ci.output
        assert MISSING not in ci.output
        assert findings(ci.stdout) == [("illegal-transition", "SPEC-0001.yaml")]
    timeline = run_cli("timeline", "SPEC-0001", "--format", "json")
    assert timeline.exit_code == 0, timeline.output
    assert '"deleted"' in timeline.stdout


def passes_only_with_allow_empty(words: str) -> None:
    """CI's verdicts on an emptied spec set of Drafts: a pass with `--allow-empty`, exit 2
    without it naming the location (`words`) and the option."""
    ci = run_cli(*CI, "--allow-empty")
    assert ci.exit_code == 0, ci.output
    assert findings(ci.stdout) == []
    bare = run_cli(*CI)  # checking nothing never passes in silence
    assert bare.exit_code == 2, bare.output
    assert words in bare.stderr
    assert "--allow-empty" in bare.stderr


def test_removing_only_drafts_passes_with_allow_empty(drafts: GitRepo) -> None:
    assert _removed(drafts) == (0, 2)
    passes_only_with_allow_empty("every spec file there was removed")
    report = run_cli("report")
    assert report.exit_code == 2, report.output
    assert "every spec file there was removed" in report.stderr
    assert "--allow-empty" in report.stderr
    emptied = run_cli("report", "--allow-empty", "--format", "json")
    assert emptied.exit_code == 0, emptied.output
    json.loads(emptied.stdout)
    timeline = run_cli("timeline", "SPEC-0002")
    assert timeline.exit_code == 0, timeline.output
    assert "deleted" in timeline.stdout


def test_a_folder_no_commit_held_stays_missing(drafts: GitRepo) -> None:
    config = drafts.root / "specrepo.yaml"
    config.write_text(config.read_text().replace("specs: specs", "specs: spex"))
    assert "spex" in config.read_text()
    drafts.commit("Typo")
    for options in ((), ("--allow-empty",)):
        ci = run_cli(*CI, *options)
        assert ci.exit_code == 2, ci.output
        assert "the specs folder 'spex' does not exist" in ci.stderr
        assert "was removed" not in ci.stderr
    for command in (("report", "--allow-empty"), ("timeline", "SPEC-0002")):
        result = run_cli(*command)
        assert result.exit_code == 2, result.output
        assert "the specs folder 'spex' does not exist" in result.stderr


def test_rm_of_the_folder_alone_needs_no_allow_empty(approved: GitRepo) -> None:
    shutil.rmtree(approved.root / "specs")  # the index keeps the files: they are checked
    bare = run_cli(*(option for option in HOOK if option != "--allow-empty"))
    assert bare.exit_code == 0, bare.output
    assert findings(bare.stdout) == []
    assert "does not exist" not in bare.output
