"""Under a file-system encoding that is not UTF-8 (`LC_ALL=C` without Python's UTF-8 mode: a
minimal CI image), a spec file whose name is not ASCII is named one way by the work tree
and another by git: every command that reads the history refuses it (exit 2, saying what
to do), never reporting the committed, untouched spec as moved (trial50b)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.history.gitrepo import GitRepo, spec_text

ASCII = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0",
         "SPECREPO_NO_RESULT_CACHE": "1"}
REFUSAL = (b"cannot be written in this environment's file-system encoding (ascii); run with "
           b"a UTF-8 locale (LANG=C.UTF-8) or PYTHONUTF8=1\n")


def _run(repo: GitRepo, *command: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "specrepo", *command], cwd=repo.root,
                          capture_output=True, check=False, env={**os.environ, **ASCII})


@pytest.mark.parametrize("command", [["report"], ["report", "--fail-on", "stale"],
                                     ["validate", "--history"], ["timeline", "SPEC-0001"],
                                     ["site", "--out", "_site"]])
def test_a_history_command_refuses_a_name_git_spells_otherwise(
        git_repo: GitRepo, command: list[str]) -> None:
    git_repo.commit("A spec", {"specs/SPEC-0001-résumé.yaml": spec_text("SPEC-0001")})
    completed = _run(git_repo, *command)
    assert completed.returncode == 2, completed.stderr
    assert completed.stderr.endswith(REFUSAL), completed.stderr
    assert b"moved" not in completed.stdout + completed.stderr


def test_ascii_names_and_a_plain_validate_are_read(git_repo: GitRepo) -> None:
    git_repo.commit("Specs", {"specs/SPEC-0001-resume.yaml": spec_text("SPEC-0001")})
    assert _run(git_repo, "report").returncode == 0
    git_repo.commit("A spec", {"specs/SPEC-0002-résumé.yaml": spec_text("SPEC-0002")})
    validated = _run(git_repo, "validate")  # no history read: git names nothing
    assert validated.returncode == 0, validated.stderr
