"""A shallow clone whose history of a spec starts outside the approved states, after which
one of the spec's own authors moves it into one (newuser66 M1): the clone cannot tell that
move from a move back after an approval it does not hold (Bob approves, Ada edits, Ada
approves again herself, which a full clone does not count), so no reader takes it for the
approval: `diff --since-approval` compares with the clone's start and warns, the history's
readers warn, and a change the clone shows before the move is no approved one."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

SPEC = "specs/SPEC-0001.yaml"
APPROVED_BY_BOB = "reviewers: [{name: Bob Reviewer, approved: 2026-01-03}]\n"


def _spec(status: str, summary: str = "Why and what.") -> str:
    return spec_text(status=status, extra=APPROVED_BY_BOB).replace("Why and what.", summary)


def _history(tmp_path: Path, mover: str = "Ada Lovelace", edit_late: bool = False,
             trailer: str = "") -> tuple[GitRepo, dict[str, str]]:
    """Bob approves, Ada edits the approved summary, then the spec goes back to Draft, to
    In Review (Ada's summary edited again there when `edit_late`) and to Approved, the last
    move by `mover`, its message ending with `trailer`."""
    repo = GitRepo(tmp_path / "origin")
    repo.commit("draft", {SPEC: spec_text()})
    repo.commit("review", {SPEC: spec_text(status="In Review",
                                           extra="reviewers: [Bob Reviewer]\n")})
    commits = {"approved": repo.commit("approve", {SPEC: _spec("Approved")},
                                       author="Bob Reviewer")}
    repo.commit("edit", {SPEC: _spec("Approved", "Edited after approval.")})
    repo.commit("back", {SPEC: _spec("Draft", "Edited after approval.")})
    commits["review"] = repo.commit("again", {SPEC: _spec(
        "In Review", "Edited again." if edit_late else "Edited after approval.")})
    commits["moved"] = repo.commit("approve again" + trailer, {SPEC: _spec(
        "Approved", "Edited again." if edit_late else "Edited after approval.")},
        author=mover)
    return repo, commits


def _clone(repo: GitRepo, folder: Path, depth: int) -> Path:
    subprocess.run(["git", "clone", "-q", f"--depth={depth}", f"file://{repo.root}",
                    str(folder)], env=repo.environment(), check=True)
    return folder


def test_the_authors_own_move_is_no_approval_the_clone_can_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo, commits = _history(tmp_path)
    monkeypatch.chdir(repo.root)
    full = run_cli("diff", "--since-approval", "--exit-code")
    assert full.exit_code == 1, full.output
    assert f"since its approval in commit {commits['approved'][:10]}" in full.stdout
    monkeypatch.chdir(_clone(repo, tmp_path / "clone", 2))
    unknown = (f"the approval of SPEC-0001 is not known: it was In Review at boundary commit "
               f"{commits['review'][:10]}, where this shallow clone's history starts, and "
               f"Ada Lovelace, one of its authors, moved it to Approved in commit "
               f"{commits['moved'][:10]}: an author's own move")
    for cached in (False, True):  # cold, then warm
        diff = run_cli("diff", "--since-approval", "--exit-code", "--allow-shallow")
        assert unknown in diff.stderr, (cached, diff.output)
        assert diff.exit_code == 1, diff.output  # the full clone's answer, and why
        assert (f"since commit {commits['review'][:10]}, where this shallow clone's history "
                "starts") in diff.stdout
        for command in (("validate", "--history"), ("report",),
                        ("timeline", "SPEC-0001")):
            result = run_cli(*command, "--allow-shallow", no_traceback=True)
            assert unknown in result.stderr, (command, cached, result.output)
    (tmp_path / "clone" / SPEC).write_text(_spec("Approved", "Edited in the work tree."))
    edited = run_cli("diff", "--since-approval", "--allow-shallow")
    assert f"since its approval in commit {commits['moved'][:10]}" not in edited.stdout
    assert (f"since commit {commits['review'][:10]}, where this shallow clone's history "
            "starts") in edited.stdout, edited.output


def test_a_change_the_clone_shows_before_the_own_move_is_unapproved(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo, commits = _history(tmp_path, edit_late=True)
    monkeypatch.chdir(repo.root)
    assert run_cli("validate", "--history", no_traceback=True).exit_code == 1
    monkeypatch.chdir(_clone(repo, tmp_path / "clone", 3))
    validated = run_cli("validate", "--history", "--allow-shallow", no_traceback=True)
    assert validated.exit_code == 1, validated.output
    assert "summary changed after SPEC-0001 was approved" in validated.stdout
    assert (f"its approval not known: Ada Lovelace's move to Approved in commit "
            f"{commits['moved'][:10]} was made by one of its authors") in validated.stdout
    diff = run_cli("diff", "--since-approval", "--exit-code", "--allow-shallow")
    assert diff.exit_code == 1, diff.output
    assert "~ summary" in diff.stdout


@pytest.mark.parametrize(("mover", "trailer"), [
    ("Bob Reviewer", ""), ("Ada Lovelace", "\n\nApproved-by: Bob Reviewer <bob@example.com>")])
def test_a_reviewers_move_or_trailer_is_the_approval(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mover: str, trailer: str) -> None:
    repo, commits = _history(tmp_path, mover=mover, trailer=trailer)
    monkeypatch.chdir(_clone(repo, tmp_path / "clone", 2))
    (tmp_path / "clone" / SPEC).write_text(_spec("Approved", "Edited in the work tree."))
    diff = run_cli("diff", "--since-approval", "--allow-shallow")
    assert f"since its approval in commit {commits['moved'][:10]}" in diff.stdout, diff.output
    assert "is not known" not in diff.stderr
