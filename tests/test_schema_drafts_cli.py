"""Schema files of different drafts that refer to one another, through `validate`: a keyword
beside `$ref` is refused as checking nothing exactly where jsonschema ignores it, whichever
file's `$schema` names which draft (trial43b ref-sibling-in-2020-file-reached-from-draft07,
ref-sibling-in-draft07-file-reached-from-2020-refused-wrongly)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
DRAFT_2020 = "https://json-schema.org/draft/2020-12/schema"


def _validate(root: Path, schema: dict[str, object], common: dict[str, object],
              monkeypatch: pytest.MonkeyPatch) -> Result:
    """`validate` in a repository whose spec's summary, "toolong", is checked by `schema`,
    which refers to `common.json` (`common`)."""
    repo = GitRepo(root)
    spec = spec_text("SPEC-0001").replace("summary: Why and what.", "summary: toolong")
    repo.commit("init", {
        "specrepo.yaml": "specs: specs\nschema: schema.json\nrules: {file-name: 'off'}\n",
        "schema.json": json.dumps(schema), "common.json": json.dumps(common),
        "specs/SPEC-0001.yaml": spec})
    monkeypatch.chdir(root)
    return run_cli("validate", no_traceback=True)


def test_a_keyword_beside_ref_in_a_2020_file_a_draft_07_schema_reaches_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """jsonschema enters common.json with the draft-07 validator of the schema that refers
    to it, which acts on `$ref` alone: `maxLength` checks nothing, whatever common.json's
    own `$schema` says; validate passed "toolong" in silence."""
    result = _validate(tmp_path / "repo", {
        "$schema": DRAFT_07, "properties": {"summary": {"$ref": "common.json"}}}, {
        "$schema": DRAFT_2020, "$defs": {"t": {"type": "string"}}, "$ref": "#/$defs/t",
        "maxLength": 3}, monkeypatch)
    assert result.exit_code == 2, result.output
    assert "common.json:1:" in result.output
    assert "'maxLength' beside '$ref' checks nothing: this schema's $schema names 2020-12, " \
           "but a draft-07 schema reaches it" in result.output


def test_a_keyword_beside_ref_in_a_draft_07_file_a_2020_schema_reaches_checks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """jsonschema enters common.json with the 2020-12 validator of the schema that refers
    to it, which acts on every keyword beside `$ref`: `maxLength` checks, and was refused
    as checking nothing."""
    result = _validate(tmp_path / "repo", {
        "properties": {"summary": {"$ref": "common.json"}}}, {
        "$schema": DRAFT_07, "definitions": {"t": {"type": "string"}},
        "$ref": "#/definitions/t", "maxLength": 3}, monkeypatch)
    assert result.exit_code == 1, result.output
    assert "checks nothing" not in result.output
    assert "the text is longer than 3 characters" in result.output
