"""Load YAML bytes into a `Document`: JSON-shaped data, positions, and bounded resources.

The loader reads YAML's event stream (libyaml's C parser when PyYAML has it, else the
pure-Python one; both produce the same events) and builds the data itself, so that:

- scalars follow the YAML 1.2 core schema: dates and timestamps stay the strings the user
  wrote, only true/false are booleans (`no`, `on`, `yes` stay strings);
- keys are strings, and a duplicate key is an error naming both lines;
- aliases are shared, never copied, and the nodes they expand to are counted and capped,
  so an alias bomb is refused in microseconds instead of being walked for hours;
- nesting depth is capped without recursion, and file size is capped before reading;
- every node keeps its line and column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final, Protocol, cast

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from specrepo.document import (
    Document,
    JsonKey,
    JsonValue,
    Position,
    RawLocation,
    describe_kind,
)
from specrepo.errors import SpecrepoError
from specrepo.yaml_syntax import explain_syntax_error

USING_LIBYAML: Final = bool(yaml.__with_libyaml__)
PARSER: Final[Callable[[str], Any]] = yaml.CSafeLoader if USING_LIBYAML else yaml.SafeLoader
"""The parser class used by default: libyaml's when available. Both give the same events
and so the same data; the pure-Python one is slower and refuses some tab separators that
libyaml (rightly) accepts."""

DEFAULT_MAX_BYTES: Final = 1024 * 1024
MAX_DEPTH: Final = 100
MAX_ALIAS_NODES: Final = 10_000

_CORE: Final = "tag:yaml.org,2002:"
_NULLS: Final = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES: Final = frozenset({"true", "True", "TRUE"})
_FALSES: Final = frozenset({"false", "False", "FALSE"})
_MAYBE_NOT_STRING: Final = frozenset("0123456789-+.~nNtTfF")
_INT: Final = re.compile(r"[-+]?[0-9]+")
_OCTAL: Final = re.compile(r"0o[0-7]+")
_HEX: Final = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT: Final = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
# Characters YAML forbids in a stream (c-printable's complement, after UTF-8 decoding).
_NOT_PRINTABLE: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


class YamlError(SpecrepoError):
    """A file that cannot be loaded; `position` is where the problem is, when known."""

    def __init__(self, message: str, position: Position | None, rule: str) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.rule = rule


@dataclass(frozen=True)
class LoadLimits:
    """Resource bounds for one file."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = MAX_DEPTH
    max_alias_nodes: int = MAX_ALIAS_NODES


DEFAULT_LIMITS: Final = LoadLimits()


class _EventSource(Protocol):
    """What the loader needs of a PyYAML parser (C or pure Python)."""

    def get_event(self) -> Any: ...

    def dispose(self) -> None: ...


ParserClass = Callable[[str], _EventSource]


def decode(raw: bytes) -> str:
    """Decode UTF-8 (a BOM is allowed) and refuse characters YAML does not allow."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlError(
            "the file is UTF-16 encoded; save it as UTF-8", Position(1, 1), "yaml-encoding"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", "replace")) + 1
        raise YamlError(
            f"invalid UTF-8: byte 0x{raw[error.start]:02x} cannot start or continue a "
            "character; save the file as UTF-8",
            Position(before.count(b"\n") + 1, column),
            "yaml-encoding",
        ) from None
    text = text.removeprefix("\ufeff")
    bad = _NOT_PRINTABLE.search(text)
    if bad is not None:
        raise YamlError(
            f"control character U+{ord(bad.group()):04X} is not allowed in YAML",
            _offset_position(text, bad.start()),
            "yaml-encoding",
        )
    return text


def load_yaml(raw: bytes, limits: LoadLimits = DEFAULT_LIMITS,
              parser: ParserClass = PARSER, keep: frozenset[str] | None = None) -> Document:
    """Load one YAML document whose top level is a mapping.

    With `keep`, only those top-level keys are built; the values of the others are parsed
    (so syntax errors and the depth cap still apply) but not turned into data, which is
    what reading thousands of historical versions for a few fields needs. Duplicate keys
    and aliases inside skipped values go unchecked; an alias to an anchor in a skipped value
    makes the loader build everything after all.
    """
    if len(raw) > limits.max_bytes:
        raise YamlError(
            f"the file is {len(raw):,} bytes, over the limit of {limits.max_bytes:,} "
            "(raise `max_file_size` in specrepo.yaml if this is a real spec)",
            None,
            "yaml-limit",
        )
    text = decode(raw)
    try:
        document = _Builder(text, limits, parser, keep).build()
    except _SkippedAnchor:
        document = _Builder(text, limits, parser, None).build()
    if not isinstance(document.data, dict):
        kind = describe_kind(document.data)
        raise YamlError(
            f"the top level must be a mapping of keys to values, not {kind}",
            document.root,
            "yaml-structure",
        )
    return document


def _offset_position(text: str, offset: int) -> Position:
    line_start = text.rfind("\n", 0, offset) + 1
    return Position(text.count("\n", 0, offset) + 1, offset - line_start + 1)


def _position(mark: Any) -> Position:
    """A parser mark as a 1-based position (events always carry their marks)."""
    return Position(mark.line + 1, mark.column + 1)


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


_Entries = dict[JsonKey, RawLocation]


class _Frame:
    """An open mapping or sequence while its events are read."""

    __slots__ = ("anchor", "container", "entries", "first_node", "key", "key_column",
                 "key_line")

    def __init__(self, container: dict[str, JsonValue] | list[JsonValue], anchor: str | None,
                 first_node: int) -> None:
        self.container = container
        self.entries: _Entries = {}
        self.key: str | None = None  # a mapping's key waiting for its value
        self.key_line = 0
        self.key_column = 0
        self.anchor = anchor
        self.first_node = first_node


class _SkippedAnchor(Exception):
    """An alias names an anchor in a value that was skipped: build everything instead."""


class _Builder:
    """Turns one YAML event stream into a `Document`.

    This loop runs once per node of every spec, so it is written for speed: one function,
    positions stored as plain tuples, no helper calls for the common plain scalar.
    """

    def __init__(self, text: str, limits: LoadLimits, parser: ParserClass,
                 keep: frozenset[str] | None) -> None:
        self.text = text
        self.limits = limits
        self.parser = parser
        self.keep = keep

    def build(self) -> Document:
        loader = self.parser(self.text)
        try:
            return self._read(loader)
        except yaml.MarkedYAMLError as error:
            raise self._syntax_error(error) from None
        except yaml.YAMLError as error:
            raise YamlError(f"YAML error: {error}", None, "yaml-syntax") from None
        finally:
            loader.dispose()

    def _read(self, loader: _EventSource) -> Document:  # noqa: PLR0915
        children: dict[int, _Entries] = {}
        # anchor name -> (value, expanded size); size None while the anchored node is open
        anchors: dict[str, tuple[JsonValue, int | None]] = {}
        max_depth = self.limits.max_depth
        max_alias_nodes = self.limits.max_alias_nodes
        root = _Frame([], None, 0)
        stack = [root]
        frame = root
        nodes = alias_nodes = documents = 0
        get_event = loader.get_event
        maybe_not_string = _MAYBE_NOT_STRING
        keep = self.keep
        skipped_anchors: set[str] = set()
        while True:
            event = get_event()
            kind = type(event)
            value: JsonValue
            if kind is ScalarEvent:
                mark = event.start_mark
                text = event.value
                tag = event.tag
                source = None
                if tag is None and not event.style and (not text or text[0] in maybe_not_string):
                    value = _resolve_plain(text)
                    if type(value) is not str:
                        source = text
                elif tag is None or tag == "!":
                    value = text
                else:
                    value, source = _resolve_tagged(text, tag, _position(mark))
                nodes += 1
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                mark = event.start_mark
                source = None
                is_mapping = kind is MappingStartEvent
                if len(stack) > max_depth:
                    raise YamlError(f"nesting is deeper than {max_depth} levels",
                                    _position(mark), "yaml-limit")
                if event.tag not in (None, "!", _CORE + ("map" if is_mapping else "seq")):
                    raise YamlError(
                        f"tag {_show_tag(event.tag)} is not supported; specs hold plain data "
                        "only", _position(mark), "yaml-tag")
                if frame.key is None and type(frame.container) is dict:
                    raise YamlError("a mapping or list cannot be used as a key",
                                    _position(mark), "yaml-key")
                value = {} if is_mapping else []
                nodes += 1
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                if frame.anchor is not None:
                    anchors[frame.anchor] = (frame.container, nodes - frame.first_node + 1)
                stack.pop()
                frame = stack[-1]
                continue
            elif kind is AliasEvent:
                mark = event.start_mark
                source = None
                anchored = anchors.get(event.anchor)
                if anchored is None and event.anchor in skipped_anchors:
                    raise _SkippedAnchor
                if anchored is None:
                    raise YamlError(f"alias *{event.anchor} names no anchor", _position(mark),
                                    "yaml-syntax")
                value, size = anchored
                if size is None:
                    raise YamlError(f"alias *{event.anchor} refers to a node that contains it",
                                    _position(mark), "yaml-syntax")
                nodes += size
                alias_nodes += size
                if alias_nodes > max_alias_nodes:
                    raise YamlError(
                        f"aliases expand to more than {max_alias_nodes:,} nodes (an alias "
                        "bomb?); use fewer or smaller aliases", _position(mark), "yaml-limit")
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlError(
                        "the file holds more than one YAML document (a second `---`); keep "
                        "one spec per file", _position(event.start_mark), "yaml-structure")
                continue
            elif kind is StreamEndEvent:
                break
            else:
                continue
            # Attach the node to its parent.
            container = frame.container
            line = mark.line + 1
            column = mark.column + 1
            if type(container) is list:
                frame.entries[len(container)] = (0, 0, line, column, source)
                container.append(value)
            elif frame.key is None:
                if type(value) is not str or value in container:
                    _check_key(frame, value, line, column, source)
                if keep is not None and len(stack) == 2 and value not in keep:
                    skipped_anchors.update(_skip_node(get_event, max_depth - 2))
                    continue
                frame.key = value  # type: ignore[assignment]
                frame.key_line = line
                frame.key_column = column
            else:
                container[frame.key] = value  # type: ignore[call-overload]
                frame.entries[frame.key] = (frame.key_line, frame.key_column, line, column,
                                            source)
                frame.key = None
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                frame = _Frame(value, event.anchor, nodes)  # type: ignore[arg-type]
                children[id(value)] = frame.entries
                if event.anchor is not None:
                    anchors[event.anchor] = (value, None)
                stack.append(frame)
        if not root.container:
            raise YamlError(
                "the file is empty (no YAML document)", Position(1, 1), "yaml-empty"
            )
        _, _, line, column, _ = root.entries[0]
        return Document(cast(list[JsonValue], root.container)[0], Position(line, column),
                        children)

    def _syntax_error(self, error: yaml.MarkedYAMLError) -> YamlError:
        if error.problem and "maximum nesting depth" in error.problem:  # libyaml's own cap
            return YamlError(f"nesting is deeper than {self.limits.max_depth} levels",
                             _position(error.problem_mark), "yaml-limit")
        message, position = explain_syntax_error(error, self.text)
        return YamlError(f"YAML syntax error: {message}", position, "yaml-syntax")


def _skip_node(get_event: Callable[[], Any], max_depth: int) -> Iterator[str]:
    """Consume one node's events without building it; yields the anchors it defines."""
    depth = 0
    while True:
        event = get_event()
        kind = type(event)
        if kind is not AliasEvent and getattr(event, "anchor", None) is not None:
            yield event.anchor
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            depth += 1
            if depth > max_depth:
                raise YamlError(f"nesting is deeper than {max_depth + 2} levels",
                                _position(event.start_mark), "yaml-limit")
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            depth -= 1
        if depth == 0:
            return


def _check_key(frame: _Frame, key: JsonValue, line: int, column: int,
               source: str | None) -> None:
    if not isinstance(key, str):
        written = source if source is not None else repr(key)
        raise YamlError(
            f"key {written} is read as {describe_kind(key)}, not a string; quote it: '{written}'",
            Position(line, column),
            "yaml-key",
        )
    if key in frame.container:
        first_line = frame.entries[key][0]
        raise YamlError(
            f"duplicate key '{key}' (first defined at line {first_line}); each key may "
            "appear once",
            Position(line, column),
            "yaml-duplicate-key",
        )


_TAGGED_TYPES: Final[dict[str, type | tuple[type, ...]]] = {
    _CORE + "int": int,
    _CORE + "float": (int, float),
    _CORE + "bool": bool,
    _CORE + "null": type(None),
}


def _resolve_tagged(text: str, tag: str, position: Position) -> tuple[JsonValue, str | None]:
    """Resolve a scalar with an explicit tag: only YAML's core tags are accepted."""
    if tag in (_CORE + "str", _CORE + "timestamp"):
        return text, None
    expected = _TAGGED_TYPES.get(tag)
    if expected is None:
        raise YamlError(
            f"tag {_show_tag(tag)} is not supported; specs hold plain data only",
            position,
            "yaml-tag",
        )
    value = _resolve_plain(text)
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise YamlError(f"{text!r} is not a valid {_show_tag(tag)}", position, "yaml-tag")
    return value, text


def _resolve_plain(text: str) -> JsonValue:
    """Resolve an untagged plain scalar by the YAML 1.2 core schema (JSON-shaped)."""
    if text in _NULLS:
        return None
    if text in _TRUES:
        return True
    if text in _FALSES:
        return False
    try:
        if _INT.fullmatch(text):
            return int(text)
        if _OCTAL.fullmatch(text):
            return int(text[2:], 8)
        if _HEX.fullmatch(text):
            return int(text[2:], 16)
    except ValueError:  # more digits than Python converts; keep what the user wrote
        return text
    if _FLOAT.fullmatch(text):
        number = float(text)
        # JSON has no infinities: a float literal too large to represent stays text.
        return number if math.isfinite(number) else text
    return text
