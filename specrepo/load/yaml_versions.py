"""The `%YAML` directive: specrepo reads YAML 1.2 (core schema). A file that declares
`%YAML 1.1` is read as 1.2 too, and each plain value the two versions read differently
(`yes`, `on`, `0777`, `1_000`, `1:20`, `=`, `1e3`, `0o17`...) is a problem at its line
naming both readings, since a YAML 1.1 tool (PyYAML, Ruby's Psych) would read that file
otherwise; any other version (`%YAML 1.3`, `2.0`: libyaml refuses them as "incompatible")
is a problem at the directive naming the versions read. Dates and times, which YAML 1.1
reads as timestamps, are left alone: their JSON-shaped value is the text either way."""

from __future__ import annotations

import math
import re
from typing import Any, Final

import yaml
from yaml.events import DocumentStartEvent, ScalarEvent
from yaml.nodes import ScalarNode

from specrepo.load.document import Position
from specrepo.load.yaml_scalars import CORE_TAG, resolve_plain
from specrepo.load.yaml_text import YamlError

_DIRECTIVE: Final = re.compile(r"^%YAML[ \t]+(\S*)", re.MULTILINE)
_SAME_TEXT: Final = frozenset({CORE_TAG + "timestamp", CORE_TAG + "merge"})
"""YAML 1.1 types whose value, made JSON-shaped, is the text written (or, for `<<`, what
specrepo reads it as anyway)."""


def directive_problem(text: str) -> YamlError:
    """The problem with a `%YAML` directive naming a version neither 1.1 nor 1.2 (as
    libyaml's "found incompatible YAML document"), at the directive's line."""
    found = _DIRECTIVE.search(text)
    version = found.group(1) if found else "?"
    line = text.count("\n", 0, found.start()) + 1 if found else 1
    return YamlError(f"`%YAML {version}` declares a YAML version specrepo does not read: it "
                     "reads YAML 1.2 (and 1.1 files, naming each value the two read "
                     "differently); write `%YAML 1.2`, or remove the line",
                     Position(line, 1), "yaml-syntax")


def version_problems(version: tuple[int, int] | None, parser: Any, text: str
                     ) -> list[YamlError]:
    """The problems of a document whose `%YAML` directive declares `version` (None: it has
    none), its `text` read again by `parser` (rarely: only a file that declares 1.1 is)."""
    if version in (None, (1, 2)):
        return []
    if version != (1, 1):
        return [directive_problem(text)]
    problems = []
    loader = parser(text)
    constructor = yaml.constructor.SafeConstructor()
    resolver = yaml.resolver.Resolver()
    documents = 0
    try:
        while not isinstance(event := loader.get_event(), yaml.events.StreamEndEvent):
            if isinstance(event, ScalarEvent) and event.tag is None and not event.style:
                problem = _read_differently(event, constructor, resolver)
                if problem is not None:
                    problems.append(problem)
            elif isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    break  # a second document: the first reading names it
    finally:
        loader.dispose()
    return problems


def _read_differently(event: Any, constructor: yaml.constructor.SafeConstructor,
                      resolver: yaml.resolver.Resolver) -> YamlError | None:
    """The problem with a plain scalar YAML 1.1 and 1.2 read as different values."""
    text = event.value
    read_12 = resolve_plain(text)
    tag = resolver.resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag in _SAME_TEXT:
        return None
    if tag == CORE_TAG + "value":
        shown_11 = "the default value of its mapping (the value type `=`)"
    else:
        try:
            read_11 = constructor.construct_object(ScalarNode(tag, text))
        except (ValueError, yaml.YAMLError):  # more digits than Python converts: text
            return None
        if isinstance(read_11, float) and not math.isfinite(read_11):
            return None  # `.inf` and `.nan`: text in specrepo, JSON has neither
        if type(read_11) is type(read_12) and read_11 == read_12:
            return None
        shown_11 = _shown(read_11)
    return YamlError(
        f"`{text}` reads as {_shown(read_12)} in YAML 1.2, which specrepo reads, but as "
        f"{shown_11} in YAML 1.1, which the file's `%YAML 1.1` declares; quote it if it is "
        "text, else write it as both versions read it, or remove the `%YAML 1.1` line",
        Position(event.start_mark.line + 1, event.start_mark.column + 1), "yaml-syntax")


def _shown(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    return f"the text {value!r}"
