"""What one historical version of a spec said, as far as the timelines need it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, Final

from jsonschema.protocols import Validator

from specrepo.model import person_name, record_from_document
from specrepo.schema_loader import SPEC_SCHEMA, build_validator, bundled_source
from specrepo.yaml_loader import LoadLimits, YamlError, load_yaml

MINED_FIELDS: Final = ("id", "title", "status", "reviewers", "open_questions")
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
    reviewers: tuple[tuple[str, str | None], ...] = ()
    """(name without email, approval date or None), in the spec's order."""
    questions: tuple[QuestionState, ...] = ()
    problem: str | None = None
    """Why the version was skipped for field changes (unparseable, or off-schema)."""

    def to_json(self) -> dict[str, Any]:
        """Plain data for the cache."""
        return {
            "spec_id": self.spec_id, "title": self.title, "status": self.status,
            "reviewers": [list(reviewer) for reviewer in self.reviewers],
            "questions": [[q.id, q.text, q.state, q.owner] for q in self.questions],
            "problem": self.problem,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Version:
        """The inverse of `to_json`."""
        return cls(
            spec_id=data["spec_id"], title=data["title"], status=data["status"],
            reviewers=tuple((str(name), approved) for name, approved in data["reviewers"]),
            questions=tuple(QuestionState(*question) for question in data["questions"]),
            problem=data["problem"],
        )


class VersionReader:
    """Reads historical versions, checking their mined fields against the spec schema.

    Each mined field is checked against its own part of the schema, and each distinct value
    only once: consecutive versions of a spec mostly repeat their reviewers and questions,
    so most checks are answered from memory. A typo in, say, the design section of an old
    version says nothing about its status: only the mined fields decide whether a version
    can be trusted.
    """

    def __init__(self, limits: LoadLimits) -> None:
        self.limits = limits
        self.validators = _field_validators()
        self.verdicts: dict[tuple[str, str], str | None] = {}

    def _problem(self, data: dict[str, Any]) -> str | None:
        if "id" not in data:
            return "no id"
        for name in MINED_FIELDS:
            if name not in data:
                continue
            key = (name, repr(data[name]))
            if key not in self.verdicts:
                error = next(iter(self.validators[name].iter_errors(data[name])), None)
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
            reviewers=tuple((person_name(r.name), r.approved) for r in record.reviewers),
            questions=tuple(QuestionState(q.id, q.text, q.state, q.owner)
                            for q in record.questions),
        )


@cache
def _field_validators() -> dict[str, Validator]:
    """One validator per mined field, each for that field's part of the spec schema."""
    source = bundled_source(SPEC_SCHEMA)
    schema = source.schema
    return {
        name: build_validator(replace(source, schema={
            "$schema": schema["$schema"], "$defs": schema["$defs"],
            **schema["properties"][name],
        }))
        for name in MINED_FIELDS
    }
