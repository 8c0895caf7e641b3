"""A spec a configuration change took out of the spec set (an `exclude:` added, its folder
dropped from `specs:`) and a later one brought back keeps its life (README "Which spec a
file is": a spec removed and brought back left nothing), and coming back in another status
than it left in is a status move the workflow judges, at the commit that brought it back:
excluding, approving and including again is no way around review. Each case is judged warm
(the cache written before the return) and cold, alike."""

from __future__ import annotations

import json

import pytest

from tests.history.gitrepo import GitRepo
from tests.history.test_spec_set_departures import spec, verdicts, warm_and_cold
from tests.support import run_cli

TEAM = "specs: [specs, team]\n"
"""The configuration that reads team/ beside specs/."""


@pytest.mark.parametrize(("path", "inside", "outside"), [
    ("specs/SPEC-0003.yaml", "specs: specs\n", "specs: specs\nexclude: [specs/SPEC-0003.yaml]\n"),
    ("team/SPEC-0003.yaml", TEAM, "specs: [specs]\n"),
])
def test_approved_while_out_and_brought_back_is_a_status_move(
        git_repo: GitRepo, path: str, inside: str, outside: str) -> None:
    """SPEC-0003 a Draft; taken out; set Approved while out (no spec: no review); brought
    back: Draft -> Approved, judged at the return."""
    git_repo.commit("Draft", {"specrepo.yaml": inside, path: spec("SPEC-0003", "Draft"),
                              "specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft")})
    git_repo.commit("Take out", {"specrepo.yaml": outside})
    git_repo.commit("Approve while out", {path: spec("SPEC-0003", "Approved")})
    back: list[str] = []
    verdict = warm_and_cold(git_repo, lambda: back.append(git_repo.commit(
        "Bring back", {"specrepo.yaml": inside})))
    assert verdict == (1, 1, [(back[0], path, "Draft", "Approved")],
                       [("SPEC-0003", back[0], "Draft", "Approved")])
    validated = run_cli("validate", "--history", "--since", "HEAD~1")
    assert validated.exit_code == 1


def test_brought_back_in_the_status_it_left_in_passes(git_repo: GitRepo) -> None:
    """Moved through the workflow while out and back to the status it left in: no move."""
    path, inside = "specs/SPEC-0003.yaml", "specs: specs\n"
    git_repo.commit("Draft", {path: spec("SPEC-0003", "Draft")})
    git_repo.commit("Take out", {"specrepo.yaml": inside + "exclude: [specs/SPEC-0003.yaml]\n"})
    git_repo.commit("Approve while out", {path: spec("SPEC-0003", "Approved")})
    git_repo.commit("Draft again", {path: spec("SPEC-0003", "Draft")})
    verdict = warm_and_cold(git_repo, lambda: git_repo.commit("Bring back",
                                                              {"specrepo.yaml": inside}))
    assert verdict == (0, 0, [], [])


@pytest.mark.parametrize("outside", ["specs: specs\nexclude: [specs/SPEC-0003.yaml]\n",
                                     "specs: [specs/SPEC-0001*]\n"])
def test_excluded_and_included_again_keeps_its_life(git_repo: GitRepo,
                                                    outside: str) -> None:
    """In Review on day 2, out on day 40, back on day 41, nothing changed while out:
    `timeline` keeps the move to In Review, its periods a gap where it was out (as its
    `deleted` and `created` events say), and `report` its days in review, the day out
    counted (its round of review went on)."""
    git_repo.commit("Draft", {"specs/SPEC-0003.yaml": spec("SPEC-0003", "Draft")})
    review = git_repo.commit("Review", {"specs/SPEC-0003.yaml": spec("SPEC-0003", "In Review")})
    git_repo.clock += 37 * 86400
    out = git_repo.commit("Take out", {"specrepo.yaml": outside})
    back: list[str] = []
    warm_and_cold(git_repo, lambda: back.append(git_repo.commit(
        "Bring back", {"specrepo.yaml": "specs: specs\n"})))
    assert verdicts() == (0, 0, [], [])
    timeline = json.loads(run_cli("timeline", "SPEC-0003", "--format", "json").stdout)
    assert [(event["kind"], event["from"], event["to"]) for event in timeline["events"]
            if event["field"] == "status"][:2] == [("created", None, "Draft"),
                                                   ("status-changed", "Draft", "In Review")]
    periods = [(period["status"], period["commit"]) for period in timeline["statuses"]]
    assert periods[1:] == [("In Review", review), ("In Review", back[0])]
    assert [(event["kind"], event["commit"]) for event in timeline["events"]
            if event["kind"] in ("deleted", "created")][1:] == [("deleted", out),
                                                               ("created", back[0])]
    report = json.loads(run_cli("report", "--format", "json").stdout)
    (row,) = [row for row in report["specs"] if row["id"] == "SPEC-0003"]
    assert row["days_in_review"] == 39


def test_an_approved_spec_moved_where_a_narrowed_specs_no_longer_reads(
        git_repo: GitRepo) -> None:
    """`specs: specs` narrowed to `specs/active` (the approved spec still read: no
    removal), then a later commit moves it to `specs/archive/`, which only the older
    `specs:` read: that move takes it out of the spec set."""
    git_repo.commit("Draft", {"specs/active/SPEC-0001.yaml": spec("SPEC-0001", "Draft"),
                              "specs/active/SPEC-0002.yaml": spec("SPEC-0002", "Draft")})
    git_repo.commit("Review", {"specs/active/SPEC-0002.yaml": spec("SPEC-0002", "In Review")})
    git_repo.commit("Approve", {"specs/active/SPEC-0002.yaml": spec("SPEC-0002", "Approved")})
    git_repo.commit("Narrow", {"specrepo.yaml": "specs: specs/active\n"})

    def archive() -> str:
        (git_repo.root / "specs" / "archive").mkdir()
        git_repo.git("mv", "specs/active/SPEC-0002.yaml", "specs/archive/SPEC-0002.yaml")
        return git_repo.commit("Archive")
    warm_and_cold(git_repo, archive)
    moved = git_repo.git("rev-parse", "HEAD")
    assert verdicts() == (1, 1, [(moved, "specs/active/SPEC-0002.yaml", "Approved", None)],
                          [("SPEC-0002", moved, "Approved", None)])


@pytest.mark.parametrize("variant", ["renamed", "glob"])
def test_a_move_into_a_folder_only_an_older_configuration_read(git_repo: GitRepo,
                                                               variant: str) -> None:
    """`git mv specs design` with `specs: design` (nothing removed), then the approved
    spec moved back to specs/; or `specs: specs` changed to `specs/*.yaml` (the same
    files), then the spec moved to specs/old/: each move takes it out of the spec set."""
    git_repo.commit("Draft", {"specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft"),
                              "specs/SPEC-0002.yaml": spec("SPEC-0002", "Draft")})
    git_repo.commit("Review", {"specs/SPEC-0002.yaml": spec("SPEC-0002", "In Review")})
    git_repo.commit("Approve", {"specs/SPEC-0002.yaml": spec("SPEC-0002", "Approved")})
    if variant == "renamed":
        git_repo.git("mv", "specs", "design")
        git_repo.commit("Rename", {"specrepo.yaml": "specs: design\n"})
        source, target = "design/SPEC-0002.yaml", "specs/SPEC-0002.yaml"
    else:
        git_repo.commit("Glob", {"specrepo.yaml": "specs: specs/*.yaml\n"})
        source, target = "specs/SPEC-0002.yaml", "specs/old/SPEC-0002.yaml"
    assert verdicts() == (0, 0, [], [])

    def move() -> str:
        (git_repo.root / target).parent.mkdir(exist_ok=True)
        git_repo.git("mv", source, target)
        return git_repo.commit("Move")
    warm_and_cold(git_repo, move)
    moved = git_repo.git("rev-parse", "HEAD")
    assert verdicts() == (1, 1, [(moved, source, "Approved", None)],
                          [("SPEC-0002", moved, "Approved", None)])


def test_a_move_the_configuration_of_its_commit_read_is_no_removal(
        git_repo: GitRepo) -> None:
    """Moved to specs/old/ while `specs: specs` read it there, then the configuration
    narrowed to `specs/*.yaml`: the narrowing took it out, not the move."""
    git_repo.commit("Draft", {"specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft"),
                              "specs/SPEC-0002.yaml": spec("SPEC-0002", "Draft")})
    git_repo.commit("Review", {"specs/SPEC-0002.yaml": spec("SPEC-0002", "In Review")})
    git_repo.commit("Approve", {"specs/SPEC-0002.yaml": spec("SPEC-0002", "Approved")})
    (git_repo.root / "specs" / "old").mkdir()
    git_repo.git("mv", "specs/SPEC-0002.yaml", "specs/old/SPEC-0002.yaml")
    git_repo.commit("Move")
    warm_and_cold(git_repo, lambda: git_repo.commit("Narrow",
                                                    {"specrepo.yaml": "specs: specs/*.yaml\n"}))
    narrowed = git_repo.git("rev-parse", "HEAD")
    assert verdicts() == (1, 1, [(narrowed, "specs/old/SPEC-0002.yaml", "Approved", None)],
                          [("SPEC-0002", narrowed, "Approved", None)])


def test_timeline_ends_a_life_at_the_move_out_of_the_set(git_repo: GitRepo) -> None:
    """The spec moved to specs/archive/ after `specs:` was narrowed to specs/active:
    its timeline ends with that move, a removal, as `validate --history` judges it."""
    git_repo.commit("Draft", {"specs/active/SPEC-0001.yaml": spec("SPEC-0001", "Draft"),
                              "specs/active/SPEC-0002.yaml": spec("SPEC-0002", "Approved")})
    git_repo.commit("Narrow", {"specrepo.yaml": "specs: specs/active\n"})
    (git_repo.root / "specs" / "archive").mkdir()
    git_repo.git("mv", "specs/active/SPEC-0002.yaml", "specs/archive/SPEC-0002.yaml")
    moved = git_repo.commit("Archive")
    timeline = json.loads(run_cli("timeline", "SPEC-0002", "--format", "json").stdout)
    last = timeline["events"][-1]
    assert (last["kind"], last["commit"], last["from"], last["to"]) == (
        "deleted", moved, "Approved", None)
    assert timeline["statuses"][-1]["until"] is not None


def test_a_branch_move_merged_after_main_narrowed(git_repo: GitRepo) -> None:
    """main narrows `specs:` to specs/active; a branch made before moves the approved
    spec to specs/archive/ (read on the branch); the merge takes it out of the set."""
    git_repo.commit("Draft", {"specs/active/SPEC-0001.yaml": spec("SPEC-0001", "Draft"),
                              "specs/active/SPEC-0002.yaml": spec("SPEC-0002", "Approved")})
    git_repo.git("checkout", "-q", "-b", "archive")
    (git_repo.root / "specs" / "archive").mkdir()
    git_repo.git("mv", "specs/active/SPEC-0002.yaml", "specs/archive/SPEC-0002.yaml")
    git_repo.commit("Archive")
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("Narrow", {"specrepo.yaml": "specs: specs/active\n"})
    merged: list[str] = []
    verdict = warm_and_cold(git_repo, lambda: merged.append(git_repo.merge("archive")))
    assert verdict[:2] == (1, 1)
    assert [move[1] for move in verdict[3]] == [merged[0]]


def test_an_approved_spec_excluded_and_included_again_unchanged_passes(
        git_repo: GitRepo) -> None:
    """Approved, excluded, included again unchanged: a removal that does not stand left
    nothing (README), so neither the exclusion nor the return is a finding."""
    git_repo.commit("Draft", {"specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft"),
                              "specs/SPEC-0002.yaml": spec("SPEC-0002", "Draft")})
    git_repo.commit("Review", {"specs/SPEC-0002.yaml": spec("SPEC-0002", "In Review")})
    git_repo.commit("Approve", {"specs/SPEC-0002.yaml": spec("SPEC-0002", "Approved")})
    git_repo.commit("Exclude", {"specrepo.yaml": "specs: specs\nexclude: [specs/SPEC-0002*]\n"})
    verdict = warm_and_cold(git_repo, lambda: git_repo.commit(
        "Include", {"specrepo.yaml": "specs: specs\n"}))
    assert verdict == (0, 0, [], [])
    timeline = json.loads(run_cli("timeline", "SPEC-0002", "--format", "json").stdout)
    assert [period["status"] for period in timeline["statuses"]] == [
        "Draft", "In Review", "Approved", "Approved"]
