"""Read JSON Schemas (bundled or the user's own) and build offline validators for them.

jsonschema fetches unknown `$ref` URLs over the network unless it is given a registry; every
validator here gets one that knows only the schema's own local files, so validation never
touches the network.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Final
from urllib.parse import unquote, urljoin, urlsplit

import jsonschema
import referencing
import referencing.exceptions
import referencing.jsonschema
from jsonschema.protocols import Validator

from specrepo.display_paths import display_path
from specrepo.errors import ConfigError
from specrepo.schema_predicates import Predicate, compile_schema
from specrepo.yaml_loader import YamlError, load_yaml

SPEC_SCHEMA: Final = "spec.schema.json"
CONFIG_SCHEMA: Final = "config.schema.json"
FORMAT_CHECKER: Final = jsonschema.FormatChecker(formats=("date",))


def bundled_schema_text(name: str) -> str:
    """The text of a schema shipped with specrepo."""
    return resources.files("specrepo.schemas").joinpath(name).read_text(encoding="utf-8")


def bundled_schema(name: str) -> dict[str, Any]:
    """A schema shipped with specrepo, parsed."""
    schema: dict[str, Any] = json.loads(bundled_schema_text(name))
    return schema


@dataclass(frozen=True)
class SchemaSource:
    """A schema and the local files its `$ref`s reach, keyed by their file URI."""

    schema: dict[str, Any]
    base_uri: str
    linked: dict[str, Any]


def bundled_source(name: str) -> SchemaSource:
    """A bundled schema as a `SchemaSource`; bundled schemas have no external `$ref`s."""
    return SchemaSource(bundled_schema(name), f"urn:specrepo:bundled:{name}", {})


def load_schema_source(path: Path) -> SchemaSource:
    """Read a user's schema file (JSON or YAML) and every local file its `$ref`s reach."""
    base_uri = path.resolve().as_uri()
    schema = _read_schema_file(path)
    linked: dict[str, Any] = {}
    pending = [(base_uri, schema)]
    while pending:
        uri, contents = pending.pop()
        for ref in _refs(contents):
            target = urljoin(uri, ref).partition("#")[0]
            if not target or target == base_uri or target in linked:
                continue
            parts = urlsplit(target)
            if parts.scheme != "file":
                raise ConfigError(
                    f"{display_path(path)}: $ref '{ref}' points to {target}; specrepo never "
                    "fetches schemas "
                    "over the network: save that schema next to this one and refer to it by "
                    "relative path"
                )
            linked[target] = _read_schema_file(Path(unquote(parts.path)))
            pending.append((target, linked[target]))
    source = SchemaSource(schema, base_uri, linked)
    build_validator(source)  # fail now, with the file named, if the schema is unusable
    return source


def _read_schema_file(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ConfigError(
            f"{display_path(path)}: cannot read the schema: {error.strerror}"
        ) from None
    try:
        return load_yaml(raw).data  # YAML is a superset of JSON: one loader reads both
    except YamlError as error:
        where = f":{error.position.line}:{error.position.column}" if error.position else ""
        raise ConfigError(
            f"{display_path(path)}{where}: cannot load the schema: {error.message}"
        ) from None


def _refs(node: Any) -> list[str]:
    found: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            ref = current.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                found.append(ref)
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return found


def _refuse_retrieval(uri: str) -> referencing.Resource[Any]:
    raise referencing.exceptions.NoSuchResource(ref=uri)  # type: ignore[call-arg]


def build_validator(source: SchemaSource, *, checked: bool = False) -> Validator:
    """A validator for `source` that resolves only the files it was given.

    `checked` skips the metaschema check, for schemas already known to be valid (parts of
    the bundled ones, which the tests check).
    """
    registry: referencing.Registry[Any] = referencing.Registry(
        retrieve=_refuse_retrieval  # type: ignore[call-arg]
    )
    default = referencing.jsonschema.DRAFT202012
    resources_by_uri = {
        uri: referencing.Resource.from_contents(contents, default_specification=default)
        for uri, contents in {source.base_uri: source.schema, **source.linked}.items()
    }
    registry = registry.with_resources(resources_by_uri.items())
    try:
        validator_class = jsonschema.validators.validator_for(
            source.schema, default=jsonschema.Draft202012Validator
        )
        if not checked:
            validator_class.check_schema(source.schema)
    except jsonschema.SchemaError as error:
        where = "/".join(str(part) for part in error.absolute_path) or "the top level"
        raise ConfigError(
            f"{_source_name(source)}: not a valid JSON Schema at {where}: {error.message}"
        ) from None
    # Relative `$ref`s resolve against the schema's `$id`; a schema without one gets its
    # file's URI, so `common.json#/$defs/x` finds the file next to it.
    schema = inline_local_refs(source.schema)
    if "$id" not in schema:
        schema = {"$id": source.base_uri, **schema}
    validator: Validator = validator_class(
        schema, registry=registry, format_checker=FORMAT_CHECKER
    )
    return validator


_ANNOTATIONS: Final = frozenset(
    {"description", "title", "examples", "default", "$comment", "deprecated"}
)
_DYNAMIC: Final = frozenset({"$id", "$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef"})


def inline_local_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """Replace `{"$ref": "#/$defs/x", "description": …}` by the definition itself.

    Validation gives the same verdicts, but jsonschema no longer resolves a reference at
    every use, which is a third of the validation time for a schema built from `$defs`.
    Only references whose siblings are annotations are inlined, and only in schemas with
    no embedded `$id`, anchors or dynamic references, where inlining cannot change meaning.
    """
    definitions = schema.get("$defs")
    if not isinstance(definitions, dict) or _uses_dynamic_scope(schema):
        return schema

    def inline(node: Any, seen: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [inline(item, seen) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        name = ref[len("#/$defs/"):] if isinstance(ref, str) and ref.startswith("#/$defs/") \
            else None
        if (name is not None and name in definitions and name not in seen
                and isinstance(definitions[name], dict)
                and set(node) - {"$ref"} <= _ANNOTATIONS):
            target = inline(definitions[name], (*seen, name))
            return {**target, **{key: value for key, value in node.items() if key != "$ref"}}
        return {key: inline(value, seen) if key != "$defs" else value
                for key, value in node.items()}

    inlined: dict[str, Any] = inline(schema, ())
    return inlined


def _uses_dynamic_scope(schema: dict[str, Any]) -> bool:
    stack: list[Any] = [{key: value for key, value in schema.items() if key != "$id"}]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if _DYNAMIC & set(node):
                return True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


_ROOT_ONLY: Final = frozenset({"$schema", "$id", "$defs", "definitions", "title", "examples",
                               "description", "$comment"})


@dataclass(frozen=True)
class CompiledSchema:
    """A validator, and where the schema allows it, a plain-Python verdict that is much
    faster; valid documents (the common case) never reach jsonschema."""

    validator: Validator
    accepts: Predicate | None

    def is_valid(self, instance: Any) -> bool:
        """The schema's verdict on `instance`."""
        if self.accepts is not None:
            return self.accepts(instance)
        return bool(self.validator.is_valid(instance))


def compile_source(source: SchemaSource) -> CompiledSchema:
    """A validator for `source`, with a compiled verdict when the schema is simple enough."""
    validator = build_validator(source)
    schema = inline_local_refs(source.schema)
    accepts = compile_schema({key: value for key, value in schema.items()
                              if key not in _ROOT_ONLY})
    return CompiledSchema(validator, accepts)


def _source_name(source: SchemaSource) -> str:
    if source.base_uri.startswith("file:"):
        return unquote(urlsplit(source.base_uri).path)
    return source.base_uri
