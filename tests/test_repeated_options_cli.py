"""An option given more than once is never taken in silence (trial50b): `--fail-on` adds
each repeat's conditions to the gate, and an option that takes one value keeps the last
one given, as getopt and git do (a pre-commit hook's `args:` override its `entry:` so),
with a warning naming it."""

from __future__ import annotations

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

REPEATED = ("specrepo: warning: {} given more than once: it takes one value, and the last "
            "one given is used")


def _stale_draft(git_repo: GitRepo) -> None:
    """SPEC-0001, a Draft with no open question, stale after one day."""
    git_repo.write("specrepo.yaml", "specs: specs\nstale_after_days: {Draft: 1}\n")
    git_repo.commit("A draft", {"specs/SPEC-0001.yaml": spec_text("SPEC-0001")})


def test_a_repeated_fail_on_adds_its_conditions(git_repo: GitRepo) -> None:
    _stale_draft(git_repo)
    for gates in (["--fail-on", "stale", "--fail-on", "open-questions"],
                  ["--fail-on", "open-questions", "--fail-on", "stale"],
                  ["--fail-on", "open-questions,stale", "--fail-on", "stale"]):
        result = run_cli("report", *gates, "--now", "2030-01-01", "--format", "json")
        assert result.exit_code == 1, gates
        assert "given more than once" not in result.stderr
    assert run_cli("report", "--fail-on", "open-questions", "--fail-on", "illegal-transitions",
                   "--now", "2030-01-01").exit_code == 0


def test_an_empty_repeat_of_fail_on_is_refused(git_repo: GitRepo) -> None:
    _stale_draft(git_repo)
    result = run_cli("report", "--fail-on", "stale", "--fail-on", "")
    assert result.exit_code == 2
    assert "an empty list of conditions (an unset variable?)" in result.stderr


def test_trace_adds_repeated_conditions_too(git_repo: GitRepo) -> None:
    git_repo.commit("A spec", {"specs/SPEC-0001.yaml": spec_text("SPEC-0001", extra="""\
requirements:
  functional:
    - {id: FR-1, description: Accept a password., priority: P0}
""")})
    assert run_cli("trace", "--fail-on", "uncovered").exit_code == 1
    assert run_cli("trace", "--fail-on", "uncovered", "--fail-on", "suspect").exit_code == 1
    assert run_cli("trace", "--fail-on", "suspect", "--fail-on", "uncovered").exit_code == 1


def test_a_repeated_single_value_option_warns_and_keeps_the_last(git_repo: GitRepo) -> None:
    git_repo.commit("A spec", {"specs/SPEC-0001.yaml": spec_text("SPEC-0001")})
    result = run_cli("validate", "--format", "json", "--format", "text")
    assert result.exit_code == 0
    assert REPEATED.format("--format") in result.stderr
    assert result.stdout == "1 file checked: no problems\n"
    group = run_cli("--config", "specrepo.yaml", "--config", "specrepo.yaml", "validate")
    assert REPEATED.format("--config") in group.stderr


def test_flags_and_repeatable_options_say_nothing(git_repo: GitRepo) -> None:
    git_repo.commit("A spec", {"specs/SPEC-0001.yaml": spec_text("SPEC-0001")})
    for arguments in (["validate", "--quiet", "--quiet"],
                      ["report", "--status", "Draft", "--status", "Approved"]):
        result = run_cli(*arguments)
        assert result.exit_code == 0, arguments
        assert "given more than once" not in result.stderr


def test_a_command_line_click_refuses_gets_click_s_message_alone(git_repo: GitRepo) -> None:
    result = run_cli("validate", "--format", "json", "--format", "text", "--bogus")
    assert result.exit_code == 2
    assert "No such option '--bogus'" in result.stderr
    assert "given more than once" not in result.stderr
