"""`statuses: approved:` narrowed, with the history cache in every state: mining records
the states some version of the configuration counted as approved (`History.approved_once`),
so that a warm run asks git nothing about a spec in a state none counted (apst38: every
warm run with such a spec asked git for the configuration of its last move, up to three
calls). Where one did, the spec is judged as cold, walking on from a cache, warm and
cold."""

from __future__ import annotations

import json
from typing import Any

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.gitio.git_command import Git
from specrepo.history.cache import CACHE_FILE
from specrepo.history.mine import mine_history
from tests.check.test_widened_workflow import WIDE
from tests.history.gitrepo import GitRepo
from tests.history.test_approved_states_narrowed import NARROWED, _approve, _gates_fail
from tests.history.test_changed_after_approval import PATH, spec
from tests.history.test_protection_narrowed import staged_narrowing_fails
from tests.support import run_cli
from tests.test_start_imports import _imported

REWORDED = spec(requirement="Count all.")
APPROVING = WIDE + "  approved: [Approved, Implemented]\n"


def recorded(repo: GitRepo) -> list[str] | None:
    """What the cache says of the states configurations counted as approved."""
    lines = (repo.root / ".git" / CACHE_FILE).read_bytes().split(b"\n")
    value: list[str] | None = json.loads(lines[1])["approved_once"]
    return value


def git_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The git commands run from now on (every one goes through `attempt` or `start`)."""
    ran: list[str] = []
    attempt, start = Git.attempt, Git.start

    def counted_attempt(self: Git, *arguments: str, stdin: bytes | None = None) -> Any:
        ran.append(arguments[0])
        return attempt(self, *arguments, stdin=stdin)

    def counted_start(self: Git, *arguments: str, **options: bool) -> Any:
        ran.append(arguments[0])
        return start(self, *arguments, **options)

    monkeypatch.setattr(Git, "attempt", counted_attempt)
    monkeypatch.setattr(Git, "start", counted_start)
    return ran


def _sent_back(repo: GitRepo) -> None:
    """SPEC-0001 approved, its requirement reworded, then back to Draft: a spec in a state
    today's `statuses: approved:` does not count, with protected changes."""
    _approve(repo)
    repo.commit("Reword FR-1", {PATH: REWORDED})
    repo.commit("Back to Draft", {PATH: spec("Draft", requirement="Count all.")})


def test_a_warm_run_asks_git_nothing_when_no_configuration_counted_the_state(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    _sent_back(git_repo)
    cold = run_cli("validate", "--history")
    assert recorded(git_repo) == ["Approved", "Implemented"]  # the defaults: `specs: specs`
    ran = git_calls(monkeypatch)
    warm = run_cli("validate", "--history")
    assert (warm.exit_code, warm.output) == (cold.exit_code, cold.output)
    # Opening the repository (`open_repository`), as every run; was also a cat-file (the
    # configuration in each last move's commit), then a log of the configuration's path;
    # the index's spec files, which the commit being made holds (`history.index_side`);
    # one `cat-file --batch-check`: git still holds the commits the cache's answer names
    # (`history.relied_objects`); the index's flags of the spec files (`gitio.sparse`: a
    # spec deleted behind its assume-unchanged bit is refused).
    assert sorted(ran) == ["cat-file", "config", "for-each-ref", "log", "ls-files",
                           "ls-files", "rev-parse"], ran
    assert mine_history(load_config(None, git_repo.root)).approved_once == frozenset(
        {"Approved", "Implemented"})


def test_a_warm_run_loads_no_reader_of_configuration_versions(git_repo: GitRepo) -> None:
    _sent_back(git_repo)
    _imported(git_repo.root, "validate", "--history")  # the caches written
    warm = _imported(git_repo.root, "validate", "--history")
    assert "specrepo.history.approved_changes" in warm  # approvals judged
    assert "specrepo.history.approval_protection" not in warm
    assert "specrepo.gitio.objects" not in warm


def test_a_state_counted_approved_before_is_asked_about(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """A configuration counted Draft as approved once: git is asked, and says the move
    into Draft was not made under it."""
    git_repo.commit("Loose", {"specrepo.yaml": WIDE + "  approved: [Approved, Draft]\n"})
    git_repo.commit("Strict", {"specrepo.yaml": APPROVING})
    _sent_back(git_repo)
    cold = run_cli("validate", "--history")
    assert recorded(git_repo) == ["Approved", "Draft", "Implemented"]
    ran = git_calls(monkeypatch)
    assert run_cli("validate", "--history").output == cold.output
    assert "cat-file" in ran


def test_narrowed_in_the_changing_commit_walking_on_warm_and_cold(git_repo: GitRepo) -> None:
    approved = _approve(git_repo)
    git_repo.commit("Wide", {"specrepo.yaml": APPROVING})
    assert run_cli("validate", "--history").exit_code == 0
    assert recorded(git_repo) == ["Approved", "Implemented"]
    git_repo.commit("Restate the workflow; reword FR-1",
                    {"specrepo.yaml": NARROWED, PATH: REWORDED})
    for _ in ("walking on", "warm"):
        _gates_fail(approved)
        assert recorded(git_repo) == ["Approved", "Implemented"]
    (git_repo.root / ".git" / CACHE_FILE).unlink()
    _gates_fail(approved)


def test_narrowed_in_the_work_tree_after_a_cache_was_written(git_repo: GitRepo) -> None:
    """Today's configuration, not committed, narrows: the cache written before it still
    says what the history's versions counted."""
    approved = _approve(git_repo)
    git_repo.commit("Wide", {"specrepo.yaml": APPROVING})
    git_repo.commit("Reword FR-1", {PATH: REWORDED})
    assert run_cli("validate", "--history").exit_code == 1
    git_repo.write("specrepo.yaml", NARROWED)
    _gates_fail(approved)
    (git_repo.root / ".git" / CACHE_FILE).unlink()
    _gates_fail(approved)


def test_a_configuration_approving_more_merged_from_a_branch(git_repo: GitRepo) -> None:
    """The cache was written before a branch whose configuration counted more merged."""
    git_repo.commit("Narrow first", {"specrepo.yaml": NARROWED})
    git_repo.commit("Draft", {PATH: spec("Draft")})
    git_repo.commit("Review", {PATH: spec("In Review")})
    assert run_cli("validate", "--history").exit_code == 0
    assert recorded(git_repo) == ["Implemented"]
    git_repo.git("checkout", "-q", "-b", "approval")
    git_repo.commit("Wide", {"specrepo.yaml": APPROVING})
    approved = git_repo.commit("Approve", {PATH: spec()}, author="Grace Hopper")
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("Elsewhere", {"notes.txt": "unrelated\n"})
    git_repo.merge("approval")
    git_repo.commit("Narrow again; reword FR-1", {"specrepo.yaml": NARROWED, PATH: REWORDED})
    _gates_fail(approved)
    assert recorded(git_repo) == ["Approved", "Implemented"]
    _gates_fail(approved)
    (git_repo.root / ".git" / CACHE_FILE).unlink()
    _gates_fail(approved)


def test_a_configuration_moved_with_its_specs(git_repo: GitRepo) -> None:
    """The versions at the path the file was moved from count too."""
    approved = _approve(git_repo)
    git_repo.commit("Wide", {"specrepo.yaml": APPROVING})
    assert run_cli("validate", "--history").exit_code == 0
    (git_repo.root / "design").mkdir()
    git_repo.git("mv", "specrepo.yaml", "specs", "design/")
    git_repo.commit("Move the design documents")
    moved = spec(requirement="Count all.")
    git_repo.commit("Narrow; reword FR-1", {"design/specrepo.yaml": NARROWED,
                                            "design/specs/SPEC-0001.yaml": moved})
    design = git_repo.root / "design"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(design)
        _gates_fail(approved)
        assert mine_history(load_config(None, design)).approved_once == frozenset(
            {"Approved", "Implemented"})
        (git_repo.root / ".git" / CACHE_FILE).unlink()
        _gates_fail(approved)


def test_a_configuration_deleted_and_added_back_under_another_name(git_repo: GitRepo) -> None:
    """The versions of the configuration deleted before it came back as `cfg.yaml` count
    (`gitio.config_log.deleted_before`), warm as cold."""
    git_repo.commit("Wide", {"specrepo.yaml": APPROVING})
    approved = _approve(git_repo)
    git_repo.commit("No configuration for a while", {"specrepo.yaml": None})
    git_repo.commit("Back, narrowed; reword FR-1", {"cfg.yaml": NARROWED, PATH: REWORDED})
    for _ in ("cold", "warm"):
        result = run_cli("--config", "cfg.yaml", "validate", "--history")
        assert result.exit_code == 1, result.output
        assert f"approved in commit {approved[:10]}" in result.output


def test_the_commit_being_made_narrows_after_a_cache_was_written(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """The commit-msg hook reads the cache written under the wider configuration."""
    staged_narrowing_fails(git_repo, monkeypatch, NARROWED, warm=True)
