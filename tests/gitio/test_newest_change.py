"""`newest_change_besides`: the newest commit of HEAD's first-parent line that changed a
file the caller does not count as built, read from one `git log --raw -z` whatever its
paths hold."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from specrepo.gitio.git_command import Git
from specrepo.gitio.newest_change import newest_change_besides
from tests.history.gitrepo import GitRepo

pytestmark = pytest.mark.usefixtures("each_git")
SHA_LIKE = "0123456789abcdef0123456789abcdef01234567"
RAW_LIKE = ":100644 100644 " + "a" * 40 + " " + "b" * 40 + " M"
SOURCES = frozenset({"notes.txt", "other.txt", "specrepo.yaml"})


class Asked:
    """A `built` that counts every path but the sources' (`SOURCES`) as built, and records
    the paths it was asked about, commit by commit."""

    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def __call__(self, paths: Sequence[str]) -> bool:
        self.asked.append(list(paths))
        return not SOURCES.intersection(paths)


def test_the_newest_commit_that_changed_more_than_built_files(git_repo: GitRepo) -> None:
    source = git_repo.commit("a source", {"notes.txt": "x\n"})
    git_repo.commit("the site", {"site/index.html": "a\n", "site/specs/S-1.html": "b\n"})
    git_repo.commit("nothing at all")
    git_repo.commit("the site again", {"site/index.html": "c\n"})
    asked = Asked()
    found = newest_change_besides(Git(git_repo.root), asked)
    assert found is not None
    assert found.sha == source
    # The empty commit is passed without asking; the walk stops at the commit found.
    assert asked.asked == [["site/index.html"], ["site/index.html", "site/specs/S-1.html"],
                           ["notes.txt", "specrepo.yaml"]]


@pytest.mark.parametrize("name", [SHA_LIKE, RAW_LIKE, f"\n{RAW_LIKE}", "line\nbreak"])
def test_paths_that_look_like_the_log_s_own_fields_are_read_as_paths(
        git_repo: GitRepo, name: str) -> None:
    """A path is only ever the field after a changed file's first; a commit's id, or a
    path holding line breaks or a raw entry's shape, never ends a commit early."""
    first = git_repo.commit("first", {"notes.txt": "x\n"})
    git_repo.commit("odd names", {name: "a\n", "site/index.html": "b\n"})
    git_repo.commit("the site", {"site/index.html": "c\n"})
    asked = Asked()
    found = newest_change_besides(Git(git_repo.root), asked)
    assert found is not None
    assert found.sha == first
    assert asked.asked[1] == sorted([name, "site/index.html"])


def test_a_merge_is_compared_with_its_first_parent(git_repo: GitRepo) -> None:
    """A merge that brings a branch's source change changed it on HEAD's line; the
    branch's own commits are not on the line."""
    git_repo.commit("first", {"notes.txt": "x\n"})
    git_repo.git("checkout", "-q", "-b", "side")
    git_repo.commit("on the side", {"other.txt": "y\n"})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("the site", {"site/index.html": "a\n"})
    git_repo.git("merge", "-q", "--no-ff", "-m", "merge", "side")
    merge = git_repo.git("rev-parse", "HEAD")
    git_repo.commit("the site again", {"site/index.html": "b\n"})
    asked = Asked()
    found = newest_change_besides(Git(git_repo.root), asked)
    assert found is not None
    assert found.sha == merge
    assert asked.asked == [["site/index.html"], ["other.txt"]]


def test_none_when_every_commit_changed_only_built_files(git_repo: GitRepo) -> None:
    git_repo.commit("the site", {"site/index.html": "a\n", "specrepo.yaml": None})
    git_repo.commit("nothing at all")
    assert newest_change_besides(Git(git_repo.root), Asked()) is None
