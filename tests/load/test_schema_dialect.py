"""The dialect told without jsonschema (`load.schema_dialect`) is the one jsonschema picks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.load.schema_dialect import LATEST_ID, LATEST_KEYWORDS, is_latest
from specrepo.load.schema_files import LATEST, validator_class


def test_the_keywords_are_those_jsonschema_acts_on() -> None:
    assert set(LATEST.VALIDATORS) == LATEST_KEYWORDS
    assert LATEST.META_SCHEMA["$id"] == LATEST_ID


@pytest.mark.parametrize("schema", [
    True, False, {}, {"type": "string"},
    {"$schema": LATEST_ID}, {"$schema": f"{LATEST_ID}#"}, {"$schema": f"{LATEST_ID}/"},
    {"$schema": "HTTPS://json-schema.org/draft/2020-12/schema"},
    {"$schema": "https://json-schema.org/draft/2019-09/schema"},
    {"$schema": "http://json-schema.org/draft-07/schema#"},
    {"$schema": "http://json-schema.org/draft-04/schema"},
    {"$schema": "https://example.com/my-dialect"}, {"$schema": ""}, {"$schema": "http://["},
])
def test_is_latest_agrees_with_jsonschema(schema: Any) -> None:
    assert _outcome(is_latest, schema) == _outcome(lambda it: validator_class(it) is LATEST,
                                                   schema)


_METASCHEMA_IDS = [validator.META_SCHEMA.get("$id", validator.META_SCHEMA.get("id", ""))
                   for validator in (jsonschema.Draft202012Validator,
                                     jsonschema.Draft201909Validator,
                                     jsonschema.Draft7Validator, jsonschema.Draft6Validator,
                                     jsonschema.Draft4Validator, jsonschema.Draft3Validator)]


@given(st.one_of(st.sampled_from(_METASCHEMA_IDS), st.text(max_size=60)),
       st.sampled_from(["", "#", "/", "?", "#x"]))
def test_is_latest_agrees_with_jsonschema_on_any_schema_uri(uri: str, suffix: str) -> None:
    test_is_latest_agrees_with_jsonschema({"$schema": uri + suffix})


def _outcome(judge: Callable[[Any], bool], schema: Any) -> bool | type[Exception]:
    """The verdict, or the kind of error raised instead (a URI `urlsplit` refuses)."""
    try:
        return judge(schema)
    except ValueError as error:
        return type(error)
