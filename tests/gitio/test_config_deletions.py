"""`config_deletions.blob_sizes`: one `git cat-file --batch-check` for names of blobs."""

from __future__ import annotations

import os

from specrepo.gitio.config_deletions import blob_sizes
from specrepo.gitio.git_command import Git
from tests.history.gitrepo import GitRepo


def test_a_name_whose_path_is_not_utf_8_is_answered(git_repo: GitRepo) -> None:
    """A path git holds in bytes that are not UTF-8 (a Latin-1 system's file name), asked
    or named in a missing one's answer, is no traceback (partial66 noticed the class)."""
    name = os.fsdecode(b"specrepo-caf\xe9.yaml")
    git_repo.commit("One", {name: "specs: specs\n"})
    blob = git_repo.git("rev-parse", f"HEAD:{name}").strip()
    sizes = blob_sizes(Git(git_repo.root), [f"HEAD:{name}", f"HEAD:{name}x", "HEAD"])
    assert sizes == {f"HEAD:{name}": (blob, 13)}
