"""Inline the `#/$defs/…` references of a 2020-12 schema, where that cannot change a verdict.

jsonschema resolves a reference at every use, which is a third of the validation time of a
schema built from `$defs`; the compiled predicates (`schema_predicates`) need no references
at all. Only references in schema positions (JSON Schema 2020-12, "Core" section 10) are
resolved: `enum`, `const`, `examples`, `default` and unknown keywords hold data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final
from urllib.parse import unquote

from specrepo.load.schema_dialect import LATEST_KEYWORDS, is_latest

_IN_VALUE: Final = frozenset({"additionalProperties", "contains", "contentSchema", "else", "if",
                              "items", "not", "propertyNames", "then", "unevaluatedItems",
                              "unevaluatedProperties"})
_IN_LIST: Final = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
_IN_MAPPING: Final = frozenset({"dependentSchemas", "patternProperties", "properties"})
_SCOPED: Final = frozenset({"$id", "$schema", "$anchor", "$dynamicRef", "$dynamicAnchor",
                            "$recursiveRef", "$recursiveAnchor", "$vocabulary"})


def is_annotation(keyword: str) -> bool:
    """Whether a 2020-12 keyword never changes a verdict (jsonschema ignores it entirely)."""
    return keyword not in LATEST_KEYWORDS and keyword not in _SCOPED


def inline_local_refs(schema: Any) -> Any:
    """`schema` with each `{"$ref": "#/$defs/x", …annotations}` replaced by the definition.

    Only in 2020-12 schemas with no embedded `$id`, anchors, dynamic references or nested
    `$schema`, where a definition means the same wherever it is copied; recursive
    definitions stay references. Anything else is returned unchanged, and so is a schema
    whose references chain deeper than Python's stack (`check.compiled_schema`'s
    `schema_failures` refuses it when it is used).
    """
    return local_ref_inliner(schema)(schema)


def local_ref_inliner(schema: Any) -> Callable[[Any], Any]:
    """`inline_local_refs` for the parts of `schema` (a part's references replaced by
    `schema`'s definitions), so that a caller wanting a few parts need not copy it all;
    the identity where `inline_local_refs` would change nothing."""
    if (not isinstance(schema, dict) or not is_latest(schema)
            or not isinstance(schema.get("$defs"), dict) or _has_scoped_keywords(schema)):
        return lambda node: node
    definitions: dict[str, Any] = schema["$defs"]

    def inline(node: Any, seen: tuple[str, ...]) -> Any:
        if not isinstance(node, dict):
            return node
        name = _definition_name(node.get("$ref"))
        if (name is not None and name not in seen and isinstance(definitions.get(name), dict)
                and all(key == "$ref" or is_annotation(key) for key in node)):
            target = inline(definitions[name], (*seen, name))
            return {**target, **{key: value for key, value in node.items() if key != "$ref"}}
        return {key: _inline_keyword(key, value, lambda child: inline(child, seen))
                for key, value in node.items()}

    def inlined(node: Any) -> Any:
        try:
            return inline(node, ())
        except RecursionError:  # a chain of references deeper than the stack: left as
            return node  # references (jsonschema's, whose own recursion is refused, said)

    return inlined


def _inline_keyword(keyword: str, value: Any, inline: Any) -> Any:
    if keyword in _IN_VALUE:
        return inline(value)
    if keyword in _IN_LIST and isinstance(value, list):
        return [inline(item) for item in value]
    if keyword in _IN_MAPPING and isinstance(value, dict):
        return {name: inline(item) for name, item in value.items()}
    return value


def _definition_name(reference: Any) -> str | None:
    """`x` for `#/$defs/x` (JSON Pointer and URI escapes decoded), else None."""
    if not isinstance(reference, str) or not reference.startswith("#/"):
        return None
    tokens = unquote(reference[2:]).split("/")
    if len(tokens) != 2 or tokens[0] != "$defs":
        return None
    return tokens[1].replace("~1", "/").replace("~0", "~")


def _has_scoped_keywords(schema: dict[str, Any]) -> bool:
    """Whether anything below the root (in any position) changes how references resolve."""
    stack: list[Any] = [value for key, value in schema.items() if key not in ("$id", "$schema")]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if not _SCOPED.isdisjoint(node):
                return True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False

