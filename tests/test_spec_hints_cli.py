"""An id no spec has gets one did-you-mean (`model.references.spec_id_hint`) from
`timeline`, `trace` and `diff`, each among the specs it can show: timeline the history's,
trace those there now, diff those there now and those of either side it compares
(newuser71: `diff HEAD~1 -- SPEC-001` did not suggest the SPEC-0001 the range removes, and
`diff -- SPEC-010` ended "did you mean SPEC-0010?: arguments after '--' ...")."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli


@pytest.fixture
def removed(git_repo: GitRepo) -> GitRepo:
    """SPEC-0001 committed, then removed; SPEC-0010 there now."""
    git_repo.commit("Two specs", {"specs/SPEC-0001.yaml": spec_text("SPEC-0001"),
                                  "specs/SPEC-0010.yaml": spec_text("SPEC-0010")})
    git_repo.commit("SPEC-0001 removed", {"specs/SPEC-0001.yaml": None})
    return git_repo


SEPARATOR = "arguments after '--' always name specs"


@pytest.mark.parametrize(("arguments", "message"), [
    (("timeline", "SPEC-001"), "no spec with the id 'SPEC-001' in the history of this "
                               "repository; did you mean SPEC-0001?"),
    (("timeline", "SPEC-010"), "no spec with the id 'SPEC-010' in the history of this "
                               "repository; did you mean SPEC-0010?"),
    (("trace", "SPEC-010"), "SPEC-010: no such file or folder, and no spec has this id; did "
                            "you mean SPEC-0010?"),
    (("diff", "--", "SPEC-010"), f"'SPEC-010' is not a spec (an id or a file; {SEPARATOR}); "
                                 "did you mean SPEC-0010?"),
    (("diff", "SPEC-010"), "'SPEC-010' is neither a revision nor a spec (an id or a file); "
                           "did you mean SPEC-0010?"),
    (("diff", "HEAD~1", "--", "SPEC-001"), f"'SPEC-001' is not a spec (an id or a file; "
                                           f"{SEPARATOR}); did you mean SPEC-0001?"),
    # Neither trace nor the work tree's diff can show SPEC-0001: no hint names it.
    (("trace", "SPEC-001"), "SPEC-001: no such file or folder, and no spec has this id"),
    (("diff", "--", "SPEC-001"), f"'SPEC-001' is not a spec (an id or a file; {SEPARATOR})"),
])
def test_one_hint_among_the_specs_a_command_can_show(removed: GitRepo,
                                                     arguments: tuple[str, ...],
                                                     message: str) -> None:
    result = run_cli(*arguments)
    assert result.exit_code == 2
    assert result.stderr == f"specrepo: error: {message}\n"
