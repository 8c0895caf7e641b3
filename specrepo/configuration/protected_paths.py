"""`approval: protected:` checked against the spec schema: a path no spec can have (a typo
such as `requirments`) would protect nothing, silently, so it is a configuration error."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from specrepo.base.suggest import did_you_mean
from specrepo.model.change_paths import FieldPath


def unknown_protected_paths(schema: Mapping[str, Any], paths: Sequence[FieldPath]
                            ) -> list[tuple[int, str]]:
    """(index of the path, why) for each path whose step the schema forbids: a key absent
    from `properties` where `additionalProperties` is false. Steps the schema leaves open
    (no `properties`, other keys allowed, arrays) cannot be judged and pass."""
    problems = []
    for index, path in enumerate(paths):
        node: Any = schema
        for depth, key in enumerate(path):
            node = _resolved(schema, node)
            properties = node.get("properties") if isinstance(node, dict) else None
            if not isinstance(properties, dict) or node.get("additionalProperties") is not False:
                break
            if key not in properties:
                where = ".".join(path[:depth]) or "a spec"
                suggestion = did_you_mean(key, sorted(properties))
                hint = f"did you mean '{suggestion}'?" if suggestion else \
                    f"its keys: {', '.join(sorted(properties))}"
                problems.append((index, f"{where} has no key '{key}' in the spec schema; "
                                        f"{hint}"))
                break
            node = properties[key]
    return problems


def _resolved(schema: Mapping[str, Any], node: Any) -> Any:
    """`node` with local `$ref`s (`#/$defs/...`) followed."""
    seen = 0
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) \
            and node["$ref"].startswith("#/") and seen < 32:
        target: Any = schema
        for written in node["$ref"][2:].split("/"):
            step = written.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or step not in target:
                return {}
            target = target[step]
        node, seen = target, seen + 1
    return node

