"""`specrepo diff` against the work tree sees a spec edited behind its assume-unchanged or
skip-worktree bit, which `git diff` compares as the index's version unread (diffflag:
plain `diff --exit-code`, a CI or pre-commit gate, said "No spec changed", exit 0)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from specrepo.gitio.git_command import Git
from tests.commands.test_diff import PATH, spec
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

pytestmark = pytest.mark.usefixtures("each_git")

BITS = ["--assume-unchanged", "--skip-worktree"]
FORMATS = {"text": "FR-1", "markdown": "FR-1", "json": '"FR-1"'}
"""Each output format, and what it shows of the changed requirement."""


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("Start", {PATH: spec("FR-1=Count.", "FR-2=Reject."),
                              "specs/SPEC-0002.yaml": spec(spec_id="SPEC-0002")})
    return git_repo


def _edit_behind(repo: GitRepo, bit: str, text: str) -> None:
    """Set `bit` on SPEC-0001's file, then write `text` in it: `git status` shows nothing."""
    repo.git("update-index", bit, PATH)
    (repo.root / PATH).write_text(text)
    assert repo.git("status", "--porcelain") == ""


@pytest.mark.parametrize("bit", BITS)
@pytest.mark.parametrize("output_format", list(FORMATS))
@pytest.mark.parametrize("revision", [(), ("HEAD",), ("--", PATH)])
def test_an_edit_behind_a_bit_is_a_change_and_fails_the_gate(
        repo: GitRepo, bit: str, output_format: str, revision: tuple[str, ...]) -> None:
    _edit_behind(repo, bit, spec("FR-1=Count all.", "FR-2=Reject."))
    shown = run_cli("diff", "--exit-code", "--format", output_format, *revision)
    assert shown.exit_code == 1, shown.output
    assert "No spec changed" not in shown.stdout
    assert FORMATS[output_format] in shown.stdout
    assert "SPEC-0002" not in shown.stdout


@pytest.mark.parametrize("bit", BITS)
def test_the_work_tree_side_is_the_edit_behind_the_bit(repo: GitRepo, bit: str) -> None:
    """Against an older commit that git finds changed too: the old side is that
    commit's, the new the work tree's bytes, not the index's (or HEAD's)."""
    repo.commit("Reword", {PATH: spec("FR-1=Count some.", "FR-2=Reject.")})
    _edit_behind(repo, bit, spec("FR-1=Count all.", "FR-2=Reject.", "FR-3=Retry."))
    shown = run_cli("diff", "--format", "json", "HEAD~1")
    assert shown.exit_code == 0, shown.output
    [changed] = json.loads(shown.stdout)["specs"]
    texts = [(change["path_text"], change.get("before"), change.get("after"))
             for group in changed["changes"] for change in group["changes"]]
    assert ("requirements.functional[FR-1].description", "Count.", "Count all.") in texts
    assert any(path == "requirements.functional[FR-3]" for path, _, _ in texts)


@pytest.mark.parametrize("bit", BITS)
def test_a_flagged_spec_left_as_it_is_is_no_change(repo: GitRepo, bit: str) -> None:
    repo.git("update-index", bit, PATH)
    shown = run_cli("diff", "--exit-code")
    assert (shown.exit_code, shown.stdout) == (0, "No spec changed.\n")


def test_two_revisions_ask_no_flags(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """The work tree is no side: its bits do not matter, and cost no `git ls-files -v`."""
    repo.commit("Reword", {PATH: spec("FR-1=Count some.", "FR-2=Reject.")})
    _edit_behind(repo, "--assume-unchanged", spec("FR-1=Count all.", "FR-2=Reject."))
    ran: list[tuple[str, ...]] = []
    attempt = Git.attempt

    def recorded(self: Git, *arguments: str, stdin: bytes | None = None) -> Any:
        ran.append(arguments)
        return attempt(self, *arguments, stdin=stdin)

    monkeypatch.setattr(Git, "attempt", recorded)
    shown = run_cli("diff", "--exit-code", "HEAD~1..HEAD")
    assert shown.exit_code == 1 and "Count all" not in shown.stdout
    assert not [arguments for arguments in ran if "-v" in arguments]
    assert run_cli("diff", "--exit-code").exit_code == 1
    assert len([arguments for arguments in ran if "-v" in arguments]) == 1


def test_a_spec_outside_a_sparse_checkout_is_still_no_change(repo: GitRepo) -> None:
    """Plain `diff` reads git's sides, which hold the spec left out: it is not refused (as
    `validate` refuses it), nor read as removed."""
    repo.commit("Elsewhere", {"specs/b/SPEC-0003.yaml": spec(spec_id="SPEC-0003")})
    repo.git("sparse-checkout", "set", "--no-cone", "/*", "!/specs/b/")
    assert not (repo.root / "specs/b").exists()
    shown = run_cli("diff", "--exit-code")
    assert (shown.exit_code, shown.stdout) == (0, "No spec changed.\n")
    _edit_behind(repo, "--assume-unchanged", spec("FR-1=Count all.", "FR-2=Reject."))
    shown = run_cli("diff", "--exit-code", "--format", "json")
    assert shown.exit_code == 1
    assert [changed["new"]["path"] for changed in json.loads(shown.stdout)["specs"]] == [PATH]


@pytest.mark.parametrize("bit", BITS)
def test_since_approval_sees_an_edit_behind_a_bit(repo: GitRepo, bit: str) -> None:
    """It reads the work tree's files, not git's diff: the edit is there already."""
    approved = spec("FR-1=Count.", "FR-2=Reject.", status="Approved")
    repo.commit("Approve", {PATH: approved + "reviewers: [Grace Hopper]\n"})
    _edit_behind(repo, bit, spec("FR-1=Count all.", "FR-2=Reject.", status="Approved")
                 + "reviewers: [Grace Hopper]\n")
    shown = run_cli("diff", "--since-approval", "--exit-code")
    assert shown.exit_code == 1, shown.output
    assert "since its approval" in shown.stdout and "FR-1" in shown.stdout


@pytest.mark.parametrize(("bit", "said"), [("--assume-unchanged", "marked assume-unchanged"),
                                           ("--skip-worktree", "marked skip-worktree")])
@pytest.mark.parametrize("revision", [(), ("HEAD",), ("--", PATH)])
def test_a_spec_deleted_behind_a_bit_is_refused_as_validate_refuses_it(
        repo: GitRepo, bit: str, said: str, revision: tuple[str, ...]) -> None:
    """git's diff calls it unchanged (diffdel: "No spec changed", exit 0); `validate`
    exits 2 on it, and so does the gate, with the same message."""
    repo.git("update-index", bit, PATH)
    (repo.root / PATH).unlink()
    assert repo.git("status", "--porcelain") == ""
    shown = run_cli("diff", "--exit-code", *revision)
    assert shown.exit_code == 2, shown.output
    assert "No spec changed" not in shown.output
    assert f"1 spec file tracked by git is {said}" in shown.output \
        or f"the spec file {PATH}, tracked by git, is {said}" in shown.output
    validated = run_cli("validate")
    assert validated.exit_code == 2
    assert shown.stderr == validated.stderr
    assert run_cli("diff", "--exit-code", "HEAD..HEAD").exit_code == 0  # no work tree side
