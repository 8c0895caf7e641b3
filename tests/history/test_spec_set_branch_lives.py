"""A spec whose entry into the spec set and exit from it a merged branch's own line made
(born Approved in a folder only the branch's configuration read, then `specs:` narrowed;
the configuration deleted, the spec added between, the file brought back narrower; born
Approved and excluded; a spec main held approved on the branch and narrowed out;
`specs:` widened, a spec added, narrowed back, the merge changing no configuration; a
file written while unread, then `specs:` widened to it, or narrowed and widened back: it
enters there, no birth) is judged as on a linear history, once, at the branch's commits:
merged with a merge commit (main having a commit of its own, merged into the branch
before or not), fast-forwarded or rebased, the same findings as the same commits made on
main; a squash is judged as its net change (one commit). trial40
merged-branch-approved-spec-narrowed-out-unseen: a merge commit passed every gate, and
`timeline` showed the spec Approved at HEAD, where no configuration read it. Warm (the
cache written before the branch) and cold, alike."""

from __future__ import annotations

import json
from typing import NamedTuple

import pytest

from tests.history.gitrepo import GitRepo
from tests.history.test_spec_set_departures import spec, warm_and_cold
from tests.support import run_cli

BOTH = "specs: [specs, design]\n"
DESIGN, OWN = "design/SPEC-0003.yaml", "specs/SPEC-0003.yaml"


class Case(NamedTuple):
    """What the branch does (`shape`: a key of `STEPS`) and how it reaches main (`merge`:
    "line", the commits made on main; "no-ff", main having a commit of its own;
    "updated", that commit merged into the branch before; "ff"; "rebase"; "squash")."""

    shape: str
    merge: str


Files = dict[str, str | None]
NARROW: Files = {"specrepo.yaml": "specs: specs\n"}
WIDE: Files = {"specrepo.yaml": BOTH}
STEPS: dict[str, list[tuple[str, Files]]] = {
    "gap": [("Drop the configuration", {"specrepo.yaml": None}),
            ("Born", {DESIGN: spec("SPEC-0003", "Approved")}), ("Narrower", NARROW)],
    "narrow": [("Born", {DESIGN: spec("SPEC-0003", "Approved")}), ("Narrower", NARROW)],
    "exclude": [("Born", {OWN: spec("SPEC-0003", "Approved")}),
                ("Narrower", {"specrepo.yaml": f"{BOTH}exclude: [{OWN}]\n"})],
    "approve-narrow": [("Born", {"design/SPEC-0009.yaml": spec("SPEC-0009", "Approved")}),
                       ("Narrower", NARROW)],
    "widen-and-back": [("Widen", WIDE), ("Born", {DESIGN: spec("SPEC-0003", "Approved")}),
                       ("Narrower", NARROW)],
    "enter": [("Born", {DESIGN: spec("SPEC-0003", "Approved")}), ("Widen", WIDE)],
    "narrow-and-back": [("Narrower", NARROW),
                        ("Born", {DESIGN: spec("SPEC-0003", "Approved")}), ("Widen", WIDE)],
}
"""The branch's commits (subject, files: None deletes one); "widen-and-back" and
"enter" start from main narrowed to `specs: specs` (`NARROWED`)."""
NARROWED = ("widen-and-back", "enter")
BORN = ("Born", DESIGN, None, "Approved")
EXPECTED = {
    "gap": [BORN, ("Narrower", DESIGN, "Approved", None)],
    "narrow": [BORN, ("Narrower", DESIGN, "Approved", None)],
    "exclude": [("Born", OWN, None, "Approved"), ("Narrower", OWN, "Approved", None)],
    "approve-narrow": [("Born", "design/SPEC-0009.yaml", "Draft", "Approved"),
                       ("Narrower", "design/SPEC-0009.yaml", "Approved", None)],
    "widen-and-back": [BORN, ("Narrower", DESIGN, "Approved", None)],
    "enter": [], "narrow-and-back": [],
}
"""The findings the commits made on main give: (commit's subject, file, from, to); a
squash's are its net change's: a file added with its folder read is born there."""
SQUASHED = {"enter": [("Squashed", DESIGN, None, "Approved")],
            "narrow-and-back": [("Squashed", DESIGN, None, "Approved")]}
LIVES = {"enter": [("created", "Widen")], "narrow-and-back": [("created", "Widen")]}
"""SPEC-0003's `timeline` events (kind, commit's subject) where not created and removed."""

CASES = [Case(shape, merge) for shape in EXPECTED
         for merge in ("line", "no-ff", "updated", "ff", "rebase", "squash")]


def project(repo: GitRepo, shape: str) -> None:
    """SPEC-0001 Draft in specs/, SPEC-0009 Draft in design/, both read (for a shape of
    `NARROWED`, then specs/ only)."""
    repo.commit("Adopt", {"specrepo.yaml": BOTH,
                          "specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft"),
                          "design/SPEC-0009.yaml": spec("SPEC-0009", "Draft")})
    if shape in NARROWED:
        repo.commit("Main narrows", NARROW)


def reach_main(repo: GitRepo, case: Case) -> None:
    """`branch_line` on a branch (or on main: "line"), brought to main as `case` says."""
    if case.merge != "line":
        repo.git("checkout", "-q", "-b", "topic")
    for subject, files in STEPS[case.shape]:
        repo.commit(subject, files)
    if case.merge != "line":
        merge_topic(repo, case.merge)


def merge_topic(repo: GitRepo, merge: str) -> None:
    """The branch `topic` (checked out) brought to main as `merge` says (a `Case.merge`
    other than "line"), main having a commit of its own but for "ff"."""
    repo.git("checkout", "-q", "main")
    if merge != "ff":
        repo.commit("Main", {"specs/SPEC-0001.yaml": spec("SPEC-0001", "In Review")})
    if merge in ("no-ff", "updated"):
        if merge == "updated":
            repo.git("checkout", "-q", "topic")
            repo.merge("main", message="Update")
            repo.git("checkout", "-q", "main")
        repo.merge("topic")
    elif merge == "squash":
        repo.git("merge", "-q", "--squash", "topic")
        repo.commit("Squashed")
    else:
        if merge == "rebase":
            repo.git("rebase", "-q", "main", "topic")
            repo.git("checkout", "-q", "main")
        repo.git("merge", "-q", "--ff-only", "topic")


def named(repo: GitRepo, findings: list[tuple[str, str, str | None, str | None]]
          ) -> list[tuple[str, str, str | None, str | None]]:
    """`findings` (commit, file, from, to) with each commit named by its subject, sorted."""
    return sorted((repo.git("log", "-1", "--format=%s", commit), path, before, after)
                  for commit, path, before, after in findings)


@pytest.mark.parametrize("case", CASES, ids="-".join)
def test_a_branch_life_in_the_spec_set_is_judged_as_on_a_line(git_repo: GitRepo,
                                                              case: Case) -> None:
    project(git_repo, case.shape)
    validated, reported, findings, moves = warm_and_cold(git_repo,
                                                         lambda: reach_main(git_repo, case))
    expected = SQUASHED.get(case.shape, []) if case.merge == "squash" \
        else EXPECTED[case.shape]
    assert named(git_repo, findings) == expected
    assert (validated, reported) == ((1, 1) if expected else (0, 0))
    assert len(moves) == len(expected)
    if case.shape != "approve-narrow" and case.merge != "squash":
        document = json.loads(run_cli("timeline", "SPEC-0003", "--format", "json").stdout)
        assert [(event["kind"], git_repo.git("log", "-1", "--format=%s", event["commit"]))
                for event in document["events"]] == LIVES.get(
                    case.shape, [("created", "Born"), ("deleted", "Narrower")])
    if case.merge in ("no-ff", "updated") and expected:  # the merge's gate, since main before it
        assert run_cli("validate", "--history", "--since", "HEAD^1").exit_code == 1
