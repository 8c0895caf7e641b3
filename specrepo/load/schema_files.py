"""Read a user's JSON Schema and every local file it refers to; refuse what needs the network.

A reference is local when it resolves, without fetching anything, to the schema itself (its
JSON Pointers, embedded `$id`s, `$anchor`s and `$dynamicAnchor`s), to another schema file
next to it, or to a metaschema that jsonschema ships. Relative references resolve against
the schema's `$id`; when that `$id` is a URL, a reference below the URL's folder is read from
the same place below the schema file's folder (`"$id": "https://example.com/s/spec.json"` and
`"$ref": "common.json"` read `common.json` next to the file). A file outside the repository
(by `..`, an absolute `file:` URI or a symbolic link) is not local: the verdict would
depend on the machine. Anything else is refused with a `ConfigError` before any document is
checked.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final
from urllib.parse import unquote, urljoin, urlsplit

import jsonschema
import referencing
import referencing.exceptions
import referencing.jsonschema
from jsonschema_specifications import REGISTRY  # type: ignore[import-untyped]
from referencing._core import Resolver

from specrepo.base.errors import ConfigError
from specrepo.base.paths import display_path, outside_why, real_path
from specrepo.base.reading import UnreadableFile, read_bounded
from specrepo.load.schema_positions import REFERENCE_KEYWORDS, reference_position
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


def read_schema_bytes(path: Path) -> bytes:
    """A schema file's bytes; raises ConfigError naming the file when it is not a regular
    file, is over `MAX_SCHEMA_BYTES`, or cannot be read."""
    try:
        return read_bounded(path, MAX_SCHEMA_BYTES)
    except UnreadableFile as problem:
        raise ConfigError(f"{display_path(path)}: {problem.describe('schema')}") from None


def read_schema_file(path: Path) -> Any:
    """A schema file's contents: `.json` files as JSON (RFC 8259), others as YAML.

    Raises ConfigError naming the file (and line) when it cannot be read or parsed.
    """
    return parse_schema_bytes(path, read_schema_bytes(path))


def parse_schema_bytes(path: Path, raw: bytes, text_keys: list[TextKey] | None = None) -> Any:
    """A schema file's contents from its bytes `raw` (`path` names it and, by its suffix,
    its format), as `read_schema_file` reads them. Raises ConfigError naming the file.
    With `text_keys`, a YAML key read as another type (`200:`) is read as its text and
    noted there (only the parts of a file references reach are judged)."""
    if path.suffix.lower() == ".json":
        return _read_json(path, raw)
    try:
        return load_yaml(raw, parser=None if text_keys is None else text_keys_parser(
            text_keys)).data
    except YamlError as error:
        where = f":{error.position.line}:{error.position.column}" if error.position else ""
        raise ConfigError(
            f"{display_path(path)}{where}: cannot load the schema: {error.message}"
        ) from None


def _read_json(path: Path, raw: bytes) -> Any:
    shown = display_path(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ConfigError(f"{shown}: cannot load the schema: invalid UTF-8 at byte "
                          f"{error.start}; save the file as UTF-8") from None
    try:
        return json.loads(text, parse_constant=_refuse_constant,
                          object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        raise ConfigError(f"{shown}:{error.lineno}:{error.colno}: cannot load the schema: "
                          f"{error.msg}") from None
    except ValueError as error:
        raise ConfigError(f"{shown}: cannot load the schema: {error}") from None
    except RecursionError:
        raise ConfigError(f"{shown}: cannot load the schema: it is nested too deeply") \
            from None


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


def local_resources(path: Path, base_uri: str, schema: Any, repository: Path,
                    read: SchemaFileReader | None = None
                    ) -> tuple[dict[str, Any], tuple[Path, ...], dict[Path, list[TextKey]]]:
    """The schema (keyed by its root id) and every local file its references reach, keyed
    by the URI the references use, read by `read` (default: as they are now); the files
    read for them (`path` first); and the keys of YAML files read as text, by file (see
    `parse_schema_bytes`: the caller judges those in the parts it checks). Raises
    ConfigError for a reference that is not local (a file outside the folder `repository`
    is not), or that points to nothing."""
    resources = {root_id(schema, base_uri): schema}
    files = [path]
    origin = _Origin(path, base_uri, root_id(schema, base_uri), repository, read)
    while True:
        registry = offline_registry(resources)
        missing = _first_missing(registry, resources, origin)
        if missing is None:
            for uri, contents in resources.items():
                check_reference_cycles(registry, uri, contents, origin.shown(uri))
            return resources, tuple(files), origin.text_keys
        resources[missing[0]] = origin.contents(missing[1])
        files.append(missing[1])


def root_id(schema: Any, base_uri: str) -> str:
    """The URI relative references of the root of `schema` (read from `base_uri`) resolve
    against: its `$id` (`id`), or where its draft ignores that (drafts 4 to 7 ignore every
    sibling of a `$ref`, `$id` included) or it has none, `base_uri`."""
    rooted = with_base_uri(schema, base_uri)
    if not isinstance(rooted, dict):
        return base_uri
    own = specification_of(validator_class(schema)).id_of(rooted)
    return (own or base_uri).partition("#")[0]


class _Origin:
    """Where the root schema lives, to map references below its `$id` onto local files;
    `repository`: the folder every file read must be inside (the repository's top)."""

    def __init__(self, path: Path, base_uri: str, root_id: str, repository: Path,
                 read: SchemaFileReader | None) -> None:
        self.path, self.base_uri, self.root_id, self.read = path, base_uri, root_id, read
        self.repository = repository
        self.text_keys: dict[Path, list[TextKey]] = {}

    def contents(self, path: Path) -> Any:
        """The parsed schema file at `path` (as the commit `read` reads has it)."""
        raw = read_schema_bytes(path) if self.read is None else self.read(path)
        if raw is None:
            raise ConfigError(f"{display_path(path)}: no such file in that commit")
        return parse_schema_bytes(path, raw, self.text_keys.setdefault(path, []))

    def shown(self, uri: str) -> str:
        """`file_of(uri)` as the user names it (a file below a URL `$id` too)."""
        return display_path(self.file_of(uri))

    def file_of(self, uri: str) -> Path:
        """The file the schema at `uri` (the root, or a local file) was read from."""
        local = None if uri == self.root_id else self.local_file(uri)
        return self.path if local is None else local

    def local_file(self, target: str) -> Path | None:
        """The local file that stands for `target`, or None if it is really remote."""
        parts = urlsplit(target)
        if parts.scheme == "file":
            return Path(unquote(parts.path))
        folder = real_path(self.path).parent
        if not parts.scheme:  # relative to a non-hierarchical `$id` such as a URN
            return folder / unquote(parts.path) if parts.path else None
        root = urlsplit(self.root_id)
        if ((parts.scheme, parts.netloc) != (root.scheme, root.netloc) or parts.query
                or not root.path.startswith("/")):
            return None
        relative = posixpath.relpath(unquote(parts.path), posixpath.dirname(root.path))
        if relative == ".." or relative.startswith("../"):
            return None
        candidate = folder / relative
        there = candidate.is_file() if self.read is None else self.read(candidate) is not None
        return candidate if there else None


def _first_missing(registry: referencing.Registry[Any], resources: dict[str, Any],
                   origin: _Origin) -> tuple[str, Path] | None:
    """The first local file a reference needs that is not loaded yet (its URI, path)."""
    for uri, contents in resources.items():
        for base, reference, node in schema_references(contents, uri):
            try:
                registry.resolver(base).lookup(reference)
            except referencing.exceptions.Unresolvable as error:
                target = urljoin(base, reference).partition("#")[0]
                if target in registry:
                    raise ConfigError(
                        f"{origin.shown(uri)}: $ref '{reference}' points to nothing: "
                        f"{_unresolvable(error)}") from None
                local = origin.local_file(target)
                if local is None:
                    raise ConfigError(
                        f"{origin.shown(uri)}: $ref '{reference}' points to {target}; "
                        "specrepo never fetches schemas over the network: save that schema "
                        "next to this one and refer to it by relative path") from None
                outside = outside_why(origin.repository, local)
                if outside is not None:
                    file = origin.file_of(uri)
                    where = reference_position(read_schema_bytes(file), contents, node,
                                               reference)
                    raise ConfigError(
                        f"{display_path(file)}{where}: "
                        f"$ref '{reference}' names a file {outside}; a schema refers only "
                        "to files in the repository, so that every checkout checks specs "
                        "alike: copy that schema into the repository and refer to it by "
                        "relative path") from None
                return target, local
    return None


def _unresolvable(error: referencing.exceptions.Unresolvable) -> str:
    if isinstance(error, referencing.exceptions.PointerToNowhere):
        return f"no value at the JSON Pointer '{error.ref}'"
    if isinstance(error, referencing.exceptions.NoSuchAnchor):
        return f"no anchor '{error.anchor}' in {error.resource.id() or 'the schema'}"
    return str(error)


def schema_references(schema: Any, base_uri: str
                      ) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(base URI, reference, the subschema holding it) of every `$ref` (and the dialect's
    dynamic reference) that sits where the dialect reads a schema; `enum`, `const`,
    `examples` and unknown keywords are data, not schemas."""
    for base, node, dialect in schema_nodes(schema, base_uri):
        for keyword in REFERENCE_KEYWORDS:
            reference = node.get(keyword)
            if isinstance(reference, str) and keyword in {"$ref", *dialect.VALIDATORS}:
                yield base, reference, node


def schema_nodes(schema: Any, base_uri: str,
                 default: type[jsonschema.protocols.Validator] = LATEST
                 ) -> Iterator[tuple[str, dict[str, Any], type[jsonschema.protocols.Validator]]]:
    """Every subschema that is a mapping, with its base URI and dialect (its `$schema`'s,
    else `default`). In drafts 3 to 7 the siblings of `$ref` are skipped, as jsonschema
    ignores them."""
    dialect = jsonschema.validators.validator_for(schema, default=default)
    root = referencing.Resource.from_contents(schema, default_specification=specification_of(
        dialect))
    stack = [(root, base_uri, dialect)]
    while stack:
        resource, base, dialect = stack.pop()
        contents = resource.contents
        if not isinstance(contents, dict):
            continue
        dialect = jsonschema.validators.validator_for(contents, default=dialect)
        identifier = resource.id()
        if identifier is not None:
            base = urljoin(base, identifier)
        yield base, contents, dialect
        if "$ref" in contents and dialect in REF_SIBLINGS_IGNORED:
            continue
        stack.extend((child, base, dialect) for child in resource.subresources())


_IN_PLACE_LISTS: Final = ("allOf", "anyOf", "oneOf")
_IN_PLACE_VALUES: Final = ("not", "if", "then", "else")


def check_reference_cycles(registry: referencing.Registry[Any], root_id: str, schema: Any,
                           name: str) -> None:
    """Refuse references that lead back to themselves without reading a part of the
    document (`{"$ref": "#"}`, or through `allOf`, `not`, `if`…): on some document
    jsonschema would recurse without end."""
    active: set[int] = set()
    done: set[int] = set()
    for base, start, _dialect in schema_nodes(schema, root_id):
        _follow_in_place(start, registry.resolver(base), name, active, done)


def _follow_in_place(start: dict[str, Any], resolver: Resolver[Any], name: str,
                     active: set[int], done: set[int]) -> None:
    stack: list[tuple[Any, Resolver[Any], str | None, bool]] = [
        (start, resolver, None, False)]
    while stack:
        node, scope, reference, leaving = stack.pop()
        if leaving:
            active.discard(id(node))
            done.add(id(node))
            continue
        if id(node) in active:
            raise ConfigError(
                f"{name}: $ref '{reference}' leads back to itself without reading any part "
                "of the document; jsonschema would follow it without end")
        if id(node) in done or not isinstance(node, dict):
            continue
        active.add(id(node))
        stack.append((node, scope, reference, True))
        stack.extend(_in_place_children(node, scope))


def _in_place_children(node: dict[str, Any], scope: Resolver[Any]
                       ) -> Iterator[tuple[Any, Resolver[Any], str | None, bool]]:
    """The subschemas applied to the same instance as `node`, each with its scope."""
    for keyword in REFERENCE_KEYWORDS:
        reference = node.get(keyword)
        if isinstance(reference, str):
            try:
                resolved = scope.lookup(reference)
            except referencing.exceptions.Unresolvable:
                continue
            yield resolved.contents, resolved.resolver, reference, False
    children = [node[keyword] for keyword in _IN_PLACE_VALUES if keyword in node]
    for keyword in _IN_PLACE_LISTS:
        if isinstance(node.get(keyword), list):
            children.extend(node[keyword])
    if isinstance(node.get("dependentSchemas"), dict):
        children.extend(node["dependentSchemas"].values())
    for child in children:
        if isinstance(child, dict):
            inner = scope.in_subresource(referencing.Resource.from_contents(
                child, default_specification=referencing.jsonschema.DRAFT202012))
            yield child, inner, None, False
