"""git's rename detection, asked of one long-lived `git diff-tree --stdin -M`: the same pairs
as a `git diff-tree -M` limited to the paths asked about, whatever else the commit did."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.gitio import renames
from specrepo.gitio.git_command import Git, HistoryError
from specrepo.gitio.renames import RenameDetector, detect_renames
from tests.history.gitrepo import GitRepo

SPECS = [":(top,glob)specs/**/*.yaml"]


def _lines(tag: str, count: int = 40) -> str:
    return "".join(f"{tag} line {number}\n" for number in range(count))


def _limited_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], list[str]]]:
    """The calls that fell back to a limited diff of their own (still run)."""
    calls: list[tuple[list[str], list[str]]] = []
    limited = renames.detect_renames

    def counted(git: Git, parent: str, commit: str | None, deleted: list[str],
                added: list[str]) -> list[tuple[str, str]]:
        calls.append((deleted, added))
        return limited(git, parent, commit, deleted, added)

    monkeypatch.setattr(renames, "detect_renames", counted)
    return calls


def test_a_commit_whose_only_deletions_and_additions_are_asked_needs_no_process_of_its_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "repo")
    # Paths with a newline, one like the line that ends each answer: read as paths.
    first = repo.commit("Add", {"specs/a.yaml": _lines("a"), "specs/b.yaml": _lines("b"),
                                "specs/odd\nname.yaml": _lines("odd")})
    moved = repo.commit("Move", {"specs/a.yaml": None, "specs/c/a2.yaml": _lines("a") + "x\n",
                                 "specs/odd\nname.yaml": None,
                                 "specs/specrepo-end\n.yaml": _lines("odd")})
    unchanged = repo.commit("Elsewhere", {"README.md": "hello\n"})
    git = Git(repo.root)
    calls = _limited_calls(monkeypatch)
    detector = RenameDetector(git, SPECS)
    try:
        deleted, added = ["specs/a.yaml", "specs/odd\nname.yaml"], \
            ["specs/c/a2.yaml", "specs/specrepo-end\n.yaml"]
        expected = detect_renames(git, first, moved, deleted, added)
        assert sorted(expected) == [("specs/a.yaml", "specs/c/a2.yaml"),
                                    ("specs/odd\nname.yaml", "specs/specrepo-end\n.yaml")]
        calls.clear()
        assert detector.renames(first, moved, deleted, added) == expected
        assert detector.renames(moved, unchanged, [], []) == []  # an empty answer
        assert detector.renames(first, moved, deleted, added) == expected  # asked again
        assert calls == []
    finally:
        detector.close()


def test_other_deletions_and_additions_in_the_commit_do_not_change_the_pairs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Among all four files git pairs `b` with `d` (nearly the same); asked about `a` and
    `d` only, as the walk asks when it paired the others itself, git pairs `a` with `d`."""
    repo = GitRepo(tmp_path / "repo")
    shared = _lines("shared", 30)
    first = repo.commit("Add", {"specs/a.yaml": shared + _lines("a", 10),
                                "specs/b.yaml": shared + _lines("b", 2)})
    second = repo.commit("Move", {"specs/a.yaml": None, "specs/b.yaml": None,
                                  "specs/c.yaml": _lines("c", 50),
                                  "specs/d.yaml": shared + _lines("b", 2) + "d\n"})
    git = Git(repo.root)
    whole = detect_renames(git, first, second, ["specs/a.yaml", "specs/b.yaml"],
                           ["specs/c.yaml", "specs/d.yaml"])
    assert whole == [("specs/b.yaml", "specs/d.yaml")]
    calls = _limited_calls(monkeypatch)
    detector = RenameDetector(git, SPECS)
    try:
        assert detector.renames(first, second, ["specs/a.yaml"], ["specs/d.yaml"]) == \
            [("specs/a.yaml", "specs/d.yaml")]
        assert calls == [(["specs/a.yaml"], ["specs/d.yaml"])]
    finally:
        detector.close()


def test_a_commit_git_cannot_read_is_answered_by_the_limited_diff(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    first = repo.commit("Add", {"specs/a.yaml": _lines("a")})
    second = repo.commit("Move", {"specs/a.yaml": None, "specs/b.yaml": _lines("a")})
    detector = RenameDetector(Git(repo.root), SPECS)
    try:
        with pytest.raises(HistoryError, match=r"^git cannot read object 0{40}: it is missing"):
            detector.renames(first, "0" * 40, ["specs/a.yaml"], ["specs/b.yaml"])
        # The long-lived diff stopped at the bad commit; limited diffs answer from then on.
        assert detector.renames(first, second, ["specs/a.yaml"], ["specs/b.yaml"]) == \
            [("specs/a.yaml", "specs/b.yaml")]
    finally:
        detector.close()


def test_answers_asked_ahead_are_the_same_in_any_order_asked_or_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stream's thread asks ahead for commits the walk may ask about: the walk gets
    the answers it would get without that, whichever it asks, in any order, with answers
    written back to back and some never asked for."""
    repo = GitRepo(tmp_path / "repo")
    commits = [repo.commit("Add", {f"specs/{name}.yaml": _lines(name) for name in "abcd"})]
    for number, name in enumerate("abcd"):
        commits.append(repo.commit(f"Move {name}", {f"specs/{name}.yaml": None,
                                                    f"specs/moved/{name}{number}.yaml":
                                                    _lines(name) + "moved\n"}))
    git = Git(repo.root)
    asked = [(commits[index - 1], commits[index], [f"specs/{name}.yaml"],
              [f"specs/moved/{name}{index - 1}.yaml"]) for index, name in enumerate("abcd", 1)]
    expected = [detect_renames(git, *question) for question in asked]
    assert expected == [[(question[2][0], question[3][0])] for question in asked]
    calls = _limited_calls(monkeypatch)
    detector = RenameDetector(git, SPECS)
    try:
        for parent, commit, _, _ in asked:
            detector.ask_ahead(parent, commit)
        assert detector.renames(*asked[2]) == expected[2]  # past two answers not asked for
        assert detector.renames(*asked[0]) == expected[0]
        assert detector.renames(*asked[2]) == expected[2]  # asked again: asked of git again
        assert detector.renames(*asked[3]) == expected[3]
        assert calls == []
    finally:
        detector.close()


def test_asking_ahead_stops_at_its_limit_and_after_git_failed(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    first = repo.commit("Add", {"specs/a.yaml": _lines("a")})
    second = repo.commit("Move", {"specs/a.yaml": None, "specs/b.yaml": _lines("a")})
    detector = RenameDetector(Git(repo.root), SPECS)
    try:
        for _ in range(renames._AHEAD + 5):  # never read: git's input never fills
            detector.ask_ahead(first, second)
        assert len(detector._asked) == renames._AHEAD
        assert detector.renames(first, second, ["specs/a.yaml"], ["specs/b.yaml"]) == \
            [("specs/a.yaml", "specs/b.yaml")]
        detector.ask_ahead(first, "0" * 40)  # git stops at it
        with pytest.raises(HistoryError, match=r"^git cannot read object 0{40}: it is missing"):
            detector.renames(first, "0" * 40, ["specs/a.yaml"], ["specs/b.yaml"])
        detector.ask_ahead(first, second)  # nothing asked of a stopped git
        assert detector.renames(first, second, ["specs/a.yaml"], ["specs/b.yaml"]) == \
            [("specs/a.yaml", "specs/b.yaml")]
    finally:
        detector.close()
