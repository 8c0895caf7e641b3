"""Compiled schemas: a jsonschema validator and, where the schema allows, a plain-Python
verdict that is much faster; what jsonschema raises instead of a verdict, as a `ConfigError`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import referencing.exceptions
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator

from specrepo.base.errors import ConfigError
from specrepo.check.schema_predicates import Predicate, compile_schema
from specrepo.check.unevaluated import SchemaReferences
from specrepo.load.ecma_regex import EcmaRegexError
from specrepo.load.schema_files import parse_schema_bytes, read_schema_bytes
from specrepo.load.schema_inline import inline_local_refs
from specrepo.load.schema_source import (
    SPEC_SCHEMA,
    SchemaScope,
    SchemaSource,
    bundled_source,
    root_scope,
    schema_source_from,
)
from specrepo.model.config import Config


@contextmanager
def schema_failures(name: str) -> Iterator[None]:
    """Turn what jsonschema raises instead of a verdict into a ConfigError naming the schema:
    a reference that resolves to nothing (one that only a JSON Pointer into data reaches),
    references that loop without end, patterns jsonschema joins into an invalid ECMA-262
    regular expression (loading a user's schema refuses them first)."""
    try:
        yield
    except referencing.exceptions.Unresolvable as error:
        raise ConfigError(f"{name}: a reference cannot be resolved: {error}") from None
    except RecursionError:
        raise ConfigError(f"{name}: the schema refers to itself without end "
                          "(a $ref cycle that never reaches a keyword)") from None
    except EcmaRegexError as error:
        raise ConfigError(f"{name}: a pattern cannot be used: {error}") from None


@dataclass(frozen=True)
class CompiledSchema:
    """A validator, and where the schema allows it, a plain-Python verdict that is much
    faster; valid documents (the common case) never reach jsonschema."""

    scope: SchemaScope
    accepts: Predicate | None
    name: str = "the schema"
    linked: Mapping[str, Any] = field(default_factory=dict)
    """The local files the schema's references reach, by URI (`SchemaSource.linked`)."""

    @cached_property
    def validator(self) -> Validator:
        """jsonschema's validator of the whole schema."""
        return self.scope.validator()

    @cached_property
    def references(self) -> SchemaReferences:
        """Where the schema's references lead (built on first use: only findings about
        unevaluated properties and items need it)."""
        return SchemaReferences(self.scope.resolver, {"": self.scope.contents, **self.linked})

    def is_valid(self, instance: Any) -> bool:
        """The schema's verdict on `instance`; ConfigError if jsonschema cannot give one."""
        if self.accepts is not None:
            return self.accepts(instance)
        with schema_failures(self.name):
            return bool(self.validator.is_valid(instance))

    def errors(self, instance: Any) -> list[ValidationError]:
        """Every error jsonschema reports on `instance` (see `is_valid` for what it raises)."""
        with schema_failures(self.name):
            return list(self.validator.iter_errors(instance))


def compile_source(source: SchemaSource) -> CompiledSchema:
    """A validator for `source`, with a compiled verdict when the schema is simple enough."""
    return CompiledSchema(root_scope(source), compile_schema(inline_local_refs(source.schema)),
                          source.name, source.linked)


def spec_schema_source(config: Config) -> SchemaSource:
    """The schema specs are checked against: the configured one, else the bundled one.
    Raises ConfigError as `load_schema_source` does; for a file that cannot be read, at
    the `schema:` line of specrepo.yaml that names it."""
    path = config.schema_path
    if path is None:
        return bundled_source(SPEC_SCHEMA)
    try:
        raw = read_schema_bytes(path)
    except ConfigError as error:
        raise ConfigError(f"{config.placed(('schema',))}: schema: {error}") from None
    return schema_source_from(path, parse_schema_bytes(path, raw), config.repository)


class SpecSchemaOnce:
    """The spec schema (`spec_schema_source`), loaded on first use and kept: one load
    serves every part of a run (mining, checking, reporting), and an error in it is raised
    where the first part asks."""

    def __init__(self, config: Config) -> None:
        self._config = config
        self._source: SchemaSource | None = None

    def __call__(self) -> SchemaSource:
        """The schema (see `spec_schema_source`)."""
        if self._source is None:
            self._source = spec_schema_source(self._config)
        return self._source
