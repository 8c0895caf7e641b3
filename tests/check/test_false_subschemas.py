"""A key or item the schema forbids with `false` (`properties: {x: false}`, the JSON
Schema idiom for "not allowed here"; plain, under `else`, by pattern, or an item of a
list) is reported at that key or item, named, with its path, in every draft that has
boolean schemas (jsonschema reports it at the parent, without its name)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import run_cli

DRAFTS = ["http://json-schema.org/draft-06/schema#", "http://json-schema.org/draft-07/schema#",
          "https://json-schema.org/draft/2019-09/schema",
          "https://json-schema.org/draft/2020-12/schema"]
SPEC = "id: SPEC-0001\nrisk: low\nmitigation: m\nsteps: [a, b]\n"


def validate(root: Path, schema: dict[str, object]) -> list[str]:
    (root / "s.json").write_text(json.dumps(schema))
    (root / "specrepo.yaml").write_text(
        "specs: specs\nschema: s.json\n"
        "fields: {title: null, status: null, questions: null, related: [], item_lists: []}\n")
    (root / "specs").mkdir(exist_ok=True)
    (root / "specs/SPEC-0001.yaml").write_text(SPEC)
    result = run_cli("validate")
    assert result.exit_code == 1, result.output
    return [line for line in result.stdout.splitlines() if "[schema]" in line]


@pytest.mark.parametrize("draft", DRAFTS)
@pytest.mark.parametrize("where", ["plain", "else", "pattern"])
def test_a_key_forbidden_by_false_is_named_at_its_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, draft: str, where: str) -> None:
    if where == "else" and "draft-06" in draft:
        pytest.skip("draft 6 has no if/then/else")
    monkeypatch.chdir(tmp_path)
    closed: dict[str, object] = {"properties": {"mitigation": False}} if where != "pattern" \
        else {"patternProperties": {"^miti": False}}
    schema: dict[str, object] = {"$schema": draft, "type": "object",
                                 "properties": {"id": {"type": "string"}}}
    if where == "else":
        schema.update({"if": {"properties": {"risk": {"const": "high"}}},
                       "then": {"required": ["mitigation"]}, "else": closed})
    else:
        schema.update({"allOf": [closed]})
    [line] = validate(tmp_path, schema)
    assert line.startswith("specs/SPEC-0001.yaml:3:13: error: 'mitigation' is not allowed "
                           "here (the schema gives it `false`), got 'm'"), line
    assert line.endswith("[schema] ($.mitigation)"), line
    if where == "else":
        assert "(because risk is 'low', not 'high')" in line, line


@pytest.mark.parametrize("draft", DRAFTS)
def test_an_item_forbidden_by_false_is_reported_at_the_item(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, draft: str) -> None:
    monkeypatch.chdir(tmp_path)
    keyword = "prefixItems" if "2020-12" in draft else "items"
    [line] = validate(tmp_path, {"$schema": draft, "type": "object",
                                 "properties": {"steps": {keyword: [True, False]}}})
    assert line.startswith("specs/SPEC-0001.yaml:4:12: error: no item is allowed at this "
                           "place in the list (the schema gives it `false`), got 'b'"), line
    assert line.endswith("[schema] ($.steps[1])"), line


@pytest.mark.parametrize("draft", DRAFTS[:3])
def test_every_item_forbidden_by_items_false(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, draft: str) -> None:
    monkeypatch.chdir(tmp_path)
    lines = validate(tmp_path, {"$schema": draft, "type": "object",
                                "properties": {"steps": {"items": False}}})
    assert [line.split(": error")[0] for line in lines] == [
        "specs/SPEC-0001.yaml:4:9", "specs/SPEC-0001.yaml:4:12"], lines
