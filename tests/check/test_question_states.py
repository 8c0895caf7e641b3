"""A question's `state` in a format of the team's own: `Open` and `RESOLVED` are read as the
words they are, in any letter case; a state specrepo cannot read (`pending`, a number) is
a `spec-field` error and counts as open, so an approved spec with such a question never
passes `approved-open-questions` nor `report --fail-on open-questions-on-approved` in
silence (trial35)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.model.spec_record import OPEN, RESOLVED, is_open_state, question_state
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

OWN_FORMAT = """specs: rfcs
schema: rfc.json
fields: {questions: issues}
rules: {file-name: off}
"""


def spec(status: str, *states: object) -> str:
    """RFC-1 in `status`, with a question Q-N in each of `states` (JSON text each)."""
    issues = "".join(f'  - {{id: Q-{number}, question: "Why?", state: {json.dumps(state)}}}\n'
                     for number, state in enumerate(states, 1))
    return f"id: RFC-1\ntitle: A\nstatus: {status}\nreviewers: [Grace Hopper]\nissues:\n{issues}"


@pytest.fixture
def own_format(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("Format", {"specrepo.yaml": OWN_FORMAT, "rfc.json": '{"type": "object"}'})
    return git_repo


@pytest.mark.parametrize("state", ["Open", "OPEN", "open ", "pending", "unresolved", 3])
def test_an_approved_spec_with_a_question_not_resolved_fails_both_gates(
        own_format: GitRepo, state: object) -> None:
    own_format.commit("Approve", {"rfcs/a.yaml": spec("Approved", state)})
    validated = run_cli("validate")
    assert validated.exit_code == 1
    assert "[approved-open-questions]" in validated.stdout
    report = run_cli("report", "--format", "json", "--fail-on", "open-questions-on-approved")
    assert report.exit_code == 1
    assert [question["id"] for question in json.loads(report.stdout)["open_questions"]] \
        == ["Q-1"]


@pytest.mark.parametrize(("state", "shown"), [("pending", "'pending'"), (3, "a number"),
                                              (None, "empty (null)")])
def test_a_state_specrepo_cannot_read_is_a_spec_field_error_at_the_state(
        own_format: GitRepo, state: object, shown: str) -> None:
    text = spec("Draft", "open", state)
    own_format.commit("Draft", {"rfcs/a.yaml": text})
    result = run_cli("validate")
    assert result.exit_code == 1
    column = text.splitlines()[6].index("state: ") + len("state: ") + 1
    assert result.stdout.splitlines()[0] == (
        f"rfcs/a.yaml:7:{column}: error: `issues[1].state` (a question's state) is {shown} where "
        "specrepo reads `open` or `resolved` (any letter case); until then the question "
        "counts as open [spec-field] ($.issues[1].state)")


def test_resolved_in_any_letter_case_is_resolved(own_format: GitRepo) -> None:
    own_format.commit("Approve", {"rfcs/a.yaml": spec("Approved", "RESOLVED", "Resolved")})
    assert run_cli("validate").exit_code == 0
    report = run_cli("report", "--format", "json", "--fail-on", "open-questions-on-approved")
    assert (report.exit_code, json.loads(report.stdout)["open_questions"]) == (0, [])


def test_history_reads_the_same_states(own_format: GitRepo) -> None:
    """A change of letter case is no event; `pending` to `Resolved` resolves the question
    (it was open), and back to `OPEN` reopens it."""
    for state in ("open", "Open", "pending", "Resolved", "resolved", "OPEN"):
        own_format.commit(state, {"rfcs/a.yaml": spec("Draft", state)})
    events = json.loads(run_cli("timeline", "RFC-1", "--format", "json").stdout)["events"]
    assert [(event["kind"], event["from"], event["to"]) for event in events
            if event["kind"].startswith("question-")] == [
        ("question-resolved", "pending", "resolved"),
        ("question-reopened", "resolved", "open")]


@given(st.text(max_size=12))
def test_question_state_reads_open_and_resolved_in_any_case_and_keeps_the_rest(
        text: str) -> None:
    read = question_state(text)
    if text.strip().casefold() in (OPEN, RESOLVED):
        assert read == text.strip().casefold()
    else:
        assert read == text
    assert is_open_state(read) == (read != RESOLVED)
