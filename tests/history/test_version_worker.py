"""The versions parsed beside the walk: a version git cannot read stops mining with git's
reason, whether a worker process or this one read it."""

from __future__ import annotations

import subprocess
import sys
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


def test_a_commit_of_thousands_of_specs_is_mined(tmp_path: Path) -> None:
    """One commit adding 3,000 specs fills both of `git cat-file`'s pipes: the process
    reading git's answers must learn of them before they are asked for (the walk hung).
    Run in a child process, so that a hang fails the test instead of stopping the run."""
    repo = GitRepo(tmp_path / "many")
    for number in range(1, 3001):
        repo.write(f"specs/SPEC-{number:04d}.yaml", spec_text(f"SPEC-{number:04d}"))
    repo.commit("Three thousand specs")
    script = ("import sys; from pathlib import Path; "
              "from specrepo.configuration.config_file import load_config; "
              "from specrepo.history.mine import mine_history; "
              "print(len(mine_history(load_config(None, Path(sys.argv[1]))).specs))")
    done = subprocess.run([sys.executable, "-c", script, str(repo.root)], capture_output=True,
                          text=True, timeout=300, check=True)
    assert done.stdout.strip() == "3000"
