"""The official JSON Schema Test Suite, vendored in tests/json_schema_test_suite/.

Copied from the jsonschema 4.26.0 sdist on PyPI (`json/tests/`, the suite as jsonschema
runs it; MIT licence in the folder): every draft folder specrepo is tested on, with its
optional tests and, of the format tests, those of the formats specrepo asserts in that
draft.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import referencing.exceptions
import regress

from specrepo.load.format_checker import draft_checker
from specrepo.load.schema_files import is_known_dialect, offline_registry

SUITE = Path(__file__).parent.parent / "json_schema_test_suite"
DIALECTS = {
    "draft2020-12": "https://json-schema.org/draft/2020-12/schema",
    "draft2019-09": "https://json-schema.org/draft/2019-09/schema",
    "draft7": "http://json-schema.org/draft-07/schema#",
    "draft6": "http://json-schema.org/draft-06/schema#",
    "draft4": "http://json-schema.org/draft-04/schema#",
    "draft3": "http://json-schema.org/draft-03/schema#",
}


@dataclass(frozen=True)
class Case:
    """One test of the suite: a schema (with its draft's `$schema`), an instance, a verdict."""

    draft: str
    file: str
    group: str
    description: str
    schema: Any
    data: Any
    valid: bool

    @property
    def id(self) -> str:
        return f"{self.draft}/{self.file}/{self.group}/{self.description}"


@dataclass(frozen=True)
class Group:
    """The tests of one schema."""

    draft: str
    file: str
    description: str
    schema: Any
    cases: tuple[Case, ...]

    @property
    def id(self) -> str:
        return f"{self.draft}/{self.file}/{self.description}"


def with_dialect(schema: Any, draft: str) -> Any:
    """The suite's schemas of drafts 4 to 7 name no `$schema`: name the draft's."""
    if isinstance(schema, dict) and "$schema" not in schema:
        return {"$schema": DIALECTS[draft], **schema}
    return schema


def groups(*, optional: bool) -> Iterator[Group]:
    """The suite's groups: the required ones (and `optional/format/`'s), or the
    other optional ones."""
    for draft in DIALECTS:
        folder = SUITE / draft
        files = sorted(folder.glob("optional/*.json")) if optional else [
            *sorted(folder.glob("*.json")), *sorted(folder.glob("optional/format/*.json"))]
        for path in files:
            name = path.relative_to(folder).with_suffix("").as_posix()
            for entry in json.loads(path.read_text(encoding="utf-8")):
                schema = with_dialect(entry["schema"], draft)
                yield Group(draft, name, entry["description"], schema, tuple(
                    Case(draft, name, entry["description"], test["description"], schema,
                         test["data"], test["valid"]) for test in entry["tests"]))


def jsonschema_verdict(schema: Any, data: Any) -> bool:
    """jsonschema's own verdict, offline, with the formats specrepo asserts in the
    schema's draft."""
    validator_class = jsonschema.validators.validator_for(
        schema, default=jsonschema.Draft202012Validator)
    validator = validator_class(schema, registry=offline_registry({}),
                                format_checker=draft_checker(validator_class))
    return bool(validator.is_valid(data))


def _patterns(schema: Any) -> Iterator[str]:
    """Every `pattern` and `patternProperties` key in `schema` (data under `enum` too)."""
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            if key == "patternProperties" and isinstance(value, dict):
                yield from value
            yield from _patterns(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _patterns(value)


def refusal(group: Group) -> str | None:
    """What specrepo must say when jsonschema, offline, cannot check the group: a
    reference or metaschema it would have to fetch, or a pattern that is not ECMA-262."""
    if isinstance(group.schema, dict) and not is_known_dialect(group.schema):
        return "never fetches one over the network"
    try:
        for pattern in _patterns(group.schema):
            regress.Regex(pattern, "u")
    except regress.RegressError:
        return "is not a regular expression of JSON Schema's dialect"
    try:
        for case in group.cases:
            jsonschema_verdict(group.schema, case.data)
    except referencing.exceptions.Unresolvable:
        return "never fetches schemas over the network"
    except re.error:  # Python's `re` cannot, ECMA-262 can: specrepo checks it
        pass
    return None
