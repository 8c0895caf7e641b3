"""A merge's status set by hand is judged by the hooks while the merge is concluded and
by `validate --history` once it is committed, the same way (hook43): README's rule for a
status no parent has, a move from the first parent's status and a `merge-resolved` one
from the status the merged branch moved the spec to. Cases session 42 left apart:

- the resolution sets a version the merged branch had before its last move (the branch
  went Draft -> Review -> OK, the merge files its Review version): the walk took the
  blob, which a commit had made, for the branch's version, no move of the merge's, and
  passed what the hook stopped (`from OK (where the merged branch ... left it) to Review`);
- a branch that merged a branch of its own (`sb` moved the spec Review -> OK, merged into
  `br` with a merge commit), merged into main with the status it brought: the walk took
  `br`'s merge of `sb` for a status taken from outside the branch, and judged main's
  merge as main's move Draft -> OK, which the hook passed;
- `git commit --amend` of a merge whose branch named a state otherwise (main renamed
  `OK` -> `Accepted`): the hook named the branch's status by the branch's name, `OK`, a
  state today's workflow lacks, and stopped a legal amend.

Property: the hooks' verdict is the one the commit gets once made (warm and cold), and
each case fails without the fix (the comments say how)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.history.gitrepo import GitRepo
from tests.history.test_hook_state_renames import (
    ILLEGAL,
    SCHEMA,
    SPEC,
    committed,
    config,
    hooks,
    merging,
    spec,
    stage,
    started,
)
from tests.support import run_cli


@pytest.fixture(autouse=True)
def _identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commit being made's author, as git names it for the commit-msg hook."""
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Ada Lovelace")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "ada@example.com")


def _branch(repo: GitRepo, *, rename_on_main: bool, transitions: str = "") -> None:
    """Workflow `[Draft, Review, OK]` (`OK` may go back to Review with `transitions`);
    branch `br` moves SPEC-0001 Draft -> Review -> OK; main goes on (renaming `OK` to
    `Accepted`, or with another file)."""
    if transitions:
        repo.commit("start", {"specrepo.yaml": config("OK", "OK").replace(
            "OK: [Draft]", f"OK: [Draft, {transitions}]"), "schema.json": SCHEMA,
            SPEC: spec("Draft")})
    else:
        started(repo, "Draft")
    repo.git("checkout", "-q", "-b", "br")
    repo.commit("review", {SPEC: spec("Review")})
    repo.commit("approve", {SPEC: spec("OK")})
    repo.git("checkout", "-q", "main")
    if rename_on_main:
        repo.commit("OK is Accepted", {"specrepo.yaml": config("Accepted", "Accepted")})
    else:
        repo.commit("other", {"notes.txt": "x\n"})


def resolved_to_branch_s_review(repo: GitRepo) -> None:
    """The merge files the branch's Review version: a status set by hand over the
    branch's OK, which goes only to Draft (was: the hook stopped it, history passed it)."""
    _branch(repo, rename_on_main=False)
    merging(repo, "br", {SPEC: spec("Review")})


def resolved_to_branch_s_review_renamed(repo: GitRepo) -> None:
    """The same where main renamed `OK` -> `Accepted` (the branch's OK is Accepted)."""
    _branch(repo, rename_on_main=True)
    merging(repo, "br", {"specrepo.yaml": config("Accepted", "Accepted"),
                         SPEC: spec("Review")})


def resolved_to_branch_s_review_allowed(repo: GitRepo) -> None:
    """The same where the workflow lets `OK` go back to Review: legal both ways."""
    _branch(repo, rename_on_main=False, transitions="Review")
    merging(repo, "br", {SPEC: spec("Review")})


def resolved_to_the_merge_base_s_draft(repo: GitRepo) -> None:
    """Main moved the spec to Review; the merge files the merge base's Draft version
    over the branch's OK: legal from both (OK and Review go back to Draft)."""
    _branch(repo, rename_on_main=False)
    repo.commit("review on main", {SPEC: spec("Review")})
    merging(repo, "br", {SPEC: spec("Draft")})


def _nested(repo: GitRepo, renamed: str | None, resolution: str) -> None:
    """`br` moves SPEC-0001 Draft -> Review; `sb`, branched from it, moves it on to OK
    (with `renamed`: it renames `OK` to that first) and is merged into `br` with a merge
    commit; main renames `OK` -> `Accepted` when `renamed`, and merges `br` (being
    concluded) with the spec in `resolution`."""
    started(repo, "Draft")
    repo.git("checkout", "-q", "-b", "br")
    repo.commit("review", {SPEC: spec("Review")})
    repo.git("checkout", "-q", "-b", "sb")
    if renamed is not None:
        repo.commit(f"OK is {renamed}", {"specrepo.yaml": config(renamed, renamed)})
    repo.commit("approve", {SPEC: spec(renamed or "OK")})
    repo.git("checkout", "-q", "br")
    repo.merge("sb")
    repo.git("checkout", "-q", "main")
    if renamed is None:
        repo.commit("other", {"notes.txt": "x\n"})
        merging(repo, "br", {SPEC: spec(resolution)})
        return
    repo.commit("OK is Accepted", {"specrepo.yaml": config("Accepted", "Accepted")})
    merging(repo, "br", {"specrepo.yaml": config("Accepted", "Accepted"),
                         SPEC: spec(resolution)})


CONCLUDED: dict[str, tuple[Callable[[GitRepo], None], int]] = {
    "branch-review": (resolved_to_branch_s_review, 1),
    "branch-review-renamed": (resolved_to_branch_s_review_renamed, 1),
    "branch-review-allowed": (resolved_to_branch_s_review_allowed, 0),
    "merge-base-draft": (resolved_to_the_merge_base_s_draft, 0),
    # was: history judged main's Draft -> OK (Accepted), the hook passed
    "nested-kept": (lambda repo: _nested(repo, None, "OK"), 0),
    "nested-renamed-kept": (lambda repo: _nested(repo, "Done", "Accepted"), 0),
    "nested-renamed-review": (lambda repo: _nested(repo, "Done", "Review"), 1),
    "nested-renamed-draft": (lambda repo: _nested(repo, "Done", "Draft"), 0),
}


@pytest.mark.parametrize("case", CONCLUDED)
def test_a_merge_concluded_is_judged_as_once_committed(git_repo: GitRepo, case: str) -> None:
    build, verdict = CONCLUDED[case]
    build(git_repo)
    (pre, pre_output), (message, message_output) = hooks(git_repo)
    after, judged = committed(git_repo)
    assert (pre, message, after) == (verdict, verdict, verdict), \
        (pre_output, message_output, judged)
    assert (ILLEGAL in pre_output) == (ILLEGAL in judged), (pre_output, judged)


def test_a_resolution_on_the_branch_s_earlier_version_is_the_merge_s_own_move(
        git_repo: GitRepo) -> None:
    """The merge's events: its move from its first parent's Draft, and the `merge-
    resolved` one over the branch's OK (was: one `status-taken`, OK -> Review, no move);
    both messages name the branch's OK."""
    resolved_to_branch_s_review(git_repo)
    (_, pre_output), _ = hooks(git_repo)
    assert "from OK (where the merged branch" in pre_output
    _, judged = committed(git_repo)
    assert "settled the status on Review where a merged branch left it OK" in judged
    timeline = json.loads(run_cli("timeline", "SPEC-0001", "--format", "json").stdout)
    head = git_repo.git("rev-parse", "HEAD")
    assert [(event["kind"], event["from"], event["to"]) for event in timeline["events"]
            if event["commit"] == head] == [("merge-resolved", "OK", "Review"),
                                            ("status-changed", "Draft", "Review")]


def _merged_renamed(repo: GitRepo, branch_name: str) -> None:
    """Main renamed `OK` -> `Accepted`; `br` moved the spec to OK (renamed to
    `branch_name` on it first, when not OK) and was merged with the spec Accepted."""
    started(repo, "Draft")
    repo.git("checkout", "-q", "-b", "br")
    if branch_name != "OK":
        repo.commit(f"OK is {branch_name}", {"specrepo.yaml": config(branch_name,
                                                                     branch_name)})
    repo.commit("review", {SPEC: spec("Review")})
    repo.commit("approve", {SPEC: spec(branch_name)})
    repo.git("checkout", "-q", "main")
    repo.commit("OK is Accepted", {"specrepo.yaml": config("Accepted", "Accepted")})
    merging(repo, "br", {"specrepo.yaml": config("Accepted", "Accepted"),
                         SPEC: spec("Accepted")})
    repo.clock += 86400
    repo.git("commit", "-q", "--no-edit", "-m", "Merge br", date=repo.clock)


@pytest.mark.parametrize(("branch_name", "status", "verdict"), [
    ("OK", "Draft", 0), ("OK", "Review", 1), ("Done", "Draft", 0), ("Done", "Review", 1),
    ("Accepted", "Draft", 0)])
def test_an_amended_merge_names_its_branch_s_states_as_today(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch, branch_name: str, status: str,
        verdict: int) -> None:
    """`git commit --amend` of the merge, the spec moved to `status`: from the branch's
    `OK` (or `Done`), which is `Accepted` today, as the committed amend is judged (was:
    `from OK (where the merged branch ... left it) to Draft ... (from OK: nowhere)`)."""
    _merged_renamed(git_repo, branch_name)
    assert run_cli("validate", "--history").exit_code == 0
    stage(git_repo, {SPEC: spec(status)})
    with monkeypatch.context() as patch:  # git's command line, as the hook reads it
        patch.setattr("specrepo.commands.validate.amends_head", lambda: True)
        (pre, pre_output), (message, message_output) = hooks(git_repo)
    git_repo.git("commit", "-q", "--amend", "--no-edit")
    after = run_cli("validate", "--history")
    assert (pre, message, after.exit_code) == (verdict, verdict, verdict), \
        (pre_output, message_output, after.output)
    assert f"from {branch_name} " not in pre_output + message_output
    if verdict:
        assert "from Accepted (where the merged branch" in pre_output
