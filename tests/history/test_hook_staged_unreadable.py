"""A hook's run (`validate --history --changed-since HEAD`) judges the staged version where
the index holds one the plain read cannot take as it is (hookleft45 items 3, 4; was: the
work tree's copy read instead, or nothing checked):

- a staged version over `max_file_size` gets the size finding, the staged one's size,
  though the work tree's copy is small (was: nothing checked, exit 0);
- an unmerged path (a conflict not marked resolved: stages 1, 2 and 3) is a
  `merge-conflict` finding that says so, whatever the work tree's copy holds (was: the
  index's stage 2, "ours", judged: a conflict passed the hook);
- before the first commit, the index's versions are the commit's (was: the work tree's)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from specrepo.load.staged_versions import UNMERGED_MESSAGE
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

HOOK = ("validate", "--format", "json", "--allow-empty", "--changed-since", "HEAD",
        "--history", "--since", "HEAD", "--allow-shallow")
FIRST = "specs/SPEC-0001.yaml"
SECOND = "specs/SPEC-0002.yaml"
LIMIT = 2000


def findings(output: str) -> list[tuple[str, str, str]]:
    """Each finding's rule, file name and message."""
    return sorted((item["rule"], Path(item["file"]).name, item["message"])
                  for item in json.loads(output)["findings"])


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """Two Draft specs, committed, under a size limit of `LIMIT` bytes."""
    git_repo.commit("Drafts", {"specrepo.yaml": f"specs: specs\nmax_file_size: {LIMIT}\n",
                               FIRST: spec_text("SPEC-0001"), SECOND: spec_text("SPEC-0002")})
    return git_repo


def test_a_staged_version_over_the_limit_gets_the_size_finding(repo: GitRepo) -> None:
    padded = spec_text("SPEC-0002") + "".join(f"# padding {n:04}\n" for n in range(200))
    size = len(padded.encode())
    assert size > LIMIT
    repo.write(SECOND, padded)
    repo.git("add", SECOND)
    repo.write(SECOND, spec_text("SPEC-0002"))  # the work tree's copy: HEAD's, small
    hook = run_cli(*HOOK)
    assert hook.exit_code == 1, hook.output
    assert [(rule, name) for rule, name, _ in findings(hook.stdout)] == [
        ("yaml-limit", "SPEC-0002.yaml")]
    assert f"the file is {size:,} bytes, over the limit of {LIMIT:,}" in hook.stdout
    assert run_cli("validate").exit_code == 0  # the work tree's
    repo.git("commit", "-q", "--no-verify", "-m", "Pad")
    repo.git("reset", "-q", "--hard")  # CI's verdict on the commit made
    after = run_cli("validate", "--format", "json")
    assert (after.exit_code, findings(after.stdout)) == (hook.exit_code, findings(hook.stdout))


@pytest.fixture
def conflicted(repo: GitRepo) -> GitRepo:
    """A merge of `side` stopped on a conflict in SPEC-0002's title."""
    repo.git("checkout", "-q", "-b", "side")
    repo.commit("Side", {SECOND: spec_text("SPEC-0002", title="Side")})
    repo.git("checkout", "-q", "main")
    repo.commit("Main", {SECOND: spec_text("SPEC-0002", title="Main")})
    with pytest.raises(AssertionError):
        repo.git("merge", "-q", "side")
    assert repo.git("ls-files", "-u", SECOND).count("\n") == 2  # stages 1, 2 and 3
    return repo


@pytest.mark.parametrize("work", [None, "resolved"], ids=["markers", "resolved, not added"])
def test_an_unmerged_spec_is_a_clear_finding(conflicted: GitRepo, work: str | None) -> None:
    if work is not None:
        conflicted.write(SECOND, spec_text("SPEC-0002", title="Both"))
    hook = run_cli(*HOOK)
    assert hook.exit_code == 1, hook.output
    assert findings(hook.stdout) == [("merge-conflict", "SPEC-0002.yaml", UNMERGED_MESSAGE)]
    conflicted.git("add", SECOND)  # marked resolved: the index's version is judged
    hook = run_cli(*HOOK)
    if work is None:  # the markers staged
        assert hook.exit_code == 1, hook.output
        assert {rule for rule, _, _ in findings(hook.stdout)} == {
            "merge-conflict", "yaml-syntax"}
        assert UNMERGED_MESSAGE not in hook.stdout
    else:
        assert hook.exit_code == 0, hook.output


@pytest.mark.parametrize("staged_valid", [False, True], ids=["staged invalid", "staged valid"])
def test_before_the_first_commit_the_index_is_judged(git_repo: GitRepo,
                                                     staged_valid: bool) -> None:
    valid = spec_text("SPEC-0001")
    invalid = valid.replace("authors: [Ada Lovelace]", "authors: 7")
    git_repo.write(FIRST, valid if staged_valid else invalid)
    git_repo.git("add", "-A")
    git_repo.write(FIRST, invalid if staged_valid else valid)  # not staged
    hook = run_cli(*HOOK)
    assert hook.exit_code == (0 if staged_valid else 1), hook.output
    if not staged_valid:
        assert [(rule, name) for rule, name, _ in findings(hook.stdout)] == [
            ("schema", "SPEC-0001.yaml")]
    assert "its staged version differs from the work tree's" in hook.stderr
