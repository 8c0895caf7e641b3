"""The anchor of an item on its spec's page: one spelling for render's Markdown pages and
the site's HTML pages (see `render.anchors`)."""

from __future__ import annotations

import re
from typing import Final

from specrepo.base.page_names import page_name

_SAFE_ANCHOR: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")


def item_anchor(item_id: str) -> str | None:
    """The anchor of an item on its spec's page (`fr-3` for `FR-3`); None for an id that
    cannot be one safely (only letters, digits, `.`, `_` and `-`, at most 200)."""
    return item_id.lower() if _SAFE_ANCHOR.fullmatch(item_id) else None


def reference_destination(written: str) -> str | None:
    """Where a reference to a spec (`SPEC-0042`) or to an item of one (`SPEC-0042/FR-3`)
    points: the spec's page (`SPEC-0042.md`), with the item's anchor (`#fr-3`); None when it
    can name no page."""
    spec_id, separator, item_id = written.strip().rpartition("/")
    if not separator:
        return page_name(written)
    name = page_name(spec_id)
    anchor = item_anchor(item_id)
    return None if name is None or anchor is None else f"{name}#{anchor}"
