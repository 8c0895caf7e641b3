"""The parts of local schema files that references point to: a file reached only by JSON
Pointers (`defs.json#/Status`) may be a file of named definitions, no schema itself, and
is checked at those parts only."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote, urljoin


def referenced_parts(references: Iterable[tuple[str, str]], documents: dict[str, Any]
                     ) -> dict[str, tuple[tuple[str | int, ...], ...] | None]:
    """For each of `documents` (file contents by URI) that `references` (each a base URI
    and a reference, as `schema_references` finds them in schemas) point into only by JSON
    Pointers, the keys and indices each pointer leads to in it (those that lead
    somewhere); None for one a reference names whole (no fragment, or an anchor). A file of
    definitions (`{"Status": {...}}`, reached as `defs.json#/Status`) is no schema itself:
    only its parts are."""
    pointers: dict[str, set[str] | None] = {}
    for base, reference in references:
        document, _, fragment = urljoin(base, reference).partition("#")
        if document not in documents:
            continue
        fragment = unquote(fragment)
        if not fragment.startswith("/"):
            pointers[document] = None
        elif (known := pointers.setdefault(document, set())) is not None:
            known.add(fragment)
    return {uri: None if found is None else tuple(
                steps for pointer in sorted(found)
                if (steps := pointer_steps(documents[uri], pointer)) is not None)
            for uri, found in pointers.items()}


def pointer_steps(contents: Any, pointer: str) -> tuple[str | int, ...] | None:
    """The keys and indices the JSON Pointer `pointer` (RFC 6901) takes in `contents`, or
    None where it leads nowhere."""
    steps: list[str | int] = []
    node = contents
    for token in pointer.split("/")[1:]:
        key = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and key in node:
            steps.append(key)
            node = node[key]
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            steps.append(int(key))
            node = node[int(key)]
        else:
            return None
    return tuple(steps)
