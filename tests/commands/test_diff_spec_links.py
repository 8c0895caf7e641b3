"""`diff` follows a spec file that is a symbolic link, or a spec folder that is one, to the
file git keeps, as every other history reader does (trial30b F2: "No spec changed.", exit
0, for a status move made through the link)."""

from __future__ import annotations

import os

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli


def approved(text: str) -> str:
    return text.replace("status: Draft", "status: Approved") + "reviewers: [Grace]\n"


@pytest.fixture(params=["file link", "file link by a glob", "folder link"])
def linked(request: pytest.FixtureRequest, git_repo: GitRepo) -> tuple[GitRepo, str]:
    """A spec reached through a link, committed Draft; the file git keeps is the target."""
    if request.param == "file link by a glob":
        git_repo.write("specrepo.yaml", 'specs: "specs/*.yaml"\n')
    if request.param.startswith("file link"):
        git_repo.write("specs/SPEC-0001.yaml", spec_text())
        git_repo.write("other/SPEC-0003.yaml", spec_text("SPEC-0003"))
        os.symlink("../other/SPEC-0003.yaml", git_repo.root / "specs/SPEC-0003.yaml")
        target = "other/SPEC-0003.yaml"
    else:
        (git_repo.root / "specs").rmdir()
        git_repo.write("design/specs/SPEC-0003.yaml", spec_text("SPEC-0003"))
        os.symlink("design/specs", git_repo.root / "specs")
        target = "design/specs/SPEC-0003.yaml"
    git_repo.commit("Specs")
    return git_repo, target


def test_a_committed_move_through_a_link_is_a_change(linked: tuple[GitRepo, str]) -> None:
    repo, target = linked
    repo.commit("Approve", {target: approved(spec_text("SPEC-0003"))})
    for arguments in (("HEAD~1", "HEAD"), ("HEAD~1...HEAD",), ("HEAD~1", "HEAD", "--",
                                                               "SPEC-0003")):
        result = run_cli("diff", "--exit-code", *arguments)
        assert result.exit_code == 1, (arguments, result.output)
        assert "SPEC-0003" in result.output and "Draft -> Approved" in result.output
    markdown = run_cli("diff", "--format", "markdown", "HEAD~1...HEAD")
    assert "SPEC-0003" in markdown.output and "No spec changed" not in markdown.output


def test_a_work_tree_change_through_a_link_is_a_change(linked: tuple[GitRepo, str]) -> None:
    repo, target = linked
    repo.write(target, approved(spec_text("SPEC-0003")))
    result = run_cli("diff", "--exit-code", "HEAD")
    assert result.exit_code == 1, result.output
    assert "Draft -> Approved" in result.output
    assert run_cli("diff", "--exit-code", "HEAD", "HEAD").exit_code == 0
