"""Read a user's JSON Schema files (JSON or YAML), tell their dialect, and walk their
subschemas and references; an offline registry of them (which files a schema's references
reach: `schema_reach`)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, Final
from urllib.parse import urljoin, urlsplit

import jsonschema
import referencing
import referencing.exceptions
import referencing.jsonschema
from jsonschema_specifications import REGISTRY  # type: ignore[import-untyped]

from specrepo.base.errors import ConfigError
from specrepo.base.paths import display_path
from specrepo.base.reading import UnreadableFile, read_bounded
from specrepo.load.schema_positions import REFERENCE_KEYWORDS
from specrepo.load.schema_problems import SchemaProblem
from specrepo.load.yaml_loader import YamlError, load_yaml
from specrepo.load.yaml_text_keys import TextKey, text_keys_parser

LATEST: Final = jsonschema.Draft202012Validator
METASCHEMAS: Final[referencing.Registry[Any]] = REGISTRY
"""The metaschemas jsonschema ships, known without the network."""
_LEGACY_IDS: Final = (jsonschema.Draft3Validator, jsonschema.Draft4Validator)
REF_SIBLINGS_IGNORED: Final = (*_LEGACY_IDS, jsonschema.Draft6Validator,
                               jsonschema.Draft7Validator)  # `$ref` alone: siblings ignored


MAX_SCHEMA_BYTES: Final = 16 * 1024 * 1024
"""The largest schema file read (16 MiB; the JSON Schema meta-schemas are a few KB)."""
SchemaFileReader = Callable[[Path], "bytes | None"]  # a schema file's bytes in a commit


class SchemaLoadError(ConfigError):
    """A schema file that cannot be read (`unread`: not there, not a regular file, too
    large, unreadable) or parsed; `problem` names it at its file (and, for a parse error,
    its line and column)."""

    def __init__(self, problem: SchemaProblem, *, unread: bool = False) -> None:
        super().__init__(str(problem))
        self.problem, self.unread = problem, unread


def read_schema_bytes(path: Path) -> bytes:
    """A schema file's bytes; raises SchemaLoadError naming the file when it is not a
    regular file, is over `MAX_SCHEMA_BYTES`, or cannot be read."""
    try:
        return read_bounded(path, MAX_SCHEMA_BYTES)
    except UnreadableFile as problem:
        raise SchemaLoadError(SchemaProblem.at(display_path(path), None,
                                               problem.describe("schema")),
                              unread=True) from None


def read_schema_file(path: Path) -> Any:
    """A schema file's contents: `.json` files as JSON (RFC 8259), others as YAML.

    Raises SchemaLoadError naming the file (and line) when it cannot be read or parsed.
    """
    return parse_schema_bytes(path, read_schema_bytes(path))


def parse_schema_bytes(path: Path, raw: bytes, text_keys: list[TextKey] | None = None) -> Any:
    """A schema file's contents from its bytes `raw` (`path` names it and, by its suffix,
    its format), as `read_schema_file` reads them. Raises SchemaLoadError naming the file.
    With `text_keys`, a YAML key read as another type (`200:`) is read as its text and
    noted there (only the parts of a file references reach are judged)."""
    if path.suffix.lower() == ".json":
        return _read_json(path, raw)
    try:
        return load_yaml(raw, parser=None if text_keys is None else text_keys_parser(
            text_keys)).data
    except YamlError as error:
        place = error.position and (error.position.line, error.position.column)
        raise _unloadable(path, place, error.message) from None


def _unloadable(path: Path, place: tuple[int, int] | None, why: str) -> SchemaLoadError:
    return SchemaLoadError(SchemaProblem.at(display_path(path), place,
                                            f"cannot load the schema: {why}"))


def _read_json(path: Path, raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _unloadable(path, None, f"invalid UTF-8 at byte {error.start}; save the file "
                          "as UTF-8") from None
    try:
        return json.loads(text, parse_constant=_refuse_constant,
                          object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        raise _unloadable(path, (error.lineno, error.colno), error.msg) from None
    except ValueError as error:
        raise _unloadable(path, None, str(error)) from None
    except RecursionError:
        raise _unloadable(path, None, "it is nested too deeply") from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        seen: set[str] = set()
        repeated = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        raise ValueError(f"duplicate key '{repeated}' in one object")
    return mapping


def validator_class(schema: Any) -> type[jsonschema.protocols.Validator]:
    """The validator jsonschema picks for `schema` (by `$schema`; 2020-12 when absent)."""
    chosen: type[jsonschema.protocols.Validator] = jsonschema.validators.validator_for(
        schema, default=LATEST)
    return chosen


def is_known_dialect(schema: dict[str, Any]) -> bool:
    """Whether jsonschema knows the metaschema `schema` names (true without `$schema`)."""
    return "$schema" not in schema or jsonschema.validators.validator_for(
        schema, default=None) is not None  # type: ignore[arg-type]


def specification(schema: Any) -> referencing.Specification[Any]:
    """The referencing rules (how `$id`s and subschemas are found) of `schema`'s dialect."""
    return specification_of(validator_class(schema))


@cache
def specification_of(dialect: type[jsonschema.protocols.Validator]
                     ) -> referencing.Specification[Any]:
    """The referencing rules of the dialect a validator class implements."""
    return referencing.jsonschema.specification_with(
        dialect.META_SCHEMA["$schema"], default=referencing.jsonschema.DRAFT202012)


def with_base_uri(schema: Any, base_uri: str) -> Any:
    """`schema` with an absolute root id: its own `$id` resolved against `base_uri`.

    Relative references then resolve against the file's own location (`base_uri`), as
    they do for a schema without an `$id`.
    """
    if not isinstance(schema, dict):
        return schema
    key = "id" if validator_class(schema) in _LEGACY_IDS else "$id"
    own = schema.get(key)
    if isinstance(own, str) and urlsplit(own).scheme:
        return schema
    return {**schema, key: urljoin(base_uri, own if isinstance(own, str) else "")}


def _refuse_retrieval(uri: str) -> referencing.Resource[Any]:
    raise referencing.exceptions.NoSuchResource(ref=uri)  # type: ignore[call-arg]


def offline_registry(resources: dict[str, Any]) -> referencing.Registry[Any]:
    """A registry of the given contents (by URI) and the shipped metaschemas; it never
    fetches: anything else is unresolvable."""
    registry: referencing.Registry[Any] = referencing.Registry(
        retrieve=_refuse_retrieval  # type: ignore[call-arg]
    )
    registry = registry.with_resources(
        (uri, referencing.Resource.from_contents(contents, default_specification=specification(
            contents)))
        for uri, contents in resources.items()
    )
    return METASCHEMAS.combine(registry).crawl()


def root_id(schema: Any, base_uri: str) -> str:
    """The URI relative references of the root of `schema` (read from `base_uri`) resolve
    against: its `$id` (`id`), or where its draft ignores that (drafts 4 to 7 ignore every
    sibling of a `$ref`, `$id` included) or it has none, `base_uri`."""
    rooted = with_base_uri(schema, base_uri)
    if not isinstance(rooted, dict):
        return base_uri
    own = specification_of(validator_class(schema)).id_of(rooted)
    return (own or base_uri).partition("#")[0]


def schema_references(schema: Any, base_uri: str,
                      default: type[jsonschema.protocols.Validator] = LATEST
                      ) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(base URI, reference, the subschema holding it) of every `$ref` (and the dialect's
    dynamic reference) that sits where the dialect (`schema_nodes`) reads a schema; `enum`,
    `const`, `examples` and unknown keywords are data, not schemas."""
    for base, node, dialect in schema_nodes(schema, base_uri, default):
        for keyword in REFERENCE_KEYWORDS:
            reference = node.get(keyword)
            if isinstance(reference, str) and keyword in {"$ref", *dialect.VALIDATORS}:
                yield base, reference, node


def schema_nodes(schema: Any, base_uri: str,
                 default: type[jsonschema.protocols.Validator] = LATEST
                 ) -> Iterator[tuple[str, dict[str, Any], type[jsonschema.protocols.Validator]]]:
    """Every subschema that is a mapping, with its base URI and dialect (its `$schema`'s,
    else `default`). In drafts 3 to 7 the siblings of `$ref` are skipped, as jsonschema
    ignores them. A keyword whose value is not of the form its dialect gives it
    (`properties: 5`, `$id: 5`: its metaschema's to name) holds no subschema here."""
    stack = [(specification_of(default).create_resource(schema), base_uri, default)]
    while stack:
        resource, base, parent = stack.pop()
        contents = resource.contents
        if not isinstance(contents, dict):
            continue
        dialect = parent
        if "$schema" in contents and isinstance(contents["$schema"], str):
            dialect = jsonschema.validators.validator_for(contents, default=parent)
        specification = specification_of(dialect)
        if dialect is not parent:
            resource = specification.create_resource(contents)
        if all(isinstance(contents.get(key, ""), str) for key in ("$id", "id")):
            identifier = resource.id()
            if identifier is not None:
                base = urljoin(base, identifier)
        yield base, contents, dialect
        if "$ref" in contents and dialect in REF_SIBLINGS_IGNORED:
            continue
        stack.extend((child, base, dialect) for child in _subresources(resource, specification))


def _subresources(resource: referencing.Resource[Any],
                  specification: referencing.Specification[Any]
                  ) -> list[referencing.Resource[Any]]:
    """The subschemas of `resource` (of `specification`), those of each keyword of the
    right form: referencing fails on the others (`.values()` of a number)."""
    try:
        return list(resource.subresources())
    except (TypeError, AttributeError):
        pass
    children: list[referencing.Resource[Any]] = []
    for key, value in resource.contents.items():
        try:
            children += list(specification.create_resource({key: value}).subresources())
        except (TypeError, AttributeError):
            continue
    return children
