"""A finding about a whole list or mapping stands at the key naming it, as `required`'s
does (place43): `minItems`, `maxItems`, `uniqueItems`, `contains`, `minContains`,
`maxContains`, `items: false` after `prefixItems`, draft-07's `additionalItems`, and a
`type`, `enum`, `const`, `not` or `false` schema that refuses the whole value, in draft
2020-12 and draft-07 alike; never at the list's first item (or the mapping's first key),
where a block list or mapping starts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.check.compiled_schema import compile_source
from specrepo.check.schema_check import check_schema
from specrepo.load.schema_source import SchemaSource
from specrepo.load.yaml_loader import load_yaml
from tests.support import fuzz, run_cli

_2020 = "https://json-schema.org/draft/2020-12/schema"
_07 = "http://json-schema.org/draft-07/schema#"
_SPEC = "id: A-1\ntags:\n  - a\n  - a\n  - b\ndesign:\n  goal: x\n  note: y\n"
"""`tags:` at 2:1 (its first item at 3:5), `design:` at 6:1 (its first key at 7:3)."""

_LIST_KEYWORDS: list[tuple[str, dict[str, Any]]] = [
    (_2020, {"minItems": 5}),
    (_2020, {"maxItems": 1}),
    (_2020, {"uniqueItems": True}),
    (_2020, {"contains": {"const": "z"}}),
    (_2020, {"contains": {"const": "a"}, "minContains": 3}),
    (_2020, {"contains": {"const": "a"}, "maxContains": 1}),
    (_2020, {"prefixItems": [{}], "items": False}),
    (_2020, {"type": "string"}),
    (_2020, {"enum": [["a"], "b"]}),
    (_2020, {"const": ["a"]}),
    (_2020, {"not": {"type": "array"}}),
    (_2020, {"anyOf": [{"type": "string"}, {"maxItems": 2}]}),
    (_07, {"minItems": 5}),
    (_07, {"maxItems": 1}),
    (_07, {"uniqueItems": True}),
    (_07, {"contains": {"const": "z"}}),
    (_07, {"items": [{}], "additionalItems": False}),
    (_07, {"type": "object"}),
]
_MAPPING_KEYWORDS: list[tuple[str, dict[str, Any]]] = [
    (_2020, {"minProperties": 3}),
    (_2020, {"maxProperties": 1}),
    (_2020, {"required": ["owner"]}),
    (_2020, {"type": "array"}),
    (_2020, {"const": {"goal": "x"}}),
    (_2020, {"enum": [{"goal": "x"}, 1]}),
    (_2020, {"not": {"required": ["goal"]}, "minProperties": 9}),
    (_07, {"maxProperties": 1}),
    (_07, {"required": ["owner"]}),
    (_07, {"type": "string"}),
]


def _places(draft: str, properties: dict[str, Any], text: str = _SPEC
            ) -> list[tuple[int, int, str]]:
    schema = compile_source(SchemaSource({"$schema": draft, "properties": properties},
                                         "urn:test:container", {}))
    return [(finding.line, finding.column, finding.message)
            for finding in check_schema(schema, Path("spec.yaml"), load_yaml(text.encode()))]


@pytest.mark.parametrize(("draft", "keywords"), _LIST_KEYWORDS)
def test_a_finding_on_a_whole_list_stands_at_its_key(draft: str,
                                                     keywords: dict[str, Any]) -> None:
    found = _places(draft, {"tags": keywords})
    assert found and all(place[:2] == (2, 1) for place in found), found


@pytest.mark.parametrize(("draft", "keywords"), _MAPPING_KEYWORDS)
def test_a_finding_on_a_whole_mapping_stands_at_its_key(draft: str,
                                                        keywords: dict[str, Any]) -> None:
    found = _places(draft, {"design": keywords})
    assert found, found
    # `not: {required: [goal]}` names the key it forbids, where it stands
    assert all(place[:2] == ((7, 3) if "must not" in place[2] else (6, 1))
               for place in found), found


def test_a_false_schema_refusing_a_list_stands_at_its_key() -> None:
    assert _places(_2020, {"tags": False}) == [
        (2, 1, "'tags' is not allowed here (the schema gives it `false`), got a list of 3 "
               "items")]


def test_a_flow_list_s_finding_stands_at_its_key_too() -> None:
    assert [place[:2] for place in _places(_2020, {"tags": {"uniqueItems": True}},
                                           "id: A-1\ntags: [a, a]\n")] == [(2, 1)]


def test_a_finding_on_an_item_stands_at_the_item() -> None:
    """The rule is about the value a finding is on: a list's item that breaks its own
    keyword stays where it stands."""
    assert [place[:2] for place in _places(_2020, {"tags": {"items": {"maxLength": 0}}},
                                           "id: A-1\ntags:\n  - ''\n  - a\n")] == [(4, 5)]


@fuzz(15)
@given(st.sampled_from(_LIST_KEYWORDS), st.integers(0, 3), st.integers(1, 4))
def test_the_key_s_place_whatever_stands_before_it(
        keyword: tuple[str, dict[str, Any]], padding: int, indent: int) -> None:
    """The invariant: a whole list's finding is on its key's line and column, however
    deep the key is indented and whatever stands before it."""
    draft, keywords = keyword
    spaces = " " * indent
    text = "id: A-1\n" + "".join(f"pad{index}: x\n" for index in range(padding)) + \
        f"outer:\n{spaces}tags:\n{spaces}  - a\n{spaces}  - a\n{spaces}  - b\n"
    found = _places(draft, {"outer": {"properties": {"tags": keywords}}}, text)
    assert found and all(place[:2] == (3 + padding, indent + 1) for place in found), found


def test_a_spec_field_of_the_wrong_shape_stands_at_its_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`spec-field`'s finding on a mapped field that is a mapping where specrepo reads a
    list (or text) stands at the field's key, as the schema's would."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    (tmp_path / "specrepo.yaml").write_text(
        "schema: s.json\nrules: {file-name: \"off\"}\n")
    (tmp_path / "s.json").write_text('{"type": "object"}')
    (tmp_path / "specs" / "a.yaml").write_text(
        "id: A-1\ntitle: x\nstatus: Draft\nauthors:\n  ada: 1\n")
    result = run_cli("validate")
    assert result.exit_code == 1, result.output
    found = [line for line in result.output.splitlines() if line.startswith("specs/")]
    assert len(found) == 1 and found[0].startswith("specs/a.yaml:4:1: error:"), found
