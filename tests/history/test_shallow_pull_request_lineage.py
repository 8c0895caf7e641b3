"""A pull request's merge commit cloned shallow (`--allow-shallow`), as CI checks it out:
every boundary a spec starts at is named, a status move seen only by comparing the branch's
boundary tip with the line it joins says so (trial38b: the tip showed `history-starts In
Review` and a bare `status-changed Draft -> In Review` at the same commit, and the warning
named main's boundary only), and a spec the branch moved is one spec, as in a full clone
(warn38: its old path's lineage stayed a second, deleted spec). Warm runs equal cold ones,
before and after `git fetch --deepen`."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from specrepo.history.options import MineOptions
from tests.history.gitrepo import DAY, GitRepo, spec_text
from tests.history.test_boundary_moves import _checkout, _merged_as_pull_request
from tests.support import run_cli

pytestmark = pytest.mark.usefixtures("each_git")  # SPECREPO_TEST_GIT too

REVIEWED = "reviewers: [Grace Hopper]\n"
SPEC = "specs/SPEC-0001.yaml"
MOVED = "specs/sub/SPEC-0001.yaml"


def _fetch_merge(repo: GitRepo, clone: Path, depth: int) -> None:
    """The pull request's merge alone fetched `depth` deep (`git clone --depth 2` of it)."""
    clone.mkdir()
    for arguments in (("init", "-q"), ("remote", "add", "origin", f"file://{repo.root}"),
                      ("fetch", "-q", "--no-tags", f"--depth={depth}", "origin",
                       "+refs/pull/1/merge:refs/remotes/checked"),
                      ("checkout", "-q", "--force", "refs/remotes/checked")):
        subprocess.run(["git", *arguments], cwd=clone, env=repo.environment(), check=True)


def _reviewing_branch(folder: Path) -> GitRepo:
    """SPEC-0001 and SPEC-0002 Draft on main; `topic` moves SPEC-0001 to In Review; main
    moves on; refs/pull/1/merge merges topic."""
    repo = GitRepo(folder / "origin")
    repo.commit("start", {SPEC: spec_text(extra=REVIEWED),
                          "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("review", {SPEC: spec_text(status="In Review", extra=REVIEWED)})
    _merged_as_pull_request(repo)
    return repo


def _git(folder: Path, *arguments: str) -> str:
    return subprocess.run(["git", *arguments], cwd=folder, check=True, capture_output=True,
                          text=True).stdout.strip()


def test_the_branch_tip_s_move_says_what_it_was_compared_with(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fetch_merge(_reviewing_branch(tmp_path), tmp_path / "clone", 2)
    monkeypatch.chdir(tmp_path / "clone")
    line, tip = _git(tmp_path / "clone", "rev-parse", "HEAD^1"), _git(
        tmp_path / "clone", "rev-parse", "HEAD^2")
    result = run_cli("timeline", "SPEC-0001", "--allow-shallow", "--format", "json",
                     no_traceback=True)
    document = json.loads(result.stdout)
    assert document["history"]["starts_at"] == sorted([line, tip])
    compared = (f"compared with commit {line[:10]}: this shallow clone holds no commit "
                "between them, so it is one move, and what happened between them is not "
                "seen: fetch all of it (`git fetch --unshallow`, or `fetch-depth: 0` in "
                "actions/checkout) to see it")
    assert [(event["kind"], event["commit"], event["from"], event["to"], event["note"])
            for event in document["events"]] == [
        ("history-starts", line, None, "Draft", None),
        ("history-starts", tip, None, "In Review", None),
        ("status-changed", tip, "Draft", "In Review", compared)]
    starts = (f"SPEC-0001 was already Draft where this shallow clone's history starts "
              f"(commit {line[:10]}, history-starts; In Review at commit {tip[:10]}): it was "
              "not created there, and what happened before is not known")
    assert starts in document["warnings"]
    table = run_cli("timeline", "SPEC-0001", "--allow-shallow", no_traceback=True)
    assert f"specrepo: warning: {starts}\n" in table.stderr
    [row] = [row for row in table.stdout.splitlines() if " status-changed " in row]
    assert row.endswith(f"Draft   In Review ({compared})")
    assert run_cli("site", "--allow-shallow", "--out", "_site").exit_code == 0
    page = (tmp_path / "clone" / "_site" / "specs" / "SPEC-0001.html").read_text()
    assert f"Status Draft → In Review ({compared})" in page


def _moving_branch(folder: Path, *, at_tip: bool, status: str = "Draft") -> GitRepo:
    """SPEC-0001 (`status`) and SPEC-0002 on main; `topic` `git mv`s SPEC-0001 into
    specs/sub/ (its tip, or then edits SPEC-0002); main moves on; refs/pull/1/merge."""
    repo = GitRepo(folder / "origin")
    repo.commit("start", {SPEC: spec_text(status=status, extra=REVIEWED),
                          "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    repo.git("checkout", "-q", "-b", "topic")
    (repo.root / "specs" / "sub").mkdir()
    repo.git("mv", SPEC, MOVED)
    repo.commit("move")
    if not at_tip:
        repo.commit("edit", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002", title="B")})
    _merged_as_pull_request(repo)
    return repo


@pytest.mark.parametrize(("checkout", "depth"), [("merge", 2), ("actions", 2), ("merge", 3)])
@pytest.mark.parametrize("at_tip", [True, False])
def test_a_spec_the_branch_moved_is_one_spec_at_depth_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checkout: str, depth: int,
        at_tip: bool) -> None:
    """The merge alone two deep (main's tip a boundary), or as actions/checkout fetches it
    with main two deep too (main's tip is not a boundary: the line's lineage began before
    it), or three deep (the branch's boundary is a commit the merge does not merge itself,
    the move, or the fork point, where the walk follows the move): one SPEC-0001, its paths
    the old then the new, its Draft begun on main's line: created in main's root where the
    clone holds it (main two deep, or all three: a true root, no boundary)."""
    repo = _moving_branch(tmp_path, at_tip=at_tip)
    clone = tmp_path / "clone"
    (_fetch_merge if checkout == "merge" else _checkout)(repo, clone, depth)
    monkeypatch.chdir(clone)
    _assert_one_moved_spec(clone, walked=depth == 3 and at_tip,
                           rooted=checkout == "actions" or depth == 3)


def _assert_one_moved_spec(clone: Path, *, walked: bool = False, rooted: bool = False) -> None:
    """SPEC-0001 is one spec, moved from SPEC to MOVED, in every output; its Draft began
    where SPEC-0002's did; `walked`: the clone holds the move's parent (the walk saw it);
    `rooted`: the clone holds the root commit that created it."""
    history = mine_history(load_config(None, clone), MineOptions(allow_shallow=True))
    [spec] = history.named("SPEC-0001")
    assert [other.spec_id for other in history.specs] == ["SPEC-0001", "SPEC-0002"]
    assert (spec.paths, spec.current_path) == ((SPEC, MOVED), MOVED)
    report = json.loads(run_cli("report", "--allow-shallow", "--format", "json").stdout)
    moved, unmoved = (next(spec for spec in report["specs"] if spec["id"] == spec_id)
                      for spec_id in ("SPEC-0001", "SPEC-0002"))
    assert moved["since"] == unmoved["since"]
    document = json.loads(run_cli("timeline", "SPEC-0001", "--allow-shallow", "--format",
                                  "json").stdout)
    assert document["paths"] == [SPEC, MOVED]
    assert [event["kind"] for event in document["events"]] == [
        "created" if rooted else "history-starts", "moved" if walked else "history-starts"]


def test_a_spec_moved_on_a_branch_forked_before_a_shallow_since_clone_is_one_spec(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`git clone --shallow-since`: the branch forked and moved the spec before the date;
    its oldest commit in the clone is a boundary the merge does not merge itself."""
    repo = GitRepo(tmp_path / "origin")
    repo.commit("start", {SPEC: spec_text(extra=REVIEWED),
                          "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    repo.git("checkout", "-q", "-b", "topic")
    (repo.root / "specs" / "sub").mkdir()
    repo.git("mv", SPEC, MOVED)
    repo.commit("move")
    since = repo.clock + DAY // 2
    repo.git("checkout", "-q", "main")
    repo.commit("main moves on", {"notes.txt": "x\n"})
    repo.git("checkout", "-q", "topic")
    for title in ("B", "C"):
        repo.commit("edit", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002", title=title)})
    repo.git("checkout", "-q", "main")
    repo.merge("topic")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", f"--shallow-since={since}", f"file://{repo.root}",
                    str(clone)], check=True, env=repo.environment())
    assert len((clone / ".git" / "shallow").read_text().split()) == 2  # main's, the branch's
    monkeypatch.chdir(clone)
    _assert_one_moved_spec(clone)


def test_an_approved_spec_the_branch_moved_is_not_removed_at_depth_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The move of an Approved spec is no removal and no new spec born Approved, in every
    gate, as in a full clone."""
    repo = _moving_branch(tmp_path, at_tip=False, status="Approved")
    _checkout(repo, tmp_path / "clone", 2)
    monkeypatch.chdir(tmp_path / "clone")
    for arguments in (("validate", "--history"),
                      ("report", "--fail-on", "illegal-transitions")):
        result = run_cli(*arguments, "--allow-shallow", no_traceback=True)
        assert result.exit_code == 0, result.output
    document = json.loads(run_cli("report", "--allow-shallow", "--format", "json").stdout)
    assert [(spec["id"], spec["since"]) for spec in document["specs"]] == [
        ("SPEC-0001", "2026-01-02T00:00:00Z"), ("SPEC-0002", "2026-01-02T00:00:00Z")]
    assert document["counts"] == {"Approved": 1, "Draft": 1}


def _outputs() -> list[str]:
    """What every history command says, warnings included."""
    said = []
    for arguments in (("timeline", "SPEC-0001", "--format", "json"),
                      ("report", "--format", "json", "--now", "2026-03-01"),
                      ("validate", "--history")):
        result = run_cli(*arguments, "--allow-shallow", no_traceback=True)
        said.append(result.output)
    return said


def _cold(clone: Path) -> list[str]:
    for cache in (clone / ".git").glob("specrepo*"):
        shutil.rmtree(cache) if cache.is_dir() else cache.unlink()
    return _outputs()


@pytest.mark.parametrize("moved", [True, False])
def test_warm_equals_cold_before_and_after_deepening(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, moved: bool) -> None:
    repo = _moving_branch(tmp_path, at_tip=False) if moved else _reviewing_branch(tmp_path)
    clone = tmp_path / "clone"
    _fetch_merge(repo, clone, 2)
    monkeypatch.chdir(clone)
    cold = _cold(clone)
    assert _outputs() == cold
    for deepen in ("--deepen=1", "--unshallow"):
        _git(clone, "fetch", "-q", deepen, "origin", "+refs/pull/1/merge:refs/remotes/checked")
        warm = _outputs()
        assert warm == _cold(clone), deepen
    assert "shallow" not in warm[0]
