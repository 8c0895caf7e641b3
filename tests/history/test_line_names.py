"""The names a merged line gave its configuration are that line's and those of the lines
it was merged into, whatever was read before (lines42): a branch forked before main
renamed `specrepo.yaml` to `cfg.yaml` widens `specs:`, adds a spec born Approved and
narrows back (a quiet merge); a warm run continuing from a cache written after the rename
knew only `cfg.yaml` and passed in silence, where a cold one names the branch's commits."""

from __future__ import annotations

from tests.history.gitrepo import GitRepo
from tests.history.test_branch_config_renames import (
    BORN,
    EXPECTED,
    NARROW,
    WIDE,
    project,
    warm_then_cold,
)
from tests.history.test_spec_set_branch_lives import named
from tests.support import run_cli


def test_a_branch_forked_before_main_renamed_its_configuration_warm_as_cold(
        git_repo: GitRepo) -> None:
    project(git_repo)
    git_repo.git("checkout", "-q", "-b", "topic")
    git_repo.commit("Widen", {"specrepo.yaml": WIDE})
    git_repo.commit("Born", BORN)
    git_repo.commit("Narrower", {"specrepo.yaml": NARROW})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("Rename", {"specrepo.yaml": None, "cfg.yaml": NARROW})
    git_repo.commit("Main", {"specs/SPEC-0001.yaml": spec_in_review()})
    run_cli("--config", "cfg.yaml", "validate", "--history")  # the cache after the rename
    git_repo.merge("topic")
    validated, reported, findings, moves = warm_then_cold(git_repo)
    assert named(git_repo, findings) == EXPECTED["rename-own"]
    assert (validated, reported, moves) == (1, 1, 2)


def spec_in_review() -> str:
    from tests.history.test_spec_set_departures import spec

    return spec("SPEC-0001", "In Review")
