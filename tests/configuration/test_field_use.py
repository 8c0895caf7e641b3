"""A `fields:` entry that names a field no spec has and the schema does not describe is a
warning at its line of specrepo.yaml (validate: an `unused-field` finding, in every format;
report: a warning on stderr); an optional field only some specs have, or one the schema
describes, is not."""

from __future__ import annotations

import json
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


CREATED = ("`fields: created:` names `creation_date`, a field no spec has (2 spec files) and "
           "the spec schema does not describe, so no spec's `created` is read; a typo? Map it "
           "to the field that holds it")
APPROVERS = ("`fields: approvers:` names `approver`, a field no spec has (2 spec files) and "
             "the spec schema does not describe, so no spec's `approvers` is read; a typo? "
             "Map it to the field that holds it")


def test_a_field_no_spec_has_is_a_warning_at_its_line(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, monkeypatch, "creation_date", "approver")
    result = run_cli("validate")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        f"specrepo.yaml:4:12: warning: {CREATED} [unused-field] ($.fields.created)",
        f"specrepo.yaml:5:14: warning: {APPROVERS} [unused-field] ($.fields.approvers)",
        "2 files checked: 0 errors, 2 warnings"]
    report = run_cli("report")
    assert report.exit_code == 0, report.output
    assert [line for line in report.stderr.splitlines() if "fields:" in line] == [
        f"specrepo: warning: specrepo.yaml:4: {CREATED}",
        f"specrepo: warning: specrepo.yaml:5: {APPROVERS}"]


def test_a_field_no_spec_has_fails_strict_in_every_format(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A warning about specrepo.yaml is a finding like any other: `--strict` counts it,
    and GitHub's annotations, SARIF, JUnit and JSON carry it, at its line."""
    make(tmp_path, monkeypatch, "creation-date", "approver")
    strict = run_cli("validate", "--strict", "--format", "github")
    assert strict.exit_code == 1
    assert strict.stdout.startswith("::warning file=specrepo.yaml,line=5,col=14,title=specrepo "
                                    f"unused-field::{APPROVERS} ($.fields.approvers)\n")
    [result] = json.loads(run_cli("validate", "--format", "sarif").stdout)["runs"][0]["results"]
    assert (result["ruleId"], result["level"]) == ("unused-field", "warning")
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "specrepo.yaml"
    junit = run_cli("validate", "--format", "junit").stdout
    assert 'name="specrepo.yaml"' in junit and "unused-field" in junit
    [finding] = json.loads(run_cli("validate", "--format", "json").stdout)["findings"]
    assert (finding["file"], finding["line"], finding["rule"]) == ("specrepo.yaml", 5,
                                                                   "unused-field")


@pytest.mark.parametrize(("severity", "exit_code", "shown"),
                         [("error", 1, "error"), ("off", 0, None)])
def test_rules_set_the_severity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                severity: str, exit_code: int, shown: str | None) -> None:
    repo = make(tmp_path, monkeypatch, "creation-date", "approver")
    repo.write("specrepo.yaml", CONFIG.format(created="creation-date", approvers="approver")
               + f"rules: {{unused-field: {severity}}}\n")
    result = run_cli("validate")
    assert result.exit_code == exit_code
    assert (f"specrepo.yaml:5:14: {shown}: " in result.stdout) if shown else \
        result.stdout == "2 files checked: no problems\n"
    if shown is None:  # off: report says nothing either
        assert "fields:" not in run_cli("report").stderr


def test_the_schema_suggests_the_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make(tmp_path, monkeypatch, "creation-date", "approver")
    repo.write("s.yaml", SCHEMA.replace("}}", "}, approvers: {type: array}}"))
    result = run_cli("validate")
    assert "no spec's `approvers` is read; did you mean `approvers`?" in result.stdout


def test_validate_of_one_file_judges_every_spec(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, monkeypatch, "creation-date", "approvers")
    result = run_cli("validate", "specs/A-1.yaml")  # A-2 alone has approvers
    assert result.exit_code == 0 and "fields:" not in result.stderr
