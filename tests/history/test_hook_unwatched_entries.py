"""A hook's run (`validate --history --changed-since HEAD`) judges a spec file the index
marks assume-unchanged or skip-worktree (`git update-index`) by the version the index
holds, which `git commit` commits, though `git diff-files` never compares it with the work
tree's copy (hookindex46): an invalid version staged, then marked and the work tree's copy
made valid again, stops the commit, as `validate --history` fails the commit once made;
a valid one staged beside an invalid copy in the work tree passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_hook_intent_to_add import HOOK, committed_verdict, rules
from tests.support import run_cli

SPEC = "specs/SPEC-0001.yaml"
VALID = spec_text("SPEC-0001", title="Retitled")
INVALID = spec_text("SPEC-0001").replace("authors: [Ada Lovelace]", "authors: 7")

CASES = {  # the mark, the version staged, the work tree's copy; exit code, rules
    "assume-unchanged, invalid staged": ("--assume-unchanged", INVALID, VALID, 1, ["schema"]),
    "skip-worktree, invalid staged": ("--skip-worktree", INVALID, VALID, 1, ["schema"]),
    "assume-unchanged, valid staged": ("--assume-unchanged", VALID, INVALID, 0, []),
    "skip-worktree, valid staged": ("--skip-worktree", VALID, INVALID, 0, []),
}


@pytest.mark.parametrize("case", CASES)
def test_the_hook_judges_an_unwatched_entry_as_the_index_holds_it(
        git_repo: GitRepo, tmp_path: Path, case: str) -> None:
    git_repo.commit("Specs", {SPEC: spec_text("SPEC-0001"),
                              "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    mark, staged, work, exit_code, found = CASES[case]
    git_repo.write(SPEC, staged)
    git_repo.git("add", SPEC)
    git_repo.git("update-index", mark, SPEC)
    git_repo.write(SPEC, work)
    assert not git_repo.git("diff-files", "--name-only")  # git does not look
    hook = run_cli(*HOOK)
    assert (hook.exit_code, rules(hook.stdout)) == (exit_code, found), hook.output
    git_repo.git("update-index", mark.replace("--", "--no-", 1), SPEC)
    committed = committed_verdict(git_repo, tmp_path / "ci")  # (and a skipped version)
    assert (committed[0], [rule for rule in committed[1] if rule in found]) == (exit_code, found)
