"""What one historical version of a spec said, as far as the timelines need it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jsonschema.protocols import Validator

from specrepo.document import JsonPath
from specrepo.fields import DEFAULT_FIELDS, FieldMap, value_at
from specrepo.model import person_name, record_from_document
from specrepo.schema_inline import inline_local_refs
from specrepo.schema_loader import (
    SPEC_SCHEMA,
    SchemaSource,
    build_validator,
    bundled_source,
)
from specrepo.schema_predicates import Predicate, compile_schema
from specrepo.spec_files import load_spec_document
from specrepo.yaml_loader import LoadLimits, YamlError


@dataclass(frozen=True)
class QuestionState:
    """A question as one version states it."""

    id: str
    text: str
    state: str
    owner: str | None


@dataclass(frozen=True)
class Version:
    """The mined fields of one blob; `spec_id` is None when the blob could not be used."""

    spec_id: str | None
    title: str | None = None
    status: str | None = None
    authors: tuple[str, ...] = ()
    created: str | None = None
    updated: str | None = None
    reviewers: tuple[tuple[str, str | None], ...] = ()
    """(name without email, approval date or None), in the spec's order."""
    questions: tuple[QuestionState, ...] = ()
    problem: str | None = None
    """Why the version was skipped for field changes (unparseable, or off-schema)."""

    def to_json(self) -> dict[str, Any]:
        """Plain data for the cache."""
        return {
            "spec_id": self.spec_id, "title": self.title, "status": self.status,
            "authors": list(self.authors), "created": self.created, "updated": self.updated,
            "reviewers": [list(reviewer) for reviewer in self.reviewers],
            "questions": [[q.id, q.text, q.state, q.owner] for q in self.questions],
            "problem": self.problem,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Version:
        """The inverse of `to_json`."""
        return cls(
            spec_id=data["spec_id"], title=data["title"], status=data["status"],
            authors=tuple(map(str, data["authors"])), created=data["created"],
            updated=data["updated"],
            reviewers=tuple((str(name), approved) for name, approved in data["reviewers"]),
            questions=tuple(QuestionState(*question) for question in data["questions"]),
            problem=data["problem"],
        )


@dataclass(frozen=True)
class FieldCheck:
    """How to check one mined field: its path, and its part of the schema."""

    path: JsonPath
    schema: dict[str, Any]
    predicate: Predicate | None


def field_checks(source: SchemaSource, fields: FieldMap) -> dict[str, FieldCheck]:
    """For each mined field, its part of the schema (fields the schema does not describe
    plainly, under `properties` all the way down, are not checked)."""
    schema = inline_local_refs(source.schema)
    checks = {}
    for name, path in fields.mined().items():
        part = _subschema_at(schema, path)
        if part is not None:
            checks[name] = FieldCheck(path, part, compile_schema(part, part_of=schema))
    return checks


def _subschema_at(schema: Any, path: JsonPath) -> dict[str, Any] | None:
    node = schema
    for key in path:
        properties = node.get("properties") if isinstance(node, dict) else None
        if not isinstance(properties, dict) or not isinstance(properties.get(key), dict):
            return None
        node = properties[key]
    return node if isinstance(node, dict) else None


class VersionReader:
    """Reads historical versions, checking their mined fields against the spec schema.

    Each mined field is checked against its own part of the schema: by a compiled predicate
    where the schema is simple enough (see `schema_predicates`), else by jsonschema, once per
    distinct value. A typo in, say, the design section of an old version says nothing about
    its status: only the mined fields decide whether a version can be trusted.
    """

    def __init__(self, limits: LoadLimits, source: SchemaSource | None = None,
                 fields: FieldMap = DEFAULT_FIELDS) -> None:
        self.limits = limits
        self.source = source or bundled_source(SPEC_SCHEMA)
        self.fields = fields
        self.checks = field_checks(self.source, fields)
        self.keep = frozenset(str(path[0]) for path in fields.mined().values())
        self.validators: dict[str, Validator] = {}
        self.verdicts: dict[tuple[str, str], str | None] = {}

    def _validator(self, name: str) -> Validator:
        if name not in self.validators:
            definitions: dict[str, Any] = {
                key: self.source.schema[key] for key in ("$schema", "$defs")
                if key in self.source.schema}
            self.validators[name] = build_validator(
                replace(self.source, schema={**definitions, **self.checks[name].schema}),
                checked=True)
        return self.validators[name]

    def _problem(self, data: dict[str, Any]) -> str | None:
        if value_at(data, self.fields.id) is None:
            return "no id"
        for name, check in self.checks.items():
            value = value_at(data, check.path)
            if value is None:
                continue
            if check.predicate is not None and check.predicate(value):
                continue  # a field that passes: no need to ask jsonschema
            key = (name, repr(value))
            if key not in self.verdicts:  # jsonschema decides, and says why
                error = next(iter(self._validator(name).iter_errors(value)), None)
                self.verdicts[key] = f"{name}: {error.message}" if error else None
            if self.verdicts[key]:
                return self.verdicts[key]
        return None

    def read(self, raw: bytes, path: str) -> Version:
        """A blob's mined fields; a version that cannot be trusted says why."""
        try:
            document = load_spec_document(raw, self.fields, self.limits, self.keep)
        except YamlError as error:
            return Version(spec_id=None, problem=error.message)
        data = document.data
        assert isinstance(data, dict)
        record = record_from_document(Path(path), document, self.fields)
        problem = self._problem(data)
        if problem or record is None:
            return Version(spec_id=record.id if record else None, problem=problem or "no id")
        return Version(
            spec_id=record.id,
            title=record.title,
            status=record.status,
            authors=record.authors,
            created=record.created,
            updated=record.updated,
            reviewers=tuple((person_name(r.name), r.approved) for r in record.reviewers),
            questions=tuple(QuestionState(q.id, q.text, q.state, q.owner)
                            for q in record.questions),
        )
