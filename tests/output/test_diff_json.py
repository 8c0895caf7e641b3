"""The JSON of `diff --format json`: valid against schemas/diff.schema.json, byte-stable."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given

from specrepo.compare.comparison import compare
from specrepo.compare.text_diff import word_diff
from specrepo.load.document import JsonValue
from specrepo.load.schema_source import bundled_schema
from specrepo.load.yaml_loader import load_yaml
from specrepo.model.approval import DEFAULT_PROTECTED
from specrepo.model.change_paths import parse_path
from specrepo.model.diff import Change, Diff, SpecDiff, SpecVersion
from specrepo.output.json_diff import change_json, diff_document
from tests.compare.test_properties import DOCUMENTS, OPTIONS
from tests.support import fuzz

SCHEMA = bundled_schema("diff.schema.json")
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
SPECS = sorted((Path(__file__).parents[2] / "specs").glob("*.yaml"))
OLD = SpecVersion("SPEC-0001", "specs/SPEC-0001-validate.yaml", "a" * 40)


def _assert_valid(data: JsonValue) -> None:
    errors = [f"{list(error.absolute_path)}: {error.message}"
              for error in VALIDATOR.iter_errors(data)]
    assert errors == []


def test_the_schema_is_a_described_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    def undescribed(node: Any, where: str) -> list[str]:
        if isinstance(node, list):
            return [found for index, item in enumerate(node)
                    for found in undescribed(item, f"{where}[{index}]")]
        if not isinstance(node, dict):
            return []
        missing = [f"{where}.{name}" for name, sub in node.get("properties", {}).items()
                   if "description" not in sub and "$ref" not in sub]
        return missing + [found for key, value in node.items() if key not in ("if", "not")
                          for found in undescribed(value, f"{where}/{key}")]

    assert undescribed(SCHEMA, "$") == []


def _edited_spec(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """A real spec of this repository and a reworked version of it."""
    before: Any = load_yaml(path.read_bytes()).data
    after: Any = copy.deepcopy(before)
    after["status"] = "Implemented"
    after["summary"] += " Now in one more sentence, to change the prose."
    functional = after["requirements"]["functional"]
    functional.insert(0, functional.pop())
    functional[1]["priority"] = "P3"
    functional.append({"id": "FR-99", "description": "New.", "priority": "P2"})
    del after["requirements"]["non_functional"][0]
    after["goals"]["primary"].append("One more goal.")
    after.setdefault("design", {})["data_model"] = [{"code": "CREATE TABLE t (\n  id int\n);\n"}]
    return before, after


@pytest.mark.parametrize("path", SPECS, ids=lambda path: path.name)
def test_diffs_of_real_specs_validate(path: Path) -> None:
    before, after = _edited_spec(path)
    changes = compare(before, after)
    new = SpecVersion("SPEC-0009", "specs/moved.yaml", None)
    data: Any = diff_document(Diff("HEAD", None, (
        SpecDiff(OLD, new, changes), SpecDiff(None, new, ()), SpecDiff(OLD, None, ()),
        SpecDiff(OLD, OLD, ())), DEFAULT_PROTECTED))
    _assert_valid(data)
    specs = data["specs"]
    assert [spec["kinds"] for spec in specs] == [
        ["moved", "renumbered", "modified"], ["added"], ["removed"]]
    kinds = {change["kind"] for group in specs[0]["changes"] for change in group["changes"]}
    assert kinds == {"added", "removed", "changed", "moved"}


@fuzz(200)
@given(DOCUMENTS, DOCUMENTS)
def test_every_comparison_gives_valid_json(before: JsonValue, after: JsonValue) -> None:
    changes = compare(before, after, OPTIONS)
    _assert_valid(diff_document(Diff("main", "HEAD", (SpecDiff(OLD, OLD, changes),),
                                     (("items",),))))


def test_the_same_inputs_give_byte_identical_json() -> None:
    before, after = _edited_spec(SPECS[0])

    def dumped() -> str:
        changes = compare(copy.deepcopy(before), copy.deepcopy(after))
        return json.dumps(diff_document(Diff("HEAD", None, (SpecDiff(OLD, OLD, changes),))),
                          indent=2, ensure_ascii=False)

    assert dumped() == dumped()


def test_the_shape_of_each_kind_of_change() -> None:
    item = parse_path("requirements.functional[FR-3]")
    prose = "A longer text that is prose, since it runs over the eighty characters of a line."
    assert [change_json(change) for change in (
        Change("added", item, after={"id": "FR-3"}, new_index=2),
        Change("removed", ("goals", "primary"), before="Fast", old_index=0),
        Change("changed", ("summary",), prose, prose + "!", text=word_diff(prose, prose + "!")),
        Change("moved", item, old_index=2, new_index=0),
    )] == [
        {"kind": "added", "path": ["requirements", "functional", {"id": "FR-3"}],
         "path_text": "requirements.functional[FR-3]", "after": {"id": "FR-3"},
         "new_index": 2},
        {"kind": "removed", "path": ["goals", "primary"], "path_text": "goals.primary",
         "before": "Fast", "old_index": 0},
        {"kind": "changed", "path": ["summary"], "path_text": "summary", "before": prose,
         "after": prose + "!", "text_diff": {
             "unit": "word", "segments": [["=", prose[:-1]], ["-", "."], ["+", ".!"]]}},
        {"kind": "moved", "path": ["requirements", "functional", {"id": "FR-3"}],
         "path_text": "requirements.functional[FR-3]", "old_index": 2, "new_index": 0},
    ]


def test_code_changes_carry_their_unified_hunks_and_protection() -> None:
    before: Any = {"design": {"architecture": {"diagram": {"language": "mermaid",
                                                      "code": "graph\n  a --> b\n"}}}}
    after = copy.deepcopy(before)
    after["design"]["architecture"]["diagram"]["code"] = "graph\n  a --> c\n"
    (change,) = compare(before, after)
    data: Any = change_json(change, DEFAULT_PROTECTED)
    assert data["protected"] is True
    assert data["text_diff"] == {
        "unit": "line", "segments": [["=", "graph\n"], ["-", "  a --> b\n"], ["+", "  a --> c\n"]],
        "unified": "@@ -1,2 +1,2 @@\n graph\n-  a --> b\n+  a --> c\n"}
