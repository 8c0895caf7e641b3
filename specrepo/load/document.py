"""A loaded YAML document: JSON-shaped data plus the source position of every node."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import field
from typing import NamedTuple, Protocol, TypeAlias

from specrepo.base.deferred_dataclass import dataclass

JsonValue: TypeAlias = bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"] | None
JsonKey: TypeAlias = str | int
JsonPath: TypeAlias = tuple[JsonKey, ...]


class Position(NamedTuple):
    """A 1-based line and column in a source file."""

    line: int
    column: int


class Located(NamedTuple):
    """Where a container's child stands: its key (mappings only) and its value.

    `source` keeps the text of a plain scalar that YAML read as something other than a
    string (a number, a boolean, null), so messages can show what the user wrote; `tag`
    the tag written on a scalar (`!!int`; None: none), which decides what it is read as
    whatever its text (`!!int "12"` is a number, quoted or not).
    """

    key: Position | None
    value: Position
    source: str | None
    tag: str | None = None


def describe_kind(value: JsonValue) -> str:
    """What kind of JSON value this is, in words: `a number`, `text`, `empty (null)`…"""
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


def format_json_path(path: Iterable[JsonKey]) -> str:
    """Render a path as `$.goals.primary[0]`, quoting keys that are not plain names."""
    parts = ["$"]
    for key in path:
        if isinstance(key, int):
            parts.append(f"[{key}]")
        elif key.isidentifier():
            parts.append(f".{key}")
        else:
            escaped = key.replace("\\", "\\\\").replace("'", "\\'")
            parts.append(f"['{escaped}']")
    return "".join(parts)


RawLocation: TypeAlias = tuple[int, int, int, int, str | None, str | None]
"""How the loader stores a `Located` compactly: key line and column (0 when there is no
key), value line and column, source text, tag."""


@dataclass(frozen=True)
class Document:
    """JSON-shaped data with the positions of its nodes.

    `children` maps `id(container)` to the positions of that container's children; the
    containers are kept alive by `data`, so the ids stay valid for the document's life.
    """

    data: JsonValue
    root: Position
    children: dict[int, dict[JsonKey, RawLocation]] = field(repr=False)

    def locate(self, path: Iterable[JsonKey]) -> Located:
        """Where the node at `path` stands; the deepest existing ancestor if it is missing."""
        node = self.data
        located = Located(None, self.root, None)
        for key in path:
            entries = self.children.get(id(node))
            if entries is None or key not in entries:
                break
            key_line, key_column, line, column, source, tag = entries[key]
            key_position = Position(key_line, key_column) if key_line else None
            located = Located(key_position, Position(line, column), source, tag)
            node = node[key]  # type: ignore[index]
        return located

    def position(self, path: Iterable[JsonKey]) -> Position:
        """The position of the value at `path` (or of its deepest existing ancestor)."""
        return self.locate(path).value

    def key_position(self, path: Iterable[JsonKey]) -> Position:
        """The position of the key naming the value at `path`, else of the value itself."""
        located = self.locate(path)
        return located.key or located.value

    def finding_position(self, path: JsonPath) -> Position:
        """Where a finding about the value at `path` stands: at the key naming it when the
        value is a mapping or a list (a finding on the whole of it, `minItems` or `type`,
        is not about its first item or key, where a block one starts), else at the value
        (its deepest existing ancestor's, when it is missing)."""
        value = value_at(self.data, path)
        if type(value) is dict or type(value) is list:
            return self.key_position(path)
        return self.position(path)

    def first_text(self, text: str) -> Position | None:
        """Where the first key or text value equal to `text` stands, in the order the
        document writes them (a key before its value, a value before the next key); None
        where none is (a title read from a Markdown body)."""
        stack = [self._children_of(self.data)]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                continue
            key, value, (key_line, key_column, line, column, _, _) = child
            if key == text and key_line:
                return Position(key_line, key_column)
            if value == text and type(value) is str:
                return Position(line, column)
            stack.append(self._children_of(value))
        return None

    def _children_of(self, node: JsonValue) -> Iterator[tuple[JsonKey, JsonValue, RawLocation]]:
        """A container's children with where each stands, in the order they are written."""
        entries = self.children.get(id(node), {})
        pairs: Iterable[tuple[JsonKey, JsonValue]] = (
            node.items() if isinstance(node, dict)
            else enumerate(node) if isinstance(node, list) else ())
        return ((key, value, entries[key]) for key, value in pairs if key in entries)

    def written_here(self, path: JsonPath) -> JsonPath:
        """`path`, or the nearest ancestor of it written where it stands: a value a merge
        key (`- <<: *first`) or an alias (`- *first`) brings is written at its anchor, before
        the node that repeats it (YAML defines an anchor before its aliases), so its place
        in this node is the node itself."""
        for end in range(len(path), 0, -1):
            if self.position(path[:end]) >= self.position(path[:end - 1]):
                return path[:end]
        return ()


class Positions(Protocol):
    """Where the nodes of a document stand: a `Document`, or the `KeptPositions` of a few of
    its paths."""

    def position(self, path: JsonPath) -> Position:
        """The position of the value at `path` (or of its deepest existing ancestor)."""

    def key_position(self, path: JsonPath) -> Position:
        """The position of the key naming the value at `path`, else of the value itself."""


@dataclass(frozen=True, slots=True)
class KeptPositions:
    """The positions of a few paths of a document, kept once the document is dropped: they
    answer as the document would, for those paths only (another raises KeyError)."""

    located: dict[JsonPath, tuple[Position | None, Position]]

    def __reduce__(self) -> tuple[type[KeptPositions], tuple[object, ...]]:
        """Pickled as its one field (see `SpecSummary.__reduce__`)."""
        return KeptPositions, (self.located,)

    @classmethod
    def of(cls, document: Document, paths: Iterable[JsonPath]) -> KeptPositions:
        """The positions of `paths` in `document`."""
        kept = {}
        for path in paths:
            located = document.locate(path)
            kept[path] = (located.key, located.value)
        return cls(kept)

    def position(self, path: JsonPath) -> Position:
        """The position of the value at `path` (or of its deepest existing ancestor)."""
        return self.located[path][1]

    def key_position(self, path: JsonPath) -> Position:
        """The position of the key naming the value at `path`, else of the value itself."""
        key, value = self.located[path]
        return key or value


def value_at(data: JsonValue, path: JsonPath | None) -> JsonValue:
    """The value at `path`, or None where any step is missing."""
    if path is None:
        return None
    node = data
    for key in path:
        if isinstance(node, dict) and isinstance(key, str):
            node = node.get(key)
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            return None
    return node


def read_as_text(document: Document, paths: Iterable[JsonPath]) -> None:
    """Replace, in place, the numbers and booleans at or below `paths` by the text written
    in the file (`0034`, `1.20`, `yes` as written; null stays null), as formats that decode
    such fields into strings read them (Go's YAML decoders, say)."""
    children = document.children
    pending: list[JsonValue] = []  # containers whose every child is read as text
    for path in paths:
        last = path[-1]  # a field of the top mapping, mostly: no walk down to it
        container = value_at(document.data, path[:-1]) if len(path) > 1 else document.data
        entries = children.get(id(container))
        if entries is None or last not in entries:
            continue
        value = container[last]  # type: ignore[index]
        source = entries[last][4]
        if source is not None and value is not None:
            container[last] = source  # type: ignore[index]
        elif type(value) is dict or type(value) is list:
            pending.append(value)
    while pending:
        container = pending.pop()
        entries = children.get(id(container))
        if entries is None:
            continue
        keys = container if type(container) is dict else range(len(container))  # type: ignore[arg-type]
        for key in keys:
            value = container[key]  # type: ignore[index]
            source = entries[key][4] if key in entries else None
            if source is not None and value is not None:
                container[key] = source  # type: ignore[index]
            elif type(value) is dict or type(value) is list:
                pending.append(value)


def with_value_at(document: Document, path: JsonPath, value: JsonValue,
                  position: Position) -> Document:
    """A copy of `document` as it would read with `value` written at `path`, standing at
    `position` with no key (a value the file gives elsewhere: a Markdown spec's title, its
    body's heading): the mappings on the way copied, those missing made (empty but for the
    way on, standing at `position` too: written with the value), `document` left as it is;
    `document` itself where `path` is empty or a step on the way holds anything but a
    mapping (a list, text, null: see `blocked_at`)."""
    return _edited_at(document, path, (value, (0, 0, position.line, position.column, None, None)))


def without_value_at(document: Document, path: JsonPath) -> Document:
    """A copy of `document` without the key `path` ends in (a value that counts as none:
    a Markdown spec's empty front-matter title), the mappings on the way copied, `document`
    left as it is; `document` itself where `path` names anything but keys of mappings."""
    return _edited_at(document, path, None)


def blocked_at(data: JsonValue, path: JsonPath) -> JsonPath | None:
    """The first step on the way to `path` (the path of a value that contains it) that
    holds a value but no mapping (a list, text, a number, null), where nothing can be
    written at `path` without rewriting that value; None where every step is a mapping or
    missing (`with_value_at` makes it), or `data` itself is no mapping."""
    node = data
    for end, key in enumerate(path[:-1], 1):
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
        if not isinstance(node, dict):
            return path[:end]
    return None


def _edited_at(document: Document, path: JsonPath,
               new: tuple[JsonValue, RawLocation] | None) -> Document:
    """A copy of `document` with the key `path` ends in set to `new` (its value and
    position entry; the missing mappings on the way made, standing where it does), or
    taken out where `new` is None."""
    *steps, last = path or (0,)
    if not isinstance(last, str) or not isinstance(document.data, dict):
        return document
    children = dict(document.children)
    old: dict[str, JsonValue] | None = document.data  # None below a mapping made here
    top = node = dict(document.data)
    for key in steps:
        entries = children[id(node)] = {} if old is None else dict(children.pop(id(old), {}))
        if not isinstance(key, str):
            return document
        if old is not None and key in old:
            if not isinstance(child := old[key], dict):
                return document
            node[key] = copy = dict(child)
            old, node = child, copy
        elif new is None:  # nothing to take out
            return document
        else:
            made: dict[str, JsonValue] = {}
            node[key] = made
            entries[key] = new[1]
            old, node = None, made
    entries = children[id(node)] = {} if old is None else dict(children.pop(id(old), {}))
    if new is None:
        node.pop(last, None)
        entries.pop(last, None)
    else:
        node[last], entries[last] = new
    return Document(top, document.root, children)
