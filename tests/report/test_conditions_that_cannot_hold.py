"""`report --fail-on` a condition the format cannot have (questions, when `fields:
questions:` is null) passes, as it must, but says so: a gate that could never fail is not
left to pass in silence (trace says the same of a matrix without requirements)."""

from __future__ import annotations

import json

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli


@pytest.mark.parametrize("conditions", ["open-questions", "open-questions-on-approved",
                                        "open-questions,open-questions-on-approved,stale"])
def test_question_conditions_without_questions_warn(git_repo: GitRepo,
                                                    conditions: str) -> None:
    git_repo.commit("Specs", {"specrepo.yaml": "specs: specs\nfields: {questions: null}\n",
                              "specs/SPEC-0001.yaml": spec_text()})
    result = run_cli("report", "--fail-on", conditions)
    assert result.exit_code == 0
    named = ",".join(condition for condition in conditions.split(",")
                     if condition.startswith("open-questions"))
    assert result.stderr == (
        "specrepo: warning: the format has no questions (`fields: questions: null` in "
        f"specrepo.yaml), so no condition of --fail-on {named} can hold\n")


def test_a_format_with_questions_says_nothing(git_repo: GitRepo) -> None:
    git_repo.commit("Specs", {"specs/SPEC-0001.yaml": spec_text()})
    result = run_cli("report", "--fail-on", "open-questions")
    assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.parametrize("output_format", ["table", "markdown"])
def test_a_format_without_questions_shows_no_questions_section(
        git_repo: GitRepo, output_format: str) -> None:
    """No heading or empty table of open questions where the format has none; the rest of
    the report (the integrity section too) is the whole report's."""
    git_repo.commit("Specs", {"specrepo.yaml": "specs: specs\nfields: {questions: null}\n",
                              "specs/SPEC-0001.yaml": spec_text()})
    result = run_cli("report", "--format", output_format)
    assert result.exit_code == 0 and result.stderr == ""
    assert "questions" not in result.stdout.casefold()
    assert "Status" in result.stdout and "Integrity" in result.stdout
    assert "Stale" in result.stdout and "Reviewers" in result.stdout


def test_the_json_report_of_a_format_without_questions_keeps_its_shape(
        git_repo: GitRepo) -> None:
    git_repo.commit("Specs", {"specrepo.yaml": "specs: specs\nfields: {questions: null}\n",
                              "specs/SPEC-0001.yaml": spec_text()})
    document = json.loads(run_cli("report", "--format", "json").stdout)
    assert document["sections"] == ["status", "reviewers", "stale"]
    assert document["open_questions"] == [] and document["resolved_questions"] == []
    assert "integrity" in document


def test_asking_for_the_questions_a_format_lacks_says_so(git_repo: GitRepo) -> None:
    git_repo.commit("Specs", {"specrepo.yaml": "specs: specs\nfields: {questions: null}\n",
                              "specs/SPEC-0001.yaml": spec_text()})
    result = run_cli("report", "questions")
    assert result.exit_code == 0
    assert "questions" not in result.stdout.casefold()
    assert result.stderr == (
        "specrepo: warning: the format has no questions (`fields: questions: null` in "
        "specrepo.yaml): `report questions` has nothing to show\n")


_OWN_SCHEMA = json.dumps({
    "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
    "required": ["id", "title", "status"],
    "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                   "status": {"enum": ["proposed", "review", "accepted", "rejected"]},
                   "reviewers": {"type": "array", "items": {"type": "string"}}}})


def _own_workflow(git_repo: GitRepo, statuses: str, extra: str = "") -> None:
    """A workflow of a team's own, its schema, and one spec in review a year ago."""
    git_repo.commit("Specs", {
        "schema.json": _OWN_SCHEMA,
        "specrepo.yaml": "specs: specs\nschema: schema.json\nfields: {authors: null, "
                         f"created: null, questions: null}}\n{statuses}{extra}",
        "specs/SPEC-0001.yaml": "id: SPEC-0001\ntitle: t\nstatus: review\n"
                                "reviewers: [Grace]\n"}, date=1767225600)


_STATES = ("statuses:\n  states: [proposed, review, accepted, rejected]\n"
           "  transitions: {proposed: [review], review: [accepted, rejected]}\n")


def test_stale_limits_that_name_no_state_of_the_workflow_warn(git_repo: GitRepo) -> None:
    _own_workflow(git_repo, _STATES + "  in_review: [review]\n  approved: [accepted]\n")
    result = run_cli("report", "stale", "--fail-on", "stale", "--now", "2027-01-01")
    assert result.exit_code == 0
    assert result.stderr == (
        "specrepo: warning: `stale_after_days` ('Draft', 'In Review', 'Approved', in "
        "specrepo.yaml or by default) names no state of the workflow ('proposed', 'review', "
        "'accepted', 'rejected'), so no condition of --fail-on stale can hold\n")


def test_a_limit_for_the_review_state_makes_the_gate_hold(git_repo: GitRepo) -> None:
    _own_workflow(git_repo, _STATES + "  in_review: [review]\n  approved: [accepted]\n",
                  "stale_after_days: {review: 14}\n")
    result = run_cli("report", "stale", "--fail-on", "stale", "--now", "2027-01-01")
    assert (result.exit_code, result.stderr) == (1, "")


def test_an_in_review_state_without_a_limit_is_named(git_repo: GitRepo) -> None:
    _own_workflow(git_repo, _STATES + "  in_review: [review]\n  approved: [accepted]\n",
                  "stale_after_days: {proposed: 30}\n")
    result = run_cli("report", "stale", "--fail-on", "stale", "--now", "2027-01-01")
    assert result.exit_code == 0
    assert result.stderr == (
        "specrepo: warning: `stale_after_days` in specrepo.yaml gives no limit to 'review' "
        "(in review): --fail-on stale never finds a spec waiting there stale\n")


def test_no_review_or_approved_state_leaves_their_gates_nothing_to_fail_on(
        git_repo: GitRepo) -> None:
    _own_workflow(git_repo, _STATES + "  in_review: []\n  approved: []\n",
                  "stale_after_days: {review: 14}\n")
    result = run_cli("report", "--fail-on",
                     "waiting-reviews,changed-after-approval,open-questions-on-approved")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "specrepo: warning: no state of the workflow is in review (`statuses: in_review:` in "
        "specrepo.yaml), so no condition of --fail-on waiting-reviews can hold",
        "specrepo: warning: no state of the workflow is approved (`statuses: approved:` in "
        "specrepo.yaml), so no condition of --fail-on changed-after-approval can hold",
        "specrepo: warning: the format has no questions (`fields: questions: null` in "
        "specrepo.yaml), so no condition of --fail-on open-questions-on-approved can hold"]


def test_the_default_workflow_and_limits_say_nothing(git_repo: GitRepo) -> None:
    git_repo.commit("Specs", {"specs/SPEC-0001.yaml": spec_text()})
    result = run_cli("report", "--fail-on", "stale,waiting-reviews,changed-after-approval,"
                     "open-questions-on-approved")
    assert result.stderr == ""
