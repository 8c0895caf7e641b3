"""`git_command.complained`: a git that exited 0 but said it could not read an object is
asked again: the object it names, else those it was fed, read in full; a damaged copy of
an object git then read whole is no damage (real repositories, a loose commit's byte
flipped as a disk error leaves it)."""

from __future__ import annotations

import pytest

from specrepo.gitio.batch_names import DamagedObject
from specrepo.gitio.git_command import HistoryError, complained
from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_damaged_history import _damage
from tests.history.test_relied_objects import DAMAGED, PATH

INFLATE = b"error: inflate: data stream error (incorrect data check)\n"
"""All git 2.47's `diff-tree --stdin` says of a commit it cannot read (exit 0)."""


def _damaged_commit(repo: GitRepo) -> tuple[str, str]:
    """An intact commit and, after it, a commit whose loose file is damaged."""
    intact = repo.commit("add", {PATH: spec_text()})
    damaged = repo.commit("review", {PATH: spec_text(status="In Review")})
    _damage(repo, damaged, packed=False)
    return intact, damaged


def test_a_fed_commit_git_cannot_read_is_named_as_a_warm_run_names_it(
        git_repo: GitRepo) -> None:
    intact, damaged = _damaged_commit(git_repo)
    with pytest.raises(DamagedObject) as raised:
        complained(INFLATE, git_repo.root, [intact, damaged], "commit")
    words = str(raised.value)
    assert words.startswith(f"git cannot read commit {damaged}: it is damaged (git: error: "
                            "inflate: "), words
    assert words.endswith(f"; {DAMAGED}"), words


def test_a_named_object_git_cannot_read_is_worded_by_its_kind(git_repo: GitRepo) -> None:
    damaged = _damaged_commit(git_repo)[1]
    with pytest.raises(HistoryError, match=f"^git cannot read commit {damaged}: it is damaged"):
        complained(INFLATE + b"fatal: cannot read commit object %s\n" % damaged.encode(),
                   git_repo.root)


def test_a_complaint_about_objects_git_reads_whole_is_no_damage(git_repo: GitRepo) -> None:
    """(git complained of a damaged copy of an object held twice, and read the other)"""
    intact, damaged = _damaged_commit(git_repo)
    complained(INFLATE, git_repo.root, [intact], "commit")
    complained(INFLATE + b"fatal: cannot read commit object %s\n" % intact.encode(),
               git_repo.root)
    complained(b"warning: something else\n", git_repo.root, [damaged])  # no damage said
