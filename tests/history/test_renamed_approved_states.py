"""A state a configuration counted as approved, renamed since (`OK` -> `Accepted`, in
`states`, the schema and the spec) with `statuses: approved:` narrowed after the approval:
the move into it stays an approval, judged by the name the state had in the configuration
of the commit that made the move, as history reads the move by today's name (README:
"Renaming a state ... renames it in the whole history"). trial39: the rename with
`approved: []`, in one commit or two, let an edit of the approved summary pass the
commit-msg hook, `validate --history`, `report --fail-on changed-after-approval` and
`diff --since-approval --exit-code`, as the configuration's old `approved: [OK]` was
compared with today's name `Accepted`. Warm runs and runs continuing a cache agree with
cold ones."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from specrepo.history.cache import CACHE_FILE
from tests.history.gitrepo import GitRepo
from tests.history.test_staged_approval import check
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
FINDING = "summary changed after SPEC-0001 was approved"
EDITED = "Rewritten after approval."


def schema(last: str) -> str:
    """The team's own spec schema, its last state named `last`."""
    return json.dumps({
        "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
        "required": ["id", "title", "status"],
        "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                       "status": {"enum": ["Draft", "Review", last]},
                       "authors": {"type": "array"}, "reviewers": {"type": "array"},
                       "summary": {"type": "string"}}}) + "\n"


def config(last: str, approved: str) -> str:
    """The team's own workflow, Draft -> Review -> `last`, with `approved: [approved]`."""
    return (f"specs: specs\nschema: s.json\nstatuses:\n  states: [Draft, Review, {last}]\n"
            f"  transitions:\n    Draft: [Review]\n    Review: [{last}]\n"
            f"  in_review: [Review]\n  approved: [{approved}]\n"
            "approval:\n  protected: [summary]\n")


def spec(status: str, summary: str = "Approved text.") -> str:
    return (f"id: SPEC-0001\ntitle: T\nstatus: {status}\nauthors: [Ada Lovelace]\n"
            f"reviewers: [Grace Hopper]\nsummary: {summary}\n")


def renamed(last: str, approved: str = "") -> dict[str, str | bytes | None]:
    """The migration: the state renamed `last` everywhere, `approved: [approved]`."""
    return {"specrepo.yaml": config(last, approved), "s.json": schema(last),
            PATH: spec(last)}


def approve(repo: GitRepo, approved: str = "OK") -> str:
    """SPEC-0001 approved as `OK` (approved by Grace Hopper) under `approved: [approved]`;
    the approving commit."""
    repo.commit("init", {"specrepo.yaml": config("OK", approved), "s.json": schema("OK"),
                         PATH: spec("Draft")})
    repo.commit("review", {PATH: spec("Review")})
    return repo.commit("approve", {PATH: spec("OK")}, author="Grace Hopper")


def gates(repo: GitRepo, monkeypatch: pytest.MonkeyPatch, status: str) -> list[int]:
    """The exit codes of the four gates of an edit of SPEC-0001's approved summary (in
    state `status` today): the commit-msg hook with the edit staged, then, the edit
    committed, `validate --history`, `report --fail-on changed-after-approval` and
    `diff --since-approval --exit-code`; `validate --history` of a cold run says what a
    warm one says."""
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Ada Lovelace")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "ada@example.com")
    repo.write(PATH, spec(status, EDITED))
    repo.git("add", "-A")
    hook, hook_output = check(repo, "Rewrite the summary\n")
    repo.commit("Rewrite the summary")
    warm = run_cli("validate", "--history")
    codes = [hook, warm.exit_code,
             run_cli("report", "--fail-on", "changed-after-approval").exit_code,
             run_cli("diff", "--since-approval", "--exit-code").exit_code]
    (repo.root / ".git" / CACHE_FILE).unlink()
    cold = run_cli("validate", "--history")
    assert (cold.exit_code, cold.output) == (warm.exit_code, warm.output)
    if codes == [1, 1, 1, 1]:
        assert FINDING in hook_output and FINDING in warm.output, (hook_output, warm.output)
    return codes


def _in_one_commit(repo: GitRepo) -> str:
    repo.commit("rename OK to Accepted, approved: []", renamed("Accepted"))
    return "Accepted"


def _in_two_commits(repo: GitRepo) -> str:
    repo.commit("rename OK to Accepted", renamed("Accepted", "Accepted"))
    repo.commit("approved: []", {"specrepo.yaml": config("Accepted", "")})
    return "Accepted"


def _renamed_twice(repo: GitRepo) -> str:
    repo.commit("rename OK to Accepted", renamed("Accepted", "Accepted"))
    repo.commit("rename Accepted to Done, approved: []", renamed("Done"))
    return "Done"


def _on_a_merged_branch(repo: GitRepo) -> str:
    repo.git("checkout", "-q", "-b", "migration")
    repo.commit("rename OK to Accepted, approved: []", renamed("Accepted"))
    repo.git("checkout", "-q", "main")
    repo.commit("Elsewhere", {"notes.txt": "unrelated\n"})
    repo.merge("migration")
    return "Accepted"


def _a_cache_walked_on(repo: GitRepo) -> str:
    """A cache written before the migration: the walk continues from it."""
    assert run_cli("validate", "--history").exit_code == 0
    return _in_one_commit(repo)


MIGRATIONS: dict[str, Callable[[GitRepo], str]] = {
    "one-commit": _in_one_commit, "two-commits": _in_two_commits,
    "renamed-twice": _renamed_twice, "merged-branch": _on_a_merged_branch,
    "cache-walked-on": _a_cache_walked_on}


@pytest.mark.parametrize("migrate", MIGRATIONS.values(), ids=MIGRATIONS.keys())
def test_an_approval_under_the_old_name_stays_an_approval(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch,
        migrate: Callable[[GitRepo], str]) -> None:
    approve(git_repo)
    assert gates(git_repo, monkeypatch, migrate(git_repo)) == [1, 1, 1, 1]


def test_an_approval_on_a_merged_branch_under_the_old_name(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Approved on a branch while the state was `OK`; the line renamed it meanwhile."""
    git_repo.commit("init", {"specrepo.yaml": config("OK", "OK"), "s.json": schema("OK"),
                             PATH: spec("Draft")})
    git_repo.commit("review", {PATH: spec("Review")})
    git_repo.git("checkout", "-q", "-b", "approval")
    git_repo.commit("approve", {PATH: spec("OK")}, author="Grace Hopper")
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("rename OK to Accepted, approved: []",
                    {"specrepo.yaml": config("Accepted", ""), "s.json": schema("Accepted")})
    git_repo.merge("approval", files={PATH: spec("Accepted")})
    assert gates(git_repo, monkeypatch, "Accepted") == [1, 1, 1, 1]


@pytest.mark.parametrize("committed", [False, True], ids=["staged", "committed-before"])
def test_the_hook_and_the_diff_with_the_rename_not_committed(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch, committed: bool) -> None:
    """The rename and `approved: []` staged with the edit (or the rename committed, the
    narrowing staged): the commit-msg hook and `diff --since-approval` of the work tree
    tell of the change."""
    approve(git_repo)
    if committed:
        git_repo.commit("rename OK to Accepted", renamed("Accepted", "Accepted"))
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Ada Lovelace")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "ada@example.com")
    for path, text in {**renamed("Accepted"), PATH: spec("Accepted", EDITED)}.items():
        assert isinstance(text, str)
        git_repo.write(path, text)
    git_repo.git("add", "-A")
    code, output = check(git_repo, "Migrate; rewrite the summary\n")
    assert code == 1, output
    assert FINDING in output
    result = run_cli("diff", "--since-approval", "--exit-code")
    assert result.exit_code == 1, result.output
    assert EDITED in result.output


def test_narrowed_before_the_approval_under_the_old_name_is_honoured(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """`approved: []` when the spec moved into `OK`: no approval then, renamed or not."""
    approve(git_repo, approved="")
    assert gates(git_repo, monkeypatch, _in_one_commit(git_repo)) == [0, 0, 0, 0]


def test_the_renamed_state_still_approved_today(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """The control: the rename with `approved: [Accepted]` keeps the approval by today's
    configuration alone."""
    approve(git_repo)
    git_repo.commit("rename OK to Accepted", renamed("Accepted", "Accepted"))
    assert gates(git_repo, monkeypatch, "Accepted") == [1, 1, 1, 1]
