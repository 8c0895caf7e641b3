"""`gitio.object_stamp`: a presence check a settled, untouched object store passed is not
asked of git again; any loss (a loose object deleted, a pack removed or replaced, another
alternate store) is asked."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from specrepo.base import inputs, settled
from specrepo.base.recording import RecordingReader
from specrepo.gitio import object_reread
from specrepo.gitio.object_stamp import RECORD, vouched_or_asked
from tests.base.test_result_cache import run_once
from tests.history.gitrepo import GitRepo, spec_text

LONG_AGO = 1_600_000_000 * 10**9
"""A time (ns) long before any test runs: a stamp of a store dated then is trusted."""
LATER = LONG_AGO + 3600 * 10**9
"""Another such time: a change made long ago, after the stamp was kept."""


def settle(repo: GitRepo, when: int = LONG_AGO) -> None:
    """Date `when` each folder and file of the object store (and the files beside it a
    stamp reads) changed after it, as though nothing had changed there since: `os.utime`,
    not sleeping. What is older keeps its time (a loss shows only in what it changed)."""
    git_folder = repo.root / ".git"
    places = [git_folder / name for name in ("config", "packed-refs", "shallow")]
    for folder, folders, files in os.walk(git_folder / "objects"):
        places += [Path(folder), *(Path(folder, name) for name in [*folders, *files])]
    for place in places:
        if place.exists() and place.stat().st_mtime_ns > when:
            os.utime(place, ns=(when, when))


class Asker:
    """Git's own answer (`cat-file --batch-check`), counted."""

    def __init__(self, repo: GitRepo, text: str) -> None:
        self.repo, self.text, self.times = repo, text, 0
        self.result: bool | None = None
        """What `vouched_or_asked` answered."""

    def __call__(self) -> bool:
        self.times += 1
        done = subprocess.run(["git", "cat-file", "--batch-check"], cwd=self.repo.root,
                              input=self.text.encode(), capture_output=True, check=True)
        return b" missing\n" not in done.stdout


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("one", {"a.txt": "a\n"})
    git_repo.commit("two", {"a.txt": "b\n", "b/c.txt": "c\n"})
    (git_repo.root / ".git" / "specrepo").mkdir()  # the caches' folder
    return git_repo


def objects_of(repo: GitRepo) -> str:
    """Every object of the repository, one a line, as a cache's check asks them."""
    return "".join(f"{line[:40]}\n" for line in
                   repo.git("rev-list", "--objects", "--all").splitlines())


def checked(repo: GitRepo, text: str | None = None) -> Asker:
    """A check of `text` (every object) asked as `missing_objects` asks it."""
    asker = Asker(repo, objects_of(repo) if text is None else text)
    asker.result = vouched_or_asked(str(repo.root), asker.text, asker)
    return asker


def test_a_settled_store_that_passed_is_not_asked_again(repo: GitRepo) -> None:
    settle(repo)
    assert checked(repo).times == 1
    assert (repo.root / ".git" / RECORD).is_file()
    again = checked(repo)
    assert (again.times, again.result) == (0, True)
    other = checked(repo, objects_of(repo)[41:])  # other names: asked, then kept beside
    assert (other.times, checked(repo).times, checked(repo, other.text).times) == (1, 0, 0)


def test_a_store_changed_within_the_racy_margin_keeps_no_stamp(repo: GitRepo) -> None:
    """Just written (as by the commits): a coarse clock could hide a deletion made in the
    same tick, so each run asks."""
    assert checked(repo).times == 1
    assert checked(repo).times == 1
    assert json.loads((repo.root / ".git" / RECORD).read_text().partition("\n")[0]) == {
        "stamp": "", "checked": []}


def test_a_racy_check_keeps_what_it_hashed_outside_the_margin(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Object files new to the record are hashed (`object_reread.intact`) once, though a
    commit just made (its files within the racy margin) keeps the stamp from being kept:
    the next run hashes only the files within the margin again."""
    settle(repo)
    repo.commit("three", {"a.txt": "c\n"})
    hashed: list[str] = []
    whole = object_reread.intact

    def intact(path: str) -> bool:
        hashed.append(path)
        return whole(path)

    monkeypatch.setattr(object_reread, "intact", intact)
    assert checked(repo).times == 1
    first = sorted(hashed)
    hashed.clear()
    assert checked(repo).times == 1
    racy = [path for path in first
            if os.stat(path).st_mtime_ns > LONG_AGO]
    assert sorted(hashed) == racy and 0 < len(racy) < len(first)


def test_names_that_are_not_object_ids_are_always_asked(repo: GitRepo) -> None:
    settle(repo)
    assert checked(repo, "HEAD\nmain^{tree}\n").times == 1
    assert checked(repo, "HEAD\nmain^{tree}\n").times == 1


def lose_a_loose_object(repo: GitRepo) -> None:
    name = repo.git("rev-parse", "HEAD~1^{tree}")
    (repo.root / ".git" / "objects" / name[:2] / name[2:]).unlink()


def empty_a_loose_object(repo: GitRepo) -> None:
    """A crash's damage ("object file ... is empty"): the file emptied in place, its time
    as it was, its folder untouched."""
    name = repo.git("rev-parse", "HEAD:b/c.txt")
    loose = repo.root / ".git" / "objects" / name[:2] / name[2:]
    was = loose.stat().st_mtime_ns
    loose.chmod(0o644)
    loose.write_bytes(b"")
    os.utime(loose, ns=(was, was))


def repack_and_prune(repo: GitRepo) -> None:
    """All in one pack, the loose ones pruned, and one object nothing refers to lost."""
    repo.git("update-ref", "refs/heads/main", "HEAD~1")
    repo.git("reflog", "expire", "--expire=now", "--all")
    repo.git("repack", "-a", "-d", "-q")
    repo.git("prune", "--expire=now")


def lose_a_pack(repo: GitRepo) -> None:
    for pack in (repo.root / ".git" / "objects" / "pack").iterdir():
        pack.unlink()


@pytest.mark.parametrize("loss", [lose_a_loose_object, empty_a_loose_object, repack_and_prune,
                                  lose_a_pack])
def test_a_loss_made_long_after_the_stamp_is_asked(repo: GitRepo,
                                                   loss: Callable[[GitRepo], None]) -> None:
    if loss is lose_a_pack:
        repo.git("repack", "-a", "-d", "-q")
        repo.git("prune", "--expire=now")
    settle(repo)
    text = objects_of(repo)
    assert checked(repo, text).times == 1
    loss(repo)
    settle(repo, LATER)  # found a while after: no racy time to help
    lost = checked(repo, text)
    assert (lost.times, lost.result) == (1, False)


@pytest.fixture
def borrower(repo: GitRepo, tmp_path: Path) -> GitRepo:
    """A repository that holds none of `repo`'s objects: it finds them in `repo`'s store
    (`objects/info/alternates`)."""
    borrower = GitRepo(tmp_path / "borrower")
    (borrower.root / ".git" / "specrepo").mkdir()
    (borrower.root / ".git" / "objects" / "info" / "alternates").write_text(
        f"{repo.root / '.git' / 'objects'}\n")
    settle(repo)
    settle(borrower)
    return borrower


def test_a_loss_in_an_alternate_store_is_asked(repo: GitRepo, borrower: GitRepo) -> None:
    text = objects_of(repo)
    assert checked(borrower, text).times == 1
    assert checked(borrower, text).times == 0
    lose_a_loose_object(repo)
    settle(repo, LATER)
    assert (checked(borrower, text).times, checked(borrower, text).result) == (1, False)


def test_alternates_changed_are_asked(repo: GitRepo, borrower: GitRepo,
                                      tmp_path: Path) -> None:
    text = objects_of(repo)
    assert checked(borrower, text).times == 1
    moved = tmp_path / "moved"
    shutil.copytree(repo.root / ".git" / "objects", moved)
    alternates = borrower.root / ".git" / "objects" / "info" / "alternates"
    alternates.write_text(f"{moved}\n")
    settle(borrower)
    assert checked(borrower, text).times == 1  # another store: asked, and kept
    (moved / text[:2] / text[2:40]).unlink()
    os.utime(moved / text[:2], ns=(LATER, LATER))
    assert (checked(borrower, text).times, checked(borrower, text).result) == (1, False)


def test_a_loss_in_the_environment_s_alternate_store_is_asked(
        repo: GitRepo, borrower: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    (borrower.root / ".git" / "objects" / "info" / "alternates").unlink()
    settle(borrower)
    text = objects_of(repo)
    assert checked(borrower, text).times == 1  # without the variable: missing
    monkeypatch.setenv("GIT_ALTERNATE_OBJECT_DIRECTORIES", str(repo.root / ".git" / "objects"))
    assert (checked(borrower, text).times, checked(borrower, text).times) == (1, 0)
    lose_a_loose_object(repo)
    settle(repo, LATER)
    assert (checked(borrower, text).times, checked(borrower, text).result) == (1, False)


def test_a_recording_run_records_the_check_but_not_the_stamp(repo: GitRepo) -> None:
    """A stamp's hit is told to the reader as the check itself (a replay asks it again);
    the folders and files the stamp reads are no questions of the run."""
    settle(repo)
    text = objects_of(repo)
    assert checked(repo, text).times == 1
    recorder = RecordingReader(0, (str(repo.root / ".git" / "specrepo"),))
    with inputs.reading_through(recorder):
        assert checked(repo, text).times == 0
    assert recorder.presence == [[str(repo.root), text]]
    assert recorder.git_folders == []  # no git started: the result cache counts them
    assert not [question for question in recorder.questions if "objects" in str(question)]


STARTED: list[str] = []
"""The programs this process started (`subprocess.Popen` audit events)."""
sys.addaudithook(lambda event, arguments: STARTED.append(str(arguments[0]))
                 if event == "subprocess.Popen" else None)


def test_a_run_the_stamp_answered_is_stored_and_replayed_without_git(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """A whole-result cache's filling run whose history check the stamp answered keeps the
    check in its entry (`Reader.ran_git(started=False)`), and its replay asks it of the
    stamp again (`all_present`): no git at all."""
    monkeypatch.setattr(settled, "SETTLED_NS", 0)  # the test's files settle at once
    git_repo.commit("add", {"specs/SPEC-0001.yaml": spec_text()})
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(status="In Review")})
    arguments = ("report", "--format", "json")
    first = run_once(arguments)  # the history walked
    settle(git_repo)
    assert run_once(arguments, forget=True) == first  # asks git; the stamp kept
    assert run_once(arguments, forget=True) == first  # the stamp answers; stored
    STARTED.clear()
    assert run_once(arguments) == first
    assert STARTED == []  # replayed, the objects asked of the stamp


def test_a_linked_worktree_stamps_the_shared_store_and_keeps_its_own_record(
        repo: GitRepo, tmp_path: Path) -> None:
    repo.git("worktree", "add", "-q", str(tmp_path / "linked"))
    own = repo.root / ".git" / "worktrees" / "linked"
    (own / "specrepo").mkdir()
    linked = GitRepo.__new__(GitRepo)  # the linked work tree: only its folder is used
    linked.root = tmp_path / "linked"
    settle(repo)
    text = objects_of(repo)
    assert (checked(linked, text).times, checked(linked, text).times) == (1, 0)
    assert (own / RECORD).is_file()
    assert not (repo.root / ".git" / RECORD).exists()
    lose_a_loose_object(repo)
    settle(repo, LATER)
    assert (checked(linked, text).times, checked(linked, text).result) == (1, False)
