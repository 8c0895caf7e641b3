"""`validate --history` checks nothing in silence no more than `validate` does: a configured
location that reads no spec file in the work tree is exit 2 with `--history` too, unless
`--allow-empty` (trial41b validate-history-skips-empty-location); the history is still
judged (a removal of the last approved spec is a finding, not a pass, with `--allow-empty`
or without: the location was emptied by a commit, swapwalk49)."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli


@pytest.mark.parametrize(("config", "files", "words"), [
    ("specs: specs\n", {"specs/.keep": ""}, "the specs folder 'specs' holds no spec file"),
    ("specs: [specs, extra]\nexclude: [extra]\n",
     {"specs/SPEC-0001.yaml": spec_text("SPEC-0001"),
      "extra/SPEC-0002.yaml": spec_text("SPEC-0002")},
     "the specs folder 'extra'"),
])
def test_a_location_reading_nothing_is_exit_2_with_history_as_without(
        git_repo: GitRepo, config: str, files: dict[str, str], words: str) -> None:
    git_repo.commit("Start", {"specrepo.yaml": config, **files})
    for history in ((), ("--history",)):
        result = run_cli("validate", *history, no_traceback=True)
        assert result.exit_code == 2, result.output
        assert words in result.stderr and "--allow-empty" in result.stderr
    assert run_cli("validate", "--history", "--allow-empty").exit_code == 0


def test_removing_the_last_approved_spec_is_judged_with_allow_empty(git_repo: GitRepo) -> None:
    path = "specs/SPEC-0001.yaml"
    git_repo.commit("Draft", {path: spec_text("SPEC-0001")})
    git_repo.commit("Review", {path: spec_text("SPEC-0001", "In Review")})
    git_repo.commit("Approved", {path: spec_text("SPEC-0001", "Approved")})
    git_repo.commit("Gone", {path: None, "specs/.keep": ""})
    # judged with --allow-empty or without (an emptied location, swapwalk49: exit 2 before
    # without it, where a clone without specs/.keep judged the removal): never a pass
    for options in ((), ("--allow-empty",)):
        judged = run_cli("validate", "--history", *options, no_traceback=True)
        assert judged.exit_code == 1, judged.output
        assert "SPEC-0001" in judged.output and "[illegal-transition]" in judged.output
