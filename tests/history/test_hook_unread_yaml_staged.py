"""A hook's run (`validate --history --changed-since HEAD`) looks for YAML specs left among
Markdown specs (`unread-yaml-spec`) in the commit being made, the index, as its other checks
do (hookleft45b item 2; was: the work tree's files, those never added included): a file
never added, or whose removal is staged, is no file of the commit (a note names it, as
session 44's untracked spec files); a file whose work-tree copy differs is judged as the
index stages it, at the staged version's lines; a file the work tree deleted and the index
holds is the commit's. `validate` alone and `validate --history` read the work tree."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.check.test_unread_yaml_specs import CONFIG, LEFT, MARKDOWN_SPEC, YAML_SPEC
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

HOOK = ("validate", "--allow-empty", "--changed-since", "HEAD", "--history", "--since",
        "HEAD", "--allow-shallow")
"""A raw git hook's command (no file names)."""
STAGED = "# staged\n" + YAML_SPEC
"""A spec lookalike, its id at line 2."""
PLAIN = "notes: [a, b]\n"
"""No spec lookalike (none of a spec's fields)."""
UNTRACKED_NOTE = (f"specrepo: note: {LEFT}: looks like a spec, but the index does not hold "
                  "it (untracked): no file of the commit being made, so not checked")


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """A Markdown spec, committed."""
    git_repo.commit("Markdown", {"specrepo.yaml": CONFIG,
                                 "specs/SPEC-0001-converted.md": MARKDOWN_SPEC})
    return git_repo


def found(*arguments: str) -> Iterator[str]:
    """The places (`file:line:column`) of the run's `unread-yaml-spec` findings."""
    result = run_cli(*arguments)
    assert result.exit_code == 0, result.output
    return (line.split(": ", 1)[0] for line in result.stdout.splitlines()
            if "[unread-yaml-spec]" in line)


def test_a_file_never_added_is_no_file_of_the_commit(repo: GitRepo) -> None:
    repo.write(LEFT, YAML_SPEC)
    assert list(found(*HOOK)) == []
    assert UNTRACKED_NOTE in run_cli(*HOOK).stderr
    assert list(found("validate")) == [f"{LEFT}:1:1"]
    assert list(found("validate", "--history")) == [f"{LEFT}:1:1"]


def test_a_file_whose_removal_is_staged_is_no_file_of_the_commit(repo: GitRepo) -> None:
    repo.commit("Left", {LEFT: YAML_SPEC})
    repo.git("rm", "-q", "--cached", LEFT)  # the work tree keeps it, untracked
    assert list(found(*HOOK)) == []
    assert UNTRACKED_NOTE in run_cli(*HOOK).stderr
    assert list(found("validate")) == [f"{LEFT}:1:1"]


def test_a_lookalike_staged_beside_an_unstaged_edit_is_found(repo: GitRepo) -> None:
    repo.commit("Plain", {LEFT: PLAIN})
    repo.write(LEFT, STAGED)
    repo.git("add", LEFT)
    repo.write(LEFT, PLAIN)  # not staged
    assert list(found(*HOOK)) == [f"{LEFT}:2:1"]  # the staged version's line
    assert list(found("validate")) == []


def test_an_unstaged_edit_making_a_lookalike_is_not_the_commits(repo: GitRepo) -> None:
    repo.commit("Plain", {LEFT: PLAIN})
    repo.write(LEFT, YAML_SPEC)  # not staged
    assert list(found(*HOOK)) == []
    assert UNTRACKED_NOTE not in run_cli(*HOOK).stderr  # tracked
    assert list(found("validate")) == [f"{LEFT}:1:1"]


def test_a_file_the_work_tree_deleted_is_the_commits(repo: GitRepo) -> None:
    repo.write(LEFT, STAGED)
    repo.git("add", LEFT)
    (repo.root / LEFT).unlink()  # `rm`, not staged: the commit keeps it
    assert list(found(*HOOK)) == [f"{LEFT}:2:1"]
    assert list(found("validate")) == []


def test_a_staged_lookalike_the_work_tree_holds_alike_is_found(repo: GitRepo) -> None:
    repo.write(LEFT, STAGED)
    repo.git("add", LEFT)
    assert list(found(*HOOK)) == [f"{LEFT}:2:1"]
    assert UNTRACKED_NOTE not in run_cli(*HOOK).stderr
