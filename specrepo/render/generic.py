"""The layout of a spec of any format's page: headings from keys, tables for lists of
uniform mappings, lists for lists, the mapped fields in a metadata table on top; written as
Markdown by render, as HTML by the site (`writer.py`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.links import NO_REBASE, LinkBase
from specrepo.load.document import JsonPath, JsonValue
from specrepo.model.spec_record import ITEM_LINK_FIELDS, SpecRecord, person_name
from specrepo.render.page import named, role_rows
from specrepo.render.writer import MARKDOWN, PageWriter

_DEEPEST_HEADING: Final = 6


def render_generic(data: JsonValue, record: SpecRecord, source: str,
                   links: LinkBase = NO_REBASE, writer: PageWriter = MARKDOWN) -> str:
    """The page of a spec in a format of its own, whose file is `source`; relative links in
    its text are rebased with `links`."""
    blocks = [_metadata(record, writer)]
    if isinstance(data, dict):
        fields = record.fields
        in_table = {fields.id, fields.title, fields.status, fields.authors, fields.reviewers,
                    fields.approvers, fields.created, fields.updated}
        drawing = _Drawing(links, frozenset(fields.item_lists), writer)
        for key, value in data.items():
            if (key,) not in in_table:
                blocks.extend(_section(2, (key,), value, drawing))
    return writer.page(source, writer.plain(record.title or record.id),
                       [block for block in blocks if block])


@dataclass(frozen=True)
class _Drawing:
    """How values are drawn: relative links rebased with `links`; the lists at
    `item_lists` as tables whose rows have anchors and whose `depends_on` and `refines`
    cells link to the items they name; written by `w`."""

    links: LinkBase
    item_lists: frozenset[JsonPath]
    w: PageWriter


def _metadata(record: SpecRecord, w: PageWriter) -> str:
    cell = w.plain_cell
    rows = [
        ("Id", cell(record.id)),
        ("Status", cell(record.status)),
        ("Authors", cell(", ".join(record.authors))),
        *role_rows(record, w, person_name),
        ("Created", cell(record.created or "")),
        ("Last Updated", cell(record.updated or "")),
    ]
    return w.table(["Field", "Value"], [[w.strong(name), value]
                                        for name, value in rows if value])


def _title(key: str, w: PageWriter) -> str:
    """`creation-date` -> `Creation date`."""
    words = key.replace("_", " ").replace("-", " ").strip()
    return named(words[:1].upper() + words[1:] if words else key, w)


def _section(level: int, path: JsonPath, value: JsonValue, drawing: _Drawing) -> list[str]:
    key = str(path[-1])
    w = drawing.w
    if level > _DEEPEST_HEADING:
        return [w.bullet_list([[f"{w.strong(_title(key, w))}: {_inline(value, w)}"]])]
    blocks = _blocks(level, path, value, drawing)
    return [w.heading(level, _title(key, w)), *blocks] if blocks else []


def _blocks(level: int, path: JsonPath, value: JsonValue, drawing: _Drawing) -> list[str]:
    if value is None:
        return []
    if isinstance(value, dict):
        return [block for key, item in value.items()
                for block in _section(level + 1, (*path, key), item, drawing)]
    w = drawing.w
    if isinstance(value, list):
        return _list(value, path in drawing.item_lists, drawing)
    if isinstance(value, str):
        return [w.paragraph(value, drawing.links)] if value.strip() else []
    return [w.line(w.plain(_scalar(value)))]


def _list(items: list[JsonValue], item_list: bool, drawing: _Drawing) -> list[str]:
    if not items:
        return []
    w = drawing.w
    if all(isinstance(item, dict) for item in items):
        columns = _columns(item for item in items if isinstance(item, dict))
        rows = [[_item_cell(item, column, item_list, drawing) if isinstance(item, dict)
                 else "" for column in columns] for item in items]
        return [w.table([_title(column, w) for column in columns], rows)]
    return [w.bullet_list(w.text_lines(item, drawing.links) if isinstance(item, str)
                          and item.strip() else [_inline(item, w)] for item in items)]


def _item_cell(item: dict[str, JsonValue], column: str, item_list: bool,
               drawing: _Drawing) -> str:
    """A cell of a table; in an item list's, the id with its anchor and the references of
    `depends_on` and `refines` as links."""
    value = item.get(column)
    w = drawing.w
    if item_list and column == "id" and isinstance(value, str):
        return w.anchor(value) + w.plain_cell(value)
    if item_list and column in ITEM_LINK_FIELDS and isinstance(value, list) \
            and all(isinstance(target, str) for target in value):
        return ", ".join(w.reference_link(str(target), w.plain_cell(str(target)))
                         for target in value)
    return _cell(value, drawing.links, w)


def _columns(items: Iterable[dict[str, JsonValue]]) -> list[str]:
    """Every key, in the order first seen."""
    seen: dict[str, None] = {}
    for item in items:
        seen.update(dict.fromkeys(item))
    return list(seen)


def _scalar(value: JsonValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _inline(value: JsonValue, w: PageWriter) -> str:
    """A value on one line: text as text, a list of scalars joined, anything else as JSON."""
    if isinstance(value, list) and not any(isinstance(item, (dict, list)) for item in value):
        return ", ".join(_inline(item, w) for item in value)
    if isinstance(value, (dict, list)):
        return w.plain(json.dumps(value, ensure_ascii=False, sort_keys=False))
    if value is None:
        return ""
    return w.plain(_scalar(value))


def _cell(value: JsonValue, links: LinkBase, w: PageWriter) -> str:
    if isinstance(value, str):
        return w.markdown_cell(value, links)
    return _inline(value, w)
