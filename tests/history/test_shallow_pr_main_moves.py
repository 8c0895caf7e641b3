"""A pull request's merge fetched two deep (actions/checkout's `refs/pull/N/merge` at
`fetch-depth: 2`, or the merge alone) while main moved an Approved spec (renumbered it, moved
its file into a subfolder, moved its folder with `specs:` changed, or renumbered and moved
it) and the pull request did something to it (edited protected or unprotected content, with
an approval or without, moved its status, both, renumbered it itself): the history gates
(`validate --history`, `report --fail-on`, `diff --since-approval --exit-code`) give the
verdicts a full clone of the same merge gives, warm as cold (README "Shallow clones";
trial40: an edit of approved content passed in silence, a renumber read as a removal)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_boundary_moves import _checkout
from tests.history.test_shallow_pull_request_lineage import _fetch_merge
from tests.support import run_cli

OLD = "specs/SPEC-0001.yaml"
REVIEWED = "reviewers: [Grace Hopper]\n"
MAIN = {"renumber": ("specs/SPEC-0005.yaml", "specs"),
        "subfolder": ("specs/core/SPEC-0001.yaml", "specs"),
        "folder": ("design/specs/SPEC-0001.yaml", "design/specs"),
        "renumber-subfolder": ("specs/core/SPEC-0005.yaml", "specs")}
"""What main does to SPEC-0001 while the pull request is open: its new path, and the
configuration's `specs:`."""
PULL_REQUEST = ("summary", "approved-summary", "title", "status", "implemented", "both",
                "renumber")
"""What the pull request does to SPEC-0001: rewrites its (protected) summary; the same with
an `Approved-by:` trailer; rewrites its (unprotected) title; moves its status to In Review
(forbidden) or Implemented; rewrites the summary and moves it to In Review; renumbers it
to SPEC-0007 (in the folder it has on main, once merged)."""


def _text(spec_id: str, change: str) -> str:
    """SPEC-0001's file (as `spec_id`) after the pull request's `change`."""
    status = {"status": "In Review", "both": "In Review", "implemented": "Implemented"}
    text = spec_text(spec_id, status=status.get(change, "Approved"), extra=REVIEWED)
    if change in ("summary", "approved-summary", "both"):
        text = text.replace("summary: Why and what.", "summary: Rewritten by the PR.")
    return text.replace("title: A spec", "title: Retitled") if change == "title" else text


def _moved(repo: GitRepo, main: str, status: str = "Approved") -> None:
    """Main's commit that moves (and maybe renumbers) SPEC-0001, in `status`."""
    new, folder = MAIN[main]
    if main == "folder":
        repo.git("mv", "specs", "design")
        (repo.root / "design" / "specs").mkdir()
        for moved in list((repo.root / "design").glob("*.yaml")):
            repo.git("mv", str(moved.relative_to(repo.root)), f"design/specs/{moved.name}")
    else:
        (repo.root / new).parent.mkdir(parents=True, exist_ok=True)
        repo.git("mv", OLD, new)
    repo.commit("main moves SPEC-0001", {
        "specrepo.yaml": f"specs: {folder}\n",
        new: spec_text(Path(new).stem, status=status, extra=REVIEWED)})


def _merged(repo: GitRepo, main: str, change: str) -> None:
    """Merge `topic` into main as refs/pull/1/merge, resolving a conflict as its author
    would: main's folder, the pull request's id (renumber) and content."""
    new, _ = MAIN[main]
    repo.clock += 86400
    try:
        repo.git("merge", "-q", "--no-ff", "-m", "Merge topic", "topic")
    except AssertionError:
        resolved = str(Path(new).parent / "SPEC-0007.yaml") if change == "renumber" else new
        for path in (OLD, new, "specs/SPEC-0007.yaml", resolved):
            repo.git("rm", "-q", "--cached", "--ignore-unmatch", path)
            (repo.root / path).unlink(missing_ok=True)
        repo.write(resolved, _text(Path(resolved).stem, change))
        repo.git("add", "-A")
        repo.git("commit", "-q", "-m", "Merge topic", date=repo.clock)


def _origin(folder: Path, main: str, change: str) -> GitRepo:
    """SPEC-0001 Approved on main; `topic` makes `change`; main moves the spec (`main`);
    refs/pull/1/merge merges topic, main left before it."""
    repo = GitRepo(folder / "origin")
    repo.commit("start", {OLD: spec_text(status="In Review", extra=REVIEWED),
                          "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    repo.commit("approve", {OLD: spec_text(status="Approved", extra=REVIEWED)},
                author="Grace Hopper")
    repo.git("checkout", "-q", "-b", "topic")
    if change == "renumber":
        repo.git("mv", OLD, "specs/SPEC-0007.yaml")
    path = "specs/SPEC-0007.yaml" if change == "renumber" else OLD
    repo.write(path, _text(Path(path).stem, change))
    repo.git("add", "-A")
    repo.clock += 86400
    trailer = ["-m", "Approved-by: Grace Hopper"] if change == "approved-summary" else []
    repo.git("commit", "-q", "-m", f"pull request: {change}", *trailer, date=repo.clock)
    repo.git("checkout", "-q", "main")
    _moved(repo, main)
    repo.git("checkout", "-q", "-b", "merge")
    _merged(repo, main, change)
    repo.git("update-ref", "refs/pull/1/merge", repo.git("rev-parse", "HEAD"))
    repo.git("checkout", "-q", "main")
    repo.git("branch", "-q", "-D", "merge")
    return repo


GATES = (("validate", "--history", "--format", "json"),
         ("report", "--fail-on", "changed-after-approval,illegal-transitions"),
         ("diff", "--since-approval", "--exit-code"))


def _verdicts(folder: Path, monkeypatch: pytest.MonkeyPatch, checkout: str = "merge"
              ) -> list[object]:
    """Each gate's exit code in `folder` and, for `validate --history`, each finding's
    file, rule and severity; the actions/checkout layout's also with `--since
    origin/main`, as a pull request's check runs it."""
    monkeypatch.chdir(folder)
    found: list[object] = []
    since = (("validate", "--history", "--since", "origin/main", "--format", "json"),)
    for gate in (*GATES, *(since if checkout == "actions" else ())):
        result = run_cli(*gate, "--allow-shallow", no_traceback=True)
        found.append(result.exit_code)
        if gate[0] == "validate":
            found.append(sorted((finding["file"], finding["rule"], finding["severity"])
                                for finding in json.loads(result.stdout)["findings"]))
    return found


def _outputs(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, str]]:
    """Each gate's exit code and output in `folder`."""
    monkeypatch.chdir(folder)
    return [(result.exit_code, result.output) for result in (
        run_cli(*gate, "--allow-shallow", no_traceback=True) for gate in GATES)]


def _clones(repo: GitRepo, folder: Path, checkout: str) -> tuple[Path, Path]:
    """A full clone of refs/pull/1/merge and one two deep (as actions/checkout fetches it,
    or the merge alone), in `folder`."""
    full, clone = folder / "full", folder / "clone"
    for arguments in (("clone", "-q", f"file://{repo.root}", str(full)),
                      ("-C", str(full), "fetch", "-q", "origin", "refs/pull/1/merge"),
                      ("-C", str(full), "checkout", "-q", "FETCH_HEAD")):
        subprocess.run(["git", *arguments], env=repo.environment(), check=True)
    (_checkout if checkout == "actions" else _fetch_merge)(repo, clone, 2)
    return full, clone


@pytest.mark.parametrize("change", PULL_REQUEST)
@pytest.mark.parametrize("main", sorted(MAIN))
@pytest.mark.parametrize("checkout", ["actions", "merge"])
def test_a_shallow_pull_request_clone_judges_as_a_full_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, main: str, change: str,
        checkout: str) -> None:
    """The same verdicts (exit codes and findings) at depth 2 as in the full clone of the
    same merge; the depth-2 clone's outputs the same warm as cold."""
    full, clone = _clones(_origin(tmp_path, main, change), tmp_path, checkout)
    assert _verdicts(clone, monkeypatch, checkout) == _verdicts(full, monkeypatch, checkout)
    warm = _outputs(clone, monkeypatch)
    shutil.rmtree(clone / ".git" / "specrepo")
    assert _outputs(clone, monkeypatch) == warm


@pytest.mark.parametrize("main", sorted(MAIN))
@pytest.mark.parametrize("checkout", ["actions", "merge"])
def test_an_approval_the_pull_request_gave_while_main_moved_the_spec_is_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, main: str, checkout: str) -> None:
    """SPEC-0001 In Review on main; the pull request approves it (and rewrites its
    summary) while main moves it: what its approval covered is beyond the clone (an
    earlier commit of the branch may have approved it), so the history gates warn naming
    the spec, their verdicts the full clone's (trial40: nothing said once it moved)."""
    repo = GitRepo(tmp_path / "origin")
    repo.commit("start", {OLD: spec_text(status="In Review", extra=REVIEWED),
                          "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("approve", {OLD: _text("SPEC-0001", "summary")}, author="Grace Hopper")
    repo.git("checkout", "-q", "main")
    _moved(repo, main, "In Review")
    repo.git("checkout", "-q", "-b", "merge")
    _merged(repo, main, "summary")
    repo.git("update-ref", "refs/pull/1/merge", repo.git("rev-parse", "HEAD"))
    full, clone = _clones(repo, tmp_path, checkout)
    assert _verdicts(clone, monkeypatch) == _verdicts(full, monkeypatch)
    monkeypatch.chdir(clone)
    for gate in GATES[:2]:
        result = run_cli(*gate, "--allow-shallow", no_traceback=True)
        assert f"what the approval of {Path(MAIN[main][0]).stem} (commit " in result.stderr
