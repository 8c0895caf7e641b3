"""The configuration and the schema files edited behind their assume-unchanged or
skip-worktree bit, which `git diff` never compares with the work tree: `validate
--changed-since` checks every spec, as for an edit git shows (hidcfg: it checked the
changed specs alone and passed one the new configuration fails, exit 0)."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.gitio.sparse import refuse_specs_outside_sparse_checkout
from specrepo.load.schema_source import SPEC_SCHEMA, bundled_schema_text
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

pytestmark = pytest.mark.usefixtures("each_git")

BITS = ["--assume-unchanged", "--skip-worktree"]
CONFIG = "specs: specs\nschema: schemas/spec.json\nrules: {file-name: \"off\"}\n"


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """Two valid specs checked against `schemas/spec.json`, which refers to `extra.json`
    too (`schemas/extra.json`); all committed."""
    git_repo.commit("Base", {
        "specrepo.yaml": CONFIG,
        "schemas/spec.json": '{"allOf": [{"$ref": "bundled.json"}, {"$ref": "extra.json"}]}',
        "schemas/bundled.json": bundled_schema_text(SPEC_SCHEMA),
        "schemas/extra.json": "{}",
        "specs/one.yaml": spec_text(), "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    return git_repo


def _edit_behind(repo: GitRepo, bit: str, path: str, text: str) -> None:
    """Set `bit` on `path`, then write `text` in it: `git status` shows nothing."""
    repo.git("update-index", bit, path)
    (repo.root / path).write_text(text)
    assert repo.git("status", "--porcelain") == ""


@pytest.mark.parametrize("bit", BITS)
@pytest.mark.parametrize(("path", "text"), [
    pytest.param("specrepo.yaml", CONFIG.replace('"off"', '"error"'), id="a rule switched on"),
    pytest.param("schemas/spec.json", '{"allOf": [{"$ref": "bundled.json"}, '
                                      '{"required": ["target_release"]}]}', id="the schema"),
    pytest.param("schemas/extra.json", '{"required": ["target_release"]}',
                 id="a file the schema refers to"),
])
def test_an_input_edited_behind_its_bit_checks_every_spec(
        repo: GitRepo, bit: str, path: str, text: str) -> None:
    _edit_behind(repo, bit, path, text)
    full = run_cli("validate")
    assert full.exit_code == 1
    gate = run_cli("validate", "--changed-since", "HEAD")
    note = (f"specrepo: note: {path} changed since HEAD; every spec's findings depend on it, "
            "so every spec is checked\n")
    assert (gate.exit_code, gate.stdout, gate.stderr) == (1, full.stdout, note)


def test_inputs_flagged_and_left_as_they_are_check_nothing(repo: GitRepo) -> None:
    for path in ("specrepo.yaml", "schemas/spec.json", "schemas/extra.json"):
        repo.git("update-index", "--assume-unchanged", path)
    result = run_cli("validate", "--changed-since", "HEAD")
    assert (result.exit_code, result.output) == (0, "0 files checked: no problems\n")


def test_the_spec_listing_reads_the_configured_inputs_flags(repo: GitRepo) -> None:
    """One `git ls-files` tells the flagged spec files, configuration and schema file; a
    file the schema's references reach is asked about only by `--changed-since`."""
    for path in ("specrepo.yaml", "schemas/spec.json", "schemas/extra.json",
                 "specs/one.yaml"):
        repo.git("update-index", "--skip-worktree", path)
    flagged = refuse_specs_outside_sparse_checkout(load_config(None, repo.root)).flagged
    assert sorted(file.path for file in flagged) == [
        "schemas/spec.json", "specrepo.yaml", "specs/one.yaml"]


def test_a_configuration_in_a_subfolder_names_its_schema_outside_it(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """The paths git names from the configuration's folder: `../schemas/spec.json`."""
    repo.commit("Design", {"design/specrepo.yaml": CONFIG.replace("schemas/", "../schemas/"),
                           "design/specs/SPEC-0009.yaml": spec_text("SPEC-0009")})
    _edit_behind(repo, "--assume-unchanged", "schemas/spec.json",
                 '{"allOf": [{"$ref": "bundled.json"}, {"required": ["target_release"]}]}')
    monkeypatch.chdir(Path(repo.root / "design"))
    result = run_cli("validate", "--changed-since", "HEAD")
    assert result.exit_code == 1, result.output
    assert "every spec is checked" in result.stderr
