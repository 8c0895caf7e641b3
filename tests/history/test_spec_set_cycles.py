"""A spec the configuration takes out of the spec set and brings back more than once keeps
one life, and each cycle is judged on its own: each return is a status move from the status
it left in, at the commit that brought it back; a removal brought back left nothing; only
a removal that stands is one. What a branch merged while it was out did to it is judged by
the return too, once. Each case is judged warm (the cache written before the last commit)
and cold, alike."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo
from tests.history.test_spec_set_departures import spec, warm_and_cold
from tests.support import run_cli

IN = "specs: specs\n"
OUT = "specs: specs\nexclude: [specs/SPEC-0003.yaml]\n"
PATH = "specs/SPEC-0003.yaml"


def drafted(repo: GitRepo) -> None:
    repo.commit("Draft", {PATH: spec("SPEC-0003", "Draft"),
                          "specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft")})


def test_each_return_of_two_cycles_is_judged_at_its_own_commit(git_repo: GitRepo) -> None:
    """Out, approved while out, back (Draft -> Approved); Draft again in the set (legal);
    out, approved while out, back: two moves, each at the commit that brought it back."""
    drafted(git_repo)
    git_repo.commit("Out", {"specrepo.yaml": OUT})
    git_repo.commit("Approve while out", {PATH: spec("SPEC-0003", "Approved")})
    first = git_repo.commit("Back", {"specrepo.yaml": IN})
    git_repo.commit("Draft again", {PATH: spec("SPEC-0003", "Draft")})
    git_repo.commit("Out again", {"specrepo.yaml": OUT})
    git_repo.commit("Approve while out again", {PATH: spec("SPEC-0003", "Approved")})
    second: list[str] = []
    verdict = warm_and_cold(git_repo, lambda: second.append(git_repo.commit(
        "Back again", {"specrepo.yaml": IN})))
    assert sorted(verdict[3]) == sorted([("SPEC-0003", first, "Draft", "Approved"),
                                         ("SPEC-0003", second[0], "Draft", "Approved")])
    assert verdict[:2] == (1, 1)
    assert run_cli("validate", "--history", "--since", "HEAD~1").exit_code == 1


def test_an_approved_spec_out_back_and_out_is_removed_once(git_repo: GitRepo) -> None:
    """Approved; excluded, included, excluded for good: the first removal was brought
    back (nothing left), the last stands: one finding, at the last exclusion."""
    drafted(git_repo)
    git_repo.commit("Review", {PATH: spec("SPEC-0003", "In Review")})
    git_repo.commit("Approve", {PATH: spec("SPEC-0003", "Approved")})
    git_repo.commit("Out", {"specrepo.yaml": OUT})
    git_repo.commit("Back", {"specrepo.yaml": IN})
    last: list[str] = []
    verdict = warm_and_cold(git_repo, lambda: last.append(git_repo.commit(
        "Out again", {"specrepo.yaml": OUT})))
    assert verdict == (1, 1, [(last[0], PATH, "Approved", None)],
                       [("SPEC-0003", last[0], "Approved", None)])


def test_an_approved_spec_out_back_in_another_status_and_out(git_repo: GitRepo) -> None:
    """Approved; excluded; Withdrawn while out; included (Approved -> Withdrawn, legal);
    excluded for good while Withdrawn: nothing to judge, where the removal of an
    Approved spec brought back would be a finding."""
    drafted(git_repo)
    git_repo.commit("Review", {PATH: spec("SPEC-0003", "In Review")})
    git_repo.commit("Approve", {PATH: spec("SPEC-0003", "Approved")})
    git_repo.commit("Out", {"specrepo.yaml": OUT})
    git_repo.commit("Withdraw while out", {PATH: spec("SPEC-0003", "Withdrawn")})
    git_repo.commit("Back", {"specrepo.yaml": IN})
    verdict = warm_and_cold(git_repo, lambda: git_repo.commit(
        "Out again", {"specrepo.yaml": OUT}))
    assert verdict == (0, 0, [], [])


@pytest.mark.parametrize("where", ["branch-excluded", "branch-approved-while-in"])
def test_a_branch_merged_while_out_is_judged_by_the_return_once(git_repo: GitRepo,
                                                               where: str) -> None:
    """A branch excludes the Draft spec and approves it (its own configuration: no
    spec), merged; or main excludes it while a branch approves it (read there), merged.
    main includes it again: on HEAD's line it left as Draft and came back Approved, one
    move, judged at the return (not also at the branch's commit)."""
    drafted(git_repo)
    git_repo.git("checkout", "-q", "-b", "side")
    if where == "branch-excluded":
        git_repo.commit("Out on the branch", {"specrepo.yaml": OUT})
    git_repo.commit("Approve on the branch", {PATH: spec("SPEC-0003", "Approved")})
    git_repo.git("checkout", "-q", "main")
    if where == "branch-approved-while-in":
        git_repo.commit("Out", {"specrepo.yaml": OUT})
    else:
        git_repo.commit("Other", {"specs/SPEC-0001.yaml": spec("SPEC-0001", "In Review")})
    git_repo.merge("side")
    back: list[str] = []
    verdict = warm_and_cold(git_repo, lambda: back.append(git_repo.commit(
        "Back", {"specrepo.yaml": IN})))
    assert verdict == (1, 1, [(back[0], PATH, "Draft", "Approved")],
                       [("SPEC-0003", back[0], "Draft", "Approved")])


def test_a_move_made_while_read_stays_judged_after_specs_is_narrowed(
        git_repo: GitRepo) -> None:
    """team/SPEC-0003 set Approved unreviewed (Draft -> Approved, while read), then
    Withdrawn, then `specs:` narrowed to leave team/ out: the illegal move stays judged
    (the narrowing ends its life, as a deletion would), once; the removal (Withdrawn)
    is none."""
    team = "team/SPEC-0003.yaml"
    git_repo.commit("Draft", {"specrepo.yaml": "specs: [specs, team]\n",
                              team: spec("SPEC-0003", "Draft"),
                              "specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft")})
    approved = git_repo.commit("Approve unreviewed", {team: spec("SPEC-0003", "Approved")})
    git_repo.commit("Withdraw", {team: spec("SPEC-0003", "Withdrawn")})
    verdict = warm_and_cold(git_repo, lambda: git_repo.commit(
        "Narrow", {"specrepo.yaml": "specs: [specs]\n"}))
    assert verdict == (1, 1, [(approved, team, "Draft", "Approved")],
                       [("SPEC-0003", approved, "Draft", "Approved")])
