"""A spec deleted and brought back under its id has, at the commit that brings it back, the
changes from the version it was deleted in, as the same edit made in place has them
(README, "A file added with the id of a deleted spec brings that spec back"): its title,
reviewers, approvals (and who recorded them) and questions, in `timeline`, `report` and
`validate --history`; its status move stays the `created` event's, judged as before."""

from __future__ import annotations

import json

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

PATH = "specs/SPEC-0001-a.yaml"
STRICT = "specs: specs\napproval:\n  dates_recorded_by: reviewer\n"


def _spec(title: str = "Alpha", status: str = "In Review", reviewer: str = "  - Grace Hopper",
          question: str = "open", resolution: str = "") -> str:
    return (f"id: SPEC-0001\ntitle: {title}\nstatus: {status}\n"
            "authors: [Ada Lovelace <ada@example.com>]\n"
            f"reviewers:\n{reviewer}\n"
            "created: 2026-01-01\nupdated: 2026-01-01\nsummary: s\n"
            "open_questions:\n  - id: Q-1\n    question: Why?\n"
            f"    state: {question}\n    owner: Grace Hopper\n{resolution}")


APPROVED = _spec("Alpha v2", "Approved",
                 "  - name: Grace Hopper\n    approved: 2026-01-03", "resolved",
                 "    resolution: Because.\n")


def _changes(repo: GitRepo, commit: str) -> list[tuple[str, str, str | None, str | None]]:
    """The events of SPEC-0001 that `commit` made, as `timeline --format json` has them."""
    document = json.loads(run_cli("timeline", "SPEC-0001", "--format", "json").stdout)
    return [(event["kind"], event["field"], event["from"], event["to"])
            for event in document["events"] if event["commit"].startswith(commit[:10])]


def _brought_back(repo: GitRepo, config: str | None = None) -> str:
    if config is not None:
        repo.write("specrepo.yaml", config)
    repo.commit("init", {PATH: _spec()})
    repo.commit("delete", {PATH: None})
    return repo.commit("bring back, approved", {PATH: APPROVED}, author="Grace Hopper")


def test_a_return_has_the_changes_an_edit_in_place_has(git_repo: GitRepo) -> None:
    back = _brought_back(git_repo)
    returned = _changes(git_repo, back)
    assert returned[0] == ("created", "status", None, "Approved")
    assert returned[1:] == [
        ("title-changed", "title", "Alpha", "Alpha v2"),
        ("approved", "reviewers[Grace Hopper]", None, "2026-01-03"),
        ("question-resolved", "open_questions[Q-1]", "open", "resolved")]
    assert (git_repo.root / ".git" / "specrepo" / "history-cache.json").is_file()  # warm
    assert _changes(git_repo, back) == returned


def test_the_same_edit_in_place_gives_the_same_changes(git_repo: GitRepo) -> None:
    git_repo.commit("init", {PATH: _spec()})
    edit = git_repo.commit("approve in place", {PATH: APPROVED}, author="Grace Hopper")
    assert _changes(git_repo, edit) == [
        ("status-changed", "status", "In Review", "Approved"),
        ("title-changed", "title", "Alpha", "Alpha v2"),
        ("approved", "reviewers[Grace Hopper]", None, "2026-01-03"),
        ("question-resolved", "open_questions[Q-1]", "open", "resolved")]


def test_the_report_credits_the_return_with_the_approval_and_the_resolution(
        git_repo: GitRepo) -> None:
    _brought_back(git_repo)
    report = json.loads(run_cli("report", "--format", "json").stdout)
    assert [(question["spec"], question["id"], question["resolved_by"])
            for question in report["resolved_questions"]] == [("SPEC-0001", "Q-1",
                                                               "Grace Hopper")]
    assert [(reviewer["reviewer"], reviewer["approvals"], reviewer["recorded_by_others"])
            for reviewer in report["reviewers"]] == [("Grace Hopper", 1, [])]
    text = run_cli("report").output
    assert "recorded by another" not in text
    assert "Q-1" in text.split("Resolved", 1)[1]


def test_a_reviewer_recording_her_own_date_on_return_counts(git_repo: GitRepo) -> None:
    back = _brought_back(git_repo, STRICT)
    history = mine_history(load_config(None, git_repo.root))
    approved = [event for event in history.spec("SPEC-0001").events
                if event.kind == "approved"]
    assert [(event.commit, event.author) for event in approved] == [(back, "Grace Hopper")]
    report = json.loads(run_cli("report", "--format", "json").stdout)
    assert [(reviewer["approvals"], reviewer["recorded_by_others"])
            for reviewer in report["reviewers"]] == [(1, [])]
    assert run_cli("validate", "--history").exit_code == 0


def test_a_return_in_another_status_is_still_judged_as_before(git_repo: GitRepo) -> None:
    git_repo.commit("init", {PATH: _spec(status="Draft")})
    git_repo.commit("delete", {PATH: None})
    back = git_repo.commit("back as Approved", {PATH: APPROVED}, author="Grace Hopper")
    assert [change[0] for change in _changes(git_repo, back)] == [
        "created", "title-changed", "approved", "question-resolved"]
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert "brought the spec back as Approved (it was deleted as Draft)" in result.output
    assert "[illegal-transition]" in result.output


def test_a_merge_that_brings_a_spec_back_has_its_changes(git_repo: GitRepo) -> None:
    git_repo.commit("init", {PATH: _spec(), "specs/SPEC-0002-b.yaml":
                             _spec().replace("SPEC-0001", "SPEC-0002")})
    git_repo.commit("delete", {PATH: None})
    git_repo.git("checkout", "-q", "-b", "side")
    git_repo.commit("side", {"specs/SPEC-0002-b.yaml": _spec("Beta").replace(
        "SPEC-0001", "SPEC-0002")})
    git_repo.git("checkout", "-q", "main")
    git_repo.git("merge", "-q", "--no-ff", "--no-commit", "side")
    merge = git_repo.commit("merge, bringing SPEC-0001 back", {PATH: APPROVED},
                            author="Grace Hopper")
    assert [change[0] for change in _changes(git_repo, merge)] == [
        "created", "title-changed", "approved", "question-resolved"]


def test_a_walk_continued_from_a_cache_at_the_deletion_has_them_too(
        git_repo: GitRepo) -> None:
    git_repo.commit("init", {PATH: _spec()})
    git_repo.commit("delete", {PATH: None})
    run_cli("validate", "--history")  # a cache that ends at the deletion: walked on
    assert (git_repo.root / ".git" / "specrepo" / "history-cache.json").is_file()
    back = git_repo.commit("bring back, approved", {PATH: APPROVED}, author="Grace Hopper")
    assert [change[0] for change in _changes(git_repo, back)] == [
        "created", "title-changed", "approved", "question-resolved"]
