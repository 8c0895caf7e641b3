"""The file name of a spec's rendered page, and which ids can have one."""

from __future__ import annotations

import re
from typing import Final

INDEX_PAGE: Final = "index.md"
PAGE_SUFFIX: Final = ".md"
_SAFE_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")
PAGE_NAME_RULE: Final = ("letters, digits, '.', '_' and '-', starting with a letter or digit "
                         "(at most 200, not 'index')")
"""The ids that can name a page, in words."""


def page_name(spec_id: str) -> str | None:
    """`<id>.md`, or None when the id could name a file outside the folder or the index.

    Ids are checked here although the schema restricts them, because a repository may use
    its own schema: `../x`, `a/b` or a NUL must never reach the file system. validate
    refuses such ids too (`spec-field`), so render never meets one a valid spec has.
    """
    if not _SAFE_ID.fullmatch(spec_id) or f"{spec_id}{PAGE_SUFFIX}".lower() == INDEX_PAGE:
        return None
    return f"{spec_id}{PAGE_SUFFIX}"
