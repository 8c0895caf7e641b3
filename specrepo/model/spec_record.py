"""The typed record of a spec that rules, history and reports work on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal, overload

from specrepo.load.document import Document, JsonPath, JsonValue, value_at
from specrepo.model.fields import DEFAULT_FIELDS, FieldMap

OPEN: Final = "open"
RESOLVED: Final = "resolved"
_EMAIL: Final = re.compile(r"\s*<[^<>]*>\s*$")


@dataclass(frozen=True)
class Reviewer:
    """A reviewer and the date they approved, if they did."""

    name: str
    approved: str | None
    path: JsonPath


@dataclass(frozen=True)
class Question:
    """An open question with its stable id."""

    id: str
    text: str
    state: str
    owner: str | None
    resolution: str | None
    path: JsonPath

    @property
    def is_open(self) -> bool:
        """Whether the question still waits for an answer."""
        return self.state == OPEN


@dataclass(frozen=True)
class Reference:
    """A reference to another spec by id, and where it is written."""

    spec_id: str
    path: JsonPath


@dataclass(frozen=True)
class ItemId:
    """An id of an item inside a spec (a requirement or question) and where it is written."""

    id: str
    path: JsonPath


@dataclass(frozen=True)
class SpecRecord:
    """What specrepo needs to know of one spec, taken from a schema-valid document."""

    file: Path
    id: str
    title: str
    status: str
    authors: tuple[str, ...]
    reviewers: tuple[Reviewer, ...]
    created: str | None
    updated: str | None
    target_release: str | None
    superseded_by: str | None
    questions: tuple[Question, ...]
    references: tuple[Reference, ...]
    item_ids: tuple[ItemId, ...]
    fields: FieldMap = field(default=DEFAULT_FIELDS, compare=False)
    """Where the record's fields stand in its document (for positions)."""

    @property
    def open_questions(self) -> tuple[Question, ...]:
        """The questions not resolved yet."""
        return tuple(question for question in self.questions if question.is_open)


def person_name(person: str) -> str:
    """A person's name without the `<email>` part."""
    return _EMAIL.sub("", person)


def _text(value: JsonValue) -> str | None:
    return value if isinstance(value, str) else None


def _items(value: JsonValue) -> list[JsonValue]:
    return value if isinstance(value, list) else []


def _objects(value: JsonValue) -> list[dict[str, JsonValue]]:
    return [item for item in _items(value) if isinstance(item, dict)]


def spec_id(data: JsonValue, fields: FieldMap = DEFAULT_FIELDS) -> str | None:
    """A spec's id, read where the field map says: text, or a whole number written as
    digits; None when there is none, or it is empty. (With `read_as_text`, `0034` is
    "0034", not "34".)"""
    found = value_at(data, fields.id)
    if isinstance(found, bool) or not isinstance(found, (str, int)) or found == "":
        return None
    return str(found)


@overload
def record_from_document(file: Path, document: Document, fields: FieldMap = ...,
                         *, id_required: Literal[True] = ...) -> SpecRecord | None: ...
@overload
def record_from_document(file: Path, document: Document, fields: FieldMap = ...,
                         *, id_required: Literal[False]) -> SpecRecord: ...
def record_from_document(file: Path, document: Document, fields: FieldMap = DEFAULT_FIELDS,
                         *, id_required: bool = True) -> SpecRecord | None:
    """Build the record of a document, reading the fields where `fields` says; None if it
    has no id (unless not `id_required`: then the id is empty text).

    The document need not be schema-valid: values of the wrong type are left out, so the
    rules can still report on a spec that also has schema errors.
    """
    data = document.data
    found_id = spec_id(data, fields)
    if found_id is None:
        if id_required:
            return None
        found_id = ""
    questions = tuple(
        Question(
            id=str(item["id"]),
            text=_text(item.get("question")) or "",
            state=_text(item.get("state")) or OPEN,
            owner=_text(item.get("owner")),
            resolution=_text(item.get("resolution")),
            path=(*fields.questions, index) if fields.questions else (),
        )
        for index, item in enumerate(_items(value_at(data, fields.questions)))
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    )
    return SpecRecord(
        file=file,
        id=found_id,
        title=_text(value_at(data, fields.title)) or "",
        status=_text(value_at(data, fields.status)) or "",
        authors=tuple(author for author in _items(value_at(data, fields.authors))
                      if isinstance(author, str)),
        reviewers=_reviewers(data, fields),
        created=_text(value_at(data, fields.created)),
        updated=_text(value_at(data, fields.updated)),
        target_release=_text(value_at(data, ("target_release",))),  # the template's own
        superseded_by=_text(value_at(data, fields.superseded_by)),
        questions=questions,
        references=_references(data, fields),
        item_ids=_item_ids(data, fields, questions),
        fields=fields,
    )


def _reviewers(data: JsonValue, fields: FieldMap) -> tuple[Reviewer, ...]:
    """Reviewers, then approvers not already named (both are people a spec waits on)."""
    found: dict[str, Reviewer] = {}
    for where in (fields.reviewers, fields.approvers):
        if where is None:
            continue
        for index, entry in enumerate(_items(value_at(data, where))):
            if isinstance(entry, dict) and isinstance(entry.get("name"), str):
                reviewer = Reviewer(str(entry["name"]), _text(entry.get("approved")),
                                    (*where, index))
            elif isinstance(entry, str):
                reviewer = Reviewer(entry, None, (*where, index))
            else:
                continue
            found.setdefault(reviewer.name, reviewer)
    return tuple(found.values())


def _references(data: JsonValue, fields: FieldMap) -> tuple[Reference, ...]:
    found = []
    superseded_by = value_at(data, fields.superseded_by)
    if isinstance(superseded_by, str) and fields.superseded_by is not None:
        found.append(Reference(superseded_by, fields.superseded_by))
    for where in fields.related:
        for index, link in enumerate(_items(value_at(data, where))):
            if isinstance(link, str):
                found.append(Reference(link, (*where, index)))
            elif isinstance(link, dict) and isinstance(link.get("spec"), str):
                found.append(Reference(str(link["spec"]), (*where, index, "spec")))
    return tuple(found)


def _item_ids(data: JsonValue, fields: FieldMap,
              questions: tuple[Question, ...]) -> tuple[ItemId, ...]:
    found = [
        ItemId(str(item["id"]), (*where, index, "id"))
        for where in fields.item_lists
        for index, item in enumerate(_objects(value_at(data, where)))
        if isinstance(item.get("id"), str)
    ]
    found.extend(ItemId(question.id, (*question.path, "id")) for question in questions)
    return tuple(found)
