"""Each file's last touches from real histories: the commits that changed it that no other
one descends from, whatever the commits' dates say (clocks skew, branches interleave), and a
merge that wrote text of its own."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.history.gitrepo import EPOCH, GitRepo
from tests.support import fuzz
from tests.trace.git_scans import last_touches

DATES = st.lists(st.integers(EPOCH - 400 * 86400, EPOCH + 400 * 86400), min_size=6, max_size=6)


def _interleaved(root: Path, dates: list[int]) -> tuple[GitRepo, dict[str, str]]:
    """main edits t.py's first line (m1), a branch forks, main edits it again (m2) and
    edits u.py (m3); the branch edits t.py's last line (s1) and u.py (s2); merged cleanly.
    Commit `n` is dated `dates[n]` (author and committer)."""
    repo = GitRepo(root)
    when = iter(dates)

    def commit(message: str, files: dict[str, str]) -> str:
        date = next(when)
        return repo.commit(message, files, date=date, committer_date=date)

    commits = {"base": commit("Base", {"t.py": "a\n\n\n\nz\n", "u.py": "u\n\n\n\nv\n"})}
    commits["m1"] = commit("m1", {"t.py": "A\n\n\n\nz\n"})
    repo.git("branch", "side")
    commits["m2"] = commit("m2", {"t.py": "AA\n\n\n\nz\n"})
    commits["m3"] = commit("m3", {"u.py": "U\n\n\n\nv\n"})
    repo.git("checkout", "-q", "side")
    commits["s1"] = commit("s1", {"t.py": "A\n\n\n\nZ\n"})
    commits["s2"] = commit("s2", {"u.py": "u\n\n\n\nV\n"})
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge", "side",
             date=dates[0], committer_date=dates[0])
    return repo, commits


def _commits(repo: GitRepo, path: str) -> set[str]:
    return {touch.commit for touch in last_touches(repo.root, ["*.py"]).get(path, ())}


@fuzz(5)
@given(DATES)
def test_the_last_touches_do_not_depend_on_dates(tmp_path_factory: pytest.TempPathFactory,
                                                 dates: list[int]) -> None:
    """Any committer dates, ahead of or behind the commits' parents: after the clean merge
    t.py's last touches are main's last edit and the branch's, u.py's main's and the
    branch's (their edits merge cleanly: the merge wrote nothing of its own)."""
    repo, commits = _interleaved(tmp_path_factory.mktemp("dates"), dates)
    assert _commits(repo, "t.py") == {commits["m2"], commits["s1"]}
    assert _commits(repo, "u.py") == {commits["m3"], commits["s2"]}


def test_a_descendant_dated_before_its_parent_is_the_last_touch(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "skewed")
    repo.commit("One", {"t.py": "1\n"})
    two = repo.commit("Two", {"t.py": "2\n"}, date=EPOCH - 100 * 86400,
                      committer_date=EPOCH - 100 * 86400)
    assert _commits(repo, "t.py") == {two}


def test_a_merge_that_wrote_its_own_text_is_the_one_last_touch(tmp_path: Path) -> None:
    repo, _ = _interleaved(tmp_path / "evil", [EPOCH + day * 86400 for day in range(6)])
    repo.git("checkout", "-q", "-b", "again", "side")
    repo.commit("Branch edits t.py's first line", {"t.py": "B\n\n\n\nZ\n"})
    repo.git("checkout", "-q", "main")
    merge = repo.merge("again", files={"t.py": "AB\n\n\n\nZ\n"})
    assert _commits(repo, "t.py") == {merge}
    assert len(_commits(repo, "u.py")) == 2  # the merge edited t.py only


def test_a_branch_merged_that_kept_the_other_side_left_no_touch(tmp_path: Path) -> None:
    """`git merge -s ours`: the branch's edit is gone from the file: main's edit is its one
    last touch (git's history of the file leaves the branch out)."""
    repo = GitRepo(tmp_path / "ours")
    repo.commit("Base", {"t.py": "a\n"})
    repo.git("branch", "side")
    main = repo.commit("Main", {"t.py": "main\n"})
    repo.git("checkout", "-q", "side")
    repo.commit("Side", {"t.py": "side\n"})
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "-s", "ours", "--no-ff", "-m", "Keep main", "side")
    assert _commits(repo, "t.py") == {main}


def test_a_partial_clone_asks_no_merge_for_its_own_edits(tmp_path: Path) -> None:
    """Its old blobs are missing, and the merges' diffs would fetch them one by one: no
    merge is a touch there (each side's last edit stays one), and git fetched nothing."""
    origin, _ = _interleaved(tmp_path / "origin", [EPOCH + day * 86400 for day in range(6)])
    origin.git("checkout", "-q", "-b", "again", "side")
    side = origin.commit("Branch edits t.py's first line", {"t.py": "B\n\n\n\nZ\n"})
    origin.git("checkout", "-q", "main")
    main = origin.commit("Main edits it too", {"t.py": "C\n\n\n\nZ\n"})
    merge = origin.merge("again", files={"t.py": "BC\n\n\n\nZ\n"})
    assert _commits(origin, "t.py") == {merge}
    origin.git("config", "uploadpack.allowFilter", "true")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--filter=blob:none", f"file://{origin.root}",
                    str(clone)], check=True, capture_output=True)
    missing = subprocess.run(["git", "rev-list", "--objects", "--missing=print", "--all"],
                             cwd=clone, check=True, capture_output=True, text=True).stdout
    assert {touch.commit for touch in last_touches(clone, ["*.py"])["t.py"]} == {main, side}
    assert subprocess.run(["git", "rev-list", "--objects", "--missing=print", "--all"],
                          cwd=clone, check=True, capture_output=True,
                          text=True).stdout == missing
