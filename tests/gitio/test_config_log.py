"""The configuration file's first-parent changes, followed where a commit moved it (with
its specs, `git mv specrepo.yaml specs design/`), on real repositories (trial36)."""

from __future__ import annotations

from specrepo.gitio.config_log import (
    LineChange,
    StartedChanges,
    first_parent_changes,
    line_paths,
)
from specrepo.gitio.git_command import Git
from tests.history.gitrepo import GitRepo


def _moved_twice(repo: GitRepo) -> list[str]:
    """specrepo.yaml changed, moved into design/ (changed there in the same commit),
    changed, then moved into docs/design/ unchanged; the commits, oldest first."""
    made = [repo.commit("Start", {"specs/a.txt": "a\n"}),
            repo.commit("Change", {"specrepo.yaml": "specs: specs\nexclude: [x]\n"})]
    (repo.root / "design").mkdir()
    repo.git("mv", "specrepo.yaml", "specs", "design/")
    made.append(repo.commit("Move", {"design/specrepo.yaml": "specs: specs\n"}))
    made.append(repo.commit("Change there", {"design/specrepo.yaml": "specs: [specs]\n"}))
    (repo.root / "docs").mkdir()
    repo.git("mv", "design", "docs/")
    made.append(repo.commit("Move again"))
    made.append(repo.commit("Unrelated", {"notes.txt": "n\n"}))
    return made


def test_changes_are_followed_through_the_moves(git_repo: GitRepo) -> None:
    start, change, move, there, again, head = _moved_twice(git_repo)
    found = first_parent_changes(Git(git_repo.root), head, "docs/design/specrepo.yaml")
    assert found == [
        LineChange(change, start, "specrepo.yaml", "specrepo.yaml"),
        LineChange(move, change, "design/specrepo.yaml", "specrepo.yaml"),
        LineChange(there, move, "design/specrepo.yaml", "design/specrepo.yaml"),
        LineChange(again, there, "docs/design/specrepo.yaml", "design/specrepo.yaml")]
    assert line_paths("docs/design/specrepo.yaml", found) == [
        "docs/design/specrepo.yaml", "design/specrepo.yaml", "specrepo.yaml"]
    started = StartedChanges(Git(git_repo.root), head, "docs/design/specrepo.yaml")
    assert started.changes() == found


def test_a_continued_line_is_followed_after_its_start_only(git_repo: GitRepo) -> None:
    _, _, move, there, again, head = _moved_twice(git_repo)
    assert first_parent_changes(Git(git_repo.root), head, "docs/design/specrepo.yaml",
                                move) == [
        LineChange(there, move, "design/specrepo.yaml", "design/specrepo.yaml"),
        LineChange(again, there, "docs/design/specrepo.yaml", "design/specrepo.yaml")]


def test_a_file_added_from_nowhere_ends_the_line(git_repo: GitRepo) -> None:
    """The line ends at the commit that added the file from nowhere (here the root, left
    out); parked as `specrepo.yaml.bak` and renamed back, it goes through the park (a
    deletion) to the file's versions before it."""
    git_repo.commit("Start")
    git_repo.git("mv", "specrepo.yaml", "specrepo.yaml.bak")
    park = git_repo.commit("Park")
    git_repo.git("mv", "specrepo.yaml.bak", "specrepo.yaml")
    back = git_repo.commit("Back")
    found = first_parent_changes(Git(git_repo.root), back, "specrepo.yaml")
    assert found is not None
    assert [(change.commit, change.parent_path) for change in found] == [
        (park, "specrepo.yaml"), (back, "specrepo.yaml")]
