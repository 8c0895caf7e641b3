"""Read a YAML file's plain keys that YAML would take for another type (`200:`, `true:`)
as the text written, noting each with where it stands, for a file of which only some parts
are judged: an OpenAPI document that a schema's `$ref` reaches at
`#/components/schemas/Slug` writes its response codes unquoted (`responses: {200: …}`),
as OpenAPI tools read them; only a reached part's keys must be strings (final32 F7)."""

from __future__ import annotations

from typing import Any, Final

from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from specrepo.load import yaml_builder
from specrepo.load.document import JsonPath, JsonValue, Position, describe_kind
from specrepo.load.yaml_loader import ParserClass
from specrepo.load.yaml_scalars import resolve_plain
from specrepo.load.yaml_text import YamlError

_NODES: Final = (ScalarEvent, MappingStartEvent, SequenceStartEvent, AliasEvent)
TextKey = tuple[JsonPath, YamlError]
"""The path of a key read as text (the keys and indices leading to it, then the key) and
the error the loader would raise for it."""


def text_keys_parser(found: list[TextKey]) -> ParserClass:
    """A parser for `load_yaml` that reads such keys as text, each noted in `found`."""
    return lambda text: _TextKeys(yaml_builder.PARSER(text), found)


class _TextKeys:
    """The events of `inner`, a plain scalar key that is not text given as a quoted one."""

    def __init__(self, inner: Any, found: list[TextKey]) -> None:
        self.inner, self.found = inner, found
        self.open: list[list[Any]] = []
        """Each open mapping ([True, key expected?, its last key]) or list ([False, the
        index of its next item, None])."""

    def get_event(self) -> Any:
        """The next event, as the loader reads it."""
        event = self.inner.get_event()
        kind = type(event)
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            self.open.pop()
        if kind not in _NODES:
            return event
        top = self.open[-1] if self.open else None
        if top is not None and top[0] and top[1]:  # a key
            if kind is ScalarEvent and event.tag is None and not event.style and \
                    not isinstance(value := resolve_plain(event.value), str) and event.value:
                self._note(event, value)
                event = _quoted(event)
            top[2] = event.value if kind is ScalarEvent else None
        if top is not None:
            top[1] = not top[1] if top[0] else top[1] + 1
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            self.open.append([True, True, None] if kind is MappingStartEvent else [False, 0, None])
        return event

    def get_mark(self) -> Any:
        """Where the parser is (the pure-Python parser only, as the loader asks)."""
        return self.inner.get_mark()

    def dispose(self) -> None:
        """Free the parser."""
        self.inner.dispose()

    def _note(self, event: Any, value: JsonValue) -> None:
        path = tuple(frame[2] if frame[0] else frame[1] - 1 for frame in self.open[:-1])
        written = event.value
        mark = event.start_mark
        self.found.append(((*path, written), YamlError(
            f"key {written} is read as {describe_kind(value)}, not a string; quote it: "
            f"'{written}'", Position(mark.line + 1, mark.column + 1), "yaml-key")))


def _quoted(event: Any) -> Any:
    """A plain scalar event as a double-quoted one (read as text)."""
    return ScalarEvent(event.anchor, event.tag, event.implicit, event.value,
                       event.start_mark, event.end_mark, style='"')
