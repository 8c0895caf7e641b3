"""How history checks each mined field of a spec's version: the parts of the schema that
apply to its value, and a predicate with their verdict where they are simple enough."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from specrepo.base.deferred_dataclass import dataclass
from specrepo.check.schema_predicates import Predicate, compile_schema
from specrepo.load.document import JsonPath
from specrepo.load.schema_inline import local_ref_inliner
from specrepo.load.schema_source import SchemaSource
from specrepo.model.fields import FieldMap

if TYPE_CHECKING:
    from specrepo.load.schema_scope import SchemaScope

# The schema's parts, jsonschema with them, are imported when a reader is made (see
# `history.versions`): a warm run that reads no version never loads them.


@dataclass(frozen=True)
class FieldCheck:
    """How to check one mined field: its path, the parts of the schema that apply to its
    value (see `parts_along`), a predicate with their verdict where they are simple enough,
    and whether the schema requires the field."""

    path: JsonPath
    parts: tuple[SchemaScope, ...]
    predicate: Predicate | None
    required: bool


def field_checks(source: SchemaSource, field_map: FieldMap) -> dict[str, FieldCheck]:
    """For each mined field the schema describes plainly (see `parts_along`), how to check
    it. Raises ConfigError naming the schema for a reference on a field's way that
    resolves to nothing."""
    from specrepo.check.schema_parts import parts_along  # noqa: PLC0415 (see above)
    from specrepo.load.schema_scope import root_scope  # noqa: PLC0415

    # Only the mined fields' parts are inlined (see `_predicate`): inlining the whole
    # schema took most of the time here, which a diff spends before it reads a spec.
    root = root_scope(source, checked=True, inline=False)
    inline = local_ref_inliner(source.schema)
    checks = {}
    for name, path in field_map.mined().items():
        found = parts_along(root, path, source.name)
        if found is not None:
            checks[name] = FieldCheck(path, found.parts,
                                      _predicate(found.parts, source, inline), found.required)
    return checks


def _predicate(parts: tuple[SchemaScope, ...], source: SchemaSource,
               inline: Callable[[Any], Any]) -> Predicate | None:
    """A predicate with the verdict of all `parts`, or None where one is not simple enough
    (see `compile_schema`), each part's references to the root schema's definitions
    inlined first (`inline`: see `local_ref_inliner`) where that changes no verdict."""
    from specrepo.load.schema_files import LATEST  # noqa: PLC0415 (loaded: a part is made)

    compiled = [compile_schema(inline(part.contents), part_of=source.schema)
                if part.dialect is LATEST and not part.in_force.ignores_ref_siblings else None
                for part in parts]
    if any(check is None for check in compiled):
        return None
    checks = [check for check in compiled if check is not None]
    return checks[0] if len(checks) == 1 else lambda value: all(check(value) for check in checks)
