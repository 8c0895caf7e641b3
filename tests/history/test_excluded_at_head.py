"""A spec whose file today's `exclude:` names was read, before the commit that excluded
it, wherever that commit's own configuration read it: its status moves made then are
judged (they were hidden, today's `exclude:` deciding for the whole history), a spec
moved out of such a file keeps its life, and a template's placeholders read under an
earlier configuration make no spec. Each case warm (the cache written before the last
commit) and cold, alike (`warm_and_cold`)."""

from __future__ import annotations

import json

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from tests.history.gitrepo import GitRepo
from tests.history.test_spec_set_departures import spec, verdicts, warm_and_cold
from tests.support import run_cli

TOP, ARCHIVE = "specs/SPEC-0003.yaml", "specs/archive/SPEC-0003.yaml"
EXCLUDE_TOP = f"specs: specs\nexclude: [{TOP}]\n"
OTHER = {"specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft")}


def test_moves_made_before_the_exclusion_are_judged(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {TOP: spec("SPEC-0003", "Draft"), **OTHER})
    skipped = git_repo.commit("Approved at once", {TOP: spec("SPEC-0003", "Approved")})
    git_repo.commit("Implemented", {TOP: spec("SPEC-0003", "Implemented")})
    commits: list[str] = []
    verdict = warm_and_cold(git_repo, lambda: commits.append(
        git_repo.commit("Exclude it", {"specrepo.yaml": EXCLUDE_TOP})))
    assert verdict[:3] == (1, 1, [(skipped, TOP, "Draft", "Approved"),
                                  (commits[0], TOP, "Implemented", None)])
    assert sorted(verdict[3]) == sorted([("SPEC-0003", skipped, "Draft", "Approved"),
                                         ("SPEC-0003", commits[0], "Implemented", None)])
    timeline = json.loads(run_cli("timeline", "SPEC-0003", "--format", "json").stdout)
    assert [period["status"] for period in timeline["statuses"]] == [
        "Draft", "Approved", "Implemented"]


def test_a_pull_request_that_moves_then_excludes_is_judged_since_its_base(
        git_repo: GitRepo) -> None:
    base = git_repo.commit("Draft", {TOP: spec("SPEC-0003", "Draft"), **OTHER})
    git_repo.git("switch", "-q", "-c", "change")
    moved = git_repo.commit("Approved at once", {TOP: spec("SPEC-0003", "Approved")})
    git_repo.commit("Exclude it", {"specrepo.yaml": EXCLUDE_TOP})
    result = run_cli("validate", "--history", "--since", base, "--format", "json")
    assert result.exit_code == 1
    assert [(found["properties"]["commit"], found["properties"]["from"],
             found["properties"]["to"]) for found in json.loads(result.stdout)["findings"]
            if found["rule"] == "illegal-transition"][:1] == [(moved, "Draft", "Approved")]


def test_a_spec_moved_out_of_a_file_excluded_later_keeps_its_life(git_repo: GitRepo) -> None:
    born = git_repo.commit("Draft", {TOP: spec("SPEC-0003", "Draft")})
    git_repo.commit("Review", {TOP: spec("SPEC-0003", "In Review")})
    git_repo.commit("Approve", {TOP: spec("SPEC-0003", "Approved")})
    git_repo.git("mv", TOP, "specs/SPEC-0003-kept.yaml")
    git_repo.commit("Rename it")
    verdict = warm_and_cold(git_repo, lambda: git_repo.commit(
        "A template where it was", {"specrepo.yaml": EXCLUDE_TOP,
                                    TOP: "id: SPEC-NNNN\nstatus: Draft|Approved\n"}))
    assert verdict == (0, 0, [], [])
    timeline = json.loads(run_cli("timeline", "SPEC-0003", "--format", "json").stdout)
    assert [period["status"] for period in timeline["statuses"]] == [
        "Draft", "In Review", "Approved"]
    assert timeline["statuses"][0]["commit"] == born


PLACEHOLDERS = "id: SPEC-0009\ntitle: A spec\nstatus: Draft|Approved\nauthors: [Who]\n"
"""A template whose id the schema takes but whose status is a placeholder."""


def test_a_template_read_before_its_exclusion_makes_no_spec(git_repo: GitRepo) -> None:
    git_repo.commit("Start", {"specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft"),
                              "specs/template.yaml": PLACEHOLDERS})
    git_repo.commit("Exclude the template", {
        "specrepo.yaml": "specs: specs\nexclude: [specs/template.yaml]\n"})
    git_repo.commit("Edit the template", {"specs/template.yaml": PLACEHOLDERS + "x: 1\n"})
    added: list[str] = []
    # A spec given the template's id later is a new spec, not the template brought back.
    verdict = warm_and_cold(git_repo, lambda: added.append(git_repo.commit(
        "A spec with the template's id", {"specs/SPEC-0009.yaml": spec("SPEC-0009", "Draft")})))
    assert verdict == (0, 0, [], [])
    timeline = json.loads(run_cli("timeline", "SPEC-0009", "--format", "json").stdout)
    assert [(event["kind"], event["commit"]) for event in timeline["events"]] == [
        ("created", added[0])]
    assert verdicts()[:2] == (0, 0)


@pytest.mark.parametrize("configuration", [
    EXCLUDE_TOP, "specs: specs\nexclude: ['specs/archive/**']\n", "specs: specs/active\n"])
@pytest.mark.parametrize("deleted", [False, True])
def test_a_followed_file_out_of_the_set_is_no_file_of_heads(
        git_repo: GitRepo, configuration: str, deleted: bool) -> None:
    """hist37: the walk follows a spec's file that a later `exclude:` (or a narrowed
    `specs:`) left out, and never sees it leave, nor its deletion after: its last version,
    unreadable, was named as a spec file of HEAD's that cannot be read."""
    where = ARCHIVE if "archive" in configuration else TOP
    git_repo.commit("Draft", {where: spec("SPEC-0003", "Draft"),
                              "specs/active/SPEC-0001.yaml": spec("SPEC-0001", "Draft")})
    git_repo.commit("Break it", {where: "id: SPEC-0003\nstatus: [unclosed\n"})
    git_repo.commit("Leave it out", {"specrepo.yaml": configuration})
    if deleted:
        git_repo.commit("Delete it", {where: None})
    for _ in range(2):  # cold, then warm
        history = mine_history(load_config(None, git_repo.root))
        assert list(history.head_files) == ["specs/active/SPEC-0001.yaml"]
        assert history.head_problems == {}
        typo = run_cli("timeline", "SPEC-0009")
        assert typo.exit_code == 2
        assert "cannot be read" not in typo.output, typo.output
        assert "cannot be read" not in run_cli("report").output
