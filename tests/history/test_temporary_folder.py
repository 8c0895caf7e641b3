"""A history run that needs a temporary folder (the .gitattributes of past commits are
applied in one) where none can be written is a message naming the problem and exit 2."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli


def test_no_writable_temporary_folder_is_exit_2_naming_tmpdir(
        git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git_repo.write(".gitattributes", "# no filter used here\n")
    git_repo.commit("Draft", {"specs/SPEC-0001.yaml": spec_text()})
    git_repo.commit("Review", {"specs/SPEC-0001.yaml": spec_text(status="In Review")})
    # As Python finds it when TMPDIR, /tmp, /var/tmp and the current folder are read-only
    # (a non-root CI user): its temporary folder cannot hold a new folder.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "read-only" / "tmp"))
    monkeypatch.delenv("TMPDIR", raising=False)
    for arguments in (["timeline", "SPEC-0001"], ["validate", "--history"]):
        result = run_cli(*arguments, no_traceback=True)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("specrepo: error: no writable temporary folder "
                                        "(TMPDIR is unset: "), result.stderr
        assert result.stderr.endswith("needed to apply the .gitattributes of past commits; "
                                      "set TMPDIR to a folder you can write\n")
    assert not (tmp_path / "read-only").exists()
