"""Where a spec format keeps the fields specrepo works with: its id, status, reviewers…"""

from __future__ import annotations

from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import UsageError
from specrepo.load.document import JsonPath


class MissingFieldError(UsageError):
    """A feature was asked for that needs a field the format does not have."""


class FieldPathError(ValueError):
    """A field path that is neither a dotted path nor a JSON pointer."""


def parse_field_path(text: str) -> JsonPath:
    """`a.b` (dotted) or `/a/b` (JSON pointer, with `~1` for `/` and `~0` for `~`)."""
    if text.startswith("/"):
        parts = [part.replace("~1", "/").replace("~0", "~") for part in text[1:].split("/")]
    else:
        parts = text.split(".")
    if not text or any(part == "" for part in parts):
        raise FieldPathError(f"'{text}' is not a field path (write a.b or /a/b)")
    return tuple(parts)


@dataclass(frozen=True)
class FieldMap:
    """Paths to the fields specrepo reads; None where a format has no such field.

    `reviewers` and `approvers` hold lists of names, or (reviewers) of mappings with `name`
    and an optional `approved` date; `questions` a list of mappings with `id`, `question`,
    `state`, `owner` and `resolution`; each of `related` a list of spec ids, or of mappings
    with `spec`; `item_lists` lists of mappings whose `id`s must be unique in a spec.
    The numbers and booleans at or below each path of `read_as_text` are read as the text
    written in the file (see `read_as_text`).
    """

    id: JsonPath = ("id",)
    title: JsonPath | None = ("title",)
    status: JsonPath | None = ("status",)
    authors: JsonPath | None = ("authors",)
    reviewers: JsonPath | None = ("reviewers",)
    approvers: JsonPath | None = None
    created: JsonPath | None = ("created",)
    updated: JsonPath | None = ("updated",)
    questions: JsonPath | None = ("open_questions",)
    superseded_by: JsonPath | None = ("superseded_by",)
    related: tuple[JsonPath, ...] = (("background", "related_work"), ("appendix", "references"))
    item_lists: tuple[JsonPath, ...] = (("requirements", "functional"),
                                        ("requirements", "non_functional"))
    read_as_text: tuple[JsonPath, ...] = ()

    def mined(self) -> dict[str, JsonPath]:
        """The fields history reads from every old version, by name."""
        named = {"id": self.id, "title": self.title, "status": self.status,
                 "authors": self.authors, "reviewers": self.reviewers,
                 "approvers": self.approvers, "created": self.created,
                 "updated": self.updated, "questions": self.questions}
        return {name: path for name, path in named.items() if path is not None}


DEFAULT_FIELDS: Final = FieldMap()
SINGLE_FIELDS: Final = ("id", "title", "status", "authors", "reviewers", "approvers",
                        "created", "updated", "questions", "superseded_by")
LIST_FIELDS: Final = ("related", "item_lists", "read_as_text")


def require_field(fields: FieldMap, name: str, feature: str) -> None:
    """Refuse, with a message saying why, a feature that needs a field the map has not."""
    if getattr(fields, name) is None:
        raise MissingFieldError(
            f"{feature} needs the spec's {name}, but `fields: {name}:` is null in "
            "specrepo.yaml; map it to the field that holds it")
