"""A hook's run (`validate --history --changed-since HEAD`: the commit being made is the
index) refuses (exit 2, naming each file) a work tree whose `.mailmap`, `mailmap.file`,
`.gitmodules` or `.gitattributes` files that apply to the spec locations differ from the
index: git reads them from the work tree, CI's checkout of the commit once made holds the
index's (a `.mailmap` edit left unstaged changes whose approval counts in the hook, not in
CI). Files the run does not read (an attributes file of an unrelated folder) are not
compared, and a work tree that holds what the index stages passes."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

HOOK = ("validate", "--allow-empty", "--changed-since", "HEAD", "--history", "--since",
        "HEAD", "--allow-shallow")
DIFFERS = "the work tree differs from the index (the commit being made) in "
HOPPER = "Grace Hopper <grace@example.com> Ada Lovelace <ada@example.com>\n"


@pytest.fixture
def specs(git_repo: GitRepo) -> GitRepo:
    """A repository with two specs, a top `.gitattributes` and an empty `.mailmap`, and a
    new Draft staged (the commit being made)."""
    git_repo.commit("Specs", {
        "specrepo.yaml": "specs: specs\n", ".gitattributes": "*.txt text\n", ".mailmap": "",
        "specs/SPEC-0001.yaml": spec_text("SPEC-0001"),
        "docs/readme.txt": "not a spec\n"})
    git_repo.write("specs/SPEC-0002.yaml", spec_text("SPEC-0002"))
    git_repo.git("add", "specs/SPEC-0002.yaml")
    return git_repo


def refused(*named: str) -> str:
    """The hook's output, asserting exit 2 and that it names each of `named`."""
    result = run_cli(*HOOK)
    assert result.exit_code == 2, result.output
    assert DIFFERS in result.output
    for path in named:
        assert path in result.output, result.output
    return result.output


def test_an_unstaged_mailmap_edit_is_named(specs: GitRepo) -> None:
    specs.write(".mailmap", HOPPER)
    output = refused(".mailmap")
    assert "`git add` them" in output and "git stash --keep-index" in output


def test_a_gitmodules_never_added_is_named(specs: GitRepo) -> None:
    specs.write(".gitmodules", '[submodule "specs/shared"]\n\tpath = specs/shared\n')
    refused(".gitmodules")


def test_a_staged_mailmap_edited_again_is_named(specs: GitRepo) -> None:
    specs.write(".mailmap", HOPPER)
    specs.git("add", ".mailmap")
    specs.write(".mailmap", "")  # the work tree as HEAD holds it
    refused(".mailmap")


@pytest.mark.parametrize("place", [".gitattributes", "specs/.gitattributes",
                                   "specs/sub/.gitattributes"])
def test_an_attributes_file_that_applies_to_specs_is_named(specs: GitRepo, place: str) -> None:
    """Edited and not staged (the top's), or never added (in a spec folder, at any depth)."""
    specs.write(place, "*.yaml binary\n")
    refused(place)


def test_an_ignored_attributes_file_in_a_spec_folder_is_named(specs: GitRepo) -> None:
    specs.write(".git/info/exclude", "specs/.gitattributes\n")
    specs.write("specs/.gitattributes", "*.yaml binary\n")
    output = refused("specs/.gitattributes")
    assert "ignored by git" in output and "git add --force" in output


@pytest.mark.parametrize("flag", ["--assume-unchanged", "--skip-worktree"])
def test_a_marked_mailmap_edited_is_named(specs: GitRepo, flag: str) -> None:
    specs.git("update-index", flag, ".mailmap")
    specs.write(".mailmap", HOPPER)
    output = refused(".mailmap")
    assert "marked assume-unchanged or skip-worktree" in output
    assert "--no-assume-unchanged --no-skip-worktree" in output


def test_the_file_mailmap_file_names_in_the_work_tree_is_named(specs: GitRepo) -> None:
    specs.git("config", "mailmap.file", "people.map")
    specs.write("people.map", HOPPER)
    refused("people.map")


def test_a_mailmap_deleted_from_the_work_tree_alone_is_named(specs: GitRepo) -> None:
    (specs.root / ".mailmap").unlink()
    refused(".mailmap")


def test_files_the_run_does_not_read_are_not_compared(specs: GitRepo) -> None:
    """An attributes file of an unrelated folder, untracked, and an unrelated edit left
    unstaged: no file git reads for the specs."""
    specs.write("docs/.gitattributes", "*.txt binary\n")
    specs.write("docs/readme.txt", "edited, not staged\n")
    result = run_cli(*HOOK)
    assert result.exit_code == 0, result.output


def test_files_staged_as_the_work_tree_holds_them_pass(specs: GitRepo) -> None:
    specs.write(".mailmap", HOPPER)
    specs.write("specs/.gitattributes", "*.yaml text\n")
    specs.git("add", ".mailmap", "specs/.gitattributes")
    result = run_cli(*HOOK)
    assert result.exit_code == 0, result.output


def test_a_plain_history_run_judges_the_work_tree_and_is_not_refused(specs: GitRepo) -> None:
    """`validate --history` without `--changed-since` judges the work tree, whose
    `.mailmap` it reads: nothing to refuse."""
    specs.write(".mailmap", HOPPER)
    result = run_cli("validate", "--history", "--allow-shallow")
    assert result.exit_code == 0, result.output


def test_an_attributes_file_deleted_from_the_work_tree_alone_is_no_difference(
        specs: GitRepo) -> None:
    """git reads the index's `.gitattributes` where the work tree lacks it (as a sparse
    checkout leaves it out): the commit's, so nothing to refuse."""
    (specs.root / ".gitattributes").unlink()
    result = run_cli(*HOOK)
    assert result.exit_code == 0, result.output
