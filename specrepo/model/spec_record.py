"""The typed record of a spec that rules, history and reports work on."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Final, Literal, overload

from specrepo.base.caseless import caseless_key, is_blank
from specrepo.base.deferred_dataclass import dataclass
from specrepo.load.document import (
    Document,
    JsonPath,
    JsonValue,
    Position,
    value_at,
)
from specrepo.load.spec_files import SpecContent
from specrepo.model.fields import DEFAULT_FIELDS, FieldMap
from specrepo.model.references import KnownItems
from specrepo.model.spec_title import front_matter_title

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
        """Whether the question still waits for an answer (`is_open_state`)."""
        return is_open_state(self.state)


def question_state(value: JsonValue) -> str:
    """A question's `state` as specrepo reads it: `open` or `resolved` in any letter case
    (`Open`, `RESOLVED`) as those words; no state (or one that is not text), `open`; other
    text as written, which counts as open (`is_open_state`; validate's `spec-field` rule
    reports it), so a state specrepo cannot read never passes as an answered question."""
    if not isinstance(value, str):
        return OPEN
    folded = value.strip().casefold()
    return folded if folded in (OPEN, RESOLVED) else value


def is_open_state(state: str) -> bool:
    """Whether a question in `state` (as `question_state` reads it) waits for an answer:
    every state but `resolved`."""
    return state != RESOLVED


ReferenceKind = Literal["superseded_by", "related", "depends_on", "refines"]
"""Where a reference is written: `superseded_by`, a related-work or references entry, or
an item's `depends_on` or `refines` list."""
ITEM_LINK_FIELDS: Final[tuple[ReferenceKind, ...]] = ("depends_on", "refines")
"""The lists of references an item of an item list may hold."""


@dataclass(frozen=True)
class Reference:
    """A reference to another spec by id, or to an item of one (`SPEC-0042/FR-3`: spec id,
    `/`, item id), and where it is written."""

    spec_id: str
    path: JsonPath
    item_id: str | None = None
    """The item named; None for a reference to a whole spec (or, in an item's own lists,
    text that is no item reference: it has no `/`)."""
    kind: ReferenceKind = "related"
    source_item: str | None = None
    """The id of the item whose `depends_on` or `refines` holds it."""

    @property
    def written(self) -> str:
        """The reference as written."""
        return self.spec_id if self.item_id is None else f"{self.spec_id}/{self.item_id}"


@dataclass(frozen=True)
class ItemId:
    """An id of an item inside a spec (a requirement or question) and where it is written."""

    id: str
    path: JsonPath
    priority: str | None = None
    """The item's priority, when it is one of an item list's and has a text one."""


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
    title_position: Position | None = field(default=None, compare=False)
    """Where the title stands when a Markdown spec's body gives it (its `# heading`, see
    `record_from_content`); None when the title is a field of the data, or there is none."""
    approvers: tuple[Reviewer, ...] = ()
    """The people the format's `approvers` field lists, as it lists them. The rules and the
    report count them as reviewers (`reviewers` holds them too, each person once); a page
    shows them in a row of their own (`roles`)."""

    @property
    def roles(self) -> tuple[tuple[str, tuple[Reviewer, ...]], ...]:
        """The people of the spec by the role its file gives them, as a page shows them:
        ("Reviewers", those its `reviewers` field lists) where the format has reviewers,
        ("Approvers", those its `approvers` field lists) where it has approvers."""
        rows = []
        where = self.fields.reviewers
        if where is not None:
            rows.append(("Reviewers", tuple(reviewer for reviewer in self.reviewers
                                            if reviewer.path[:len(where)] == where)))
        if self.fields.approvers is not None:
            rows.append(("Approvers", self.approvers))
        return tuple(rows)

    @property
    def open_questions(self) -> tuple[Question, ...]:
        """The questions not resolved yet."""
        return tuple(question for question in self.questions if question.is_open)

    @cached_property
    def list_items(self) -> tuple[ItemId, ...]:
        """The items of the lists the field map names in `item_lists` (not the questions):
        what `SPEC-0042/FR-3` may name (worked out once: every part of a trace asks)."""
        return tuple(item for item in self.item_ids if item.path[:-2] in self.fields.item_lists)


def known_items(records: Iterable[SpecRecord]) -> KnownItems:
    """Every spec id of `records` with the ids of its list items: what an item reference
    may name (specs sharing an id pool their items)."""
    return KnownItems.pooled((record.id, (item.id for item in record.list_items))
                             for record in records)


@cache
def person_name(person: str) -> str:
    """A person's name without the `<email>` part (kept per name: each version of a
    history names the same few people)."""
    return _EMAIL.sub("", person)


@cache
def names_somebody(person: str) -> bool:
    """Whether a person's text names anyone: its name (without `<email>`) is not blank
    (`is_blank`: a letter, digit, punctuation or symbol that shows). White space, a pasted
    no-break space, zero-width and bidirectional format characters, a Hangul filler and
    lone combining marks name nobody, so they never count as an author or reviewer."""
    return not is_blank(person_name(person))


@cache
def person_key(person: str) -> str:
    """What every spelling of one person's name shares: the name without `<email>`,
    compared as headings are (`base.caseless.caseless_key`: Unicode's compatibility
    caseless match, default-ignorable code points dropped, runs of white space as one
    space), so `José` typed in NFC or NFD (as macOS gives it), `JOSÉ`, `Jo<U+200B>sé` with a
    zero-width space and a trailer's `Grace   Hopper` are one person. Kept per name: a
    report asks for the same few names thousands of times."""
    return caseless_key(person_name(person))


def shown_spellings(people: Iterable[str]) -> dict[str, str]:
    """`person_key` -> the spelling a list of people shows for that person, of those
    written in `people` (one per mention): the most written; of equally written ones, one
    in Unicode's NFC (composed accents, as most editors write them) before one that is not,
    then the first in code-point order. The same whatever order the mentions come in."""
    counts = Counter(people)
    shown: dict[str, str] = {}
    for spelling in sorted(counts, key=lambda spelling: (
            -counts[spelling], not unicodedata.is_normalized("NFC", spelling), spelling)):
        shown.setdefault(person_key(spelling), spelling)
    return shown


def _text(value: JsonValue) -> str | None:
    return value if isinstance(value, str) else None


def _named(value: JsonValue) -> str | None:
    """Text that names a spec or an item; None for any other value, and for empty text or
    blanks (`superseded-by: ""`: KubeVirt's VEPs write "none" so), which name nothing."""
    return value if isinstance(value, str) and value.strip() else None


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
            state=question_state(item.get("state")),
            owner=_text(item.get("owner")),
            resolution=_text(item.get("resolution")),
            path=(*fields.questions, index) if fields.questions else (),
        )
        for index, item in enumerate(_items(value_at(data, fields.questions)))
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    )
    approvers = tuple(_people_at(data, fields.approvers))
    return SpecRecord(
        file=file,
        id=found_id,
        title=_text(value_at(data, fields.title)) or "",
        status=_text(value_at(data, fields.status)) or "",
        authors=tuple(author for author in _items(value_at(data, fields.authors))
                      if isinstance(author, str) and names_somebody(author)),
        reviewers=_reviewers(data, fields.reviewers, approvers),
        created=_text(value_at(data, fields.created)),
        updated=_text(value_at(data, fields.updated)),
        target_release=_text(value_at(data, ("target_release",))),  # the template's own
        superseded_by=_named(value_at(data, fields.superseded_by)),
        questions=questions,
        references=_references(data, fields),
        item_ids=_item_ids(data, fields, questions),
        fields=fields,
        approvers=approvers,
    )


@overload
def record_from_content(file: Path, content: SpecContent, fields: FieldMap = ...,
                        *, id_required: Literal[True] = ...) -> SpecRecord | None: ...
@overload
def record_from_content(file: Path, content: SpecContent, fields: FieldMap = ...,
                        *, id_required: Literal[False]) -> SpecRecord: ...
def record_from_content(file: Path, content: SpecContent, fields: FieldMap = DEFAULT_FIELDS,
                        *, id_required: bool = True) -> SpecRecord | None:
    """The record of a spec file's content (see `record_from_document`). A Markdown spec
    whose front matter gives no title (`front_matter_title`: none, or one left empty) takes
    its title from its body: the text of the level-1 heading that opens its outline
    (`body_title`), as written (`# KEP-1234: Title` is "KEP-1234: Title"), with its
    position; with neither its title is empty. A title in the front matter wins."""
    record = record_from_document(file, content.document, fields) if id_required \
        else record_from_document(file, content.document, fields, id_required=False)
    if record is None or content.body is None or front_matter_title(content, fields):
        return record
    title = content.body_title
    if title is None:  # an empty front-matter title is none (validate says so)
        return replace(record, title="")
    return replace(record, title=title.text, title_position=title.position)


def _reviewers(data: JsonValue, where: JsonPath | None,
               approvers: tuple[Reviewer, ...]) -> tuple[Reviewer, ...]:
    """The reviewers at `where`, then `approvers` not already named (both are people a
    spec waits on)."""
    found: dict[str, Reviewer] = {}
    for reviewer in (*_people_at(data, where), *approvers):
        found.setdefault(reviewer.name, reviewer)
    return tuple(found.values())


def _people_at(data: JsonValue, where: JsonPath | None) -> Iterable[Reviewer]:
    """The people a list of names (text, or mappings with a text `name` and an optional
    `approved` date) at `where` holds, in its order; a name that `names_somebody` says
    names nobody is left out."""
    if where is None:
        return
    for index, entry in enumerate(_items(value_at(data, where))):
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            name, approved = str(entry["name"]), _text(entry.get("approved"))
        elif isinstance(entry, str):
            name, approved = entry, None
        else:
            continue
        if names_somebody(name):
            yield Reviewer(name, approved, (*where, index))


def _reference(text: str, path: JsonPath, kind: ReferenceKind,
               source_item: str | None = None) -> Reference:
    """`SPEC-0042/FR-3` names an item (split at the last `/`), `SPEC-0042` a spec."""
    spec, separator, item = text.strip().rpartition("/")
    if not separator or not spec or not item:
        return Reference(text, path, None, kind, source_item)
    return Reference(spec, path, item, kind, source_item)


def _references(data: JsonValue, fields: FieldMap) -> tuple[Reference, ...]:
    found = []
    superseded_by = _named(value_at(data, fields.superseded_by))
    if superseded_by is not None and fields.superseded_by is not None:
        found.append(Reference(superseded_by, fields.superseded_by, kind="superseded_by"))
    for where in fields.related:
        for index, link in enumerate(_items(value_at(data, where))):
            if (named := _named(link)) is not None:
                found.append(_reference(named, (*where, index), "related"))
            elif isinstance(link, dict) and (named := _named(link.get("spec"))) is not None:
                found.append(_reference(named, (*where, index, "spec"), "related"))
    for where, index, item in _list_items(data, fields):
        for kind in ITEM_LINK_FIELDS:
            found.extend(
                _reference(target, (*where, index, kind, number), kind, str(item["id"]))
                for number, target in enumerate(_items(item.get(kind)))
                if isinstance(target, str) and target.strip())
    return tuple(found)


def _list_items(data: JsonValue,
                fields: FieldMap) -> list[tuple[JsonPath, int, dict[str, JsonValue]]]:
    """(list, index, item) of every item with a text id in the item lists."""
    return [(where, index, item)
            for where in fields.item_lists
            for index, item in enumerate(_objects(value_at(data, where)))
            if isinstance(item.get("id"), str)]


def _item_ids(data: JsonValue, fields: FieldMap,
              questions: tuple[Question, ...]) -> tuple[ItemId, ...]:
    found = [ItemId(str(item["id"]), (*where, index, "id"), _text(item.get("priority")))
             for where, index, item in _list_items(data, fields)]
    found.extend(ItemId(question.id, (*question.path, "id")) for question in questions)
    return tuple(found)
