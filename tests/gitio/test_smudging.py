"""Every version a filter writes out read by one `git cat-file --batch --filters` of that
filter, the filtered content split from git's answer whatever its size says; a driver
that fails gives nothing, and the reader then says why (real repositories)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from specrepo.base.errors import SpecrepoError
from specrepo.gitio.filters import FilterAttributes
from specrepo.gitio.git_command import Git, stop
from specrepo.gitio.smudging import Smudging
from tests.history.gitrepo import GitRepo
from tests.history.test_warm_start import run_counting_git

SMUDGE = "base64 -d | sed 's/^/> /'"
"""A driver whose output is longer than what git stores (its header's size)."""


def _repo(folder: Path, contents: list[bytes]) -> tuple[GitRepo, list[str]]:
    """A repository whose `a b.yaml` (a space: git reads "ID PATH") went through the
    filter `b64` as each of `contents`, a commit each; the blobs stored."""
    repo = GitRepo(folder)
    repo.git("config", "filter.b64.clean", "base64 -w0")
    repo.git("config", "filter.b64.smudge", SMUDGE)
    repo.write(".gitattributes", "*.yaml filter=b64\n")
    blobs = []
    for number, content in enumerate(contents):
        repo.commit(f"version {number}", {"specs/a b.yaml": content})
        blobs.append(repo.git("rev-parse", "HEAD:specs/a b.yaml"))
    return repo, blobs


def _written(repo: GitRepo, blob: str) -> bytes:
    """What the filter writes out for `blob`, as a git of its own gives it."""
    return subprocess.run(["git", "cat-file", "--filters", "--path=specs/a b.yaml", blob],
                          cwd=repo.root, capture_output=True, check=True).stdout


@settings(max_examples=10)
@given(st.lists(st.text(st.characters(codec="ascii", exclude_characters="\r"), min_size=1).map(
    str.encode), min_size=1, max_size=4, unique=True))
def test_each_version_is_split_from_one_gits_answer(tmp_path_factory: pytest.TempPathFactory,
                                                    contents: list[bytes]) -> None:
    repo, blobs = _repo(tmp_path_factory.mktemp("repo"), contents)
    smudging = Smudging(Git(repo.root))
    try:
        read = [smudging.read(blob, "specs/a b.yaml", "b64") for blob in blobs]
    finally:
        started = smudging.release()
        stop(*started)
    assert read == [_written(repo, blob) for blob in blobs]
    assert all(len(content or b"") > len(stored) for content, stored in zip(read, contents,
                                                                              strict=True))
    assert len(started) == 1


def test_one_git_serves_every_version(tmp_path: Path) -> None:
    """A history of a filtered spec: one `git -c filter.b64.required=true cat-file
    --batch --filters` (the shim logs "-c") for each reader of attributes (one
    `check-attr` each: the work tree's, the walk's, the reads' after it), where each
    version started one (8 for 6 versions)."""
    repo, _ = _repo(tmp_path / "repo", [f"id: SPEC-0001\ntitle: T{number}\n".encode()
                                        for number in range(6)])
    completed, started = run_counting_git(repo, tmp_path, "report")
    assert completed.returncode in (0, 1), completed.stderr
    assert started.count("-c") == started.count("check-attr") <= 3, started


def test_a_driver_that_fails_gives_nothing_and_the_reader_says_why(tmp_path: Path) -> None:
    repo, blobs = _repo(tmp_path / "repo", [b"id: SPEC-0001\n"])
    repo.git("config", "filter.b64.smudge", "false")
    smudging = Smudging(Git(repo.root))
    try:
        assert smudging.read(blobs[0], "specs/a b.yaml", "b64") is None
        assert smudging.release() == []  # stopped at once
    finally:
        stop(*smudging.release())
    filters = FilterAttributes(Git(repo.root))
    try:
        with pytest.raises(SpecrepoError, match=r"specs/a b\.yaml: git keeps this spec file "
                           r"through the clean/smudge filter 'b64'.* the filter failed"):
            filters.smudged(blobs[0], "specs/a b.yaml", "b64")
    finally:
        filters.close()
