"""The work tree's status moves while a merge is in progress (MERGE_HEAD: the work tree is
the merge commit-to-be) are checked against every parent, as history checks the merge once
committed (trial28 M9): a branch's legal moves merged are no move of the merge's; a status
the merge settles over a branch's is a `merge-resolved` move, checked before it is
committed."""

from __future__ import annotations

import subprocess

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

HOOK = ("validate", "--quiet", "--allow-empty", "--changed-since", "HEAD", "--history",
        "--since", "HEAD", "--allow-shallow")
"""What the shipped pre-commit hook runs (.pre-commit-hooks.yaml), given the files the
merge changes, as pre-commit gives them."""
ONE = "specs/SPEC-0001.yaml"
TWO = "specs/SPEC-0002.yaml"


def spec(status: str, spec_id: str = "SPEC-0001") -> str:
    return spec_text(spec_id, status=status, extra="reviewers: [Bob]\n")


def branch(repo: GitRepo, name: str, *steps: dict[str, str | bytes | None]) -> None:
    repo.git("checkout", "-q", "-b", name, "main")
    for number, files in enumerate(steps):
        repo.commit(f"{name} {number}", files)
    repo.git("checkout", "-q", "main")


def hook(*files: str) -> tuple[int, str]:
    result = run_cli(*HOOK, *files)
    return result.exit_code, result.output


def hook_then_history(repo: GitRepo, *files: str
                      ) -> tuple[tuple[int, str], tuple[int, str]]:
    """The hook's verdict on the merge not committed yet, then the full history check's
    once it is committed."""
    before = hook(*files)
    repo.git("commit", "-q", "--no-verify", "-m", "Merge")
    history = run_cli("validate", "--history")
    return before, (history.exit_code, history.output)


def test_merging_a_branch_that_moved_a_spec_legally_passes(git_repo: GitRepo) -> None:
    git_repo.commit("init", {ONE: spec("Draft")})
    branch(git_repo, "feat", {ONE: spec("In Review")}, {ONE: spec("Approved")})
    git_repo.commit("main work", {"notes.txt": "x\n"})
    git_repo.git("merge", "-q", "--no-ff", "--no-commit", "feat")
    verdict, history = hook_then_history(git_repo, ONE)
    assert verdict == (0, "")  # was: Draft (HEAD's) -> Approved, illegal
    assert history[0] == 0


def test_a_resolution_that_settles_over_a_branchs_status_is_checked_before_commit(
        git_repo: GitRepo) -> None:
    git_repo.commit("init", {ONE: spec("Approved")})
    branch(git_repo, "feat", {ONE: spec("Implemented")})
    git_repo.commit("main work", {"notes.txt": "x\n"})
    git_repo.git("merge", "-q", "--no-ff", "--no-commit", "feat")
    git_repo.write(ONE, spec("Approved"))  # the resolution keeps HEAD's
    git_repo.git("add", ONE)
    (hook_exit, hook_output), (history_exit, history_output) = hook_then_history(git_repo, ONE)
    assert hook_exit == 1  # was: 0, the status equals HEAD's
    assert "from Implemented (where the merged branch" in hook_output
    assert "[illegal-transition]" in hook_output
    assert history_exit == 1 and "where a merged branch left it Implemented" in history_output


def test_a_status_no_parent_has_is_checked_from_heads(git_repo: GitRepo) -> None:
    git_repo.commit("init", {ONE: spec("Draft")})
    branch(git_repo, "feat", {ONE: spec("In Review")})
    git_repo.commit("main work", {"notes.txt": "x\n"})
    git_repo.git("merge", "-q", "--no-ff", "--no-commit", "feat")
    git_repo.write(ONE, spec("Implemented"))
    git_repo.git("add", ONE)
    (hook_exit, hook_output), (history_exit, _) = hook_then_history(git_repo, ONE)
    assert hook_exit == 1 and "from Draft (HEAD's) to Implemented" in hook_output
    assert history_exit == 1


def test_an_octopus_merge_is_compared_with_every_branch(git_repo: GitRepo) -> None:
    git_repo.commit("init", {ONE: spec("Draft"), TWO: spec("Approved", "SPEC-0002")})
    branch(git_repo, "one", {ONE: spec("In Review")})
    branch(git_repo, "two", {TWO: spec("Implemented", "SPEC-0002")})
    git_repo.commit("main work", {"notes.txt": "x\n"})
    git_repo.git("merge", "-q", "--no-ff", "--no-commit", "one", "two")
    assert len((git_repo.root / ".git" / "MERGE_HEAD").read_text().split()) == 2
    assert hook(ONE, TWO) == (0, "")  # both branches' moves are legal
    git_repo.write(TWO, spec("Approved", "SPEC-0002"))
    git_repo.git("add", TWO)
    (hook_exit, hook_output), (history_exit, _) = hook_then_history(git_repo, ONE, TWO)
    assert hook_exit == 1 and "specs/SPEC-0002.yaml" in hook_output
    assert "from Implemented (where the merged branch" in hook_output
    assert "SPEC-0001" not in hook_output
    assert history_exit == 1


def test_a_spec_the_merged_branch_moved_is_compared_at_its_new_path(
        git_repo: GitRepo) -> None:
    git_repo.commit("init", {ONE: spec("Draft")})
    moved = "specs/core/SPEC-0001.yaml"
    branch(git_repo, "feat", {ONE: None, moved: spec("In Review")},
           {moved: spec("Approved")})
    git_repo.commit("main work", {"notes.txt": "x\n"})
    git_repo.git("merge", "-q", "--no-ff", "--no-commit", "feat")
    verdict, history = hook_then_history(git_repo, moved)
    assert verdict == (0, "")
    assert history[0] == 0


def unrelated(repo: GitRepo, *steps: dict[str, str | bytes | None]) -> None:
    """Fetch, as FETCH_HEAD, a history that shares no commit with the repository's (a
    subtree import, or a project rebuilt with `git filter-repo` merged with its old self),
    its commits each writing one of `steps`."""
    other = GitRepo(repo.root.parent / "other")
    for number, files in enumerate(steps):
        other.commit(f"other {number}", files, author="Jan Fischer")
    repo.git("fetch", "-q", str(other.root), "main")


def merge_unrelated(repo: GitRepo, *files: str) -> None:
    """Merge FETCH_HEAD without concluding, taking its side of `files` (both added them)."""
    completed = subprocess.run(
        ["git", "merge", "-q", "--no-ff", "--no-commit", "--allow-unrelated-histories",
         "FETCH_HEAD"], cwd=repo.root, env=repo.environment(), capture_output=True,
        check=False)
    assert completed.returncode in (0, 1), completed.stderr
    for path in files:
        repo.git("checkout", "--theirs", "--", path)
        repo.git("add", path)


def test_an_unrelated_branchs_status_is_a_parents_status(git_repo: GitRepo) -> None:
    """A merge of a history that shares no commit with HEAD (no merge base): a spec both
    sides added, resolved to the merged side's status, is no move of the merge's, as
    history says once it is committed (the hook compared with HEAD alone: a false
    refusal)."""
    git_repo.commit("init", {ONE: spec("Draft")})
    unrelated(git_repo, {ONE: spec("Draft")}, {ONE: spec("In Review")},
              {ONE: spec("Approved")})
    merge_unrelated(git_repo, ONE)
    verdict, history = hook_then_history(git_repo, ONE)
    assert history[0] == 0, history[1]
    assert verdict == (0, "")  # was: Draft (HEAD's) -> Approved, illegal


def test_a_resolution_over_an_unrelated_branchs_status_is_checked(git_repo: GitRepo) -> None:
    """The merge keeps HEAD's status over the one the unrelated branch reached: the
    hook's verdict is the history's once the merge is committed."""
    git_repo.commit("init", {ONE: spec("Approved")})
    unrelated(git_repo, {ONE: spec("Draft")}, {ONE: spec("In Review")},
              {ONE: spec("Approved")}, {ONE: spec("Implemented")})
    merge_unrelated(git_repo)
    git_repo.write(ONE, spec("Approved"))  # the resolution keeps HEAD's
    git_repo.git("add", ONE)
    (hook_exit, hook_output), (history_exit, history_output) = hook_then_history(git_repo, ONE)
    assert hook_exit == 1  # was: 0, the status equals HEAD's
    assert "from Implemented (where the merged branch" in hook_output
    assert history_exit == 1 and "where a merged branch left it Implemented" in history_output


def test_an_illegal_status_set_while_merging_an_unrelated_branch_is_refused(
        git_repo: GitRepo) -> None:
    git_repo.commit("init", {ONE: spec("Draft")})
    unrelated(git_repo, {ONE: spec("Draft")}, {ONE: spec("In Review")})
    merge_unrelated(git_repo, ONE)
    git_repo.write(ONE, spec("Implemented"))  # neither parent's: a move by hand
    git_repo.git("add", ONE)
    (hook_exit, hook_output), (history_exit, history_output) = hook_then_history(git_repo, ONE)
    assert hook_exit == 1 and "to Implemented" in hook_output, hook_output
    assert history_exit == 1, history_output


def test_a_spec_no_parent_has_is_born_in_the_merge(git_repo: GitRepo) -> None:
    """A file neither HEAD nor a merged branch has, added while concluding a merge, is
    born in the merge commit: a status a new spec may not start in is refused before the
    merge is committed, as history refuses it after (final30 F1c: the hook passed it)."""
    git_repo.commit("init", {ONE: spec("Draft")})
    branch(git_repo, "feat", {TWO: spec("Draft", "SPEC-0002")})
    git_repo.commit("main work", {ONE: spec("In Review")})
    git_repo.git("merge", "-q", "--no-ff", "--no-commit", "feat")
    three = "specs/SPEC-0003.yaml"
    git_repo.write(three, spec("Approved", "SPEC-0003"))
    git_repo.git("add", three)
    assert run_cli("validate", "--history").exit_code == 1
    (hook_exit, hook_output), (history_exit, history_output) = hook_then_history(
        git_repo, three)
    assert hook_exit == 1 and "the commit being made adds the spec in Approved" in hook_output
    assert history_exit == 1 and "created the spec in Approved" in history_output


def test_a_spec_the_merged_branch_added_is_not_born_in_the_merge(git_repo: GitRepo) -> None:
    git_repo.commit("init", {ONE: spec("Draft")})
    branch(git_repo, "feat", {TWO: spec("Draft", "SPEC-0002")},
           {TWO: spec("In Review", "SPEC-0002")}, {TWO: spec("Approved", "SPEC-0002")})
    git_repo.commit("main work", {ONE: spec("In Review")})
    git_repo.git("merge", "-q", "--no-ff", "--no-commit", "feat")
    verdict, history = hook_then_history(git_repo, TWO)
    assert verdict == (0, "")
    assert history[0] == 0, history[1]


def test_a_spec_born_in_a_merge_whose_branch_moved_another_is_refused(
        git_repo: GitRepo) -> None:
    """A spec the merged branch moved (or deleted) is gone from HEAD's path in the work
    tree by the branch's commits, not by the merge: no move the merge makes, so no reason
    to take a file no parent has for it."""
    git_repo.commit("init", {ONE: spec("Draft"), TWO: spec("Draft", "SPEC-0002")})
    branch(git_repo, "feat", {ONE: None, "specs/core/SPEC-0001.yaml": spec("Draft"),
                              TWO: None})
    git_repo.commit("main work", {"notes.txt": "x\n"})
    git_repo.git("merge", "-q", "--no-ff", "--no-commit", "feat")
    three = "specs/SPEC-0003.yaml"
    git_repo.write(three, spec("Approved", "SPEC-0003"))
    git_repo.git("add", three)
    (hook_exit, hook_output), (history_exit, _) = hook_then_history(git_repo, three)
    assert hook_exit == 1 and "the commit being made adds the spec in Approved" in hook_output
    assert history_exit == 1
