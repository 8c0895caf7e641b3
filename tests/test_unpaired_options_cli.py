"""Options that mean nothing without another (small62 item 3): each is a usage error (exit
2) naming what it goes with (`cli.options.refuse_unpaired`), as `--since` without
`validate --history` is, and does what it says with it."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

UNPAIRED = [
    (("validate", "--allow-shallow"), "--allow-shallow goes with --history",
     ("validate", "--history", "--allow-shallow")),
    (("validate", "--allow-submodules"), "--allow-submodules goes with --history",
     ("validate", "--history", "--allow-submodules")),
    (("report", "--allow-submodules"),
     "--allow-submodules goes with a history condition of --fail-on",
     ("report", "--allow-submodules", "--fail-on", "stale")),
    (("report", "--allow-submodules", "--fail-on", "open-questions"),
     "--allow-submodules goes with a history condition of --fail-on",
     ("report", "--allow-submodules", "--fail-on", "open-questions,illegal-transitions")),
    (("diff", "--since", "HEAD"), "--since goes with --since-approval",
     ("diff", "--since-approval", "--since", "HEAD")),
    (("diff", "--max-bytes", "5000"), "--max-bytes goes with --format markdown",
     ("diff", "--format", "markdown", "--max-bytes", "5000")),
    (("diff", "--format", "json", "--max-bytes=5000"), "--max-bytes goes with --format markdown",
     ("diff", "--format=markdown", "--max-bytes=5000")),
    (("schema", "--config-schema", "--bundled"),
     "--bundled goes with the spec schema (not --config-schema)", ("schema", "--bundled")),
]


@pytest.mark.parametrize(("alone", "said", "paired"), UNPAIRED)
def test_an_option_without_the_one_that_gives_it_a_meaning_is_a_usage_error(
        git_repo: GitRepo, alone: tuple[str, ...], said: str, paired: tuple[str, ...]) -> None:
    git_repo.commit("add", {"specs/SPEC-0001.yaml": spec_text()})
    refused = run_cli(*alone, no_traceback=True)
    assert refused.exit_code == 2, refused.output
    assert f"Error: {said}" in refused.stderr
    assert refused.stdout == ""
    accepted = run_cli(*paired, no_traceback=True)
    assert accepted.exit_code == 0, (paired, accepted.output)
