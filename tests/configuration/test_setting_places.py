"""An error about a value of specrepo.yaml found only once it is used (a folder that does
not exist, a glob matching nothing, an output folder outside) names the line and column of
that value in specrepo.yaml, as a syntax or type error of the same key does (trial34 F6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.model.config import Config
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("A spec", {"specs/SPEC-0001.yaml": spec_text()})
    (repo.root / "sub").mkdir()
    monkeypatch.chdir(repo.root / "sub")  # messages name specrepo.yaml from here
    return repo


@pytest.mark.parametrize(("configuration", "command", "message"), [
    ("specs: specs\nrender:\n  out: ../elsewhere\n", ("render",),
     "../specrepo.yaml:3:8: render.out: "),
    ("specs: specs\nsite: {out: ../elsewhere}\n", ("site",),
     "../specrepo.yaml:2:13: site.out: "),
    ("specs: specs\nnew:\n  template: templates/missing.yaml\n",
     ("new", "A title", "--author", "Ada"),
     "../specrepo.yaml:3:13: new.template names ../templates/missing.yaml, which cannot be "
     "used: cannot read the file: No such file or directory"),
    ("specs: specs\ntrace:\n  tests: ['tests/**/*.py']\n", ("trace",),
     "../specrepo.yaml:3:10: trace.tests 'tests/**/*.py' matches no file git tracks"),
    ("specs:\n  - specs\n  - gone\n", ("validate",),
     "../specrepo.yaml:3:5: the specs folder 'gone' does not exist"),
])
def test_a_setting_found_wrong_once_used_is_named_at_its_line(
        repo: GitRepo, configuration: str, command: tuple[str, ...], message: str) -> None:
    (repo.root / "specrepo.yaml").write_text(configuration)
    result = run_cli(*command)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"specrepo: error: {message}"), result.stderr


def test_a_setting_is_placed_at_its_value_else_its_nearest_written_parent(
        tmp_path: Path) -> None:
    (tmp_path / "specrepo.yaml").write_text(
        "# the settings\nspecs: [specs, 'more/*.yaml']\nrender:\n  out: pages\n")
    config = load_config(tmp_path / "specrepo.yaml", tmp_path)
    shown = config.file_shown
    assert config.placed(("specs", 1)) == f"{shown}:2:16"
    assert config.placed(("render", "out")) == f"{shown}:4:8"
    # the render: mapping, at its key (small39: a block is named by its key, not its
    # first entry)
    assert config.placed(("render", "missing")) == f"{shown}:3:1"
    assert config.placed(("render",)) == f"{shown}:3:1"
    assert config.placed(("schema",)) == shown  # not written: the file alone
    assert config.written_at(("render", "out")) == f"{shown}:4:8: render.out"
    assert config.written_at(("site", "out")) is None
    assert Config(root=tmp_path).placed(("specs",)) == "specrepo.yaml"  # no file: defaults
