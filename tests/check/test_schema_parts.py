"""A mined field judged on its own gets the whole-document check's verdict on it, whatever
draft the schema is in and however its references reach the field's part."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.errors import ConfigError
from specrepo.configuration.config_file import load_config
from specrepo.history.versions import VersionReader
from specrepo.load.schema_scope import build_validator, load_schema_source
from specrepo.load.schema_source import SchemaSource
from specrepo.load.yaml_loader import LoadLimits
from tests.check.schema_ref_cases import SCHEMA_FILE, STATUSES, RefCase, ref_cases
from tests.support import fuzz

CASES = ref_cases()
MISSING = object()


@functools.cache
def _loaded(case: RefCase) -> tuple[SchemaSource, VersionReader]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        case.write(root)
        source = load_schema_source(root / SCHEMA_FILE, root)
        reader = VersionReader(LoadLimits(max_bytes=1 << 20), source,
                               load_config(None, root).fields)
    return source, reader


def _document(status: Any) -> dict[str, Any]:
    document = {"id": "A-1", "title": "One", "summary": "Why."}
    return document if status is MISSING else {**document, "status": status}


def whole_document_accepts_status(source: SchemaSource, status: Any) -> bool:
    """Whether the whole-document check finds nothing wrong with the status: no error at
    `$.status` or below, and none saying that it is missing."""
    errors = build_validator(source).iter_errors(_document(status))
    return not any(list(error.absolute_path)[:1] == ["status"]
                   or "'status' is a required property" in error.message for error in errors)


def field_check_accepts_status(reader: VersionReader, status: Any) -> bool:
    """Whether history, reading the version on its own, can trust its status."""
    raw = yaml.safe_dump(_document(status), sort_keys=False).encode()
    version = reader.read(raw, "specs/A-1.yaml")
    return all(field != "status" for field, _ in version.unreadable)


VALUES = [*STATUSES[:3], "Bogus", "draft", 3, None, ["Draft"], {"name": "Draft"}, MISSING]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_status_is_checked_and_gets_the_whole_documents_verdict(case: RefCase) -> None:
    source, reader = _loaded(case)
    assert "status" in reader.checks  # the part is found through every reference shape
    verdicts = {repr(value): (whole_document_accepts_status(source, value),
                              field_check_accepts_status(reader, value)) for value in VALUES}
    assert {value: whole for value, (whole, _) in verdicts.items()} == {
        value: field for value, (_, field) in verdicts.items()}
    assert verdicts["'Draft'"] == (True, True) and verdicts["'Bogus'"] == (False, False)
    assert verdicts[repr(MISSING)] == (False, False)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(STATUSES) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                 max_size=3),
    max_leaves=6)


@fuzz(300)
@given(st.sampled_from(CASES), JSON_VALUES)
def test_any_status_value_gets_the_whole_documents_verdict(case: RefCase, value: Any) -> None:
    source, reader = _loaded(case)
    assert field_check_accepts_status(reader, value) == whole_document_accepts_status(source,
                                                                                      value)


@pytest.mark.parametrize("where", ["root", "other file"])
def test_a_reference_to_nothing_on_a_fields_way_is_an_error_naming_the_schema(
        tmp_path: Path, where: str) -> None:
    case = RefCase("7", "nested" if where == "other file" else "definitions", url_id=False)
    case.write(tmp_path)
    broken = tmp_path / (SCHEMA_FILE if where == "root" else "schema/common/status.json")
    broken.write_text(broken.read_text().replace("#/definitions/", "#/definitions/no"))
    with pytest.raises(ConfigError, match=r"\.json:\d+:\d+: \$ref '#/definitions/no.*' "
                                          "points to nothing: no value at the JSON Pointer"):
        load_schema_source(tmp_path / SCHEMA_FILE, tmp_path)
