"""A damaged past commit, tree or configuration version is worded alike by a warm run's
check of its cache and by a cold run's failed walk or read: the object, its kind or the
file it is a version of, git's words, the pack or loose file that holds it, and what to
do (real repositories, one byte of the object's data flipped, as git leaves a disk
error; `object_damage.unreadable_words`)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_relied_objects import DAMAGED, PATH, reviewed
from tests.model.test_unread_approval import REVIEWED, approved

CONFIG = "specrepo.yaml"


def _run(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """`specrepo report` (or `arguments`) in a process of its own (a run git fails under
    leaves git processes behind)."""
    return subprocess.run([sys.executable, "-m", "specrepo", *(arguments or ("report",))],
                          cwd=folder, capture_output=True, text=True, check=False)


def _flip(path: Path, offset: int) -> None:
    """Flip the byte at `offset` (from the end when negative) of the file `path`."""
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.chmod(0o644)
    path.write_bytes(bytes(data))


def _damage(repo: GitRepo, name: str, packed: bool) -> tuple[str, str]:
    """Flip a byte of the compressed data of the object `name` names, in its loose file
    or, `packed`, in its entry of a pack of everything (made before the warm runs);
    its id and the file that holds it, as git 2.39 names it."""
    found = repo.git("rev-parse", name)
    if not packed:
        loose = Path(".git", "objects", found[:2], found[2:])
        _flip(repo.root / loose, -3)
        return found, str(loose)
    pack = next((repo.root / ".git" / "objects" / "pack").glob("*.pack"))
    listed = repo.git("verify-pack", "-v", str(pack.with_suffix(".idx")))
    size, offset = next((int(line.split()[3]), int(line.split()[4]))
                        for line in listed.splitlines() if line.startswith(found))
    _flip(pack, offset + size - 3)
    return found, str(pack.relative_to(repo.root))


def _warm_then_cold(repo: GitRepo, *arguments: str) -> tuple[str, str]:
    """The standard error of a warm run, then of a cold one (the cache removed), of
    `specrepo report` (or `arguments`), each exiting 2."""
    warm = _run(repo.root, *arguments)
    shutil.rmtree(repo.root / ".git" / "specrepo", ignore_errors=True)
    cold = _run(repo.root, *arguments)
    assert (warm.returncode, cold.returncode) == (2, 2), (warm.stderr, cold.stderr)
    return warm.stderr, cold.stderr


@pytest.mark.parametrize("packed", [False, True], ids=["loose", "packed"])
@pytest.mark.parametrize("kind", ["commit", "tree"])
def test_a_damaged_past_commit_or_tree_is_worded_alike_warm_and_cold(
        git_repo: GitRepo, kind: str, packed: bool) -> None:
    """The commit that put SPEC-0001 in review, or its tree: warm, the cache's check
    named the commit with the spec ("git cannot read commit C, which the history of
    SPEC-0001 names") or the tree as "a commit, tree or version"; cold, "git diff-tree
    failed" or "git log failed" in git's words (nu65c F-commit)."""
    reviewing = reviewed(git_repo)
    if packed:
        git_repo.git("repack", "-a", "-d", "-q")
    for _ in range(2):
        assert _run(git_repo.root).returncode in (0, 1)
    name, held = _damage(git_repo, reviewing if kind == "commit" else f"{reviewing}^{{tree}}",
                         packed)
    warm, cold = _warm_then_cold(git_repo)
    assert warm == cold
    assert cold.startswith(f"specrepo: error: git cannot read {kind} {name}: it is damaged "
                           "(git: error: inflate: "), cold
    assert cold.endswith(f"; {DAMAGED}\n"), cold
    assert f"), held in {held}; " in cold or "held in" not in cold  # (git 2.47 names none)


def test_a_damaged_configuration_version_of_a_merged_branch_is_named_by_its_file_cold(
        git_repo: GitRepo) -> None:
    """A branch's configuration version, merged in: warm, "specrepo.yaml (object X)";
    cold, "object X" (the reader read it by its id, and dropped the file: nu65b F-cfg)."""
    reviewed(git_repo)
    git_repo.git("checkout", "-q", "-b", "side")
    git_repo.commit("narrow", {CONFIG: "specs: specs\nexclude: [specs/SPEC-0009.yaml]\n"})
    version = git_repo.git("rev-parse", f"HEAD:{CONFIG}")
    git_repo.commit("widen", {CONFIG: "specs: specs\n"})
    git_repo.git("checkout", "-q", "main")
    git_repo.merge("side")
    assert _run(git_repo.root).returncode in (0, 1)
    _damage(git_repo, version, packed=False)
    warm, cold = _warm_then_cold(git_repo)
    assert warm == cold
    assert cold.startswith(f"specrepo: error: git cannot read {CONFIG} (object {version}): "
                           "it is damaged (git: error: inflate: "), cold


@pytest.mark.usefixtures("each_git")
@pytest.mark.parametrize("arguments", [("validate", "--history"), ("report",),
                                       ("diff", "--since-approval", "--exit-code"),
                                       ("timeline", "SPEC-0001")], ids=" ".join)
@pytest.mark.parametrize("damaged", ["HEAD~2", "HEAD~3"], ids=["approval", "root"])
def test_a_damaged_commit_of_a_store_packed_by_gc_fails_cold_as_warm(
        git_repo: GitRepo, damaged: str, arguments: tuple[str, ...]) -> None:
    """`git gc` wrote a commit-graph; then the approval of SPEC-0001 (or the root commit)
    is damaged in its pack. git 2.47's `log` reads the commit from the graph, and its
    `diff-tree --stdin` writes nothing of it, says only "error: inflate: ..." and exits
    0: a cold `validate --history` and `diff --since-approval` passed, and a cold
    `report` failed in git's raw words, "cannot read commit object" (newuser66b)."""
    git_repo.commit("draft", {PATH: spec_text(extra=REVIEWED)})
    git_repo.commit("review", {PATH: spec_text(status="In Review", extra=REVIEWED)})
    git_repo.commit("approve", {PATH: approved()})
    git_repo.commit("edit", {PATH: approved("Changed quietly.")})
    git_repo.commit("later", {"src/main.py": "print()\n"})
    git_repo.git("gc", "-q")
    assert (git_repo.root / ".git" / "objects" / "info" / "commit-graph").exists()
    assert _run(git_repo.root, *arguments).returncode in (0, 1)
    name = _damage(git_repo, damaged, packed=True)[0]
    warm, cold = _warm_then_cold(git_repo, *arguments)
    assert warm == cold
    assert cold.startswith(f"specrepo: error: git cannot read commit {name}: it is damaged "
                           "(git: error: inflate: "), cold
    assert cold.endswith(f"; {DAMAGED}\n"), cold
