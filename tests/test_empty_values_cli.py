"""An option whose value an unset shell variable leaves empty (`--reviewer "$WHO"`) is
refused as empty, naming the option, whatever the command (newuser71: `report --reviewer ''`
said "no spec has them now", `--status ''` that '' is no status, `--since ''` that it is an
unknown revision); and `--status` is worded alike by `report` and `trace`."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli


@pytest.mark.parametrize("arguments", [
    ("report", "--status"), ("report", "--author"), ("report", "--reviewer"),
    ("report", "--fail-on", "stale", "--reviewer"), ("report", "--since"), ("report", "--now"),
    ("trace", "--status"), ("diff", "--since-approval", "--since"),
    ("timeline", "SPEC-0001", "--item"), ("init", "--prefix"),
    ("site", "--default-repository-url"),
])
def test_an_empty_value_is_refused_as_an_unset_variable(git_repo: GitRepo,
                                                        arguments: tuple[str, ...]) -> None:
    git_repo.commit("A spec", {"specs/SPEC-0001.yaml": spec_text("SPEC-0001")})
    result = run_cli(*arguments, "")
    assert result.exit_code == 2
    assert f"Invalid value for '{arguments[-1]}': an empty " in result.stderr, result.stderr
    assert "(an unset variable?)" in result.stderr


@pytest.mark.parametrize(("typed", "said"), [
    (" Draft", "--status ' Draft' is not a status of this repository's workflow; did you "
               "mean 'Draft'?"),
    ("Nope", "--status 'Nope' is not a status of this repository's workflow; the statuses "
             "are Draft, In Review, Approved, Implemented, Rejected, Withdrawn, Superseded"),
])
@pytest.mark.parametrize("command", ["report", "trace"])
def test_report_and_trace_word_an_unknown_status_alike(git_repo: GitRepo, command: str,
                                                       typed: str, said: str) -> None:
    git_repo.commit("A spec", {"specs/SPEC-0001.yaml": spec_text("SPEC-0001")})
    result = run_cli(command, "--status", typed)
    assert result.exit_code == 2
    assert result.stderr == f"specrepo: error: {said}\n"
