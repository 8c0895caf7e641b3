"""A command that ends in a usage error (exit 2) writes nothing of what it read, wherever
it finds the error: before reading the configuration or after (a spec id no history
holds, a revision that does not exist, an output folder outside the repository). The
configuration's document is kept for the next run (`.git/specrepo/config-cache.json`)
only once the command has succeeded, 0 or 1 (yaml38: diff's empty argument was checked
first, and the other commands still wrote it; small39)."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli
from tests.test_hostile_inputs import snapshot

KEPT = ".git/specrepo/config-cache.json"


@pytest.mark.parametrize("arguments", [
    ("diff", "no-such-revision"), ("diff", "HEAD", "SPEC-0009"), ("validate", "SPEC-0009"),
    ("render", "SPEC-0009"), ("trace", "SPEC-0009"), ("report", "--now", "someday"),
    ("report", "--since", "no-such-revision"), ("render", "--out", "/"),
    ("site", "--out", "/"), ("diff", "--since-approval", "HEAD~1..HEAD"), ("new", " "),
    ("timeline", "SPEC-0009"), ("validate", "--history", "--since", "no-such-revision"),
])
def test_a_usage_error_keeps_no_configuration(git_repo: GitRepo,
                                               arguments: tuple[str, ...]) -> None:
    git_repo.commit("Spec", {"specs/SPEC-0001.yaml": spec_text()})
    git_repo.write("specrepo.yaml", "specs: specs\n")
    before = snapshot(git_repo.root)
    result = run_cli(*arguments, no_traceback=True)
    assert result.exit_code == 2, result.output
    after = snapshot(git_repo.root)
    assert KEPT not in after
    if arguments[0] != "timeline" and "--history" not in arguments:  # these mine first
        assert after == before


def test_a_run_that_succeeds_keeps_it(git_repo: GitRepo) -> None:
    git_repo.commit("Spec", {"specs/SPEC-0001.yaml": spec_text()})
    git_repo.write("specrepo.yaml", "specs: specs\n")
    assert run_cli("validate").exit_code == 0
    assert (git_repo.root / KEPT).is_file()
    (git_repo.root / KEPT).unlink()
    git_repo.write("specs/SPEC-0002.yaml", "id: SPEC-0002\n")
    assert run_cli("validate").exit_code == 1  # findings: a run that succeeded
    assert (git_repo.root / KEPT).is_file()
