"""The typed record of a spec that rules, history and reports work on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from specrepo.document import Document, JsonPath, JsonValue

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


def _section(data: dict[str, JsonValue], key: str) -> dict[str, JsonValue]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def record_from_document(file: Path, document: Document) -> SpecRecord | None:
    """Build the record of a document; None if it has no id.

    The document need not be schema-valid: values of the wrong type are left out, so the
    rules can still report on a spec that also has schema errors.
    """
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    reviewers = []
    for index, entry in enumerate(_items(data.get("reviewers"))):
        path: JsonPath = ("reviewers", index)
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            reviewers.append(Reviewer(str(entry["name"]), _text(entry.get("approved")), path))
        elif isinstance(entry, str):
            reviewers.append(Reviewer(entry, None, path))
    questions = tuple(
        Question(
            id=str(item["id"]),
            text=_text(item.get("question")) or "",
            state=_text(item.get("state")) or OPEN,
            owner=_text(item.get("owner")),
            resolution=_text(item.get("resolution")),
            path=("open_questions", index),
        )
        for index, item in enumerate(_items(data.get("open_questions")))
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    )
    return SpecRecord(
        file=file,
        id=str(data["id"]),
        title=_text(data.get("title")) or "",
        status=_text(data.get("status")) or "",
        authors=tuple(author for author in _items(data.get("authors")) if isinstance(author, str)),
        reviewers=tuple(reviewers),
        created=_text(data.get("created")),
        updated=_text(data.get("updated")),
        target_release=_text(data.get("target_release")),
        superseded_by=_text(data.get("superseded_by")),
        questions=questions,
        references=_references(data),
        item_ids=_item_ids(data, questions),
    )


def _references(data: dict[str, JsonValue]) -> tuple[Reference, ...]:
    found = []
    if isinstance(data.get("superseded_by"), str):
        found.append(Reference(str(data["superseded_by"]), ("superseded_by",)))
    for section, key in (("background", "related_work"), ("appendix", "references")):
        for index, link in enumerate(_objects(_section(data, section).get(key))):
            if isinstance(link.get("spec"), str):
                found.append(Reference(str(link["spec"]), (section, key, index, "spec")))
    return tuple(found)


def _item_ids(data: dict[str, JsonValue], questions: tuple[Question, ...]) -> tuple[ItemId, ...]:
    requirements = _section(data, "requirements")
    found = [
        ItemId(str(item["id"]), ("requirements", kind, index, "id"))
        for kind in ("functional", "non_functional")
        for index, item in enumerate(_objects(requirements.get(kind)))
        if isinstance(item.get("id"), str)
    ]
    found.extend(ItemId(question.id, (*question.path, "id")) for question in questions)
    return tuple(found)
