"""Offline validators for JSON Schemas, and a user's schema read with the local files its
references reach.

jsonschema fetches unknown `$ref` URLs over the network unless it is given a registry; every
validator here gets one that knows only the schema's own local files and the metaschemas
jsonschema ships, so validation never touches the network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jsonschema.protocols import Validator
from referencing._core import Resolver
from referencing.jsonschema import lookup_recursive_ref

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import ConfigError
from specrepo.base.paths import display_path, real_path
from specrepo.load.dialect_validators import specrepo_validator
from specrepo.load.draft_in_force import InForce, in_force, root_in_force
from specrepo.load.format_checker import draft_checker
from specrepo.load.referenced_parts import strict_lookup
from specrepo.load.schema_files import (
    offline_registry,
    root_id,
    specification_of,
    validator_class,
    with_base_uri,
)
from specrepo.load.schema_inline import inline_local_refs
from specrepo.load.schema_problems import refuse
from specrepo.load.schema_reach import reach_schema
from specrepo.load.schema_reading import (
    SchemaFileReader,
    SchemaLoadError,
    parse_schema_bytes,
    read_schema_bytes,
)
from specrepo.load.schema_soundness import check_metaschema
from specrepo.load.schema_source import SchemaSource


def load_schema_source(path: Path, repository: Path) -> SchemaSource:
    """Read a user's schema file (`.json` as JSON, else YAML) and every local file its
    references reach (see `local_resources`), all inside the folder `repository`
    (`Config.repository`).

    Raises ConfigError, naming the file, for an unreadable file, a schema its metaschema
    refuses, or a reference that needs the network, leaves `repository` or points to
    nothing.
    """
    return schema_source_from(path, parsed_schema(path, read_schema_bytes(path), repository),
                              repository)


def parsed_schema(path: Path, raw: bytes, repository: Path) -> Any:
    """The schema file at `path` parsed from its bytes `raw` (`parse_schema_bytes`).
    Raises SchemaLoadError naming its problems and, where they leave its text readable (a
    duplicate key, `NaN`, nesting too deep; never a syntax error, which hides what it
    refers to), every problem of the local files its references reach (`reach_schema`,
    inside the folder `repository`), so that one run names them all."""
    try:
        return parse_schema_bytes(path, raw)
    except SchemaLoadError as error:
        if error.read is None:
            raise
        try:
            reached = reach_schema(path, error.read[0], repository).problems
        except (ConfigError, RecursionError):  # (RecursionError: subschemas nested past
            raise error from None  # the stack, which its own nesting too deep says: newuser67)
        own = display_path(path)  # its problems as read past them: not the file's
        others = tuple(sorted({problem for problem in reached if problem.file != own}))
        if not others:
            raise
        raise SchemaLoadError(error.problem, more=(*error.more, *others)) from None


def schema_source_from(path: Path, schema: Any, repository: Path,
                       read: SchemaFileReader | None = None, *, past: bool = False
                       ) -> SchemaSource:
    """A schema read from `path` (or, for an earlier version of it, from git: its
    contents `schema`, parsed) as `load_schema_source` gives it; the local files its
    references reach are read by `read` (default: as they are now; for an earlier
    version, as its commit has them). Raises ConfigError naming every problem of them
    (`reach_schema`), sorted by file, line and column; with `past` (an earlier version),
    only for what made it unusable then (`judge_schema`)."""
    reach = reach_schema(path, schema, repository, read, past=past)
    refuse(reach.problems)
    root = next(iter(reach.resources))
    source = SchemaSource(schema, real_path(path).as_uri(),
                          {uri: contents for uri, contents in reach.resources.items()
                           if uri != root},
                          checked=True, files=reach.files,
                          linked_dialects=tuple(sorted(
                              (uri, dialect) for uri, dialect in reach.dialects.items()
                              if uri != root)))
    build_validator(source)
    return source


@dataclass(frozen=True)
class SchemaScope:
    """A schema, or a part of one, with what jsonschema resolves its references against
    there (the base URI, the registry of local files, the dynamic scope) and the drafts
    jsonschema applies to it (`draft_in_force`)."""

    contents: Any
    resolver: Resolver[Any]
    in_force: InForce

    @property
    def dialect(self) -> type[Validator]:
        """The draft whose keywords act on this schema or part."""
        return self.in_force.keywords

    def validator(self) -> Validator:
        """A validator for this schema or part, resolving references as a validator of the
        whole schema does where it reaches this part (`registry` is unused then: the
        resolver carries it)."""
        # `_resolver` is how jsonschema itself starts a validator at a part it reached
        # (`Validator.descend`); it is the only way to keep the part's scope.
        validator: Validator = specrepo_validator(self.dialect)(
            self.contents, format_checker=draft_checker(self.dialect),
            _resolver=self.resolver)  # type: ignore[call-arg]
        return validator

    def within(self, child: Any) -> SchemaScope:
        """The scope of `child`, a subschema of this one (as jsonschema's `descend`: a
        nested `$id` moves the base URI, a nested `$schema` switches the dialect)."""
        resource = specification_of(self.dialect).create_resource(child)
        return SchemaScope(child, self.resolver.in_subresource(resource),
                           in_force(child, self.in_force.reaching()))

    def follow(self, reference: str, *, recursive: bool = False) -> SchemaScope:
        """The scope a `$ref` (or `$dynamicRef`) here leads to, or with `recursive` the one
        draft 2019-09's `$recursiveRef` does (as jsonschema resolves them: in the dynamic
        scope the resolver carries); raises `referencing.exceptions.Unresolvable`."""
        resolved = lookup_recursive_ref(self.resolver) if recursive \
            else strict_lookup(self.resolver, reference)
        return SchemaScope(resolved.contents, resolved.resolver,
                           in_force(resolved.contents, self.in_force.reaching()))


def root_scope(source: SchemaSource, *, checked: bool = False,
               inline: bool = True) -> SchemaScope:
    """`source`'s whole schema with its registry of local files and the shipped
    metaschemas: the one place validators get their references from (see
    `build_validator`). Raises ConfigError for a schema its metaschema refuses.

    `checked` skips the metaschema check, for schemas already known to be valid (parts of
    the bundled ones), as `source.checked` does. With `inline` (the default), its local
    references are inlined where that changes no verdict (`inline_local_refs`: faster to
    validate with); a caller that wants only a few parts of it can inline those
    (`local_ref_inliner`) instead of the whole.
    """
    if not (checked or source.checked):
        check_metaschema(source.schema, source.name, lambda: None)
    # Relative references resolve against the schema's `$id`, or without one against its
    # file, so `common.json#/$defs/x` finds the file next to it.
    schema = with_base_uri(inline_local_refs(source.schema) if inline else source.schema,
                           source.base_uri)
    here = root_in_force(source.schema, validator_class(source.schema))
    resource = specification_of(here.keywords).create_resource(schema)
    uri = root_id(source.schema, source.base_uri)
    registry = offline_registry(source.linked, dict(source.linked_dialects))
    return SchemaScope(schema, registry.with_resource(uri, resource).resolver(base_uri=uri),
                       here)


def build_validator(source: SchemaSource, *, checked: bool = False) -> Validator:
    """A validator for `source` that resolves only the files it was given; raises
    ConfigError for a schema its metaschema refuses (see `root_scope`)."""
    return root_scope(source, checked=checked).validator()
