"""What one historical version of a spec said, field by field, as far as history needs it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any, Final, Literal

from specrepo.base.deferred_dataclass import dataclass
from specrepo.load.document import JsonValue
from specrepo.load.markdown_body import Section

MinedField = Literal["id", "title", "status", "authors", "created", "updated", "reviewers",
                     "questions"]
MINED_FIELDS: Final[tuple[MinedField, ...]] = (
    "id", "title", "status", "authors", "created", "updated", "reviewers", "questions")
MINED_FIELD_OF: Final[dict[str, MinedField]] = {
    "id": "id", "title": "title", "status": "status", "authors": "authors",
    "created": "created", "updated": "updated", "reviewers": "reviewers",
    "approvers": "reviewers", "questions": "questions",
}
"""The field map's mined fields -> the version field each feeds."""
VERSION_ATTRIBUTE: Final[dict[MinedField, str]] = {
    "id": "spec_id", "title": "title", "status": "status", "authors": "authors",
    "created": "created", "updated": "updated", "reviewers": "reviewers",
    "questions": "questions",
}
"""Each mined field -> the attribute of `Version` that holds it."""


@dataclass(frozen=True)
class QuestionState:
    """A question as one version states it."""

    id: str
    text: str
    state: str
    owner: str | None


@dataclass(frozen=True)
class FieldProblem:
    """Why a mined field of one version cannot be read (`why`, in the words validate uses
    for the same value), and where its bad value stands in the version's file: `line` and
    `column`, 1-based, or both None for a reason on no one value (a file that does not
    load, a Git LFS pointer whose content is not here)."""

    why: str
    line: int | None = None
    column: int | None = None

    @property
    def said(self) -> str:
        """The reason as one text, led by its place when it has one (`6:3: ...`)."""
        return self.why if self.line is None else f"{self.line}:{self.column}: {self.why}"


@dataclass(frozen=True)
class Version:
    """The mined fields of one blob, and which of them cannot be trusted."""

    spec_id: str | None = None
    title: str | None = None
    status: str | None = None
    authors: tuple[str, ...] = ()
    created: str | None = None
    updated: str | None = None
    reviewers: tuple[tuple[str, str | None], ...] = ()
    """(name without email, approval date or None), in the spec's order."""
    questions: tuple[QuestionState, ...] = ()
    unreadable: tuple[tuple[MinedField, FieldProblem], ...] = ()
    """(field, why and where) for every field whose value in this version cannot be trusted; its
    value here is empty, or (after `filled_from`) the last readable one."""

    @property
    def problem(self) -> str | None:
        """Why the version is not wholly readable, if it is not."""
        return "; ".join(dict.fromkeys(why.said for _, why in self.unreadable)) or None

    def lacks(self, name: MinedField) -> bool:
        """Whether the field cannot be read because the version has no value there (a
        status absent or null: validate's `spec-field` says so, `ABSENT`), not one of a
        shape specrepo cannot read."""
        return any(field == name and why.why.startswith(ABSENT)
                   for field, why in self.unreadable)

    def readable(self, name: MinedField) -> bool:
        """Whether this version's own value of the field can be trusted."""
        return not self.unreadable or all(field != name for field, _ in self.unreadable)

    def value(self, name: MinedField) -> Any:
        """The value of a mined field."""
        return getattr(self, VERSION_ATTRIBUTE[name])

    def filled_from(self, earlier: Version | None) -> Version:
        """This version with each unreadable field given `earlier`'s value: what the spec
        said as far as anyone can tell (the last readable value of each field)."""
        if earlier is None or not self.unreadable:
            return self
        return replace(self, **{VERSION_ATTRIBUTE[name]: earlier.value(name)
                                for name, _ in self.unreadable})

    def completed_by(self, other: Version, unmapped: Iterable[MinedField] = ()) -> Version:
        """This version with each field it cannot read (and those `unmapped`, which it
        does not read at all) taken from `other` (the same blob read otherwise) where
        `other` can read it."""
        taken = [name for name in dict.fromkeys(
            [*(name for name, _ in self.unreadable), *unmapped]) if other.readable(name)]
        if not taken:
            return self
        return replace(self, **{VERSION_ATTRIBUTE[name]: other.value(name) for name in taken},
                       unreadable=tuple(entry for entry in self.unreadable
                                        if entry[0] not in taken))


@dataclass(frozen=True)
class VersionContent:
    """What comparing one blob's content with another's needs (`compare.content_events`):
    the whole document as JSON-shaped data (the field map's `read_as_text` applied), and
    for a Markdown spec (`front_matter: true`) its body's sections (None for a YAML spec).

    History holds it only while it walks (the cache keeps the events it gave, not the
    content), and reads it again from git when a later run needs it.
    """

    data: JsonValue
    body: tuple[Section, ...] | None = None


ABSENT: Final = "the spec has no "
"""How validate's `spec-field` message on a field the spec lacks begins (`lacks`)."""


def unreadable_version(why: str) -> Version:
    """A version none of whose fields can be read."""
    problem = FieldProblem(why)
    return Version(unreadable=tuple((name, problem) for name in MINED_FIELDS))
