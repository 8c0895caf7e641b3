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

from tests.history.gitrepo import GitRepo
from tests.history.test_relied_objects import DAMAGED, reviewed

CONFIG = "specrepo.yaml"


def _run(folder: Path) -> subprocess.CompletedProcess[str]:
    """`specrepo report` in a process of its own (a run git fails under leaves git
    processes behind)."""
    return subprocess.run([sys.executable, "-m", "specrepo", "report"], cwd=folder,
                          capture_output=True, text=True, check=False)


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


def _warm_then_cold(repo: GitRepo) -> tuple[str, str]:
    """The standard error of a warm run, then of a cold one (the cache removed)."""
    warm = _run(repo.root)
    shutil.rmtree(repo.root / ".git" / "specrepo", ignore_errors=True)
    cold = _run(repo.root)
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
