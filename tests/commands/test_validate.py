"""`specrepo validate` as a library call: typed options in, a result with warnings and the
exit code out, nothing printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.base.errors import ExitCode
from specrepo.commands.validate import ValidateOptions, run
from specrepo.configuration.config_file import load_config
from tests.history.gitrepo import GitRepo, spec_text


def test_strict_makes_a_warning_fail(repo: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "specrepo.yaml").write_text("specs: specs\nrules: {file-name: warning}\n")
    (repo / "specs" / "odd.yaml").write_text(spec_text("SPEC-0001"))
    config = load_config(None, repo)
    assert run(config, ValidateOptions()).exit_code is ExitCode.CLEAN
    strict = run(config, ValidateOptions(strict=True))
    assert strict.exit_code is ExitCode.FINDINGS
    assert [finding.rule for finding in strict.validation.findings] == ["file-name"]
    assert capsys.readouterr() == ("", "")


def test_an_unknown_revision_is_a_warning_and_every_spec_is_checked(tmp_path: Path) -> None:
    git = GitRepo(tmp_path / "repo")
    git.commit("Draft", {"specs/SPEC-0001.yaml": spec_text("SPEC-0001")})
    result = run(load_config(None, git.root), ValidateOptions(changed_since="no-such-branch"))
    assert result.warnings == ("unknown revision 'no-such-branch' (a branch, tag or commit "
                               "id); validating every spec",)
    assert [path.name for path in result.validation.files] == ["SPEC-0001.yaml"]
    assert result.exit_code is ExitCode.CLEAN
