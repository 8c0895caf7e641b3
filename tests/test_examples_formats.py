"""Every configuration in examples/ works end to end: validate, history, render, report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from specrepo.load.schema_source import bundled_schema
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

EXAMPLES = Path(__file__).parent.parent / "examples"
FORMATS = sorted(path.name for path in EXAMPLES.iterdir() if (path / "specrepo.yaml").exists())


def test_there_are_five_formats() -> None:
    assert FORMATS == ["enhancements", "kep", "madr", "madr-markdown", "template"]


@pytest.fixture(params=FORMATS)
def example(request: pytest.FixtureRequest, tmp_path: Path,
            monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repo = GitRepo(tmp_path / str(request.param))
    (repo.root / "specrepo.yaml").unlink()
    shutil.copytree(EXAMPLES / str(request.param), repo.root, dirs_exist_ok=True)
    repo.commit("Import")
    monkeypatch.chdir(repo.root)
    return repo


def test_every_command_works_on_every_example(example: GitRepo) -> None:
    assert run_cli("validate", "--history").exit_code == 0
    assert run_cli("render").exit_code == 0
    assert run_cli("render", "--check").exit_code == 0
    report = run_cli("report", "--format", "json")
    assert report.exit_code == 0
    jsonschema.validate(json.loads(report.output), bundled_schema("report.schema.json"))


def test_an_adr_with_a_misspelled_status_or_a_repeated_option_is_caught(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "madr"
    shutil.copytree(EXAMPLES / "madr", copy)
    monkeypatch.chdir(copy)
    adr = copy / "decisions" / "ADR-0001-use-postgresql.yaml"
    adr.write_text(adr.read_text().replace("status: accepted", "status: acepted")
                   .replace("id: O-2", "id: O-1"))
    output = run_cli("validate").output
    assert "did you mean 'accepted'?" in output
    assert "[duplicate-item-id]" in output


def test_new_refuses_to_write_the_bundled_format_into_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "madr"
    shutil.copytree(EXAMPLES / "madr", copy)
    monkeypatch.chdir(copy)
    result = run_cli("new", "Cache totals", "--author", "Ada")
    assert result.exit_code == 2
    assert "copy one of its specs" in result.output
    assert sorted(path.name for path in (copy / "decisions").iterdir()) == [
        "ADR-0001-use-postgresql.yaml", "ADR-0002-event-log.yaml"]


def test_features_needing_an_unmapped_field_say_so(example: GitRepo) -> None:
    config = example.root / "specrepo.yaml"
    config.write_text(config.read_text().replace("fields:\n", "fields:\n  status: null\n")
                      if "fields:" in config.read_text()
                      else config.read_text() + "fields: {status: null}\n")
    for command in (("report",), ("validate", "--history")):
        result = run_cli(*command)
        assert result.exit_code == 2
        assert "needs the spec's status, but `fields: status:` is null" in result.output
    assert run_cli("validate").exit_code in (0, 1)  # validating does not need the status
