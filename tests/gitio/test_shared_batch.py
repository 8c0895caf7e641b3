"""The object readers of one `Git` open at once ask one `git cat-file --batch`
(`gitio.shared_batch`): a reader holds it only while answers it asked for are unread, so
that no answer goes to another reader; a reader that meets an error leaves the others
their answers; a process forked with the `Git` starts its own; the last reader to close
stops it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from specrepo.gitio.batch_names import Blob
from specrepo.gitio.git_command import Git, HistoryError
from specrepo.gitio.objects import ObjectReader
from tests.history.gitrepo import GitRepo

FILES = {f"specs/SPEC-{number:04d}.yaml": f"n: {number}\n" for number in range(1, 9)}


def batches_started(trace: Path) -> int:
    """How many `git cat-file --batch` git's trace2 events show started."""
    return sum(1 for event in map(json.loads, trace.read_text().splitlines())
               if event.get("event") == "start"
               and event.get("argv", [])[1:3] == ["cat-file", "--batch"])


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Specs", dict(FILES))
    return repo


def traced_git(repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
               ) -> tuple[Git, Path]:
    trace = tmp_path / "trace.json"
    monkeypatch.setenv("GIT_TRACE2_EVENT", str(trace))
    return Git(repo.root), trace


def test_readers_open_at_once_ask_one_git(repo: GitRepo, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Two readers, one inside the other's use (as the departures read a merged branch's
    line), and a third after: one `cat-file` for the first two; stopped by the last to
    close; the third starts its own."""
    git, trace = traced_git(repo, tmp_path, monkeypatch)
    head = repo.git("rev-parse", "HEAD")
    outer = ObjectReader(git, 1000)
    try:
        first = outer.file_at(head, "specs/SPEC-0001.yaml")
        inner = ObjectReader(git, 1000)
        try:
            found = [inner.file_at(head, path) for path in FILES]
        finally:
            inner.close()
        again = outer.file_at(head, "specs/SPEC-0002.yaml")
    finally:
        kept = git.shared_batch._kept if git.shared_batch is not None else None
        outer.close()
    assert first is not None and again is not None
    assert (first.content, again.content) == (b"n: 1\n", b"n: 2\n")
    assert [blob.content if blob else None for blob in found] == [
        text.encode() for text in FILES.values()]
    assert batches_started(trace) == 1
    assert kept is not None and kept.returncode is not None  # stopped, waited for
    later = ObjectReader(git, 1000)
    try:
        assert later.blob_at(head, "specs/SPEC-0003.yaml") is not None
    finally:
        later.close()
    assert batches_started(trace) == 2


def test_a_reader_waiting_for_answers_is_never_answered_another_s(
        repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A prefetch whose answers are unread while other work reads through another reader
    (`beside`): that reader gets a git of its own, and each its own answers."""
    git, trace = traced_git(repo, tmp_path, monkeypatch)
    head = repo.git("rev-parse", "HEAD")
    first, second = ObjectReader(git, 1000), ObjectReader(git, 1000)
    read_beside: list[Blob | None] = []

    def beside() -> None:
        read_beside.extend(second.file_at(head, path) for path in reversed(FILES))
    try:
        first.prefetch([(f"{head}:{path}", path) for path in FILES], beside=beside)
        found = [first.file_at(head, path) for path in FILES]
    finally:
        first.close()
        second.close()
    assert [blob.content if blob else None for blob in found] == [
        text.encode() for text in FILES.values()]
    assert [blob.content if blob else None for blob in read_beside] == [
        text.encode() for text in reversed(FILES.values())]
    assert batches_started(trace) == 2


def test_a_missing_object_fails_one_reader_and_leaves_the_others_their_answers(
        repo: GitRepo) -> None:
    git = Git(repo.root)
    head = repo.git("rev-parse", "HEAD")
    one, other = ObjectReader(git, 1000), ObjectReader(git, 1000)
    try:
        assert one.blob_at(head, "specs/SPEC-0001.yaml") is not None
        with pytest.raises(HistoryError, match="it is missing"):
            other.read("0" * 40, "specs/gone.yaml")
        found = one.file_at(head, "specs/SPEC-0004.yaml")
        assert found is not None and found.content == b"n: 4\n"
        kept = git.shared_batch._kept if git.shared_batch is not None else None
        assert kept is not None
        kept.kill()  # ended from outside while no reader held it
        kept.wait()
        again = other.file_at(head, "specs/SPEC-0005.yaml")  # a new git for the one gone
        assert again is not None and again.content == b"n: 5\n"
    finally:
        one.close()
        other.close()


def test_a_forked_process_asks_a_git_of_its_own(repo: GitRepo) -> None:
    """A git kept when the process forks (a worker) is the parent's: the child's reader
    starts its own (here it asks and ends before reading the answers), and the parent's
    answers stay the parent's."""
    git = Git(repo.root)
    head = repo.git("rev-parse", "HEAD")
    parent = ObjectReader(git, 1000)
    try:
        assert parent.blob_at(head, "specs/SPEC-0001.yaml") is not None  # kept now
        child = os.fork()
        if child == 0:  # pragma: no cover (the child's result is its exit code)
            ObjectReader(git, 1000).prefetch([(f"{head}:specs/SPEC-0008.yaml", "x")],
                                             beside=lambda: os._exit(0))
            os._exit(1)
        assert os.waitpid(child, 0)[1] == 0
        found = [parent.file_at(head, path) for path in FILES]
    finally:
        parent.close()
    assert [blob.content if blob else None for blob in found] == [
        text.encode() for text in FILES.values()]
