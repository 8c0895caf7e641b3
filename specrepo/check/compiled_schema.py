"""Compiled schemas: a jsonschema validator and, where the schema allows, a plain-Python
verdict that is much faster; what jsonschema raises instead of a verdict, as a `ConfigError`.

A valid document never reaches jsonschema, and jsonschema (with `referencing`) is imported
only when a verdict or a finding needs it: a command whose configuration and specs the
compiled verdicts accept (a warm report, timeline) never loads it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING, Any

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import ConfigError
from specrepo.base.paths import display_path
from specrepo.check.schema_predicates import Predicate, compile_schema
from specrepo.load.ecma_regex import EcmaRegexError
from specrepo.load.schema_inline import inline_local_refs
from specrepo.load.schema_reading import SchemaFileReader, read_schema_bytes
from specrepo.load.schema_source import SPEC_SCHEMA, SchemaSource, bundled_source
from specrepo.model.config import Config

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

    from specrepo.check.unevaluated import SchemaReferences
    from specrepo.load.schema_scope import SchemaScope


@contextmanager
def schema_failures(name: str) -> Iterator[None]:
    """Turn what jsonschema raises instead of a verdict into a ConfigError naming the schema:
    a reference that resolves to nothing (one that only a JSON Pointer into data reaches),
    references that loop without end or chain deeper than Python's stack, patterns
    jsonschema joins into an invalid ECMA-262 regular expression (loading a user's schema
    refuses them first), a number past a float's range that jsonschema's stock
    `multipleOf` would judge (a guard: every validator specrepo builds, a subschema's of
    its own `$schema` too, has `number_keywords`' own, `dialect_validators`)."""
    from referencing.exceptions import Unresolvable  # noqa: PLC0415 (jsonschema runs inside)

    try:
        yield
    except Unresolvable as error:
        raise ConfigError(f"{name}: a reference cannot be resolved: {error}") from None
    except RecursionError:
        raise ConfigError(f"{name}: the schema's references lead on further than they can "
                          "be followed (a $ref cycle that never reaches a keyword, or a chain "
                          "of hundreds of $refs)") from None
    except EcmaRegexError as error:
        raise ConfigError(f"{name}: a pattern cannot be used: {error}") from None
    except OverflowError as error:
        raise ConfigError(f"{name}: the schema cannot judge a number this large "
                          f"({error})") from None


@dataclass(frozen=True)
class CompiledSchema:
    """A validator, and where the schema allows it, a plain-Python verdict that is much
    faster; valid documents (the common case) never reach jsonschema."""

    source: SchemaSource
    accepts: Predicate | None

    @property
    def name(self) -> str:
        """The schema's file as the user names it (`SchemaSource.name`)."""
        return self.source.name

    @cached_property
    def scope(self) -> SchemaScope:
        """The whole schema with its registry (`root_scope`), built on first use: a verdict
        the compiled predicate gives needs none. Raises ConfigError as `root_scope` does."""
        from specrepo.load.schema_scope import root_scope  # noqa: PLC0415 (jsonschema's turn)

        return root_scope(self.source)

    @cached_property
    def validator(self) -> Validator:
        """jsonschema's validator of the whole schema."""
        return self.scope.validator()

    @cached_property
    def references(self) -> SchemaReferences:
        """Where the schema's references lead (built on first use: only findings about
        unevaluated properties and items need it)."""
        from specrepo.check.unevaluated import SchemaReferences  # noqa: PLC0415 (findings)

        return SchemaReferences(self.scope.resolver,
                                {"": self.scope.contents, **self.source.linked})

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
    """A validator for `source`, with a compiled verdict when the schema is simple enough.
    Raises ConfigError for a schema not known to pass its metaschema (`source.checked`
    false) that fails it; a checked one's validator is built when first needed."""
    compiled = CompiledSchema(source, compile_schema(inline_local_refs(source.schema)))
    if not source.checked:
        _ = compiled.scope  # the metaschema's verdict, now (see `root_scope`)
    return compiled


def plainly_valid(schema: CompiledSchema, instance: Any) -> bool:
    """Whether the compiled predicate accepts `instance` (false where there is none, or it
    refuses: jsonschema then says why); jsonschema is not loaded for it."""
    return schema.accepts is not None and schema.accepts(instance)


def spec_schema_source(config: Config, read: SchemaFileReader | None = None) -> SchemaSource:
    """The schema specs are checked against: the configured one, else the bundled one;
    its files read as `read` reads them (a hook's run: as the index stages them,
    `history.staged_schema`; None: as the work tree holds them). Raises ConfigError as
    `load_schema_source` does; for a file that cannot be read, at the `schema:` line of
    specrepo.yaml that names it."""
    path = config.schema_path
    if path is None:
        return bundled_source(SPEC_SCHEMA)
    from specrepo.load.schema_scope import (  # noqa: PLC0415 (a user's schema)
        parsed_schema,
        schema_source_from,
    )

    try:
        raw = read_schema_bytes(path) if read is None else read(path)
    except ConfigError as error:
        raise ConfigError(f"{config.placed(('schema',))}: schema: {error}") from None
    if raw is None:
        raise ConfigError(f"{config.placed(('schema',))}: schema: {display_path(path)}: the "
                          "index holds no version of it (the commit being made has none)")
    return schema_source_from(path, parsed_schema(path, raw, config.repository),
                              config.repository, read)


class SpecSchemaOnce:
    """The spec schema (`spec_schema_source`), loaded on first use and kept: one load
    serves every part of a run (mining, checking, reporting), and an error in it is raised
    where the first part asks."""

    def __init__(self, config: Config, read: SchemaFileReader | None = None) -> None:
        self._config = config
        self.read = read
        """How its files are read (`spec_schema_source`); None: as the work tree holds
        them."""
        self._source: SchemaSource | None = None

    def __call__(self) -> SchemaSource:
        """The schema (see `spec_schema_source`)."""
        if self._source is None:
            self._source = spec_schema_source(self._config, self.read)
        return self._source
