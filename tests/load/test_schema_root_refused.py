"""A spec schema refused for what leaves its text readable (a duplicate key, `NaN`, nesting
too deep) still has its references followed: one run names its problems and those of the
local files they reach (place43: those were named only once the schema was fixed). A
syntax error hides what the schema refers to: its references are in the text that does
not parse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import run_cli

_COMMON = '{\n  "type": "strin"\n}\n'
"""A referenced file with a problem of its own, on line 2."""


def _named(root: Path, schema_name: str, schema: str, common_name: str = "common.json"
           ) -> list[str]:
    (root / "specs").mkdir()
    (root / "specrepo.yaml").write_text(f"schema: {schema_name}\n")
    (root / schema_name).write_text(schema)
    (root / common_name).write_text(_COMMON)
    (root / "specs" / "a.yaml").write_text("id: A-1\ntitle: x\nstatus: Draft\n")
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 2, result.output
    lines = (line.removeprefix("specrepo: error: ") for line in result.output.splitlines())
    return [line for line in lines if line.startswith((schema_name, common_name))]


@pytest.mark.parametrize(("name", "schema", "problem"), [
    ("s.json", '{"$ref": "common.json",\n "title": "a", "title": "b"}',
     "s.json:2:16: cannot load the schema: duplicate key 'title'"),
    ("s.json", '{"$ref": "common.json",\n "maximum": NaN}',
     "s.json:2:13: cannot load the schema: NaN is not a JSON number"),
    ("s.json", '{"$ref": "common.json",\n "$defs": {"x": ' + "[" * 120 + "]" * 120 + "}}",
     "s.json:2:115: cannot load the schema: nesting is deeper than 100 levels"),
    ("s.yaml", '$ref: common.json\ntitle: a\ntitle: b\n',
     "s.yaml:3:1: cannot load the schema: duplicate key 'title'"),
])
def test_a_readable_refused_schema_names_the_problems_of_what_it_refers_to(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, schema: str,
        problem: str) -> None:
    monkeypatch.chdir(tmp_path)
    named = _named(tmp_path, name, schema)
    assert len(named) == 2, named
    assert named[0].startswith(problem), named
    assert named[1].startswith("common.json:2:"), named


def test_a_schema_that_does_not_parse_hides_what_it_refers_to(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    named = _named(tmp_path, "s.json", '{"$ref": "common.json",\n "title": }')
    assert len(named) == 1 and named[0].startswith(
        "s.json:2:11: cannot load the schema: Expecting value"), named


def test_a_readable_refused_schema_whose_references_are_sound_names_its_own_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fine.json").write_text('{"type": "object"}')
    named = _named(tmp_path, "s.json", '{"$ref": "fine.json", "a": 1, "a": 2}')
    assert [line.partition(": ")[0] for line in named] == ["s.json:1:31"], named


@pytest.mark.parametrize("depth", [80, 400])
@pytest.mark.parametrize("name", ["s.json", "t.json"])
def test_a_schema_whose_subschemas_nest_too_deep_is_refused_not_an_internal_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, depth: int, name: str) -> None:
    """`allOf` in `allOf` 80 deep (160 levels of JSON): read past its depth to judge what
    it refers to, jsonschema's check of the subschemas recursed past Python's stack
    (RecursionError, exit 3; newuser67 L2). A duplicate key (t.json) reads it leniently."""
    monkeypatch.chdir(tmp_path)
    schema = '{"$ref": "common.json"}'
    for _ in range(depth):
        schema = '{"allOf": [' + schema + ('], "a": 1, "a": 2}' if name == "t.json" else "]}")
    named = _named(tmp_path, name, schema)
    assert any("nesting is deeper than 100 levels" in line for line in named), named


@pytest.mark.parametrize(("dialect", "definitions"), [
    ("https://json-schema.org/draft/2020-12/schema", "$defs"),
    ("http://json-schema.org/draft-07/schema#", "definitions")])
def test_a_chain_of_references_deeper_than_the_stack_is_refused_not_an_internal_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialect: str, definitions: str
        ) -> None:
    """d0 -> d1 -> ... -> d1500, three levels of JSON: inlining the chain (2020-12) ended
    in a RecursionError (exit 3; newuser68 M)."""
    monkeypatch.chdir(tmp_path)
    chain = {f"d{at}": {"$ref": f"#/{definitions}/d{at + 1}"} for at in range(1500)}
    schema = {"$schema": dialect, "allOf": [{"$ref": f"#/{definitions}/d0"}],
              definitions: {**chain, "d1500": {"type": "object"}}}
    named = _named(tmp_path, "s.json", json.dumps(schema))
    assert named == ["s.json: the schema's references lead on further than they can be "
                     "followed (a $ref cycle that never reaches a keyword, or a chain of "
                     "hundreds of $refs)"], named
