"""A hook's run (`validate --history --changed-since HEAD`) asks which spec has a `fields:`
entry's field (`unused-field`) of the commit being made, the index, as its other plain
checks do (hookleft45 item 2; was: the work tree's files): the staged version of a file
whose work-tree copy differs is read, one the work tree deleted and the index holds too.
`validate` alone and `validate --history` read the work tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.configuration.test_field_use import SPEC, make
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

HOOK = ("validate", "--allow-empty", "--changed-since", "HEAD", "--history", "--since",
        "HEAD", "--allow-shallow")
CREATED = "`fields: created:` names `creation-date`, a field no spec has"
FIRST = "specs/A-1.yaml"
"""The one spec with a `creation-date`."""
WITHOUT = SPEC.format(n=1)
WITH = SPEC.format(n=1) + "creation-date: '2026-01-02'\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    return make(tmp_path, monkeypatch, "creation-date", "approvers")


def said(*arguments: str) -> bool:
    """Whether the run says the `created` entry names a field no spec has."""
    result = run_cli(*arguments)
    assert result.exit_code == 0, result.output
    return CREATED in result.output


def test_the_field_dropped_in_the_staged_version_only(repo: GitRepo) -> None:
    repo.write(FIRST, WITHOUT)
    repo.git("add", FIRST)
    repo.write(FIRST, WITH)  # the work tree keeps it, unstaged
    assert said(*HOOK)
    assert not said("validate")
    assert not said("validate", "--history")


def test_the_field_added_in_the_staged_version_only(repo: GitRepo) -> None:
    repo.commit("Drop", {FIRST: WITHOUT})
    repo.write(FIRST, WITH)
    repo.git("add", FIRST)
    repo.write(FIRST, WITHOUT)  # the work tree drops it, unstaged
    assert not said(*HOOK)
    assert said("validate")


def test_a_file_the_work_tree_deleted_is_the_commits(repo: GitRepo) -> None:
    (repo.root / FIRST).unlink()  # `rm`, not staged: the commit keeps it
    assert not said(*HOOK)
    assert said("validate")
