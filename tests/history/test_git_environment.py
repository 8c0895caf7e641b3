"""git's environment variables cannot change what specrepo reads of the history, and a
cache never holds a history read under other rules (pathspec magic, grafts, shallow file,
`git -c` settings passed on to a hook)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from specrepo.history.options import MineOptions
from tests.history.gitrepo import GitRepo, spec_ids, spec_text
from tests.support import run_cli

REVIEWED = "reviewers: [Grace Hopper]\n"
PATHSPEC_VARIABLES = ("GIT_LITERAL_PATHSPECS", "GIT_GLOB_PATHSPECS", "GIT_NOGLOB_PATHSPECS",
                      "GIT_ICASE_PATHSPECS")
LAYOUTS = {
    "folder": ("specs: specs\n", "specs/SPEC-0001.yaml"),
    "nested folder": ("specs: specs\n", "specs/team-a/SPEC-0001.yaml"),
    "glob": ("specs: 'design/**/spec.yaml'\n", "design/sig-a/0001-x/spec.yaml"),
    "flat glob": ("specs: 'specs/*.yaml'\n", "specs/SPEC-0001.yaml"),
}


def _skipping_review(root: Path, layout: str) -> GitRepo:
    """Draft, then straight to Approved (an illegal move), in one of `LAYOUTS`."""
    configuration, path = LAYOUTS[layout]
    repo = GitRepo(root)
    (root / "specrepo.yaml").write_text(configuration)
    repo.commit("Draft", {path: spec_text()})
    repo.commit("Approve", {path: spec_text(status="Approved", extra=REVIEWED)})
    repo.commit("Not a spec (a pathspec ignoring case would take it)",
                {"SPECS/SPEC-0009.yaml": spec_text("SPEC-0009")})
    return repo


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("variable", PATHSPEC_VARIABLES)
def test_pathspec_variables_change_nothing_and_poison_no_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, layout: str) -> None:
    repo = _skipping_review(tmp_path / "repo", layout)
    monkeypatch.chdir(repo.root)
    expected = mine_history(load_config(None, repo.root))
    assert spec_ids(expected) == ["SPEC-0001"]
    shutil.rmtree(repo.root / ".git" / "specrepo")
    with monkeypatch.context() as patched:
        patched.setenv(variable, "1")
        assert mine_history(load_config(None, repo.root)) == expected  # cold, under it
        result = run_cli("validate", "--history")
        assert result.exit_code == 1, result.output
        assert "illegal-transition" in result.output
        assert run_cli("diff", "HEAD~2", "--exit-code").exit_code == 1
    assert run_cli("validate", "--history").exit_code == 1  # warm, from what it cached


@pytest.mark.parametrize("variable", ["GIT_EXTERNAL_DIFF", "GIT_DIFF_OPTS"])
def test_diff_variables_change_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       variable: str) -> None:
    repo = _skipping_review(tmp_path / "repo", "folder")
    expected = mine_history(load_config(None, repo.root))
    shutil.rmtree(repo.root / ".git" / "specrepo")
    monkeypatch.setenv(variable, "false" if variable == "GIT_EXTERNAL_DIFF" else "-u9")
    assert mine_history(load_config(None, repo.root)) == expected


def test_settings_passed_on_by_git_c_are_overridden(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A hook run by `git -c log.showRoot=false commit` gets its settings in
    `GIT_CONFIG_PARAMETERS`, which git reads after `GIT_CONFIG_COUNT`."""
    repo = _skipping_review(tmp_path / "repo", "folder")
    expected = mine_history(load_config(None, repo.root))
    shutil.rmtree(repo.root / ".git" / "specrepo")
    monkeypatch.setenv("GIT_CONFIG_PARAMETERS",
                       "'log.showroot'='false' 'diff.noprefix'='true' 'core.quotepath'='true'")
    assert mine_history(load_config(None, repo.root)) == expected


@pytest.mark.parametrize("variable", ["GIT_GRAFT_FILE", "GIT_SHALLOW_FILE"])
def test_a_history_cut_by_the_environment_is_not_answered_from_the_cache(
        tmp_path: Path, variable: str) -> None:
    """GIT_GRAFT_FILE and GIT_SHALLOW_FILE are the user's (git follows them, so does
    specrepo), and the cache is keyed by the files they name."""
    repo = _skipping_review(tmp_path / "repo", "folder")
    cut = tmp_path / "cut"
    cut.write_text(repo.git("rev-parse", "HEAD") + "\n")
    config = load_config(None, repo.root)
    full = mine_history(config)
    with pytest.MonkeyPatch.context() as patched:
        patched.setenv(variable, str(cut))
        short = mine_history(config, MineOptions(allow_shallow=True))
    assert len(short.specs[0].events) < len(full.specs[0].events)
    assert mine_history(config) == full
