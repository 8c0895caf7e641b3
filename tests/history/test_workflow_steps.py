"""One commit that renames a state and adds another (`[Draft, Review, OK]` -> `[Draft,
Review, Accepted, Retired]`, the schema and the spec migrated): the lists of states alone
replace one state by two, no rename, so the specs the commit moved tell (trial40b
rename-and-add-in-one-commit: every spec moved `OK` -> `Accepted` read as an illegal move,
and, with `approved: []`, a rewrite of the approved summary passed the commit-msg hook,
`report --fail-on changed-after-approval` and `diff --since-approval --exit-code`). Where
the specs moved do not pair the states (some to each added state, or one entered from
another state too), the verdict stays: a move the workflow may forbid."""

from __future__ import annotations

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history.rename_line import spec_moves
from specrepo.history.spec_pairs import changed_specs
from tests.history.gitrepo import GitRepo
from tests.history.test_renamed_approved_states import PATH, approve, gates, spec
from tests.history.test_renames_followed import mined, moves, workflow
from tests.support import run_cli

RENAMED = ["Draft", "Review", "Accepted", "Retired"]
OTHER = "specs/SPEC-0002.yaml"


def _renamed_and_added(repo: GitRepo, approved: str) -> None:
    repo.commit("rename OK to Accepted, add Retired",
                {**workflow(RENAMED, "Accepted", approved), PATH: spec("Accepted")})


@pytest.mark.parametrize("approved", ["", "Accepted"], ids=["approved-none", "approved-kept"])
def test_a_rename_with_a_state_added_in_one_commit_is_followed(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch, approved: str) -> None:
    approve(git_repo)
    _renamed_and_added(git_repo, approved)
    assert moves(mined(git_repo)) == [(None, "Draft"), ("Draft", "Review"),
                                      ("Review", "Accepted")]
    result = run_cli("validate", "--history")
    assert "illegal-transition" not in result.output, result.output
    assert "OK" not in run_cli("timeline", "SPEC-0001").output.replace("SPEC-0001", "")
    assert gates(git_repo, monkeypatch, "Accepted") == [1, 1, 1, 1]


def test_the_diff_sides_follow_it(git_repo: GitRepo) -> None:
    """`diff` from the approval: its side's `OK` is the new side's `Accepted`."""
    approved = approve(git_repo)
    _renamed_and_added(git_repo, "")
    git_repo.commit("edit", {PATH: spec("Accepted", "Rewritten after approval.")})
    pairs = changed_specs(load_config(None, git_repo.root), f"{approved}..HEAD").pairs
    assert [(pair.old.version.status, pair.new.version.status) for pair in pairs
            if pair.old is not None and pair.new is not None] == [("Accepted", "Accepted")]


@pytest.mark.parametrize("other", [("OK", "Retired"), ("Review", "Accepted")],
                         ids=["to-two-states", "entered-from-another"])
def test_specs_that_do_not_pair_the_states_leave_the_verdict(
        git_repo: GitRepo, other: tuple[str, str]) -> None:
    """SPEC-0002, in `other[0]` before the commit, moves to `other[1]` in it: `OK`'s specs
    went to two states, or `Accepted` was entered from `Review` too: no rename, and the
    finding says why."""
    approve(git_repo)
    git_repo.commit("another", {OTHER: spec(other[0]).replace("SPEC-0001", "SPEC-0002")})
    git_repo.commit("rename OK to Accepted, add Retired", {
        **workflow(RENAMED, "Accepted"), PATH: spec("Accepted"),
        OTHER: spec(other[1]).replace("SPEC-0001", "SPEC-0002")})
    assert moves(mined(git_repo))[-1] == ("OK", "Accepted")
    result = run_cli("validate", "--history")
    assert "moved the status from OK to Accepted" in result.output, result.output
    assert "OK is no state of today's workflow" in result.output
    assert "rename it in a commit of its own" in result.output


def test_spec_moves_pairs_only_one_way_out() -> None:
    removed, added = ("OK",), ("Accepted", "Retired")
    assert spec_moves([("OK", "Accepted"), ("OK", "Accepted"), (None, "Retired")],
                      removed, added) == (("OK", "Accepted"),)
    assert spec_moves([("OK", "Accepted"), ("OK", None), ("Draft", "Draft")],
                      removed, added) == (("OK", "Accepted"),)
    assert spec_moves([("OK", "Accepted"), ("OK", "Retired")], removed, added) == ()
    assert spec_moves([("OK", "Accepted"), ("Review", "Accepted")], removed, added) == ()
    assert spec_moves([("OK", "OK")], removed, added) == ()
    assert spec_moves([], removed, added) == ()
