"""The history's ancestry answers as git does (`git merge-base --is-ancestor`)."""

from __future__ import annotations

import itertools
import random
import subprocess
from pathlib import Path

import pytest

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


@pytest.mark.parametrize(("seed", "warm"), [(0, False), (1, False), (2, True)])
def test_questions_in_any_order_are_answered_as_git_answers(tmp_path: Path, seed: int,
                                                            warm: bool) -> None:
    """Whichever walk an answer kept (a commit's descendants or another's ancestors), the
    questions after it are answered as git's own lists of ancestors say, across branches
    and merges (a graph made with `git commit-tree`, a few parents each; a commit HEAD
    does not reach is no commit's ancestor but its own); the graph the walk over history
    listed (cold), or git's list on the first question (warm: no walk)."""
    rng = random.Random(seed)
    repo = GitRepo(tmp_path / "repo")
    commits = [repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})]
    tree = repo.git("rev-parse", "HEAD^{tree}").strip()
    for number in range(24):
        parents = rng.sample(commits, min(len(commits), rng.choice((1, 1, 2, 3))))
        commits.append(repo.git("commit-tree", tree, "-m", f"c{number}",
                                *(part for parent in parents for part in ("-p", parent)))
                       .strip())
    repo.git("merge", "-q", "--no-edit", *commits[-3:])
    ancestors = {commit: set(repo.git("rev-list", commit).split()) for commit in commits}
    reachable = set(repo.git("rev-list", "HEAD").split())  # the graph asked about
    if warm:
        mine_history(load_config(None, repo.root))
    ancestry = mine_history(load_config(None, repo.root)).ancestry
    assert ancestry is not None
    questions = list(itertools.product(commits, repeat=2))
    rng.shuffle(questions)
    for ancestor, commit in questions:
        assert ancestry.is_ancestor(ancestor, commit) is (
            ancestor == commit or (ancestor in ancestors[commit] and commit in reachable))
