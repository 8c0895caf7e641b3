"""The file name of a spec's rendered page, and which ids can have one."""

from __future__ import annotations

from typing import Final

from specrepo.base.file_names import names_a_file

INDEX_PAGE: Final = "index.md"
PAGE_SUFFIX: Final = ".md"
PAGE_NAME_RULE: Final = ("letters, digits, '.', '_' and '-', starting with a letter or digit "
                         "(at most 200, not 'index' nor a Windows device name such as 'CON')")
"""The ids that can name a page, in words."""


def page_name(spec_id: str) -> str | None:
    """`<id>.md`, or None when the id could name a file outside the folder (`names_a_file`)
    or the index. validate refuses such ids too (`spec-field`), so render never meets one a
    valid spec has."""
    if not names_a_file(spec_id) or f"{spec_id}{PAGE_SUFFIX}".lower() == INDEX_PAGE:
        return None
    return f"{spec_id}{PAGE_SUFFIX}"
