"""The parts of local schema files that references point to: a file reached only by JSON
Pointers (`defs.json#/Status`) may be a file of named definitions, no schema itself, and
is checked at those parts only."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import unquote, urljoin

if TYPE_CHECKING:
    from referencing._core import Resolved, Resolver

_ARRAY_INDEX: Final = re.compile(r"0|[1-9][0-9]*", re.ASCII)
"""An array index as RFC 6901 writes it: no sign, space, `_` or leading zero."""


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
        elif isinstance(node, list) and (index := _array_index(key, len(node))) is not None:
            steps.append(index)
            node = node[index]
        else:
            return None
    return tuple(steps)


def _array_index(token: str, size: int) -> int | None:
    """The index `token` names in a list of `size` items, None where it is no array index
    (`-1`, `01`, ` 1`, `x`) or past the end; a token of thousands of digits is never read
    as a number (Python refuses to, and no list is that long)."""
    if _ARRAY_INDEX.fullmatch(token) is None or len(token) > len(str(size)):
        return None
    return index if (index := int(token)) < size else None


def strict_lookup(resolver: Resolver[Any], reference: str) -> Resolved[Any]:
    """What `reference` resolves to, as `resolver.lookup` says, raising its `Unresolvable`, and
    `PointerToNowhere` too where a JSON Pointer steps into a list by what is no array index
    or into a string: `referencing` reads such a step with Python's `int()`, which fails on
    `x` and on thousands of digits and takes `-1` for the last item."""
    from referencing import Resource  # noqa: PLC0415 (jsonschema's turn)
    from referencing.exceptions import PointerToNowhere  # noqa: PLC0415

    document, _, fragment = reference.partition("#")
    if fragment.startswith("/"):
        whole = resolver.lookup(f"{document}#").contents
        if pointer_steps(whole, unquote(fragment)) is None:
            raise PointerToNowhere(  # type: ignore[call-arg]  # attrs, as referencing raises it
                ref=fragment, resource=Resource.opaque(whole))
    return resolver.lookup(reference)
