"""`fields:` entries that name a field no spec has: a typo (`approvers: approver`,
`created: creation_date`) would otherwise make every spec's approvers or dates vanish
from the report and the pages, silently. An optional field only some specs have, or one
the spec schema describes (a field no spec uses yet), is no typo and is not reported."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from specrepo.base.errors import ConfigError
from specrepo.base.suggest import did_you_mean
from specrepo.base.wording import counted
from specrepo.check.rules import config_findings, severity_of, unused_field
from specrepo.load.document import Document, JsonPath, Position, value_at
from specrepo.load.schema_files import read_schema_file
from specrepo.load.schema_source import SPEC_SCHEMA, bundled_schema
from specrepo.load.spec_files import load_spec_content, read_spec_file
from specrepo.load.yaml_loader import LoadLimits, YamlError
from specrepo.model.config import Config
from specrepo.model.fields import SINGLE_FIELDS
from specrepo.model.findings import Finding

_ALWAYS_CHECKED = ("id", "status")
"""Fields every spec needs: validate already reports each spec without them."""


def written_field_positions(document: Document) -> dict[str, Position]:
    """Where in specrepo.yaml (`document`) each single field `fields:` maps to a path is
    mapped: the position of the path written (`Config.field_positions`)."""
    value = value_at(document.data, ("fields",))
    return {name: document.position(("fields", name)) for name, text in
            (value.items() if isinstance(value, dict) else ()) if name in SINGLE_FIELDS
            and isinstance(text, str)}


def unused_field_findings(config: Config,
                          spec_files: Callable[[], Sequence[Path]]) -> tuple[Finding, ...]:
    """An `unused-field` finding, at its line of specrepo.yaml, for each field `fields:`
    maps to a path that none of the spec files (`spec_files()`, listed only when some entry
    needs it) has a value at (null counts as absent) and that the spec schema names
    nowhere as a property. Nothing is said when there is no spec, or when `rules:` turns
    the rule off. Files are read only while some entry is still unseen, and only the
    top-level keys the entries need; a file that cannot be read is validate's to
    report."""
    written = _written(config) if severity_of(unused_field.RULE.id, config.severities) \
        else {}
    named = sorted(_schema_names(config)) if written else []  # no schema read without
    candidates = {name: path for name, path in written.items() if str(path[-1]) not in named}
    files = spec_files() if candidates else ()
    if not files:
        return ()
    limits = LoadLimits(max_bytes=config.max_file_size)
    keep = frozenset(str(path[0]) for path in candidates.values())
    for file in files:
        try:
            raw = read_spec_file(file, config.root, config.max_file_size)
            data = load_spec_content(raw, config.fields.read_as_text, limits, keep,
                                     front_matter=config.front_matter).document.data
        except (YamlError, OSError):
            continue
        for name in [name for name, path in candidates.items()
                     if value_at(data, path) is not None]:
            del candidates[name]
        if not candidates:
            return ()
    return config_findings(config, unused_field.RULE, (
        (config.field_positions[name],
         f"`fields: {name}:` names `{_dotted(path)}`, a field no spec has "
         f"({counted(len(files), 'spec file')}) and the spec schema does not describe, so "
         f"no spec's `{name}` is read{_suggestion(path, named)}", ("fields", name))
        for name, path in candidates.items()))


def _suggestion(path: JsonPath, named: Sequence[str]) -> str:
    suggestion = did_you_mean(str(path[-1]), named)
    return f"; did you mean `{suggestion}`?" if suggestion else \
        "; a typo? Map it to the field that holds it"


def _schema_names(config: Config) -> set[str]:
    """Every name the spec schema gives a property, anywhere (none when it cannot be
    read: validate reports that)."""
    try:
        schema = bundled_schema(SPEC_SCHEMA) if config.schema_path is None \
            else read_schema_file(config.schema_path)
    except ConfigError:
        return set()
    return set(_property_names(schema))


def _written(config: Config) -> dict[str, JsonPath]:
    """The entries written in `fields:` that may be typos: not the id nor the status
    (validate reports every spec without them), nor a Markdown spec's title (its body's
    heading gives it where the front matter has none)."""
    written = {name: getattr(config.fields, name) for name in config.field_positions
               if name not in _ALWAYS_CHECKED
               and not (name == "title" and config.front_matter)}
    return {name: path for name, path in written.items() if path is not None}


def _property_names(schema: Any) -> Iterator[str]:
    """Every name under a `properties` (or `required`) anywhere in the schema document:
    a field the schema mentions anywhere is no typo."""
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "properties" and isinstance(value, dict):
                yield from map(str, value)
            if key == "required" and isinstance(value, list):
                yield from map(str, value)
            yield from _property_names(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _property_names(value)


def _dotted(path: JsonPath) -> str:
    return ".".join(map(str, path))
