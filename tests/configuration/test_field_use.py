"""A `fields:` entry that names a field no spec has and the schema does not describe is a
warning at its line of specrepo.yaml (validate and report); an optional field only some
specs have, or one the schema describes, is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

CONFIG = """specs: specs
schema: s.yaml
fields:
  created: {created}
  approvers: {approvers}
  superseded_by: superseded-by
  questions: null
  related: []
  item_lists: []
"""
SCHEMA = "type: object\nproperties: {superseded-by: {type: string}}\n"
SPEC = "id: A-{n}\ntitle: One\nstatus: Draft\n"


def make(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, created: str,
         approvers: str) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Specs", {
        "specrepo.yaml": CONFIG.format(created=created, approvers=approvers),
        "s.yaml": SCHEMA,
        "specs/A-1.yaml": SPEC.format(n=1) + "creation-date: '2026-01-02'\n",
        "specs/A-2.yaml": SPEC.format(n=2) + "approvers: [Grace Hopper]\n"})
    monkeypatch.chdir(repo.root)
    return repo


def test_fields_some_specs_have_or_the_schema_names_are_no_typo(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, monkeypatch, "creation-date", "approvers")
    for command in ("validate", "report"):
        result = run_cli(command)
        assert result.exit_code == 0, result.output
        assert "fields:" not in result.stderr  # superseded-by: no spec, but the schema


def test_a_field_no_spec_has_is_a_warning_at_its_line(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, monkeypatch, "creation_date", "approver")
    for command in ("validate", "report"):
        result = run_cli(command)
        assert result.exit_code == 0, result.output
        lines = [line for line in result.stderr.splitlines() if "fields:" in line]
        assert lines == [
            "specrepo: warning: specrepo.yaml:4: `fields: created:` names `creation_date`, a "
            "field no spec has (2 spec files) and the spec schema does not describe, so "
            "no spec's `created` is read; a typo? Map it to the field that holds it",
            "specrepo: warning: specrepo.yaml:5: `fields: approvers:` names `approver`, a "
            "field no spec has (2 spec files) and the spec schema does not describe, so "
            "no spec's `approvers` is read; a typo? Map it to the field that holds it"]


def test_the_schema_suggests_the_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make(tmp_path, monkeypatch, "creation-date", "approver")
    repo.write("s.yaml", SCHEMA.replace("}}", "}, approvers: {type: array}}"))
    result = run_cli("validate")
    assert "no spec's `approvers` is read; did you mean `approvers`?" in result.stderr


def test_validate_of_one_file_judges_every_spec(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, monkeypatch, "creation-date", "approvers")
    result = run_cli("validate", "specs/A-1.yaml")  # A-2 alone has approvers
    assert result.exit_code == 0 and "fields:" not in result.stderr
