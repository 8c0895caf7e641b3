"""A pull request's merge cloned shallow (`--allow-shallow`, depth 1 or 2, the merge alone or
as actions/checkout fetches it): an Approved spec renumbered (`git mv` and its id changed, in
its folder or into another) on the branch, or on main while the pull request is open, is one
spec, paired across the boundary by its id, then git's rename detection, as the walk pairs
it (README "Shallow clones"): no removal of an Approved spec, as a full clone reads it
(trial39: at depth 2 the renumber read as its removal while Approved)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from specrepo.history.options import MineOptions
from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_boundary_moves import _checkout
from tests.history.test_shallow_pull_request_lineage import _fetch_merge
from tests.support import run_cli

pytestmark = pytest.mark.usefixtures("each_git")  # SPECREPO_TEST_GIT too

REVIEWED = "reviewers: [Grace Hopper]\n"
OLD = "specs/SPEC-0001.yaml"
NEW = {"branch": "specs/SPEC-0009.yaml", "folder": "specs/sub/SPEC-0009.yaml",
       "main": "specs/SPEC-0009.yaml", "main-folder": "specs/sub/SPEC-0009.yaml",
       "main-moved": "specs/sub/SPEC-0001.yaml"}
"""Where each case renumbers SPEC-0001: on the branch (in its folder, or into another), or
on main while the pull request is open (in its folder, or into another; or only moves it
there, its id kept)."""


def _renumber(repo: GitRepo, new: str) -> None:
    """`git mv` SPEC-0001 to `new` and give it the id its file name has, as one commit."""
    (repo.root / new).parent.mkdir(exist_ok=True)
    repo.git("mv", OLD, new)
    repo.commit("renumber", {new: spec_text(Path(new).stem, status="Approved",
                                            extra=REVIEWED)})


def _renumbered(folder: Path, case: str, status: str = "Approved") -> GitRepo:
    """SPEC-0001 Approved on main; `topic` renumbers it (`case` branch, folder) or moves
    it to `status` (main...); main moves on (renumbering it: main...); refs/pull/1/merge
    merges topic, main left before it (what GitHub checks out for a pull request)."""
    repo = GitRepo(folder / "origin")
    repo.commit("start", {OLD: spec_text(status="Approved", extra=REVIEWED),
                          "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    repo.git("checkout", "-q", "-b", "topic")
    if case.startswith("main"):
        repo.commit("notes", {"notes.txt": "x\n", OLD: spec_text(status=status,
                                                                  extra=REVIEWED)})
    else:
        _renumber(repo, NEW[case])
    repo.git("checkout", "-q", "main")
    if case.startswith("main"):
        _renumber(repo, NEW[case])
    else:
        repo.commit("main moves on", {"README.md": "x\n"})
    repo.git("merge", "-q", "--no-ff", "-m", "Merge topic", "topic")
    repo.git("update-ref", "refs/pull/1/merge", repo.git("rev-parse", "HEAD"))
    repo.git("reset", "-q", "--hard", "HEAD~1")
    return repo


def _passes(folder: Path) -> None:
    """Every history gate passes in `folder` (the working directory)."""
    for arguments in (("validate", "--history"),
                      ("report", "--fail-on", "illegal-transitions")):
        result = run_cli(*arguments, "--allow-shallow", no_traceback=True)
        assert result.exit_code == 0, result.output
        assert "removed the spec" not in result.output


@pytest.mark.parametrize(("case", "status"), [
    ("branch", "Approved"), ("folder", "Approved"), ("main", "Approved"),
    ("main", "Implemented"), ("main-folder", "Approved"), ("main-moved", "Implemented")])
@pytest.mark.parametrize(("checkout", "depth"), [
    ("merge", 1), ("merge", 2), ("actions", 1), ("actions", 2)])
def test_a_renumbered_approved_spec_is_one_spec_in_a_shallow_clone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, status: str,
        checkout: str, depth: int) -> None:
    """The pull request moves the status on (`status`) while main renumbers it: the
    merge's status, one spec."""
    repo = _renumbered(tmp_path, case, status)
    subprocess.run(["git", "checkout", "-q", "refs/pull/1/merge"], cwd=repo.root,
                   env=repo.environment(), check=True)
    monkeypatch.chdir(repo.root)
    _passes(repo.root)  # the full history passes: so must every shallow clone of it
    clone = tmp_path / "clone"
    (_fetch_merge if checkout == "merge" else _checkout)(repo, clone, depth)
    monkeypatch.chdir(clone)
    _passes(clone)
    history = mine_history(load_config(None, clone), MineOptions(allow_shallow=True))
    assert sorted((spec.spec_id, spec.current_path) for spec in history.specs) == sorted([
        ("SPEC-0002", "specs/SPEC-0002.yaml"), (Path(NEW[case]).stem, NEW[case])])
    report = json.loads(run_cli("report", "--allow-shallow", "--format", "json").stdout)
    assert report["counts"] == {status: 1, "Draft": 1}


@pytest.mark.parametrize("case", ["main", "main-folder", "main-moved"])
@pytest.mark.parametrize("checkout", ["merge", "actions"])
def test_a_forbidden_move_the_branch_made_while_main_renumbered_is_still_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, checkout: str) -> None:
    """The pull request moves SPEC-0001 Approved -> In Review (forbidden) while main
    renumbers or moves it: one error, on the one spec HEAD holds, as in a full clone (a
    spec only moved on main was joined to no lineage: its branch move went unseen)."""
    repo = _renumbered(tmp_path, case, "In Review")
    (_fetch_merge if checkout == "merge" else _checkout)(repo, tmp_path / "clone", 2)
    monkeypatch.chdir(tmp_path / "clone")
    result = run_cli("validate", "--history", "--allow-shallow", no_traceback=True)
    assert result.exit_code == 1, result.output
    [finding] = [line for line in result.stdout.splitlines() if "error:" in line]
    assert finding.startswith(f"{NEW[case]}:3:9: error: commit "), finding
    assert "Approved" in finding and "In Review" in finding
    assert "removed the spec" not in result.output
