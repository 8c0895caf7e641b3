"""The configuration file's first-parent changes, followed where a commit moved it (with
its specs, `git mv specrepo.yaml specs design/`), on real repositories (trial36)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
    """Continued after a commit, the line of the file at its path then; one that moved it
    there after that commit continues nothing (the cache of that commit for today's path
    is one of a work tree that had moved it: its line before the move is not in it), and
    the caller reads the whole line (trial37b)."""
    _, _, move, there, again, head = _moved_twice(git_repo)
    git = Git(git_repo.root)
    assert first_parent_changes(git, there, "design/specrepo.yaml", move) == [
        LineChange(there, move, "design/specrepo.yaml", "design/specrepo.yaml")]
    assert first_parent_changes(git, head, "docs/design/specrepo.yaml", move) is None
    assert first_parent_changes(git, head, "docs/design/specrepo.yaml", again) == []


def test_a_file_added_from_nowhere_ends_the_line(git_repo: GitRepo) -> None:
    """The line ends at the commit that added the file from nowhere (here the root, left
    out); parked as `specrepo.yaml.bak` and renamed back, it goes through the park (the
    file there, as the walk reads it: lines42) to the file's versions before it."""
    git_repo.commit("Start")
    git_repo.git("mv", "specrepo.yaml", "specrepo.yaml.bak")
    park = git_repo.commit("Park")
    git_repo.git("mv", "specrepo.yaml.bak", "specrepo.yaml")
    back = git_repo.commit("Back")
    found = first_parent_changes(Git(git_repo.root), back, "specrepo.yaml")
    assert found is not None
    assert [(change.commit, change.parent_path) for change in found] == [
        (park, "specrepo.yaml"), (back, "specrepo.yaml.bak")]
    assert found[0].path == "specrepo.yaml.bak"


def test_a_start_that_is_not_on_the_line_before_head_continues_nothing(
        git_repo: GitRepo) -> None:
    """A line continues only from a commit of it before HEAD: from HEAD's child, from a
    merge that HEAD came before (the branch's tip after a run on main, trial37), or from
    another branch, None (the caller reads the whole line)."""
    start = git_repo.commit("Start")
    git_repo.git("checkout", "-q", "-b", "side")
    tip = git_repo.commit("Exclude", {"specrepo.yaml": "specs: specs\nexclude: [x]\n"})
    git_repo.git("checkout", "-q", "main")
    other = git_repo.commit("Other", {"notes.txt": "n\n"})
    merge = git_repo.merge("side")
    git = Git(git_repo.root)
    assert first_parent_changes(git, tip, "specrepo.yaml", start) == [
        LineChange(tip, start, "specrepo.yaml", "specrepo.yaml")]
    assert first_parent_changes(git, merge, "specrepo.yaml", other) == [
        LineChange(merge, other, "specrepo.yaml", "specrepo.yaml")]
    for head, since in ((tip, merge), (start, tip), (other, tip), (tip, other)):
        assert first_parent_changes(git, head, "specrepo.yaml", since) is None


def test_a_configuration_deleted_then_added_under_another_name_goes_on_before_it(
        git_repo: GitRepo) -> None:
    """trial37b: `git rm specrepo.yaml` in one commit, `cfg.yaml` added in a later one (no
    rename pairs it there): the line goes on through the deletion to the deleted file's
    versions, as it does for one added back at its own path; so does a head that has no
    `cfg.yaml` yet (the work tree adds it: the commit being made)."""
    start = git_repo.commit("Start")
    change = git_repo.commit("Change", {"specrepo.yaml": "specs: specs\nexclude: [x]\n"})
    drop = git_repo.commit("Drop", {"specrepo.yaml": None})
    other = git_repo.commit("Other", {"notes.txt": "n\n"})
    back = git_repo.commit("Back as cfg.yaml", {"cfg.yaml": "specs: specs\n"})
    git = Git(git_repo.root)
    before = [LineChange(change, start, "specrepo.yaml", "specrepo.yaml"),
              LineChange(drop, change, "specrepo.yaml", "specrepo.yaml")]
    found = first_parent_changes(git, back, "cfg.yaml")
    assert found == [*before, LineChange(back, other, "cfg.yaml", "specrepo.yaml")]
    assert line_paths("cfg.yaml", found) == ["cfg.yaml", "specrepo.yaml"]
    assert StartedChanges(git, back, "cfg.yaml").changes() == found
    assert first_parent_changes(git, other, "cfg.yaml") == before
    assert StartedChanges(git, other, "cfg.yaml").changes() == before
    # continued after the deletion (a cache of `other`'s): only the whole line says where
    # the file that came after it was before, so the caller reads that
    assert first_parent_changes(git, back, "cfg.yaml", drop) is None
    assert first_parent_changes(git, back, "cfg.yaml", other) is None


def test_a_file_added_where_none_was_deleted_still_ends_the_line(git_repo: GitRepo) -> None:
    """`design/cfg.yaml` added where no configuration was ever deleted (another file was,
    and `specrepo.yaml` of another folder is kept): its line starts there."""
    start = git_repo.commit("Start")
    added = git_repo.commit("Add", {"design/cfg.yaml": "specs: specs\n", "other.yaml": "x\n"})
    dropped = git_repo.commit("Drop another file", {"other.yaml": None})
    head = git_repo.commit("Change", {"design/cfg.yaml": "specs: [specs]\n"})
    git = Git(git_repo.root)
    assert first_parent_changes(git, head, "design/cfg.yaml") == [
        LineChange(added, start, "design/cfg.yaml", "design/cfg.yaml"),
        LineChange(head, dropped, "design/cfg.yaml", "design/cfg.yaml")]
    assert first_parent_changes(git, head, "none.yaml") == []


CONFIG = """\
specs: design
statuses:
  states: [Draft, In Review, Approved, Implemented]
  transitions: {Draft: [In Review], In Review: [Approved], Approved: [Implemented]}
"""
"""A configuration of some size: git's rename detection pairs it with an edited copy."""


def committed_on_line(repo: GitRepo, files: dict[str, str | None], *, merged: bool) -> str:
    """Commit `files` on the first-parent line, or (`merged`) on a branch `drop` that the
    line then merges; the line's new commit."""
    if not merged:
        return repo.commit("Drop", files)
    repo.git("checkout", "-q", "-b", "drop")
    repo.commit("Drop", files)
    repo.git("checkout", "-q", "main")
    return repo.merge("drop")


@pytest.mark.parametrize("merged", [False, True])
def test_a_configuration_deleted_under_a_third_name_goes_on_before_it(
        git_repo: GitRepo, merged: bool) -> None:
    """cfgdel37: `spec-config.yaml` deleted (in a commit of the line, or on a branch the
    line merged), `cfg.yaml` added later, neither `specrepo.yaml`: git's rename detection
    pairs them (50% similar at least, as in one commit), so the line goes on through the
    deletion; a later deletion of another file (`notes.yaml`) is passed over, and the
    commit being made (the index adds it) goes on the same way."""
    start = git_repo.commit("Start", {"specrepo.yaml": None, "spec-config.yaml": CONFIG})
    committed_on_line(git_repo, {"spec-config.yaml": None}, merged=merged)
    dropped = git_repo.commit("Notes", {"notes.yaml": "a: 1\n"})
    other = git_repo.commit("Drop the notes", {"notes.yaml": None})
    back = git_repo.commit("Back as cfg.yaml", {"cfg.yaml": CONFIG + "  # edited\n"})
    git = Git(git_repo.root)
    assert dropped
    found = first_parent_changes(git, back, "cfg.yaml")
    assert found is not None and found[-1] == LineChange(back, other, "cfg.yaml",
                                                         "spec-config.yaml")
    assert found[0].commit != start and line_paths("cfg.yaml", found) == [
        "cfg.yaml", "spec-config.yaml"]
    git_repo.git("reset", "-q", "--soft", "HEAD^")  # cfg.yaml staged: the commit being made
    assert StartedChanges(git, other, "cfg.yaml").changes()[-1].parent_path \
        == "spec-config.yaml"


def test_a_deleted_file_git_does_not_pair_is_no_configuration(git_repo: GitRepo) -> None:
    """A file of a third name deleted earlier that git's rename detection does not take the
    added configuration for (less than 50% similar: an old `notes.yaml`) is no
    configuration: the added file starts its line (specrepo adopted there)."""
    git_repo.commit("Start", {"specrepo.yaml": None, "notes.yaml": "a: 1\nb: 2\n"})
    other = git_repo.commit("Drop the notes", {"notes.yaml": None})
    adopt = git_repo.commit("Adopt", {"cfg.yaml": CONFIG})
    head = git_repo.commit("Change", {"cfg.yaml": CONFIG.replace("design", "specs")})
    assert first_parent_changes(Git(git_repo.root), head, "cfg.yaml") == [
        LineChange(adopt, other, "cfg.yaml", "cfg.yaml"),
        LineChange(head, adopt, "cfg.yaml", "cfg.yaml")]


def test_the_whole_line_is_followed_once_per_run(
        git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """cold41: the departures (`StartedChanges`, asked beside the walk) and the line of a
    configuration added after the first commit (`ConfigLine`, through
    `first_parent_changes`) follow the file's first-parent line once per `Git`, not once
    each (the project's own cold `report`: its log and the four gits that follow it, twice).
    A line after a commit is asked of git each time, as before."""
    made = _moved_twice(git_repo)
    trace = tmp_path / "trace.json"
    monkeypatch.setenv("GIT_TRACE2_EVENT", str(trace))
    git = Git(git_repo.root)
    started = StartedChanges(git, made[-1], "docs/design/specrepo.yaml")
    ahead = started.changes()
    followed = [first_parent_changes(git, made[-1], "docs/design/specrepo.yaml")
                for _ in range(2)]
    after = [first_parent_changes(git, made[-1], "docs/design/specrepo.yaml", made[2])
             for _ in range(2)]
    monkeypatch.delenv("GIT_TRACE2_EVENT")
    assert followed == [ahead, ahead] and len(ahead) == 4 and after[0] == after[1]
    logs = [event["argv"][1:] for event in map(json.loads, trace.read_text().splitlines())
            if event.get("event") == "start" and event["argv"][1:3] == ["log", "--first-parent"]]
    whole = [(argv[-3], argv[-1]) for argv in logs if ".." not in argv[-3]]
    assert whole and len(whole) == len(set(whole))  # each path of the line: once
