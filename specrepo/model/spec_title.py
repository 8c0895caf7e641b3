"""Where a Markdown spec's title comes from: its front matter, else its body's heading."""

from __future__ import annotations

from specrepo.base.caseless import is_blank
from specrepo.load.document import (
    Document,
    JsonPath,
    blocked_at,
    value_at,
    with_value_at,
    without_value_at,
)
from specrepo.load.markdown_body import BodyTitle
from specrepo.load.spec_files import SpecContent
from specrepo.model.fields import FieldMap


def front_matter_title(content: SpecContent, fields: FieldMap) -> bool:
    """Whether a spec's data gives a title at `fields.title`: any value but none (`title:`
    left empty) and blank text (`is_blank`: `title: ""`, blanks, a zero-width space), which
    give none (README: a title that shows no text shows as nothing; the heading's shows
    instead)."""
    if fields.title is None:
        return False
    value = value_at(content.document.data, fields.title)
    return value is not None and not (isinstance(value, str) and is_blank(value))


def title_from_body(content: SpecContent, fields: FieldMap) -> BodyTitle | None:
    """The title a Markdown spec takes from its body (`SpecContent.body_title`): where its
    front matter gives none (`front_matter_title`), or its format maps no title; else
    None."""
    if content.body is None or front_matter_title(content, fields):
        return None
    return content.body_title


def titled_document(content: SpecContent, fields: FieldMap) -> Document:
    """A spec's data as a schema judges it: a Markdown spec whose title is its body's
    heading (`title_from_body`) as it would read with that title written at
    `fields.title` (`with_value_at`: the mappings on the way that the front matter lacks
    made, `meta:` for `meta.name`), standing at the heading (README: the heading is the
    title everywhere a title shows, the schema's `title` included); one whose front
    matter's title is empty and whose body gives none without that key, so a schema that
    requires the title says it is missing (`with_body_title` says why); the document as
    loaded otherwise, and where a value on the way is no mapping (`title_blocked_at`)."""
    if content.body is None or fields.title is None or front_matter_title(content, fields):
        return content.document
    title = content.body_title
    if title is not None:
        return with_value_at(content.document, fields.title, title.text, title.position)
    parent = value_at(content.document.data, fields.title[:-1])
    if isinstance(parent, dict) and fields.title[-1] in parent:
        return without_value_at(content.document, fields.title)
    return content.document


def title_blocked_at(content: SpecContent, fields: FieldMap) -> JsonPath | None:
    """Where a Markdown spec whose title is its body's heading (`title_from_body`) holds a
    value on the way to `fields.title` that is no mapping (`meta: [a]`, `meta: x` or
    `meta:` left empty, for `meta.name`), so the title cannot be written there and the
    schema cannot judge it (validate says so); None otherwise."""
    if fields.title is None or title_from_body(content, fields) is None:
        return None
    return blocked_at(content.document.data, fields.title)
