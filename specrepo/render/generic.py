"""Draw a spec of any format as readable Markdown: headings from keys, tables for lists of
uniform mappings, lists for lists, the mapped fields in a metadata table on top."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from specrepo.base.links import NO_REBASE, LinkBase
from specrepo.load.document import JsonPath, JsonValue
from specrepo.model.spec_record import ITEM_LINK_FIELDS, SpecRecord, person_name
from specrepo.render.anchors import anchor_tag, reference_link
from specrepo.render.blocks import bullet_list, heading, paragraph, table
from specrepo.render.markdown import markdown_cell, markdown_lines, plain, plain_cell
from specrepo.render.page_files import marker_comment

_DEEPEST_HEADING: Final = 6


def render_generic(data: JsonValue, record: SpecRecord, source: str,
                   links: LinkBase = NO_REBASE) -> str:
    """The page of a spec in a format of its own, whose file is `source`; relative links in
    its text are rebased with `links`."""
    blocks = [marker_comment(source), heading(1, plain(record.title or record.id)),
              _metadata(record)]
    if isinstance(data, dict):
        fields = record.fields
        in_table = {fields.id, fields.title, fields.status, fields.authors, fields.reviewers,
                    fields.approvers, fields.created, fields.updated}
        drawing = _Drawing(links, frozenset(fields.item_lists))
        for key, value in data.items():
            if (key,) not in in_table:
                blocks.extend(_section(2, (key,), value, drawing))
    return "\n\n".join(block for block in blocks if block) + "\n"


@dataclass(frozen=True)
class _Drawing:
    """How values are drawn: relative links rebased with `links`; the lists at
    `item_lists` as tables whose rows have anchors and whose `depends_on` and `refines`
    cells link to the items they name."""

    links: LinkBase
    item_lists: frozenset[JsonPath]


def _metadata(record: SpecRecord) -> str:
    rows = [
        ("Id", record.id),
        ("Status", record.status),
        ("Authors", ", ".join(record.authors)),
        ("Reviewers", ", ".join(person_name(reviewer.name) for reviewer in record.reviewers)),
        ("Created", record.created or ""),
        ("Last Updated", record.updated or ""),
    ]
    return table(["Field", "Value"], [[f"**{name}**", plain_cell(value)]
                                      for name, value in rows if value])


def _title(key: str) -> str:
    """`creation-date` -> `Creation date`."""
    words = key.replace("_", " ").replace("-", " ").strip()
    return plain(words[:1].upper() + words[1:] if words else key)


def _section(level: int, path: JsonPath, value: JsonValue, drawing: _Drawing) -> list[str]:
    key = str(path[-1])
    if level > _DEEPEST_HEADING:
        return [bullet_list([[f"**{_title(key)}**: {_inline(value)}"]])]
    blocks = _blocks(level, path, value, drawing)
    return [heading(level, _title(key)), *blocks] if blocks else []


def _blocks(level: int, path: JsonPath, value: JsonValue, drawing: _Drawing) -> list[str]:
    if value is None:
        return []
    if isinstance(value, dict):
        return [block for key, item in value.items()
                for block in _section(level + 1, (*path, key), item, drawing)]
    if isinstance(value, list):
        return _list(value, path in drawing.item_lists, drawing.links)
    if isinstance(value, str):
        return [paragraph(value, drawing.links)] if value.strip() else []
    return [plain(_scalar(value))]


def _list(items: list[JsonValue], item_list: bool, links: LinkBase) -> list[str]:
    if not items:
        return []
    if all(isinstance(item, dict) for item in items):
        columns = _columns(item for item in items if isinstance(item, dict))
        rows = [[_item_cell(item, column, item_list, links) if isinstance(item, dict) else ""
                 for column in columns] for item in items]
        return [table([_title(column) for column in columns], rows)]
    return [bullet_list(markdown_lines(item, links=links) if isinstance(item, str)
                        and item.strip() else [_inline(item)] for item in items)]


def _item_cell(item: dict[str, JsonValue], column: str, item_list: bool,
               links: LinkBase) -> str:
    """A cell of a table; in an item list's, the id with its anchor and the references of
    `depends_on` and `refines` as links."""
    value = item.get(column)
    if item_list and column == "id" and isinstance(value, str):
        return anchor_tag(value) + plain_cell(value)
    if item_list and column in ITEM_LINK_FIELDS and isinstance(value, list) \
            and all(isinstance(target, str) for target in value):
        return ", ".join(reference_link(str(target), plain_cell(str(target)))
                         for target in value)
    return _cell(value, links)


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


def _inline(value: JsonValue) -> str:
    """A value on one line: text as text, a list of scalars joined, anything else as JSON."""
    if isinstance(value, list) and not any(isinstance(item, (dict, list)) for item in value):
        return ", ".join(_inline(item) for item in value)
    if isinstance(value, (dict, list)):
        return plain(json.dumps(value, ensure_ascii=False, sort_keys=False))
    if value is None:
        return ""
    return plain(_scalar(value))


def _cell(value: JsonValue, links: LinkBase) -> str:
    if isinstance(value, str):
        return markdown_cell(value, links)
    return _inline(value)
