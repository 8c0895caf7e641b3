"""Where a reference stands in a schema file (its line and column), for a message about it.

Schema files are read as plain data (`schema_files`); only a message needs a position, so
the file is read again then, as YAML 1.2 (a superset of JSON), and the reference found by
the keys that lead to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Final

from specrepo.load.document import Document
from specrepo.load.schema_reading import SCHEMA_LIMITS
from specrepo.load.yaml_loader import YamlError, YamlRole, load_yaml

REFERENCE_KEYWORDS: Final = ("$ref", "$dynamicRef", "$recursiveRef")


def reference_place(raw: bytes | None, contents: Any, node: dict[str, Any], reference: str
                    ) -> tuple[int, int] | None:
    """(line, column) of the reference `node` (the very object, within `contents`) holds
    in the schema file of bytes `raw` (read as `contents`); None when it cannot be told."""
    keyword = next((keyword for keyword in REFERENCE_KEYWORDS
                    if node.get(keyword) == reference), None)
    steps = steps_to(contents, node)
    if keyword is None or steps is None:
        return None
    return path_place(raw, (*steps, keyword), of_key=False)


def keyword_place(raw: bytes | None, contents: Any, node: dict[str, Any], *keys: str
                  ) -> tuple[int, int] | None:
    """(line, column) of the keyword `keys` lead to (a keyword, or a key below it: a
    `patternProperties` pattern) in the subschema `node` (the very object, within
    `contents`, the file of bytes `raw` read as); None when it cannot be told."""
    steps = steps_to(contents, node)
    return None if steps is None else path_place(raw, (*steps, *keys))


def path_place(raw: bytes | None, steps: Iterable[str | int], *, of_key: bool = True
               ) -> tuple[int, int] | None:
    """(line, column) of the key (else, or without `of_key`, the value) the keys and
    indices `steps` lead to in the schema file of bytes `raw` (its deepest existing part;
    the top when `steps` is empty); None when the file cannot be read again."""
    document = None if raw is None else _document(raw)
    if document is None:
        return None
    line, column = (document.key_position if of_key else document.position)(tuple(steps))
    return line, column


@lru_cache(maxsize=4)
def _document(raw: bytes) -> Document | None:
    """The schema file of bytes `raw` read again for positions (kept: a schema with many
    problems asks for many), or None when it does not load."""
    try:
        return load_yaml(raw, SCHEMA_LIMITS, role=YamlRole.SCHEMA)
    except YamlError:
        return None


def steps_to(contents: Any, node: dict[str, Any]) -> tuple[str | int, ...] | None:
    """The keys and indices that lead from `contents` to the very object `node` (None: it
    is not in `contents`)."""
    pending: list[tuple[Any, tuple[str | int, ...]]] = [(contents, ())]
    while pending:
        value, steps = pending.pop()
        if value is node:
            return steps
        if isinstance(value, dict):
            pending.extend((child, (*steps, key)) for key, child in value.items())
        elif isinstance(value, list):
            pending.extend((child, (*steps, index)) for index, child in enumerate(value))
    return None
