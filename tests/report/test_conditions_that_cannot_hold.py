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
