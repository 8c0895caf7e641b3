"""Where a commit that added the configuration file took it from (`configuration_sources`),
on real repositories: git's rename detection to any name and folder, then the configuration
deleted and added in one commit (trial36c)."""

from __future__ import annotations

from specrepo.gitio.config_moves import configuration_sources
from specrepo.gitio.git_command import Git
from tests.history.gitrepo import GitRepo

BIG = "".join(f"setting_{number}: {number}\n" for number in range(40))
"""Content nothing like `specs: specs\n`: a rename with it reads as a delete and an add."""


def sources(repo: GitRepo, path: str, *, any_name: bool = True) -> list[str]:
    head = repo.git("rev-parse", "HEAD")
    return [source for _, source, _ in configuration_sources(
        Git(repo.root), head, [repo.git("rev-parse", "HEAD~1")], path, any_name=any_name)]


def test_a_rename_to_another_name_in_another_folder_is_followed(git_repo: GitRepo) -> None:
    git_repo.commit("Start", {"specs/a.txt": "a\n"})
    git_repo.write("design/keep.txt", "k\n")
    git_repo.git("add", "-A")
    git_repo.git("mv", "specrepo.yaml", "design/cfg.yaml")
    git_repo.commit("Rename", {"design/cfg.yaml": "specs: specs\nexclude: [x]\n"})
    assert sources(git_repo, "design/cfg.yaml") == ["specrepo.yaml"]
    assert sources(git_repo, "design/cfg.yaml", any_name=False) == []


def test_a_rename_too_edited_for_git_is_the_configuration_it_deleted(
        git_repo: GitRepo) -> None:
    """A delete and an add in one commit: the deleted file of the same name first, else
    `specrepo.yaml` (deleted, or kept in the new file's folder), else nothing."""
    git_repo.commit("Start", {"other.yaml": "o: 1\n"})
    git_repo.git("mv", "specrepo.yaml", "cfg.yaml")
    git_repo.commit("Rename and rewrite", {"cfg.yaml": BIG, "other.yaml": None})
    assert "R" not in git_repo.git("diff-tree", "-r", "-M", "--name-status", "HEAD~1", "HEAD")
    assert sources(git_repo, "cfg.yaml") == ["specrepo.yaml"]
    git_repo.commit("Beside the default", {"specrepo.yaml": "specs: specs\n", "cfg.yaml": None})
    git_repo.commit("A new one beside it", {"cfg.yaml": BIG})
    assert sources(git_repo, "cfg.yaml") == ["specrepo.yaml"]  # kept: what a run read
    git_repo.commit("Elsewhere", {"sub/cfg.yaml": BIG + "x: 1\n"})
    assert sources(git_repo, "sub/cfg.yaml") == []  # added from nowhere: adopted there


def test_an_identical_file_of_the_same_name_comes_first(git_repo: GitRepo) -> None:
    git_repo.commit("Start", {"a/specrepo.yaml": "specs: specs\n", "b/cfg.yaml": "specs: specs\n"})
    git_repo.git("rm", "-q", "a/specrepo.yaml", "b/cfg.yaml", "specrepo.yaml")
    git_repo.commit("Into c/", {"c/cfg.yaml": "specs: specs\n"})
    assert sources(git_repo, "c/cfg.yaml") == ["b/cfg.yaml"]
