"""An approved spec that leaves the spec set on a branch merged into main (an `exclude:`
added, `specs:` narrowed, moved out of the locations, deleted; after a move into an
archive folder, in the same commit as one, or with none) is removed once, at the branch's
commit whose own configuration stopped reading it, as on a linear history and on the
branch itself: not at the merge, nor twice (trial37b exclude-later-merged-removal-at-merge,
move-into-excluded-merged-deleted-twice). `timeline` ends its life there with one
`deleted`, and an `accepted_transitions:` entry for that commit accepts the removal. The
merge takes the branch's side, or main has changes of its own; a squash merge (the
removal is the squash's) and a fast-forward are the controls. Warm (the cache written
before the branch) and cold, alike."""

from __future__ import annotations

import json
from typing import NamedTuple

import pytest

from tests.history.gitrepo import GitRepo
from tests.history.test_spec_set_departures import (
    approved_project,
    removed,
    spec,
    warm_and_cold,
)
from tests.support import run_cli

TOP, ARCHIVE = "specs/SPEC-0002.yaml", "specs/old/SPEC-0002.yaml"


class Shape(NamedTuple):
    """How the branch takes SPEC-0002 out (`departure`: "exclude", "narrow", "move-out",
    "delete"), whether it moves the file into `specs/old/` first (`archived`: "before",
    in a commit of its own; "same", in the departure's commit; "no"), and how main merges
    it (`merge`: "no-ff"; "no-ff-main", main having a commit of its own; "updated", that
    commit merged into the branch before; "squash"; "ff")."""

    departure: str
    archived: str
    merge: str


SHAPES = [
    *(Shape(departure, archived, merge) for departure in ("exclude", "narrow")
      for archived in ("no", "before", "same") for merge in ("no-ff", "no-ff-main")),
    Shape("exclude", "before", "updated"), Shape("narrow", "no", "updated"),
    Shape("exclude", "before", "squash"), Shape("exclude", "before", "ff"),
    Shape("narrow", "same", "squash"), Shape("move-out", "before", "no-ff-main"),
    Shape("delete", "before", "no-ff-main"), Shape("delete", "same", "no-ff"),
]


def depart(repo: GitRepo, shape: Shape) -> tuple[str, str]:
    """On the branch checked out: the departure (with the move `shape` asks for); its
    commit, and the file that held the spec where it left."""
    held = TOP
    if shape.archived != "no":
        (repo.root / "specs" / "old").mkdir(exist_ok=True)
        repo.git("mv", TOP, ARCHIVE)
        held = ARCHIVE
        if shape.archived == "before":
            repo.commit("Archive")
    files: dict[str, str | None] = {}
    if shape.departure == "exclude":
        files["specrepo.yaml"] = f"specs: specs\nexclude: [{held}]\n"
    elif shape.departure == "narrow":
        files["specrepo.yaml"] = "specs: [specs/SPEC-0001*]\n"
    elif shape.departure == "move-out":
        (repo.root / "attic").mkdir()
        repo.git("mv", held, "attic/SPEC-0002.yaml")
    else:
        files[held] = None
    return repo.commit("Depart", files), held if shape.archived == "before" else TOP


def merged(repo: GitRepo, shape: Shape) -> tuple[str, str]:
    """`depart` on a branch, a later commit there, the branch merged into main as
    `shape` says: the commit expected to have removed the spec, and its file there."""
    repo.git("checkout", "-q", "-b", "retire")
    removal, held = depart(repo, shape)
    repo.commit("Later", {"specs/SPEC-0001.yaml": spec("SPEC-0001", "In Review")})
    repo.git("checkout", "-q", "main")
    if shape.merge == "ff":
        repo.git("merge", "-q", "--ff-only", "retire")
    elif shape.merge == "squash":
        repo.git("merge", "-q", "--squash", "retire")
        return repo.commit("Squashed"), TOP
    else:
        if shape.merge != "no-ff":
            repo.commit("Main", {"specs/SPEC-0003.yaml": spec("SPEC-0003", "Draft")})
        if shape.merge == "updated":
            repo.git("checkout", "-q", "retire")
            repo.merge("main", message="Update")
            repo.git("checkout", "-q", "main")
        repo.merge("retire")
    return removal, held


def endings(spec_id: str) -> list[tuple[str, str]]:
    """The events of `timeline SPEC_ID` that may end a life (kind, commit)."""
    document = json.loads(run_cli("timeline", spec_id, "--format", "json").stdout)
    return [(event["kind"], event["commit"]) for event in document["events"]
            if event["kind"] in ("deleted", "merge-resolved")]


@pytest.mark.parametrize("shape", SHAPES, ids="-".join)
def test_removed_once_where_the_branch_took_it_out(git_repo: GitRepo, shape: Shape) -> None:
    approved_project(git_repo)
    expected: list[tuple[str, str]] = []
    verdict = warm_and_cold(git_repo, lambda: expected.append(merged(git_repo, shape)))
    removal, held = expected[0]
    removed(verdict, removal, held)
    assert endings("SPEC-0002") == [("deleted", removal)]
    if shape.merge not in ("squash", "ff"):  # the merge's gate, since main before it
        assert run_cli("validate", "--history", "--since", "HEAD^1").exit_code == 1


def test_accepting_the_branch_commit_that_excluded_it_passes(git_repo: GitRepo) -> None:
    """trial37b: the entry for the exclude commit was refused ("not in the history read")
    while the removal was named at the merge, twice."""
    approved_project(git_repo)
    removal, _ = merged(git_repo, Shape("exclude", "before", "no-ff-main"))
    git_repo.commit("Accept", {"specrepo.yaml": (
        f"specs: specs\nexclude: [{ARCHIVE}]\naccepted_transitions:\n"
        f"  - commit: {removal[:10]}\n    spec: SPEC-0002\n    reason: retired\n")})
    validated = run_cli("validate", "--history", "--strict")
    assert validated.exit_code == 0, validated.output
    assert run_cli("report", "--fail-on", "illegal-transitions").exit_code == 0


def test_approved_on_main_while_a_branch_excluded_it_is_removed_by_the_merge(
        git_repo: GitRepo) -> None:
    """The branch took out a Draft; main approved it meanwhile: the merge left out an
    Approved spec, which no commit of the branch did (no gate may pass it)."""
    approved_project(git_repo)

    def change() -> str:
        git_repo.git("checkout", "-q", "-b", "retire")
        git_repo.commit("Exclude", {
            "specrepo.yaml": "specs: specs\nexclude: [specs/SPEC-0001.yaml]\n"})
        git_repo.git("checkout", "-q", "main")
        for status in ("In Review", "Approved"):
            git_repo.commit(status, {"specs/SPEC-0001.yaml": spec("SPEC-0001", status)})
        return git_repo.merge("retire")
    verdict = warm_and_cold(git_repo, change)
    merge = git_repo.git("rev-parse", "HEAD")
    assert verdict == (1, 1, [(merge, "specs/SPEC-0001.yaml", "Approved", None)],
                       [("SPEC-0001", merge, "Approved", None)])
    assert endings("SPEC-0001") == [("deleted", merge)]


def test_a_file_a_branch_brought_in_enters_at_the_merge(git_repo: GitRepo) -> None:
    """A branch widens `specs:` to a file main edits meanwhile (no spec on main's line):
    it enters the spec set at the merge, with the merged content; main's edit is none of
    a spec's (only a removal is named at the branch's commit)."""
    approved_project(git_repo)
    git_repo.commit("Docs", {"docs/SPEC-0003.yaml": spec("SPEC-0003", "Draft")})
    git_repo.git("checkout", "-q", "-b", "widen")
    git_repo.commit("Widen", {"specrepo.yaml": "specs: [specs, docs]\n"})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("Edit", {"docs/SPEC-0003.yaml": spec("SPEC-0003", "Draft").replace(
        "A spec", "Another")})
    merge = git_repo.merge("widen")
    document = json.loads(run_cli("timeline", "SPEC-0003", "--format", "json").stdout)
    assert [(event["kind"], event["commit"]) for event in document["events"]] == [
        ("created", merge)]
