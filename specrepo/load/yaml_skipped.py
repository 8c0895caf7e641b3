"""A node of a YAML event stream read past without building it: the value of a top-level
key the loader was not asked to keep (`load_yaml`'s `keep`). Imported by `yaml_builder`
only, once PyYAML is."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from specrepo.load.document import Position
from specrepo.load.yaml_text import YamlError


def skip_node(get_event: Callable[[], Any], max_depth: int) -> Iterator[str]:
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
                mark = event.start_mark
                raise YamlError(f"nesting is deeper than {max_depth + 2} levels",
                                Position(mark.line + 1, mark.column + 1), "yaml-limit")
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            depth -= 1
        if depth == 0:
            return
