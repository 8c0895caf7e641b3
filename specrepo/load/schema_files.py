"""Tell a JSON Schema's dialect, and walk its subschemas and references; an offline registry
of a schema's files (which files its references reach: `schema_reach`). Reading the files
is `schema_reading`'s."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any, Final
from urllib.parse import urljoin, urlsplit

import jsonschema
import referencing
import referencing.exceptions
import referencing.jsonschema
from jsonschema_specifications import REGISTRY  # type: ignore[import-untyped]

from specrepo.load.draft_in_force import InForce, in_force, root_in_force
from specrepo.load.schema_positions import REFERENCE_KEYWORDS

LATEST: Final = jsonschema.Draft202012Validator
Reference = tuple[str, str, dict[str, Any], InForce]
"""A reference's base URI, the reference, the subschema holding it, and the drafts in force
there (the referring subschema's `keywords` is the draft the reference enters its target in)."""
METASCHEMAS: Final[referencing.Registry[Any]] = REGISTRY
"""The metaschemas jsonschema ships, known without the network."""
_LEGACY_IDS: Final = (jsonschema.Draft3Validator, jsonschema.Draft4Validator)


def validator_class(schema: Any) -> type[jsonschema.protocols.Validator]:
    """The validator jsonschema picks for `schema` (by `$schema`; 2020-12 when absent)."""
    chosen: type[jsonschema.protocols.Validator] = jsonschema.validators.validator_for(
        schema, default=LATEST)
    return chosen


def is_known_dialect(schema: dict[str, Any]) -> bool:
    """Whether jsonschema knows the metaschema `schema` names (true without `$schema`)."""
    return "$schema" not in schema or jsonschema.validators.validator_for(
        schema, default=None) is not None  # type: ignore[arg-type]


def specification(schema: Any, reached_in: str | None = None, *, own: bool = True
                  ) -> referencing.Specification[Any]:
    """The referencing rules (how `$id`s and subschemas are found) of `schema`'s dialect:
    its own `$schema`'s (unless not `own`), else that of the draft it is reached in
    (`reached_in`, a metaschema URI), else 2020-12's."""
    if reached_in is not None and not (own and isinstance(schema, dict) and "$schema" in schema):
        return tolerant(referencing.jsonschema.specification_with(
            reached_in, default=referencing.jsonschema.DRAFT202012))
    return specification_of(validator_class(schema))


@cache
def specification_of(dialect: type[jsonschema.protocols.Validator]
                     ) -> referencing.Specification[Any]:
    """The referencing rules of the dialect a validator class implements."""
    return tolerant(referencing.jsonschema.specification_with(
        dialect.META_SCHEMA["$schema"], default=referencing.jsonschema.DRAFT202012))


@cache
def tolerant(rules: referencing.Specification[Any]) -> referencing.Specification[Any]:
    """`rules` (the `referencing` package's, of one draft) reading a part of a schema that
    is no schema of the draft as holding no `id` and no subschema, where `rules` stop the
    run (`contents.get` of `true` in a draft-03 `definitions`, whose metaschema does not
    know the keyword), and draft-03's `extends` written as one schema (draft-03 §5.26)
    as that schema, where `rules` read it as a list and stop on its keys."""
    def id_of(contents: Any) -> str | None:
        return rules.id_of(contents) if isinstance(contents, dict) else None

    def subresources_of(contents: Any) -> Iterator[Any]:
        if not isinstance(contents, dict):
            return
        try:
            found = list(rules.subresources_of(contents))
        except (AttributeError, TypeError):  # a keyword's value of another shape
            found = list(rules.subresources_of(_schema_shaped(contents)))
        yield from (each for each in found if isinstance(each, (dict, bool)))
        extends = contents.get("extends")
        if rules is referencing.jsonschema.DRAFT3 and isinstance(extends, dict):
            yield extends

    def anchors_in(specification: referencing.Specification[Any], contents: Any
                   ) -> Iterator[Any]:
        if isinstance(contents, dict):
            yield from rules._anchors_in(specification, contents)

    return referencing.Specification(  # type: ignore[call-arg]
        name=rules.name, id_of=id_of, subresources_of=subresources_of,
        anchors_in=anchors_in, maybe_in_subresource=rules.maybe_in_subresource)


def _schema_shaped(contents: dict[str, Any]) -> dict[str, Any]:
    """`contents` without the values no draft's subschema keyword can hold: neither a
    mapping nor a list (a subschema keyword's value is a schema, a list of them or a
    mapping of them)."""
    return {key: value for key, value in contents.items()
            if key in ("$schema", "$id", "id", "$ref") or isinstance(value, (dict, list))}


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


def offline_registry(resources: dict[str, Any], dialects: Mapping[str, str] | None = None
                     ) -> referencing.Registry[Any]:
    """A registry of the given contents (by URI) and the shipped metaschemas; it never
    fetches: anything else is unresolvable. A file without a `$schema` of its own is
    crawled (its `$id`s, anchors and subschemas found) by the referencing rules of the
    draft it is reached in (`dialects`: URI -> that draft's metaschema URI; 2020-12 where
    none is given), as jsonschema enters it: by 2020-12's, draft-07's `"items": [...]`
    is no schema, and the crawl failed on it (an internal error, schema45)."""
    reached = dialects or {}
    try:
        return _crawled({uri: specification(contents, reached.get(uri)).create_resource(contents)
                         for uri, contents in resources.items()})
    except (AttributeError, TypeError):  # a part its file's own draft reads as no schema
        # (a `definitions` part holding draft-07's `"items": [...]` in a 2020-12 file, that a
        # draft-07 schema reaches by a pointer): each file by the draft it is reached in
        return _crawled({uri: specification(contents, reached.get(uri), own=False)
                         .create_resource(contents) for uri, contents in resources.items()})


def _crawled(resources: dict[str, referencing.Resource[Any]]) -> referencing.Registry[Any]:
    """A registry of `resources` (by URI) and the shipped metaschemas, crawled."""
    registry: referencing.Registry[Any] = referencing.Registry(
        retrieve=_refuse_retrieval  # type: ignore[call-arg]
    )
    return METASCHEMAS.combine(registry.with_resources(resources.items())).crawl()


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
                      default: type[jsonschema.protocols.Validator] = LATEST, *,
                      reached: bool = False) -> Iterator[Reference]:
    """(base URI, reference, the subschema holding it, the drafts in force there) of every
    `$ref` (and the dialect's dynamic reference) that sits where jsonschema reads a schema
    (`schema_nodes`, whose `default` and `reached` these are); `enum`, `const`, `examples`
    and unknown keywords are data, not schemas."""
    for base, node, here in schema_nodes(schema, base_uri, default, reached=reached):
        for keyword in REFERENCE_KEYWORDS:
            reference = node.get(keyword)
            if isinstance(reference, str) and keyword in {"$ref", *here.keywords.VALIDATORS}:
                yield base, reference, node, here


def schema_nodes(schema: Any, base_uri: str,
                 default: type[jsonschema.protocols.Validator] = LATEST, *,
                 reached: bool = False
                 ) -> Iterator[tuple[str, dict[str, Any], InForce]]:
    """Every subschema that jsonschema reads and is a mapping, with its base URI and the
    drafts in force there (`draft_in_force`): `schema` is a root validated in its own
    draft (its `$schema`'s, else `default`) or, with `reached`, a schema a `$ref` in a
    schema of the draft `default` reaches (a file or a part of one). Where keywords beside
    `$ref` are ignored (drafts 3 to 7 enter the schema), the siblings are skipped, as
    jsonschema ignores them. A keyword whose value is not of the form its dialect gives it
    (`properties: 5`, `$id: 5`: its metaschema's to name) holds no subschema here."""
    first = in_force(schema, default) if reached else root_in_force(schema, default)
    stack = [(specification_of(first.entered_in).create_resource(schema), base_uri,
              first.entered_in)]
    while stack:
        resource, base, entered_in = stack.pop()
        contents = resource.contents
        if not isinstance(contents, dict):
            continue
        here = in_force(contents, entered_in)
        specification = specification_of(here.keywords)
        if here.keywords is not entered_in:
            resource = specification.create_resource(contents)
        if all(isinstance(contents.get(key, ""), str) for key in ("$id", "id")):
            identifier = resource.id()
            if identifier is not None:
                base = urljoin(base, identifier)
        yield base, contents, here
        if "$ref" in contents and here.ignores_ref_siblings:
            continue
        stack.extend((child, base, here.reaching())
                     for child in _subresources(resource, specification))


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
