"""The history's ancestry answers as git does (`git merge-base --is-ancestor`)."""

from __future__ import annotations

import itertools
import subprocess
from pathlib import Path

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from tests.history.gitrepo import GitRepo, spec_text


def test_every_pair_of_commits_is_answered_as_git_answers(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    commits = [repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})]
    repo.git("branch", "side")
    commits.append(repo.commit("Two", {"specs/SPEC-0001.yaml": spec_text(title="Two")}))
    repo.git("checkout", "-q", "side")
    commits.append(repo.commit("Side", {"notes.txt": "side\n"}))
    repo.git("checkout", "-q", "main")
    commits.append(repo.merge("side"))
    commits.append(repo.commit("After", {"notes.txt": "after\n"}))
    ancestry = mine_history(load_config(None, repo.root)).ancestry
    assert ancestry is not None
    for ancestor, commit in itertools.product(commits, repeat=2):
        expected = subprocess.run(["git", "merge-base", "--is-ancestor", ancestor, commit],
                                  cwd=repo.root, check=False).returncode == 0
        assert ancestry.is_ancestor(ancestor, commit) is expected, (ancestor, commit)
    assert not ancestry.is_ancestor("0" * 40, commits[-1])
