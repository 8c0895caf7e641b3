"""The filter attributes of many paths asked of one `git check-attr`, and the batches
requests are written to git in."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from specrepo.gitio.filters import FilterAttributes
from specrepo.gitio.git_command import Git, batches, stop
from specrepo.gitio.shared_batch import batch_held
from tests.history.gitrepo import GitRepo


def test_paths_of_many_batches_are_each_answered_once(tmp_path: Path) -> None:
    """More paths than one batch holds, in one git started ahead; a path asked again is
    not asked of git again."""
    repo = GitRepo(tmp_path / "repo")
    repo.write(".gitattributes", "*-crypt.yaml filter=b64\n*-lfs.yaml filter=lfs\n"
                                 "*-off.yaml -filter\n")
    paths = [f"specs/{number:04d}-{'x' * 60}-{kind}.yaml"
             for number in range(400) for kind in ("crypt", "lfs", "off", "plain")]
    assert sum(len(path) + 1 for path in paths) > 8 * 8192
    filters = FilterAttributes(Git(repo.root))
    try:
        filters.start()
        assert filters.drivers(paths[:5]) == {paths[0]: "b64", paths[4]: "b64"}
        found = filters.drivers(paths)
        assert found == {path: "b64" for path in paths if path.endswith("-crypt.yaml")}
        assert filters.driver("specs/late-crypt.yaml") == "b64"
        assert filters.driver(paths[0]) == "b64"
        assert filters.driver(paths[1]) is None
    finally:
        filters.close()


def test_the_readers_of_one_git_ask_each_path_once(tmp_path: Path) -> None:
    """A second `FilterAttributes` of the same `Git` (the departures' readers, made one
    after another) starts no `git check-attr` for paths the first was answered; a path
    new to the `Git`, or another `Git` (another environment), asks git again."""
    repo = GitRepo(tmp_path / "repo")
    repo.write(".gitattributes", "*-crypt.yaml filter=b64\n")
    git = Git(repo.root)
    first = FilterAttributes(git)
    try:
        assert first.drivers(["specs/a-crypt.yaml", "specs/b.yaml"]) == {
            "specs/a-crypt.yaml": "b64"}
    finally:
        first.close()
    second = FilterAttributes(git)
    try:
        assert second.driver("specs/a-crypt.yaml") == "b64"
        assert second.driver("specs/b.yaml") is None
        assert second.release() == []  # answered without a git
        assert second.driver("specs/c-crypt.yaml") == "b64"
        assert _gits_started(second) == 1
    finally:
        second.close()
    other = Git(repo.root)
    other.environment = {**other.environment, "GIT_ATTR_NOSYSTEM": "1"}
    third = FilterAttributes(other)
    try:
        assert third.driver("specs/a-crypt.yaml") == "b64"
        assert _gits_started(third) == 1
    finally:
        third.close()


def test_readers_made_one_after_another_while_held_ask_one_git(tmp_path: Path) -> None:
    """Within `batch_held` (the departures' readers), a `FilterAttributes` released gives
    its `check-attr` back for the next one to take, which asks it new paths; stopped on
    leaving. Outside, each starts its own."""
    repo = GitRepo(tmp_path / "repo")
    repo.write(".gitattributes", "*-crypt.yaml filter=b64\n")
    git = Git(repo.root)
    with batch_held(git):
        first = FilterAttributes(git)
        assert first.driver("specs/a-crypt.yaml") == "b64"
        assert first.release() == []  # kept for the next
        second = FilterAttributes(git)
        assert second.driver("specs/b-crypt.yaml") == "b64"
        assert second.driver("specs/c.yaml") is None
        second.close()
        kept = git.shared_check._kept if git.shared_check is not None else None
        assert kept is not None and kept.poll() is None
    assert kept.returncode is not None  # stopped on leaving, waited for
    outside = FilterAttributes(git)
    assert outside.driver("specs/d-crypt.yaml") == "b64"
    assert _gits_started(outside) == 1


def _gits_started(filters: FilterAttributes) -> int:
    """How many `git check-attr` `filters` started (released and stopped here)."""
    started = filters.release()
    stop(*started)
    return len(started)


def test_a_released_git_is_the_callers_to_stop(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    filters = FilterAttributes(Git(repo.root))
    filters.start()
    [process] = filters.release()
    filters.close()  # nothing left to stop
    assert process.poll() is None
    process.kill()
    process.wait()
    for stream in (process.stdin, process.stdout):  # its standard error: the drain's
        assert stream is not None
        stream.close()
    try:
        assert filters.driver("specs/a.yaml") is None  # a new git answers
    finally:
        filters.close()


@given(st.lists(st.text(min_size=1, max_size=40)), st.integers(min_value=1, max_value=200))
def test_batches_keep_order_and_stay_within_the_limit(requests: list[str], limit: int) -> None:
    found = list(batches(requests, limit))
    assert [request for batch in found for request in batch] == requests
    for batch in found:
        size = sum(len(request.encode("utf-8", "surrogateescape")) + 1 for request in batch)
        assert batch and (size <= limit or len(batch) == 1)
