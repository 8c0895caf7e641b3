"""JSON text as every JSON output of specrepo writes it (RFC 8259): indented two spaces a
level, non-ASCII characters kept as they are."""

from __future__ import annotations

import json
from typing import Any


def indented_json(value: Any) -> str:
    """`value` (dicts, lists, tuples, strings, numbers, booleans, None) as JSON text;
    raises `TypeError` for any other type."""
    return json.dumps(value, indent=2, ensure_ascii=False)
