"""Custom schemas through the command line: jsonschema's verdicts, messages, exit codes."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from tests.check.json_schema_suite import Group, groups, refusal
from tests.support import run_cli

CONFIG = """\
specs: decisions
schema: {schema}
fields: {{id: id, title: null, status: null, created: null, updated: null, authors: null,
          reviewers: null, questions: null, related: [], item_lists: []}}
rules: {{file-name: "off"}}
"""


def _repository(root: Path, schema_name: str, schema_text: str,
                specs: dict[str, str]) -> Path:
    (root / "decisions").mkdir(parents=True)
    (root / "specrepo.yaml").write_text(CONFIG.format(schema=schema_name))
    (root / schema_name).write_text(schema_text, encoding="utf-8")
    for name, text in specs.items():
        (root / "decisions" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


UNEVALUATED_SCHEMA = """\
$schema: https://json-schema.org/draft/2020-12/schema
type: object
required: [id]
properties:
  id: {type: string}
allOf:
  - properties:
      street_address: {type: string}
      city: {type: string}
      state:
        type: object
        properties:
          name: {type: string}
        additionalProperties: false
  - properties:
      type: {type: string}
      eggs: {type: integer}
unevaluatedProperties: false
"""


def test_unevaluated_properties_with_all_of_names_only_the_real_mistakes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The case `unevaluated-properties-allof`: exactly the stray keys, each once."""
    root = _repository(tmp_path / "repo", "s.yaml", UNEVALUATED_SCHEMA, {
        "a.yaml": """\
            id: A-1
            street_address: 21 2nd Street
            city: New York
            state:
              name: NY
              cc: Unexpected field
            type: home
            """,
        "c.yaml": "id: C-1\ncity: Springfield\neggs: 3\n",
        "d.yaml": "id: D-1\ncity: Springfield\neggs: 3\ntypo: 1\n",
    })
    monkeypatch.chdir(root)
    result = run_cli("validate")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[:2] == [
        "decisions/a.yaml:6:3: error: unknown property 'cc'; allowed here: name [schema] "
        "($.state.cc)",
        "decisions/d.yaml:4:1: error: unknown property 'typo'; did you mean 'type'? Allowed "
        "here: id, street_address, city, state, type, eggs [schema] ($.typo)",
    ]
    assert lines[2] == "3 files checked: 2 errors"


def test_an_unevaluated_key_without_another_error_is_still_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    schema = {"anyOf": [{"properties": {"a": {"type": "string"}}},
                        {"properties": {"b": {"type": "string"}}}],
              "properties": {"id": {"type": "string"}}, "unevaluatedProperties": False}
    root = _repository(tmp_path / "repo", "s.json", json.dumps(schema),
                       {"x.yaml": "id: X-1\na: text\nb: 1\n"})
    monkeypatch.chdir(root)
    result = run_cli("validate")
    assert result.exit_code == 1
    assert "decisions/x.yaml:3:1: error: property 'b' is only allowed by a subschema that " \
           "does not hold here" in result.output


SAMPLED = [group for group in groups(optional=False)
           if group.draft == "draft2020-12" and isinstance(group.schema, dict)
           and any(isinstance(case.data, dict) for case in group.cases)][::4]


@pytest.mark.parametrize("group", SAMPLED, ids=[group.id for group in SAMPLED])
def test_suite_sample_through_the_command_line(group: Group, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A sample of the suite's 2020-12 groups: exit 1 exactly on invalid documents, exit 2
    for a schema that needs the network, never anything else."""
    cases = [case for case in group.cases if isinstance(case.data, dict)]
    specs = {f"case-{index}.yaml": json.dumps(case.data, ensure_ascii=False)
             for index, case in enumerate(cases)}
    root = _repository(tmp_path / "repo", "schema.json", json.dumps(group.schema), specs)
    monkeypatch.chdir(root)
    if refusal(group) is not None:
        result = run_cli("validate")
        assert result.exit_code == 2, result.output
        return
    for index, case in enumerate(cases):
        result = run_cli("validate", f"decisions/case-{index}.yaml")
        if "yaml" in result.output and "[schema]" not in result.output and \
                result.exit_code == 1:
            continue  # a document YAML cannot hold as JSON holds it (for example "\u0000")
        assert result.exit_code == (0 if case.valid else 1), (case.id, result.output)


def test_a_remote_reference_is_refused_with_exit_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    schema = {"$ref": "https://example.com/schemas/other.json"}
    root = _repository(tmp_path / "repo", "s.json", json.dumps(schema), {"x.yaml": "id: X\n"})
    monkeypatch.chdir(root)
    result = run_cli("validate")
    assert result.exit_code == 2
    assert "specrepo never fetches schemas over the network" in result.output


def test_a_url_id_with_a_relative_file_reference_reads_the_file_next_to_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    schema = {"$id": "https://example.com/schemas/s.json",
              "properties": {"id": {"$ref": "common.json#/$defs/id"}}}
    root = _repository(tmp_path / "repo", "s.json", json.dumps(schema),
                       {"x.yaml": "id: 12\n", "y.yaml": "id: Y-1\n"})
    (root / "common.json").write_text(json.dumps({"$defs": {"id": {"type": "string"}}}))
    monkeypatch.chdir(root)
    result = run_cli("validate")
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[0].startswith("decisions/x.yaml:1:5: error: expected "
                                                    "a string, got the number 12")


def test_a_json_schema_with_escaped_surrogate_pairs_is_read_as_json(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _repository(tmp_path / "repo", "s.json",
                       '{"properties": {"mascot": {"const": "\\ud83d\\udc32"}}}',
                       {"x.yaml": "id: X\nmascot: \U0001f432\n", "y.yaml": "id: Y\nmascot: x\n"})
    monkeypatch.chdir(root)
    result = run_cli("validate")
    assert result.exit_code == 1
    assert "decisions/x.yaml" not in result.output
    assert "decisions/y.yaml:2:9: error: 'x' must be '\U0001f432'" in result.output


def test_schema_prints_the_schema_in_force_and_bundled_prints_the_bundled_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _repository(tmp_path / "repo", "s.yaml", UNEVALUATED_SCHEMA, {})
    monkeypatch.chdir(root)
    assert run_cli("schema").output == UNEVALUATED_SCHEMA
    bundled = run_cli("schema", "--bundled").output
    assert json.loads(bundled)["title"] != "specrepo configuration (specrepo.yaml)"
    assert "street_address" not in bundled
    assert json.loads(run_cli("schema", "--config-schema").output)["title"] == \
        "specrepo configuration (specrepo.yaml)"


_BASE = {"type": "object", "required": ["id"],
         "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                        "status": {"enum": ["Draft", "Approved"]}}}
_DIALECT = "https://json-schema.org/draft/2020-12/schema"
REFERENCE_SHAPES = {
    "json-pointer": ({"$ref": "#/$defs/base"}, {"$defs": {"base": _BASE}}, None),
    "anchor": ({"$ref": "#base"}, {"$defs": {"base": {"$anchor": "base", **_BASE}}}, None),
    "local-file": ({"$ref": "base.json"}, {}, {"$schema": _DIALECT, **_BASE}),
    "nested-id": ({"$ref": "parts/base.json"},
                  {"$defs": {"base": {"$id": "parts/base.json", **_BASE}}}, None),
    "dynamic-ref": ({"$dynamicRef": "#base"},
                    {"$defs": {"base": {"$dynamicAnchor": "base", **_BASE}}}, None),
}


@pytest.mark.parametrize("shape", REFERENCE_SHAPES)
def test_unevaluated_properties_follow_every_kind_of_reference(
        shape: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Properties an `allOf` branch defines behind a reference are evaluated, however the
    reference is written: the one real mistake is reported, and "allowed here" lists them."""
    branch, extra, base_file = REFERENCE_SHAPES[shape]
    schema = {"$schema": _DIALECT, "$id": "https://example.com/spec.json", "allOf": [branch],
              "properties": {"extra": {"type": "string"}}, "unevaluatedProperties": False,
              **extra}
    root = _repository(tmp_path / "repo", "s.json", json.dumps(schema), {
        "a.yaml": "id: A-1\ntitle: A\nstatus: Bogus\n",
        "b.yaml": "id: B-1\ntitel: B\n",
    })
    if base_file is not None:
        (root / "base.json").write_text(json.dumps(base_file), encoding="utf-8")
    monkeypatch.chdir(root)
    result = run_cli("validate")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "decisions/a.yaml:3:9: error: 'Bogus' is not one of 'Draft', 'Approved' [schema] "
        "($.status)",
        "decisions/b.yaml:2:1: error: unknown property 'titel'; did you mean 'title'? Allowed "
        "here: extra, id, title, status [schema] ($.titel)",
        "2 files checked: 2 errors",
    ]
