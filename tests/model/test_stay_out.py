"""A spec that leaves the spec set and comes back shows what changed while it was out as
one comparison at its return, its state on return against its state before it left,
whichever way it left and came back (README "Which spec a file is"): an `exclude:` added
and taken out, `specs:` narrowed and widened, a move out of the locations and back tell
the same story in `timeline`, `report` and `validate --history` as its file deleted and
brought back (`history.events.compare_return`); nothing changed while out is lost, and
what happens after the return is all kept."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0003.yaml"
GRACE = "  - Grace Hopper\n"
ALAN = "  - Alan Turing\n"
REQUIREMENT = "requirements:\n  functional:\n    - {id: FR-1, description: Count., priority: P0}\n"
GRACE_APPROVED = "reviewers:\n  - name: Grace Hopper\n    approved: 2026-01-02\n"


def _spec(status: str, reviewers: str = GRACE, title: str = "Alpha",
          question: str = "open") -> str:
    return (f"id: SPEC-0003\ntitle: {title}\nstatus: {status}\n"
            "authors: [Ada Lovelace]\n"
            f"reviewers:\n{reviewers}"
            "created: 2026-01-01\nupdated: 2026-01-01\nsummary: s\n"
            "open_questions:\n  - id: Q-1\n    question: Why?\n"
            f"    state: {question}\n    owner: Grace Hopper\n"
            + ("    resolution: Because.\n" if question == "resolved" else ""))


APPROVED_BY_GRACE = _spec("Approved", "  - name: Grace Hopper\n    approved: 2026-01-04\n")
AWAY = [_spec("Draft", GRACE + ALAN), _spec("In Review", ALAN, "Beta", "resolved")]
"""The versions committed while it is out: a reviewer added, the title changed, the other
reviewer taken off, the question resolved, back in review."""
AFTER = [_spec("Approved", "  - name: Alan Turing\n    approved: 2026-01-20\n", "Beta",
               "resolved"),
         _spec("Draft", ALAN, "Beta", "resolved")]


def _leave_and_return(repo: GitRepo, way: str) -> str:
    """Tell the story `way`; the commit that brings SPEC-0003 back."""
    inside = "specs: specs/*.yaml\n" if way.startswith("moved") else "specs: specs\n"
    repo.commit("adopt", {"specrepo.yaml": "specs: specs\n" if way == "moved" else inside})
    repo.commit("draft", {PATH: _spec("Draft"),
                          "specs/SPEC-0001.yaml": _spec("Draft").replace("0003", "0001")})
    repo.commit("review", {PATH: _spec("In Review")})
    repo.commit("approve", {PATH: APPROVED_BY_GRACE})
    away = PATH
    if way == "excluded":
        repo.commit("out", {"specrepo.yaml": f"{inside}exclude: [{PATH}]\n"})
    elif way == "narrowed":
        repo.commit("out", {"specrepo.yaml": "specs: [specs/SPEC-0001.yaml]\n"})
    elif way.startswith("moved"):  # `moved`: into a folder only an older `specs:` read
        if way == "moved":
            repo.commit("narrow", {"specrepo.yaml": inside})
        away = "specs/archive/SPEC-0003.yaml"
        (repo.root / "specs" / "archive").mkdir()
        repo.git("mv", PATH, away)
        repo.commit("out")
    else:
        repo.commit("out", {PATH: None})
    if way != "deleted":
        for text in AWAY:
            repo.commit("while out", {away: text})
    if way.startswith("moved"):
        repo.git("mv", away, PATH)
        return repo.commit("back")
    if way == "deleted":
        return repo.commit("back", {PATH: AWAY[-1]})
    return repo.commit("back", {"specrepo.yaml": inside})


def _story(repo: GitRepo, back: str) -> dict[str, object]:
    """What `timeline`, `report` and `validate --history` tell of SPEC-0003 from the
    return on, commits named by their place (`back`, then each later one)."""
    later = repo.git("rev-list", "--reverse", f"{back}..HEAD").split()
    place = {commit: name for name, commit in [("back", back), *enumerate(later)]}
    timeline = json.loads(run_cli("timeline", "SPEC-0003", "--format", "json").stdout)
    events = [(place[event["commit"]], event["kind"], event["field"], event["from"],
               event["to"]) for event in timeline["events"] if event["commit"] in place]
    validated = run_cli("validate", "--history", "--format", "json")
    findings = [(place.get(found["properties"]["commit"]), found["properties"]["from"],
                 found["properties"]["to"]) for found in json.loads(validated.stdout)[
                     "findings"] if found["rule"] == "illegal-transition"]
    report = json.loads(run_cli("report", "--format", "json").stdout)
    (row,) = [row for row in report["specs"] if row["id"] == "SPEC-0003"]
    return {"events": events, "findings": findings, "exit": validated.exit_code,
            "title": row["title"]}


def _warm_and_cold(repo: GitRepo, story: Callable[[], dict[str, object]]
                   ) -> dict[str, object]:
    """`story` with the history cache the first run wrote, asserted equal without it."""
    cold = story()
    assert story() == cold  # warm
    shutil.rmtree(repo.root / ".git" / "specrepo", ignore_errors=True)
    assert story() == cold
    return cold


RETURN = [("back", "created", "status", None, "In Review"),
          ("back", "title-changed", "title", "Alpha", "Beta"),
          ("back", "reviewer-added", "reviewers", None, "Alan Turing"),
          ("back", "reviewer-removed", "reviewers", "Grace Hopper", None),
          ("back", "question-resolved", "open_questions[Q-1]", "open", "resolved")]
"""The return, as a file deleted and brought back has it: one comparison."""


@pytest.mark.parametrize("way", ["excluded", "narrowed", "moved", "moved-where-none-read",
                                 "deleted"])
def test_a_return_compares_its_state_on_return_with_before_it_left(
        git_repo: GitRepo, way: str) -> None:
    back = _leave_and_return(git_repo, way)
    for text in AFTER:
        git_repo.commit("after", {PATH: text})
    told = _warm_and_cold(git_repo, lambda: _story(git_repo, back))
    assert told["events"] == [
        *RETURN,
        (0, "status-changed", "status", "In Review", "Approved"),
        (0, "approved", "reviewers[Alan Turing]", None, "2026-01-20"),
        (1, "status-changed", "status", "Approved", "Draft")]
    assert told["findings"] == [("back", "Approved", "In Review")]
    assert told["exit"] == 1
    assert told["title"] == "Beta"


@pytest.mark.parametrize("way", ["excluded", "deleted"])
def test_changes_undone_while_out_are_none(git_repo: GitRepo, way: str) -> None:
    """A reviewer added and taken off, the title changed and changed back, the status
    moved and moved back, while out: the return changes nothing but its `created`."""
    git_repo.commit("draft", {PATH: _spec("Draft"),
                              "specs/SPEC-0001.yaml": _spec("Draft").replace("0003", "0001")})
    if way == "excluded":
        git_repo.commit("out", {"specrepo.yaml": f"specs: specs\nexclude: [{PATH}]\n"})
        git_repo.commit("while out", {PATH: _spec("Approved", GRACE + ALAN, "Beta")})
        git_repo.commit("while out", {PATH: _spec("Draft")})
        back = git_repo.commit("back", {"specrepo.yaml": "specs: specs\n"})
    else:
        git_repo.commit("out", {PATH: None})
        back = git_repo.commit("back", {PATH: _spec("Draft")})
    told = _warm_and_cold(git_repo, lambda: _story(git_repo, back))
    assert told["events"] == [("back", "created", "status", None, "Draft")]
    assert (told["findings"], told["exit"]) == ([], 0)


@pytest.mark.parametrize("way", ["excluded", "deleted"])
def test_approved_content_changed_while_out_needs_a_new_approval(git_repo: GitRepo,
                                                                way: str) -> None:
    """An Approved spec taken out, its requirement changed while out (and a reviewer's
    date moved), brought back Approved: the change is the return's, after the approval,
    in `timeline` as an edit in place is, and `changed-after-approval` holds."""
    approved = spec_text("SPEC-0003", "Approved", extra=REQUIREMENT + GRACE_APPROVED)
    git_repo.commit("approved", {PATH: approved,
                                 "specs/SPEC-0001.yaml": spec_text("SPEC-0001")},
                    author="Grace Hopper")
    changed = approved.replace("Count.", "Count all.")
    if way == "excluded":
        git_repo.commit("out", {"specrepo.yaml": f"specs: specs\nexclude: [{PATH}]\n"})
        git_repo.commit("while out", {PATH: changed})
        back = git_repo.commit("back", {"specrepo.yaml": "specs: specs\n"})
    else:
        git_repo.commit("out", {PATH: None})
        back = git_repo.commit("back", {PATH: changed})
    timeline = json.loads(run_cli("timeline", "SPEC-0003", "--format", "json").stdout)
    assert [(event["kind"], event["field"]) for event in timeline["events"]
            if event["commit"] == back] == [
                ("created", "status"), ("item-changed", "requirements.functional[FR-1]")]
    validated = run_cli("validate", "--history", "--format", "json")
    assert [found["properties"]["path"] for found in json.loads(validated.stdout)[
        "findings"] if found["rule"] == "changed-after-approval"] == [
            "requirements.functional[FR-1]"]  # (excluded: named at the edit's own commit)
    assert validated.exit_code == 1
