"""A shallow clone whose history of a spec starts outside the approved states, after which
one of the spec's own authors moves it into one (newuser66 M1): the clone cannot tell that
move from a move back after an approval it does not hold (Bob approves, Ada edits, Ada
approves again herself, which a full clone does not count), so no reader takes it for the
approval: `diff --since-approval` compares with the clone's start and warns, the history's
readers warn, and a change the clone shows before the move is no approved one."""

from __future__ import annotations

import os
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
             trailer: str = "", editor: str = "Ada Lovelace", boundary: str = "",
             authors_at_move: str = "Ada Lovelace") -> tuple[GitRepo, dict[str, str]]:
    """Bob approves, `editor` edits the approved summary, then the spec goes back to Draft,
    to In Review (Ada's summary edited again there when `edit_late`; that commit, the
    boundary of a clone two deep, by `boundary`, else by `editor`) and to Approved, the
    last move by `mover`, its message ending with `trailer`, its `authors:` rewritten to
    `authors_at_move`."""
    repo = GitRepo(tmp_path / "origin")
    repo.commit("draft", {SPEC: spec_text()})
    repo.commit("review", {SPEC: spec_text(status="In Review",
                                           extra="reviewers: [Bob Reviewer]\n")})
    commits = {"approved": repo.commit("approve", {SPEC: _spec("Approved")},
                                       author="Bob Reviewer")}
    repo.commit("edit", {SPEC: _spec("Approved", "Edited after approval.")}, author=editor)
    repo.commit("back", {SPEC: _spec("Draft", "Edited after approval.")}, author=editor)
    commits["review"] = repo.commit("again", {SPEC: _spec(
        "In Review", "Edited again." if edit_late else "Edited after approval.")},
        author=boundary or editor)
    commits["moved"] = repo.commit("approve again" + trailer, {SPEC: _spec(
        "Approved", "Edited again." if edit_late else "Edited after approval.").replace(
            "authors: [Ada Lovelace]", f"authors: [{authors_at_move}]")}, author=mover)
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
    ("Bob Reviewer", ""), ("Grace Hopper", ""),  # a reviewer, or neither author nor reviewer
    ("Ada Lovelace", "\n\nApproved-by: Bob Reviewer <bob@example.com>")])
def test_a_reviewers_move_or_trailer_is_the_approval(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mover: str, trailer: str) -> None:
    repo, commits = _history(tmp_path, mover=mover, trailer=trailer)
    monkeypatch.chdir(_clone(repo, tmp_path / "clone", 2))
    (tmp_path / "clone" / SPEC).write_text(_spec("Approved", "Edited in the work tree."))
    diff = run_cli("diff", "--since-approval", "--allow-shallow")
    assert f"since its approval in commit {commits['moved'][:10]}" in diff.stdout, diff.output
    assert "is not known" not in diff.stderr


def _unknown_in_the_clone(repo: GitRepo, folder: Path, commits: dict[str, str],
                          mover: str, who: str) -> None:
    """The full clone fails `changed-after-approval`, and a clone two deep (its history
    starting at the move to In Review) names the move by `mover`, `who`, as no approval
    in every reader, cold and warm, and fails `diff --since-approval --exit-code`."""
    assert run_cli("validate", "--history", no_traceback=True).exit_code == 1
    assert run_cli("diff", "--since-approval", "--exit-code").exit_code == 1
    os.chdir(_clone(repo, folder, 2))
    unknown = (f"the approval of SPEC-0001 is not known: it was In Review at boundary commit "
               f"{commits['review'][:10]}, where this shallow clone's history starts, and "
               f"{mover}, {who}, moved it to Approved in commit {commits['moved'][:10]}")
    for cached in (False, True):  # cold, then warm
        diff = run_cli("diff", "--since-approval", "--exit-code", "--allow-shallow")
        assert diff.exit_code == 1, (cached, diff.output)
        assert unknown in diff.stderr, (cached, diff.output)
        validated = run_cli("validate", "--history", "--allow-shallow", no_traceback=True)
        assert unknown in validated.stderr, (cached, validated.output)


def test_a_git_name_not_the_specs_is_matched_by_email_as_the_full_clone_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `Ada King` commits as ada@example.com: not HEAD's `Ada Lovelace`, but the author of
    # the boundary commit, whose change to the spec the clone cannot see (newuser66b M1)
    repo, commits = _history(tmp_path, mover="Ada King", editor="Ada King")
    monkeypatch.chdir(repo.root)
    _unknown_in_the_clone(repo, tmp_path / "clone", commits, "Ada King",
                          f"the author of boundary commit {commits['review'][:10]}")


def test_an_author_who_renames_the_authors_in_her_move_is_still_its_author(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Bob puts it In Review; Ada moves it to Approved and names Grace its author in that
    # move: the spec named Ada its author at the move (newuser66b M1)
    repo, commits = _history(tmp_path, boundary="Bob Reviewer",
                             authors_at_move="Grace Hopper")
    monkeypatch.chdir(repo.root)
    _unknown_in_the_clone(repo, tmp_path / "clone", commits, "Ada Lovelace",
                          "one of its authors")
