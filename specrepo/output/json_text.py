"""JSON text as every JSON output of specrepo writes it (RFC 8259): indented two spaces a
level, non-ASCII characters kept as they are, lone surrogates (a file name's bytes that are
not UTF-8, as Python's `surrogateescape` reads them: PEP 383) as `\\udce9` escapes, which
RFC 8259 allows and no encoding could write as characters."""

from __future__ import annotations

import json
from typing import Any


def indented_json(value: Any) -> str:
    """`value` (dicts, lists, tuples, strings, numbers, booleans, None) as JSON text;
    raises `TypeError` for any other type."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    if text.isascii():  # known without a scan: the usual case
        return text
    # UTF-8 cannot carry a lone surrogate: Python writes it as its escape, `\udce9`, as
    # the site's specs.json is written (`site.index_json.index_file`).
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
