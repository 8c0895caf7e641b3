"""The files merges edited themselves, from real merges: a clean merge of parallel edits, a
side taken whole, a rename merged with an edit edited nothing; a conflict resolved with new
text did."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.gitio.git_command import Git
from specrepo.gitio.merge_edits import own_edits, unquoted
from tests.history.gitrepo import GitRepo

TEXT = "one\n\n\n\nfive\n"


def _forked(tmp_path: Path, path: str = "tests/t.py") -> GitRepo:
    """`path` committed on main, a branch `side` forked there."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {path: TEXT})
    repo.git("branch", "side")
    return repo


def _edits(repo: GitRepo, merge: str) -> list[str]:
    found = own_edits(Git(repo.root), [merge], [":(glob)tests/**"])
    return [edit.path for edit in found.get(merge, ())]


def test_a_clean_merge_of_parallel_edits_edited_nothing(tmp_path: Path) -> None:
    repo = _forked(tmp_path)
    repo.commit("Main", {"tests/t.py": "ONE\n\n\n\nfive\n"})
    repo.git("checkout", "-q", "side")
    repo.commit("Side", {"tests/t.py": "one\n\n\n\nFIVE\n"})
    repo.git("checkout", "-q", "main")
    merge = repo.merge("side")
    assert repo.git("show", "HEAD:tests/t.py") == "ONE\n\n\n\nFIVE"  # differs from both
    assert _edits(repo, merge) == []


@pytest.mark.parametrize(("resolved", "edited"), [
    ("main\n\n\n\nfive\n", False),   # main's side of the conflict, taken whole
    ("side\n\n\n\nfive\n", False),   # the branch's
    ("both\n\n\n\nfive\n", True),    # text of its own
])
def test_a_conflict_resolved_with_new_text_is_the_merges_edit(tmp_path: Path, resolved: str,
                                                              edited: bool) -> None:
    repo = _forked(tmp_path)
    repo.commit("Main", {"tests/t.py": "main\n\n\n\nfive\n", "tests/u.py": "u\n"})
    repo.git("checkout", "-q", "side")
    repo.commit("Side", {"tests/t.py": "side\n\n\n\nfive\n"})
    repo.git("checkout", "-q", "main")
    merge = repo.merge("side", files={"tests/t.py": resolved})
    assert _edits(repo, merge) == (["tests/t.py"] if edited else [])


def test_a_file_one_side_renamed_and_the_other_edited_merges_cleanly(tmp_path: Path) -> None:
    """The merge's file has no counterpart at its path in the branch that edited it: only
    rename detection sees the edit came from there."""
    repo = _forked(tmp_path, "tests/old.py")
    repo.commit("Rename", {"tests/old.py": None, "tests/new.py": TEXT})
    repo.git("checkout", "-q", "side")
    repo.commit("Edit", {"tests/old.py": "one\n\n\n\nFIVE\n"})
    repo.git("checkout", "-q", "main")
    merge = repo.merge("side")
    assert repo.git("show", "HEAD:tests/new.py") == "one\n\n\n\nFIVE"
    assert _edits(repo, merge) == []
    repo.git("checkout", "-q", "-b", "again", "side")
    repo.commit("Edit again", {"tests/old.py": "one\n\n\n\nAGAIN\n"})
    repo.git("checkout", "-q", "main")
    repo.commit("Edit the new", {"tests/new.py": "one\n\n\n\nNEW\n"})
    merge = repo.merge("again", files={"tests/new.py": "one\n\n\n\nmerged\n"})
    assert _edits(repo, merge) == ["tests/new.py"]


def test_a_renamed_files_edit_is_told_beside_the_merges_own_edits(tmp_path: Path) -> None:
    """The rename pass asks only for the files that lack a parent's and those a parent
    has that the merge has not: a merge's own edit of another file stays, a name with
    glob characters is taken as written, and files main added meanwhile change nothing."""
    repo = _forked(tmp_path, "tests/old[1]*.py")
    repo.commit("Shared", {"tests/u.py": "u\n"})
    repo.git("branch", "-f", "side")
    repo.commit("Rename, and more", {"tests/old[1]*.py": None,
                                     "tests/new[1]*.py": "ONE\n\n\n\nfive\n",
                                     "tests/u.py": "main\n",
                                     **{f"tests/added{index}.py": f"{index}\n" * 3
                                        for index in range(20)}})
    repo.git("checkout", "-q", "side")
    repo.commit("Edit", {"tests/old[1]*.py": "one\n\n\n\nFIVE\n", "tests/u.py": "side\n"})
    repo.git("checkout", "-q", "main")
    merge = repo.merge("side", files={"tests/u.py": "both\n"})
    assert repo.git("show", "HEAD:tests/new[1]*.py") == "ONE\n\n\n\nFIVE"  # neither side's
    assert _edits(repo, merge) == ["tests/u.py"]


def test_names_git_quotes_are_read_back(tmp_path: Path) -> None:
    name = 'tests/a "b"\\c\td\u00e9.py'
    repo = _forked(tmp_path, name)
    repo.commit("Main", {name: "main\n"})
    repo.git("checkout", "-q", "side")
    repo.commit("Side", {name: "side\n"})
    repo.git("checkout", "-q", "main")
    merge = repo.merge("side", files={name: "both\n"})
    assert _edits(repo, merge) == [name]
    assert own_edits(Git(repo.root), [], ["tests"]) == {}


@pytest.mark.parametrize(("written", "path"), [
    (b"plain/p\xc3\xa9.py", "plain/p\u00e9.py"),
    (b'"a\\tb\\nc\\"d\\\\e"', 'a\tb\nc"d\\e'),
    (b'"caf\\303\\251\\001"', "caf\u00e9\x01"),
    (b'"bad\\377"', "bad\udcff"),  # not UTF-8: the byte kept (PEP 383)
])
def test_unquoted(written: bytes, path: str) -> None:
    assert unquoted(written) == path
