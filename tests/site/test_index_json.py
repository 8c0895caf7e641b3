"""specs.json against its JSON Schema, which describes every field."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from specrepo.load.schema_source import bundled_schema
from specrepo.site.build import build_site
from specrepo.site.data import SiteData
from specrepo.site.index_json import index_file, script_json
from tests.site.samples import sample_site

SCHEMA = "site-index.schema.json"


def validator() -> jsonschema.Draft202012Validator:
    schema = bundled_schema(SCHEMA)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("data", [sample_site(), SiteData("empty", None, None, ())],
                         ids=["sample", "empty"])
def test_specs_json_follows_its_schema(data: SiteData) -> None:
    validator().validate(json.loads(build_site(data)["specs.json"]))


def test_specs_json_lists_every_spec_with_its_page() -> None:
    index = json.loads(build_site(sample_site())["specs.json"])
    assert index["version"] == 2 and index["generator"] == "specrepo site"
    assert index["head_time"] == "2026-05-01T00:00:00Z"
    first = index["specs"][0]
    assert first["id"] == "SPEC-0001" and first["page"] == "specs/SPEC-0001.html"
    assert first["status_since"] == "2026-02-15T00:00:00Z"
    assert first["reviewers"] == [{"name": "Grace Hopper <grace@example.com>",
                                   "approved": "2026-02-14", "approval_counts": True,
                                   "recorded_by": None},
                                  {"name": "Linus Pauling", "approved": None,
                                   "approval_counts": False, "recorded_by": None}]
    assert first["open_questions"] == [{"id": "Q-2", "text": "Should warnings fail CI?",
                                        "owner": "Ada Lovelace"}]
    assert [spec["id"] for spec in index["specs"]] == ["SPEC-0001", "SPEC-0002", "SPEC-0010"]


def _subschemas(schema: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(schema, dict):
        yield where, schema
        for key, value in schema.items():
            if key in ("properties", "$defs"):
                for name, sub in value.items():
                    yield from _subschemas(sub, f"{where}/{key}/{name}")
            elif key in ("items", "anyOf"):
                for index, sub in enumerate(value if isinstance(value, list) else [value]):
                    yield from _subschemas(sub, f"{where}/{key}/{index}")


def test_every_property_and_definition_of_the_schema_is_described() -> None:
    described = [where for where, _ in _subschemas(bundled_schema(SCHEMA))
                 if re.search(r"(^#|/properties/[^/]+|/\$defs/[^/]+)$", where)]
    assert len(described) >= 30
    for where, schema in _subschemas(bundled_schema(SCHEMA)):
        if where in described:
            assert schema.get("description"), where


def test_undecodable_file_names_are_written_as_the_text_outputs_write_them() -> None:
    written = index_file({"source": "specs/caf\udce9.yaml"})
    assert b"caf\\\\xe9" in written and b"udce9" not in written
    assert json.loads(written.decode("utf-8"))["source"] == "specs/caf\\xe9.yaml"
    assert json.loads(str(script_json(["caf\udce9", "\U0001f680"]))) == [
        "caf\\xe9", "\U0001f680"]


def test_json_for_a_script_element_cannot_end_it() -> None:
    value = ["</script><!--<script>", "a & b", "\u2028\x7f"]
    text = str(script_json(value))
    assert not set(text) & {"<", ">", "&", "\x7f"} and text.isascii()
    assert json.loads(text) == value
