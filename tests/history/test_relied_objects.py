"""A warm run never answers from the history cache what git can no longer show: a commit
an event names, any commit or tree the walk read, a past version of a spec file, lost from
the repository is an error (exit 2) naming it, as the cold run's is (real repositories,
objects deleted from loose storage or left out of a repack); a partial clone's promisor
remote gives what it lacks, and is never asked object by object."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_partial_clone import fetches
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
DAMAGED = ("the repository is damaged or incomplete: fetch what is missing (`git fetch`) or "
           "clone it anew (`git fsck` names every missing object)")
COMMANDS = (("validate", "--history"), ("report",), ("report", "--format", "json"),
            ("diff", "--since-approval"), ("timeline", "SPEC-0001"))


def reviewed(repo: GitRepo) -> str:
    """SPEC-0001 added, then put in review; returns the reviewing commit."""
    repo.commit("add", {PATH: spec_text()})
    reviewing = repo.commit("review", {PATH: spec_text(status="In Review")})
    repo.commit("later", {"src/main.py": "print()\n"})
    repo.commit("later still", {"src/main.py": "print(1)\n"})  # HEAD's parent read
    return reviewing


def lose(repo: GitRepo, name: str) -> str:
    """Delete the object `name` names from loose storage (the test repositories are never
    packed); its id."""
    found = repo.git("rev-parse", name)
    (repo.root / ".git" / "objects" / found[:2] / found[2:]).unlink()
    return found


@pytest.mark.parametrize("arguments", COMMANDS)
@pytest.mark.parametrize("lost", ["commit", "tree"])
def test_a_lost_commit_or_tree_is_an_error_with_a_warm_cache(
        git_repo: GitRepo, arguments: tuple[str, ...], lost: str) -> None:
    reviewing = reviewed(git_repo)
    assert run_cli(*arguments).exit_code in (0, 1)  # warms the caches
    assert run_cli(*arguments).exit_code in (0, 1)
    named = lose(git_repo, reviewing if lost == "commit" else f"{reviewing}^{{tree}}")
    result = run_cli(*arguments, no_traceback=True)
    assert result.exit_code == 2, result.output
    assert named in result.stderr
    assert "the repository is damaged or incomplete: fetch what is missing (`git fetch`)" \
        in result.stderr


def test_a_lost_commit_a_status_began_in_is_worded_warm_as_cold(git_repo: GitRepo) -> None:
    """Warm, the cache's check finds it missing; cold, `git rev-list` fails on it ("Could
    not read C"): one wording (it named the spec whose history names it warm only:
    newuser66b L5)."""
    reviewing = reviewed(git_repo)
    assert run_cli("validate", "--history").exit_code in (0, 1)
    lose(git_repo, reviewing)
    words = (f"specrepo: error: git cannot read object {reviewing}: it is missing; the "
             "repository is damaged or incomplete: fetch what is missing (`git fetch`) or "
             "clone it anew (`git fsck` names every missing object)\n")
    assert run_cli("validate", "--history").stderr == words
    shutil.rmtree(git_repo.root / ".git" / "specrepo")
    assert run_cli("validate", "--history", no_traceback=True).stderr == words


def test_the_cold_run_names_the_lost_commit_and_what_to_do(git_repo: GitRepo) -> None:
    reviewing = reviewed(git_repo)
    lose(git_repo, reviewing)
    result = run_cli("validate", "--history")
    assert result.exit_code == 2
    assert reviewing in result.stderr
    assert "fetch what is missing (`git fetch`) or clone it anew" in result.stderr


@pytest.mark.parametrize("arguments", COMMANDS)
def test_the_cold_run_with_heads_root_tree_lost_ends_with_what_to_do(
        git_repo: GitRepo, arguments: tuple[str, ...]) -> None:
    """git says "bad tree object <HEAD's commit>": the error names the lost tree (newuser71
    L9: not HEAD's commit) and ends as every error for a lost object does."""
    reviewed(git_repo)
    tree = git_repo.git("rev-parse", "HEAD^{tree}")
    lose(git_repo, "HEAD^{tree}")
    result = run_cli(*arguments, no_traceback=True)
    assert result.exit_code == 2, result.output
    assert f"git cannot read tree {tree}: it is missing; " in result.stderr, result.stderr
    assert result.stderr.rstrip().endswith(DAMAGED), result.stderr


def test_a_warm_run_with_every_object_there_still_answers(git_repo: GitRepo) -> None:
    reviewed(git_repo)
    first = run_cli("report", "--format", "json")
    assert run_cli("report", "--format", "json").stdout == first.stdout


LOST = {  # a past version of the spec; the tree of a commit no status names; such a commit
    "version": "HEAD~3:specs/SPEC-0001.yaml",
    "tree": "HEAD~1^{tree}",
    "commit": "HEAD~2",
}


@pytest.mark.parametrize("arguments", COMMANDS)
@pytest.mark.parametrize("lost", sorted(LOST))
def test_any_object_the_walk_read_lost_is_an_error_as_cold(
        git_repo: GitRepo, arguments: tuple[str, ...], lost: str) -> None:
    reviewed(git_repo)
    git_repo.commit("retitle", {PATH: spec_text(status="In Review", title="Another")})
    assert run_cli(*arguments).exit_code in (0, 1)  # warms the caches
    named = lose(git_repo, LOST[lost])
    warm = run_cli(*arguments, no_traceback=True)
    assert (warm.exit_code, named in warm.stderr) == (2, True), warm.output
    assert warm.stderr.endswith(f"it is missing; {DAMAGED}\n")
    shutil.rmtree(git_repo.root / ".git" / "specrepo")
    # (in a process of its own: a cold run git fails under leaves git processes behind)
    cold = subprocess.run([sys.executable, "-m", "specrepo", *arguments], capture_output=True,
                          text=True, check=False)
    assert (cold.returncode, named in cold.stderr) == (2, True), cold.stderr
    assert cold.stderr == warm.stderr  # one wording, whatever the cache (newuser66b L5)


def test_an_object_lost_from_a_pack_is_an_error_with_a_warm_cache(git_repo: GitRepo) -> None:
    reviewed(git_repo)
    assert run_cli("report").exit_code == 0
    lost = git_repo.git("rev-parse", "HEAD~3:specs/SPEC-0001.yaml")
    kept = [line.split()[0] for line in git_repo.git("rev-list", "--objects", "--all")
            .splitlines() if line.split()[0] != lost]
    git_repo.git("repack", "-a", "-d", "-q")
    git_repo.git("prune-packed")  # every object in the one pack
    old_packs = list((git_repo.root / ".git" / "objects" / "pack").iterdir())
    subprocess.run(["git", "pack-objects", "-q", ".git/objects/pack/pack"], cwd=git_repo.root,
                   input="".join(f"{name}\n" for name in kept).encode(), check=True,
                   capture_output=True)
    for old in old_packs:
        old.unlink()
    result = run_cli("report", no_traceback=True)
    assert result.exit_code == 2
    assert lost in result.stderr


def partial_clone(origin: GitRepo, folder: Path, clone_filter: str) -> Path:
    """A clone of `origin` made with `--filter=clone_filter` (its remote allows filters)."""
    origin.git("config", "uploadpack.allowFilter", "true")
    origin.git("config", "uploadpack.allowAnySHA1InWant", "true")
    subprocess.run(["git", "clone", "-q", f"--filter={clone_filter}", "--no-local",
                    f"file://{origin.root}", str(folder)], check=True, capture_output=True,
                   env=origin.environment())
    return folder


def lacking(clone: Path) -> int:
    """How many objects the partial clone `clone` lacks (asked without fetching)."""
    listed = subprocess.run(["git", "rev-list", "--objects", "--missing=print", "--all"],
                            cwd=clone, capture_output=True, check=True, text=True).stdout
    return sum(line.startswith("?") for line in listed.splitlines())


def test_a_partial_clone_answers_warm_fetching_the_versions_in_one_batch(
        git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The versions the cache rests on the clone lacks come in one batch (as the cold
    run's did), never one by one: the warm run's reads (a diff's approved version) would
    otherwise make git fetch each (lazy64)."""
    reviewed(git_repo)
    git_repo.commit("retitle", {PATH: spec_text(status="In Review", title="Another")})
    clone = partial_clone(git_repo, tmp_path / "clone", "blob:none")
    monkeypatch.chdir(clone)
    packs = set((clone / ".git" / "objects" / "pack").iterdir())
    cold = run_cli("report", "--format", "json")  # fetches the past versions, in one batch
    assert cold.exit_code == 0
    for fetched in set((clone / ".git" / "objects" / "pack").iterdir()) - packs:
        fetched.unlink()  # the remote still gives them: lacking them is no damage
    before = lacking(clone)
    assert before > 0
    trace = tmp_path / "trace"
    monkeypatch.setenv("GIT_TRACE2_EVENT", str(trace))
    warm = run_cli("report", "--format", "json")
    monkeypatch.delenv("GIT_TRACE2_EVENT")
    assert (warm.exit_code, warm.stdout) == (0, cold.stdout)
    assert [event.get("hierarchy") for event in fetches(trace)] == ["fetch"]  # one batch
    assert lacking(clone) < before  # (files besides those read stay out)
    monkeypatch.setenv("GIT_TRACE2_EVENT", str(tmp_path / "again"))
    again = run_cli("report", "--format", "json")
    assert (again.exit_code, again.stdout) == (0, cold.stdout)
    assert fetches(tmp_path / "again") == []  # nothing left to fetch


def test_diff_from_a_revision_past_a_lost_commit_words_it_as_every_reader(
        git_repo: GitRepo) -> None:
    """`diff HEAD~2` with HEAD~1 lost: `rev-parse` fails on the way ("Could not read C"),
    which said "git rev-parse failed: ..." (newuser68 L)."""
    reviewed(git_repo)
    git_repo.commit("retitle", {PATH: spec_text(status="In Review", title="Another")})
    git_repo.commit("again", {PATH: spec_text(status="In Review", title="Again")})
    lost = lose(git_repo, "HEAD~1")
    result = run_cli("diff", "HEAD~2", no_traceback=True)
    assert (result.exit_code, result.stderr) == (2, (
        f"specrepo: error: git cannot read object {lost}: it is missing; {DAMAGED}\n"))


@pytest.mark.parametrize("revision", ["HEAD~2", "named", "named-again", "named^{commit}",
                                      "named-again^0", "HEAD~2^{}"])
def test_diff_from_a_revision_whose_own_commit_is_lost_names_that_commit(
        git_repo: GitRepo, revision: str) -> None:
    """`diff HEAD~2` with HEAD~2 itself lost, or a tag (a tag of a tag) of it: git's
    `rev-parse --quiet` fails in silence, which read as "'HEAD~2' is neither a revision
    nor a spec" (newuser68 L)."""
    reviewed(git_repo)
    git_repo.commit("retitle", {PATH: spec_text(status="In Review", title="Another")})
    git_repo.git("tag", "-a", "named", "-m", "a release", "HEAD~2")
    git_repo.git("-c", "advice.nestedTag=false", "tag", "-a", "named-again", "-m", "again",
                 "named")
    lost = lose(git_repo, "HEAD~2")
    result = run_cli("diff", revision, no_traceback=True)
    assert (result.exit_code, result.stderr) == (2, (
        f"specrepo: error: git cannot read object {lost}: it is missing; {DAMAGED}\n"))
