"""The file a version was read as, named on an error path from the latest commit that
changed a file to or from it, the walk stopped there (real repositories)."""

from __future__ import annotations

from pathlib import Path

from specrepo.gitio.git_command import Git
from specrepo.gitio.object_damage import read_as
from tests.history.gitrepo import GitRepo


def test_a_version_is_named_by_the_latest_commit_that_changed_a_file_to_or_from_it(
        tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("one", {"specs/a.yaml": "id: A\n"})
    blob = repo.git("rev-parse", "HEAD:specs/a.yaml")
    repo.commit("copy", {"specs/b.yaml": "id: A\n"})
    repo.commit("other", {"specs/a.yaml": "id: A2\n"})
    head = repo.git("rev-parse", "HEAD")
    git = Git(repo.root)
    assert read_as(git, head, blob) == "specs/a.yaml"  # changed from it last
    assert read_as(git, f"{head}~1", blob) == "specs/b.yaml"
    assert read_as(git, head, head) is None  # a commit is no file's version
