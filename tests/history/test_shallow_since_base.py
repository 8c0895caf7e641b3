"""A pull request's tip fetched one deep with its base one deep beside it, checked with
`--since` the base (shallow63): the base's version of a spec is known content, so a spec
the base holds approved whose protected content differs at the tip was changed, and
nothing the clone shows approves the change. The gates fail, as a full clone does (they
passed with a warning that the approval was given at or before the tip, where a full
clone fails), whatever the branch did to the spec's file on the way."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import pytest

from specrepo.gitio import stored_parents
from specrepo.gitio.git_command import Git
from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_boundary_moves import _checkout
from tests.history.test_boundary_trailer_oracle import REVIEWED, TRAILER, _approved
from tests.support import run_cli

ONE, TWO = "specs/SPEC-0001.yaml", "specs/SPEC-0002.yaml"
MOVED = "specs/SPEC-0001-moved.yaml"
REPORT = ("report", "--now", "2026-02-01", "--fail-on", "changed-after-approval")


def _branch(folder: Path, *, before: str = "Approved", moved: bool = False,
            main_moves: bool = False) -> GitRepo:
    """SPEC-0001 `before` and SPEC-0002 approved on main; the branch `topic` approves
    SPEC-0001 when main did not, edits its summary (moving its file when `moved`), then
    edits SPEC-0002 in a commit whose trailer approves that; main moves on or not. The
    repository is left on `topic`."""
    repo = GitRepo(folder / "origin")
    repo.commit("review", {ONE: spec_text(status="In Review", extra=REVIEWED),
                           TWO: spec_text("SPEC-0002", "In Review", extra=REVIEWED)})
    repo.commit("approve", {ONE: spec_text(status=before, extra=REVIEWED),
                            TWO: _approved(spec_id="SPEC-0002")}, author="Grace Hopper")
    repo.git("checkout", "-q", "-b", "topic")
    if before != "Approved":
        repo.commit("approve one", {ONE: _approved()}, author="Grace Hopper")
    edited = _approved("Edited after approval.")
    repo.commit("A: edit one", {ONE: None, MOVED: edited} if moved else {ONE: edited})
    repo.commit("B: edit two" + TRAILER, {TWO: _approved("Two.", "SPEC-0002")})
    if main_moves:
        repo.git("checkout", "-q", "main")
        repo.commit("main moves on", {"README.md": "x\n"})
        repo.git("checkout", "-q", "topic")
    return repo


def _gates(folder: Path, monkeypatch: pytest.MonkeyPatch, *extra: str
           ) -> tuple[int, int, str]:
    """The exit codes of `validate --history` and of the report's gate with `--since
    origin/main` in `folder` (`diff --since-approval --exit-code`'s is the report's), and
    validate's whole output."""
    monkeypatch.chdir(folder)
    validate = run_cli("validate", "--history", "--since", "origin/main", *extra,
                       no_traceback=True)
    report = run_cli(*REPORT, "--since", "origin/main", *extra, no_traceback=True)
    diff = run_cli("diff", "--since-approval", "--exit-code", "--since", "origin/main", *extra,
                   no_traceback=True)
    assert diff.exit_code == report.exit_code, diff.output
    return validate.exit_code, report.exit_code, validate.output


@pytest.mark.parametrize(("moved", "main_moves"),
                         [(False, False), (False, True), (True, False), (True, True)])
def test_an_edit_of_content_the_base_holds_approved_fails_as_in_a_full_clone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, moved: bool,
        main_moves: bool) -> None:
    """The edit of SPEC-0001 before the tip fails `changed-after-approval` in the clone as
    in the full clone, judged against the base's approved version (compared with it:
    one change, whose approval the clone cannot see, and how to fetch enough to see
    one), its file moved on the branch or not (paired with the base's as the walk pairs
    it); the tip's trailer for SPEC-0002 approves nothing (a warning says why)."""
    repo = _branch(tmp_path, moved=moved, main_moves=main_moves)
    repo.git("update-ref", "refs/remotes/origin/main", "main")
    full_validate, full_report, _ = _gates(repo.root, monkeypatch)
    assert (full_validate, full_report) == (1, 1)
    clone = tmp_path / "clone"
    _checkout(repo, clone, 1, "refs/heads/topic")
    base = repo.git("rev-parse", "main")[:10]
    for _ in ("cold", "warm"):
        validate, report, output = _gates(clone, monkeypatch, "--allow-shallow")
        assert (validate, report) == (1, 1), output
        [finding] = [line for line in output.splitlines()
                     if line.startswith(MOVED if moved else ONE)]
        assert "summary changed after SPEC-0001 was approved" in finding
        assert (f"compared with commit {base}: this shallow clone holds no commit between "
                "them, so it is one change, and an approval given between them is not "
                "seen: fetch all of it (`git fetch --unshallow`, or `fetch-depth: 0` in "
                f"actions/checkout) to see one; approved at or before boundary commit "
                f"{base}") in finding
        assert "approve none of SPEC-0001, SPEC-0002" in output
        assert "what it covered is not known" not in output


def test_a_spec_the_branch_approved_is_named_as_not_known(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A spec the base holds In Review and the branch approved before its tip: the clone
    holds no approved version of it (the base's is none), so the change after the
    approval cannot be judged; the warning says so, as before (README: approved on the
    branch)."""
    repo = _branch(tmp_path, before="In Review")
    _checkout(repo, tmp_path / "clone", 1, "refs/heads/topic")
    validate, _, output = _gates(tmp_path / "clone", monkeypatch, "--allow-shallow")
    tip = repo.git("rev-parse", "topic")[:10]
    assert f"what the approval of SPEC-0001 (commit {tip}) covered is not known" in output
    assert "SPEC-0001 was approved" not in output
    assert validate == 1  # SPEC-0002's edit, which the tip's trailer does not approve


def test_diff_since_names_an_unknown_revision(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`diff --since-approval --since REF` with a REF the repository does not know is a
    usage error (exit 2) naming it, never a comparison with nothing."""
    repo = _branch(tmp_path)
    monkeypatch.chdir(repo.root)
    result = run_cli("diff", "--since-approval", "--since", "nope", no_traceback=True)
    assert result.exit_code == 2, result.output
    assert "unknown revision 'nope'" in result.stderr


def test_a_shallow_run_reads_the_boundary_s_parents_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parents of the boundary commits are read in one `git cat-file --batch` a run,
    carried on the history from where the boundary is found to where it is compared
    (they were read twice: the boundary, then the comparison)."""
    asked: list[frozenset[str]] = []

    def counted(git: Git, commits: Collection[str]) -> dict[str, tuple[str, ...]]:
        asked.append(frozenset(commits))
        return stored_parents.stored_parents(git, commits)

    for module in ("specrepo.gitio.repository", "specrepo.history.boundary_moves"):
        monkeypatch.setattr(f"{module}.stored_parents", counted, raising=False)
    _checkout(_branch(tmp_path), tmp_path / "clone", 1, "refs/heads/topic")
    for _ in ("cold", "warm"):
        asked.clear()
        validate, _, _ = _gates(tmp_path / "clone", monkeypatch, "--allow-shallow")
        assert validate == 1
        assert len(asked) == 3  # one a run: validate, report, diff
