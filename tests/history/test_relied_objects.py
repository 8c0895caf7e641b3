"""A warm run never answers from the history cache what git can no longer show: a commit
an event names, or its tree, lost from the repository is an error (exit 2) naming it, as
the cold run's is (real repositories, objects deleted from loose storage)."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
COMMANDS = (("validate", "--history"), ("report",), ("report", "--format", "json"),
            ("diff", "--since-approval"), ("timeline", "SPEC-0001"))


def reviewed(repo: GitRepo) -> str:
    """SPEC-0001 added, then put in review; returns the reviewing commit."""
    repo.commit("add", {PATH: spec_text()})
    reviewing = repo.commit("review", {PATH: spec_text(status="In Review")})
    repo.commit("later", {"src/main.py": "print()\n"})
    repo.commit("later still", {"src/main.py": "print(1)\n"})  # HEAD's parent read
    return reviewing


def lose(repo: GitRepo, name: str) -> str:
    """Delete the object `name` names from loose storage (the test repositories are never
    packed); its id."""
    found = repo.git("rev-parse", name)
    (repo.root / ".git" / "objects" / found[:2] / found[2:]).unlink()
    return found


@pytest.mark.parametrize("arguments", COMMANDS)
@pytest.mark.parametrize("lost", ["commit", "tree"])
def test_a_lost_commit_or_tree_is_an_error_with_a_warm_cache(
        git_repo: GitRepo, arguments: tuple[str, ...], lost: str) -> None:
    reviewing = reviewed(git_repo)
    assert run_cli(*arguments).exit_code in (0, 1)  # warms the caches
    assert run_cli(*arguments).exit_code in (0, 1)
    lose(git_repo, reviewing if lost == "commit" else f"{reviewing}^{{tree}}")
    result = run_cli(*arguments, no_traceback=True)
    assert result.exit_code == 2, result.output
    assert reviewing in result.stderr
    assert "the repository is damaged or incomplete: fetch what is missing (`git fetch`)" \
        in result.stderr


def test_a_lost_commit_is_named_with_the_spec_whose_history_names_it(
        git_repo: GitRepo) -> None:
    reviewing = reviewed(git_repo)
    assert run_cli("validate", "--history").exit_code in (0, 1)
    lose(git_repo, reviewing)
    assert run_cli("validate", "--history").stderr == (
        f"specrepo: error: git cannot read commit {reviewing} or its files, which the "
        "history of SPEC-0001 names: it is missing; the repository is damaged or "
        "incomplete: fetch what is missing (`git fetch`) or clone it anew (`git fsck` "
        "names every missing object)\n")


def test_the_cold_run_names_the_lost_commit_and_what_to_do(git_repo: GitRepo) -> None:
    reviewing = reviewed(git_repo)
    lose(git_repo, reviewing)
    result = run_cli("validate", "--history")
    assert result.exit_code == 2
    assert reviewing in result.stderr
    assert "fetch what is missing (`git fetch`) or clone it anew" in result.stderr


def test_a_warm_run_with_every_object_there_still_answers(git_repo: GitRepo) -> None:
    reviewed(git_repo)
    first = run_cli("report", "--format", "json")
    assert run_cli("report", "--format", "json").stdout == first.stdout
