"""A merged branch that renames its configuration (`git mv specrepo.yaml cfg.yaml`, run
with `--config cfg.yaml`) or deletes it and brings it back under another name while it
changes the spec set (`specs:` widened, a spec born Approved, narrowed back; an Approved
spec excluded), and a branch of a branch that widens, adds and narrows back (merged into
its branch, that into main): the same verdicts, at the same commits, as the same commits
made on main, whatever the merge (merge commit, main merged into the branch first,
fast-forward, rebase); warm from the branch tip's cache and cold, alike. cfgren41 (trial41
merged-branch-born-approved-narrowed-with-config-rename-passes: exit 0 on a merge;
branch-exclude-with-config-rename-blamed-on-merge: the merge named; lead41
nested-quiet-merge: exit 0 nested)."""

from __future__ import annotations

import json
import shutil
from typing import NamedTuple

import pytest

from tests.history.gitrepo import GitRepo
from tests.history.test_spec_set_branch_lives import merge_topic, named
from tests.history.test_spec_set_departures import spec
from tests.support import run_cli

NARROW, WIDE = "specs: specs\n", "specs: [specs, design]\n"
DESIGN, APPROVED = "design/SPEC-0003.yaml", "specs/SPEC-0002.yaml"
Files = dict[str, str | None]
BORN: Files = {DESIGN: spec("SPEC-0003", "Approved")}
STEPS: dict[str, list[tuple[str, Files]]] = {
    "rename-narrow": [("Widen", {"specrepo.yaml": WIDE}), ("Born", BORN),
                      ("Narrower", {"specrepo.yaml": None, "cfg.yaml": NARROW})],
    "rename-own": [("Widen", {"specrepo.yaml": WIDE}), ("Born", BORN),
                   ("Rename", {"specrepo.yaml": None, "cfg.yaml": WIDE}),
                   ("Narrower", {"cfg.yaml": NARROW})],
    "rename-widen": [("Widen", {"specrepo.yaml": None, "cfg.yaml": WIDE}), ("Born", BORN),
                     ("Narrower", {"cfg.yaml": NARROW})],
    "gap": [("Widen", {"specrepo.yaml": WIDE}), ("Born", BORN),
            ("Drop", {"specrepo.yaml": None}), ("Narrower", {"cfg.yaml": NARROW})],
    "exclude": [("Narrower", {"specrepo.yaml": None,
                              "cfg.yaml": f"{NARROW}exclude: [{APPROVED}]\n"})],
}
"""The branch's commits (subject, files: None deletes one)."""
EXPECTED = {shape: [("Born", DESIGN, None, "Approved"), ("Narrower", DESIGN, "Approved", None)]
            for shape in STEPS}
EXPECTED["exclude"] = [("Narrower", APPROVED, "Approved", None)]
"""The findings the commits made on main give: (commit's subject, file, from, to)."""


class Case(NamedTuple):
    """What the branch does (a key of `STEPS`) and how it reaches main ("line": made on
    main; "no-ff", main having a commit of its own; "updated", that merged into the
    branch first; "ff"; "rebase")."""

    shape: str
    merge: str


CASES = [Case(shape, merge) for shape in STEPS
         for merge in ("line", "no-ff", "updated", "ff", "rebase")]


def verdicts(config: tuple[str, ...] = ("--config", "cfg.yaml")
             ) -> tuple[int, int, list[tuple[str, str, str | None, str | None]], int]:
    """With `config` (`--config cfg.yaml`; none: specrepo.yaml): `validate --history`'s
    and `report --fail-on illegal-transitions`'s exit codes, the illegal moves `validate`
    names (commit, file, from, to), and how many the report names."""
    validated = run_cli(*config, "validate", "--history", "--format", "json")
    report = run_cli(*config, "report", "--fail-on", "illegal-transitions", "--format",
                     "json")
    findings = [(found["properties"]["commit"], found["file"], found["properties"]["from"],
                 found["properties"]["to"])
                for found in json.loads(validated.stdout)["findings"]
                if found["rule"] == "illegal-transition"]
    return (validated.exit_code, report.exit_code, findings,
            len(json.loads(report.stdout)["integrity"]["illegal_transitions"]))


def project(repo: GitRepo) -> None:
    """SPEC-0001 Draft, SPEC-0002 Draft -> In Review -> Approved, read from specs/."""
    repo.commit("Adopt", {"specrepo.yaml": NARROW,
                          "specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft"),
                          APPROVED: spec("SPEC-0002", "Draft")})
    repo.commit("Review", {APPROVED: spec("SPEC-0002", "In Review")})
    repo.commit("Approve", {APPROVED: spec("SPEC-0002", "Approved")})


def reach_main(repo: GitRepo, case: Case) -> None:
    """The branch's `STEPS` on a branch (or on main: "line"), brought to main as `case`
    says, with a run on the branch's tip first (the cache a warm run finds)."""
    if case.merge != "line":
        repo.git("checkout", "-q", "-b", "topic")
    for subject, files in STEPS[case.shape]:
        repo.commit(subject, files)
    if case.merge == "line":
        return
    run_cli("--config", "cfg.yaml", "validate", "--history")
    merge_topic(repo, case.merge)


def warm_then_cold(repo: GitRepo) -> tuple[int, int, list[tuple[str, str, str | None,
                                                                 str | None]], int]:
    """`verdicts` with the caches left before (warm), asserted equal with none (cold)."""
    warm = verdicts()
    shutil.rmtree(repo.root / ".git" / "specrepo", ignore_errors=True)
    assert verdicts() == warm
    return warm


@pytest.mark.parametrize("case", CASES, ids="-".join)
def test_a_branch_renaming_its_configuration_is_judged_as_on_a_line(git_repo: GitRepo,
                                                                    case: Case) -> None:
    project(git_repo)
    reach_main(git_repo, case)
    validated, reported, findings, moves = warm_then_cold(git_repo)
    assert named(git_repo, findings) == EXPECTED[case.shape]
    assert (validated, reported, moves) == (1, 1, len(EXPECTED[case.shape]))
    if case.shape != "exclude":
        document = json.loads(run_cli("--config", "cfg.yaml", "timeline", "SPEC-0003",
                                      "--format", "json").stdout)
        assert [(event["kind"], git_repo.git("log", "-1", "--format=%s", event["commit"]))
                for event in document["events"]] == [("created", "Born"),
                                                     ("deleted", "Narrower")]


def test_an_accepted_branch_removal_is_accepted_after_the_merge(git_repo: GitRepo) -> None:
    project(git_repo)
    reach_main(git_repo, Case("exclude", "no-ff"))
    made = git_repo.git("log", "-1", "--format=%H", "--grep=Narrower")
    accepted = (f"{NARROW}exclude: [{APPROVED}]\naccepted_transitions:\n"
                f"  - {{commit: {made[:10]}, spec: SPEC-0002, reason: Retired for good}}\n")
    git_repo.commit("Accept", {"cfg.yaml": accepted})
    validated = run_cli("--config", "cfg.yaml", "validate", "--history")
    assert validated.exit_code == 0, validated.output
    assert "accepts nothing" not in validated.output


@pytest.mark.parametrize("nested", [False, True], ids=["line", "nested"])
@pytest.mark.parametrize("config", ["specrepo.yaml", "cfg.yaml", "kept"])
def test_a_branch_of_a_branch_narrowed_back_is_judged_as_on_a_line(
        git_repo: GitRepo, nested: bool, config: str) -> None:
    """Branch c of branch b widens `specs:` (renaming the configuration to cfg.yaml too,
    and back, or "kept" there), adds an Approved spec, narrows back; c merged into b, b
    into main (`nested`), or the same commits on main."""
    project(git_repo)
    if nested:
        git_repo.git("checkout", "-q", "-b", "b")
        git_repo.commit("B's own", {"specs/SPEC-0004.yaml": spec("SPEC-0004", "Draft")})
        git_repo.git("checkout", "-q", "-b", "c")
    named_as = "cfg.yaml" if config == "kept" else config
    git_repo.commit("Widen", {"specrepo.yaml": None, named_as: WIDE})
    git_repo.commit("Born", BORN)
    git_repo.commit("Narrower", {named_as: NARROW})
    if config == "cfg.yaml":
        git_repo.commit("Back", {config: None, "specrepo.yaml": NARROW})
    if nested:
        run_cli("--config", named_as, "validate", "--history")
        git_repo.git("checkout", "-q", "b")
        git_repo.commit("B2", {"specs/SPEC-0004.yaml": spec("SPEC-0004", "In Review")})
        git_repo.merge("c")
        git_repo.git("checkout", "-q", "main")
        git_repo.commit("Main", {"specs/SPEC-0001.yaml": spec("SPEC-0001", "In Review")})
        git_repo.merge("b")
    if config != "kept":
        git_repo.commit("Rename", {"specrepo.yaml": None, "cfg.yaml": NARROW})
    validated, reported, findings, moves = warm_then_cold(git_repo)
    assert named(git_repo, findings) == EXPECTED["rename-own"]
    assert (validated, reported, moves) == (1, 1, 2)
