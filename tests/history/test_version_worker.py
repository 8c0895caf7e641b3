"""The versions parsed beside the walk: a version git cannot read stops mining with git's
reason, whether a worker process or this one read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.gitio.git_command import HistoryError
from specrepo.history import version_worker
from specrepo.history.mine import mine_history
from tests.history.gitrepo import GitRepo, spec_text


@pytest.mark.parametrize("forked", [True, False])
def test_a_missing_version_is_an_error_naming_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forked: bool) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Draft", {"specs/a.yaml": spec_text(title="First")})
    old = repo.git("rev-parse", "HEAD:specs/a.yaml")
    repo.commit("Edit", {"specs/a.yaml": spec_text(title="Second")})
    (repo.root / ".git" / "objects" / old[:2] / old[2:]).unlink()  # a damaged repository
    monkeypatch.setattr(version_worker, "can_fork_workers", lambda: forked)
    with pytest.raises(HistoryError, match=f"git cannot read specs/a.yaml \\(object {old}\\)"):
        mine_history(load_config(None, repo.root))
