"""`accepted_transitions:`: a committed status move the workflow forbids, accepted with a
reason, fails no gate (validate --history, report --fail-on illegal-transitions) and stays
visible in the report; an entry that accepts nothing is warned about at its line."""

from __future__ import annotations

import json

import jsonschema
import pytest

from specrepo.load.schema_source import bundled_schema
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """SPEC-0001 rejected, then back to Draft (Rejected is terminal: an illegal move, in
    the last commit); SPEC-0002 a plain draft."""
    git_repo.commit("Start", {PATH: spec_text(),
                              "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    git_repo.commit("Reject", {PATH: spec_text(status="Rejected")})
    git_repo.commit("Revive", {PATH: spec_text()}, author="Grace Hopper")
    return git_repo


def accept(repo: GitRepo, commit: str, spec: str = "SPEC-0001") -> None:
    repo.commit("Accept", {"specrepo.yaml": (
        "specs: specs\n"
        "accepted_transitions:\n"
        f"  - commit: {commit}\n"
        f"    spec: {spec}\n"
        "    reason: revived before the workflow existed\n")})


def test_the_illegal_move_fails_the_gates_until_accepted(repo: GitRepo) -> None:
    revive = repo.git("rev-parse", "HEAD")
    assert run_cli("validate", "--history").exit_code == 1
    assert run_cli("report", "--fail-on", "illegal-transitions").exit_code == 1
    accept(repo, revive[:7].upper())  # an abbreviation, in either case
    validated = run_cli("validate", "--history")
    assert validated.exit_code == 0, validated.output
    assert "illegal-transition" not in validated.output and "warning" not in validated.output
    report = run_cli("report", "--fail-on", "illegal-transitions")
    assert report.exit_code == 0, report.output
    assert "Accepted status changes" in report.stdout
    assert "revived before the workflow existed" in report.stdout
    document = json.loads(run_cli("report", "--format", "json").stdout)
    jsonschema.validate(document, bundled_schema("report.schema.json"))
    integrity = document["integrity"]
    assert integrity["illegal_transitions"] == []
    [accepted] = integrity["accepted_transitions"]
    assert (accepted["spec"], accepted["commit"], accepted["author"]) == (
        "SPEC-0001", revive, "Grace Hopper")
    assert (accepted["from"], accepted["to"]) == ("Rejected", "Draft")
    assert accepted["reason"] == "revived before the workflow existed"


@pytest.mark.parametrize("wrong", ["commit", "spec"])
def test_an_entry_that_accepts_nothing_is_warned_at_its_line(repo: GitRepo,
                                                            wrong: str) -> None:
    revive = repo.git("rev-parse", "HEAD")
    start = repo.git("rev-list", "--max-parents=0", "HEAD")
    accept(repo, start if wrong == "commit" else revive,
           "SPEC-0002" if wrong == "spec" else "SPEC-0001")
    validated = run_cli("validate", "--history")
    assert validated.exit_code == 1  # the move is still illegal
    assert "illegal-transition" in validated.output
    assert "specrepo.yaml:3:13: warning: accepted_transitions: no status move of" \
        in validated.stdout  # at the entry's commit, as written
    assert "[unused-acceptance] ($.accepted_transitions[0])" in validated.stdout
    report = run_cli("report", "--fail-on", "illegal-transitions")
    assert report.exit_code == 1
    assert "specrepo.yaml:3: accepted_transitions:" in report.stderr
    # with --since, older moves are not read: no entry is judged
    since = run_cli("validate", "--history", "--since", "HEAD")
    assert "accepted_transitions" not in since.output


def test_an_entry_repeating_another_is_said_to_repeat_it(repo: GitRepo) -> None:
    """Two entries for one move (an abbreviation and the full id, after two config edits
    merged): the second is warned about as a repeat, not as a commit the history lacks."""
    revive = repo.git("rev-parse", "HEAD")
    entry = "  - {{commit: {commit}, spec: SPEC-0001, reason: {reason}}}\n"
    repo.commit("Accept twice", {"specrepo.yaml": (
        "specs: specs\naccepted_transitions:\n"
        + entry.format(commit=revive[:7], reason="revived")
        + entry.format(commit=revive[:10], reason="revived again"))})
    validated = run_cli("validate", "--history")
    assert validated.exit_code == 0, validated.output
    assert validated.stdout.splitlines() == [
        "specrepo.yaml:4:14: warning: accepted_transitions: this entry repeats "
        f"the one on line 3 (the move of SPEC-0001 made in commit {revive[:7]}), which "
        "accepts it first: remove one [unused-acceptance] ($.accepted_transitions[1])",
        "2 files checked: 0 errors, 1 warning"]
    strict = run_cli("validate", "--history", "--strict", "--format", "json")
    assert strict.exit_code == 1
    [finding] = json.loads(strict.stdout)["findings"]
    assert (finding["file"], finding["line"], finding["rule"]) == (
        "specrepo.yaml", 4, "unused-acceptance")
    assert "specrepo.yaml:4: accepted_transitions: this entry repeats" in run_cli(
        "report").stderr


@pytest.mark.parametrize(("entry", "message"), [
    ("{commit: xyz1234, spec: SPEC-0001, reason: r}", "does not match"),
    ("{commit: abc1234, spec: SPEC-0001}", "reason"),
    ("{commit: abc12, spec: SPEC-0001, reason: r}", "does not match"),
])
def test_a_malformed_entry_is_a_configuration_error_at_its_line(
        repo: GitRepo, entry: str, message: str) -> None:
    repo.write("specrepo.yaml", f"specs: specs\naccepted_transitions:\n  - {entry}\n")
    result = run_cli("validate", "--history")
    assert result.exit_code == 2
    assert "specrepo.yaml:3:" in result.stderr and message in result.stderr
