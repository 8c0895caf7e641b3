"""A shallow clone's boundary trailers against a full clone of the same history, the oracle
(shallow62): where the clone can know the answer it agrees, where it cannot it says so.
A true root commit the `shallow` file lists (a `--depth` reaching the root) is no
boundary: its trailers approve what it holds, as in the full clone. A boundary commit's
trailer approves a spec only where the clone compares that commit with its own parent
(`--since`'s base fetched beside it, a pull request's base that did not move on): a
trailer on a branch's tip for another spec must not approve an edit made before it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from specrepo.history.options import MineOptions
from specrepo.model.events import APPROVED
from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_boundary_moves import _checkout
from tests.support import run_cli

ONE, TWO = "specs/SPEC-0001.yaml", "specs/SPEC-0002.yaml"
REVIEWED = "reviewers: [Grace Hopper]\n"
TRAILER = "\n\nApproved-by: Grace Hopper <grace@example.com>"
REPORT = ("report", "--now", "2026-02-01", "--fail-on", "changed-after-approval")


def _approved(summary: str = "Why and what.", spec_id: str = "SPEC-0001") -> str:
    """An Approved spec reviewed by Grace Hopper, with this summary."""
    return spec_text(spec_id, "Approved", extra=REVIEWED).replace("Why and what.", summary)


def _outputs(folder: Path, monkeypatch: pytest.MonkeyPatch, *extra: str
             ) -> list[tuple[int, str]]:
    """The exit code and standard output of each history reader run in `folder`."""
    monkeypatch.chdir(folder)
    found = []
    for command in (("validate", "--history"), REPORT, ("diff", "--since-approval"),
                    ("timeline", "SPEC-0001")):
        result = run_cli(*command, *extra, no_traceback=True)
        found.append((result.exit_code, result.stdout))
    return found


def test_a_true_root_the_shallow_file_lists_is_no_boundary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A `--depth 3` clone of three commits lists the root in `.git/shallow`; the root's
    trailer approves SPEC-0001 (it added every file), and every reader says what it says
    in the full clone, cold and warm (it said `history-starts`, dropped the trailer and
    named the root as an approval `at or before` it)."""
    repo = GitRepo(tmp_path / "origin")
    root = repo.commit("import" + TRAILER, {ONE: _approved(), TWO: spec_text("SPEC-0002")})
    repo.commit("edit", {ONE: _approved("Changed after approval.")})
    repo.commit("unrelated", {"notes.txt": "x\n"})
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth=3", f"file://{repo.root}", str(clone)],
                   env=repo.environment(), check=True)
    assert (clone / ".git" / "shallow").read_text().split() == [root]
    full = _outputs(repo.root, monkeypatch)
    assert [code for code, _ in full] == [1, 1, 0, 0]
    assert "approved in commit" in full[0][1] and "approved         trailer" in full[3][1]
    for _ in ("cold", "warm"):
        assert _outputs(clone, monkeypatch, "--allow-shallow") == full


def test_a_clone_whose_shallow_file_lists_only_a_true_root_is_complete(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """shallow63: a `--depth` that reaches the root holds the whole history, so it is no
    shallow clone: no `--allow-shallow` needed (it was refused, exit 2), no "history is
    incomplete" warning, and the report's integrity says so (it said `yes`)."""
    repo = GitRepo(tmp_path / "origin")
    root = repo.commit("import", {ONE: _approved(), TWO: spec_text("SPEC-0002")})
    repo.commit("edit", {ONE: _approved("Changed after approval.")})
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth=2", f"file://{repo.root}", str(clone)],
                   env=repo.environment(), check=True)
    assert (clone / ".git" / "shallow").read_text().split() == [root]
    full = _outputs(repo.root, monkeypatch)
    for _ in ("cold", "warm"):
        assert _outputs(clone, monkeypatch) == full
        result = run_cli("validate", "--history", no_traceback=True)
        assert result.exit_code == 1 and "incomplete" not in result.stderr, result.output


def _pull_request(folder: Path, tip: str, main_moves: bool) -> tuple[GitRepo, str]:
    """SPEC-0001 and SPEC-0002 approved on main (Grace Hopper's move); the branch `topic`
    edits SPEC-0001's summary and approves it by a trailer in one commit (`tip` "edits"),
    or edits it in one commit and then edits SPEC-0002 in a commit whose trailer approves
    only that (`tip` "other"); main moves on or not; refs/pull/1/merge merges the branch.
    Returns the repository (HEAD at the merge) and the branch's tip."""
    repo = GitRepo(folder / "origin")
    repo.commit("review", {ONE: spec_text(status="In Review", extra=REVIEWED),
                           TWO: spec_text("SPEC-0002", "In Review", extra=REVIEWED)})
    repo.commit("approve", {ONE: _approved(), TWO: _approved(spec_id="SPEC-0002")},
                author="Grace Hopper")
    repo.git("checkout", "-q", "-b", "topic")
    if tip == "edits":
        repo.commit("edit and approve" + TRAILER, {ONE: _approved("Edited, approved.")})
    else:
        repo.commit("edit", {ONE: _approved("Edited after approval.")})
        repo.commit("approve two" + TRAILER, {TWO: _approved("Two.", "SPEC-0002")})
    tip_commit = repo.git("rev-parse", "HEAD")
    repo.git("checkout", "-q", "main")
    if main_moves:
        repo.commit("main moves on", {"README.md": "x\n"})
    repo.git("merge", "-q", "--no-ff", "-m", "Merge topic", "topic")
    repo.git("update-ref", "refs/pull/1/merge", "HEAD")
    repo.git("reset", "-q", "--hard", "HEAD^1")
    repo.git("checkout", "-q", "--detach", "refs/pull/1/merge")
    return repo, tip_commit


GUESSED = "the Approved-by:/Reviewed-by: trailers of boundary commit {}, where this shallow"


@pytest.mark.parametrize(("tip", "main_moves"), [("edits", False), ("other", False),
                                                  ("other", True), ("edits", True)])
def test_a_pull_request_s_tip_trailer_two_deep_against_the_full_clone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tip: str, main_moves: bool) -> None:
    """The merge commit fetched two deep: the branch's tip is compared with the merge's
    first parent. Its trailer approves SPEC-0001 only where that is the tip's parent (a
    branch of one commit, main not moved on), as in the full clone; elsewhere the clone
    cannot tell whether the tip or a commit before it edited a spec, and it fails with a
    warning saying so rather than pass (a trailer on the tip for SPEC-0002 approved the
    edit of SPEC-0001 made before it: the gate passed in silence where the full clone
    fails)."""
    repo, tip_commit = _pull_request(tmp_path, tip, main_moves)
    _checkout(repo, tmp_path / "clone", 2, "refs/pull/1/merge")
    for arguments in ((), ("--since", "HEAD^1")):
        monkeypatch.chdir(repo.root)
        full = run_cli("validate", "--history", *arguments)
        assert full.exit_code == (0 if tip == "edits" else 1), full.output
        monkeypatch.chdir(tmp_path / "clone")
        shallow = run_cli("validate", "--history", "--allow-shallow", *arguments,
                          no_traceback=True)
        knows = tip == "edits" and not main_moves  # compared with the tip's parent
        assert shallow.exit_code == (full.exit_code if knows else 1), shallow.output
        if knows:
            assert shallow.stdout == full.stdout
        assert (GUESSED.format(tip_commit[:10]) in shallow.stderr) is not knows
        assert run_cli(*REPORT, "--allow-shallow").exit_code == shallow.exit_code


def _trailers(root: Path, base: str | None = None) -> dict[str, list[str]]:
    """Spec id -> the commits of its trailer approvals, as the history of `root` holds them
    (a shallow clone's boundary compared with `base`)."""
    history = mine_history(load_config(None, root),
                           MineOptions(allow_shallow=True, boundary_base=base))
    return {spec.spec_id: [event.commit for event in spec.events
                           if event.kind == APPROVED and event.field == "trailer"]
            for spec in history.specs}


@pytest.mark.parametrize("tip", ["edits", "other"])
def test_a_since_comparison_judges_the_tip_s_trailer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tip: str) -> None:
    """The branch's tip fetched one deep, main one deep beside it (`validate --history
    --since origin/main`): main is the tip's parent when the branch has one commit, and
    the tip's trailer approves the spec it edits, as in the full clone (the trailer was
    dropped before the `--since` comparison that shows the change was made), and the edit
    is judged against main's approved version, as in the full clone (shallow63: it was
    named as an approval whose content is not known); after another commit of the branch,
    it approves nothing the clone cannot tell it changed, and a warning says so."""
    repo, tip_commit = _pull_request(tmp_path, tip, main_moves=False)
    repo.git("checkout", "-q", "topic")
    full = _trailers(repo.root)
    assert full == {"SPEC-0001": [tip_commit] if tip == "edits" else [],
                    "SPEC-0002": [] if tip == "edits" else [tip_commit]}
    clone = tmp_path / "clone"
    _checkout(repo, clone, 1, "refs/heads/topic")
    assert _trailers(clone) == {"SPEC-0001": [], "SPEC-0002": []}  # nothing compared
    assert _trailers(clone, "origin/main") == (full if tip == "edits" else {
        "SPEC-0001": [], "SPEC-0002": []})
    monkeypatch.chdir(clone)
    result = run_cli("validate", "--history", "--since", "origin/main", "--allow-shallow",
                     no_traceback=True)
    assert (GUESSED.format(tip_commit[:10]) in result.stderr) is (tip == "other")
    assert "covered is not known" not in result.stderr
    monkeypatch.chdir(repo.root)
    repo.git("update-ref", "refs/remotes/origin/main", "main")
    full_run = run_cli("validate", "--history", "--since", "origin/main")
    assert result.exit_code == full_run.exit_code == (0 if tip == "edits" else 1)
    if tip == "edits":
        assert result.stdout == full_run.stdout
