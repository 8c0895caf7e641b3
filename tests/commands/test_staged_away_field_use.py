"""A spec file whose removal the index stages, left in the work tree (`git rm --cached`),
is no spec of the commit `validate --history` (the hooks) judges: it vouches for no
`fields:` entry there either (`unused-field`), while `validate` alone, which reads the work
tree, still counts it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.configuration.test_field_use import make
from tests.support import run_cli


def test_a_file_staged_away_vouches_for_no_field_in_the_history_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make(tmp_path, monkeypatch, "creation-date", "approvers")
    repo.git("rm", "-q", "--cached", "specs/A-1.yaml")  # the one spec with creation-date
    assert "`fields: created:`" not in run_cli("validate").output
    history = run_cli("validate", "--history")
    assert "`fields: created:`" in history.output, history.output
    assert "A-1.yaml: its removal is staged" in history.output
