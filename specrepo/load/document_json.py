"""A `Document` as JSON text and back, positions included: what a cache keeps of a parsed file
so that a later run need not parse it (and import PyYAML) again.

The text is one JSON object: `data` (the document's data, JSON-shaped already), `root` (its
line and column) and `entries`, the positions of each container's children
(`Document.children`: key, key line and column, line and column, source text, tag) in the
order `_containers` visits the containers, which is the same for the data written and the
data read back. JSON keeps what the loader gives (`yaml_scalars`): strings, integers
(of at most the decimal digits Python writes), floats (finite: the loader keeps `.inf`
and `.nan` as the text written), booleans and null. A document in which one container
stands twice (an alias, which the loader shares rather than copies) is not written: JSON
would copy it.
"""

from __future__ import annotations

import json

from specrepo.load.document import Document, JsonValue, Position, RawLocation

Container = dict[str, JsonValue] | list[JsonValue]


def document_json(document: Document) -> bytes | None:
    """`document` as JSON text (UTF-8); None when a container stands twice in it (an alias)
    or has no positions."""
    containers = _containers(document.data)
    if containers is None:
        return None
    entries = []
    for container in containers:
        located = document.children.get(id(container))
        if located is None:
            return None
        entries.append([[key, *place] for key, place in located.items()])
    return json.dumps({"data": document.data, "root": list(document.root), "entries": entries},
                      separators=(",", ":")).encode()


def document_from_json(text: bytes) -> Document | None:
    """The document `document_json` wrote as `text`; None when `text` is not such JSON."""
    try:
        content = json.loads(text)
        data: JsonValue = content["data"]
        line, column = content["root"]
        kept = content["entries"]
        containers = _containers(data)
        if containers is None or len(containers) != len(kept):
            return None
        children: dict[int, dict[str | int, RawLocation]] = {}
        for container, entries in zip(containers, kept, strict=True):
            children[id(container)] = {
                key: (key_line, key_column, value_line, value_column, source, tag)
                for key, key_line, key_column, value_line, value_column, source, tag in entries}
        return Document(data, Position(line, column), children)
    except (ValueError, TypeError, KeyError):  # not a mapping, a list of the wrong length
        return None


def _containers(data: JsonValue) -> list[Container] | None:
    """The mappings and lists of `data`, each before those inside it, in the order of their
    keys and items; None when one is reached twice."""
    found: list[Container] = []
    seen: set[int] = set()
    pending = [data]
    while pending:
        node = pending.pop()
        if type(node) is dict:
            inside = list(node.values())
        elif type(node) is list:
            inside = node
        else:
            continue
        if id(node) in seen:
            return None
        seen.add(id(node))
        found.append(node)
        pending.extend(reversed(inside))
    return found
