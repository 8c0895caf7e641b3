"""What one historical version of a spec said, as far as the timelines need it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, Final

from jsonschema.protocols import Validator

from specrepo.model import person_name, record_from_document
from specrepo.schema_loader import (
    SPEC_SCHEMA,
    build_validator,
    bundled_source,
    inline_local_refs,
)
from specrepo.schema_predicates import Predicate, compile_schema
from specrepo.yaml_loader import LoadLimits, YamlError, load_yaml

MINED_FIELDS: Final = ("id", "title", "status", "authors", "reviewers", "created", "updated",
                       "open_questions")
_KEEP: Final = frozenset(MINED_FIELDS)


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


class VersionReader:
    """Reads historical versions, checking their mined fields against the spec schema.

    Each mined field is checked against its own part of the schema: by a compiled predicate
    where the schema is simple enough (see `schema_predicates`), else by jsonschema, once per
    distinct value. A typo in, say, the design section of an old
    version says nothing about its status: only the mined fields decide whether a version
    can be trusted.
    """

    def __init__(self, limits: LoadLimits) -> None:
        self.limits = limits
        self.predicates = _field_predicates()
        self.verdicts: dict[tuple[str, str], str | None] = {}

    def _problem(self, data: dict[str, Any]) -> str | None:
        if "id" not in data:
            return "no id"
        for name in MINED_FIELDS:
            if name not in data:
                continue
            predicate = self.predicates.get(name)
            if predicate is not None and predicate(data[name]):
                continue  # a simple field that passes: no need to ask jsonschema
            key = (name, repr(data[name]))
            if key not in self.verdicts:  # jsonschema decides, and says why
                error = next(iter(_field_validators()[name].iter_errors(data[name])), None)
                self.verdicts[key] = f"{name}: {error.message}" if error else None
            if self.verdicts[key]:
                return self.verdicts[key]
        return None

    def read(self, raw: bytes, path: str) -> Version:
        """A blob's mined fields; a version that cannot be trusted says why."""
        try:
            document = load_yaml(raw, self.limits, keep=_KEEP)
        except YamlError as error:
            return Version(spec_id=None, problem=error.message)
        data = document.data
        assert isinstance(data, dict)
        record = record_from_document(Path(path), document)
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


@cache
def _field_schemas() -> dict[str, dict[str, Any]]:
    """Each mined field's part of the bundled spec schema, with its references inlined."""
    schema = inline_local_refs(bundled_source(SPEC_SCHEMA).schema)
    return {name: schema["properties"][name] for name in MINED_FIELDS}


@cache
def _field_predicates() -> dict[str, Predicate]:
    """Plain-Python checks for the mined fields whose schemas are simple enough."""
    compiled = {name: compile_schema(sub) for name, sub in _field_schemas().items()}
    return {name: predicate for name, predicate in compiled.items() if predicate is not None}


@cache
def _field_validators() -> dict[str, Validator]:
    """One jsonschema validator per mined field: the reference, and the error messages."""
    source = bundled_source(SPEC_SCHEMA)
    definitions = {"$schema": source.schema["$schema"], "$defs": source.schema["$defs"]}
    return {
        name: build_validator(replace(source, schema={**definitions, **sub}), checked=True)
        for name, sub in _field_schemas().items()
    }
