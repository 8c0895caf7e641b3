"""A spec id on the command line that names no spec, but misspells one (letter case, a
missing zero, a swapped character), gets the same did-you-mean in every command that
takes spec ids, as `trace` gave (trial35)."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("Two specs", {"specs/SPEC-0001.yaml": spec_text(),
                                  "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    return git_repo


@pytest.mark.parametrize("command", [
    ("timeline",), ("render", "--stdout"), ("trace",), ("diff", "HEAD"),
    ("diff", "HEAD", "--")])
@pytest.mark.parametrize(("typed", "meant"), [("spec-0001", "SPEC-0001"),
                                              ("SPEC-1", "SPEC-0001"),
                                              ("SEPC-0002", "SPEC-0002")])
def test_a_misspelt_id_is_refused_with_the_id_it_misspells(
        repo: GitRepo, command: tuple[str, ...], typed: str, meant: str) -> None:
    result = run_cli(*command, typed, no_traceback=True)
    assert result.exit_code == 2
    assert f"did you mean {meant}?" in result.stderr


@pytest.mark.parametrize("command", [("timeline",), ("render", "--stdout"), ("diff", "HEAD")])
def test_an_id_like_none_gets_no_guess(repo: GitRepo, command: tuple[str, ...]) -> None:
    """`SPEC-0003` is another number, not a typo of `SPEC-0001`."""
    result = run_cli(*command, "SPEC-0003", no_traceback=True)
    assert result.exit_code == 2
    assert "did you mean" not in result.stderr


@pytest.mark.parametrize("command", [
    ("timeline",), ("trace",), ("render", "--stdout"), ("diff", "HEAD"), ("diff", "HEAD", "--")])
def test_a_look_alike_id_is_shown_apart_from_the_id_meant(
        repo: GitRepo, command: tuple[str, ...]) -> None:
    """newuser71: `SPEC\u20110001` (a non-breaking hyphen) read "...; did you mean
    SPEC-0001?", two ids that look the same."""
    result = run_cli(*command, "SPEC\u20110001", no_traceback=True)
    assert result.exit_code == 2
    assert "SPEC\u20110001" not in result.stderr
    assert "SPEC<U+2011>0001" in result.stderr
