"""Stable anchors for the items of a spec's page, and links to specs and their items.

GitHub-flavoured Markdown gives anchors to headings only (their text, lower-cased, spaces
as `-`), so a requirement row, which stands in a table, gets an explicit one: an empty
`<a name="fr-3"></a>` before its id, the custom anchor GitHub's writing guide documents
("Custom anchors": its sanitizer keeps the attribute, prefixed `user-content-`, and its
pages follow `#fr-3` to it); the HTML standard's fragment navigation finds such an `a`
element too, so every renderer honours it. The anchor is the item id in lower case, so a
link to it reads as heading anchors do (`SPEC-0042.md#fr-3`); it is written only for ids
made of letters, digits, `.`, `_` and `-`, so the only raw HTML a page holds is this fixed
shape, whatever a spec's ids are.
"""

from __future__ import annotations

from specrepo.base.anchors import item_anchor, reference_destination
from specrepo.render.blocks import link


def anchor_tag(item_id: str) -> str:
    """The empty `<a name="…"></a>` that gives an item its anchor; nothing for an id that
    cannot be one."""
    anchor = item_anchor(item_id)
    return "" if anchor is None else f'<a name="{anchor}"></a>'


def reference_link(written: str, text: str) -> str:
    """`text` (already safe Markdown) linked to the spec or item `written` names (see
    `reference_destination`); the text alone where it names no page."""
    destination = reference_destination(written)
    return text if destination is None else link(text, destination)
