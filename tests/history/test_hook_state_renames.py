"""The hooks judge a workflow state renamed in the commit being made (the index, or a merge
being concluded) by the rules `validate --history` judges the commit by once it is made
(trial41b hook-rename-and-add-in-one-commit: `[Draft, Review, OK]` -> `[Draft, Review,
Accepted, Retired]` staged with the spec moved `OK` -> `Accepted` failed both hooks and
`diff --exit-code`; hook-merge-conclusion-state-rename-false-illegal: a merge concluded
where main renamed `OK` -> `Accepted` and the branch moved the spec to `OK` failed the
pre-commit hook with two illegal moves). Property: for each case, the hooks' verdict on
the staged change, and `diff --exit-code` of the work tree, are those the commit gets
once made (`validate --history`, warm and cold; `diff` of its first parent and it)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable

import pytest

from specrepo.history.cache import CACHE_FILE
from tests.history.gitrepo import GitRepo
from tests.history.test_staged_approval import CHECK
from tests.support import run_cli

SCHEMA = ('{"type": "object", "required": ["id", "title", "status"], '
          '"properties": {"status": {"type": "string"}}}\n')
SPEC = "specs/SPEC-0001.yaml"
ILLEGAL = "[illegal-transition]"


@pytest.fixture(autouse=True)
def _identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commit being made's author, as git names it for the commit-msg hook."""
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Ada Lovelace")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "ada@example.com")


def config(states: str, approved: str) -> str:
    """`specrepo.yaml` with the workflow's states `states` (a YAML list's inside), the last
    of which, `approved`, a spec in review moves to and leaves for Draft."""
    return ("specs: specs\nschema: schema.json\nstatuses:\n"
            f"  states: [Draft, Review, {states}]\n"
            f"  transitions: {{Draft: [Review], Review: [{approved}, Draft], "
            f"{approved}: [Draft]}}\n"
            f"  in_review: [Review]\n  approved: [{approved}]\n  initial: [Draft]\n")


def spec(status: str) -> str:
    return (f"id: SPEC-0001\ntitle: T\nstatus: {status}\nauthors: [Ada <ada@x>]\n"
            "reviewers: [Grace]\ncreated: 2026-01-01\nupdated: 2026-01-01\nsummary: S.\n")


def started(repo: GitRepo, status: str = "OK") -> None:
    """Workflow `[Draft, Review, OK]`; SPEC-0001 created Draft, then moved on to
    `status` one state a commit."""
    repo.commit("start", {"specrepo.yaml": config("OK", "OK"), "schema.json": SCHEMA,
                          SPEC: spec("Draft")})
    for step in ("Review", "OK")[:("Draft", "Review", "OK").index(status)]:
        repo.commit(step, {SPEC: spec(step)})


def stage(repo: GitRepo, files: dict[str, str]) -> None:
    for path, text in files.items():
        repo.write(path, text)
    repo.git("add", "-A")


def merging(repo: GitRepo, branch: str, files: dict[str, str]) -> None:
    """`git merge --no-commit --no-ff branch` (a conflict left to resolve too), resolved
    with `files`, staged: a merge being concluded."""
    subprocess.run(["git", "merge", "-q", "--no-commit", "--no-ff", branch], cwd=repo.root,
                   env=repo.environment(), capture_output=True, check=False)
    assert (repo.root / ".git" / "MERGE_HEAD").exists()
    stage(repo, files)


def plain_rename(repo: GitRepo) -> None:
    started(repo)
    stage(repo, {"specrepo.yaml": config("Accepted", "Accepted"), SPEC: spec("Accepted")})


def rename_and_add(repo: GitRepo) -> None:
    """trial41b hook-rename-and-add-in-one-commit."""
    started(repo)
    stage(repo, {"specrepo.yaml": config("Accepted, Retired", "Accepted"),
                 SPEC: spec("Accepted")})


def rename_and_add_illegal(repo: GitRepo) -> None:
    """The same change moving the spec `OK` -> `Review` instead: no spec says what `OK`
    became, so no rename (the README: rename in a commit of its own), and the move from
    `OK` is illegal, before the commit and once it is made."""
    started(repo)
    stage(repo, {"specrepo.yaml": config("Accepted, Retired", "Accepted"),
                 SPEC: spec("Review")})


def rename_reverted(repo: GitRepo) -> None:
    """`OK` renamed `Accepted` in a commit, back to `OK` in the one being made."""
    started(repo)
    repo.commit("OK is Accepted", {"specrepo.yaml": config("Accepted", "Accepted"),
                                   SPEC: spec("Accepted")})
    stage(repo, {"specrepo.yaml": config("OK", "OK"), SPEC: spec("OK")})


def _branch_to_ok(repo: GitRepo, renamed: str | None = None) -> None:
    """A branch `br` from the first commit moves SPEC-0001 Draft -> Review -> OK (with
    `renamed`: the branch renamed `OK` to it first, and moves to that name); main then
    renames `OK` -> `Accepted`."""
    started(repo, "Draft")
    repo.git("checkout", "-q", "-b", "br")
    last = "OK"
    if renamed is not None:
        repo.commit(f"OK is {renamed}", {"specrepo.yaml": config(renamed, renamed)})
        last = renamed
    repo.commit("review", {SPEC: spec("Review")})
    repo.commit("approve", {SPEC: spec(last)})
    repo.git("checkout", "-q", "main")
    repo.commit("OK is Accepted", {"specrepo.yaml": config("Accepted", "Accepted")})


def merge_of_main_rename(repo: GitRepo) -> None:
    """trial41b hook-merge-conclusion-state-rename-false-illegal."""
    _branch_to_ok(repo)
    merging(repo, "br", {"specrepo.yaml": config("Accepted", "Accepted"),
                         SPEC: spec("Accepted")})


def merge_of_both_renamed(repo: GitRepo) -> None:
    """Both lines renamed `OK` -> `Accepted`; the branch approved the spec."""
    _branch_to_ok(repo, "Accepted")
    merging(repo, "br", {"specrepo.yaml": config("Accepted", "Accepted"),
                         SPEC: spec("Accepted")})


def merge_of_conflicting_renames(repo: GitRepo) -> None:
    """main renamed `OK` -> `Accepted`, the branch `OK` -> `Done` and approved the spec;
    the merge keeps `Accepted`."""
    _branch_to_ok(repo, "Done")
    merging(repo, "br", {"specrepo.yaml": config("Accepted", "Accepted"),
                         SPEC: spec("Accepted")})


def merge_resolved_to_draft(repo: GitRepo) -> None:
    """trial41b's merge resolved to `Draft`, HEAD's: the branch's `OK` (`Accepted`
    today) settled back to Draft, which `Accepted` leads to."""
    _branch_to_ok(repo)
    merging(repo, "br", {"specrepo.yaml": config("Accepted", "Accepted"),
                         SPEC: spec("Draft")})


CASES: dict[str, Callable[[GitRepo], None]] = {
    "plain-rename": plain_rename, "rename-and-add": rename_and_add,
    "rename-and-add-illegal": rename_and_add_illegal, "rename-reverted": rename_reverted,
    "merge-main-renamed": merge_of_main_rename, "merge-both-renamed": merge_of_both_renamed,
    "merge-conflicting-renames": merge_of_conflicting_renames,
    "merge-resolved-to-draft": merge_resolved_to_draft}


def hooks(repo: GitRepo) -> tuple[tuple[int, str], tuple[int, str]]:
    """The pre-commit hook's run and the commit-msg hook's: exit code and output each."""
    pre = run_cli(*CHECK[:-1])
    (repo.root / ".git" / "COMMIT_EDITMSG").write_text("the change\n")
    message = run_cli(*CHECK, ".git/COMMIT_EDITMSG")
    return (pre.exit_code, pre.output), (message.exit_code, message.output)


def committed(repo: GitRepo) -> tuple[int, str]:
    """The staged change (a merge's conclusion too) committed: `validate --history`'s exit
    code and output, warm and cold alike."""
    repo.clock += 86400
    repo.git("commit", "-q", "--no-edit", "-m", "the change", date=repo.clock)
    warm = run_cli("validate", "--history")
    (repo.root / ".git" / CACHE_FILE).unlink()
    cold = run_cli("validate", "--history")
    assert (cold.exit_code, cold.output) == (warm.exit_code, warm.output)
    return warm.exit_code, warm.output


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_hooks_verdict_is_that_of_the_commit_once_made(
        git_repo: GitRepo, case: Callable[[GitRepo], None]) -> None:
    case(git_repo)
    (pre, pre_output), (message, message_output) = hooks(git_repo)
    assert hooks(git_repo) == ((pre, pre_output), (message, message_output))  # warm
    work_tree = run_cli("diff", "--exit-code")
    after, judged = committed(git_repo)
    assert (pre, message) == (after, after), (pre_output, message_output, judged)
    assert (ILLEGAL in pre_output) == (ILLEGAL in judged), (pre_output, judged)
    made = run_cli("diff", "--exit-code", "HEAD^1", "HEAD")
    assert work_tree.exit_code == made.exit_code, (work_tree.output, made.output)


@pytest.mark.parametrize("case", [rename_and_add, merge_of_main_rename],
                         ids=["rename-and-add", "merge-main-renamed"])
def test_trial41b_repros_pass_the_hooks(git_repo: GitRepo,
                                       case: Callable[[GitRepo], None]) -> None:
    """Both trial41b repros: the hooks pass what `validate --history` passes once made."""
    case(git_repo)
    (pre, pre_output), (message, message_output) = hooks(git_repo)
    assert (pre, message) == (0, 0), (pre_output, message_output)
    if case is rename_and_add:
        diff = run_cli("diff", "--exit-code")
        assert diff.exit_code == 0 and "OK -> Accepted" not in diff.output, diff.output
    assert committed(git_repo)[0] == 0


def test_a_cache_follows_the_index_it_was_not_written_for(git_repo: GitRepo) -> None:
    """The cache a run wrote with the configuration staged alone (the spec not moved yet:
    no evidence, `OK` not renamed) answers no run after the spec's move is staged: the
    verdict follows the index, not the cache (and back). The spec stays at OK in the work
    tree where it is not staged (a hook's plain checks read the work tree's file, its
    history rules the staged one: hookidx42)."""
    started(git_repo)
    stage(git_repo, {"specrepo.yaml": config("Accepted, Retired", "Accepted")})
    assert run_cli(*CHECK[:-1]).exit_code == 1  # OK, no state of the staged workflow
    git_repo.write(SPEC, spec("Accepted"))
    git_repo.git("add", "-A")
    assert run_cli(*CHECK[:-1]).exit_code == 0
    git_repo.git("reset", "-q", "--", SPEC)
    git_repo.git("checkout", "-q", "--", SPEC)
    assert run_cli(*CHECK[:-1]).exit_code == 1


def test_a_cache_follows_a_merge_begun_and_given_up(git_repo: GitRepo) -> None:
    """A cache written before a merge began answers the merge's runs only as the merge
    reads, and one written during it no run after it was given up."""
    _branch_to_ok(git_repo)
    assert run_cli("validate", "--history").exit_code == 0  # cache of HEAD, no merge
    merging(git_repo, "br", {"specrepo.yaml": config("Accepted", "Accepted"),
                             SPEC: spec("Accepted")})
    assert run_cli(*CHECK[:-1]).exit_code == 0
    git_repo.git("merge", "--abort")
    git_repo.write(SPEC, spec("Accepted"))
    git_repo.git("add", "-A")
    code = run_cli(*CHECK[:-1])
    assert code.exit_code == 1 and "from Draft" in code.output, code.output
