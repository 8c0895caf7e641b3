"""git's index read from its file equals git's own listing of it (`git ls-files --stage`),
in each index version git writes, and is refused (None: the caller asks git) where this
reader cannot be certain."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from specrepo.gitio.index_entries import index_entries
from tests.history.gitrepo import GitRepo


def _listed(repo: GitRepo) -> dict[str, str]:
    """Each path git's index holds -> its object (stage 0, else the lowest stage)."""
    found: dict[str, str] = {}
    for line in repo.git("ls-files", "--stage", "-z").split("\0"):
        if line:
            meta, _, path = line.partition("\t")
            _, blob, stage = meta.split(" ")
            if stage == "0" or path not in found:
                found[path] = blob
    return found


def _fill(repo: GitRepo) -> None:
    repo.commit("Files", {"specs/SPEC-0001.yaml": "id: SPEC-0001\n", "a.txt": "a\n",
                          "specs/deep/folder/with/a/long/name/" + "x" * 120 + ".yaml": "x\n",
                          "specs/é ü.yaml": "u\n", "b/c.md": "c\n"})


@pytest.mark.parametrize("version", ["2", "3", "4"])
def test_each_index_version_reads_as_git_lists_it(git_repo: GitRepo, version: str) -> None:
    _fill(git_repo)
    git_repo.write("specs/new.yaml", "new\n")
    git_repo.git("add", "--intent-to-add", "specs/new.yaml")  # an extended flag (version 3)
    git_repo.git("rm", "-q", "--cached", "a.txt")
    git_repo.git("update-index", "--index-version", version)
    assert index_entries(git_repo.root / ".git", "sha1") == _listed(git_repo)


def test_a_conflicted_file_is_held(git_repo: GitRepo) -> None:
    git_repo.commit("Base", {"specs/SPEC-0001.yaml": "id: SPEC-0001\nv: 0\n"})
    git_repo.git("checkout", "-q", "-b", "side")
    git_repo.commit("Side", {"specs/SPEC-0001.yaml": "id: SPEC-0001\nv: 1\n"})
    git_repo.git("checkout", "-q", "-")
    git_repo.commit("Main", {"specs/SPEC-0001.yaml": "id: SPEC-0001\nv: 2\n"})
    _merge_with_conflict(git_repo)
    entries = index_entries(git_repo.root / ".git", "sha1")
    assert entries == _listed(git_repo) and "specs/SPEC-0001.yaml" in entries


def _merge_with_conflict(repo: GitRepo) -> None:
    try:
        repo.git("merge", "side", "--no-edit")
    except AssertionError:
        return
    raise AssertionError("the merge was expected to conflict")


def test_no_index_file_holds_nothing(git_repo: GitRepo) -> None:
    assert index_entries(git_repo.root / ".git", "sha1") == {}


def test_a_split_index_is_left_to_git(git_repo: GitRepo) -> None:
    _fill(git_repo)
    git_repo.git("update-index", "--split-index")
    assert index_entries(git_repo.root / ".git", "sha1") is None


def test_a_relative_index_file_is_read_from_the_top_only(git_repo: GitRepo,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _fill(git_repo)
    monkeypatch.setenv("GIT_INDEX_FILE", ".git/index")  # as git gives a plain commit's hook
    assert index_entries(git_repo.root / ".git", "sha1") is None
    assert index_entries(git_repo.root / ".git", "sha1", git_repo.root) == _listed(git_repo)
    monkeypatch.chdir(git_repo.root / "specs")  # read from here, git would not find it
    assert index_entries(git_repo.root / ".git", "sha1", git_repo.root) is None
    monkeypatch.setenv("GIT_INDEX_FILE", str(git_repo.root / ".git" / "index"))
    assert index_entries(Path("/nonexistent"), "sha1") == _listed(git_repo)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=200)
@given(st.binary(max_size=300), st.sampled_from([b"", b"DIRC\0\0\0\x02\0\0\0\x01",
                                                 b"DIRC\0\0\0\x04\0\0\0\x02"]))
def test_any_bytes_read_or_refused_never_raise(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               data: bytes, head: bytes) -> None:
    index = tmp_path / "index"
    index.write_bytes(head + data)
    monkeypatch.setenv("GIT_INDEX_FILE", str(index))
    found = index_entries(tmp_path, "sha1")
    assert found is None or isinstance(found, dict)


def test_staged_away_asks_no_git_where_the_index_holds_every_head_file(
        git_repo: GitRepo, tmp_path: Path) -> None:
    """`history.staged_away` answers from the index's paths: where they hold every file of
    HEAD's, nothing is staged away and git is not asked (a folder outside any repository
    would make git fail); else git is asked, as before (`git rm --cached`)."""
    from specrepo.gitio.git_command import HistoryError
    from specrepo.history.staged_away import staged_away
    from specrepo.model.config import Config

    _fill(git_repo)
    entries = index_entries(git_repo.root / ".git", "sha1")
    assert entries is not None
    outside = Config(root=tmp_path / "nowhere", file=tmp_path / "nowhere" / "specrepo.yaml")
    assert staged_away(outside, tmp_path, ["specs/SPEC-0001.yaml"], entries) == frozenset()
    with pytest.raises(HistoryError):
        staged_away(outside, tmp_path, ["specs/gone.yaml"], entries)
    git_repo.git("rm", "-q", "--cached", "specs/SPEC-0001.yaml")
    config = Config(root=git_repo.root, file=git_repo.root / "specrepo.yaml")
    entries = index_entries(git_repo.root / ".git", "sha1")
    assert staged_away(config, git_repo.root, ["specs/SPEC-0001.yaml"], entries) \
        == {"specs/SPEC-0001.yaml"}
