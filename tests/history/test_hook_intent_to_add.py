"""A hook's run (`validate --history --changed-since HEAD`) judges an intent-to-add entry
(`git add -N`) as `git commit` does: no file of the commit being made (git-add(1): "an
entry for the path is placed in the index with no content"; `git write-tree` leaves it out
of the tree, so the commit holds no such path). It is not checked, not counted as a new
spec nor as a copy, and continues no spec of HEAD's: an Approved spec moved by `git rm
--cached old && git add -N new` is a removal (hookindex46). Each case's verdict is the one
`validate --history` gives the commit made of the same index (`git commit --no-verify`),
read in a clone, as CI reads it."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_hook_matches_index_checkout import inside
from tests.support import run_cli

HOOK = ("validate", "--format", "json", "--allow-empty", "--changed-since", "HEAD",
        "--history", "--since", "HEAD", "--allow-shallow")
APPROVED = spec_text("SPEC-0001", status="Approved", extra="reviewers: [Grace Hopper]\n")
REFUSED = spec_text("SPEC-0009").replace("authors: [Ada Lovelace]", "authors: 7")
NOTE = "added with intent to add only (`git add -N`)"


def added_new_refused(repo: GitRepo) -> None:
    """A new spec the schema refuses, added with intent to add only."""
    repo.write("specs/SPEC-0009.yaml", REFUSED)
    repo.git("add", "-N", "specs/SPEC-0009.yaml")


def approved_moved(repo: GitRepo) -> None:
    """The Approved spec moved through the index: its removal staged, the new file added
    with intent to add only (`--intent-to-add`)."""
    repo.git("mv", "specs/SPEC-0001.yaml", "specs/SPEC-0001-moved.yaml")
    repo.git("rm", "-q", "--cached", "specs/SPEC-0001-moved.yaml")
    repo.git("add", "--intent-to-add", "specs/SPEC-0001-moved.yaml")


def draft_moved(repo: GitRepo) -> None:
    """The Draft spec moved so: a Draft's removal, which the workflow allows."""
    repo.git("mv", "specs/SPEC-0002.yaml", "specs/SPEC-0002-moved.yaml")
    repo.git("rm", "-q", "--cached", "specs/SPEC-0002-moved.yaml")
    repo.git("add", "-N", "specs/SPEC-0002-moved.yaml")


def approved_made_intended(repo: GitRepo) -> None:
    """HEAD's Approved spec taken out of the index and added back with intent to add
    only, at its own path: the commit removes it."""
    repo.git("rm", "-q", "--cached", "specs/SPEC-0001.yaml")
    repo.git("add", "-N", "specs/SPEC-0001.yaml")


def copy_intended(repo: GitRepo) -> None:
    """A copy of the Approved spec (its id too) added with intent to add only: no
    `duplicate-spec-id`, the commit holds one file with the id."""
    repo.write("specs/SPEC-0001-copy.yaml", APPROVED)
    repo.git("add", "-N", "specs/SPEC-0001-copy.yaml")


def intended_then_deleted(repo: GitRepo) -> None:
    """A file added with intent to add only, then deleted from the work tree: no empty
    file is judged."""
    added_new_refused(repo)
    (repo.root / "specs/SPEC-0009.yaml").unlink()


CASES: dict[str, tuple[Callable[[GitRepo], None], int, list[str]]] = {
    "a new spec": (added_new_refused, 0, []),
    "an Approved spec moved": (approved_moved, 1, ["illegal-transition"]),
    "a Draft moved": (draft_moved, 0, []),
    "an Approved spec made intent-to-add": (approved_made_intended, 1, ["illegal-transition"]),
    "a copy of an Approved spec": (copy_intended, 0, []),
    "a new spec deleted from the work tree": (intended_then_deleted, 0, []),
}


def rules(output: str) -> list[str]:
    """The rules of the findings of `validate --format json`'s `output`."""
    return sorted(item["rule"] for item in json.loads(output)["findings"])


def committed_verdict(repo: GitRepo, clone: Path) -> tuple[int, list[str]]:
    """`validate --history`'s verdict on the commit made of the index (`--no-verify`), in a
    clone of it at `clone`: what CI reads."""
    repo.git("commit", "-q", "--no-verify", "--allow-empty", "-m", "The index")
    subprocess.run(["git", "clone", "-q", str(repo.root), str(clone)], check=True,
                   env=repo.environment(), capture_output=True)
    with inside(clone):
        after = run_cli("validate", "--format", "json", "--history", "--since", "HEAD~1")
    return after.exit_code, rules(after.stdout)


@pytest.mark.parametrize("case", CASES)
def test_the_hook_judges_an_intent_to_add_entry_as_git_commits_it(
        git_repo: GitRepo, tmp_path: Path, case: str) -> None:
    git_repo.commit("Specs", {"specs/SPEC-0001.yaml": APPROVED,
                              "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    stage, exit_code, found = CASES[case]
    stage(git_repo)
    tree = git_repo.git("write-tree")  # git's picture of the commit: no intent-to-add path
    intended = {line.split("\t")[1] for line in git_repo.git("ls-files", "--stage").splitlines()
                } - set(git_repo.git("ls-tree", "-r", "--name-only", tree).splitlines())
    assert intended, "git commits every entry"
    hook = run_cli(*HOOK)
    assert (hook.exit_code, rules(hook.stdout)) == (exit_code, found), hook.output
    assert "its staged version differs" not in hook.stderr
    for path in intended:
        if (git_repo.root / path).exists():
            assert f"{path}: the index holds it {NOTE}" in hook.stderr
    assert committed_verdict(git_repo, tmp_path / "ci") == (exit_code, found)


def test_a_file_staged_empty_is_a_file_of_the_commit(git_repo: GitRepo) -> None:
    """An empty spec file staged (the empty blob, as an intent-to-add entry holds) is
    committed: it is checked (`empty-file`, or the schema's finding), not taken for an
    intent-to-add entry."""
    git_repo.commit("Specs", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    git_repo.write("specs/SPEC-0003.yaml", "")
    git_repo.git("add", "specs/SPEC-0003.yaml")
    git_repo.write("specs/SPEC-0003.yaml", spec_text("SPEC-0003"))  # not staged
    hook = run_cli(*HOOK)
    assert hook.exit_code == 1, hook.output
    assert NOTE not in hook.stderr
    assert {Path(item["file"]).name for item in json.loads(hook.stdout)["findings"]} \
        == {"SPEC-0003.yaml"}


def test_an_untracked_file_continues_no_spec(git_repo: GitRepo, tmp_path: Path) -> None:
    """The Approved spec moved through the index and its new file left unadded (`git rm
    --cached new`): the commit removes the spec, as it does an intent-to-add one's, though
    the untracked file has its id (a copy beside a staged move stays the move's)."""
    git_repo.commit("Specs", {"specs/SPEC-0001.yaml": APPROVED,
                              "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    git_repo.git("mv", "specs/SPEC-0001.yaml", "specs/SPEC-0001-moved.yaml")
    git_repo.git("rm", "-q", "--cached", "specs/SPEC-0001-moved.yaml")
    hook = run_cli(*HOOK)
    assert (hook.exit_code, rules(hook.stdout)) == (1, ["illegal-transition"]), hook.output
    assert "not added to the index (untracked)" in hook.stderr
    assert committed_verdict(git_repo, tmp_path / "ci") == (1, ["illegal-transition"])
