"""`flagged_specs`: the spec files in the work tree that carry an assume-unchanged or
skip-worktree bit, listed without refusing those a sparse checkout leaves out (plain
`diff` reads git's sides, which hold them), refusing those deleted behind a bit."""

from __future__ import annotations

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.gitio.sparse import SparseCheckoutError, flagged_specs
from tests.history.gitrepo import GitRepo, spec_text

pytestmark = pytest.mark.usefixtures("each_git")


def test_no_index_no_flags_and_no_git(git_repo: GitRepo) -> None:
    assert not (git_repo.root / ".git" / "index").exists()
    assert flagged_specs(load_config(None, git_repo.root)) == ()


def test_flagged_spec_files_in_the_work_tree_only(git_repo: GitRepo) -> None:
    git_repo.commit("Specs", {"specs/SPEC-0001.yaml": spec_text(),
                              "specs/SPEC-0002.yaml": spec_text("SPEC-0002"),
                              "specs/b/SPEC-0003.yaml": spec_text("SPEC-0003"),
                              "notes.yaml": "x: 1\n"})
    git_repo.git("update-index", "--assume-unchanged", "specs/SPEC-0001.yaml", "notes.yaml")
    git_repo.git("update-index", "--skip-worktree", "specs/SPEC-0002.yaml")
    found = flagged_specs(load_config(None, git_repo.root))
    assert [entry.path for entry in found] == ["specs/SPEC-0001.yaml", "specs/SPEC-0002.yaml"]
    git_repo.git("sparse-checkout", "set", "--no-cone", "/*", "!/specs/b/")  # sets bits anew
    assert not (git_repo.root / "specs/b").exists()  # left out: git's side holds it
    found = flagged_specs(load_config(None, git_repo.root))
    assert [entry.path for entry in found] == ["specs/SPEC-0001.yaml"]
    assert {entry.mode for entry in found} == {"100644"}


@pytest.mark.parametrize("bit", ["--assume-unchanged", "--skip-worktree"])
def test_a_spec_deleted_behind_a_bit_is_refused(git_repo: GitRepo, bit: str) -> None:
    """Not by a sparse checkout: git's diff would call the deletion no change (diffdel)."""
    git_repo.commit("Specs", {"specs/SPEC-0001.yaml": spec_text(),
                              "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    git_repo.git("update-index", bit, "specs/SPEC-0002.yaml")
    (git_repo.root / "specs/SPEC-0002.yaml").unlink()
    with pytest.raises(SparseCheckoutError, match=r"specs/SPEC-0002\.yaml"):
        flagged_specs(load_config(None, git_repo.root))
