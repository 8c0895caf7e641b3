"""The anchor of an item on its spec's page: one spelling for render's Markdown pages and
the site's HTML pages (see `render.anchors`)."""

from __future__ import annotations

import re
from typing import Final

_SAFE_ANCHOR: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")


def item_anchor(item_id: str) -> str | None:
    """The anchor of an item on its spec's page (`fr-3` for `FR-3`); None for an id that
    cannot be one safely (only letters, digits, `.`, `_` and `-`, at most 200)."""
    return item_id.lower() if _SAFE_ANCHOR.fullmatch(item_id) else None
