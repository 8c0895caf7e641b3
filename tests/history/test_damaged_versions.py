"""A past version of a spec git holds but cannot read (a loose file a crash emptied, a pack
whose data fails its check) is called damaged, in git's own words, by a cold run; one git
does not hold is called missing (real repositories, `object_damage.object_state`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_relied_objects import PATH, lose, reviewed


def _cold(folder: Path) -> subprocess.CompletedProcess[str]:
    """`specrepo report` in a process of its own (a run git fails under leaves git
    processes behind)."""
    return subprocess.run([sys.executable, "-m", "specrepo", "report"], cwd=folder,
                          capture_output=True, text=True, check=False)


def _version(repo: GitRepo) -> str:
    reviewed(repo)
    repo.commit("retitle", {PATH: spec_text(status="In Review", title="Another")})
    return repo.git("rev-parse", f"HEAD~3:{PATH}")


def test_an_emptied_loose_version_is_called_damaged(git_repo: GitRepo) -> None:
    blob = _version(git_repo)
    loose = git_repo.root / ".git" / "objects" / blob[:2] / blob[2:]
    loose.chmod(0o644)
    loose.write_bytes(b"")
    cold = _cold(git_repo.root)
    assert cold.returncode == 2, cold.stderr
    assert f"(object {blob}): it is damaged (git: error: object file " in cold.stderr
    assert " is empty)" in cold.stderr and "it is missing" not in cold.stderr


@pytest.mark.parametrize("says", ["header for ", "unable to stream ", "corrupt"])
def test_a_loose_version_cut_short_is_called_damaged(git_repo: GitRepo, says: str) -> None:
    """A loose file cut short, at the first length where git says `says` of it: within its
    zlib header ("header for ID too long"), within its first bytes ("unable to stream
    ID"), or further ("loose object ... is corrupt"): damaged, never missing (newuser64b
    F4: the first was called missing)."""
    blob = _version(git_repo)
    loose = git_repo.root / ".git" / "objects" / blob[:2] / blob[2:]
    loose.chmod(0o644)
    data = loose.read_bytes()
    for kept in range(1, len(data)):
        loose.write_bytes(data[:kept])
        asked = subprocess.run(["git", "cat-file", "blob", blob], cwd=git_repo.root,
                               capture_output=True, text=True, check=False)
        if says in asked.stderr:
            break
    else:
        pytest.fail(f"git never says {says!r} of {blob} cut short")
    cold = _cold(git_repo.root)
    assert cold.returncode == 2, cold.stderr
    assert f"(object {blob}): it is damaged (git: " in cold.stderr, cold.stderr


def _damage_packed(repo: GitRepo, blob: str, whole: bool) -> None:
    """Flip bytes of `blob`'s entry in a pack of everything: one inside its compressed
    data, past its header; or each of the entry's, its header too (`whole`)."""
    repo.git("repack", "-a", "-d", "-q", "-f")
    pack = next((repo.root / ".git" / "objects" / "pack").glob("*.pack"))
    listed = repo.git("verify-pack", "-v", str(pack.with_suffix(".idx")))
    size, offset = next((int(line.split()[3]), int(line.split()[4]))
                        for line in listed.splitlines() if line.startswith(blob))
    data = bytearray(pack.read_bytes())
    for place in range(offset, offset + size) if whole else [offset + 8]:
        data[place] ^= 0xFF
    pack.chmod(0o644)
    pack.write_bytes(bytes(data))


@pytest.mark.parametrize("whole", [False, True])
def test_a_version_whose_packed_entry_fails_its_check_is_called_damaged(
        git_repo: GitRepo, whole: bool) -> None:
    blob = _version(git_repo)
    _damage_packed(git_repo, blob, whole)
    cold = _cold(git_repo.root)
    assert cold.returncode == 2, cold.stderr
    assert f"{PATH} (object {blob}): it is damaged (git: " in cold.stderr, cold.stderr


def test_a_warm_run_calls_an_emptied_loose_version_damaged_as_a_cold_one_does(
        git_repo: GitRepo) -> None:
    blob = _version(git_repo)
    assert _cold(git_repo.root).returncode in (0, 1)  # the cache rests on it
    loose = git_repo.root / ".git" / "objects" / blob[:2] / blob[2:]
    loose.chmod(0o644)
    loose.write_bytes(b"")
    warm = _cold(git_repo.root)
    assert warm.returncode == 2, warm.stderr
    assert f"git cannot read {PATH} (object {blob}): it is damaged (git: error: object " \
           "file " in warm.stderr, warm.stderr
    assert " is empty)" in warm.stderr and "it is missing" not in warm.stderr


def test_a_lost_version_is_still_called_missing(git_repo: GitRepo) -> None:
    blob = _version(git_repo)
    lose(git_repo, blob)
    cold = _cold(git_repo.root)
    assert cold.returncode == 2, cold.stderr
    assert f"(object {blob}): it is missing; " in cold.stderr, cold.stderr
