"""`approval: protected:` checked against the spec schema: a path no spec can have (a typo
such as `requirments`, a step below a text, a list position) would protect nothing,
silently, so it is a configuration error."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from specrepo.base.errors import ConfigError
from specrepo.base.suggest import did_you_mean
from specrepo.base.wording import with_article
from specrepo.model.change_paths import FieldPath

_SCALARS: Final = frozenset({"string", "number", "integer", "boolean", "null"})
_MAX_REFERENCES: Final = 32

ReadSchema = Callable[[Path], Any]
"""Reads a schema file (JSON or YAML); raises `ConfigError` when it cannot."""


def unknown_protected_paths(schema: Mapping[str, Any], paths: Sequence[FieldPath],
                            location: Path | None = None,
                            read: ReadSchema | None = None) -> list[tuple[int, str]]:
    """(index of the path, why) for each path whose step the schema forbids: a key absent
    from `properties` where `additionalProperties` is false, a key below a value the schema
    types as text, a number or a boolean, or a list position (items are matched by id: a
    step below a list names a field of every item). `$ref`s are followed: within the
    schema, and to other local files (relative to `location`, the schema's file, read with
    `read`). Steps the schema leaves open (no `properties`, other keys allowed, a reference
    that cannot be read) cannot be judged and pass."""
    problems = []
    for index, path in enumerate(paths):
        why = _forbidden_step(_Walk(schema, location, read), path)
        if why is not None:
            problems.append((index, why))
    return problems


def _forbidden_step(walk: _Walk, path: FieldPath) -> str | None:
    """Why the first step of `path` the schema forbids is forbidden; None if none is."""
    node = walk.root
    for depth, key in enumerate(path):
        where = ".".join(path[:depth]) or "a spec"
        node = walk.resolved(node)
        if not isinstance(node, dict):
            return None
        if node.get("type") == "array" or "items" in node:
            if key.isdigit():
                return (f"{where} is a list whose items are matched by id, not by position; "
                        f"'{where}.<field>' protects that field of every item")
            node = walk.resolved(node.get("items"))
            if not isinstance(node, dict):
                return None
        kind = node.get("type")
        if isinstance(kind, str) and kind in _SCALARS:
            return f"{where} is {with_article(kind)} in the spec schema: it has no key '{key}'"
        properties = node.get("properties")
        if not isinstance(properties, dict) or node.get("additionalProperties") is not False:
            return None
        if key not in properties:
            suggestion = did_you_mean(key, sorted(properties))
            hint = f"did you mean '{suggestion}'?" if suggestion else \
                f"its keys: {', '.join(sorted(properties))}"
            return f"{where} has no key '{key}' in the spec schema; {hint}"
        node = properties[key]
    return None


class _Walk:
    """Follows `$ref`s from the schema being walked: `#/...` within the current file,
    `other.json#/...` to a local file beside it."""

    def __init__(self, root: Any, location: Path | None, read: ReadSchema | None) -> None:
        self.root = root
        self._document: Any = root
        self._location = location
        self._read = read

    def resolved(self, node: Any) -> Any:
        """`node` with its `$ref`s followed; None where one cannot be."""
        for _ in range(_MAX_REFERENCES):
            reference = node.get("$ref") if isinstance(node, dict) else None
            if not isinstance(reference, str):
                return node
            file, _, fragment = reference.partition("#")
            if file and not self._enter(file):
                return None
            node = self._document
            for written in fragment.strip("/").split("/") if fragment.strip("/") else ():
                step = written.replace("~1", "/").replace("~0", "~")
                if not isinstance(node, dict) or step not in node:
                    return None
                node = node[step]
        return None

    def _enter(self, file: str) -> bool:
        """Make the local schema file `file` (relative to the current one) current."""
        if self._location is None or self._read is None or ":" in file:
            return False  # no file to be relative to, or a URI: never fetched
        location = self._location.parent / file
        try:
            self._document = self._read(location)
        except ConfigError:
            return False
        self._location = location
        return True
