"""A hook's run counts in its summary every file it judged (swapmerge46): a merge concluded
after a conflict, or `git merge --no-commit`, judges the specs the merge changes on either
side, those whose file it keeps as HEAD has it too (`git checkout --ours`); a commit that
only removes an approved spec judges that spec at its last file. Each said `0 files
checked: 1 error`; now the count (text and JSON alike) names what the findings are on."""

from __future__ import annotations

import json
import shlex

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_amend_moves import HOOKS
from tests.history.test_hook_state_renames import merging
from tests.support import run_cli

ONE, TWO = "specs/SPEC-0001.yaml", "specs/SPEC-0002.yaml"
REVIEWED = "reviewers: [Grace Hopper]\n"
HOOK = [part for part in shlex.split(HOOKS["specrepo-validate"]["entry"])[1:]
        if part != "--quiet"]  # the summary shown


def one(status: str, summary: str = "Why and what.") -> str:
    return spec_text(status=status, extra=REVIEWED).replace("Why and what.", summary)


def two(status: str) -> str:
    return spec_text("SPEC-0002", status, extra=REVIEWED)


def hook_summary() -> tuple[int, str, int]:
    """The hook's exit code and summary line, and the JSON summary's count of files."""
    text = run_cli(*HOOK)
    document = json.loads(run_cli(*HOOK, "--format", "json").stdout)
    return text.exit_code, text.stdout.splitlines()[-1], document["summary"]["files"]


@pytest.fixture
def branched(git_repo: GitRepo) -> GitRepo:
    """SPEC-0001 In Review and SPEC-0002 Draft; branch `br` approves SPEC-0001 and moves
    SPEC-0002 to In Review (legal); main edits SPEC-0001's summary (a conflict with `br`
    where `conflict`)."""
    git_repo.commit("Start", {ONE: one("In Review"), TWO: two("Draft")})
    git_repo.git("switch", "-q", "-c", "br")
    git_repo.commit("Approve", {ONE: one("Approved", "Why, the branch says."),
                                TWO: two("In Review")})
    git_repo.git("switch", "-q", "main")
    git_repo.commit("Edit", {ONE: one("In Review", "Why, main says.")})
    return git_repo


def test_a_merge_that_keeps_heads_file_counts_it(branched: GitRepo) -> None:
    """The conflict resolved as HEAD has it: no file changed since HEAD, and the merge
    moves SPEC-0001 back from the branch's Approved (illegal) and SPEC-0002 back from
    its In Review (legal): two files judged."""
    merging(branched, "br", {ONE: one("In Review", "Why, main says."), TWO: two("Draft")})
    assert hook_summary() == (1, "2 files checked: 1 error", 2)  # was: 0 files checked


def test_a_merge_that_takes_one_side_counts_both_specs(branched: GitRepo) -> None:
    """SPEC-0002 taken as the branch has it (changed since HEAD), SPEC-0001 kept as
    HEAD's (changed on the branch's side)."""
    merging(branched, "br", {ONE: one("In Review", "Why, main says."), TWO: two("In Review")})
    assert hook_summary() == (1, "2 files checked: 1 error", 2)  # was: 1 file checked


def test_a_merge_without_a_conflict_counts_what_it_judged(git_repo: GitRepo) -> None:
    """`git merge --no-commit` of a branch that approved SPEC-0001, its file then put
    back as HEAD has it (`git checkout HEAD -- file`): the one file judged is counted."""
    git_repo.commit("Start", {ONE: one("In Review"), TWO: two("Draft")})
    git_repo.git("switch", "-q", "-c", "br")
    git_repo.commit("Approve", {ONE: one("Approved")})
    git_repo.git("switch", "-q", "main")
    git_repo.commit("Docs", {"README.md": "Specs.\n"})
    merging(git_repo, "br", {ONE: one("In Review")})
    assert hook_summary() == (1, "1 file checked: 1 error", 1)  # was: 0 files checked


def test_a_removal_only_commit_counts_the_removed_spec(git_repo: GitRepo) -> None:
    git_repo.commit("Start", {ONE: one("Draft"), TWO: two("Draft")})
    git_repo.commit("Review", {ONE: one("In Review")})
    git_repo.commit("Approve", {ONE: one("Approved")})
    git_repo.git("rm", "-q", ONE)
    assert hook_summary() == (1, "1 file checked: 1 error", 1)  # was: 0 files checked
    git_repo.git("reset", "-q", "--hard")
    git_repo.git("rm", "-q", TWO)  # a Draft's removal: nothing to judge, nothing found
    assert hook_summary() == (0, "0 files checked: no problems", 0)
