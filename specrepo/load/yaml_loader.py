"""Load YAML bytes into a `Document`: JSON-shaped data, positions, and bounded resources.

The loader reads YAML's event stream (libyaml's C parser when PyYAML has it, else the
pure-Python one; both produce the same events, from text `yaml_text.prepare` has made read
as YAML 1.2) and builds the data itself, so that:

- scalars follow the YAML 1.2 core schema (`yaml_scalars`): dates stay the text written;
- keys are strings; every duplicate key is an error naming both lines;
- merge keys (`<<: *defaults`) merge as YAML 1.1's merge type says (PyYAML, GitLab CI and
  docker compose follow it): the mapping's own keys win, then the merged mappings in order;
  merged values keep the positions where they are written;
- invisible characters where a reader sees a space or nothing are named (`yaml_syntax`);
- aliases are shared, never copied, and the nodes they expand to are counted and capped,
  so an alias bomb is refused in microseconds instead of being walked for hours;
- nesting depth is capped without recursion, and file size is capped before reading;
- every node keeps its line and column;
- PyYAML is imported by the first file loaded (`yaml_builder` holds what uses it): a run
  that parses nothing (a warm `timeline`, whose configuration is kept) never imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from specrepo.load.document import Document, Position, describe_kind
from specrepo.load.yaml_limits import DEFAULT_LIMITS, DEFAULT_MAX_BYTES, LoadLimits, oversized
from specrepo.load.yaml_role import YamlRole
from specrepo.load.yaml_text import YamlError, decode, only_markers, prepare

__all__ = ["DEFAULT_LIMITS", "DEFAULT_MAX_BYTES", "LoadLimits", "YamlError", "YamlRole",
           "load_yaml", "load_yaml_value"]


class EventSource(Protocol):
    """What the loader needs of a PyYAML parser (C or pure Python)."""

    def get_event(self) -> Any: ...

    def get_mark(self) -> Any: ...

    def dispose(self) -> None: ...


ParserClass = Callable[[str], EventSource]


def load_yaml(raw: bytes, limits: LoadLimits = DEFAULT_LIMITS,
              parser: ParserClass | None = None, keep: frozenset[str] | None = None, *,
              role: YamlRole = YamlRole.SPEC) -> Document:
    """Load one YAML document whose top level is a mapping, with `parser` (default:
    `yaml_builder.PARSER`, libyaml's when PyYAML has it), from a file that is `role` (a
    spec, the configuration, a schema: its problems are advised in those terms).

    Raises `YamlError` naming the first problem, with the file's others in `more`.

    With `keep`, only those top-level keys are built; the values of the others are parsed
    (so syntax errors and the depth cap still apply) but not turned into data, which is
    what reading thousands of historical versions for a few fields needs. Duplicate keys
    and aliases inside skipped values go unchecked; an alias to an anchor in a skipped value
    makes the loader build everything after all.
    """
    document = load_yaml_value(raw, limits, parser, keep, role=role)
    if document.data is None and only_markers(raw.decode("utf-8")):  # decoded: `---` alone
        raise YamlError("the file is empty (its one YAML document holds nothing)",
                        Position(1, 1), "yaml-empty")
    if not isinstance(document.data, dict):
        kind = describe_kind(document.data)
        raise YamlError(
            f"the top level must be a mapping of keys to values, not {kind}",
            document.root,
            "yaml-structure",
        )
    return document


def load_yaml_value(raw: bytes, limits: LoadLimits = DEFAULT_LIMITS,
                    parser: ParserClass | None = None,
                    keep: frozenset[str] | None = None, *,
                    role: YamlRole = YamlRole.SPEC) -> Document:
    """Load one YAML document whatever its top level (a mapping, list or scalar); otherwise
    as `load_yaml`, which is this plus the check that the top level is a mapping."""
    if len(raw) > limits.max_bytes:
        raise oversized(len(raw), limits.max_bytes, role)
    text = decode(raw)
    prepared = prepare(text)
    # PyYAML: only when a file is read. Not `from specrepo.load import ...`: that form runs
    # importlib's Python for a package's names at each call, once per file read.
    import specrepo.load.yaml_builder as builder  # noqa: PLC0415

    return builder.build_document(text, prepared, limits, parser or builder.PARSER, keep, role)


