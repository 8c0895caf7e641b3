"""The names a merged line gave its configuration are that line's and those of the lines
it was merged into, whatever was read before (lines42): a branch forked before main
renamed `specrepo.yaml` to `cfg.yaml` widens `specs:`, adds a spec born Approved and
narrows back (a quiet merge); a warm run continuing from a cache written after the rename
knew only `cfg.yaml` and passed in silence, where a cold one names the branch's commits.
And a name only a branch (or a branch of a branch) gave the configuration, away and back,
is read (cfgren41's limit)."""

from __future__ import annotations

import shutil

import pytest

from tests.history.gitrepo import GitRepo
from tests.history.test_branch_config_renames import (
    BORN,
    EXPECTED,
    NARROW,
    WIDE,
    project,
    verdicts,
    warm_then_cold,
)
from tests.history.test_spec_set_branch_lives import named
from tests.history.test_spec_set_departures import spec
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
    return spec("SPEC-0001", "In Review")


@pytest.mark.parametrize("how", ["line", "merged", "nested"])
def test_a_name_only_a_branch_gave_its_configuration_is_read(git_repo: GitRepo,
                                                              how: str) -> None:
    """The configuration renamed to b.yaml, `specs:` widened there, a spec born Approved
    where only that reads, narrowed, renamed back as it was: on main (`line`), on a
    merged branch, or on a branch of a branch (`nested`), warm from the tip's cache and
    cold. The name away and back left a gap in specrepo.yaml's log that no reading
    followed, and a quiet merge's branch was looked for under main's names only
    (lines42): every verdict was lost."""
    project(git_repo)
    if how != "line":
        git_repo.git("checkout", "-q", "-b", "b")
        if how == "nested":
            git_repo.commit("B's own", {"specs/SPEC-0004.yaml": spec("SPEC-0004", "Draft")})
            git_repo.git("checkout", "-q", "-b", "c")
    git_repo.commit("Rename", {"specrepo.yaml": None, "b.yaml": NARROW})
    git_repo.commit("Widen", {"b.yaml": WIDE})
    git_repo.commit("Born", BORN)
    git_repo.commit("Narrower", {"b.yaml": NARROW})
    git_repo.commit("Back", {"b.yaml": None, "specrepo.yaml": NARROW})
    run_cli("validate", "--history")  # the cache a warm run finds
    if how == "nested":
        git_repo.git("checkout", "-q", "b")
        git_repo.commit("B2", {"specs/SPEC-0004.yaml": spec("SPEC-0004", "In Review")})
        git_repo.merge("c")
    if how != "line":
        git_repo.git("checkout", "-q", "main")
        git_repo.commit("Main", {"specs/SPEC-0001.yaml": spec("SPEC-0001", "In Review")})
        git_repo.merge("b")
    warm = verdicts(())
    shutil.rmtree(git_repo.root / ".git" / "specrepo", ignore_errors=True)
    assert verdicts(()) == warm
    assert named(git_repo, warm[2]) == EXPECTED["rename-own"]
    assert (warm[0], warm[1], warm[3]) == (1, 1, 2)

