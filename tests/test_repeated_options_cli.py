"""An option given more than once is never taken in silence (trial50b): `--fail-on` adds
each repeat's conditions to the gate, and an option that takes one value keeps the last
one given, as getopt and git do (a pre-commit hook's `args:` override its `entry:` so),
with a warning naming it, the value used and the values dropped."""

from __future__ import annotations

import click

from specrepo.cli.repeated_options import repeated_options, repeated_warning
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli


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
        assert "given twice" not in result.stderr
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
    assert result.stderr == ("specrepo: warning: --format given twice: using 'text', "
                             "ignoring 'json'\n")
    assert result.stdout == "1 file checked: no problems\n"
    group = run_cli("--config", "specrepo.yaml", "--config", "./specrepo.yaml", "validate")
    assert group.stderr == ("specrepo: warning: --config given twice: using './specrepo.yaml', "
                            "ignoring 'specrepo.yaml'\n")


def test_the_warning_gives_every_value_as_typed_in_order(git_repo: GitRepo) -> None:
    """Four times, in both of Click's spellings (`--now X`, `--now=X`), a value with a
    space and one with a quote: each shown as a shell reads it back."""
    git_repo.commit("A spec", {"specs/SPEC-0001.yaml": spec_text("SPEC-0001")})
    result = run_cli("report", "--now", "2030-01-01T00:00:00Z", "--now=it's",
                     "--now", "2030-01-02 00:00", "--now=2030-01-03")
    assert result.exit_code == 0  # only the value used is read: `it's` is no time, unread
    assert result.stderr.startswith(
        "specrepo: warning: --now given 4 times: using '2030-01-03', ignoring "
        "'2030-01-01T00:00:00Z', 'it'\"'\"'s', '2030-01-02 00:00'\n")


def test_flags_and_repeatable_options_say_nothing(git_repo: GitRepo) -> None:
    git_repo.commit("A spec", {"specs/SPEC-0001.yaml": spec_text("SPEC-0001")})
    for arguments in (["validate", "--quiet", "--quiet"],
                      ["report", "--status", "Draft", "--status", "Approved"]):
        result = run_cli(*arguments)
        assert result.exit_code == 0, arguments
        assert "given twice" not in result.stderr


def test_a_command_line_click_refuses_gets_click_s_message_alone(git_repo: GitRepo) -> None:
    result = run_cli("validate", "--format", "json", "--format", "text", "--bogus")
    assert result.exit_code == 2
    assert "No such option '--bogus'" in result.stderr
    assert "given twice" not in result.stderr


def test_a_value_the_command_refuses_is_refused_before_any_warning(
        git_repo: GitRepo) -> None:
    """`report --format json --format text` warned "using 'text'" and then refused 'text'
    (report's is `table`); a refused value dropped by a later one was named as ignored."""
    _stale_draft(git_repo)
    for formats in (["json", "text"], ["texty", "json"]):
        result = run_cli("report", *(f"--format={value}" for value in formats))
        assert result.exit_code == 2, formats
        refused = formats[0] if formats[0] == "texty" else formats[1]
        assert f"Invalid value for '--format': '{refused}' is not one of" in result.stderr
        assert "given twice" not in result.stderr
    kept = run_cli("report", "--format", "json", "--format", "table")
    assert kept.exit_code == 0
    assert kept.stderr == ("specrepo: warning: --format given twice: using 'table', "
                           "ignoring 'json'\n")


def test_a_repeated_flag_with_a_no_side_names_the_flags_as_typed() -> None:
    """No specrepo option is such a pair yet; one that comes says which side won."""
    @click.command()
    @click.option("--color/--no-color", default=None)
    def command(color: bool | None) -> None:
        """A command with a flag pair."""

    found = repeated_options(click.Context(command), ["--color", "--no-color"])
    assert [repeated_warning(option) for option in found] == [
        "--color given twice: using '--no-color', ignoring '--color'"]
